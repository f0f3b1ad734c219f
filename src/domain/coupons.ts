/**
 * Coupons: templates are data an operator edits (what the coupon gives, how long it lasts, who may hold it,
 * how many exist); a coupon is one member's copy, issued through a channel under a key that makes issuing
 * idempotent (the birthday coupon's key is member + year, so it exists at most once a year).
 */
import type { EditTrail } from './editTrail'
import { AppError } from './errors'
import { formatYuan, type Fen } from './money'
import type { TierId } from './program'
import { effectiveTier, type TierState } from './tiers'
import { businessTime, isBefore, toInstant, type Instant } from './time'

export type CouponBenefit =
  /** percentOff 30 = 30% off = 7折. The discount is floored to the fen. */
  | { kind: 'percentOff'; percentOff: number }
  /** 满减: amountOffFen off a purchase of at least minSpendFen. */
  | { kind: 'amountOff'; amountOffFen: Fen; minSpendFen: Fen }
  /** A gift collected in store, no purchase needed. */
  | { kind: 'gift'; giftName: string }

export type CouponValidity =
  | { kind: 'fixed'; from: Instant; until: Instant }
  /** From issue through the Nth business day, counting the day of issue as the first. */
  | { kind: 'daysFromIssue'; days: number }
  /** The whole calendar month of the holder's birthday, in the year of issue (business time). */
  | { kind: 'birthdayMonth' }

export interface CouponTemplate extends EditTrail {
  _id: string
  title: string
  /** Plain words for the coupon's rules, beyond what the benefit says (optional). */
  note: string
  benefit: CouponBenefit
  validity: CouponValidity
  /** Tiers that may hold and use it. */
  tiers: TierId[]
  /** Null = unlimited. `issued` counts what has gone out (on this document: one counter, one place). */
  stock: { total: number | null; issued: number }
  /** The handbook: during promotions VIPs enjoy VIP price and the coupon together. Shown at the till. */
  combinesWithVipPrice: boolean
  active: boolean
}

export type CouponChannel = 'welcome' | 'birthday' | 'exchange' | 'campaign' | 'referral'

/** One member's coupon (collection `coupons`, `_id` = its issuance key). */
export interface Coupon {
  _id: string
  /** 12 digits with a check digit: the QR and the digits shown at the till. */
  code: string
  memberId: string
  templateId: string
  channel: CouponChannel
  /** Copied from the template at issue: an operator's later edit never changes a coupon already held. */
  title: string
  note: string
  benefit: CouponBenefit
  tiers: TierId[]
  combinesWithVipPrice: boolean
  validFrom: Instant
  /** Exclusive. */
  validUntil: Instant
  issuedAt: Instant
  state: 'available' | 'used'
  use: CouponUse | null
  /** Every use and undo, for the audit. */
  log: { event: 'used' | 'undone'; at: Instant; by: string; orderId: string | null }[]
  /** A gift from an item with per-store stock is collected at the store whose stock it took (domain/catalog). */
  pickupStore?: { id: string; name: string }
}

export interface CouponUse {
  at: Instant
  /** staffId of who redeemed it: only they may undo it, within UNDO_WINDOW_MS. */
  by: string
  storeId: string
  /** The purchase it was used with; null for a gift collected without a purchase. */
  orderId: string | null
  discountFen: Fen
}

export const UNDO_WINDOW_MS = 10 * 60 * 1000

/** Whole calendar days in business time: a coupon "valid 30 days" issued at 23:50 still has its 30 days. */
export const validityWindow = (validity: CouponValidity, issuedAt: Instant, birthdayMonth: number): { from: Instant; until: Instant } => {
  switch (validity.kind) {
    case 'fixed':
      return { from: validity.from, until: validity.until }
    case 'daysFromIssue':
      return { from: issuedAt, until: toInstant(businessTime(issuedAt).startOf('day').add(validity.days, 'day')) }
    case 'birthdayMonth': {
      const month = businessTime(issuedAt)
        .month(birthdayMonth - 1)
        .startOf('month')
      return { from: toInstant(month), until: toInstant(month.add(1, 'month')) }
    }
  }
}

