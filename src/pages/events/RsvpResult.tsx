import { Button, Text, View } from '@tarojs/components'
import type { SubscribeTemplates } from '../../api/contract'
import { CouponCode } from '../../components/CouponCode'
import { ReminderOptIn } from '../../components/ReminderOptIn'
import { eventWhen, formatTicketCode, seatsText, waitlistText } from '../../wording/events'
import type { Joined } from './useEvents'

const CONFIRMED_KINDS = ['eventReminder'] as const
const WAITING_KINDS = ['eventReminder', 'waitlistPromoted'] as const

const CONFIRMED_REMINDER = {
  title: '活动提醒',
  offer: '活动前一天微信提醒您一次',
  accepted: '已开启：活动前一天微信提醒您',
  declined: '未开启提醒，请记得准时到场',
}
const WAITING_REMINDER = {
  title: '候补与活动提醒',
  offer: '候补成功时、活动前一天微信通知您',
  accepted: '已开启：候补成功与活动前一天微信通知您',
  declined: '未开启提醒，可在「我的活动」查看候补进度',
}

interface Props {
  joined: Joined
  templates: SubscribeTemplates | null
  onTickets: () => void
  onDone: () => void
}

/** After an RSVP: the ticket to show at the door, or the place on the waitlist; then the reminder. */
export const RsvpResult = ({ joined: { event, replayed }, templates, onTickets, onDone }: Props) => {
  const rsvp = event.myRsvp!
  const confirmed = rsvp.status === 'confirmed'
  return (
    <View className="events-page__panel rsvp-result">
      <View className={`rsvp-result__mark rsvp-result__mark--${confirmed ? 'confirmed' : 'waiting'}`} />
      <Text className="rsvp-result__title">{confirmed ? (replayed ? '您已报名该活动' : '报名成功') : waitlistText(rsvp.ahead)}</Text>
      <Text className="rsvp-result__event">{event.title}</Text>
      <Text className="rsvp-result__line">{`${eventWhen(event)}${event.store ? ` · ${event.store.name}` : ''}`}</Text>
      {confirmed && rsvp.ticketCode ? (
        <View className="rsvp-result__ticket">
          <CouponCode code={rsvp.ticketCode} digits={formatTicketCode(rsvp.ticketCode)} />
          <Text className="rsvp-result__hint">{`${seatsText(rsvp.seats)} · 到场时出示此码，导购扫码签到`}</Text>
        </View>
      ) : (
        <Text className="rsvp-result__hint">有名额空出时按候补顺序自动补上，补上后在「我的活动」查看票券</Text>
      )}
      {templates && (
        <View className="rsvp-result__reminder">
          <ReminderOptIn
            templates={templates}
            kinds={confirmed ? CONFIRMED_KINDS : WAITING_KINDS}
            wording={confirmed ? CONFIRMED_REMINDER : WAITING_REMINDER}
          />
        </View>
      )}
      <Button className="btn btn--primary events-page__action" onClick={onTickets}>
        查看我的活动
      </Button>
      <Text className="events-page__link" onClick={onDone}>
        返回活动列表
      </Text>
    </View>
  )
}
