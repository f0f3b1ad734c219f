import { Button, Text, View } from '@tarojs/components'
import { StatusScreen } from '../../components/StatusScreen'
import { ROUTES } from '../../routes'
import { dateText } from '../../wording/dates'
import { OpsDesk } from '../shared/OpsDesk'
import { OpsNav } from '../shared/OpsNav'
import { useDeskSessions } from './useDeskSessions'
import './index.scss'

const STATE_WORDS = { active: '登录中', ended: '已过期', revoked: '已退出' } as const

/** 登录设备: the computers signed in to the operators' desk with this operator's phone, and a way to end each. */
const DeskSessionsPage = () => {
  const { list, ending, error, end, retry } = useDeskSessions()
  return (
    <OpsDesk title="登录设备">
      {() => (
        <>
          <OpsNav current={ROUTES.opsDeskSessions} />
          <View className="ops-page__panel">
            <Text className="ops-page__note desk-sessions__lead">
              最近 30 天用您的小程序扫码登录运营后台的电脑。每次登录 8 小时内有效；不认识的登录请立即退出。
            </Text>
            {error && <Text className="form-error">{error}</Text>}
            {list.status === 'loading' && <Text className="ops-page__empty">正在加载…</Text>}
            {list.status === 'failed' && (
              <StatusScreen mark="!" title="登录设备暂时打不开" message={list.message}>
                <Button className="btn btn--primary" onClick={retry}>
                  重新加载
                </Button>
              </StatusScreen>
            )}
            {list.status === 'ready' && list.sessions.length === 0 && <Text className="ops-page__empty">最近 30 天没有登录过运营后台</Text>}
            {list.status === 'ready' &&
              list.sessions.map((session) => (
                <View key={session.id} className="desk-sessions__item">
                  <View className="desk-sessions__head">
                    <Text className="desk-sessions__browser">{session.browser}</Text>
                    <Text className={`desk-sessions__state desk-sessions__state--${session.state}`}>{STATE_WORDS[session.state]}</Text>
                  </View>
                  <Text className="desk-sessions__line">{`IP 地址 ${session.ip || '未知'}`}</Text>
                  <Text className="desk-sessions__line">{`登录于 ${dateText(session.createdAt, 'auditTime')}`}</Text>
                  {session.state === 'active' && (
                    <>
                      <Text className="desk-sessions__line">{`有效期至 ${dateText(session.expiresAt, 'auditTime')}`}</Text>
                      <Button className="btn btn--secondary desk-sessions__end" disabled={ending !== null} onClick={() => end(session)}>
                        {ending === session.id ? '正在退出…' : '让这台电脑退出登录'}
                      </Button>
                    </>
                  )}
                </View>
              ))}
          </View>
        </>
      )}
    </OpsDesk>
  )
}

export default DeskSessionsPage