/** The discount a coupon gives on a purchase amount (before the coupon); 0 for a gift. Never more than the amount. */
export const discountFor = (benefit: CouponBenefit, amountFen: Fen): Fen => {
  switch (benefit.kind) {
    case 'percentOff':
      return Math.floor((amountFen * benefit.percentOff) / 100)
    case 'amountOff':
      return Math.min(amountFen, benefit.amountOffFen)
    case 'gift':
      return 0
  }
}

/** "7折", "满¥200减¥20", "赠品：帆布袋": what the coupon gives, in the words stores use. */
export const benefitText = (benefit: CouponBenefit): string => {
  switch (benefit.kind) {
    case 'percentOff': {
      const tenths = 100 - benefit.percentOff
      return `${tenths % 10 === 0 ? tenths / 10 : (tenths / 10).toFixed(1)}折`
    }
    case 'amountOff':
      return benefit.minSpendFen > 0
        ? `满${formatYuan(benefit.minSpendFen)}减${formatYuan(benefit.amountOffFen)}`
        : `立减${formatYuan(benefit.amountOffFen)}`
    case 'gift':
      return `赠品：${benefit.giftName}`
  }
}

/** "新会员礼券（满¥200减¥20）": a gift as the handbook, the join page and the posters name it. */
export const giftName = (template: Pick<CouponTemplate, 'title' | 'benefit'>): string =>
  `${template.title}（${benefitText(template.benefit)}）`

export type CouponStatus = 'available' | 'used' | 'expired' | 'notYetValid'

export const couponStatus = (coupon: Pick<Coupon, 'state' | 'validFrom' | 'validUntil'>, now: Instant): CouponStatus => {
  if (coupon.state === 'used') return 'used'
  if (!isBefore(now, coupon.validUntil)) return 'expired'
  if (isBefore(now, coupon.validFrom)) return 'notYetValid'
  return 'available'
}

export interface IssueInput {
  key: string
  code: string
  channel: CouponChannel
  at: Instant
}

/**
 * Issues a template to a member: checks the template is active, the member's tier may hold it, and stock
 * is left. Returns the coupon and the template with its issued count moved on. Pure.
 */
export const issueCoupon = (
  template: CouponTemplate,
  member: TierState & { _id: string; birthday: { month: number }; unclaimed?: boolean },
  input: IssueInput,
): { coupon: Coupon; template: CouponTemplate } => {
  // An imported member nobody claimed has no phone to hold a coupon: none until they open the card.
  if (member.unclaimed === true) throw new AppError('COUPON_NOT_AVAILABLE', '该会员尚未开卡，不能发券')
  if (!template.active) throw new AppError('COUPON_NOT_AVAILABLE', `「${template.title}」已停止发放`)
  if (!template.tiers.includes(effectiveTier(member, input.at))) {
    throw new AppError('COUPON_NOT_AVAILABLE', `「${template.title}」仅限${template.tiers.map(tierWord).join('、')}领取`)
  }
  if (template.stock.total !== null && template.stock.issued >= template.stock.total) {
    throw new AppError('OUT_OF_STOCK', `「${template.title}」已发完`)
  }
  const { from, until } = validityWindow(template.validity, input.at, member.birthday.month)
  return {
    coupon: {
      _id: input.key,
      code: input.code,
      memberId: member._id,
      templateId: template._id,
      channel: input.channel,
      title: template.title,
      note: template.note,
      benefit: template.benefit,
      tiers: template.tiers,
      combinesWithVipPrice: template.combinesWithVipPrice,
      validFrom: from,
      validUntil: until,
      issuedAt: input.at,
      state: 'available',
      use: null,
      log: [],
    },
    template: { ...template, stock: { ...template.stock, issued: template.stock.issued + 1 } },
  }
}

const TIER_WORDS: Record<TierId, string> = { member: '会员', vip: 'VIP会员', gold: '金卡会员' }
const tierWord = (tier: TierId) => TIER_WORDS[tier]
/** "VIP会员、金卡会员": who may hold or exchange something. */
export const tierWords = (tiers: readonly TierId[]): string => tiers.map(tierWord).join('、')

/**
 * Why a coupon cannot be used: `reason` for programs to branch on, `code` for the error it becomes, `message` in
 * the till's words.
 */
