/**
 * Member events (salons, new-season launches, VIP shopping days): RSVP with capacity and a waitlist, check-in
 * at the door, attendance points. The event document holds the counters (seats taken, waitlist numbers), so
 * every RSVP and cancellation is a conditional write of one document inside a transaction; each member's RSVP
 * is its own document keyed by event + member, so nobody is on the list twice.
 */
import { settleExpiry } from './balance'
import { credit, expiryFor } from './points'
import { AppError, fieldRefused, invalidInput } from './errors'
import type { LedgerEntry } from './ledger'
import type { Member } from './member'
import type { ProgramRules, TierId } from './program'
import { effectiveTier, type TierState } from './tiers'
import { businessTime, isBefore, type Instant } from './time'

export interface MemberEvent {
  _id: string
  title: string
  description: string
  /** The cover picture's fileID (src/domain/images.ts), '' for none. */
  cover: string
  storeId: string
  startsAt: Instant
  endsAt: Instant
  /** People, guests included. */
  capacity: number
  tiers: TierId[]
  /** RSVPs close at this instant (exclusive). */
  rsvpDeadline: Instant
  /** Cancelling is possible until this instant (exclusive). */
  cancelDeadline: Instant
  /** Points for attending (checked in), 0 = none. */
  attendancePoints: number
  /** Guests a member may bring (+1 = 1). */
  maxGuests: number
  status: 'open' | 'closed'
  /** Seats held by confirmed RSVPs (guests included): never more than capacity. */
  seatsTaken: number
  /** People waiting; while anyone waits, new RSVPs join the waitlist (first come, first served). */
  waiting: number
  /** The next waitlist number: the order in which waiting RSVPs are promoted. */
  nextWaitNo: number
  createdBy: string
  createdAt: Instant
  /** The operator's last edit. */
  updatedAt?: Instant
  updatedBy?: string
  /** When an operator stopped new RSVPs. */
  closedAt?: Instant
  closedBy?: string
}

export const RSVP_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const
export type RsvpStatus = (typeof RSVP_STATUSES)[number]

/** `rsvps/<eventId>:<memberId>`: one per member and event. */
export interface Rsvp {
  _id: string
  eventId: string
  memberId: string
  /** 1 + guests. */
  seats: number
  status: RsvpStatus
  /** Set when confirmed: 10 digits with a check digit, scanned at the door. */
  ticketCode: string | null
  waitNo: number | null
  createdAt: Instant
  confirmedAt: Instant | null
  cancelledAt: Instant | null
  checkedInAt: Instant | null
  checkedInBy: string | null
  /** When the day-before reminder went out (never twice). */
  remindedAt: Instant | null
}

export const rsvpId = (eventId: string, memberId: string) => `${eventId}:${memberId}`
export const attendanceEntryId = (rsvp: Pick<Rsvp, '_id'>) => `attend:${rsvp._id}`

/**
 * Where a held RSVP goes on 我的活动: 即将参加 until it is checked in or the event ends; then 已参加 — once
 * checked in (the event may still be on), or when it ended with the ticket confirmed (attended or not: the page
 * says which). A place still waiting when the event ended is no ticket of anything: it goes nowhere.
 */
export const ticketShelf = (
  r: Pick<Rsvp, 'status' | 'checkedInAt'>,
  event: Pick<MemberEvent, 'endsAt'>,
  now: Instant,
): 'upcoming' | 'attended' | null => {
  if (r.status === 'cancelled') return null
  if (r.checkedInAt) return 'attended'
  if (isBefore(now, event.endsAt)) return 'upcoming'
  return r.status === 'confirmed' ? 'attended' : null
}

export const EVENT_PHASES = ['upcoming', 'running', 'closed', 'ended'] as const
/**
 * Where an event stands for operators: 未开始 (open, not started), 进行中 (open, started), 已停止报名 (closed by an
 * operator before it ended) and 已结束 (ended, closed or not: its end is what a guest list is read against).
 */
export type EventPhase = (typeof EVENT_PHASES)[number]

export const eventPhase = (event: Pick<MemberEvent, 'status' | 'startsAt' | 'endsAt'>, now: Instant): EventPhase => {
  if (!isBefore(now, event.endsAt)) return 'ended'
  if (event.status === 'closed') return 'closed'
  return isBefore(now, event.startsAt) ? 'upcoming' : 'running'
}

/** Whether a member of this tier may RSVP; higher-tier events are shown greyed ("for VIP members"). */
export const mayAttend = (event: Pick<MemberEvent, 'tiers'>, member: TierState, now: Instant): boolean =>
  event.tiers.includes(effectiveTier(member, now))

