/** The `member` function: what a shopper's pages ask for and get back. */
import type { Access } from '../domain/access'
import type { Birthday, CustomerProfile } from '../domain/member'
import type { PointsState } from '../domain/points'
import type { HandbookRules, ShopperRules } from '../domain/shopperRules'
import type { TierState } from '../domain/tiers'
import type { Instant } from '../domain/time'
import type { JoinInput, JoinOfferInput } from './joinSchema'
import type {
  ChangeMobileInput,
  ChangeStoreInput,
  ClaimCampaignInput,
  ExchangeInput,
  PointsHistoryInput,
  RecordSubscriptionInput,
  UpdateProfileInput,
} from './memberSchemas'
import type { DeleteMembershipResult, MyDataFile } from './privacy'
import type { DeleteMembershipInput } from './privacySchemas'
import type { CouponView, PointsHistoryEntry, StoreView } from './shared'
import type { AcceptInvitationApi } from './storeAdmin'

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
  /** The member's number as every screen shows it, and whether WeChat verified it (only then can it change). */
  mobileMasked: string
  mobileVerified: boolean
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
  /** The rules the handbook publishes (not the server's fraud, segment and workbench thresholds). */
  rules: HandbookRules
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

/** WeChat subscribe-message template ids the page asks consent for (requestSubscribeMessage). */
export interface SubscribeTemplates {
  birthdayCoupon: string
  eventReminder: string
  waitlistPromoted: string
}

export interface CardView {
  member: MemberView
  /** What the card and points pages read of the rules; the rest stays on the server (domain/shopperRules). */
  program: ShopperRules
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
  /**
   * What the card's quick actions count: usable coupons (as the wallet's 可用 tab lists them) and member events
   * still to come (as 会员活动 lists them). Absent from older servers' answers and cards kept before.
   */
  counts?: CardCounts
}

export interface CardCounts {
  usableCoupons: number
  upcomingEvents: number
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
  /** A temporary link to the item's picture (a day), '' for none. */
  imageUrl: string
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

export interface PointsHistoryPage {
  entries: PointsHistoryEntry[]
  /** Pass back to get the next (older) page; null at the end. */
  nextCursor: string | null
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

/**
 * What the join page says before anyone joins (member.joinOffer), to anyone: where the store QR was made and what
 * joining gives now. Names only, no ids, phones or addresses.
 */
export interface JoinOfferView {
  /** The store QR's store; null without a scene or for one that names no store. */
  storeName: string | null
  /** The assistant the QR names, as they sign themselves to customers; null when none or no longer active. */
  assistantName: string | null
  /**
   * The QR names an assistant who no longer serves at the store (left, or moved): the page says so, and the member
   * joins the store, whose manager assigns them an assistant.
   */
  assistantLeft: boolean
  /** The welcome coupon as the program gives it now ("入会礼券（满¥200减¥20）"); null when the program gives none. */
  welcomeGift: string | null
}

/** `acceptInvitation`: AcceptInvitationApi (src/api/storeAdmin.ts), called by the invited person. */
export interface MemberApi extends AcceptInvitationApi {
  join: { input: JoinInput; output: { member: MemberView; created: boolean } }
  /** The join page's header: store, assistant and welcome gift, readable by anyone (no member needed). */
  joinOffer: { input: JoinOfferInput; output: JoinOfferView }
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
  /**
   * The member's number, changed only to the one WeChat verifies for the caller (`phoneCode`). A number another
   * membership (or an imported record) holds is PHONE_IN_USE: moving a membership is done in the store.
   */
  changeMobile: { input: ChangeMobileInput; output: { mobileMasked: string; mobileVerified: true; changed: boolean } }
}
