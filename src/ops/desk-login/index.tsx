import Taro, { useRouter } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { StatusScreen } from '../../components/StatusScreen'
import { ROUTES } from '../../routes'
import { dateText } from '../../wording/dates'
import { OpsDesk } from '../shared/OpsDesk'
import { requestIdFromScene } from './deskLoginScene'
import { OwnerClaim } from './OwnerClaim'
import { useDeskLogin } from './useDeskLogin'
import { useOwnerClaim } from './useOwnerClaim'
import './index.scss'

const toSessions = () => void Taro.navigateTo({ url: ROUTES.opsDeskSessions })

/**
 * Opened by scanning the desk's sign-in code: shows which computer asks, and lets the operator confirm or refuse.
 * Before the brand has any operator, the scanner may claim it with the printed code instead (OwnerClaim).
 */
const DeskLoginPage = () => {
  const { params } = useRouter()
  const requestId = requestIdFromScene(params.scene)
  const claim = useOwnerClaim(requestId)
  if (claim.state.kind === 'checking')
    return (
      <View className="ops-page">
        <StatusScreen mark="…" title="正在读取登录请求" />
      </View>
    )
  if (claim.state.kind !== 'notClaimable') return <OwnerClaim claim={claim} />
  return <OperatorLogin requestId={requestId} />
}

const OperatorLogin = ({ requestId }: { requestId: string | null }) => {
  const { screen, approve, refuse, retry } = useDeskLogin(requestId)
  return (
    <OpsDesk title="运营后台登录">
      {() => (
        <View className="ops-page__panel desk-login">
          {screen.kind === 'loading' && <Text className="ops-page__empty">正在读取登录请求…</Text>}
          {screen.kind === 'failed' && (
            <StatusScreen mark="!" title="登录请求暂时打不开" message={screen.message}>
              <Button className="btn btn--primary" onClick={retry}>
                重新加载
              </Button>
            </StatusScreen>
          )}
          {screen.kind === 'stale' && (
            <StatusScreen mark="!" title="二维码已失效" message="请在电脑上刷新二维码后重新扫码。二维码两分钟内有效，且只能使用一次。" />
          )}
          {screen.kind === 'asking' && (
            <>
              <Text className="desk-login__title">电脑请求登录运营后台</Text>
              <View className="desk-login__facts">
                <Text className="desk-login__fact">{`浏览器 ${screen.view.browser}`}</Text>
                <Text className="desk-login__fact">{`IP 地址 ${screen.view.ip || '未知'}`}</Text>
                <Text className="desk-login__fact">{`请求时间 ${dateText(screen.view.requestedAt, 'auditTime')}`}</Text>
              </View>
              <Text className="desk-login__warn">
                请确认是您本人刚在电脑上扫的码。确认后，这台电脑将以您的运营身份登录 8 小时，可随时在「登录设备」中让它退出。
              </Text>
              {screen.error && <Text className="form-error">{screen.error}</Text>}
              <Button className="btn btn--primary" disabled={screen.answering} onClick={approve}>
                {screen.answering ? '正在处理…' : '确认登录'}
              </Button>
              <Button className="btn btn--secondary desk-login__refuse" disabled={screen.answering} onClick={refuse}>
                取消登录
              </Button>
            </>
          )}
          {screen.kind === 'answered' && (
            <>
              <Text className="ops-page__done">{screen.approved ? '已确认，电脑端将自动登录' : '已取消，这台电脑不会登录'}</Text>
              <Button className="btn btn--secondary" onClick={toSessions}>
                查看登录设备
              </Button>
            </>
          )}
        </View>
      )}
    </OpsDesk>
  )
}

export default DeskLoginPage