export interface CouponProblem {
  reason: 'used' | 'expired' | 'notYetValid' | 'wrongTier' | 'giftOnly' | 'needsPurchase' | 'belowMinimum' | 'otherStore'
  code: 'COUPON_ALREADY_USED' | 'COUPON_NOT_APPLICABLE'
  message: string
}

/** Why a coupon cannot be used with this purchase (`amountFen`, null: without one) now; null when it can. */
export const couponProblem = (coupon: Coupon, holder: TierState, amountFen: Fen | null, now: Instant): CouponProblem | null => {
  const notApplicable = (reason: CouponProblem['reason'], message: string): CouponProblem => ({
    reason,
    code: 'COUPON_NOT_APPLICABLE',
    message,
  })
  const status = couponStatus(coupon, now)
  if (status === 'used') return { reason: 'used', code: 'COUPON_ALREADY_USED', message: '该券已使用' }
  if (status === 'expired') return notApplicable('expired', '该券已过期')
  if (status === 'notYetValid') return notApplicable('notYetValid', '该券尚未到使用时间')
  if (!coupon.tiers.includes(effectiveTier(holder, now))) {
    return notApplicable('wrongTier', `该券仅限${coupon.tiers.map(tierWord).join('、')}使用`)
  }
  if (coupon.benefit.kind === 'gift') {
    return amountFen === null ? null : notApplicable('giftOnly', '礼品券请在“礼品券核销”中核销')
  }
  if (amountFen === null) return notApplicable('needsPurchase', '该券需随消费使用')
  if (coupon.benefit.kind === 'amountOff' && amountFen < coupon.benefit.minSpendFen) {
    return notApplicable('belowMinimum', `未满${formatYuan(coupon.benefit.minSpendFen)}，不能使用该券`)
  }
  return null
}

/**
 * Why a gift coupon cannot be collected at `storeId`: its gift was set aside at another store (the stock it took
 * was that store's); null when it can, or when the coupon names no store.
 */
export const pickupProblem = (coupon: Pick<Coupon, 'pickupStore'>, storeId: string): CouponProblem | null =>
  coupon.pickupStore && coupon.pickupStore.id !== storeId
    ? { reason: 'otherStore', code: 'COUPON_NOT_APPLICABLE', message: `该礼品请到${coupon.pickupStore.name}领取` }
    : null

/** Uses a coupon (checked by `couponProblem` first): the state the adapter writes with the purchase. */
export const useCoupon = (coupon: Coupon, use: CouponUse): Coupon => ({
  ...coupon,
  state: 'used',
  use,
  log: [...coupon.log, { event: 'used', at: use.at, by: use.by, orderId: use.orderId }],
})

/** The redeeming shop assistant may undo a use within ten minutes; the coupon is available again, logged. */
export const undoCouponUse = (coupon: Coupon, staffId: string, now: Instant): Coupon => {
  if (coupon.state !== 'used' || !coupon.use) throw new AppError('COUPON_NOT_APPLICABLE', '该券未被使用，无需撤销')
  if (coupon.use.by !== staffId) throw new AppError('FORBIDDEN', '只有核销该券的导购可以撤销')
  if (Date.parse(now) - Date.parse(coupon.use.at) > UNDO_WINDOW_MS) {
    throw new AppError('COUPON_NOT_APPLICABLE', '核销已超过 10 分钟，不能撤销；如需退款请办理退货')
  }
  return {
    ...coupon,
    state: 'available',
    use: null,
    log: [...coupon.log, { event: 'undone', at: now, by: staffId, orderId: coupon.use.orderId }],
  }
}

/**
 * The member's coupons the till can use with a purchase now: available, valid, for their tier, not a gift (a gift
 * coupon is handed out on its own). Soonest to expire first, as the assistant should offer them.
 */
export const usableWithPurchase = (coupons: Coupon[], holder: TierState, now: Instant): Coupon[] =>
  coupons
    .filter((c) => c.benefit.kind !== 'gift' && couponProblem(c, holder, null, now)?.reason === 'needsPurchase')
    .sort((a, b) => Date.parse(a.validUntil) - Date.parse(b.validUntil))
