/**
 * Corrections an operator makes to a member's record outside the ledger (the birthday, the store and its shop
 * assistant), decided here, and the audit record each leaves: who, when, what, why. The record is kept in
 * `memberAudit/<operatorId>:<requestId>`, written in the same transaction as the change, so a change without its
 * record (or the reverse) cannot exist, and a retried request finds its record and changes nothing twice.
 */
import { AppError, fieldRefused } from './errors'
import { birthdayProblem, type Birthday, type Member } from './member'
import { businessTime, type Instant } from './time'

/** Where a member belongs: the store and its assistant who looks after them (both may be none). */
export interface Placement {
  storeId: string | null
  assistantId: string | null
}

export type MemberChange =
  | { kind: 'birthday'; from: Birthday; to: Birthday }
  | { kind: 'store'; from: Placement; to: Placement }
  /** A birthday correction of a member whose data was erased: that it happened stays on record, not the dates. */
  | { kind: 'birthday'; erased: true }

/** `memberAudit/<operatorId>:<requestId>`: one operator's change to one member's record. */
export interface MemberAuditRecord {
  _id: string
  memberId: string
  memberNo: string
  at: Instant
  /** The operator's operatorId. */
  by: string
  /** Where the operator made it: the mini-program, or the operators' desk (absent on records made before the desk). */
  source?: 'miniprogram' | 'desk'
  reason: string
  change: MemberChange
}

export const memberAuditId = (operatorId: string, requestId: string) => `${operatorId}:${requestId}`

export const sameBirthday = (a: Birthday, b: Birthday): boolean =>
  a.month === b.month && a.day === b.day && (a.year ?? null) === (b.year ?? null)

const samePlacement = (a: Placement, b: Placement) => a.storeId === b.storeId && a.assistantId === b.assistantId

/** Whether a retried request asks for the same change as the record its id already holds. */
export const sameRequest = (record: MemberAuditRecord, memberId: string, request: MemberRequest, reason: string): boolean => {
  if (record.memberId !== memberId || record.reason !== reason) return false
  const done = record.change
  if (request.kind === 'birthday') return done.kind === 'birthday' && 'to' in done && sameBirthday(done.to, request.to)
  return done.kind === 'store' && samePlacement(done.to, request.to)
}

/** What a request asks for: the new birthday, or the new store and assistant. */
export type MemberRequest = { kind: 'birthday'; to: Birthday } | { kind: 'store'; to: Placement }

/** The record with the member's birthdays taken out (their data erased): the correction stays, its dates go. */
export const withoutBirthdays = (record: MemberAuditRecord): MemberAuditRecord =>
  record.change.kind === 'birthday' ? { ...record, change: { kind: 'birthday', erased: true } } : record

const calendarDay = (now: Instant) => {
  const today = businessTime(now)
  return { year: today.year(), month: today.month() + 1, day: today.date() }
}

/** Refuses a birthday no one can have (a day the month lacks, a date still to come), whoever's it would be. */
export const checkBirthday = (birthday: Birthday, now: Instant): void => {
  const problem = birthdayProblem(birthday, calendarDay(now))
  if (problem) throw fieldRefused('birthday', problem)
}

/** A correction of the birthday: the member after it and the change to record. */
export const correctBirthday = (member: Member, birthday: Birthday, now: Instant): { member: Member; change: MemberChange } => {
  checkBirthday(birthday, now)
  if (sameBirthday(member.birthday, birthday)) throw fieldRefused('birthday', '新生日与现有生日相同，无需更正')
  return { member: { ...member, birthday }, change: { kind: 'birthday', from: member.birthday, to: birthday } }
}

/**
 * The birthday card a correction gives (staff's and operators' alike): corrected into the current business month,
 * this year's card is issued now, because the month's job has already run; into any other month, nothing now — a
 * month still to come gets it from the job on its 1st, a month gone by had its chance. The card's key is member +
 * year (bday:<member>:<year>), so whichever way a birthday is moved, a member holds at most one card a year: a
 * member who had this year's card under the old birthday gets no second one.
 */
export const birthdayCardOnCorrection = (corrected: Birthday, now: Instant): { year: number } | null => {
  const today = calendarDay(now)
  return corrected.month === today.month ? { year: today.year } : null
}

/**
 * A move to another store (or, within the store, to another of its assistants). The assistant, when named, is one
 * of the new store's active staff (the caller checks it against the staff records); none leaves the member for
 * the new store's manager to assign. Purchases, points, coupons and callbacks stay with the member as they were.
 */
export const moveStore = (member: Member, to: Placement): { member: Member; change: MemberChange } => {
  if (to.storeId === null) throw fieldRefused('storeId', '请选择门店')
  const from: Placement = { storeId: member.storeId, assistantId: member.assistantId }
  if (samePlacement(from, to)) throw fieldRefused(to.assistantId ? 'assistantId' : 'storeId', '会员已在该门店（及该导购）名下，无需转移')
  return { member: { ...member, storeId: to.storeId, assistantId: to.assistantId }, change: { kind: 'store', from, to } }
}

/** A request id used before for another change (another member, value or reason) is refused, never applied. */
export const requestConflict = () => new AppError('IDEMPOTENCY_CONFLICT', '该请求编号已用于另一项修改，请重新提交')
