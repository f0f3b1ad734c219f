/** The `staff` function: the till (purchases, refunds, redemptions, coupons) and the shop assistants' workbench. */
import type { PointsBreakdown } from '../domain/points'
import type { RefundOutcome } from '../domain/purchase'
import type { StaffRole } from '../domain/staff'
import type { TierChange } from '../domain/tiers'
import type { TierId } from '../domain/program'
import type { Instant } from '../domain/time'
import type { LookupMemberInput } from './sharedSchemas'
import type {
  CallbackStatsInput,
  CorrectBirthdayInput,
  CustomerCardInput,
  CustomersInput,
  LogCallbackInput,
  LookupCouponInput,
  LookupOrderInput,
  PreviewRefundInput,
  ReassignInput,
  RevealPhoneInput,
  RecordPurchaseInput,
  RecordRefundInput,
  RedeemGiftCouponInput,
  RedeemPointsInput,
  ResumeTillInput,
  ScanMemberInput,
  UndoCouponUseInput,
} from './staffSchemas'
import type { CallbackEntry, CouponView, CustomerView, MemberSummary, StoreView, TodayView } from './shared'

/** A coupon as staff see it: everything but its code, which only the shopper's phone shows (it stands for them). */
export type TillCouponView = Omit<CouponView, 'code'>

export interface StaffView {
  staffId: string
  name: string
  role: StaffRole
  store: StoreView
}

export interface PurchaseResult {
  purchase: {
    orderNo: string
    /** What the member paid (after the coupon): the spend that earns points and counts for the tier. */
    amountFen: number
    /** The order amount before the coupon, and the coupon used with it (if any). */
    listAmountFen: number
    coupon: { title: string; discountFen: number } | null
    at: Instant
    pointsEarned: number
    /** How pointsEarned came about, summing to it; null for purchases recorded before it was kept. */
    pointsBreakdown: PointsBreakdown | null
    tierChange: TierChange | null
  }
  member: MemberSummary
  /** True when this order number was already recorded with the same content: nothing new happened. */
  replayed: boolean
}

/** An order as the till sees it before a refund. */
export interface OrderView {
  orderNo: string
  amountFen: number
  refundedFen: number
  at: Instant
  pointsEarned: number
  /** Points the order's refunds really took back from the balance. */
  pointsTakenBack: number
  /** Points its refunds could not take back: the member had already used them. */
  pointsShortfall: number
  member: MemberSummary
}

/** What a refund would do, from the same decision the refund makes (a dry run): shown on its confirmation. */
export type RefundPreview = RefundOutcome

/** A points catalog item as the till offers it. */
export interface StaffCatalogItem {
  id: string
  title: string
  pointsPrice: number
  /** "赠品：帆布袋", "满¥500减¥50". */
  benefitText: string
  /** A gift is handed over at the till; a coupon goes to the member's wallet. */
  gift: boolean
  /** Null = unlimited. */
  stockLeft: number | null
}

export interface RefundResult {
  refund: {
    orderNo: string
    amountFen: number
    /** Points taken back by this refund, and points that could not be (the balance had been spent). */
    pointsReversed: number
    shortfall: number
    at: Instant
  }
  tierBefore: TierId
  member: MemberSummary
  replayed: boolean
}

export interface RedemptionResult {
  /** `points` is what was spent, a positive number. */
  redemption: { points: number; reason: string; at: Instant; balanceAfter: number }
  /** A catalog item's coupon: a gift's already handed over (used), another in the member's wallet; null for free text. */
  coupon: TillCouponView | null
  member: MemberSummary
  replayed: boolean
}

export interface CallbackStats {
  month: string
  byAssistant: { staffId: string; name: string; callbacks: number; customers: number }[]
}

/** One alert of the brake on guessing member codes, for the store manager (src/domain/codeGuard.ts). */
export interface CodeAlertView {
  id: string
  /** A member's dynamic code locked after wrong codes at this store's tills, or a till of this store paused. */
  kind: 'memberLocked' | 'tillPaused'
  at: Instant
  /** The till whose wrong code locked the member or paused itself. */
  staff: { staffId: string; name: string }
  memberNo: string | null
  /** A lock's end; null for a pause. */
  until: Instant | null
  /** A paused till still waiting to be resumed. */
  open: boolean
  resolvedAt: Instant | null
  /** The manager who resumed it (name). */
  resolvedBy: string | null
}

