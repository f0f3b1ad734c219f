/**
 * The birthday correction, apart from Taro: the new birthday (month and day, the year optional) and the
 * reason the member's record will keep, checked with the server's own schema and calendar rule.
 */
import type { MemberSummary } from '../../api/contract'
import { check } from '../../api/fields'
import { CorrectBirthdaySchema, type CorrectBirthdayInput } from '../../api/staffSchemas'
import { birthdayProblem, type Birthday } from '../../domain/member'
import { errorsByRow, refusalByRow, type RowErrors } from '../../services/formErrors'

export type BirthdayRow = 'birthday' | 'reason'
export type BirthdayErrors = RowErrors<BirthdayRow>

const ROW_OF_FIELD: Record<string, BirthdayRow> = {
  birthday: 'birthday',
  'birthday.month': 'birthday',
  'birthday.day': 'birthday',
  'birthday.year': 'birthday',
  reason: 'reason',
}

export interface BirthdayDraft {
  month: number | null
  day: number | null
  year: number | null
}

/** "8月1日", or "1990年8月1日" when the year is known. */
export const birthdayWords = (b: Birthday): string => `${b.year ? `${b.year}年` : ''}${b.month}月${b.day}日`

export const checkCorrection = (
  member: MemberSummary,
  draft: BirthdayDraft,
  reasonText: string,
  today: { year: number; month: number; day: number },
): { ok: true; input: CorrectBirthdayInput } | { ok: false; errors: BirthdayErrors } => {
  const birthday =
    draft.month === null || draft.day === null
      ? undefined
      : { month: draft.month, day: draft.day, ...(draft.year === null ? {} : { year: draft.year }) }
  const parsed = check(CorrectBirthdaySchema, { memberCode: member.memberNo, birthday, reason: reasonText })
  const errors: BirthdayErrors = parsed.ok ? {} : errorsByRow(ROW_OF_FIELD, parsed.fields)
  // The calendar check (30 February, a date still to come) also runs when the reason is missing, to show both.
  const calendar = birthday && !errors.birthday ? birthdayProblem(birthday, today) : null
  if (calendar) errors.birthday = calendar
  return parsed.ok && !calendar ? { ok: true, input: parsed.value } : { ok: false, errors }
}

/** A refused correction, by row: the server's calendar check at the birthday. */
export const correctionErrorsFrom = (error: unknown, fallbackMessage: string): BirthdayErrors =>
  refusalByRow(error, fallbackMessage, ROW_OF_FIELD)
