/** What the desk's 会员 pages get back from `ops`: the member table's rows and a member's page. */
import type { Birthday } from '../domain/member'
import type { Placement } from '../domain/memberAudit'
import type { PointBatch } from '../domain/points'
import type { TierId } from '../domain/program'
import type { RsvpStatus } from '../domain/events'
import type { PointsBreakdown } from '../domain/points'
import type { CustomerClass } from '../domain/segments'
import type { TierProgress } from '../domain/tiers'
import type { Instant } from '../domain/time'
import type { ListPage } from './lists'
import type { CallbackEntry, CustomerProfileView, MemberSummary, StoreView } from './shared'
import type { TillCouponView } from './staff'

/** One row of the member table. Phones leave the server masked; ids are resolved to names. */
export interface MemberRow {
  memberNo: string
  name: string
  mobileMasked: string
  /** As of now: a VIP whose year ran out reads `member` before the nightly job writes it. */
  tier: TierId
  vipUntil: Instant | null
  /** Usable now (batches past their expiry count for nothing, before the expiry job removes them). */
  pointsBalance: number
  lifetimeSpendFen: number
  store: StoreView | null
  assistant: { staffId: string; name: string } | null
  /** A–D from lifetime spend and visits under the live rules (segments.customerClass). */
  customerClass: CustomerClass
  /** The later of joining and the last purchase (the workbench's "last seen"). */
  lastVisitAt: Instant
  joinedAt: Instant
  /** Imported and not claimed yet (已导入，未开卡). */
  unclaimed: boolean
}

/** A purchase on the member's page, newest first. The till records an order's amount, not its items. */
export interface MemberPurchaseRow {
  id: string
  orderNo: string
  store: StoreView | null
  at: Instant
  /** Paid: the order amount less the coupon. */
  amountFen: number
  listAmountFen: number
  coupon: { title: string; discountFen: number } | null
  pointsEarned: number
  /** How the points came about (absent on purchases recorded before it was kept). */
  pointsBreakdown: PointsBreakdown | null
  refundedFen: number
  pointsReversed: number
  /** "王丽（A01）": who recorded it at the till. */
  recordedBy: string
}

/** An RSVP on the member's page: the event, the place held, the check-in. */
export interface MemberEventRow {
  eventId: string
  title: string
  startsAt: Instant
  store: StoreView | null
  status: RsvpStatus
  seats: number
  waitNo: number | null
  rsvpAt: Instant
  checkedInAt: Instant | null
}

/**
 * One change to the member's record outside the ledger, newest first: operators' corrections (from the audit
 * records) and those made elsewhere (staff birthday corrections, managers' reassignments, the member's own store
 * moves, kept on the member document).
 */
export interface MemberChangeView {
  at: Instant
  /** "运营 陈静（OP01）", "导购 王丽（A01，上海静安嘉里中心店）", "会员本人". */
  actor: string
  /** "生日：7月15日 → 8月1日", "门店：上海静安嘉里中心店（导购 王丽）→ 上海徐汇港汇恒隆店（未分配导购）". */
  summary: string
  reason: string | null
  change:
    | { kind: 'birthday'; from: Birthday | null; to: Birthday | null }
    | { kind: 'store'; from: Placement; to: Placement }
    | { kind: 'assistant'; from: string | null; to: string | null }
}

/** A member's page in one call (the ledger pages through memberLedger; purchases and coupons page on). */
export interface MemberPageView {
  serverTime: Instant
  member: MemberSummary & {
    /** The number was typed at join and another membership held it first (nobody verified either). */
    mobileUnconfirmed: boolean
    joinedAt: Instant
    store: StoreView | null
    assistant: { staffId: string; name: string } | null
    customerClass: CustomerClass
    purchaseCount: number
    lastPurchaseAt: Instant | null
    lastVisitAt: Instant
    nextCallbackAt: Instant | null
    lastCallbackAt: Instant | null
    /** The customer card as the store's staff read it (the delivery phone masked). */
    profile: CustomerProfileView
  }
  card: {
    tier: TierId
    vipUntil: Instant | null
    vipYearEnd: Instant | null
    vipYearSpendFen: number
    goldSince: Instant | null
    lifetimeSpendFen: number
    /** Usable now; `pointBatches` are the unexpired batches, soonest expiry first. */
    pointsBalance: number
    pointBatches: PointBatch[]
    /** Points refunds should have taken back but could not (already spent). */
    pointsShortfall: number
    progress: TierProgress
  }
  purchases: ListPage<MemberPurchaseRow>
  coupons: ListPage<TillCouponView>
  /** The member's RSVPs, newest first (the last 50). */
  events: MemberEventRow[]
  /** Callbacks, newest first (the last 20). */
  callbacks: CallbackEntry[]
  /** Changes to the record outside the ledger, newest first (the last 50). */
  changes: MemberChangeView[]
}

/** What a correction answers: the member as the table and the page show them, the change made, and whether replayed. */
export interface MemberCorrectionResult {
  member: MemberRow
  change: MemberChangeView
  /** A birthday correction into the current month issued this year's birthday card (once a year). */
  birthdayCardIssued: boolean
  replayed: boolean
}
