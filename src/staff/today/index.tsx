import { Button, Text } from '@tarojs/components'
import { StatusScreen } from '../../components/StatusScreen'
import { assistantLine } from '../../components/Workbench/CustomerRow'
import { TodaySections } from '../../components/Workbench/TodaySections'
import { dateText } from '../../wording/dates'
import { customerUrl } from '../../routes'
import { StaffDesk } from '../shared/StaffDesk'
import { ManagerCodeAlerts } from './CodeAlerts'
import { useToday } from './useToday'
import './index.scss'

/**
 * "今日与本月": birthdays this month, VIPs about to lapse, the win-back lists, callbacks due; each row opens the
 * record. A store manager also finds 安全提醒 above them when the brake on guessing member codes has acted.
 */
const TodayPage = () => {
  const page = useToday()
  const { state } = page
  return (
    <StaffDesk>
      {(staff) => (
        <>
          {state.status === 'loading' && <StatusScreen mark="…" title="正在加载今日名单" />}
          {state.status === 'failed' && (
            <StatusScreen mark="!" title="今日名单暂时打不开" message={state.message}>
              <Button className="btn btn--primary" onClick={page.retry}>
                重新加载
              </Button>
            </StatusScreen>
          )}
          {state.status === 'ready' && (
            <>
              <Text className="today-date">
                {`${dateText(state.today.serverTime, 'nearDay')} · ${staff.role === 'manager' ? '本店全部顾客' : '我负责的顾客'}`}
              </Text>
              <ManagerCodeAlerts manager={staff.role === 'manager'} />
              <TodaySections today={state.today} desk="desk" whose={(c) => assistantLine(c, staff.role === 'manager')} url={customerUrl} />
            </>
          )}
        </>
      )}
    </StaffDesk>
  )
}

export default TodayPage
