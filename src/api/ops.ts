/** The `ops` function: the brand's operators day to day (members and points, campaigns, referrals, rules, insights). */
import type { ReferralStatus, SubscriptionKind } from '../domain/member'
import type { OperatorArea } from '../domain/operators'
import type { ProgramRules, TierId } from '../domain/program'
import type { RuleChange } from '../domain/programChanges'
import type { CustomerClass } from '../domain/segments'
import type { StaffRole } from '../domain/staff'
import type { Instant } from '../domain/time'
import type {
  AdjustPointsInput,
  AudienceSizeInput,
  CampaignFiguresInput,
  CampaignIdInput,
  CreateCampaignInput,
  DashboardInput,
  MemberLedgerInput,
  MessageFiguresInput,
  OpsCustomersInput,
  OpsTodayInput,
  ReferralsInput,
  ReviewReferralInput,
  StoreCodeInput,
  UpdateCampaignInput,
} from './opsSchemas'
import type { ListCampaignsInput, ListReferralsInput } from './opsListSchemas'
import type { ProgramHistoryInput, UpdateProgramInput } from './programSchema'
import type { ListPage } from './lists'
import type { CorrectMemberBirthdayInput, MemberPageInput, MemberRecordsInput, MembersInput, MoveMemberStoreInput } from './membersSchemas'
import type { MemberCorrectionResult, MemberPageView, MemberPurchaseRow, MemberRow } from './opsMembers'
import type { TillCouponView } from './staff'
import type { LookupMemberInput } from './sharedSchemas'
import type { CallbackEntry, CustomerView, MemberSummary, PointsHistoryEntry, StoreView, TodayView } from './shared'

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
  /** "新会员礼券（满¥200减¥20）": what joining gives now, for the poster to lead with; null when the program has none. */
  welcomeGift: string | null
  page: string
  image: { contentType: string; base64: string }
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

/** A campaign as the desk's table lists it: its coupon's title and when it was created. */
export interface OpsCampaignRow extends OpsCampaignView {
  /** The coupon template's title (its id when the template is gone). */
  templateTitle: string
  createdAt: Instant
}

/** A campaign's reach so far: coupons its members hold (claimed or issued), and how many members its audience has now. */
export interface CampaignFigures {
  campaignId: string
  coupons: number
  audience: number
}

/**
 * One kind of subscribe message in one business month, as the functions recorded their sends: `sent` reached
 * WeChat (delivered + refused + failed), `noConsent` was not sent (no consent left, or switched off by the member),
 * `reached` is how many members had at least one delivered.
 */
export interface MessageFigures {
  kind: SubscriptionKind
  sent: number
  delivered: number
  refused: number
  failed: number
  noConsent: number
  reached: number
}

