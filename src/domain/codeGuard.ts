/**
 * The brake on guessing dynamic member codes at the till.
 *
 * A dynamic code is the member number (printed on the card, read aloud) plus a 6-digit password: looping a
 * till's look-up over random passwords finds a valid one in about half an hour at machine speed. So wrong codes
 * are counted, per member number and per assistant:
 * - 5 wrong codes for one member within 10 minutes lock that member's dynamic code for 15 minutes: every code
 *   of theirs is refused meanwhile, the right one too (the till is told until when), and the store manager of
 *   the till that made the fifth wrong code is alerted on the workbench;
 * - 30 wrong codes from one assistant within an hour pause their till: every staff action that takes a member
 *   code is refused until the store manager resumes it (time alone never does: 30 wrong codes in an hour is a
 *   broken scanner or someone guessing, and either needs a person to look). A manager's own till is resumed by
 *   another manager of the store, or by themself an hour after the pause (a store with one manager).
 * A wrong code is one that passes both check digits (a typo is caught by them, before any look-up, and is not
 * counted: a guesser computes check digits) and whose password no secret of that member made within the
 * look-back: forged, tampered, a reset secret's, or for a member number nobody holds (counted for the till only).
 *
 * The figures are constants, not program rules: the program rules are the member program an operator tunes and
 * the handbook prints; these bound an attack, and loosening them is a code change with a review.
 *
 * The counters live on one document each (`codeGuards/member:<memberNo>`, `codeGuards/till:<staffId>`), written
 * in a transaction that reads them first, so concurrent wrong codes conflict and re-run: none is lost, and a lock
 * or a pause happens once. These documents are an audit trail written by refused calls, by design.
 */
import { AppError } from './errors'
import { businessTime, isBefore, type Instant } from './time'

export const CODE_BRAKE = {
  member: { wrongCodes: 5, withinMinutes: 10, lockMinutes: 15 },
  // A manager's own paused till is resumed by another manager of the store, or by themself after an hour: most
  // stores have one manager, whose till must not stay paused for good.
  till: { wrongCodes: 30, withinMinutes: 60, selfResumeAfterMinutes: 60 },
} as const

/** When a manager may resume their own paused till (null: it is not paused). */
export const selfResumableAt = (guard: TillCodeGuard | null): Instant | null =>
  guard?.pausedAt ? new Date(Date.parse(guard.pausedAt) + CODE_BRAKE.till.selfResumeAfterMinutes * 60_000).toISOString() : null

/** A wrong code as the counters remember it: when, and which till. */
export interface WrongCode {
  at: Instant
  staffId: string
  storeId: string
}

/** `codeGuards/member:<memberNo>`: one member number's wrong codes and locks. */
export interface MemberCodeGuard {
  _id: string
  kind: 'member'
  memberNo: string
  /** The wrong codes within the window (at most the threshold's number, newest last). */
  recent: WrongCode[]
  /** Every wrong code ever counted, locked or not. */
  wrongCodes: number
  locks: number
  lockedAt: Instant | null
  lockedUntil: Instant | null
  updatedAt: Instant
}

/** `codeGuards/till:<staffId>`: one assistant's wrong codes, and whether their till is paused. */
export interface TillCodeGuard {
  _id: string
  kind: 'till'
  staffId: string
  storeId: string
  recent: Instant[]
  wrongCodes: number
  pauses: number
  /** Set while paused; a store manager's resume clears it. */
  pausedAt: Instant | null
  resumedAt: Instant | null
  /** The resuming manager's staffId. */
  resumedBy: string | null
  updatedAt: Instant
}

/** `codeGuards/alert:…`: what the store manager sees on the workbench. */
export interface CodeAlert {
  _id: string
  kind: 'alert'
  alert: 'memberLocked' | 'tillPaused'
  /** The store whose manager is alerted: the till's. */
  storeId: string
  /** The till whose wrong code locked the member or paused itself. */
  staffId: string
  memberNo: string | null
  at: Instant
  /** A lock's end; null for a pause (it lasts until resumed). */
  until: Instant | null
  resolvedAt: Instant | null
  /** The resuming manager's staffId. */
  resolvedBy: string | null
}

export const memberGuardId = (memberNo: string) => `member:${memberNo}`
export const tillGuardId = (staffId: string) => `till:${staffId}`
/** One alert per lock or pause (numbered by the guard's count), so a transaction re-run writes the same one. */
export const lockAlertId = (memberNo: string, lock: number, storeId: string) => `alert:member:${memberNo}:${lock}:${storeId}`
export const pauseAlertId = (staffId: string, pause: number) => `alert:till:${staffId}:${pause}`

