/** The desk's front door: a mini-program code to scan with the VIP Card mini-program, and what happens next. */
import { Button, Link, Loading } from 'tdesign-react'
import type { DeskLoginRequest } from '../../../src/api/contract'
import { ON_LOCAL_CLOUD } from '../cloud'
import type { SignIn } from './useDeskSignIn'

/**
 * On the local cloud nobody can scan with WeChat: its stand-in code encodes the H5 preview's URL of the phone's
 * confirmation page, which this link opens (sign in there as 品牌运营 with the preview's identity switcher).
 */
const previewUrl = (request: DeskLoginRequest) => `/#/${request.page}?scene=${encodeURIComponent(request.scene)}`

interface Props {
  state: Exclude<SignIn, { kind: 'signedIn' }>
  onRefresh: () => void
}

const Notice = ({ title, message, onRefresh }: { title: string; message: string; onRefresh: () => void }) => (
  <div className="sign-in__notice">
    <p className="sign-in__notice-title">{title}</p>
    <p className="sign-in__hint">{message}</p>
    <Button theme="primary" onClick={onRefresh}>
      刷新二维码
    </Button>
  </div>
)

export const SignInPage = ({ state, onRefresh }: Props) => (
  <main className="sign-in">
    <section className="sign-in__card" aria-label="扫码登录">
      <h1 className="sign-in__title">VIP Card 运营后台</h1>
      <p className="sign-in__lead">请用手机微信打开 VIP Card 小程序扫码登录（仅限品牌运营）</p>
      <div className="sign-in__code">
        {state.kind === 'starting' && <Loading text="正在生成二维码…" />}
        {state.kind === 'code' && (
          <img
            className="sign-in__image"
            src={`data:${state.request.image.contentType};base64,${state.request.image.base64}`}
            alt="登录二维码"
            width={240}
            height={240}
          />
        )}
        {state.kind === 'expired' && <Notice title="二维码已过期" message="二维码两分钟内有效" onRefresh={onRefresh} />}
        {state.kind === 'refused' && <Notice title="已在手机上取消登录" message="如需登录，请刷新后重新扫码" onRefresh={onRefresh} />}
        {state.kind === 'failed' && <Notice title="暂时无法登录" message={state.message} onRefresh={onRefresh} />}
      </div>
      {state.kind === 'code' && <p className="sign-in__hint">扫码后请在手机上确认登录，二维码两分钟内有效</p>}
      {state.kind === 'code' && ON_LOCAL_CLOUD && (
        <p className="sign-in__hint">
          本地预览：
          <Link theme="primary" href={previewUrl(state.request)} target="_blank">
            在手机预览中打开确认页
          </Link>
        </p>
      )}
      <p className="sign-in__foot">登录后 8 小时内有效，可在小程序运营页面「登录设备」中查看，或让已登录的电脑退出</p>
    </section>
  </main>
)