export interface RsvpDecision {
  event: MemberEvent
  rsvp: Rsvp
}

/**
 * An RSVP: confirmed when the seats fit and nobody is waiting, else on the waitlist with the next number.
 * A member who cancelled may RSVP again (a new place in the queue).
 */
export const rsvp = (
  event: MemberEvent,
  existing: Rsvp | null,
  member: Member,
  guests: number,
  ticketCode: string,
  now: Instant,
): RsvpDecision => {
  if (event.status !== 'open') throw new AppError('EVENT_CLOSED', '活动已关闭报名')
  if (!isBefore(now, event.rsvpDeadline)) throw new AppError('RSVP_DEADLINE_PASSED', '报名已截止')
  if (!mayAttend(event, member, now)) throw new AppError('FORBIDDEN', `该活动仅限${event.tiers.map(tierWord).join('、')}报名`)
  if (guests > event.maxGuests)
    throw fieldRefused('guests', event.maxGuests === 0 ? '该活动不可携带同伴' : `最多可携带 ${event.maxGuests} 位同伴`)
  if (existing && existing.status !== 'cancelled') return { event, rsvp: existing }
  const seats = 1 + guests
  if (seats > event.capacity) throw fieldRefused('guests', `活动共 ${event.capacity} 个名额`)
  const base = {
    _id: rsvpId(event._id, member._id),
    eventId: event._id,
    memberId: member._id,
    seats,
    createdAt: now,
    cancelledAt: null,
    // A check-in is never undone: an RSVP cancelled after one (possible before `cancel` refused it) keeps it
    // when made again, as its attendance entry (keyed by the RSVP) keeps the points credited then.
    checkedInAt: existing?.checkedInAt ?? null,
    checkedInBy: existing?.checkedInBy ?? null,
    remindedAt: null,
  }
  if (event.waiting === 0 && event.seatsTaken + seats <= event.capacity) {
    return {
      event: { ...event, seatsTaken: event.seatsTaken + seats },
      rsvp: { ...base, status: 'confirmed', ticketCode, waitNo: null, confirmedAt: now },
    }
  }
  return {
    event: { ...event, waiting: event.waiting + 1, nextWaitNo: event.nextWaitNo + 1 },
    rsvp: { ...base, status: 'waitlisted', ticketCode: null, waitNo: event.nextWaitNo, confirmedAt: null },
  }
}

/**
 * Cancels an RSVP before the cancellation deadline, then promotes waiting RSVPs strictly in waitlist order
 * while the head fits the freed seats. `queue` is the waitlist head, oldest first (read before the
 * transaction; the caller re-checks each is still waiting). Returns who was promoted, to notify them.
 */
export const cancel = (
  event: MemberEvent,
  current: Rsvp,
  queue: Rsvp[],
  ticketCodes: () => string,
  now: Instant,
): { event: MemberEvent; cancelled: Rsvp; promoted: Rsvp[] } => {
  if (current.status === 'cancelled') throw new AppError('RSVP_ALREADY_CANCELLED', '报名已取消')
  // The guest came: freeing the seat now would hand it to the waitlist while the attendance points stay.
  if (current.checkedInAt) throw new AppError('ALREADY_CHECKED_IN', '您已签到入场，不能再取消报名')
  if (!isBefore(now, event.cancelDeadline)) throw new AppError('CANCEL_DEADLINE_PASSED', '已过取消截止时间，如需取消请联系门店')
  return releaseRsvp(event, current, queue, ticketCodes, now)
}

/**
 * An RSVP given up — cancelled by the member, or withdrawn with a deleted membership: its seats (or its place on
 * the waitlist) freed, and the freed seats given down the waitlist in order. The one decision behind every
 * promotion that follows someone leaving; the callers decide whether they may leave.
 */
export const releaseRsvp = (
  event: MemberEvent,
  current: Rsvp,
  queue: Rsvp[],
  ticketCodes: () => string,
  now: Instant,
): { event: MemberEvent; cancelled: Rsvp; promoted: Rsvp[] } => {
  const wasConfirmed = current.status === 'confirmed'
  const freed: MemberEvent = {
    ...event,
    seatsTaken: event.seatsTaken - (wasConfirmed ? current.seats : 0),
    waiting: event.waiting - (wasConfirmed ? 0 : 1),
  }
  const cancelled: Rsvp = { ...current, status: 'cancelled', cancelledAt: now, ticketCode: null }
  const filled = promoteWaiting(
    freed,
    queue.filter((r) => r._id !== current._id),
    ticketCodes,
    now,
  )
  return { event: filled.event, cancelled, promoted: filled.promoted }
}

