/**
 * The till's checks, apart from Taro: the amount and order number before recording (the member code is
 * checked by ../shared/memberCode). Amounts go from what was typed straight to integer fen; never a float.
 */
import { check } from '../../api/fields'
import { RecordPurchaseSchema, type RecordPurchaseInput } from '../../api/staffSchemas'
import { parseYuanToFen } from '../../domain/money'
import { errorsByRow, refusalByRow, type RowErrors } from '../../services/formErrors'
import type { CouponKey } from '../shared/useCouponLookup'

export type PurchaseRow = 'amount' | 'orderNo' | 'coupon'
export type PurchaseErrors = RowErrors<PurchaseRow>

// The member code was confirmed a step earlier: a problem with it goes to the form.
const ROW_OF_FIELD: Record<string, PurchaseRow> = { amountFen: 'amount', orderNo: 'orderNo', couponCode: 'coupon', couponId: 'coupon' }

export const checkPurchase = (
  memberCode: string,
  amountText: string,
  orderNo: string,
  /** The coupon checked for this purchase (by its code, or by id when tapped in the member's list), used in the same call. */
  coupon?: CouponKey,
): { ok: true; input: RecordPurchaseInput } | { ok: false; errors: PurchaseErrors } => {
  const amountFen = parseYuanToFen(amountText)
  const parsed = check(RecordPurchaseSchema, {
    memberCode,
    amountFen: amountFen ?? Number.NaN, // NaN fails the schema
    orderNo,
    ...(coupon === undefined ? {} : 'code' in coupon ? { couponCode: coupon.code } : { couponId: coupon.couponId }),
  })
  if (parsed.ok) return { ok: true, input: parsed.value }
  // Our own wording for an unparseable amount wins over the schema's "must be a number".
  const amountError = amountFen === null ? { amount: amountText.trim() ? '金额格式不对，例如 520 或 520.50' : '请填写金额' } : {}
  return { ok: false, errors: errorsByRow(ROW_OF_FIELD, parsed.ok ? [] : parsed.fields, amountError) }
}

/**
 * A refused purchase, by row: a reused order number next to the order number; a coupon used meanwhile (another
 * till won the race), no longer applicable or not found, at the coupon.
 */
export const purchaseErrorsFrom = (error: unknown, fallbackMessage: string): PurchaseErrors =>
  refusalByRow(error, fallbackMessage, ROW_OF_FIELD, {
    IDEMPOTENCY_CONFLICT: 'orderNo',
    COUPON_ALREADY_USED: 'coupon',
    COUPON_NOT_APPLICABLE: 'coupon',
    COUPON_NOT_FOUND: 'coupon',
  })
