/**
 * The one contract between the mini-program and the cloud functions: every function, its actions, their
 * inputs and outputs. Pages call `callCloud('member', 'getCard', {})` and get these types back.
 */
import type { Access } from '../domain/access'
import type { CouponBenefit, CouponChannel, CouponStatus } from '../domain/coupons'
import type { ErrorCode, FieldError } from '../domain/errors'
import type { RsvpStatus } from '../domain/events'
import type { LedgerKind } from '../domain/ledger'
import type { Birthday, CustomerProfile, ReferralStatus } from '../domain/member'
import type { CustomerClass } from '../domain/segments'
import type { PointsState } from '../domain/points'
import type { ProgramRules, TierId } from '../domain/program'
import type { CallbackOutcome, StaffRole } from '../domain/staff'
import type { TierChange, TierState } from '../domain/tiers'
import type { Instant } from '../domain/time'
import type {
  AdjustPointsInput,
  CallbackStatsInput,
  CustomerCardInput,
  CustomersInput,
  LogCallbackInput,
  ReassignInput,
  ResumeTillInput,
  CheckInInput,
  ClaimCampaignInput,
  CreateEventInput,
  EventIdInput,
  RsvpInput,
  CorrectBirthdayInput,
  CreateCampaignInput,
  ExchangeInput,
  JoinInput,
  LookupCouponInput,
  LookupMemberInput,
  LookupOrderInput,
  MemberLedgerInput,
  PointsHistoryInput,
  RecordPurchaseInput,
  RecordRefundInput,
  RecordSubscriptionInput,
  ScanMemberInput,
  RedeemGiftCouponInput,
  RedeemPointsInput,
  ReferralsInput,
  ReviewReferralInput,
  UndoCouponUseInput,
  UpdateEventInput,
  UpdateProfileInput,
  ChangeStoreInput,
} from './schemas'
import type { ProgramHistoryInput, UpdateProgramInput } from './programSchema'
import type { DeleteMembershipResult, MyDataFile } from './privacy'
import type { DeleteMembershipInput } from './privacySchemas'
import type { LedgerExportInput } from './schemas'
import type { CampaignIdInput, DashboardInput, OpsCustomersInput, OpsTodayInput, StoreCodeInput, UpdateCampaignInput } from './opsSchemas'
import type { RuleChange } from '../domain/programChanges'

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

/**
 * The shopper's own card: tier and points state, so the client computes progress and "N points expire on
 * DATE" with the same domain code as the server.
 */
export interface MemberView extends TierState, Omit<PointsState, 'pointsShortfall'> {
  memberNo: string
  name: string
  mobileMasked: string
  birthday: Birthday
  joinedAt: Instant
  store: StoreView | null
}

/** A store for the operators' poster run: where it is and who recruits there. */
export interface StoreDirectoryEntry extends StoreView {
  address: string
  staff: { staffId: string; name: string; role: StaffRole }[]
}

/** A store QR to print: the code's image (its own content type: WeChat answers JPEG, the local cloud PNG). */
export interface StoreCodeView {
  store: StoreView & { address: string }
  assistant: { staffId: string; name: string } | null
  /** "s=SH001&a=A01": what the join page receives as `scene`. */
  scene: string
  page: string
  image: { contentType: string; base64: string }
}

/** A store as its members find it: where, when open, whom to call, and (when known) where on the map. */
export interface StoreDetailView extends StoreView {
  address: string
  phone: string
  openingHours: string
  /** GCJ-02, as Taro.openLocation wants; null when the brand has not placed the store on the map. */
  location: { latitude: number; longitude: number } | null
}

/** The member's own profile (my profile page): what the store keeps about them, bar the staff's notes. */
export interface ProfileView {
  name: string
  /** Set once at join; later changes only through staff (the birthday coupon depends on it). */
  birthday: Birthday
  profile: Omit<CustomerProfile, 'notes' | 'edits'> & { edits?: Omit<NonNullable<CustomerProfile['edits']>, 'notes'> }
}

/** One rule change the handbook shows: the rule's path, its old and new value, and when it took effect. */
export interface HandbookChange {
  path: string
  from: unknown
  to: unknown
  at: Instant
}

