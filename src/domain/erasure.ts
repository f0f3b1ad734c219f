/**
 * Deleting a membership (PIPL art. 47): the member's personal information is erased, while the brand's books —
 * the ledger, purchases, refunds, coupon and event history — keep adding up under a pseudonym, a random id that
 * nothing links back to the person once their member document is gone. Pure decisions; the member function's
 * myData.ts carries them out collection by collection.
 */
import { settleExpiry } from './balance'
import { releaseRsvp, type MemberEvent, type Rsvp } from './events'
import type { LedgerEntry } from './ledger'
import type { Member } from './member'
import { debitUpTo } from './points'
import type { TierId } from './program'
import { ANY_MOBILE, phonePattern } from './phones'
import { isBefore, type Instant } from './time'

/** What the member types to confirm: a deliberate act, never a mis-tap. */
export const DELETE_CONFIRM_PHRASE = '确认注销'

/** What replaces a scrubbed name in records the books keep (a staff note, an operator's reason). */
export const ERASED_NAME = '已注销会员'

/**
 * `erasedMembers/<pseudonym>`: what is left of a member after deletion, for the books: no name, phone, birthday,
 * openid, unionid, profile or referral code. The member number is kept, so that the brand's ledger export and
 * the till receipts still reconcile; on its own it names nobody.
 */
export interface ErasedMember {
  _id: string
  memberNo: string
  /** The recruiting store (the store's own figures), not the person. */
  storeId: string | null
  joinedAt: Instant
  tierAtErasure: TierId
  purchaseCount: number
  lifetimeSpendFen: number
  /** 0 once erased: every remaining point is forfeited by a ledger entry, so the entries still sum to it. */
  pointsBalance: number
  pointsForfeited: number
  erasureStartedAt: Instant
  erasedAt: Instant | null
  state: 'erasing' | 'erased'
}

/** The start of an erasure: the tombstone as it is while the member's documents are being moved under it. */
export const startTombstone = (member: Member, pseudonym: string, now: Instant): ErasedMember => ({
  _id: pseudonym,
  memberNo: member.memberNo,
  storeId: member.storeId,
  joinedAt: member.joinedAt,
  tierAtErasure: member.tier,
  purchaseCount: member.purchaseCount,
  lifetimeSpendFen: member.lifetimeSpendFen,
  pointsBalance: member.pointsBalance,
  pointsForfeited: 0,
  erasureStartedAt: now,
  erasedAt: null,
  state: 'erasing',
})

/**
 * The end of an erasure: every point still held expires or is forfeited by ledger entries under the pseudonym
 * (so the pseudonym's entries sum to 0, the tombstone's balance), and the tombstone takes the final figures.
 */
export const finishErasure = (
  member: Member,
  tombstone: ErasedMember,
  now: Instant,
  programVersion: number,
): { tombstone: ErasedMember; entries: LedgerEntry[] } => {
  const pseudonym = tombstone._id
  const actor = { type: 'member' as const, id: pseudonym }
  const asPseudonym: Member = { ...member, _id: pseudonym }
  const settled = settleExpiry(asPseudonym, now, actor, programVersion)
  const held = settled.member.pointsBalance
  const entries = [...settled.entries]
  if (held > 0) {
    const { taken } = debitUpTo(settled.member, held, now)
    entries.push({
      _id: `forfeit:${pseudonym}`,
      memberId: pseudonym,
      kind: 'adjust',
      points: -held,
      balanceAfter: 0,
      reason: '注销会员，积分作废',
      actor,
      source: { type: 'adjustment', id: `erase:${pseudonym}` },
      at: now,
      programVersion,
      batches: taken,
    })
  }
  return {
    tombstone: {
      ...tombstone,
      tierAtErasure: member.tier,
      purchaseCount: member.purchaseCount,
      lifetimeSpendFen: member.lifetimeSpendFen,
      pointsBalance: 0,
      pointsForfeited: held,
      erasedAt: now,
      state: 'erased',
    },
    entries,
  }
}

