import type { TillCodeState } from './tillCode'
import { EMPTY_POINTS, type PointsState } from './points'
import { businessTime, type Instant } from './time'
import { INITIAL_TIER_STATE, type TierState } from './tiers'

/** Where a referral stands (`referrals/<invitee>`, mirrored on the invitee's `referredBy`). */
export const REFERRAL_STATUSES = ['pending', 'rewarded', 'capped', 'held', 'rejected'] as const
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number]

/** The inviter's rewards in a business month, on the inviter's document: the cap's counter. */
export interface ReferralRewardCount {
  month: string
  count: number
}

export interface Birthday {
  month: number
  day: number
  /** Optional: many shoppers give only month and day. */
  year?: number
}

/** The member document (collection `members`, `_id` = the member's OPENID, so joining is idempotent). */
export interface Member extends TierState, PointsState {
  _id: string
  /** The public member number: on the card, in the member code, typed at the till. */
  memberNo: string
  name: string
  mobile: string
  /**
   * Set when the number typed at join was already another membership's (no number is verified): this member's
   * own member number. Unique together with `mobile` (index mobile_mobileClaim_unique), so the number stays the
   * first membership's while later ones hold it unconfirmed, and the joiner is told nothing about it: join answers
   * the same whoever the number belongs to. Absent: the number is this membership's.
   */
  mobileClaim?: string
  /**
   * How the number was given: true when WeChat verified it (`<button open-type="getPhoneNumber">`, resolved by the
   * function with phonenumber.getPhoneNumber); false or absent (members who joined before) when it was typed.
   */
  mobileVerified?: boolean
  birthday: Birthday
  /** Where and by whom the member was recruited (from the store QR); null when joined without one. */
  storeId: string | null
  assistantId: string | null
  joinedAt: Instant
  /** Which privacy notice the member accepted, and when. */
  consent: { version: string; at: Instant }
  /**
   * Counts purchases and refunds applied to this member. A refund recomputes the tier from the purchase
   * history read before its transaction; this tells it whether that history is still current.
   */
  historyRevision: number
  /**
   * One-time subscribe-message consents not yet used, per message kind: WeChat allows one message per
   * consent, so each send uses one up.
   */
  subscriptions?: Partial<Record<SubscriptionKind, number>>
  /** Visits and value, kept with every purchase for the staff's lists and the segments. */
  purchaseCount: number
  /** Gross margin of the member's purchases (when the till records it): the handbook's 大户. */
  marginFen: number
  lastPurchaseAt: Instant | null
  /** The later of joining and the last purchase: "not seen for 90 days" reads this. */
  lastSeenAt: Instant
  /** The handbook's customer card, kept by staff (and, later, by the member). All optional. */
  profile?: CustomerProfile
  /** When staff should call next, and when they last did (the monthly callback, 回访). */
  nextCallbackAt?: Instant | null
  lastCallbackAt?: Instant | null
  /** The member's own moves to another store (my home store). */
  storeChanges?: { from: string | null; to: string; at: Instant }[]
  /** The member's own number changes (member.changeMobile, WeChat-verified only): the old number masked, and when. */
  mobileChanges?: { from: string; at: Instant }[]
  /** Every change of the responsible shop assistant. */
  assignmentLog?: { from: string | null; to: string | null; by: string; at: Instant }[]
  /** The member's own code for inviting friends (unique). */
  referralCode: string
  /** WeChat unionid when the platform gives one: self-referral is checked against it. */
  unionid?: string | null
  /** Who invited this member, and where that referral stands (mirrors `referrals/<this member>`). */
  referredBy?: { inviterId: string; status: ReferralStatus } | null
  /** Rewards this member earned as an inviter in a month: the monthly cap's counter. */
  referralRewards?: ReferralRewardCount
  /**
   * Birthday corrections by staff (a member sets the birthday once, at join): `by` the staffId, `storeId` where
   * (the member's own store; absent in entries made before it was kept).
   */
  birthdayChanges?: { from: Birthday; to: Birthday; by: string; storeId?: string; reason: string; at: Instant }[]
  /** The dynamic member codes tills accepted recently: each code is accepted once (domain/tillCode). */
  tillCodes?: TillCodeState[]
  /** A rejoiner's once-only grants from memberships they deleted (domain/onceGrants): not issued again. */
  priorGrants?: string[]
  /**
   * An imported member nobody has claimed yet (domain/memberImport): `_id` is `u` + a keyed hash of the phone, not an
   * openid, so nobody can open this card, and it gets no coupons or messages. It counts in lists and segments.
   */
  unclaimed?: boolean
  /** What the last import wrote (on an unclaimed record): who, when, and the row's state, to tell a changed row. */
  imported?: { at: Instant; jobId: string; by: string; state: ImportedState }
  /**
   * The tier state the member opened with when not from zero (a claimed import): a refund replays the purchase
   * history from here, not from a new member's state, so the imported tier and lifetime spend are never lost.
   */
  openingTier?: TierState
  /** The imported record this member claimed with their verified phone. */
  importedFrom?: { recordId: string; claimedAt: Instant }
}