/** Everything the member handbook is generated from: the live rules and the reader's own standing. */
export interface HandbookView {
  rules: ProgramRules
  /** Recent rule changes (newest first), each with the date it took effect. */
  changes: HandbookChange[]
  /** The reader's tier state, to mark their place on the ladder (null: not a member yet). */
  standing: TierState | null
  serverTime: Instant
  /** The coupons the rules name, in words ("生日7折卡（7折）"), null when none is given. */
  gifts: { welcome: string | null; birthday: string | null; referral: string | null }
}

/** The member's home store and the stores they may move to. */
export interface HomeStoreView {
  store: StoreDetailView | null
  stores: StoreDetailView[]
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
}

/** WeChat subscribe-message template ids the page asks consent for (requestSubscribeMessage). */
export interface SubscribeTemplates {
  birthdayCoupon: string
  eventReminder: string
  waitlistPromoted: string
}

export interface CardView {
  member: MemberView
  program: ProgramRules
  /** The server's clock, so progress and expiry read the same on a phone with a wrong clock. */
  serverTime: Instant
  /** This year's birthday card while it can be used (or was used this month), to highlight on the card. */
  birthdayCoupon: CouponView | null
  subscribeTemplates: SubscribeTemplates
  /**
   * The member code secret's current version (null: none made yet); a device holding another asks anew.
   * Absent from older servers' answers: the device keeps what it has.
   */
  codeVersion?: number | null
}

/** The secret a member's device makes dynamic member codes with (see src/domain/memberCode.ts). */
export interface MemberCodeSecret {
  memberNo: string
  /** 64 hex digits. */
  secret: string
  version: number
  /** The server's clock when answering: the device keeps its offset to make codes on the server's time. */
  serverTime: Instant
}

export interface CatalogItemView {
  id: string
  title: string
  description: string
  pointsPrice: number
  benefitText: string
  /** Null = unlimited. */
  stockLeft: number | null
  perMemberLimit: number | null
  access: Access
}

export interface CampaignView {
  id: string
  title: string
  benefitText: string
  note: string
  access: Access
  endsAt: Instant
  stockLeft: number | null
  /** The caller already holds this campaign's coupon. */
  claimed: boolean
}

/** An operator's view of a campaign, with its issuing progress. */
export interface OpsCampaignView {
  id: string
  title: string
  templateId: string
  mode: 'claim' | 'issue'
  audience: string
  opensAt: Instant
  vipEarlyDays: number
  endsAt: Instant
  status: 'active' | 'issuing' | 'closed'
  issued: number
  skipped: number
}

export interface CouponTemplateView {
  id: string
  title: string
  benefitText: string
  tiers: TierId[]
  stockLeft: number | null
  active: boolean
}

export interface StaffView {
  staffId: string
  name: string
  role: StaffRole
  store: StoreView
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
    tierChange: TierChange | null
  }
  member: MemberSummary
  /** True when this order number was already recorded with the same content: nothing new happened. */
  replayed: boolean
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

export interface PointsHistoryPage {
  entries: PointsHistoryEntry[]
  /** Pass back to get the next (older) page; null at the end. */
  nextCursor: string | null
}

/** An order as the till sees it before a refund. */
export interface OrderView {
  orderNo: string
  amountFen: number
  refundedFen: number
  at: Instant
  pointsEarned: number
  pointsReversed: number
  member: MemberSummary
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
  member: MemberSummary
  replayed: boolean
}

export interface OperatorView {
  operatorId: string
  name: string
}

export interface AdjustmentResult {
  /** `points` is signed: positive added, negative taken. */
  adjustment: { points: number; reason: string; at: Instant; balanceAfter: number }
  member: MemberSummary
  replayed: boolean
}

/** A ledger line for the brand's audit: who did it, through what. */
export interface AuditEntry extends PointsHistoryEntry {
  actor: string
  source: string
}

export interface RsvpView {
  status: RsvpStatus
  seats: number
  /** Shown as QR + digits at the door once confirmed. */
  ticketCode: string | null
  /** Waiting: how many are ahead (0 = next to be promoted). */
  ahead: number | null
  confirmedAt: Instant | null
  checkedInAt: Instant | null
}