export interface CouponTemplateView {
  id: string
  title: string
  benefitText: string
  tiers: TierId[]
  stockLeft: number | null
  active: boolean
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

/** A referral as operators review it. */
export interface ReferralView {
  invitee: { name: string; memberNo: string }
  inviter: { name: string; memberNo: string }
  joinedAt: Instant
  status: ReferralStatus
  /** Why it was held, in words. */
  flags: string[]
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

/**
 * The operators' dashboard over `days` business days up to `to` (today when not asked), inclusive. With a store asked,
 * new members and sales are that store's; tiers stay the brand's (the nightly snapshots are not kept per store).
 */
export interface DashboardView {
  from: string
  to: string
  /** Members by tier at the end of each day (nightly snapshots; today's is live), for the whole brand. */
  tiers: { date: string; member: number; vip: number; gold: number }[]
  newMembers: {
    daily: { date: string; count: number }[]
    byStore: { storeId: string; name: string; count: number }[]
    byAssistant: { staffId: string; name: string; storeName: string; count: number }[]
  }
  /**
   * Member sales (paid amounts less refunds) in the period, by the buyer's tier after the purchase. With a store
   * asked, `daily` is empty when the period reaches days stored before sales were kept by store. `byStore`: every
   * store's, whatever store is asked.
   */
  sales: {
    totalFen: number
    byTier: Record<TierId, number>
    daily: { date: string; fen: number }[]
    byStore: { storeId: string; name: string; fen: number }[]
  }
  /** Coupons issued in the period and how many of those were used. */
  coupons: { templateId: string; title: string; issued: number; used: number }[]
  /** Events that started in the period: seats confirmed and guests checked in. */
  events: { id: string; title: string; startsAt: Instant; confirmed: number; checkedIn: number }[]
}

export interface OpsApi {
  /** Who is signed in, and the areas they hold (the desk shows only those menus; the server checks every call). */
  whoami: { input: Record<string, never>; output: OperatorView & { areas: OperatorArea[]; exportPII: boolean } }
  lookupMember: { input: LookupMemberInput; output: { member: MemberSummary } }
  memberLedger: { input: MemberLedgerInput; output: { member: MemberSummary; entries: AuditEntry[]; nextCursor: string | null } }
  adjustPoints: { input: AdjustPointsInput; output: AdjustmentResult }
  couponTemplates: { input: Record<string, never>; output: { templates: CouponTemplateView[] } }
  stores: { input: Record<string, never>; output: { stores: StoreView[] } }
  createCampaign: { input: CreateCampaignInput; output: { campaign: OpsCampaignView; replayed: boolean } }
  campaigns: { input: Record<string, never>; output: { campaigns: OpsCampaignView[] } }
  referrals: { input: ReferralsInput; output: { referrals: ReferralView[] } }
  reviewReferral: { input: ReviewReferralInput; output: { referral: ReferralView } }
  /** The desk's campaign table: not ended or ended as of `serverTime`, searched, by creation or opening; by cursor. */
  listCampaigns: { input: ListCampaignsInput; output: ListPage<OpsCampaignRow> & { serverTime: Instant } }
  /** The desk's referral table: by status, latest joined first (or oldest), by cursor past any number. */
  listReferrals: { input: ListReferralsInput; output: ListPage<ReferralView> }
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
  /** How many members an audience reaches now (the desk's preview before a campaign is saved). */
  audienceSize: { input: AudienceSizeInput; output: { members: number } }
  campaignFigures: { input: CampaignFiguresInput; output: { figures: CampaignFigures[] } }
  /** Subscribe messages of one business month, per kind (every kind, zeros included). */
  messageFigures: { input: MessageFiguresInput; output: { month: string; kinds: MessageFigures[] } }
  /** Every store's customers (or one store's), read-only: the workbench's list for the brand. */
  customers: { input: OpsCustomersInput; output: { customers: CustomerView[]; more: boolean } }
  customer: { input: LookupMemberInput; output: { customer: CustomerView; callbacks: CallbackEntry[] } }
  /** Today's lists for every store, or one. */
  today: { input: OpsTodayInput; output: TodayView }
  /** Every store with its address and active staff: what the store-QR posters are printed for. */
  storeDirectory: { input: Record<string, never>; output: { stores: StoreDirectoryEntry[] } }
  /** A store's (or one of its staff's) mini-program code to print: wxacode.getUnlimited, scene "s=STORE&a=STAFF". */
  storeCode: { input: StoreCodeInput; output: StoreCodeView }
  /** The desk's member table: filter, sort, keyset cursor past 1,000 rows (src/api/opsMembers.ts). */
  members: { input: MembersInput; output: ListPage<MemberRow> }
  /** A member's page in one call: profile, card, first pages of purchases and coupons, events, callbacks, changes. */
  member: { input: MemberPageInput; output: MemberPageView }
  memberPurchases: { input: MemberRecordsInput; output: ListPage<MemberPurchaseRow> }
  memberCoupons: { input: MemberRecordsInput; output: ListPage<TillCouponView> }
  /** An operator's birthday correction with a reason, logged (memberAudit); keyed by request id. */
  correctMemberBirthday: { input: CorrectMemberBirthdayInput; output: MemberCorrectionResult }
  /** An operator moves a member to another store (and assistant), logged (memberAudit); keyed by request id. */
  moveMemberStore: { input: MoveMemberStoreInput; output: MemberCorrectionResult }
}
