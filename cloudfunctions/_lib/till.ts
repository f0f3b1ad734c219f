/**
 * A purchase and a refund at a till, whichever till it is: the staff till in the mini-program (staff function) and
 * a store's POS or the brand's ERP over HTTP (pos function) run these same reads, the same pure decisions
 * (src/domain/purchase.ts) and the same writers (purchases.ts), so the two cannot answer differently.
 */
import type { PurchaseResult, RefundResult } from '../../src/api/contract'
import type { Coupon } from '../../src/domain/coupons'
import { AppError, invalidInput } from '../../src/domain/errors'
import type { Member } from '../../src/domain/member'
import { MEMBER_NO_LENGTH } from '../../src/domain/memberNo'
import type { Fen } from '../../src/domain/money'
import type { SaleLine } from '../../src/domain/pos'
import {
  purchaseAtTill,
  purchaseId,
  purchaseReplay,
  recordRefund as decideRefund,
  refundId,
  type PurchaseRecord,
} from '../../src/domain/purchase'
import type { Till } from '../../src/domain/tillCode'
import { findCoupon } from './coupons'
import { data, tx } from './data'
import { findMemberByCode, loadMember, readMemberIn } from './members'
import { readScannedCode, type ScannedCode } from './memberCodes'
import { purchaseHistory, readPendingReferralIn, writePurchaseIn, writeRefundIn } from './purchases'
import { loadProgram } from './reference'
import { identityOf, refundAnswer, summaryAfter, type Identity } from './tillAnswers'
import { inTransaction, StaleRead, withFreshReads } from './transaction'

/** Who acts at the till: an assistant (their staff id) or a POS key (`pos:<key id>`), for one store. */
export type TillActor = Till

const actorOf = (till: TillActor) => ({ type: 'staff' as const, id: till.staffId, storeId: till.storeId })

/**
 * Who a purchase is for: the dynamic code's member, or — only with a coupon of theirs in the same purchase —
 * the member named by number (the coupon, shown from their phone and used up here, stands for their presence).
 */
const purchaser = async (
  memberCode: string,
  coupon: Coupon | null,
  till: Till,
  now: string,
): Promise<{ member: Member; scanned: ScannedCode | null }> => {
  if (memberCode.length !== MEMBER_NO_LENGTH) {
    const scanned = await readScannedCode(memberCode, now, till)
    return { member: scanned.member, scanned }
  }
  const member = await findMemberByCode(memberCode)
  if (!coupon || coupon.memberId !== member._id)
    throw invalidInput([{ field: 'memberCode', message: '请扫描顾客会员卡上的动态会员码（18 位）' }])
  return { member, scanned: null }
}

export const purchaseAnswer = (purchase: PurchaseRecord, identity: Identity, replayed: boolean): PurchaseResult => ({
  purchase: {
    orderNo: purchase.orderNo,
    amountFen: purchase.amountFen,
    listAmountFen: purchase.listAmountFen,
    coupon: purchase.coupon ? { title: purchase.coupon.title, discountFen: purchase.coupon.discountFen } : null,
    at: purchase.at,
    pointsEarned: purchase.pointsEarned,
    pointsBreakdown: purchase.pointsBreakdown ?? null,
    tierChange: purchase.tierChange,
  },
  member: summaryAfter(identity, purchase.memberAfter),
  replayed,
})

export interface TillPurchaseRequest {
  orderNo: string
  memberCode: string
  /** The order amount before the coupon. */
  amountFen: Fen
  couponCode?: string
  couponId?: string
  marginFen?: Fen
  lines?: SaleLine[]
  paidAt?: string
}

/**
 * Records a till purchase, with the coupon scanned for it if any: the member code spent, points and tier for the
 * member, its ledger entries, the coupon used and a pending referral settled — decided in one pure call
 * (purchaseAtTill) on what the transaction read, and written by one writer (writePurchaseIn) in that transaction,
 * so a coupon or a code is used exactly once even when two tills scan it at the same moment (the loser re-runs
 * and finds it used). The order number (scoped by store) is the idempotency key: the purchase document's id. A
 * retry gets the first answer; the same order number with another member, amount, coupon or lines is refused.
 */