export interface EventView {
  id: string
  title: string
  description: string
  coverUrl: string
  store: StoreView | null
  startsAt: Instant
  endsAt: Instant
  capacity: number
  seatsLeft: number
  waiting: number
  tiers: TierId[]
  /** The caller's tier may RSVP (otherwise shown greyed: "for VIP members"). */
  eligible: boolean
  rsvpDeadline: Instant
  cancelDeadline: Instant
  attendancePoints: number
  maxGuests: number
  status: 'open' | 'closed'
  myRsvp: RsvpView | null
}

/** One line of the guest list at the door. */
export interface GuestView {
  name: string
  memberNo: string
  mobileMasked: string
  seats: number
  status: RsvpStatus
  waitNo: number | null
  checkedInAt: Instant | null
}

export interface CheckInResult {
  /** True when the ticket had been checked in before: `checkedInAt` is that first time. */
  already: boolean
  checkedInAt: Instant
  guest: GuestView
  event: { id: string; title: string }
  pointsCredited: number
}

export interface InviteView {
  code: string
  /** The path a WeChat share opens (onShareAppMessage): the join page carrying the code. */
  sharePath: string
  /** The poster's mini-program code (a data URL), made once per member and kept. */
  posterImage: string
  stats: { joined: number; rewarded: number; waiting: number; held: number }
  rules: { minPurchaseFen: number; inviterPoints: number; inviteeGift: string | null }
}