export interface CodeAlertsView {
  alerts: CodeAlertView[]
  /** The brake's figures, to say them on the page. */
  brake: {
    member: { wrongCodes: number; withinMinutes: number; lockMinutes: number }
    till: { wrongCodes: number; withinMinutes: number }
  }
}

/** The home tiles' figures: how many of my customers (a manager's: the store's) each of today's lists holds. */
export interface TodayCounts {
  birthdays: number
  lapsing: number
  /** Not seen for the program's win-back days (both lists of 今日与本月: drifting and lost). */
  winBack: number
  callbacksDue: number
}

export interface StaffApi {
  whoami: { input: Record<string, never>; output: StaffView }
  /** A dynamic code is accepted here, once (see cloudfunctions/_lib/memberCodes.ts); a member number only finds. */
  /**
   * `coupons`: with a dynamic code (the member is at the till), their coupons usable with a purchase now, to tap
   * instead of scanning; with a member number, none.
   */
  scanMember: { input: ScanMemberInput; output: { member: MemberSummary; coupons: TillCouponView[] } }
  recordPurchase: { input: RecordPurchaseInput; output: PurchaseResult }
  lookupOrder: { input: LookupOrderInput; output: { order: OrderView } }
  /** A dry run of recordRefund: nothing is written. */
  previewRefund: { input: PreviewRefundInput; output: { preview: RefundPreview } }
  recordRefund: { input: RecordRefundInput; output: RefundResult }
  /** The points catalog's items the till can hand over (active, in stock), cheapest first. */
  redeemCatalog: { input: Record<string, never>; output: { items: StaffCatalogItem[] } }
  redeemPoints: { input: RedeemPointsInput; output: RedemptionResult }
  /** A coupon scanned at the till: whose, and whether it applies to an amount (when given). */
  lookupCoupon: {
    input: LookupCouponInput
    output: { coupon: TillCouponView; holder: MemberSummary; problem: string | null; discountFen: number }
  }
  redeemGiftCoupon: { input: RedeemGiftCouponInput; output: { coupon: CouponView; holder: MemberSummary; replayed: boolean } }
  /** Within 10 minutes, by the assistant who redeemed it: the coupon is available again and its purchase refunded. */
  undoCouponUse: { input: UndoCouponUseInput; output: { coupon: TillCouponView; refund: RefundResult | null } }
  correctBirthday: { input: CorrectBirthdayInput; output: { member: MemberSummary } }
  /** My customers (a manager: the store's), newest seen first, searchable by name or phone suffix. */
  customers: { input: CustomersInput; output: { customers: CustomerView[]; more: boolean } }
  /**
   * `callbackDefaultDate`: the business date the next callback gets when none is picked (YYYY-MM-DD).
   * `phoneReveals`: who saw the customer's full number, newest first — for the store manager (null for assistants).
   */
  customer: {
    input: LookupMemberInput
    output: {
      customer: CustomerView
      callbacks: CallbackEntry[]
      callbackDefaultDate: string
      phoneReveals: { staffName: string; at: Instant }[] | null
    }
  }
  today: { input: Record<string, never>; output: TodayView }
  /** Counts of today's lists, for the home tiles: counted by the database, no customer read. */
  todayCounts: { input: Record<string, never>; output: TodayCounts }
  /**
   * The customer's full mobile number, to call them: only for the customer's own assistant, and every reveal is
   * logged (phoneReveals). Every other staff answer carries the number masked.
   */
  revealPhone: { input: RevealPhoneInput; output: { mobile: string } }
  logCallback: { input: LogCallbackInput; output: { customer: CustomerView; replayed: boolean } }
  updateCustomerCard: { input: CustomerCardInput; output: { customer: CustomerView } }
  /** Managers only: who looks after a customer. */
  reassign: { input: ReassignInput; output: { customer: CustomerView } }
  /** Managers only: callbacks per assistant in a month. */
  callbackStats: { input: CallbackStatsInput; output: CallbackStats }
  /** The store's assistants (for reassigning and the stats). */
  storeStaff: { input: Record<string, never>; output: { staff: { staffId: string; name: string; role: StaffRole }[] } }
  /** Managers only: the brake on guessing member codes — this store's locked member codes and paused tills. */
  codeAlerts: { input: Record<string, never>; output: CodeAlertsView }
  /** Managers only: a till the brake paused takes member codes again (not the manager's own). `resumed`: it was paused. */
  resumeTill: { input: ResumeTillInput; output: { resumed: boolean } }
}