/** Who is being erased: every string that identifies them in the database. */
export interface ErasureSubject {
  openid: string
  unionid?: string | null
  name: string
  mobile: string
}

const ID_CHARS = 'A-Za-z0-9_-'
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Fields that hold words people typed (an operator's reason, a staff note): any phone number in them goes, not
 * only the member's own — a note about the member that keeps a family member's number still describes them.
 */
export const FREE_TEXT = new Set(['reason', 'note', 'notes', 'remark', 'comment', 'text', 'content', 'message'])

/**
 * Rewrites a document kept for the books: the member's openid becomes the pseudonym wherever it occurs as a
 * whole id (in `_id`, `memberId`, keys like `bday:<openid>:2026`), their unionid goes, and their phone number —
 * however written: spaces, dashes, +86 — and name (two characters or more: a one-character name would eat other
 * words) are replaced in any text; in free text (a staff note, an operator's reason) every mobile number goes.
 */
export const scrubber = (subject: ErasureSubject, pseudonym: string) => {
  const openid = new RegExp(`(?<![${ID_CHARS}])${escape(subject.openid)}(?![${ID_CHARS}])`, 'g')
  const unionid = subject.unionid ? new RegExp(`(?<![${ID_CHARS}])${escape(subject.unionid)}(?![${ID_CHARS}])`, 'g') : null
  const mobile = subject.mobile ? phonePattern(subject.mobile) : null
  const name = [...subject.name].length >= 2 ? subject.name : null
  const text = (s: string, free: boolean): string => {
    let out = s.replace(openid, pseudonym)
    if (unionid) out = out.replace(unionid, '')
    if (mobile) out = out.replace(mobile, '***')
    if (free) out = out.replace(ANY_MOBILE, '***')
    if (name) out = out.split(name).join(ERASED_NAME)
    return out
  }
  const walk = (value: unknown, free: boolean): unknown => {
    if (typeof value === 'string') return text(value, free)
    if (Array.isArray(value)) return value.map((v) => walk(v, free))
    if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [text(k, false), walk(v, FREE_TEXT.has(k))]))
    }
    return value
  }
  return <T>(doc: T): T => walk(doc, false) as T
}

/** Whether any string of the document still names the subject, their phone number however written (tests and a final check). */
export const mentions = (doc: unknown, subject: ErasureSubject): boolean => {
  const json = JSON.stringify(doc)
  const needles = [subject.openid, ...(subject.unionid ? [subject.unionid] : []), ...([...subject.name].length >= 2 ? [subject.name] : [])]
  return (
    needles.some((n) => n !== '' && new RegExp(`(?<![${ID_CHARS}])${escape(n)}(?![${ID_CHARS}])`).test(json)) ||
    (subject.mobile !== '' && phonePattern(subject.mobile, '').test(json))
  )
}

/**
 * A leaving member's RSVP to an event that has not started: cancelled whatever the cancellation deadline (the
 * member is gone), the seat given to the waitlist in order, as a cancellation would. Null when there is nothing
 * to withdraw (already cancelled, or the event has started: attendance is history).
 */
export const withdrawRsvp = (
  event: MemberEvent,
  current: Rsvp,
  queue: Rsvp[],
  ticketCodes: () => string,
  now: Instant,
): { event: MemberEvent; cancelled: Rsvp; promoted: Rsvp[] } | null => {
  if (current.status === 'cancelled' || !isBefore(now, event.startsAt)) return null
  return releaseRsvp(event, current, queue, ticketCodes, now)
}

/** Unused coupons die with the membership: their validity ends now (used ones stay as history). */
export const voidCoupon = <C extends { state: 'available' | 'used'; validUntil: Instant }>(
  coupon: C,
  now: Instant,
): C & { voidedAt?: Instant } =>
  coupon.state === 'available' && isBefore(now, coupon.validUntil) ? { ...coupon, validUntil: now, voidedAt: now } : coupon
