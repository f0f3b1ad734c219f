import { Button, Text, View } from '@tarojs/components'
import type { EventView } from '../../api/contract'
import { LocalIdentitySwitcher } from '../../components/LocalIdentitySwitcher'
import { StatusScreen } from '../../components/StatusScreen'
import { eventDay } from '../../wording/events'
import { formatPoints } from '../../wording/points'
import { TicketCard } from './TicketCard'
import { useTickets } from './useTickets'
import './index.scss'

/** What came of a past ticket: the points for coming, 已签到 when the event gave none, or 未签到 (a no-show). */
const attendedMark = (event: EventView): string =>
  !event.myRsvp?.checkedInAt ? '未签到' : event.attendancePoints > 0 ? `+${formatPoints(event.attendancePoints)} 积分` : '已签到'

const TicketsPage = () => {
  const page = useTickets()
  const { state } = page
  return (
    <View className="tickets-page">
      {state.status === 'loading' && <StatusScreen mark="…" title="正在加载我的活动" />}
      {state.status === 'failed' && (
        <StatusScreen mark="!" title="我的活动暂时打不开" message={state.message}>
          <Button className="btn btn--primary" onClick={page.retry}>
            重新加载
          </Button>
        </StatusScreen>
      )}
      {state.status === 'ready' && (
        <>
          <Text className="tickets-page__section">即将参加</Text>
          {state.upcoming.length === 0 ? (
            <View className="tickets-page__empty">
              <Text className="tickets-page__empty-title">还没有报名的活动</Text>
              <Text className="tickets-page__empty-link" onClick={page.openEvents}>
                看看近期会员活动 ›
              </Text>
            </View>
          ) : (
            state.upcoming.map((event) => <TicketCard key={event.id} event={event} />)
          )}

          <Text className="tickets-page__section">已参加</Text>
          {state.attended.length === 0 ? (
            <View className="tickets-page__empty">
              <Text className="tickets-page__empty-title">到场签到后的活动会显示在这里</Text>
            </View>
          ) : (
            <View className="tickets-page__attended">
              {state.attended.map((event) => (
                <View key={event.id} className="attended-row">
                  <View className="attended-row__main">
                    <Text className="attended-row__title">{event.title}</Text>
                    <Text className="attended-row__line">{`${eventDay(event.startsAt)}${event.store ? ` · ${event.store.name}` : ''}`}</Text>
                  </View>
                  <Text className={`attended-row__points${event.myRsvp?.checkedInAt ? '' : ' attended-row__points--missed'}`}>
                    {attendedMark(event)}
                  </Text>
                </View>
              ))}
            </View>
          )}
        </>
      )}
      <LocalIdentitySwitcher />
    </View>
  )
}

export default TicketsPage