const minutes = (n: number) => n * 60_000
/**
 * Within the window around `now`. A real clock only moves forward; the distance either way keeps a test clock
 * that jumps about from counting codes of another day.
 */
const within = (at: Instant, now: Instant, windowMinutes: number) => Math.abs(Date.parse(now) - Date.parse(at)) < minutes(windowMinutes)

/** The end of the member's lock at `now`, or null when their codes are taken. */
export const lockedUntil = (guard: MemberCodeGuard | null, now: Instant): Instant | null =>
  guard?.lockedAt && guard.lockedUntil && !isBefore(now, guard.lockedAt) && isBefore(now, guard.lockedUntil) ? guard.lockedUntil : null

export const isPaused = (guard: TillCodeGuard | null): boolean => !!guard?.pausedAt

export const codeLocked = (until: Instant): AppError =>
  new AppError('CODE_LOCKED', `该会员的动态码因多次输入错误已暂时锁定，请于 ${businessTime(until).format('HH:mm')} 后再扫码`)

export const tillPaused = (): AppError => new AppError('TILL_PAUSED', '您的收银台因多次输入错误的会员码已暂停扫码，请联系店长恢复')

export interface MemberWrongCode {
  guard: MemberCodeGuard
  /** When this wrong code locked the member: the wrong codes that did (whose stores' managers are alerted). */
  lockedBy: WrongCode[] | null
}

/** Counts a wrong code for a member: the fifth within the window locks them. Codes during a lock are counted only. */
export const wrongCodeForMember = (kept: MemberCodeGuard | null, memberNo: string, till: WrongCode): MemberWrongCode => {
  const now = till.at
  const guard: MemberCodeGuard = kept ?? {
    _id: memberGuardId(memberNo),
    kind: 'member',
    memberNo,
    recent: [],
    wrongCodes: 0,
    locks: 0,
    lockedAt: null,
    lockedUntil: null,
    updatedAt: now,
  }
  const counted = { ...guard, wrongCodes: guard.wrongCodes + 1, updatedAt: now }
  if (lockedUntil(guard, now)) return { guard: counted, lockedBy: null }
  const { wrongCodes, withinMinutes, lockMinutes } = CODE_BRAKE.member
  const recent = [...guard.recent.filter((w) => within(w.at, now, withinMinutes)), till].slice(-wrongCodes)
  if (recent.length < wrongCodes) return { guard: { ...counted, recent }, lockedBy: null }
  // Locked: the count starts again when the lock is over.
  const until = new Date(Date.parse(now) + minutes(lockMinutes)).toISOString()
  return { guard: { ...counted, recent: [], locks: guard.locks + 1, lockedAt: now, lockedUntil: until }, lockedBy: recent }
}

export interface TillWrongCode {
  guard: TillCodeGuard
  /** This wrong code paused the till (the alert to write). */
  paused: boolean
}

/** Counts a wrong code for a till: the thirtieth within the hour pauses it. */
export const wrongCodeForTill = (kept: TillCodeGuard | null, till: WrongCode): TillWrongCode => {
  const now = till.at
  const guard: TillCodeGuard = kept ?? {
    _id: tillGuardId(till.staffId),
    kind: 'till',
    staffId: till.staffId,
    storeId: till.storeId,
    recent: [],
    wrongCodes: 0,
    pauses: 0,
    pausedAt: null,
    resumedAt: null,
    resumedBy: null,
    updatedAt: now,
  }
  const counted = { ...guard, storeId: till.storeId, wrongCodes: guard.wrongCodes + 1, updatedAt: now }
  if (isPaused(guard)) return { guard: counted, paused: false }
  const { wrongCodes, withinMinutes } = CODE_BRAKE.till
  const recent = [...guard.recent.filter((at) => within(at, now, withinMinutes)), now].slice(-wrongCodes)
  if (recent.length < wrongCodes) return { guard: { ...counted, recent }, paused: false }
  return { guard: { ...counted, recent: [], pauses: guard.pauses + 1, pausedAt: now }, paused: true }
}

/** A store manager resumes a paused till; its count starts again. Null when it was not paused (nothing to do). */
export const resumeTill = (guard: TillCodeGuard | null, managerId: string, now: Instant): TillCodeGuard | null =>
  guard && isPaused(guard) ? { ...guard, recent: [], pausedAt: null, resumedAt: now, resumedBy: managerId, updatedAt: now } : null
