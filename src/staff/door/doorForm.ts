/**
 * The door's rules, apart from Taro: a ticket code checked before asking the server (10 digits with a check
 * digit), what a check-in answer means for the screen, and the guest list's figures and states.
 */
import type { CheckInResult, GuestView } from '../../api/contract'
import { CheckInSchema } from '../../api/eventSchemas'
import { check } from '../../api/fields'
import { isValidTicketCode } from '../../domain/memberNo'
import { checkInTime } from '../../wording/events'

/** The ticket code from what was typed or scanned, or the reason it cannot be one. */
export const checkTicketCode = (text: string): { ok: true; code: string } | { ok: false; message: string } => {
  const parsed = check(CheckInSchema, { ticketCode: text })
  if (!parsed.ok) return { ok: false, message: parsed.fields[0].message }
  // The check digit catches a mistyped digit or a swapped pair before asking the server.
  if (!isValidTicketCode(parsed.value.ticketCode)) return { ok: false, message: '票码有误，请核对后重新输入' }
  return { ok: true, code: parsed.value.ticketCode }
}

/** What the big block at the door shows after a scan. */
export type DoorOutcome =
  /** Checked in now: points credited (if the event gives any). */
  | { kind: 'in'; result: CheckInResult; otherEvent: string | null }
  /** Checked in before: when, and no points this time. */
  | { kind: 'again'; result: CheckInResult; otherEvent: string | null }
  /** Refused: an unknown or cancelled ticket, another store's event, outside the event's day. */
  | { kind: 'refused'; message: string }

/** The server's answer for this door; a ticket for another of the store's events is named. */
export const outcomeOf = (result: CheckInResult, doorEventId: string): DoorOutcome => {
  const otherEvent = result.event.id === doorEventId ? null : result.event.title
  return result.already ? { kind: 'again', result, otherEvent } : { kind: 'in', result, otherEvent }
}

export interface GuestCounts {
  /** People (guests included) holding confirmed seats, and those of them checked in. */
  expected: number
  arrived: number
  /** RSVPs waiting. */
  waiting: number
}

export const guestCounts = (guests: readonly GuestView[]): GuestCounts => {
  const confirmed = guests.filter((g) => g.status === 'confirmed')
  return {
    expected: confirmed.reduce((sum, g) => sum + g.seats, 0),
    arrived: confirmed.filter((g) => g.checkedInAt).reduce((sum, g) => sum + g.seats, 0),
    waiting: guests.filter((g) => g.status === 'waitlisted').length,
  }
}

/** A guest's state on the list: "14:03 签到", "未签到", "候补 3". */
export const guestState = (guest: GuestView): { text: string; kind: 'in' | 'expected' | 'waiting' } => {
  if (guest.status === 'waitlisted') return { text: `候补 ${guest.waitNo ?? ''}`.trim(), kind: 'waiting' }
  return guest.checkedInAt ? { text: `${checkInTime(guest.checkedInAt)} 签到`, kind: 'in' } : { text: '未签到', kind: 'expected' }
}
