/**
 * The refund desk's rules, apart from Taro: the order number before a lookup, the amount before a refund
 * (integer fen, never more than is left), and where a refusal is shown.
 */
import * as v from 'valibot'
import type { OrderView, RefundPreview } from '../../api/contract'
import { check } from '../../api/fields'
import { LookupOrderSchema, RecordRefundSchema, type RecordRefundInput } from '../../api/staffSchemas'
import { formatYuan, parseYuanToFen, type Fen } from '../../domain/money'
import { TIER_NAMES } from '../../domain/program'
import { errorsByRow, refusalByRow, type RowErrors } from '../../services/formErrors'
import { formatPoints } from '../../wording/points'

/** What is left to refund on an order. */
export const refundableFen = (order: OrderView): Fen => order.amountFen - order.refundedFen

/** "520" or "520.50": an amount as the assistant would type it, to prefill the amount field. */
export const yuanInputText = (fen: Fen): string => {
  const cents = fen % 100
  return `${Math.floor(fen / 100)}${cents === 0 ? '' : `.${String(cents).padStart(2, '0')}`}`
}

/**
 * The confirmation's promise, from the server's dry run of this very refund (staff.previewRefund): what it takes
 * back, what it cannot (points the member already used) and the tier it leaves — "可扣回 306，另有 323 已使用；
 * 退款后等级由 VIP会员 调整为 普通会员". The refund makes the same decision, so its receipt says the same.
 */
export const refundPreviewLines = (preview: RefundPreview): [points: string, tier: string] => {
  const points =
    preview.pointsReversed === 0 && preview.shortfall === 0
      ? '本单无积分需扣回'
      : `可扣回 ${formatPoints(preview.pointsReversed)}` + (preview.shortfall > 0 ? `，另有 ${formatPoints(preview.shortfall)} 已使用` : '')
  const tier =
    preview.tierAfter === preview.tierBefore
      ? `退款后等级不变（${TIER_NAMES[preview.tierAfter]}）`
      : `退款后等级由 ${TIER_NAMES[preview.tierBefore]} 调整为 ${TIER_NAMES[preview.tierAfter]}`
  return [points, tier]
}

export const refundPreviewWording = (preview: RefundPreview): string => refundPreviewLines(preview).join('；')

export const checkOrderNo = (text: string): { ok: true; orderNo: string } | { ok: false; message: string } => {
  const parsed = check(LookupOrderSchema, { orderNo: text })
  return parsed.ok ? { ok: true, orderNo: parsed.value.orderNo } : { ok: false, message: parsed.fields[0].message }
}

export type RefundRow = 'orderNo' | 'amount'
export type RefundErrors = RowErrors<RefundRow>
export type Refund = Omit<RecordRefundInput, 'requestId'>

const ROW_OF_FIELD: Record<string, RefundRow> = { amountFen: 'amount', orderNo: 'orderNo' }

// The request id is the desk's business, not the assistant's: check everything else.
const RefundAmountSchema = v.omit(RecordRefundSchema, ['requestId'])

export const checkRefund = (order: OrderView, amountText: string): { ok: true; input: Refund } | { ok: false; errors: RefundErrors } => {
  const amountFen = parseYuanToFen(amountText)
  if (amountFen === null)
    return { ok: false, errors: { amount: amountText.trim() ? '金额格式不对，例如 520 或 520.50' : '请填写退款金额' } }
  const left = refundableFen(order)
  if (amountFen > left) return { ok: false, errors: { amount: `超过该订单可退金额 ${formatYuan(left)}` } }
  const parsed = check(RefundAmountSchema, { orderNo: order.orderNo, amountFen })
  if (!parsed.ok) return { ok: false, errors: errorsByRow(ROW_OF_FIELD, parsed.fields) }
  return { ok: true, input: { orderNo: order.orderNo, amountFen } }
}

/** A refused refund, by row: the amount's problems at the amount, an order refunded meanwhile there too. */
export const refundErrorsFrom = (error: unknown, fallbackMessage: string): RefundErrors =>
  refusalByRow(error, fallbackMessage, ROW_OF_FIELD, { ALREADY_REFUNDED: 'amount' })