/** One imported row as the member document keeps it (domain/memberImport): compared on the next import. */
export interface ImportedState {
  name: string
  mobile: string
  birthday: Birthday | null
  tier: TierState['tier']
  /** Exclusive end of VIP (the start of the business day after the date in the file); VIP only. */
  vipUntil: Instant | null
  points: number
  /** When the points expire (the start of the business day after 积分到期日); null without points. */
  pointsExpiresAt: Instant | null
  lifetimeSpendFen: number
  storeId: string | null
  assistantId: string | null
}

/**
 * The customer card (顾客资料卡). Sizes, children's sizes, colours and styles are ONE set of fields that the
 * member (my profile) and the store's staff (the customer record) both edit: a size is a fact about the
 * customer, not an opinion of who typed it, and two copies would disagree the first time someone grows or a
 * shop assistant measures. Last writer wins, and `edits` records who changed each field last and when, so the
 * staff see "顾客本人 11月23日" next to a size the customer typed (and the member sees what the store keeps).
 * Notes are the staff's alone; the delivery address and the message kinds are the member's alone (staff read
 * them, never edit them).
 */
export interface CustomerProfile {
  clothingSize?: string
  shoeSize?: string
  /** Children's sizes for children's-wear brands. */
  children?: { name: string; size: string }[]
  colours?: string[]
  styles?: string[]
  /** Staff notes: what they like, what they asked for. */
  notes?: string
  /** Optional, the member's: where to deliver (the handbook's free delivery). Null: removed. */
  deliveryAddress?: DeliveryAddress | null
  /** Which kinds of messages the member wants; absent: never chosen (nothing is sent but what WeChat consents allow). */
  messages?: MessageKinds
  /** Who last changed each field, and when. */
  edits?: Partial<Record<ProfileField, ProfileEdit>>
}

export interface DeliveryAddress {
  recipient: string
  phone: string
  address: string
}

export interface MessageKinds {
  newArrivals: boolean
  events: boolean
  birthday: boolean
  pointsExpiry: boolean
}

export type ProfileField = 'clothingSize' | 'shoeSize' | 'children' | 'colours' | 'styles' | 'notes' | 'deliveryAddress' | 'messages'

/** Who edits the card: the member, or a named shop assistant. */
export type ProfileEditor = { by: 'member' } | { by: 'staff'; staffId: string; name: string }
export type ProfileEdit = { at: Instant } & ProfileEditor

/**
 * Applies an edit to the profile: the fields given are replaced, the rest kept; each field whose value really
 * changed is stamped with who changed it. Returns the same object when nothing changed, so callers write nothing.
 */
export function editProfile(
  profile: CustomerProfile,
  changes: Partial<Omit<CustomerProfile, 'edits'>>,
  who: ProfileEditor,
  at: Instant,
): CustomerProfile
export function editProfile(
  profile: CustomerProfile | undefined,
  changes: Partial<Omit<CustomerProfile, 'edits'>>,
  who: ProfileEditor,
  at: Instant,
): CustomerProfile | undefined
export function editProfile(
  profile: CustomerProfile | undefined,
  changes: Partial<Omit<CustomerProfile, 'edits'>>,
  who: ProfileEditor,
  at: Instant,
): CustomerProfile | undefined {
  const before: CustomerProfile = profile ?? {}
  const after: CustomerProfile = { ...before, edits: { ...before.edits } }
  // An emptied field and a never-filled one are the same to the reader.
  const same = (a: unknown, b: unknown) => {
    const norm = (x: unknown) => (x === undefined || x === '' || (Array.isArray(x) && x.length === 0) ? null : x)
    return JSON.stringify(norm(a)) === JSON.stringify(norm(b))
  }
  let changed = false
  for (const [key, value] of Object.entries(changes) as [ProfileField, unknown][]) {
    if (value === undefined) continue
    if (same(before[key], value)) continue
    ;(after as Record<string, unknown>)[key] = value
    after.edits![key] = { ...who, at }
    changed = true
  }
  // Unchanged: the very object given (undefined for a member with no card yet), so no write follows.
  return changed ? after : profile
}

export type SubscriptionKind = 'birthdayCoupon' | 'eventReminder' | 'waitlistPromoted'

