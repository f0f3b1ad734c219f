/**
 * Once-only issuances across a deleted membership. Deleting the membership erases the person, but some things
 * the program gives once per person — the welcome coupon, a year's birthday card, the invitee's referral gift, a
 * campaign's coupon, and the inviter's reward for a pair — must not come again to the same person rejoining.
 * They are kept as "grants": the coupon key without the member (`welcome`, `bday:2026`, `campaign:<id>`,
 * `referral`) and, for the pair, `invitedBy:<keyed hash of the inviter>`. The cloud functions file them under
 * keyed hashes of the person's phone, openid and unionid (cloudfunctions/_lib/onceGrants.ts), and a rejoiner's
 * member document carries the grants found (`priorGrants`), so issuing checks them without another read.
 * Pure.
 */
import type { CouponChannel } from './coupons'

/** A once-only issuance a person has had: `welcome`, `bday:<year>`, `campaign:<id>`, `referral`, `invitedBy:<hash>`. */
export type OnceGrant = string

/** Channels whose coupons a person gets once; a points exchange may be made again (the points pay for it). */
const ONCE_CHANNELS: ReadonlySet<CouponChannel> = new Set<CouponChannel>(['welcome', 'birthday', 'campaign', 'referral'])

/**
 * The grant a coupon's issuing key stands for — the key without its member id (`bday:<member>:2026` →
 * `bday:2026`) — or null for a coupon that may be had again.
 */
export const couponGrant = (key: string, memberId: string, channel: CouponChannel): OnceGrant | null =>
  ONCE_CHANNELS.has(channel)
    ? key
        .split(':')
        .filter((part) => part !== memberId)
        .join(':')
    : null

/** The pair "invited by this inviter", by the inviter's keyed hash (a referral binds a pair once). */
export const invitedByGrant = (inviterHash: string): OnceGrant => `invitedBy:${inviterHash}`

/** Whether the member (a rejoiner) already had this grant under a membership they deleted. */
export const hadGrant = (member: { priorGrants?: OnceGrant[] }, grant: OnceGrant | null): boolean =>
  grant !== null && (member.priorGrants ?? []).includes(grant)

/** Grants as a set: sorted, each once (what is stored, so a repeat of the same union writes nothing). */
export const unionGrants = (...lists: (readonly OnceGrant[] | undefined)[]): OnceGrant[] =>
  [...new Set(lists.flatMap((l) => l ?? []))].sort()
