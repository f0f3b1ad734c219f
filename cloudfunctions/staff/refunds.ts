/**
 * Refunds at the till: an order looked up by its number, a refund previewed (a dry run of the same decision),
 * and a full or partial refund of it (keyed by the till's request id).
 */
import type { OrderView } from '../../src/api/contract'
import { LookupOrderSchema, PreviewRefundSchema, RecordRefundSchema } from '../../src/api/schemas'
import { pointsTakenBack, previewRefund as decidePreview } from '../../src/domain/purchase'
import { loadProgram } from '../_lib/reference'
import { staffAction } from '../_lib/runtime'
import { loadOrder, loadOrderMember, recordTillRefund, refundState } from '../_lib/till'
import { memberSummary } from '../_lib/views'
import { actorOf } from './answers'

export const lookupOrder = staffAction(LookupOrderSchema, async ({ orderNo }, ctx): Promise<{ order: OrderView }> => {
  const purchase = await loadOrder(ctx.staff.storeId, orderNo)
  const member = await loadOrderMember(purchase)
  return {
    order: {
      orderNo: purchase.orderNo,
      amountFen: purchase.amountFen,
      refundedFen: purchase.refundedFen,
      at: purchase.at,
      pointsEarned: purchase.pointsEarned,
      pointsTakenBack: pointsTakenBack(purchase),
      pointsShortfall: purchase.pointsShortfall ?? 0,
      member: memberSummary(member, ctx.now),
    },
  }
})

/**
 * What a refund of `amountFen` would take back, what it could not (points already used) and the tier after: the
 * refund's own pure decision run on the same reads, writing nothing — so the confirmation cannot promise what
 * the refund will not do.
 */
export const previewRefund = staffAction(PreviewRefundSchema, async ({ orderNo, amountFen }, ctx) => {
  const program = await loadProgram({ fresh: true })
  const { order, member, history } = await refundState(ctx.staff.storeId, orderNo)
  return { preview: decidePreview(member, order, history, { amountFen, at: ctx.now, actor: actorOf(ctx) }, program) }
})

/** A full or partial refund of an order recorded at this store (the rules: _lib/till.ts recordTillRefund). */
export const recordRefund = staffAction(RecordRefundSchema, async (input, ctx) => recordTillRefund(ctx.staff, input, ctx.now))
