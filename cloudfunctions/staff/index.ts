/**
 * Cloud function `staff`: what shop assistants do at the till — record purchases and refunds, redeem points.
 * Every action checks, on the server, that the caller is active staff (see `staffAction`). Every write is
 * idempotent by a key that is the id of the document it creates: the order number for a purchase, the
 * till's request id for a refund or a redemption.
 */
import type { MemberSummary, OrderView, PurchaseResult, RedemptionResult, RefundResult } from '../../src/api/contract'
import {
  CorrectBirthdaySchema,
  EmptySchema,
  LookupCouponSchema,
  LookupOrderSchema,
  RecordPurchaseSchema,
  RecordRefundSchema,
  RedeemGiftCouponSchema,
  RedeemPointsSchema,
  ScanMemberSchema,
  UndoCouponUseSchema,
} from '../../src/api/schemas'
import { couponProblem, discountFor, undoCouponUse as decideUndo, useCoupon, type Coupon } from '../../src/domain/coupons'
import { birthdayProblem } from '../../src/domain/member'
import { businessTime } from '../../src/domain/time'
import { birthdayCouponKey, couponView, findCouponByCode, issueOnce, loadTemplate } from '../_lib/coupons'
import { redeemPoints as decideRedemption } from '../../src/domain/balance'
import { AppError, invalidInput } from '../../src/domain/errors'
import { redeemEntryId, type LedgerEntry } from '../../src/domain/ledger'
import type { Member } from '../../src/domain/member'
import { MEMBER_NO_LENGTH } from '../../src/domain/memberNo'
import {
  purchaseAtTill,
  purchaseId,
  purchaseReplay,
  recordRefund as decideRefund,
  refundId,
  type MemberAfter,
  type PurchaseRecord,
  type RefundRecord,
} from '../../src/domain/purchase'
import { db } from '../_lib/cloud'
import { tx } from '../_lib/data'
import { purchaseHistory, readPendingReferralIn, writePurchaseIn, writeRefundIn } from '../_lib/purchases'
import { COLLECTIONS } from '../_lib/collections'
import { readDoc } from '../_lib/docs'
import { spendCode, type Till } from '../../src/domain/tillCode'
import { assertTillOpen } from '../_lib/codeGuards'
import { appendEntriesIn, findMemberByCode, loadMember, readMemberIn, writeMemberIn } from '../_lib/members'
import { acceptScanIn, readScannedCode, type ScannedCode } from '../_lib/memberCodes'
import { loadProgram, loadStore, storeView } from '../_lib/reference'
import { serve, staffAction, type StaffContext } from '../_lib/runtime'
import { inTransaction, StaleRead, withFreshReads } from '../_lib/transaction'
import { memberSummary, withoutId } from '../_lib/views'
import { codeAlerts, resumeTill } from './tills'
import {
  callbackStats,
  customer,
  customers,
  logCallback,
  reassign,
  storeCustomer,
  storeStaff,
  today,
  updateCustomerCard,
} from './workbench'

const whoami = staffAction(EmptySchema, async (_input, { staff }) => {
  const store = storeView(await loadStore(staff.storeId))
  if (!store) throw new AppError('FORBIDDEN', '您所在的门店已停用，请联系品牌总部')
  return { staffId: staff.staffId, name: staff.name, role: staff.role, store }
})

/**
 * The till's scan. A dynamic code (18 digits) is accepted here, once: the purchase or redemption that follows
 * spends this acceptance (see _lib/memberCodes). A member number (11 digits) only finds the member, for what
 * needs no proof of presence (a birthday correction; the workbench has its own look-up). A till paused by the
 * brake on guessing (_lib/codeGuards) takes neither, as no action that takes a member code does.
 */
