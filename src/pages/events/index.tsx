import { Button, Text, View } from '@tarojs/components'
import { LocalIdentitySwitcher } from '../../components/LocalIdentitySwitcher'
import { StatusScreen } from '../../components/StatusScreen'
import { eventWhen } from '../../wording/events'
import { EventItem } from './EventItem'
import { RsvpResult } from './RsvpResult'
import { useEvents } from './useEvents'
import './index.scss'

const EventsPage = () => {
  const page = useEvents()
  const { state, joined, confirmingCancel: cancelling } = page
  const now = new Date().toISOString()
  return (
    <View className="events-page">
      {state.status === 'loading' && <StatusScreen mark="…" title="正在加载会员活动" />}
      {state.status === 'failed' && (
        <StatusScreen mark="!" title="会员活动暂时打不开" message={state.message}>
          <Button className="btn btn--primary" onClick={page.retry}>
            重新加载
          </Button>
        </StatusScreen>
      )}
      {state.status === 'ready' && joined && (
        <RsvpResult joined={joined} templates={page.templates} onTickets={page.openTickets} onDone={page.done} />
      )}
      {state.status === 'ready' && !joined && cancelling && (
        <View className="events-page__panel">
          <Text className="events-page__step">{cancelling.myRsvp?.status === 'waitlisted' ? '取消候补前请确认' : '取消报名前请确认'}</Text>
          <View className="event-cancel">
            <Text className="event-cancel__title">{cancelling.title}</Text>
            <Text className="event-cancel__line">{eventWhen(cancelling)}</Text>
            {cancelling.myRsvp?.status === 'confirmed' && (
              <Text className="event-cancel__line">{`取消后您的 ${cancelling.myRsvp.seats} 个名额将按顺序让给候补会员`}</Text>
            )}
            <Text className="event-cancel__line">取消后可再次报名，但需重新排队</Text>
          </View>
          {page.cancelError && <Text className="form-error">{page.cancelError}</Text>}
          {page.cancelUnanswered && <Text className="events-page__note">未收到结果，可放心重试：同一报名只会取消一次。</Text>}
          <Button
            className={`btn btn--primary events-page__action${page.cancelSubmitting ? ' btn--disabled' : ''}`}
            disabled={page.cancelSubmitting}
            onClick={page.confirmCancel}
          >
            {page.cancelSubmitting ? '正在取消…' : page.cancelUnanswered ? '重试取消' : '确认取消'}
          </Button>
          {!page.cancelSubmitting && (
            <Text className="events-page__link" onClick={page.keepRsvp}>
              不取消了
            </Text>
          )}
        </View>
      )}
      {state.status === 'ready' && !joined && !cancelling && (
        <>
          <View className="events-page__intro">
            <View className="events-page__intro-text">
              <Text className="events-page__title">会员活动</Text>
              <Text className="events-page__hint">沙龙、新品发布与亲子活动，报名后凭票券到店签到</Text>
            </View>
            <Text className="events-page__mine" onClick={page.openTickets}>
              我的活动 ›
            </Text>
          </View>
          {page.cancelled && <Text className="events-page__done">{`已取消「${page.cancelled.title}」的报名`}</Text>}
          {page.cancelError && <Text className="form-error">{page.cancelError}</Text>}
          {state.events.length === 0 ? (
            <View className="events-page__empty">
              <Text>暂无即将举办的活动，敬请期待</Text>
            </View>
          ) : (
            state.events.map((event) => (
              <EventItem
                key={event.id}
                event={event}
                now={now}
                guests={page.guests[event.id] ?? 0}
                joining={page.joining === event.id}
                refusal={page.refusals[event.id]}
                onGuests={(count) => page.chooseGuests(event.id, count)}
                onRsvp={() => page.rsvp(event)}
                onCancel={() => page.askCancel(event)}
                onTicket={page.openTickets}
                progress={state.progress}
                onHandbook={page.openHandbook}
              />
            ))
          )}
        </>
      )}
      <LocalIdentitySwitcher />
    </View>
  )
}

export default EventsPage
