import { Button, Text, View } from '@tarojs/components'
import { StatusScreen } from '../../components/StatusScreen'
import { eventWhen } from '../../wording/events'
import { formatPoints } from '../../wording/points'
import { StaffDesk } from '../shared/StaffDesk'
import { useStoreEvents } from './useStoreEvents'
import './index.scss'

/** "活动签到": the store's upcoming events; tapping one opens its door screen. */
const StoreEventsPage = () => {
  const page = useStoreEvents()
  const { state } = page
  return (
    <StaffDesk>
      {state.status === 'loading' && <StatusScreen mark="…" title="正在加载本店活动" />}
      {state.status === 'failed' && (
        <StatusScreen mark="!" title="活动暂时打不开" message={state.message}>
          <Button className="btn btn--primary" onClick={page.retry}>
            重新加载
          </Button>
        </StatusScreen>
      )}
      {state.status === 'ready' && (
        <View className="desk__panel">
          <Text className="desk__step">本店活动 · 选择活动开始签到</Text>
          {state.events.length === 0 ? (
            <Text className="store-events__empty">本店暂无即将举办的活动</Text>
          ) : (
            state.events.map((event) => (
              <View key={event.id} className="store-event" onClick={() => page.openDoor(event)}>
                <View className="store-event__main">
                  <Text className="store-event__title">{event.title}</Text>
                  <Text className="store-event__line">{eventWhen(event)}</Text>
                  <Text className="store-event__line">
                    {[
                      `已报名 ${formatPoints(event.capacity - event.seatsLeft)}/${formatPoints(event.capacity)} 人`,
                      event.waiting > 0 ? `候补 ${formatPoints(event.waiting)} 人` : null,
                      event.attendancePoints > 0 ? `签到得 ${formatPoints(event.attendancePoints)} 积分` : null,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </Text>
                </View>
                <Text className="store-event__chevron">›</Text>
              </View>
            ))
          )}
        </View>
      )}
    </StaffDesk>
  )
}

export default StoreEventsPage