/** A referral as operators review it. */
export interface ReferralView {
  invitee: { name: string; memberNo: string }
  inviter: { name: string; memberNo: string }
  joinedAt: Instant
  status: ReferralStatus
  /** Why it was held, in words. */
  flags: string[]
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

/** The live program rules as the editor loads them. */
export interface ProgramView {
  rules: ProgramRules
  updatedAt: Instant | null
  /** The operator who saved this version (null: the built-in defaults). */
  updatedBy: string | null
  /** Coupon templates the rules may name (welcome, birthday, referral gift). */
  templates: { id: string; title: string }[]
}

/** One saved version of the rules: who changed what, when and why. */
export interface ProgramVersionView {
  version: number
  at: Instant
  by: string
  note: string
  changes: RuleChange[]
}

/** One of the handbook's top customers: 忠实户 (most visits), 主力户 (most spend), 大户 (most gross margin). */
export interface TopCustomer {
  memberNo: string
  name: string
  tier: TierId
  storeName: string
  purchaseCount: number
  lifetimeSpendFen: number
  marginFen: number
  lastPurchaseAt: Instant | null
}

export type TopList = 'loyal' | 'main' | 'big'

/** Who the customers are, as of the last nightly computation. */
export interface SegmentsView {
  /** When the nightly job last finished (null: never yet). */
  computedAt: Instant | null
  /** The program version whose thresholds the classes used. */
  rulesVersion: number | null
  members: number
  /** A, B, C, D with their members, their lifetime spend, and the rule in words. */
  classes: { name: CustomerClass; members: number; spendFen: number; rule: string }[]
  /** Recency × frequency, 25 cells (r, f from 1 to 5), with members and their average lifetime spend. */
  rfm: { r: number; f: number; members: number; avgSpendFen: number }[]
  /** Live top 20 of each list. */
  top: Record<TopList, TopCustomer[]>
}

/** The operators' dashboard over the last `days` business days (to = yesterday or today, inclusive). */
export interface DashboardView {
  from: string
  to: string
  /** Members by tier at the end of each day (nightly snapshots). */
  tiers: { date: string; member: number; vip: number; gold: number }[]
  newMembers: {
    daily: { date: string; count: number }[]
    byStore: { storeId: string; name: string; count: number }[]
    byAssistant: { staffId: string; name: string; storeName: string; count: number }[]
  }
  /** Member sales (paid amounts less refunds) in the period, by the buyer's tier after the purchase. */
  sales: { totalFen: number; byTier: Record<TierId, number>; daily: { date: string; fen: number }[] }
  /** Coupons issued in the period and how many of those were used. */
  coupons: { templateId: string; title: string; issued: number; used: number }[]
  /** Events that started in the period: seats confirmed and guests checked in. */
  events: { id: string; title: string; startsAt: Instant; confirmed: number; checkedIn: number }[]
}

/** A CSV file an operator exported to cloud storage, with a temporary link to it. */
export interface ExportResult {
  fileID: string
  /** The temporary download link (CloudBase's getTempFileURL; on the local cloud a signed link on its gateway). */
  url: string
  /** Data rows, the header not counted. */
  rows: number
  /** When the link stops working (the file stays in storage). */
  expiresAt: Instant
  /** Whether the file holds full phone numbers (the operator's exportPII permission); else they are masked. */
  pii: boolean
}

export interface Api {
  member: {
    join: { input: JoinInput; output: { member: MemberView; created: boolean } }
    getCard: { input: Record<string, never>; output: CardView }
    pointsHistory: { input: PointsHistoryInput; output: PointsHistoryPage }
    coupons: { input: Record<string, never>; output: { coupons: CouponView[] } }
    catalog: { input: Record<string, never>; output: { items: CatalogItemView[]; pointsAvailable: number } }
    exchange: { input: ExchangeInput; output: { coupon: CouponView; pointsBalance: number; replayed: boolean } }
    campaigns: { input: Record<string, never>; output: { campaigns: CampaignView[] } }
    claimCampaign: { input: ClaimCampaignInput; output: { coupon: CouponView; replayed: boolean } }
    recordSubscription: { input: RecordSubscriptionInput; output: { remaining: number } }
    invite: { input: Record<string, never>; output: InviteView }
    /** The dynamic member code's secret for this device (made on first call). */
    codeSecret: { input: Record<string, never>; output: MemberCodeSecret }
    /** Lost phone: a new secret; every code made with the old one is refused from now on. */
    resetMemberCode: { input: Record<string, never>; output: MemberCodeSecret }
    /** PIPL: everything held about the caller, as a JSON file in cloud storage. */
    myData: { input: Record<string, never>; output: MyDataFile }
    /** PIPL: erases the caller's personal data; the books keep a pseudonymous tombstone. Repeat while inProgress. */
    deleteMembership: { input: DeleteMembershipInput; output: DeleteMembershipResult }
    /** The member handbook: the live program rules, recent changes with their dates, the caller's standing. */
    handbook: { input: Record<string, never>; output: HandbookView }
    profile: { input: Record<string, never>; output: ProfileView }
    /** Replaces the fields sent, keeps the rest; all or nothing. The birthday is refused once set. */
    updateProfile: { input: UpdateProfileInput; output: ProfileView }
    homeStore: { input: Record<string, never>; output: HomeStoreView }
    /** The member moves to another store (their shop assistant stays with the old store). */
    changeStore: { input: ChangeStoreInput; output: HomeStoreView }
  }
  staff: {
    whoami: { input: Record<string, never>; output: StaffView }
    /** A dynamic code is accepted here, once (see cloudfunctions/_lib/memberCodes.ts); a member number only finds. */
    lookupMember: { input: ScanMemberInput; output: { member: MemberSummary } }
    recordPurchase: { input: RecordPurchaseInput; output: PurchaseResult }
    lookupOrder: { input: LookupOrderInput; output: { order: OrderView } }
    recordRefund: { input: RecordRefundInput; output: RefundResult }
    redeemPoints: { input: RedeemPointsInput; output: RedemptionResult }
    /** A coupon scanned at the till: whose, and whether it applies to an amount (when given). */
    lookupCoupon: {
      input: LookupCouponInput
      output: { coupon: CouponView; holder: MemberSummary; problem: string | null; discountFen: number }
    }
    redeemGiftCoupon: { input: RedeemGiftCouponInput; output: { coupon: CouponView; holder: MemberSummary; replayed: boolean } }
    /** Within 10 minutes, by the assistant who redeemed it: the coupon is available again and its purchase refunded. */
    undoCouponUse: { input: UndoCouponUseInput; output: { coupon: CouponView; refund: RefundResult | null } }
    correctBirthday: { input: CorrectBirthdayInput; output: { member: MemberSummary } }
    /** My customers (a manager: the store's), newest seen first, searchable by name or phone suffix. */
    customers: { input: CustomersInput; output: { customers: CustomerView[]; more: boolean } }
    /** `callbackDefaultDate`: the business date the next callback gets when none is picked (YYYY-MM-DD). */
    customer: { input: LookupMemberInput; output: { customer: CustomerView; callbacks: CallbackEntry[]; callbackDefaultDate: string } }
    today: { input: Record<string, never>; output: TodayView }
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
  event: {
    /** Upcoming events: those the caller may join, and (greyed) those for higher tiers. */
    list: { input: Record<string, never>; output: { events: EventView[]; serverTime: Instant } }
    rsvp: { input: RsvpInput; output: { event: EventView; replayed: boolean } }
    cancel: { input: EventIdInput; output: { event: EventView } }
    /** The caller's tickets: upcoming, and past events attended. */
    mine: { input: Record<string, never>; output: { upcoming: EventView[]; attended: EventView[]; serverTime: Instant } }
    checkIn: { input: CheckInInput; output: CheckInResult }
    guestList: { input: EventIdInput; output: { event: EventView; guests: GuestView[] } }
    /** The caller's store's upcoming events (staff). */
    storeEvents: { input: Record<string, never>; output: { events: EventView[] } }
    create: { input: CreateEventInput; output: { event: EventView; replayed: boolean } }
    /** Operators: change an event's words, times and capacity (never below the seats already taken). */
    update: { input: UpdateEventInput; output: { event: EventView } }
    /** Operators: stop taking RSVPs; tickets already confirmed still get in. */
    close: { input: EventIdInput; output: { event: EventView } }
    /** Operators: every store's events not yet ended, soonest first, to edit or close. */
    manageList: { input: Record<string, never>; output: { events: EventView[]; serverTime: Instant } }
  }
  ops: {
    whoami: { input: Record<string, never>; output: OperatorView }
    lookupMember: { input: LookupMemberInput; output: { member: MemberSummary } }
    memberLedger: { input: MemberLedgerInput; output: { member: MemberSummary; entries: AuditEntry[]; nextCursor: string | null } }
    adjustPoints: { input: AdjustPointsInput; output: AdjustmentResult }
    couponTemplates: { input: Record<string, never>; output: { templates: CouponTemplateView[] } }
    stores: { input: Record<string, never>; output: { stores: StoreView[] } }
    createCampaign: { input: CreateCampaignInput; output: { campaign: OpsCampaignView; replayed: boolean } }
    campaigns: { input: Record<string, never>; output: { campaigns: OpsCampaignView[] } }
    referrals: { input: ReferralsInput; output: { referrals: ReferralView[] } }
    reviewReferral: { input: ReviewReferralInput; output: { referral: ReferralView } }
    program: { input: Record<string, never>; output: ProgramView }
    /** Saves a new version, going forward only: what the old rules decided stays decided. */
    updateProgram: { input: UpdateProgramInput; output: { program: ProgramView; version: ProgramVersionView; replayed: boolean } }
    /** Saved versions, newest first, 20 at a time (`before`: older than this version). */
    programHistory: { input: ProgramHistoryInput; output: { versions: ProgramVersionView[] } }
    segments: { input: Record<string, never>; output: SegmentsView }
    dashboard: { input: DashboardInput; output: DashboardView }
    /** Title and end of a campaign; closing stops claims and issuing (coupons already held stay valid). */
    updateCampaign: { input: UpdateCampaignInput; output: { campaign: OpsCampaignView } }
    closeCampaign: { input: CampaignIdInput; output: { campaign: OpsCampaignView } }
    /** Every store's customers (or one store's), read-only: the workbench's list for the brand. */
    customers: { input: OpsCustomersInput; output: { customers: CustomerView[]; more: boolean } }
    customer: { input: LookupMemberInput; output: { customer: CustomerView; callbacks: CallbackEntry[] } }
    /** Today's lists for every store, or one. */
    today: { input: OpsTodayInput; output: TodayView }
    /** Every store with its address and active staff: what the store-QR posters are printed for. */
    storeDirectory: { input: Record<string, never>; output: { stores: StoreDirectoryEntry[] } }
    /** A store's (or one of its staff's) mini-program code to print: wxacode.getUnlimited, scene "s=STORE&a=STAFF". */
    storeCode: { input: StoreCodeInput; output: StoreCodeView }
  }
  /** Operators' CSV exports, in a function of their own so that the heavy reads never slow `ops`. */
  export: {
    /** Every member; phones masked unless the operator may export personal data. */
    members: { input: Record<string, never>; output: ExportResult }
    /** Every ledger entry of a range of business days (at most 366). */
    ledger: { input: LedgerExportInput; output: ExportResult }
  }
}

export type FunctionName = keyof Api
export type ActionName<F extends FunctionName> = keyof Api[F] & string
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends { input: infer I } ? I : never
export type ActionOutput<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends { output: infer O } ? O : never
