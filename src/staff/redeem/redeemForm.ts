/**
 * The redemption desk's rules, apart from Taro: a catalog item the member can afford, or (store managers only)
 * what the points buy and how many, typed in — checked before asking the server, and where a refusal is shown.
 * The server checks the same (prices are the catalog's; free text is refused to assistants).
 */
import type { MemberSummary, StaffCatalogItem } from '../../api/contract'
import { check } from '../../api/fields'
import { RedeemPointsSchema, type RedeemPointsInput } from '../../api/staffSchemas'
import { errorsByRow, refusalByRow, type RowErrors } from '../../services/formErrors'
import { formatPoints } from '../../wording/points'

export type RedeemRow = 'item' | 'reason' | 'points'
export type RedeemErrors = RowErrors<RedeemRow>

/** What is confirmed: the request (without its id, the desk's business) and, for the confirmation, what and how many. */
export interface Redemption {
  request: Omit<RedeemPointsInput, 'requestId'>
  points: number
  what: string
}

/** The assistant's choice: an item of the catalog, or a store manager's own words and points. */
export type RedeemChoice = { kind: 'item'; item: StaffCatalogItem } | { kind: 'free'; reasonText: string; pointsText: string }

const ROW_OF_FIELD: Record<string, RedeemRow> = { itemId: 'item', reason: 'reason', points: 'points' }

// Checked with the server's schema, the request id standing in until the desk sends its own.
const PLACEHOLDER_REQUEST_ID = 'pending-request'

/** "500" → 500; anything but whole positive digits is not a number of points. */
export const parsePoints = (text: string): number | null => (/^\d{1,9}$/.test(text.trim()) ? Number(text.trim()) : null)

/** Whether the member's points pay for the item: the till offers nothing it would have to refuse. */
export const affordable = (item: Pick<StaffCatalogItem, 'pointsPrice'>, member: Pick<MemberSummary, 'pointsBalance'>): boolean =>
  item.pointsPrice <= member.pointsBalance

const short = (member: MemberSummary) => `积分不足：可用 ${formatPoints(member.pointsBalance)} 分`

export const checkRedemption = (
  member: MemberSummary,
  /** The dynamic code scanned for this redemption. */
  memberCode: string,
  choice: RedeemChoice | null,
): { ok: true; input: Redemption } | { ok: false; errors: RedeemErrors } => {
  if (!choice) return { ok: false, errors: { item: '请选择兑换的礼品' } }
  if (choice.kind === 'item') {
    const { item } = choice
    if (!affordable(item, member)) return { ok: false, errors: { item: short(member) } }
    const parsed = check(RedeemPointsSchema, { memberCode, itemId: item.id, requestId: PLACEHOLDER_REQUEST_ID })
    if (!parsed.ok) return { ok: false, errors: errorsByRow(ROW_OF_FIELD, parsed.fields) }
    return { ok: true, input: { request: { memberCode, itemId: item.id }, points: item.pointsPrice, what: item.title } }
  }
  const points = parsePoints(choice.pointsText)
  const parsed = check(RedeemPointsSchema, {
    memberCode,
    reason: choice.reasonText,
    points: points ?? Number.NaN,
    requestId: PLACEHOLDER_REQUEST_ID,
  })
  const errors: RedeemErrors = parsed.ok ? {} : errorsByRow(ROW_OF_FIELD, parsed.fields)
  // Our own wording for what is not a number; the server's balance for what is more than the member has
  // (it may refuse fewer too, when points expired since the lookup: then its INSUFFICIENT_POINTS says so).
  if (points === null) errors.points = choice.pointsText.trim() ? '兑换积分应为正整数' : '请填写兑换积分'
  else if (points > member.pointsBalance) errors.points = short(member)
  if (!parsed.ok || Object.keys(errors).length > 0) return { ok: false, errors }
  const reason = parsed.value.reason!
  return { ok: true, input: { request: { memberCode, reason, points: points! }, points: points!, what: reason } }
}

/** A refused redemption, by row: too few points at the points (or the item), an item gone at the item. */
export const redeemErrorsFrom = (error: unknown, fallbackMessage: string, free: boolean): RedeemErrors =>
  refusalByRow(error, fallbackMessage, ROW_OF_FIELD, {
    INSUFFICIENT_POINTS: free ? 'points' : 'item',
    OUT_OF_STOCK: 'item',
    LIMIT_REACHED: 'item',
    COUPON_NOT_AVAILABLE: 'item',
  })
