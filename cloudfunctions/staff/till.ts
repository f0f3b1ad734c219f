/**
 * The till: the scan that identifies a member, purchases (with the coupon scanned for them) and points spent on
 * gifts or services. Every write is idempotent by a key that is the id of the document it creates: the order
 * number for a purchase, the till's request id for a redemption.
 */
import type { PurchaseResult, RedemptionResult } from '../../src/api/contract'
import { RecordPurchaseSchema, RedeemPointsSchema, ScanMemberSchema } from '../../src/api/schemas'
import type { Coupon } from '../../src/domain/coupons'
import { findCouponByCode } from '../_lib/coupons'
import { redeemPoints as decideRedemption } from '../../src/domain/balance'
import { AppError, invalidInput } from '../../src/domain/errors'
import { redeemEntryId, type LedgerEntry } from '../../src/domain/ledger'
import type { Member } from '../../src/domain/member'
import { MEMBER_NO_LENGTH } from '../../src/domain/memberNo'
import { purchaseAtTill, purchaseId, purchaseReplay, type MemberAfter, type PurchaseRecord } from '../../src/domain/purchase'
import { readPendingReferralIn, writePurchaseIn } from '../_lib/purchases'
import { spendCode, type Till } from '../../src/domain/tillCode'
import { assertTillOpen } from '../_lib/codeGuards'
import { appendEntriesIn, findMemberByCode, readMemberIn, writeMemberIn } from '../_lib/members'
import { acceptScanIn, readScannedCode, type ScannedCode } from '../_lib/memberCodes'
import { loadProgram } from '../_lib/reference'
import { staffAction } from '../_lib/runtime'
import { tx } from '../_lib/data'
import { inTransaction } from '../_lib/transaction'
import { memberSummary } from '../_lib/views'
import { actorOf, identityOf, summaryAfter, type Identity } from './answers'

/**
 * The till's scan, which writes: a dynamic code (18 digits) is accepted here, once, and the purchase or
 * redemption that follows spends this acceptance (see _lib/memberCodes). A member number (11 digits) only finds
 * the member, for what needs no proof of presence (a birthday correction; the workbench has its own look-up). A till paused by the
 * brake on guessing (_lib/codeGuards) takes neither, as no action that takes a member code does.
 */
export const scanMember = staffAction(ScanMemberSchema, async ({ code }, ctx) => {
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
 * Records a till purchase, with the coupon scanned for it if any: the member code spent, points and tier for the
 * member, its ledger entries, the coupon used and a pending referral settled — decided in one pure call
 * (purchaseAtTill) on what the transaction read, and written by one writer (writePurchaseIn) in that transaction,
 * so a coupon or a code is used exactly once even when two tills scan it at the same moment (the loser re-runs
 * and finds it used). The order number (scoped by store) is the idempotency key: the purchase document's id. A
 * retry gets the first answer; the same order number with another member, amount or coupon is refused.
 */
export const recordPurchase = staffAction(RecordPurchaseSchema, async (input, ctx) => {
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

const redemptionAnswer = (entry: LedgerEntry, identity: Identity, after: MemberAfter, replayed: boolean): RedemptionResult => ({
  redemption: { points: -entry.points, reason: entry.reason, at: entry.at, balanceAfter: entry.balanceAfter },
  member: summaryAfter(identity, after),
  replayed,
})

/** Spends points at the till (a gift, a service). Keyed by the till's request id, scoped by the staff member. */
export const redeemPoints = staffAction(RedeemPointsSchema, async (input, ctx) => {
  await assertTillOpen(ctx.staff)
  const code = await readScannedCode(input.memberCode, ctx.now, ctx.staff)
  const found = code.member
  const program = await loadProgram({ fresh: true })
  const requestKey = `${ctx.staff.staffId}:${input.requestId}`
  const identity = identityOf(found, ctx.now)
  const reason = `兑换：${input.reason}`

  return inTransaction(async (t): Promise<RedemptionResult> => {
    const member = await readMemberIn(t, found._id)
    const done = await tx(t).ledger.get(redeemEntryId(requestKey))
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
