/**
 * The redemption desk's rules, apart from Taro: what the points buy and how many, checked before asking
 * the server, and where a refusal is shown.
 */
import * as v from 'valibot'
import type { MemberSummary } from '../../api/contract'
import { check } from '../../api/fields'
import { RedeemPointsSchema, type RedeemPointsInput } from '../../api/staffSchemas'
import { errorsByRow, refusalByRow, type RowErrors } from '../../services/formErrors'
import { formatPoints } from '../../wording/points'

export type RedeemRow = 'reason' | 'points'
export type RedeemErrors = RowErrors<RedeemRow>
export type Redemption = Omit<RedeemPointsInput, 'requestId'>

const ROW_OF_FIELD: Record<string, RedeemRow> = { reason: 'reason', points: 'points' }

// The request id is the desk's business, not the assistant's: check everything else.
const RedemptionSchema = v.omit(RedeemPointsSchema, ['requestId'])

/** "500" → 500; anything but whole positive digits is not a number of points. */
export const parsePoints = (text: string): number | null => (/^\d{1,9}$/.test(text.trim()) ? Number(text.trim()) : null)

export const checkRedemption = (
  member: MemberSummary,
  /** The dynamic code scanned for this redemption. */
  memberCode: string,
  reasonText: string,
  pointsText: string,
): { ok: true; input: Redemption } | { ok: false; errors: RedeemErrors } => {
  const points = parsePoints(pointsText)
  const parsed = check(RedemptionSchema, { memberCode, reason: reasonText, points: points ?? Number.NaN })
  const errors: RedeemErrors = parsed.ok ? {} : errorsByRow(ROW_OF_FIELD, parsed.fields)
  // Our own wording for what is not a number; the server's balance for what is more than the member has
  // (it may refuse fewer too, when points expired since the lookup: then its INSUFFICIENT_POINTS says so).
  if (points === null) errors.points = pointsText.trim() ? '兑换积分应为正整数' : '请填写兑换积分'
  else if (points > member.pointsBalance) errors.points = `积分不足：可用 ${formatPoints(member.pointsBalance)} 分`
  return parsed.ok && Object.keys(errors).length === 0 ? { ok: true, input: parsed.value } : { ok: false, errors }
}

/** A refused redemption, by row: too few points at the points. */
export const redeemErrorsFrom = (error: unknown, fallbackMessage: string): RedeemErrors =>
  refusalByRow(error, fallbackMessage, ROW_OF_FIELD, { INSUFFICIENT_POINTS: 'points' })
