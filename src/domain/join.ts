/**
 * Joining, decided: the new member, the coupons it receives and the friend's invitation it binds — what
 * cloudfunctions/_lib/joins.ts writes in one transaction. The adapter reads what a join depends on (the inviter
 * and their recent joins, the active templates, what earlier memberships of the same person had) and draws the
 * random numbers; the decision is taken here.
 */
import type { CouponChannel, CouponTemplate } from './coupons'
import { newMember, type Member, type NewMemberInput } from './member'
import { couponGrant, hadGrant, type OnceGrant } from './onceGrants'
import type { FraudSignal, Referral } from './referral'
import type { Instant } from './time'

/** A coupon offered at join under its issuing key: the welcome coupon, the birthday card, the invitee's gift. */
export interface JoinCoupon {
  template: CouponTemplate
  key: string
  channel: CouponChannel
}

/** The friend whose invitation the joiner followed, and what looked suspicious about it (see joinSignals). */
export interface Invitation {
  inviterId: string
  flags: FraudSignal[]
}

/** What a join depends on besides the joiner's own details. */
export interface JoinFacts {
  invitation: Invitation | null
  coupons: JoinCoupon[]
  /** What memberships this person deleted before had once (none for a first join). */
  priorGrants: OnceGrant[]
  /** The mobile number is another membership's: this one then holds it unconfirmed (Member.mobileClaim). */
  mobileTaken: boolean
}

export interface JoinDecision {
  member: Member
  /** The coupons to issue, each under its key; none the person had under a deleted membership. */
  coupons: JoinCoupon[]
  /** `referrals/<joiner>`: pending, or held for review when the invitation raised a fraud signal. */
  referral: Referral | null
}

export const decideJoin = (input: Omit<NewMemberInput, 'referredBy'>, facts: JoinFacts, now: Instant): JoinDecision => {
  const referral: Referral | null = facts.invitation && {
    inviterId: facts.invitation.inviterId,
    joinedAt: now,
    status: facts.invitation.flags.length > 0 ? 'held' : 'pending',
    flags: facts.invitation.flags,
    purchaseId: null,
    rewardedAt: null,
    review: null,
    _id: input.openid,
    inviteeId: input.openid,
  }
  const member = newMember({ ...input, referredBy: referral && { inviterId: referral.inviterId, status: referral.status } }, now)
  if (facts.priorGrants.length > 0) member.priorGrants = facts.priorGrants
  if (facts.mobileTaken) member.mobileClaim = member.memberNo
  return {
    member,
    coupons: facts.coupons.filter(({ key, channel }) => !hadGrant(member, couponGrant(key, member._id, channel))),
    referral,
  }
}