export const recordTillPurchase = async (
  till: TillActor,
  recorderId: string,
  input: TillPurchaseRequest,
  now: string,
): Promise<PurchaseResult> => {
  const scanned =
    input.couponCode !== undefined || input.couponId !== undefined
      ? await findCoupon({ code: input.couponCode, couponId: input.couponId })
      : null
  const { member: found, scanned: code } = await purchaser(input.memberCode, scanned, till, now)
  const program = await loadProgram({ fresh: true })
  const id = purchaseId(till.storeId, input.orderNo)
  const identity = identityOf(found, now)

  return inTransaction(async (t): Promise<PurchaseResult> => {
    const existing = await tx(t).purchases.get(id)
    if (existing) {
      const request = {
        orderNo: input.orderNo,
        memberId: found._id,
        listAmountFen: input.amountFen,
        couponId: scanned?._id ?? null,
        lines: input.lines ?? null,
      }
      return purchaseAnswer(purchaseReplay(existing, request), identity, true)
    }
    const member = await readMemberIn(t, found._id)
    const coupon = scanned ? await tx(t).coupons.get(scanned._id) : null
    const referral = await readPendingReferralIn(t, member)
    const decision = purchaseAtTill(
      { member, referral },
      {
        storeId: till.storeId,
        orderNo: input.orderNo,
        amountFen: input.amountFen,
        at: now,
        actor: actorOf(till),
        ...(coupon ? { coupon } : {}),
        ...(input.marginFen !== undefined ? { marginFen: input.marginFen } : {}),
        ...(input.lines !== undefined ? { lines: input.lines } : {}),
        ...(input.paidAt !== undefined ? { paidAt: input.paidAt } : {}),
        code,
        recorderId,
      },
      program,
    )
    await writePurchaseIn(t, decision)
    return purchaseAnswer(decision.purchase, identity, false)
  })
}

export const loadOrder = async (storeId: string, orderNo: string): Promise<PurchaseRecord> => {
  const purchase = await data.purchases.get(purchaseId(storeId, orderNo))
  if (!purchase) throw new AppError('ORDER_NOT_FOUND', `本店没有订单 ${orderNo} 的消费记录`)
  return purchase
}

export const loadOrderMember = async (purchase: Pick<PurchaseRecord, 'memberId'>) => {
  const member = await loadMember(purchase.memberId)
  if (!member) throw new AppError('MEMBER_NOT_FOUND', '未找到该订单的会员')
  return member
}

/** The refund as it would be decided now: its input and the state it reads are those of recordTillRefund. */
export const refundState = async (storeId: string, orderNo: string) => {
  const order = await loadOrder(storeId, orderNo)
  const member = await loadOrderMember(order)
  return { order, member, history: await purchaseHistory(member._id) }
}

export interface TillRefundRequest {
  orderNo: string
  /** The refund's idempotency key within the store. */
  requestId: string
  amountFen: Fen
  lines?: SaleLine[]
}

/**
 * A full or partial refund of an order recorded at this store. The tier is recomputed from the member's
 * purchase history, which is read before the transaction (a transaction reads single documents only); the
 * member's historyRevision, checked inside it, proves that history is still current, else it is re-read.
 */
export const recordTillRefund = async (till: TillActor, input: TillRefundRequest, now: string): Promise<RefundResult> => {
  const id = refundId(till.storeId, input.requestId)
  const pid = purchaseId(till.storeId, input.orderNo)
  const program = await loadProgram({ fresh: true })

  return withFreshReads(async () => {
    const existing = await data.refunds.get(id)
    const memberBefore = existing ? await loadOrderMember(existing) : null
    const state = existing ? null : await refundState(till.storeId, input.orderNo)
    const before = memberBefore ?? state!.member
    const identity = identityOf(before, now)
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
      const refund = { requestId: input.requestId, amountFen: input.amountFen, at: now, actor: actorOf(till) }
      const decision = decideRefund(member, purchase, state.history, refund, program)
      const withLines = input.lines ? { ...decision, refund: { ...decision.refund, lines: input.lines } } : decision
      await writeRefundIn(t, withLines)
      return refundAnswer(withLines.refund, identity, false)
    })
  })
}
