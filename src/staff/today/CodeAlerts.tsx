import { Button, Text, View } from '@tarojs/components'
import type { CodeAlertView } from '../../api/contract'
import { formatMemberNo } from '../../domain/memberNo'
import { dateText } from '../../wording/dates'
import { useCodeAlerts } from './useCodeAlerts'

const when = (instant: string) => dateText(instant, 'nearTime')

const titleOf = (a: CodeAlertView) =>
  a.kind === 'memberLocked'
    ? `会员 ${formatMemberNo(a.memberNo ?? '')} 的动态码已锁定至 ${dateText(a.until!, 'clock')}`
    : `导购 ${a.staff.name} 的收银台${a.open ? '已暂停扫码' : '曾暂停扫码'}`

const lineOf = (a: CodeAlertView) =>
  a.kind === 'memberLocked'
    ? `${when(a.at)} · ${a.staff.name} 的收银台多次输错该会员的会员码`
    : a.open
      ? `${when(a.at)} · 多次输错会员码，请核实后恢复`
      : `${when(a.at)} 暂停 · ${a.resolvedBy ?? ''} 于 ${when(a.resolvedAt!)} 恢复`

interface Props {
  alerts: CodeAlertView[]
  resuming: string | null
  error: string | null
  onResume: (staffId: string) => void
}

/**
 * 安全提醒, above a store manager's lists when there is any: a member's dynamic code locked after wrong codes at a
 * till of the store, a till paused (with 恢复收银), and who resumed one. Nothing when all is quiet.
 */
export const CodeAlerts = ({ alerts, resuming, error, onResume }: Props) =>
  alerts.length === 0 ? null : (
    <View className="desk__panel wb-section code-alerts">
      <View className="wb-section__head">
        <Text className="wb-section__title">安全提醒</Text>
        <Text className="wb-section__count">{alerts.length}</Text>
      </View>
      <Text className="wb-section__hint">多次输错会员码时锁定会员的动态码或暂停收银台，以防他人猜码盗用积分</Text>
      {error && <Text className="form-error">{error}</Text>}
      {alerts.map((a) => (
        <View key={a.id} className={`code-alert${a.open ? ' code-alert--open' : ''}`}>
          <Text className="code-alert__title">{titleOf(a)}</Text>
          <Text className="code-alert__line">{lineOf(a)}</Text>
          {a.open && (
            <Button
              className={`btn btn--secondary code-alert__resume${resuming ? ' btn--disabled' : ''}`}
              disabled={resuming !== null}
              onClick={() => onResume(a.staff.staffId)}
            >
              {resuming === a.staff.staffId ? '正在恢复…' : '恢复收银'}
            </Button>
          )}
        </View>
      ))}
    </View>
  )

/** The panel for a store manager (nothing for an assistant): the alerts read, and resumed from, here. */
export const ManagerCodeAlerts = ({ manager }: { manager: boolean }) => {
  const page = useCodeAlerts(manager)
  return <CodeAlerts alerts={page.alerts} resuming={page.resuming} error={page.error} onResume={(staffId) => void page.resume(staffId)} />
}
