import { Button, Text, View } from '@tarojs/components'
import { StatusScreen } from '../../components/StatusScreen'
import { businessTime } from '../../domain/time'
import { assistantLine, CustomerRow } from '../shared/CustomerRow'
import { StaffDesk } from '../shared/StaffDesk'
import { todaySections } from './todaySections'
import { useToday } from './useToday'
import '../shared/workbench.scss'
import './index.scss'

/** "今日与本月": birthdays this month, VIPs about to lapse, the win-back lists, callbacks due; each row opens the record. */
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
                {`${businessTime(state.today.serverTime).format('M月D日')} · ${staff.role === 'manager' ? '本店全部顾客' : '我负责的顾客'}`}
              </Text>
              {todaySections(state.today).map((section) => (
                <View key={section.key} className={`desk__panel wb-section today-section--${section.key}`}>
                  <View className="wb-section__head">
                    <Text className="wb-section__title">{section.title}</Text>
                    <Text className="wb-section__count">{section.customers.length}</Text>
                  </View>
                  <Text className="wb-section__hint">{section.hint}</Text>
                  {section.customers.length === 0 ? (
                    <Text className="wb-section__empty">{section.empty}</Text>
                  ) : (
                    section.customers.map((c) => (
                      <CustomerRow key={c.memberNo} customer={c} lines={[section.line(c), assistantLine(c, staff.role === 'manager')]} />
                    ))
                  )}
                </View>
              ))}
            </>
          )}
        </>
      )}
    </StaffDesk>
  )
}

export default TodayPage
