/**
 * What more than one function's answers share: the wire's result and request shapes, and the views of a store,
 * a member at the till, a coupon, a ledger line and a customer on the workbench.
 */
import type { CouponBenefit, CouponChannel, CouponStatus } from '../domain/coupons'
import type { ErrorCode, FieldError } from '../domain/errors'
import type { LedgerKind } from '../domain/ledger'
import type { Birthday, CustomerProfile } from '../domain/member'
import type { TierId } from '../domain/program'
import type { CustomerClass } from '../domain/segments'
import type { CallbackOutcome } from '../domain/staff'
import type { Instant } from '../domain/time'

/** What every cloud function answers. */
export type CloudResult<T> = { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string; fields?: FieldError[] } }

/** A request to a function: which action, with what input. Identity never travels here. */
export interface CloudRequest<A extends string = string, I = unknown> {
  action: A
  input: I
}

export interface StoreView {
  id: string
  name: string
}

/** One coupon as its holder (or the till) sees it. */
export interface CouponView {
  id: string
  /** 12 digits: the QR's content and what the till types. */
  code: string
  title: string
  /** "7折", "满¥200减¥20", "赠品：帆布袋". */
  benefitText: string
  benefit: CouponBenefit
  /** The rules in plain words. */
  note: string
  /** Tiers that may use it. */
  tiers: TierId[]
  channel: CouponChannel
  combinesWithVipPrice: boolean
  validFrom: Instant
  /** Exclusive; show `lastCoveredBusinessDate(validUntil)`. */
  validUntil: Instant
  status: CouponStatus
  usedAt: Instant | null
  /** A gift set aside at one store (a catalog item with per-store stock): collected there only. */
  pickupStore?: StoreView
}

/** What the till sees about a member: enough to confirm who it is, no more. */
export interface MemberSummary {
  memberNo: string
  name: string
  mobileMasked: string
  /** Staff see it to wish happy birthday and to correct it. */
  birthday: Birthday
  tier: TierId
  vipUntil: Instant | null
  pointsBalance: number
}

/** One line of a points history, in words a shopper reads. */
export interface PointsHistoryEntry {
  id: string
  kind: LedgerKind
  /** Signed. */
  points: number
  balanceAfter: number
  /** What happened, e.g. "消费积分", "兑换：保温杯", "积分过期", an operator's reason. */
  reason: string
  at: Instant
  /** Where it came from, for the second line: "上海静安嘉里中心店 · 订单 SO123". */
  detail: string | null
}

/** The member's delivery address as staff and operators read it: the phone masked on the server (138****5678). */
export interface DeliveryAddressView {
  recipient: string
  phoneMasked: string
  address: string
}

/** The customer card as staff and operators read it: the member's delivery address carries no full phone number. */
export type CustomerProfileView = Omit<CustomerProfile, 'deliveryAddress'> & { deliveryAddress?: DeliveryAddressView | null }

/** A customer on the staff workbench: who, how valuable, when last seen, and the customer card. */
export interface CustomerView extends MemberSummary {
  /**
   * The number was already another membership's when this one joined (and nobody verified either): the member was
   * told nothing, the store is, so it can check who the customer is (a member who changed WeChat, or not).
   */
  mobileUnconfirmed: boolean
  /**
   * Imported from the brand's records and not claimed yet (已导入，未开卡): the assistant may call them to open the
   * card with the same phone; nothing can be sent or issued to them until then.
   */
  unclaimed: boolean
  joinedAt: Instant
  lastPurchaseAt: Instant | null
  lastSeenAt: Instant
  lifetimeSpendFen: number
  purchaseCount: number
  /** Who looks after them (staffId), and that assistant's name. */
  assistant: { staffId: string; name: string } | null
  /** The store whose customer this is (operators see every store's). */
  store: StoreView | null
  profile: CustomerProfileView
  nextCallbackAt: Instant | null
  lastCallbackAt: Instant | null
  customerClass: CustomerClass
}

export interface TodayView {
  /** Business-time month these lists are about. */
  month: string
  /** The server's clock, so "not seen for N days" reads the same on a phone with a wrong clock. */
  serverTime: Instant
  birthdays: CustomerView[]
  /** VIPs whose year ends within the warning window. */
  lapsing: CustomerView[]
  /** Not seen for the first win-back threshold (e.g. 90 days) but less than the second. */
  drifting: CustomerView[]
  /** Not seen for the second threshold (e.g. 180 days) or more. */
  lost: CustomerView[]
  callbacksDue: CustomerView[]
  thresholds: { lapseWarningDays: number; winBackDays: [number, number] }
}

export interface CallbackEntry {
  at: Instant
  staffName: string
  outcome: CallbackOutcome
  note: string
  nextAt: Instant | null
}

/** A picture made on the server (a mini-program code), carried in the answer. */
export interface PictureData {
  contentType: string
  base64: string
}