const lookupMember = staffAction(ScanMemberSchema, async ({ code }, ctx) => {
  await assertTillOpen(ctx.staff)
  if (code.length === MEMBER_NO_LENGTH) return { member: memberSummary(await findMemberByCode(code), ctx.now) }
  const scanned = await readScannedCode(code, ctx.now, ctx.staff)
  await inTransaction((t) => acceptScanIn(t, scanned, ctx.staff, ctx.now))
  return { member: memberSummary(scanned.member, ctx.now) }
})

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

type Identity = Pick<MemberSummary, 'memberNo' | 'name' | 'mobileMasked' | 'birthday'>
const identityOf = (member: Member, now: string): Identity => {
  const { memberNo, name, mobileMasked, birthday } = memberSummary(member, now)
  return { memberNo, name, mobileMasked, birthday }
}
const summaryAfter = (identity: Identity, after: MemberAfter): MemberSummary => ({ ...identity, ...after })

const actorOf = (ctx: StaffContext) => ({ type: 'staff' as const, id: ctx.staff.staffId, storeId: ctx.staff.storeId })

const purchaseAnswer = (purchase: PurchaseRecord, identity: Identity, replayed: boolean): PurchaseResult => ({
  purchase: {
    orderNo: purchase.orderNo,
    amountFen: purchase.amountFen,
    listAmountFen: purchase.listAmountFen,
    coupon: purchase.coupon ? { title: purchase.coupon.title, discountFen: purchase.coupon.discountFen } : null,
    at: purchase.at,
    pointsEarned: purchase.pointsEarned,
    tierChange: purchase.tierChange,
  },
  member: summaryAfter(identity, purchase.memberAfter),
  replayed,
})

/**
 * Records a till purchase, with the coupon scanned for it if any: points and tier for the member, its ledger
 * entries, and the coupon used — all in one transaction, so a coupon is used exactly once even when two tills
 * scan it at the same moment (the loser re-runs and finds it used). The order number (scoped by store) is the
 * idempotency key: the purchase document's id. A retry gets the first answer; the same order number with
 * another member, amount or coupon is refused.
 */
const recordPurchase = staffAction(RecordPurchaseSchema, async (input, ctx) => {
  await assertTillOpen(ctx.staff)
  const scanned = input.couponCode ? await findCouponByCode(input.couponCode) : null
  const { member: found, scanned: code } = await purchaser(input.memberCode, scanned, ctx.staff, ctx.now)
  const program = await loadProgram({ fresh: true })
  const id = purchaseId(ctx.staff.storeId, input.orderNo)
  const identity = identityOf(found, ctx.now)

  return inTransaction(async (t): Promise<PurchaseResult> => {
    const existing = await tx(t).purchases.get(id)
    if (existing) {
      const request = { orderNo: input.orderNo, memberId: found._id, listAmountFen: input.amountFen, couponId: scanned?._id ?? null }
      return purchaseAnswer(purchaseReplay(existing, request), identity, true)
    }
    const member = await readMemberIn(t, found._id)
    const coupon = scanned ? await tx(t).coupons.get(scanned._id) : null
    const referral = await readPendingReferralIn(t, member)
    const decision = purchaseAtTill(
      { member, referral },
      {
        storeId: ctx.staff.storeId,
        orderNo: input.orderNo,
        amountFen: input.amountFen,
        at: ctx.now,
        actor: actorOf(ctx),
        ...(coupon ? { coupon } : {}),
        ...(input.marginFen !== undefined ? { marginFen: input.marginFen } : {}),
        code,
        recorderId: ctx.openid,
      },
      program,
    )
    await writePurchaseIn(t, decision)
    return purchaseAnswer(decision.purchase, identity, false)
  })
})

const loadOrder = async (storeId: string, orderNo: string): Promise<PurchaseRecord> => {
  const purchase = await readDoc<PurchaseRecord>(db.collection(COLLECTIONS.purchases).doc(purchaseId(storeId, orderNo)))
  if (!purchase) throw new AppError('ORDER_NOT_FOUND', `本店没有订单 ${orderNo} 的消费记录`)
  return purchase
}

