import { Picker, Text, View } from '@tarojs/components'
import { BRAND_WORDMARK } from '../../brand'
import { Picture } from '../../components/Picture'
import type { EventView } from '../../api/contract'
import type { TierProgress } from '../../domain/tiers'
import {
  audienceText,
  deadlinesLine,
  eventWhen,
  guestChoices,
  howToJoinText,
  perksLine,
  rsvpBadge,
  seatsLine,
  waitingLine,
} from '../../wording/events'
import { EventPlace } from './EventPlace'
import { mayCancel, offerFor } from './rsvpRules'

interface Props {
  event: EventView
  /** The phone's clock, for which deadlines have passed (the server decides again). */
  now: string
  guests: number
  joining: boolean
  refusal: string | undefined
  onGuests: (count: number) => void
  onRsvp: () => void
  onCancel: () => void
  onTicket: () => void
  /** The caller's way to the next tier: an event of a higher tier says what it takes. */
  progress: TierProgress
  onHandbook: () => void
}

/**
 * One upcoming event: its cover, what and when, where, for whom, seats and deadlines, then the member's own
 * state and the one action that fits it. An event for higher tiers is greyed, says who it is for and what the
 * member's spend still needs to get there.
 */
export const EventItem = ({ event, now, guests, joining, refusal, onGuests, onRsvp, onCancel, onTicket, progress, onHandbook }: Props) => {
  const howToJoin = event.eligible ? null : howToJoinText(event.tiers, progress)
  const offer = offerFor(event, guests, now)
  const mine = event.myRsvp && event.myRsvp.status !== 'cancelled' ? event.myRsvp : null
  const badge = mine ? rsvpBadge(mine) : null
  const perks = perksLine(event)
  const cancellable = mayCancel(event, now)
  return (
    <View className={`event-item${event.eligible ? '' : ' event-item--ineligible'}`}>
      {event.cover && <Picture className="event-item__cover" src={event.coverUrl} label={BRAND_WORDMARK} />}
      <View className="event-item__body">
        <View className="event-item__head">
          <Text className="event-item__title">{event.title}</Text>
          {badge && <Text className={`event-item__badge event-item__badge--${mine!.status}`}>{badge}</Text>}
        </View>
        <Text className="event-item__when">{eventWhen(event)}</Text>
        <EventPlace event={event} calendar={mine?.status === 'confirmed' && !mine.checkedInAt} />
        {event.description && <Text className="event-item__description">{event.description}</Text>}
        <View className="event-item__tags">
          <Text className="event-item__tag">{audienceText(event.tiers)}</Text>
          {perks && <Text className="event-item__perks">{perks}</Text>}
        </View>
        <Text className="event-item__seats">{seatsLine(event)}</Text>
        <Text className="event-item__deadlines">{deadlinesLine(event)}</Text>
        {mine?.status === 'waitlisted' && <Text className="event-item__mine">{waitingLine(mine.ahead)}</Text>}
        {!event.eligible && !mine && (
          <View className="event-item__way">
            {howToJoin && <Text className="event-item__way-text">{howToJoin}</Text>}
            <Text className="event-item__way-link" onClick={onHandbook}>
              了解会员等级 ›
            </Text>
          </View>
        )}
        {refusal && <Text className="event-item__error">{refusal}</Text>}
        <View className="event-item__foot">
          {offer.kind === 'join' && event.maxGuests > 0 ? (
            <Picker mode="selector" range={guestChoices(event.maxGuests)} value={guests} onChange={(e) => onGuests(Number(e.detail.value))}>
              <Text className="event-item__guests">{`${guestChoices(event.maxGuests)[guests]} ▾`}</Text>
            </Picker>
          ) : mine && cancellable ? (
            <Text className="event-item__cancel" onClick={onCancel}>
              {mine.status === 'waitlisted' ? '取消候补' : '取消报名'}
            </Text>
          ) : mine && !mine.checkedInAt ? (
            <Text className="event-item__note">已过取消截止时间</Text>
          ) : (
            <View />
          )}
          {offer.kind === 'join' ? (
            <Text className="event-item__button" onClick={onRsvp}>
              {joining ? '报名中…' : offer.label}
            </Text>
          ) : offer.kind === 'closed' ? (
            <Text className="event-item__button event-item__button--off">{offer.label}</Text>
          ) : mine?.status === 'confirmed' ? (
            <Text className="event-item__button" onClick={onTicket}>
              {mine.checkedInAt ? '已签到' : '查看票券'}
            </Text>
          ) : (
            <Text className="event-item__button event-item__button--quiet" onClick={onTicket}>
              查看进度
            </Text>
          )}
        </View>
      </View>
    </View>
  )
}
