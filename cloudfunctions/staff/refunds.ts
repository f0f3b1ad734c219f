/** Refunds at the till: an order looked up by its number, and a full or partial refund of it (keyed by the till's request id). */
import type { OrderView, RefundResult } from '../../src/api/contract'
import { LookupOrderSchema, RecordRefundSchema } from '../../src/api/schemas'
import { AppError } from '../../src/domain/errors'
import { purchaseId, recordRefund as decideRefund, refundId, type PurchaseRecord } from '../../src/domain/purchase'
import { purchaseHistory, writeRefundIn } from '../_lib/purchases'
import { loadMember, readMemberIn } from '../_lib/members'
import { loadProgram } from '../_lib/reference'
import { staffAction } from '../_lib/runtime'
import { data, tx } from '../_lib/data'
import { inTransaction, StaleRead, withFreshReads } from '../_lib/transaction'
import { memberSummary } from '../_lib/views'
import { actorOf, identityOf, refundAnswer } from './answers'

const loadOrder = async (storeId: string, orderNo: string): Promise<PurchaseRecord> => {
  const purchase = await data.purchases.get(purchaseId(storeId, orderNo))
  if (!purchase) throw new AppError('ORDER_NOT_FOUND', `本店没有订单 ${orderNo} 的消费记录`)
  return purchase
}

export const lookupOrder = staffAction(LookupOrderSchema, async ({ orderNo }, ctx): Promise<{ order: OrderView }> => {
  const purchase = await loadOrder(ctx.staff.storeId, orderNo)
  const member = await loadMember(purchase.memberId)
  if (!member) throw new AppError('MEMBER_NOT_FOUND', '未找到该订单的会员')
  return {
    order: {
      orderNo: purchase.orderNo,
      amountFen: purchase.amountFen,
      refundedFen: purchase.refundedFen,
      at: purchase.at,
      pointsEarned: purchase.pointsEarned,
      pointsReversed: purchase.pointsReversed,
      member: memberSummary(member, ctx.now),
    },
  }
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
    const order = existing ? null : await loadOrder(ctx.staff.storeId, input.orderNo)
    const memberBefore = await loadMember(existing?.memberId ?? order!.memberId)
    if (!memberBefore) throw new AppError('MEMBER_NOT_FOUND', '未找到该订单的会员')
    const identity = identityOf(memberBefore, ctx.now)
    const history = existing ? [] : await purchaseHistory(memberBefore._id)
    return inTransaction(async (t): Promise<RefundResult> => {
      const done = await tx(t).refunds.get(id)
      if (done) {
        if (done.purchaseId !== pid || done.amountFen !== input.amountFen) {
          throw new AppError('IDEMPOTENCY_CONFLICT', '该退款请求已用于另一笔退款，请重新发起')
        }
        return refundAnswer(done, identity, true)
      }
      const member = await readMemberIn(t, memberBefore._id)
      if (member.historyRevision !== memberBefore.historyRevision) throw new StaleRead()
      const purchase = await tx(t).purchases.get(pid)
      if (!purchase) throw new AppError('ORDER_NOT_FOUND', `本店没有订单 ${input.orderNo} 的消费记录`)
      const refund = { requestId: input.requestId, amountFen: input.amountFen, at: ctx.now, actor: actorOf(ctx) }
      const decision = decideRefund(member, purchase, history, refund, program)
      await writeRefundIn(t, decision)
      return refundAnswer(decision.refund, identity, false)
    })
  })
})
