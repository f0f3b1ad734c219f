/**
 * The operator's manual adjustment, apart from Taro: a direction and a number of points (a phone's number
 * keyboard has no minus sign), and a reason the audit will show, checked with the server's own schema.
 */
import * as v from 'valibot'
import type { MemberSummary } from '../../api/contract'
import { check } from '../../api/fields'
import { AdjustPointsSchema, type AdjustPointsInput } from '../../api/opsSchemas'
import { errorsByRow, refusalByRow, type RowErrors } from '../../services/formErrors'
import { formatPoints } from '../../wording/points'

export type Direction = 'add' | 'deduct'
export type AdjustRow = 'points' | 'reason'
export type AdjustErrors = RowErrors<AdjustRow>
export type Adjustment = Omit<AdjustPointsInput, 'requestId'>

const ROW_OF_FIELD: Record<string, AdjustRow> = { points: 'points', reason: 'reason' }

// The request id is the page's business, not the operator's: check everything else.
const AdjustmentSchema = v.omit(AdjustPointsSchema, ['requestId'])

export const checkAdjustment = (
  member: MemberSummary,
  direction: Direction,
  pointsText: string,
  reasonText: string,
): { ok: true; input: Adjustment } | { ok: false; errors: AdjustErrors } => {
  const magnitude = /^\d{1,9}$/.test(pointsText.trim()) ? Number(pointsText.trim()) : null
  const points = magnitude === null ? Number.NaN : direction === 'add' ? magnitude : -magnitude
  const parsed = check(AdjustmentSchema, { memberCode: member.memberNo, points, reason: reasonText })
  const errors: AdjustErrors = parsed.ok ? {} : errorsByRow(ROW_OF_FIELD, parsed.fields)
  if (magnitude === null) errors.points = pointsText.trim() ? '积分应为正整数' : '请填写调整积分'
  else if (direction === 'deduct' && magnitude > member.pointsBalance) {
    errors.points = `扣减后积分将为负数：当前 ${formatPoints(member.pointsBalance)} 分`
  }
  return parsed.ok && Object.keys(errors).length === 0 ? { ok: true, input: parsed.value } : { ok: false, errors }
}

/** A refused adjustment, by row: a deduction beyond the balance at the points. */
export const adjustErrorsFrom = (error: unknown, fallbackMessage: string): AdjustErrors =>
  refusalByRow(error, fallbackMessage, ROW_OF_FIELD, { INSUFFICIENT_POINTS: 'points' })
