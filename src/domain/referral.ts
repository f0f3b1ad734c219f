/**
 * Referral (老带新): a member's friend who joins through their link or poster is bound to them at join; the
 * inviter is rewarded when the friend's first qualifying purchase is recorded in store. Binding is refused for
 * self-referral; suspicious referrals are held for an operator instead of paid; a monthly cap bounds rewards.
 */
import type { LedgerEntry } from './ledger'
import type { Member, ReferralRewardCount, ReferralStatus } from './member'
import { credit, expiryFor } from './points'
import type { ProgramRules, ReferralRules } from './program'
import { settleExpiry } from './balance'
import { businessMonth, type Instant } from './time'

/** The rules and the statuses live where their owners are; named here too for readers of referrals. */
export type { ReferralRules } from './program'
export { DEFAULT_REFERRAL_RULES } from './program'
export type { ReferralRewardCount, ReferralStatus } from './member'

export type FraudSignal =
  /** Many joins through one inviter in a short time. */
  | 'burst'
  /** The invitee's mobile differs from the inviter's only in its last two digits (numbers bought together), or not at all. */
  | 'relatedPhone'
  /** The inviter is staff and recorded the invitee's first purchase themself. */
  | 'staffSelfRecorded'

/** `referrals/<inviteeId>`: one per invitee (one inviter per member). */
export interface Referral {
  _id: string
  inviterId: string
  inviteeId: string
  joinedAt: Instant
  status: ReferralStatus
  flags: FraudSignal[]
  /** The purchase that qualified (or was held), and when the inviter was paid. */
  purchaseId: string | null
  rewardedAt: Instant | null
  review: { by: string; at: Instant; decision: 'approve' | 'reject' } | null
}

/** Short, unambiguous (no 0/O/1/I), easy to read aloud: 6 characters of 32. */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
export const generateReferralCode = (randomIndex: (n: number) => number): string =>
  Array.from({ length: 6 }, () => CODE_ALPHABET[randomIndex(CODE_ALPHABET.length)]).join('')
export const isReferralCode = (text: string): boolean => /^[A-HJ-NP-Z2-9]{6}$/.test(text)

/** The poster's mini-program code scene: "r=CODE" (WeChat allows 32 characters). */
export const referralScene = (code: string) => `r=${code}`

/** A scene or share parameter naming a referral code, or null. */
export const parseReferral = (raw: string | undefined): string | null => {
  if (!raw) return null
  let text: string
  try {
    text = decodeURIComponent(raw)
  } catch {
    return null
  }
  const code = text.startsWith('r=') ? text.slice(2) : text
  return isReferralCode(code) ? code : null
}

export interface Joiner {
  openid: string
  unionid: string | null
  mobile: string
}

/**
 * Self-referral: the same WeChat user (openid or unionid). The same phone is not proof: a typed number is nobody's
 * until verified, and refusing it would tell whoever typed it that it is the inviter's. It is held for review
 * instead (`relatedPhone`, joinSignals), as a number bought with the inviter's is.
 */
export const isSelfReferral = (inviter: Pick<Member, '_id'> & { unionid?: string | null }, joiner: Joiner): boolean =>
  inviter._id === joiner.openid || (joiner.unionid !== null && inviter.unionid === joiner.unionid)

/** Signals seen at join; the purchase may add `staffSelfRecorded`. */
export const joinSignals = (inviterMobile: string, joinerMobile: string, recentJoins: number, rules: ReferralRules): FraudSignal[] => [
  ...(recentJoins + 1 >= rules.burstJoins ? (['burst'] as const) : []),
  ...(inviterMobile.slice(0, 9) === joinerMobile.slice(0, 9) ? (['relatedPhone'] as const) : []),
]

export const referralEntryId = (inviteeId: string) => `referral:${inviteeId}`

export type PayDecision =
  { paid: true; inviter: Member; entries: LedgerEntry[]; rewards: ReferralRewardCount } | { paid: false; status: 'capped' }

/**
 * Pays the inviter, unless this month's cap is reached (then the referral is recorded as capped). The entry's
 * id is the invitee's, so a pair is paid at most once whatever retries or races happen.
 */