const lookupOrder = staffAction(LookupOrderSchema, async ({ orderNo }, ctx): Promise<{ order: OrderView }> => {
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

const refundAnswer = (refund: RefundRecord, identity: Identity, replayed: boolean): RefundResult => ({
  refund: {
    orderNo: refund.orderNo,
    amountFen: refund.amountFen,
    pointsReversed: refund.pointsReversed,
    shortfall: refund.shortfall,
    at: refund.at,
  },
  tierBefore: refund.tierBefore,
  member: summaryAfter(identity, refund.memberAfter),
  replayed,
})

/**
 * A full or partial refund of an order recorded at this store. The tier is recomputed from the member's
 * purchase history, which is read before the transaction (a transaction reads single documents only); the
 * member's historyRevision, checked inside it, proves that history is still current, else it is re-read.
 */
const recordRefund = staffAction(RecordRefundSchema, async (input, ctx) => {
  const id = refundId(ctx.staff.storeId, input.requestId)
  const pid = purchaseId(ctx.staff.storeId, input.orderNo)
  const program = await loadProgram({ fresh: true })

  return withFreshReads(async () => {
    const existing = await readDoc<RefundRecord>(db.collection(COLLECTIONS.refunds).doc(id))
    const order = existing ? null : await loadOrder(ctx.staff.storeId, input.orderNo)
    const memberBefore = await loadMember(existing?.memberId ?? order!.memberId)
    if (!memberBefore) throw new AppError('MEMBER_NOT_FOUND', '未找到该订单的会员')
    const identity = identityOf(memberBefore, ctx.now)
    const history = existing ? [] : await purchaseHistory(memberBefore._id)
    return inTransaction(async (t): Promise<RefundResult> => {
      const done = await readDoc<RefundRecord>(t.collection(COLLECTIONS.refunds).doc(id))
      if (done) {
        if (done.purchaseId !== pid || done.amountFen !== input.amountFen) {
          throw new AppError('IDEMPOTENCY_CONFLICT', '该退款请求已用于另一笔退款，请重新发起')
        }
        return refundAnswer(done, identity, true)
      }
      const member = await readMemberIn(t, memberBefore._id)
      if (member.historyRevision !== memberBefore.historyRevision) throw new StaleRead()
      const purchase = await readDoc<PurchaseRecord>(t.collection(COLLECTIONS.purchases).doc(pid))
      if (!purchase) throw new AppError('ORDER_NOT_FOUND', `本店没有订单 ${input.orderNo} 的消费记录`)
      const refund = { requestId: input.requestId, amountFen: input.amountFen, at: ctx.now, actor: actorOf(ctx) }
      const decision = decideRefund(member, purchase, history, refund, program)
      await writeRefundIn(t, decision)
      return refundAnswer(decision.refund, identity, false)
    })
  })
})

const redemptionAnswer = (entry: LedgerEntry, identity: Identity, after: MemberAfter, replayed: boolean): RedemptionResult => ({
  redemption: { points: -entry.points, reason: entry.reason, at: entry.at, balanceAfter: entry.balanceAfter },
  member: summaryAfter(identity, after),
  replayed,
})

/** Spends points at the till (a gift, a service). Keyed by the till's request id, scoped by the staff member. */
const redeemPoints = staffAction(RedeemPointsSchema, async (input, ctx) => {
  await assertTillOpen(ctx.staff)
  const code = await readScannedCode(input.memberCode, ctx.now, ctx.staff)
  const found = code.member
  const program = await loadProgram({ fresh: true })
  const requestKey = `${ctx.staff.staffId}:${input.requestId}`
  const identity = identityOf(found, ctx.now)
  const reason = `兑换：${input.reason}`

  return inTransaction(async (t): Promise<RedemptionResult> => {
    const member = await readMemberIn(t, found._id)
    const done = await readDoc<LedgerEntry>(t.collection(COLLECTIONS.ledger).doc(redeemEntryId(requestKey)))
    if (done) {
      if (done.memberId !== found._id || done.points !== -input.points || done.reason !== reason) {
        throw new AppError('IDEMPOTENCY_CONFLICT', '该兑换请求已用于另一笔兑换，请重新发起')
      }
      return redemptionAnswer(done, identity, memberSummary(member, ctx.now), true)
    }
    const tillCodes = spendCode(member.tillCodes, code, ctx.staff, `redeem:${redeemEntryId(requestKey)}`, ctx.now)
    const decision = decideRedemption(
      { ...member, tillCodes },
      { requestKey, points: input.points, reason, at: ctx.now, actor: actorOf(ctx) },
      program,
    )
    await writeMemberIn(t, decision.member)
    await appendEntriesIn(t, decision.entries)
    const entry = decision.entries[decision.entries.length - 1]
    return redemptionAnswer(entry, identity, memberSummary(decision.member, ctx.now), false)
  })
})

/** A scanned coupon: whose it is and whether it applies (to an amount, when the till has one). */
const lookupCoupon = staffAction(LookupCouponSchema, async ({ code, amountFen }, ctx) => {
  const coupon = await findCouponByCode(code)
  const holder = await loadMember(coupon.memberId)
  if (!holder) throw new AppError('MEMBER_NOT_FOUND', '未找到持券会员')
  const problem = couponProblem(coupon, holder, coupon.benefit.kind === 'gift' ? null : (amountFen ?? null), ctx.now)
  // Scanned before the amount is typed: a purchase coupon is checked against the amount when it comes.
  const shown = problem?.reason === 'needsPurchase' ? null : problem
  return {
    coupon: couponView(coupon, ctx.now),
    holder: memberSummary(holder, ctx.now),
    problem: shown?.message ?? null,
    discountFen: amountFen && !problem ? discountFor(coupon.benefit, amountFen) : 0,
  }
})

/** Hands out a gift coupon's gift: the coupon is used, no purchase. Keyed by the coupon (used once). */
const redeemGiftCoupon = staffAction(RedeemGiftCouponSchema, async ({ code, requestId }, ctx) => {
  const found = await findCouponByCode(code)
  return inTransaction(async (t) => {
    const coupon = await readDoc<Coupon>(t.collection(COLLECTIONS.coupons).doc(found._id))
    const holder = await readMemberIn(t, found.memberId)
    if (!coupon) throw new AppError('COUPON_NOT_FOUND', '未找到该券')
    const requestKey = `${ctx.staff.staffId}:${requestId}`
    if (coupon.state === 'used' && coupon.use?.orderId === `gift:${requestKey}`) {
      return { coupon: couponView(coupon, ctx.now), holder: memberSummary(holder, ctx.now), replayed: true }
    }
    const problem = couponProblem(coupon, holder, null, ctx.now)
    if (problem) throw new AppError(problem.code, problem.message)
    const used = useCoupon(coupon, {
      at: ctx.now,
      by: ctx.staff.staffId,
      storeId: ctx.staff.storeId,
      orderId: `gift:${requestKey}`,
      discountFen: 0,
    })
    await t
      .collection(COLLECTIONS.coupons)
      .doc(used._id)
      .set({ data: withoutId(used) })
    return { coupon: couponView(used, ctx.now), holder: memberSummary(holder, ctx.now), replayed: false }
  })
})

/**
 * Undoes a coupon use within ten minutes, by the assistant who made it: the coupon is available again and
 * the purchase it came with is refunded in full (points and spend taken back, tier recomputed). Undoing is a
 * state change: a repeated undo finds the coupon no longer used and changes nothing.
 */
const undoCouponUse = staffAction(UndoCouponUseSchema, async ({ code }, ctx) => {
  const found = await findCouponByCode(code)
  const use = found.use
  const orderId = use?.orderId && !use.orderId.startsWith('gift:') ? use.orderId : null
  const program = await loadProgram({ fresh: true })
  return withFreshReads(async () => {
    const memberBefore = await loadMember(found.memberId)
    if (!memberBefore) throw new AppError('MEMBER_NOT_FOUND', '未找到持券会员')
    const history = orderId ? await purchaseHistory(memberBefore._id) : []
    return inTransaction(async (t) => {
      const coupon = await readDoc<Coupon>(t.collection(COLLECTIONS.coupons).doc(found._id))
      if (!coupon) throw new AppError('COUPON_NOT_FOUND', '未找到该券')
      if (coupon.use && coupon.use.orderId !== use?.orderId) throw new StaleRead()
      const restored = decideUndo(coupon, ctx.staff.staffId, ctx.now)
      let refund: RefundResult | null = null
      if (orderId) {
        const member = await readMemberIn(t, memberBefore._id)
        if (member.historyRevision !== memberBefore.historyRevision) throw new StaleRead()
        const purchase = await readDoc<PurchaseRecord>(t.collection(COLLECTIONS.purchases).doc(orderId))
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
      await t
        .collection(COLLECTIONS.coupons)
        .doc(restored._id)
        .set({ data: withoutId(restored) })
      return { coupon: couponView(restored, ctx.now), refund }
    })
  })
})

/**
 * A member sets the birthday once, at join; a correction goes through staff of the member's own store (its
 * assistants and its manager, as every record action of the workbench), with a reason, and is logged on the
 * member: who, at which store, when, the old and the new birthday, why. Corrected into the current month, the
 * birthday card is issued now (the monthly job has run already) — still once a year: its key is member + year.
 */
const correctBirthday = staffAction(CorrectBirthdaySchema, async ({ memberCode, birthday, reason }, ctx) => {
  // The input first: a birthday still to come is refused as such, whoever the code names.
  const today = businessTime(ctx.now)
  const problem = birthdayProblem(birthday, { year: today.year(), month: today.month() + 1, day: today.date() })
  if (problem) throw invalidInput([{ field: 'birthday', message: problem }])
  const found = await storeCustomer(memberCode, ctx)
  const corrected = await inTransaction(async (t) => {
    const member = await readMemberIn(t, found._id)
    // Moved to another store since it was read: no longer this store's to correct.
    if (member.storeId !== ctx.staff.storeId) throw new AppError('FORBIDDEN', '该会员不属于本店')
    // Already so (a retry whose first answer was lost, or a second tap): nothing to correct, nothing to log twice.
    const { month, day, year } = member.birthday
    if (month === birthday.month && day === birthday.day && year === birthday.year) return member
    const change = { from: member.birthday, to: birthday, by: ctx.staff.staffId, storeId: ctx.staff.storeId, reason, at: ctx.now }
    const after: Member = { ...member, birthday, birthdayChanges: [...(member.birthdayChanges ?? []), change] }
    await writeMemberIn(t, after)
    return after
  })
  const program = await loadProgram()
  const template = program.coupons.birthdayTemplateId ? await loadTemplate(program.coupons.birthdayTemplateId) : null
  if (template?.active && birthday.month === today.month() + 1 && template.tiers.includes(memberSummary(corrected, ctx.now).tier)) {
    await issueOnce(template, corrected, birthdayCouponKey(corrected._id, today.year()), 'birthday', ctx.now)
  }
  return { member: memberSummary(corrected, ctx.now) }
})

export const main = serve('staff', {
  whoami,
  lookupMember,
  recordPurchase,
  lookupOrder,
  recordRefund,
  redeemPoints,
  lookupCoupon,
  redeemGiftCoupon,
  undoCouponUse,
  correctBirthday,
  customers,
  customer,
  today,
  logCallback,
  updateCustomerCard,
  reassign,
  callbackStats,
  storeStaff,
  codeAlerts,
  resumeTill,
})
