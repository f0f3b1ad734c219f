/**
 * Refunds at the till: an order looked up by its number, a refund previewed (a dry run of the same decision),
 * and a full or partial refund of it (keyed by the till's request id).
 */
import type { OrderView, RefundResult } from '../../src/api/contract'
import { LookupOrderSchema, PreviewRefundSchema, RecordRefundSchema } from '../../src/api/schemas'
import { AppError } from '../../src/domain/errors'
import {
  pointsTakenBack,
  previewRefund as decidePreview,
  purchaseId,
  recordRefund as decideRefund,
  refundId,
  type PurchaseRecord,
} from '../../src/domain/purchase'
import { purchaseHistory, writeRefundIn } from '../_lib/purchases'
import { loadMember, readMemberIn } from '../_lib/members'
import { loadProgram } from '../_lib/reference'
import { staffAction, type StaffContext } from '../_lib/runtime'
import { data, tx } from '../_lib/data'
import { inTransaction, StaleRead, withFreshReads } from '../_lib/transaction'
import { memberSummary } from '../_lib/views'
import { actorOf, identityOf, refundAnswer } from './answers'

const loadOrder = async (storeId: string, orderNo: string): Promise<PurchaseRecord> => {
  const purchase = await data.purchases.get(purchaseId(storeId, orderNo))
  if (!purchase) throw new AppError('ORDER_NOT_FOUND', `本店没有订单 ${orderNo} 的消费记录`)
  return purchase
}

const loadOrderMember = async (purchase: Pick<PurchaseRecord, 'memberId'>) => {
  const member = await loadMember(purchase.memberId)
  if (!member) throw new AppError('MEMBER_NOT_FOUND', '未找到该订单的会员')
  return member
}

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

/** The refund as it would be decided now: its input and the state it reads are those of recordRefund. */
const refundState = async (ctx: StaffContext, orderNo: string) => {
  const order = await loadOrder(ctx.staff.storeId, orderNo)
  const member = await loadOrderMember(order)
  return { order, member, history: await purchaseHistory(member._id) }
}

/**
 * What a refund of `amountFen` would take back, what it could not (points already used) and the tier after: the
 * refund's own pure decision run on the same reads, writing nothing — so the confirmation cannot promise what
 * the refund will not do.
 */
export const previewRefund = staffAction(PreviewRefundSchema, async ({ orderNo, amountFen }, ctx) => {
  const program = await loadProgram({ fresh: true })
  const { order, member, history } = await refundState(ctx, orderNo)
  return { preview: decidePreview(member, order, history, { amountFen, at: ctx.now, actor: actorOf(ctx) }, program) }
})

/**
 * A full or partial refund of an order recorded at this store. The tier is recomputed from the member's
 * purchase history, which is read before the transaction (a transaction reads single documents only); the
 * member's historyRevision, checked inside it, proves that history is still current, else it is re-read.
 */
export const recordRefund = staffAction(RecordRefundSchema, async (input, ctx) => {
  const id = refundId(ctx.staff.storeId, input.requestId)
  const pid = purchaseId(ctx.staff.storeId, input.orderNo)
  const program = await loadProgram({ fresh: true })

  return withFreshReads(async () => {
    const existing = await data.refunds.get(id)
    const memberBefore = existing ? await loadOrderMember(existing) : null
    const state = existing ? null : await refundState(ctx, input.orderNo)
    const before = memberBefore ?? state!.member
    const identity = identityOf(before, ctx.now)
    return inTransaction(async (t): Promise<RefundResult> => {
      const done = await tx(t).refunds.get(id)
      if (done) {
        if (done.purchaseId !== pid || done.amountFen !== input.amountFen) {
          throw new AppError('IDEMPOTENCY_CONFLICT', '该退款请求已用于另一笔退款，请重新发起')
        }
        return refundAnswer(done, identity, true)
      }
      // Refunded meanwhile under this id by another attempt that lost its read: start over with fresh reads.
      if (!state) throw new StaleRead()
      const member = await readMemberIn(t, before._id)
      if (member.historyRevision !== before.historyRevision) throw new StaleRead()
      const purchase = await tx(t).purchases.get(pid)
      if (!purchase) throw new AppError('ORDER_NOT_FOUND', `本店没有订单 ${input.orderNo} 的消费记录`)
      const refund = { requestId: input.requestId, amountFen: input.amountFen, at: ctx.now, actor: actorOf(ctx) }
      const decision = decideRefund(member, purchase, state.history, refund, program)
      await writeRefundIn(t, decision)
      return refundAnswer(decision.refund, identity, false)
    })
  })
})