export interface NewMemberInput {
  openid: string
  memberNo: string
  /** '' when the joiner left it out (it is optional): the member is then called by unnamedMemberName. */
  name: string
  mobile: string
  /** WeChat verified the number (getPhoneNumber); false or absent: typed. */
  mobileVerified?: boolean
  birthday: Birthday
  storeId: string | null
  assistantId: string | null
  consentVersion: string
  referralCode: string
  unionid?: string | null
  /** Set when the member joined through a friend's invitation (the binding is decided at join). */
  referredBy?: Member['referredBy']
}

/**
 * What a member who gave no name is called ("会员8903"), as WeChat calls a user without a nickname 微信用户: every
 * list, till and greeting needs a name, and the number's last four are what the member sees on the card. The
 * member sets a real one in 我的资料, staff on the customer card.
 */
export const unnamedMemberName = (memberNo: string): string => `会员${memberNo.slice(-4)}`

export const newMember = (input: NewMemberInput, now: Instant): Member => ({
  _id: input.openid,
  memberNo: input.memberNo,
  name: input.name === '' ? unnamedMemberName(input.memberNo) : input.name,
  mobile: input.mobile,
  mobileVerified: input.mobileVerified ?? false,
  birthday: input.birthday,
  storeId: input.storeId,
  assistantId: input.assistantId,
  joinedAt: now,
  consent: { version: input.consentVersion, at: now },
  purchaseCount: 0,
  marginFen: 0,
  lastPurchaseAt: null,
  lastSeenAt: now,
  referralCode: input.referralCode,
  unionid: input.unionid ?? null,
  referredBy: input.referredBy ?? null,
  ...INITIAL_TIER_STATE,
  ...EMPTY_POINTS,
  historyRevision: 0,
})

/** "138****5678": enough for staff to confirm the customer, not enough to copy. */
export const maskMobile = (mobile: string): string => (mobile.length === 11 ? `${mobile.slice(0, 3)}****${mobile.slice(7)}` : '****')

/** Mainland mobile numbers: 11 digits starting 13–19. */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/

/** The number phonenumber.getPhoneNumber verified (its `phoneInfo`), as a member's mobile: mainland only, else null. */
export const verifiedMobileOf = (phoneInfo: { purePhoneNumber?: unknown; countryCode?: unknown } | undefined): string | null => {
  const number = phoneInfo?.purePhoneNumber
  return String(phoneInfo?.countryCode) === '86' && typeof number === 'string' && MOBILE_PATTERN.test(number) ? number : null
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0

/**
 * Checks a birthday against the calendar and the clock: 30 February is refused, 29 February only in a
 * leap year (or without a year), and a birthday in the future is refused.
 * Returns a message in Chinese for the shopper, or null when valid.
 */
export const birthdayProblem = (b: Birthday, today: { year: number; month: number; day: number }): string | null => {
  if (!Number.isInteger(b.month) || b.month < 1 || b.month > 12) return '月份无效'
  const maxDay = b.year !== undefined && b.month === 2 && !isLeapYear(b.year) ? 28 : DAYS_IN_MONTH[b.month - 1]
  if (!Number.isInteger(b.day) || b.day < 1 || b.day > maxDay) return '日期无效'
  if (b.year !== undefined) {
    if (!Number.isInteger(b.year) || b.year < today.year - 120) return '年份无效'
    const birthdayKey = b.year * 10_000 + b.month * 100 + b.day
    const todayKey = today.year * 10_000 + today.month * 100 + today.day
    if (birthdayKey > todayKey) return '生日不能晚于今天'
  }
  return null
}

/**
 * PIPL art. 31: a child under 14's personal information is processed only with a guardian's consent, which an
 * online form cannot verify — such a child joins in a store, with the guardian. Only a given birth year can tell.
 */
export const GUARDIAN_AGE = 14
export const GUARDIAN_CONSENT_MESSAGE = '未满14周岁需监护人同意，请由监护人陪同到店办理'

/** Whole years of age on `today` (a 29 February birthday comes on 1 March in other years). */
export const ageOn = (b: Birthday & { year: number }, today: { year: number; month: number; day: number }): number =>
  today.year - b.year - (today.month * 100 + today.day < b.month * 100 + b.day ? 1 : 0)

/** The guardian-consent message when the birth year makes the member younger than 14 on `today`, else null. */
export const guardianConsentProblem = (b: Birthday, today: { year: number; month: number; day: number }): string | null =>
  b.year !== undefined && ageOn({ ...b, year: b.year }, today) < GUARDIAN_AGE ? GUARDIAN_CONSENT_MESSAGE : null

/** Whether `at` falls in the member's birthday month (business time); a 29 February birthday is February's. */
export const inBirthdayMonth = (birthday: Birthday, at: Instant): boolean => businessTime(at).month() + 1 === birthday.month
