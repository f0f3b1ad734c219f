/**
 * The waitlist in the database. A departure (a cancellation, an RSVP withdrawn with a deleted membership) or a
 * larger capacity frees seats, and waiting RSVPs take them in order. The domain decides who moves up
 * (`releaseRsvp`, `editEvent`); this is the one place that reads the waitlist head for that decision, writes
 * what it decided and tells the promoted.
 */
import { randomInt } from 'node:crypto'
import type { MemberEvent, Rsvp } from '../../src/domain/events'
import { generateTicketCode } from '../../src/domain/memberNo'
import { businessTime } from '../../src/domain/time'
import type { Transaction } from './cloud'
import { data, tx } from './data'
import { duplicateKeyIndex } from './errors'
import { notify } from './messages'
import { inTransaction, StaleRead, withFreshReads } from './transaction'

/** How far down the waitlist one change may promote at once. */
const PROMOTION_WINDOW = 20

export const newTicketCode = () => generateTicketCode(() => randomInt(10))

/** Confirms with a ticket: the ticket document's id is its code, so a clash is refused by the database. */
export const issueTicketsIn = async (t: Transaction, confirmed: Rsvp[]) => {
  for (const r of confirmed) {
    if (r.ticketCode) await tx(t).tickets.add({ _id: r.ticketCode, rsvpId: r._id, eventId: r.eventId })
  }
}

/** A one-in-10^9 ticket-code clash re-rolls the whole transaction. */
export const withFreshTickets = async <T>(attempt: () => Promise<T>): Promise<T> => {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt()
    } catch (e) {
      if (tries < 3 && duplicateKeyIndex(e) === '_id_') continue
      throw e
    }
  }
}

/**
 * Runs `work` in one transaction with the event's waitlist head, oldest first. The head is read before the
 * transaction (a transaction reads single documents); `work` re-reads it with `stillWaitingIn`, and a head that
 * changed meanwhile sends the whole round again, as does a ticket-code clash.
 */
export const withWaitlistHead = <T>(eventId: string, work: (t: Transaction, queue: Rsvp[]) => Promise<T>): Promise<T> =>
  withFreshTickets(() =>
    withFreshReads(async () => {
      const queue = await data.rsvps.where({ eventId, status: 'waitlisted' }).orderBy('waitNo', 'asc').limit(PROMOTION_WINDOW).get()
      return inTransaction((t) => work(t, queue))
    }),
  )

/** Inside the transaction: each RSVP of the head read before it is still waiting, or the round starts again. */
export const stillWaitingIn = async (t: Transaction, queue: Rsvp[]): Promise<void> => {
  for (const head of queue) {
    const now = await tx(t).rsvps.get(head._id)
    if (now?.status !== 'waitlisted') throw new StaleRead()
  }
}

/** A decision that moved seats: the event after it, the RSVP given up (if one was), the RSVPs promoted. */
export interface SeatsMoved {
  event: MemberEvent
  cancelled?: Rsvp
  promoted: Rsvp[]
}

/**
 * Writes a decision that moved seats: the event's seat counters (the whole event when an operator edited it:
 * `whole`), the RSVP given up, and the promoted RSVPs with their tickets.
 */
export const promoteWaitlistIn = async (t: Transaction, d: SeatsMoved, { whole = false } = {}): Promise<void> => {
  const w = tx(t)
  if (whole) await w.events.put(d.event)
  else await w.events.update(d.event._id, { seatsTaken: d.event.seatsTaken, waiting: d.event.waiting })
  for (const r of [...(d.cancelled ? [d.cancelled] : []), ...d.promoted]) await w.rsvps.put(r)
  await issueTicketsIn(t, d.promoted)
}

/** Waitlisted members who got a seat hear it (when they consented). */
export const tellPromoted = async (event: MemberEvent, promoted: Rsvp[]) => {
  for (const r of promoted) {
    await notify(r.memberId, 'waitlistPromoted', 'pages/events/index', {
      thing1: { value: event.title.slice(0, 20) },
      time2: { value: businessTime(event.startsAt).format('YYYY年M月D日 HH:mm') },
      thing3: { value: '候补成功，您已获得活动名额' },
    })
  }
}
