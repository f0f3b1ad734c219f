/**
 * The program rules: data an operator can change, never `if` chains in code.
 * Money is integer fen (¥1 = 100 fen); rates are integers too (points per ¥100, percents), so every
 * computation is exact. Durations are calendar months/years in business time. Defaults follow the typical
 * Chinese retail VIP handbook.
 */
import type { Fen } from './money'

export type TierId = 'member' | 'vip' | 'gold'

/** The ladder, lowest first. */
export const TIER_ORDER: readonly TierId[] = ['member', 'vip', 'gold']

export interface ProgramRules {
  /** Increases whenever an operator changes a rule; stamped on what the rules decided. */
  version: number
  earning: {
    /** Points per ¥100 spent, by the member's tier when they buy (100 = 1 point per yuan). */
    pointsPer100YuanByTier: Record<TierId, number>
    /** Applied in the member's birthday month: 200 = double points, 100 = no bonus. */
    birthdayMonthPercent: number
  }
  vip: {
    /** Spend accumulated while not VIP that grants VIP (¥1,800). */
    cumulativeFen: number
    /** One purchase of at least this grants VIP (¥500). */
    singlePurchaseFen: number
    /** How long a grant or a renewal lasts. */
    validMonths: number
    /** Spend within one VIP year that extends VIP by `validMonths` (¥500). */
    renewFen: number
  }
  gold: {
    /** Lifetime spend that grants permanent gold (¥5,000). */
    lifetimeFen: number
    /** When refunds take lifetime spend back under the threshold: keep gold (true) or recompute it. */
    keptWhenRefundsUnqualify: boolean
  }
  coupons: {
    /** Issued at join (null = none). */
    welcomeTemplateId: string | null
    /** Issued on the 1st of the birthday month, or at join during it (null = none). */
    birthdayTemplateId: string | null
  }
  referral: ReferralRules
  /** What the staff workbench lists: VIPs about to lapse, customers not seen for a while, callbacks. */
  workbench: {
    lapseWarningDays: number
    /** Two thresholds, e.g. 90 and 180 days: "drifting" and "lost". */
    winBackDays: [number, number]
    /** The handbook's monthly callback: the next one is due this many days after the last. */
    callbackEveryDays: number
  }
  segments: SegmentRules
  /**
   * The handbook's service benefits (免费修改, 熨烫, 礼品包装, 送货, VIP专享提前购): a list an operator edits, each
   * naming the tiers that enjoy it. Read by the member handbook; the till does not price them.
   */
  serviceBenefits: ServiceBenefit[]
  expiry: {
    /**
     * Points earned in a calendar year expire at the end of the calendar year this many years later
     * (1 = the end of the next year). Each batch keeps the expiry it was earned with.
     */
    yearsAfterEarningYear: number
  }
}

/** Referral (老带新): what pays the inviter, and what flags a referral for review (domain/referral). */
export interface ReferralRules {
  /** The invitee's first purchase of at least this pays the inviter (¥100). */
  minPurchaseFen: number
  inviterPoints: number
  /** Issued to the invitee at join (null = none). */
  inviteeCouponTemplateId: string | null
  /** Rewarded referrals per inviter per calendar month (business time); more are recorded, not paid. */
  monthlyCap: number
  /** This many joins through one inviter within `burstHours` flags the latest for review. */
  burstJoins: number
  burstHours: number
}

export const DEFAULT_REFERRAL_RULES: ReferralRules = {
  minPurchaseFen: 10_000,
  inviterPoints: 200,
  inviteeCouponTemplateId: 'referral-20off200',
  monthlyCap: 10,
  burstJoins: 5,
  burstHours: 24,
}

/** Ranking customers (domain/segments): class thresholds and RFM boundaries. */
export type CustomerClass = 'A' | 'B' | 'C' | 'D'

export interface ClassRule<N extends CustomerClass> {
  name: N
  minSpendFen: Fen
  minVisits: number
}

export interface SegmentRules {
  /** Checked in order; the first a member meets is theirs; anyone else is D. */
  classes: [ClassRule<'A'>, ClassRule<'B'>, ClassRule<'C'>]
  rfm: {
    /** Days since the last visit at which R drops from 5 to 4, 4 to 3, 3 to 2, 2 to 1 (ascending). */
    recencyDays: [number, number, number, number]
    /** Visits needed for F 2, 3, 4, 5 (ascending). */
    visits: [number, number, number, number]
    /** Lifetime spend needed for M 2, 3, 4, 5 (ascending). */
    spendFen: [Fen, Fen, Fen, Fen]
  }
}

export const DEFAULT_SEGMENT_RULES: SegmentRules = {
  classes: [
    { name: 'A', minSpendFen: 1_000_000, minVisits: 6 },
    { name: 'B', minSpendFen: 300_000, minVisits: 3 },
    { name: 'C', minSpendFen: 50_000, minVisits: 1 },
  ],
  rfm: { recencyDays: [30, 90, 180, 365], visits: [1, 2, 4, 8], spendFen: [50_000, 180_000, 500_000, 1_000_000] },
}

export interface ServiceBenefit {
  /** A few words, e.g. "免费修改裤长". */
  title: string
  /** One line more, may be empty. */
  detail: string
  /** The tiers that enjoy it (a higher tier is not implied: the list says it). */
  tiers: TierId[]
}

export const DEFAULT_SERVICE_BENEFITS: ServiceBenefit[] = [
  { title: '免费修改', detail: '裤长、袖长修改，本店购买的衣物', tiers: ['member', 'vip', 'gold'] },
  { title: '礼品包装', detail: '节日与生日礼物免费包装', tiers: ['member', 'vip', 'gold'] },
  { title: '免费熨烫', detail: '本店购买的衣物，随时到店熨烫', tiers: ['vip', 'gold'] },
  { title: 'VIP专享提前购', detail: '促销开始前三天优先选购', tiers: ['vip', 'gold'] },
  { title: '送货上门', detail: '同城免费送货', tiers: ['gold'] },
]

export const DEFAULT_PROGRAM: ProgramRules = {
  version: 1,
  earning: { pointsPer100YuanByTier: { member: 100, vip: 120, gold: 150 }, birthdayMonthPercent: 200 },
  vip: { cumulativeFen: 180_000, singlePurchaseFen: 50_000, validMonths: 12, renewFen: 50_000 },
  gold: { lifetimeFen: 500_000, keptWhenRefundsUnqualify: true },
  expiry: { yearsAfterEarningYear: 1 },
  coupons: { welcomeTemplateId: 'welcome-20off200', birthdayTemplateId: 'birthday-30off' },
  referral: DEFAULT_REFERRAL_RULES,
  workbench: { lapseWarningDays: 30, winBackDays: [90, 180], callbackEveryDays: 30 },
  segments: DEFAULT_SEGMENT_RULES,
  serviceBenefits: DEFAULT_SERVICE_BENEFITS,
}

/**
 * Rules saved before a rule existed lack it: the default fills in, so every reader sees a whole rule set.
 * (Only the service benefits list was added after rules were first saved.)
 */
export const withRuleDefaults = (rules: ProgramRules): ProgramRules =>
  rules.serviceBenefits ? rules : { ...rules, serviceBenefits: DEFAULT_PROGRAM.serviceBenefits }

export const TIER_NAMES: Record<TierId, string> = {
  member: '普通会员',
  vip: 'VIP会员',
  gold: '金卡会员',
}
