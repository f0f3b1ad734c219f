/**
 * An event's rules as the shopper's page applies them, apart from Taro: what the button offers now, whether
 * an RSVP of this size joins the waitlist, and whether it may still be cancelled. The server decides again;
 * this only keeps a doomed tap from being offered and says why.
 */
import type { EventView } from '../../api/contract'
import { isBefore, type Instant } from '../../domain/time'
import { onlyForText } from '../../wording/events'

export type EventOffer =
  /** May RSVP: confirmed while the seats fit and nobody waits, else on the waitlist. */
  | { kind: 'join'; label: '报名' | '加入候补' }
  /** May not: a higher tier's event, or RSVPs have closed. */
  | { kind: 'closed'; label: string }
  /** Holds an RSVP already (confirmed or waiting). */
  | { kind: 'held' }

/** As the server decides: anyone waiting, or too few seats for 1 + guests, means the waitlist. */
export const joinsWaitlist = (event: Pick<EventView, 'waiting' | 'seatsLeft'>, guests: number): boolean =>
  event.waiting > 0 || event.seatsLeft < 1 + guests

export const offerFor = (event: EventView, guests: number, now: Instant): EventOffer => {
  if (event.myRsvp && event.myRsvp.status !== 'cancelled') return { kind: 'held' }
  if (!event.eligible) return { kind: 'closed', label: onlyForText(event.tiers) }
  if (event.status !== 'open' || !isBefore(now, event.rsvpDeadline)) return { kind: 'closed', label: '报名已截止' }
  return { kind: 'join', label: joinsWaitlist(event, guests) ? '加入候补' : '报名' }
}

/** A held RSVP may be cancelled until the cancellation deadline, and not once checked in. */
export const mayCancel = (event: EventView, now: Instant): boolean =>
  !!event.myRsvp && event.myRsvp.status !== 'cancelled' && !event.myRsvp.checkedInAt && isBefore(now, event.cancelDeadline)
