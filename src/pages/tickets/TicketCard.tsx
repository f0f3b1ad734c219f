import { Text, View } from '@tarojs/components'
import type { EventView } from '../../api/contract'
import { CouponCode } from '../../components/CouponCode'
import { EventPlace } from '../events/EventPlace'
import { checkedInText, eventWhen, formatTicketCode, rsvpBadge, seatsText, waitingLine } from '../../wording/events'

/** An event to come as the member holds it: the ticket's QR and digits for the door, or the waitlist place. */
export const TicketCard = ({ event }: { event: EventView }) => {
  const rsvp = event.myRsvp!
  return (
    <View className="ticket-card">
      <View className="ticket-card__head">
        <Text className="ticket-card__title">{event.title}</Text>
        <Text className={`ticket-card__badge ticket-card__badge--${rsvp.checkedInAt ? 'in' : rsvp.status}`}>{rsvpBadge(rsvp)}</Text>
      </View>
      <Text className="ticket-card__when">{eventWhen(event)}</Text>
      <EventPlace event={event} calendar={rsvp.status === 'confirmed' && !rsvp.checkedInAt} />
      {rsvp.status === 'confirmed' && rsvp.ticketCode && (
        <View className="ticket-card__code">
          <CouponCode code={rsvp.ticketCode} digits={formatTicketCode(rsvp.ticketCode)} dimmed={!!rsvp.checkedInAt} />
          <Text className="ticket-card__hint">
            {rsvp.checkedInAt
              ? `${checkedInText(rsvp.checkedInAt)} · ${seatsText(rsvp.seats)}`
              : `${seatsText(rsvp.seats)} · 到场时出示此码，导购扫码签到`}
          </Text>
        </View>
      )}
      {rsvp.status === 'waitlisted' && <Text className="ticket-card__waiting">{waitingLine(rsvp.ahead)}</Text>}
    </View>
  )
}