export const payInviter = (inviter: Member, inviteeId: string, at: Instant, program: ProgramRules): PayDecision => {
  const month = businessMonth(at)
  const sofar = inviter.referralRewards?.month === month ? inviter.referralRewards.count : 0
  if (sofar >= program.referral.monthlyCap) return { paid: false, status: 'capped' }
  const actor = { type: 'job' as const, id: 'referral' }
  const settled = settleExpiry(inviter, at, actor, program.version)
  const expiresAt = expiryFor(at, program)
  const after = credit(settled.member, program.referral.inviterPoints, expiresAt)
  return {
    paid: true,
    inviter: after,
    rewards: { month, count: sofar + 1 },
    entries: [
      ...settled.entries,
      {
        _id: referralEntryId(inviteeId),
        memberId: inviter._id,
        kind: 'earn',
        points: program.referral.inviterPoints,
        balanceAfter: after.pointsBalance,
        reason: '邀请好友奖励',
        actor,
        source: { type: 'referral', id: inviteeId },
        at,
        programVersion: program.version,
        expiresAt,
      },
    ],
  }
}

export interface ReferralOutcome {
  referral: Referral
  /** The inviter after payment (null when nothing was paid). */
  inviter: Member | null
  entries: LedgerEntry[]
}

/**
 * The invitee's purchase: the first that qualifies settles the referral — paid, capped, or held for review
 * when the inviter recorded it themself as staff. Anything else leaves it pending. Pure.
 */
export const referralOnPurchase = (
  referral: Referral,
  inviter: Member,
  purchase: { id: string; paidFen: number; recordedBy: string },
  at: Instant,
  program: ProgramRules,
): ReferralOutcome | null => {
  if (referral.status !== 'pending' || purchase.paidFen < program.referral.minPurchaseFen) return null
  const settled = { ...referral, purchaseId: purchase.id }
  if (purchase.recordedBy === inviter._id) {
    return { referral: { ...settled, status: 'held', flags: [...referral.flags, 'staffSelfRecorded'] }, inviter: null, entries: [] }
  }
  const pay = payInviter(inviter, referral.inviteeId, at, program)
  if (!pay.paid) return { referral: { ...settled, status: 'capped' }, inviter: null, entries: [] }
  return {
    referral: { ...settled, status: 'rewarded', rewardedAt: at },
    inviter: { ...pay.inviter, referralRewards: pay.rewards },
    entries: pay.entries,
  }
}

/**
 * An operator's review of a held referral: rejected ones are never paid; approved ones are paid now (within
 * the cap) if their qualifying purchase was held, or wait for it again if they were held at join.
 */
export const reviewReferral = (
  referral: Referral,
  inviter: Member,
  decision: 'approve' | 'reject',
  operatorId: string,
  at: Instant,
  program: ProgramRules,
): ReferralOutcome => {
  const review = { by: operatorId, at, decision }
  if (decision === 'reject') return { referral: { ...referral, status: 'rejected', review }, inviter: null, entries: [] }
  if (referral.purchaseId === null) return { referral: { ...referral, status: 'pending', review }, inviter: null, entries: [] }
  const pay = payInviter(inviter, referral.inviteeId, at, program)
  if (!pay.paid) return { referral: { ...referral, status: 'capped', review }, inviter: null, entries: [] }
  return {
    referral: { ...referral, status: 'rewarded', rewardedAt: at, review },
    inviter: { ...pay.inviter, referralRewards: pay.rewards },
    entries: pay.entries,
  }
}

/** The referral as read for an invitee's purchase: their referral document and its inviter (null: not found). */
export interface PendingReferral {
  referral: Referral | null
  inviter: Member | null
}

/**
 * The referral side of an invitee's purchase: while their referral is pending, the first qualifying purchase
 * settles it (see referralOnPurchase) and the invitee's mirror (`referredBy`) takes the new status. `pending` is
 * what was read for it (null when the invitee has no pending referral). Returns the invitee as it is to be
 * written, and the outcome to write (null: nothing settles). Pure.
 */
export const settleReferralOnPurchase = (
  invitee: Member,
  pending: PendingReferral | null,
  purchase: { id: string; paidFen: number; recordedBy: string },
  at: Instant,
  program: ProgramRules,
): { invitee: Member; outcome: ReferralOutcome | null } => {
  if (invitee.referredBy?.status !== 'pending' || !pending?.referral || !pending.inviter) return { invitee, outcome: null }
  const outcome = referralOnPurchase(pending.referral, pending.inviter, purchase, at, program)
  if (!outcome) return { invitee, outcome: null }
  return { invitee: { ...invitee, referredBy: { inviterId: outcome.referral.inviterId, status: outcome.referral.status } }, outcome }
}
