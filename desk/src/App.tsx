/** The desk: the sign-in page until an operator confirms on the phone, then the signed-in areas. */
import { HashRouter, Navigate, Route, Routes } from 'react-router-dom'
import { Shell } from './shell/Shell'
import { DESK_PAGES } from './shell/pages'
import { SignInPage } from './signIn/SignInPage'
import { useDeskSignIn } from './signIn/useDeskSignIn'

export const App = () => {
  const { state, showCode, signOut } = useDeskSignIn()
  if (state.kind !== 'signedIn') return <SignInPage state={state} onRefresh={() => void showCode()} />
  const { areas } = state.operator
  const pages = DESK_PAGES.filter((p) => !p.area || areas.includes(p.area))
  return (
    // Hash routes: static hosting serves one index.html whatever the path.
    <HashRouter>
      <Shell operator={state.operator} pages={pages} onSignOut={() => void signOut()}>
        <Routes>
          {pages.map(({ path, component: Page }) => (
            <Route key={path} path={`${path}/*`} element={<Page />} />
          ))}
          <Route path="*" element={<Navigate to={pages[0].path} replace />} />
        </Routes>
      </Shell>
    </HashRouter>
  )
}
