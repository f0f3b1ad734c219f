/** Coupons at the till: a scanned coupon looked up, a gift coupon's gift handed out, a coupon use undone. */
import type { RefundResult } from '../../src/api/contract'
import { LookupCouponSchema, RedeemGiftCouponSchema, UndoCouponUseSchema } from '../../src/api/schemas'
import { couponProblem, discountFor, pickupProblem, undoCouponUse as decideUndo, useCoupon } from '../../src/domain/coupons'
import { couponView, findCoupon, findCouponByCode, tillCouponView } from '../_lib/coupons'
import { AppError } from '../../src/domain/errors'
import { recordRefund as decideRefund } from '../../src/domain/purchase'
import { purchaseHistory, writeRefundIn } from '../_lib/purchases'
import { loadMember, readMemberIn } from '../_lib/members'
import { loadProgram } from '../_lib/reference'
import { staffAction } from '../_lib/runtime'
import { tx } from '../_lib/data'
import { inTransaction, StaleRead, withFreshReads } from '../_lib/transaction'
import { memberSummary } from '../_lib/views'
import { actorOf, identityOf, refundAnswer } from './answers'

/**
 * A coupon at the till — scanned (by code) or tapped in the list the scan gave (by id): whose it is and whether it
 * applies (to an amount, when the till has one).
 */
export const lookupCoupon = staffAction(LookupCouponSchema, async ({ code, couponId, amountFen }, ctx) => {
  const coupon = await findCoupon({ code, couponId })
  const holder = await loadMember(coupon.memberId)
  if (!holder) throw new AppError('MEMBER_NOT_FOUND', '未找到持券会员')
  const problem =
    couponProblem(coupon, holder, coupon.benefit.kind === 'gift' ? null : (amountFen ?? null), ctx.now) ??
    pickupProblem(coupon, ctx.staff.storeId)
  // Scanned before the amount is typed: a purchase coupon is checked against the amount when it comes.
  const shown = problem?.reason === 'needsPurchase' ? null : problem
  return {
    coupon: tillCouponView(coupon, ctx.now),
    holder: memberSummary(holder, ctx.now),
    problem: shown?.message ?? null,
    discountFen: amountFen && !problem ? discountFor(coupon.benefit, amountFen) : 0,
  }
})

/** Hands out a gift coupon's gift: the coupon is used, no purchase. Keyed by the coupon (used once). */
export const redeemGiftCoupon = staffAction(RedeemGiftCouponSchema, async ({ code, requestId }, ctx) => {
  const found = await findCouponByCode(code)
  return inTransaction(async (t) => {
    const coupon = await tx(t).coupons.get(found._id)
    const holder = await readMemberIn(t, found.memberId)
    if (!coupon) throw new AppError('COUPON_NOT_FOUND', '未找到该券')
    const requestKey = `${ctx.staff.staffId}:${requestId}`
    if (coupon.state === 'used' && coupon.use?.orderId === `gift:${requestKey}`) {
      return { coupon: couponView(coupon, ctx.now), holder: memberSummary(holder, ctx.now), replayed: true }
    }
    const problem = couponProblem(coupon, holder, null, ctx.now) ?? pickupProblem(coupon, ctx.staff.storeId)
    if (problem) throw new AppError(problem.code, problem.message)
    const used = useCoupon(coupon, {
      at: ctx.now,
      by: ctx.staff.staffId,
      storeId: ctx.staff.storeId,
      orderId: `gift:${requestKey}`,
      discountFen: 0,
    })
    await tx(t).coupons.put(used)
    return { coupon: couponView(used, ctx.now), holder: memberSummary(holder, ctx.now), replayed: false }
  })
})

/**
 * Undoes a coupon use within ten minutes, by the assistant who made it: the coupon is available again and
 * the purchase it came with is refunded in full (points and spend taken back, tier recomputed). Undoing is a
 * state change: a repeated undo finds the coupon no longer used and changes nothing.
 */
export const undoCouponUse = staffAction(UndoCouponUseSchema, async ({ code, couponId }, ctx) => {
  const found = await findCoupon({ code, couponId })
  const use = found.use
  const orderId = use?.orderId && !use.orderId.startsWith('gift:') ? use.orderId : null
  const program = await loadProgram({ fresh: true })
  return withFreshReads(async () => {
    const memberBefore = await loadMember(found.memberId)
    if (!memberBefore) throw new AppError('MEMBER_NOT_FOUND', '未找到持券会员')
    const history = orderId ? await purchaseHistory(memberBefore._id) : []
    return inTransaction(async (t) => {
      const coupon = await tx(t).coupons.get(found._id)
      if (!coupon) throw new AppError('COUPON_NOT_FOUND', '未找到该券')
      if (coupon.use && coupon.use.orderId !== use?.orderId) throw new StaleRead()
      const restored = decideUndo(coupon, ctx.staff.staffId, ctx.now)
      let refund: RefundResult | null = null
      if (orderId) {
        const member = await readMemberIn(t, memberBefore._id)
        if (member.historyRevision !== memberBefore.historyRevision) throw new StaleRead()
        const purchase = await tx(t).purchases.get(orderId)
        if (!purchase) throw new AppError('ORDER_NOT_FOUND', '未找到该券对应的订单')
        const left = purchase.amountFen - purchase.refundedFen
        if (left > 0) {
          // One refund per coupon use: two coupons used in one store at the same instant are two refunds.
          const requestId = `undo-${coupon.code}-${coupon.use!.at.replace(/\D/g, '')}`
          const d = decideRefund(member, purchase, history, { requestId, amountFen: left, at: ctx.now, actor: actorOf(ctx) }, program)
          await writeRefundIn(t, d)
          refund = refundAnswer(d.refund, identityOf(member, ctx.now), false)
        }
      }
      await tx(t).coupons.put(restored)
      return { coupon: tillCouponView(restored, ctx.now), refund }
    })
  })
})
