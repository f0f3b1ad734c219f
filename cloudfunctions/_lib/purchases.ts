/**
 * Purchases and refunds on the server: what a purchase's decision needs read inside its transaction, and the one
 * writer each for a purchase's and a refund's decision (src/domain/purchase.ts), applied inside the action's
 * transaction so the member, the records, the ledger and the coupon change together or not at all.
 */
import type { Member } from '../../src/domain/member'
import type { PurchaseRecord, RefundDecision, TillPurchaseDecision } from '../../src/domain/purchase'
import type { PendingReferral } from '../../src/domain/referral'
import type { Transaction } from './cloud'
import { data, tx } from './data'
import { appendEntriesIn, writeMemberIn } from './members'

/** Inside a transaction: the buyer's referral and its inviter, when the referral waits for a qualifying purchase. */
export const readPendingReferralIn = async (t: Transaction, member: Member): Promise<PendingReferral | null> => {
  if (member.referredBy?.status !== 'pending') return null
  const w = tx(t)
  const referral = await w.referrals.get(member._id)
  const inviter = referral ? await w.members.get(referral.inviterId) : null
  return { referral, inviter }
}

/**
 * Writes a till purchase's decision: the referral it settled (and the inviter paid), the buyer, the purchase
 * record (under its id: the idempotency key), its ledger entries, the coupon used with it.
 */
export const writePurchaseIn = async (t: Transaction, decision: TillPurchaseDecision): Promise<void> => {
  const w = tx(t)
  if (decision.referral) {
    await w.referrals.put(decision.referral.referral)
    if (decision.referral.inviter) {
      await writeMemberIn(t, decision.referral.inviter)
      await appendEntriesIn(t, decision.referral.entries)
    }
  }
  await writeMemberIn(t, decision.member)
  await w.purchases.put(decision.purchase)
  await appendEntriesIn(t, decision.entries)
  if (decision.coupon) await w.coupons.put(decision.coupon)
}

/** Writes a refund's decision: the member, the purchase with the refund counted, the refund record, its entries. */
export const writeRefundIn = async (t: Transaction, decision: RefundDecision): Promise<void> => {
  const w = tx(t)
  await writeMemberIn(t, decision.member)
  await w.purchases.put(decision.purchase)
  await w.refunds.add(decision.refund)
  await appendEntriesIn(t, decision.entries)
}

/** Every purchase of a member, oldest first, in pages of CloudBase's 1,000-document maximum. */
export const purchaseHistory = async (memberId: string): Promise<PurchaseRecord[]> => {
  const all: PurchaseRecord[] = []
  for (;;) {
    const page = await data.purchases.where({ memberId }).orderBy('at', 'asc').orderBy('_id', 'asc').skip(all.length).limit(1000).get()
    all.push(...page)
    if (page.length < 1000) return all
  }
}
