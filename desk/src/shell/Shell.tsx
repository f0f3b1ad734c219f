/** The signed-in desk: the sidebar of the operators' areas, the header with who is signed in, and the page. */
import { Suspense, type ReactNode } from 'react'
import { NavLink, useLocation } from 'react-router-dom'
import { Button, Layout, Loading, Menu } from 'tdesign-react'
import type { Operator } from '../signIn/useDeskSignIn'
import type { DeskPage } from './pages'

interface Props {
  operator: Operator
  /** The pages this operator's permissions open. */
  pages: DeskPage[]
  onSignOut: () => void
  children: ReactNode
}

export const Shell = ({ operator, pages, onSignOut, children }: Props) => {
  const { pathname } = useLocation()
  const current = pages.find((p) => pathname.startsWith(p.path))?.path ?? pages[0]?.path
  return (
    <Layout className="shell">
      <Layout.Aside className="shell__aside" width="208px">
        <div className="shell__brand">VIP Card 运营后台</div>
        <Menu value={current} theme="light" width="208px">
          {pages.map((page) => (
            <Menu.MenuItem key={page.path} value={page.path}>
              <NavLink to={page.path} className="shell__link">
                {page.title}
              </NavLink>
            </Menu.MenuItem>
          ))}
        </Menu>
      </Layout.Aside>
      <Layout>
        <Layout.Header className="shell__header">
          <span className="shell__who">{`${operator.name}（${operator.operatorId}）`}</span>
          <Button variant="text" onClick={onSignOut}>
            退出登录
          </Button>
        </Layout.Header>
        <Layout.Content className="shell__content">
          <Suspense fallback={<Loading className="shell__loading" text="正在加载…" />}>{children}</Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  )
}