/** Free seats go to the waitlist in order; the first who does not fit stops it (nobody jumps the queue). */
export const promoteWaiting = (
  event: MemberEvent,
  queue: Rsvp[],
  ticketCodes: () => string,
  now: Instant,
): { event: MemberEvent; promoted: Rsvp[] } => {
  let next = event
  const promoted: Rsvp[] = []
  for (const head of queue) {
    if (next.seatsTaken + head.seats > next.capacity) break
    next = { ...next, seatsTaken: next.seatsTaken + head.seats, waiting: next.waiting - 1 }
    promoted.push({ ...head, status: 'confirmed', ticketCode: ticketCodes(), confirmedAt: now })
  }
  return { event: next, promoted }
}

export type EventEdit = Pick<
  MemberEvent,
  'title' | 'description' | 'cover' | 'startsAt' | 'endsAt' | 'capacity' | 'rsvpDeadline' | 'cancelDeadline'
>

/**
 * An operator's edit: words, times and capacity. Never under the seats already confirmed (people hold
 * tickets); a larger capacity goes to the waitlist in order. An event that has ended is history.
 */
export const editEvent = (event: MemberEvent, edit: EventEdit, queue: Rsvp[], ticketCodes: () => string, now: Instant) => {
  if (!isBefore(now, event.endsAt)) throw new AppError('EVENT_ENDED', '活动已结束，不能再修改')
  if (edit.capacity < event.seatsTaken) {
    throw invalidInput([{ field: 'capacity', message: `名额不能少于已确认的 ${event.seatsTaken} 人` }])
  }
  const edited: MemberEvent = { ...event, ...edit }
  return event.status === 'open' ? promoteWaiting(edited, queue, ticketCodes, now) : { event: edited, promoted: [] }
}

export type CheckIn =
  | { already: false; rsvp: Rsvp; member: Member; entries: LedgerEntry[] }
  /** `recovered`: the RSVP had lost the mark of a check-in its attendance entry proves; `rsvp` carries it again. */
  | { already: true; rsvp: Rsvp; recovered: boolean }

/** The attendance entry already credited for an RSVP, if any: when, and by whom. */
export type Credited = Pick<LedgerEntry, 'at' | 'actor'> | null

/**
 * Checks a ticket in at the door, once: the first scan credits the attendance points (an entry keyed by the
 * RSVP, so a second credit is impossible); a second scan reports when it was checked in. `credited` is that
 * entry when it exists: an RSVP cancelled after its check-in and made again (before cancelling a check-in was
 * refused) came back unmarked with a new ticket, and its check-in is the entry's.
 */
export const checkIn = (
  event: MemberEvent,
  ticket: Rsvp,
  member: Member,
  staffId: string,
  now: Instant,
  program: ProgramRules,
  credited: Credited = null,
): CheckIn => {
  if (ticket.status !== 'confirmed') throw new AppError('TICKET_NOT_CONFIRMED', '该报名未确认或已取消')
  if (ticket.checkedInAt) return { already: true, rsvp: ticket, recovered: false }
  if (credited) return { already: true, rsvp: { ...ticket, checkedInAt: credited.at, checkedInBy: credited.actor.id }, recovered: true }
  if (isBefore(now, businessTime(event.startsAt).startOf('day').toISOString()) || !isBefore(now, event.endsAt)) {
    throw new AppError('OUTSIDE_CHECK_IN_TIME', '不在活动签到时间内')
  }
  const rsvpAfter: Rsvp = { ...ticket, checkedInAt: now, checkedInBy: staffId }
  if (event.attendancePoints <= 0) return { already: false, rsvp: rsvpAfter, member, entries: [] }
  const actor = { type: 'staff' as const, id: staffId, storeId: event.storeId }
  const settled = settleExpiry(member, now, actor, program.version)
  const expiresAt = expiryFor(now, program)
  const after = credit(settled.member, event.attendancePoints, expiresAt)
  return {
    already: false,
    rsvp: rsvpAfter,
    member: after,
    entries: [
      ...settled.entries,
      {
        _id: attendanceEntryId(ticket),
        memberId: member._id,
        kind: 'earn',
        points: event.attendancePoints,
        balanceAfter: after.pointsBalance,
        reason: `活动签到：${event.title}`,
        actor,
        source: { type: 'event', id: ticket._id, eventId: event._id },
        at: now,
        programVersion: program.version,
        expiresAt,
      },
    ],
  }
}

const TIER_WORDS: Record<TierId, string> = { member: '会员', vip: 'VIP会员', gold: '金卡会员' }
const tierWord = (tier: TierId) => TIER_WORDS[tier]
