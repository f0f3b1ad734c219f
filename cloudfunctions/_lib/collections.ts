/**
 * Collection names and the shapes of their documents. Indexes and security rules for each live in
 * database/collections/<name>.json, deployed with the functions and read by the local cloud.
 */
import type { Audience } from '../../src/domain/audience'
import type { CatalogItem, ExchangeCount } from '../../src/domain/catalog'
import type { CodeAlert, MemberCodeGuard, TillCodeGuard } from '../../src/domain/codeGuard'
import type { Coupon, CouponTemplate } from '../../src/domain/coupons'
import type { ErasedMember } from '../../src/domain/erasure'
import type { MemberEvent, Rsvp } from '../../src/domain/events'
import type { LedgerEntry } from '../../src/domain/ledger'
import type { Member, SubscriptionKind } from '../../src/domain/member'
import type { MemberAuditRecord } from '../../src/domain/memberAudit'
import type { ClaimedImport, RowError } from '../../src/domain/memberImport'
import type { ImportPhase } from '../../src/api/import'
import type { OnceGrant } from '../../src/domain/onceGrants'
import type { PurchaseRecord, RefundRecord } from '../../src/domain/purchase'
import type { Referral } from '../../src/domain/referral'
import type { RuleChange } from '../../src/domain/programChanges'
import type { MemberSegment, SegmentTally } from '../../src/domain/segments'
import type { ProgramRules, TierId } from '../../src/domain/program'
import type { CallbackOutcome, StaffRole } from '../../src/domain/staff'
import type { OperatorArea } from '../../src/domain/operators'
import type { WeeklyHours } from '../../src/domain/stores'
import type { SaleLine } from '../../src/domain/pos'

export const COLLECTIONS = {
  members: 'members',
  purchases: 'purchases',
  ledger: 'ledger',
  staff: 'staff',
  stores: 'stores',
  settings: 'settings',
  refunds: 'refunds',
  operators: 'operators',
  jobRuns: 'jobRuns',
  couponTemplates: 'couponTemplates',
  coupons: 'coupons',
  catalog: 'catalog',
  exchangeCounts: 'exchangeCounts',
  campaigns: 'campaigns',
  events: 'events',
  rsvps: 'rsvps',
  tickets: 'tickets',
  referrals: 'referrals',
  posters: 'posters',
  callbacks: 'callbacks',
  phoneReveals: 'phoneReveals',
  programVersions: 'programVersions',
  segments: 'segments',
  stats: 'stats',
  exports: 'exports',
  memberSecrets: 'memberSecrets',
  codeGuards: 'codeGuards',
  serverSecrets: 'serverSecrets',
  erasedGrants: 'erasedGrants',
  personalExports: 'personalExports',
  erasedMembers: 'erasedMembers',
  invitations: 'invitations',
  deskLogins: 'deskLogins',
  deskSessions: 'deskSessions',
  auditLog: 'auditLog',
  memberAudit: 'memberAudit',
  posKeys: 'posKeys',
  posNonces: 'posNonces',
  posSales: 'posSales',
  importJobs: 'importJobs',
  memberImports: 'memberImports',
} as const

/**
 * Every collection and the type of its documents: the one place this mapping is written. Reads and writes go
 * through `_lib/data.ts`, which types them from this map (no casts at the call sites).
 */
export interface CollectionDocs {
  members: MemberDoc
  purchases: PurchaseRecord
  ledger: LedgerEntry
  staff: StaffDoc
  stores: StoreDoc
  settings: SettingsProgramDoc
  refunds: RefundRecord
  operators: OperatorDoc
  jobRuns: JobRunDoc
  couponTemplates: CouponTemplate
  coupons: CouponDoc
  catalog: CatalogItem
  exchangeCounts: ExchangeCount
  campaigns: CampaignDoc
  events: MemberEvent
  rsvps: RsvpDoc
  tickets: TicketDoc
  referrals: Referral
  posters: PosterDoc
  callbacks: CallbackDoc
  phoneReveals: PhoneRevealDoc
  programVersions: ProgramVersionDoc
  segments: SegmentDoc
  stats: SegmentStatsDoc | DayStatsDoc | MessageStatsDoc
  exports: ExportDoc
  memberSecrets: MemberSecretDoc
  codeGuards: MemberCodeGuard | TillCodeGuard | CodeAlert
  invitations: InvitationDoc
  serverSecrets: ServerSecretDoc
  erasedGrants: ErasedGrantsDoc
  personalExports: PersonalExportDoc
  erasedMembers: ErasedMember
  deskLogins: DeskLoginDoc
  deskSessions: DeskSessionDoc
  auditLog: AuditLogDoc
  memberAudit: MemberAuditRecord
  posKeys: PosKeyDoc
  posNonces: PosNonceDoc
  posSales: PosSaleDoc
  importJobs: ImportJobDoc
  memberImports: ClaimedImport
}

export type CollectionName = keyof CollectionDocs

/** `members/<OPENID>`: the Member, and what the member document carries besides while the member uses its rights. */
export type MemberDoc = Member & {
  /** Set when deletion starts: the pseudonym the records move under. */
  erasure?: { pseudonym: string; startedAt: string }
  /** The member's own exports (the files are deleted with the membership). */
  dataExports?: { fileID: string; at: string }[]
  /** Idempotency keys of the last messages sent to the member (a retried send finds its key and stops). */
  messageKeys?: string[]
  /** The business month of the last delivered message of each kind: a month's first counts the member reached. */
  messagedIn?: Partial<Record<SubscriptionKind, string>>
}

/** `coupons/<key>`: a coupon, and while the upkeep sends its message, that run's claim on it (_lib/jobs.ts `once`). */
export type CouponDoc = Coupon & { messageClaim?: string }

/** `rsvps/<id>`: an RSVP, and while the upkeep sends its day-before reminder, that run's claim on it. */
export type RsvpDoc = Rsvp & { remindClaim?: string }

/** `tickets/<ticketCode>`: the code on a confirmed RSVP, so a scan finds the RSVP. */
export interface TicketDoc {
  _id: string
  rsvpId: string
  eventId: string
}

/** `posters/<memberId>`: the member's invitation code image, made once. */
export interface PosterDoc {
  _id: string
  scene: string
  contentType: string
  base64: string
  createdAt: string
}

/** `callbacks/<id>`: one call a shop assistant made to a customer, and what came of it. */
export interface CallbackDoc {
  _id: string
  memberId: string
  storeId: string
  staffId: string
  at: string
  /** Business month, for the manager's monthly counts. */
  month: string
  outcome: CallbackOutcome
  note: string
  nextAt: string | null
}

/**
 * `phoneReveals/<staffId>:<requestId>`: the audit of full phone numbers shown to staff. Numbers are masked on every
 * staff screen; the customer's own assistant may reveal one to call it (staff.revealPhone), and each reveal is kept
 * here: who, whose number, at which store, when.
 */
export interface PhoneRevealDoc {
  _id: string
  memberId: string
  memberNo: string
  storeId: string
  staffId: string
  at: string
}

/** `memberSecrets/<OPENID>`. */
export interface MemberSecretDoc {
  _id: string
  /** 64 hex digits (32 bytes). */
  secret: string
  /** 1 for the first secret; each reset adds one: a code of a newer version is newer than any of an older one. */
  version: number
  createdAt: string
  resetAt: string | null
  /** How often the secret was handed to a device (an install, or a device that lost its storage). */
  deliveries: number
  lastDeliveredAt: string | null
}

/** `serverSecrets/<id>`: keys the functions make for themselves on first use. */
export interface ServerSecretDoc {
  _id: string
  /** 64 hex digits. */
  key: string
  createdAt: string
}

/** `erasedGrants/<hmac>`: what a person whose membership was deleted had once (see src/domain/onceGrants.ts). */
export interface ErasedGrantsDoc {
  _id: string
  grants: OnceGrant[]
}

/** `personalExports/<random id>`: one 导出我的数据 file. */
export interface PersonalExportDoc {
  _id: string
  /** The member's OPENID. */
  memberId: string
  cloudPath: string
  /** Null until the upload answered (a record whose upload failed has none, and no file). */
  fileID: string | null
  at: string
  expiresAt: string
}

/** `stores/<storeId>`: a physical shop. */
export interface StoreDoc {
  _id: string
  name: string
  address: string
  phone: string
  openingHours: string
  /** GCJ-02 coordinates for the map (Taro.openLocation); optional: older store documents lack it. */
  location?: { latitude: number; longitude: number } | null
  /** The week's hours (ops.saveStore); `openingHours` holds them in words for the readers. Absent on older stores. */
  hours?: WeeklyHours | null
  /**
   * False once closed: it keeps its history (members, purchases, reports still name it), takes no new members,
   * and is offered to no one as a home store. Absent (older stores) = open.
   */
  active?: boolean
  createdAt?: string
  updatedAt?: string
  /** operatorId */
  updatedBy?: string
}

/** `staff/<OPENID>`: a shop assistant or store manager; `staffId` is what the store QR carries. */
export interface StaffDoc {
  _id: string
  staffId: string
  name: string
  storeId: string
  role: StaffRole
  active: boolean
  /** When they accepted their invitation, and the operator who invited them (absent: seeded before invitations). */
  joinedAt?: string
  invitedBy?: string
  deactivatedAt?: string
  /** operatorId */
  deactivatedBy?: string
}

/** `settings/program`: the live program rules, edited by operators. */
export interface SettingsProgramDoc {
  _id: 'program'
  rules: ProgramRules
  updatedAt: string
  updatedBy: string
}

/** `programVersions/v<000001>`: every saved version of the rules, with who changed what and why. */
export interface ProgramVersionDoc {
  _id: string
  version: number
  rules: ProgramRules
  at: string
  /** operatorId */
  by: string
  note: string
  changes: RuleChange[]
  /** `<operatorId>:<requestId>`: a retried save answers with this version instead of saving again. */
  requestKey: string
}

/** `operators/<OPENID>`: the brand's HQ staff who set rules and correct points; never shop assistants. */
export interface OperatorDoc {
  _id: string
  operatorId: string
  name: string
  active: boolean
  /** Extra powers granted one by one; `exportPII`: member exports carry full phone numbers. */
  permissions?: OperatorPermission[]
  /**
   * The desk areas this operator may work in (src/domain/operators.ts). Absent = every area: the brand owner, and
   * operators from before areas existed keep their full powers.
   */
  areas?: OperatorArea[]
  joinedAt?: string
  invitedBy?: string
  /** Who last set the areas and when (operatorId). */
  areasSetBy?: string
  areasSetAt?: string
  deactivatedAt?: string
  deactivatedBy?: string
}

export type OperatorPermission = 'exportPII'

/**
 * `invitations/<code>`: a one-time code an operator made for a new staff member or operator, accepted once, before
 * it expires, by the invited person (member.acceptInvitation). Clients read nothing of the collection.
 */
export interface InvitationDoc {
  _id: string
  kind: 'staff' | 'operator'
  name: string
  /** kind 'staff': the staff record the invited person becomes. */
  staff?: { staffId: string; storeId: string; role: StaffRole }
  /** kind 'operator': the operator record, with the powers granted. */
  operator?: { operatorId: string; areas: OperatorArea[]; exportPII: boolean }
  /** `<operatorId>:<requestId>`: a retried invite answers with this invitation. */
  requestKey: string
  createdBy: string
  createdAt: string
  expiresAt: string
  usedAt: string | null
  /** The OPENID that accepted it. */
  usedBy: string | null
  /** Withdrawn by an operator before anyone accepted it (operatorId); absent on invitations never withdrawn. */
  revokedAt?: string | null
  revokedBy?: string | null
}

/** Where an operator's call came from: the mini-program on the phone, or the desk (the PC web admin). */
export type CallSource = 'miniprogram' | 'desk'

/** `deskLogins/<requestId>`: a desk's request to sign in, shown as a QR code for 2 minutes. */
export interface DeskLoginDoc {
  _id: string
  /** The asking browser's web user (TCB_UUID): only it may collect the ticket. */
  browserUid: string
  ip: string
  /** What the browser says it is (shown to the operator; not proof of anything). */
  browser: string
  createdAt: string
  expiresAt: string
  status: 'pending' | 'approved' | 'refused' | 'consumed'
  /** Set when approved: the session the ticket signs into. */
  sessionId: string | null
  answeredBy: string | null
  answeredAt: string | null
}

/** `deskSessions/<sessionId>`: a desk signed in as an operator, 8 hours at most. */
export interface DeskSessionDoc {
  _id: string
  operatorOpenid: string
  operatorId: string
  browser: string
  ip: string
  createdAt: string
  expiresAt: string
  revokedAt: string | null
  revokedBy: string | null
}

/** `auditLog/<auto id>`: one operator call that ran (refused calls change nothing and are not logged). */
export interface AuditLogDoc {
  _id: string
  at: string
  operatorId: string
  fn: string
  action: string
  source: CallSource
  deskSessionId: string | null
}

/** `exports/<id>`: every CSV export, for the privacy audit: who took what, how many rows, with personal data or not. */
export interface ExportDoc {
  _id: string
  operatorId: string
  operatorName: string
  kind: 'members' | 'ledger'
  /** Ledger exports: the business days covered, both included. */
  range: { from: string; to: string } | null
  rows: number
  /** Whether full phone numbers were in the file. */
  pii: boolean
  fileID: string
  bytes: number
  at: string
  /** When the file was deleted (7 days on, or when a member it may name left); the entry stays as the log. */
  fileDeletedAt?: string
}

/** `jobRuns/<job>:<runKey>`: where a chunked timer job got to, so a killed run resumes instead of restarting. */
export interface JobRunDoc {
  _id: string
  job: string
  /** The segment job keeps its running tally and the rules version it started on. */
  tally?: SegmentTally
  rulesVersion?: number
  runKey: string
  /** The last member id processed (jobs walk members in `_id` order). */
  cursor: string
  processed: number
  changed: number
  done: boolean
  startedAt: string
  updatedAt: string
  /**
   * The hand-over job (setup.handOverCustomers, staff.handOverCustomers): whose customers go to whom (dealt in turn
   * when several), at which store, on whose order (an operator id, or `staff:<id>` for a store manager).
   */
  handOver?: { fromStaffId: string; toStaffIds: string[]; storeId: string; by: string }
}

/** `campaigns/<id>`: coupons offered to members — claimed by them (`claim`) or issued to a segment (`issue`). */
export interface CampaignDoc {
  _id: string
  title: string
  templateId: string
  mode: 'claim' | 'issue'
  audience: Audience
  earlyAccess: { opensAt: string; vipDays: number }
  endsAt: string
  createdBy: string
  createdAt: string
  status: 'active' | 'issuing' | 'closed'
  closedAt?: string
  closedBy?: string
  /** Issue mode: where issuing got to (a member id, or an index into the list), and its counts. */
  progress: { cursor: string; issued: number; skipped: number }
}

/** `segments/<memberId>`: the member's class and RFM scores as the nightly job last computed them. */
export interface SegmentDoc extends MemberSegment {
  _id: string
  storeId: string | null
  rulesVersion: number
  at: string
}

/** `stats/segments`: the last finished nightly segment computation. */
export interface SegmentStatsDoc {
  _id: 'segments'
  computedAt: string
  rulesVersion: number
  tally: SegmentTally
}

/** Member sales (paid less refunded) of one store at one tier (the buyer's after the purchase or refund). */
export interface StoreSales {
  storeId: string
  tier: TierId
  fen: number
}

/**
 * `stats/msg:<YYYY-MM>:<kind>`: the outcomes of one kind of subscribe message sent in one business month, counted as
 * each send ends (_lib/messages.ts); no member is named, so nothing here is personal data.
 */
export interface MessageStatsDoc {
  _id: string
  month: string
  kind: SubscriptionKind
  delivered: number
  refused: number
  failed: number
  noConsent: number
  /** Members with a first delivered message of this kind in the month (marked on the member: `messagedIn`). */
  reached: number
}

/** `stats/day:<YYYY-MM-DD>`: one business day's figures, written once just after the day ends. */
export interface DayStatsDoc {
  _id: string
  date: string
  /** Members by tier when the day ended. */
  tiers: Record<TierId, number>
  newMembers: { storeId: string | null; assistantId: string | null; count: number }[]
  /** Paid amounts less refunds, by the buyer's tier after each purchase or refund. */
  salesFen: Record<TierId, number>
  /** The same sales by store and tier; absent from days stored before it was kept. */
  salesByStore?: StoreSales[]
  coupons: { templateId: string; issued: number; used: number }[]
  computedAt: string
}

/**
 * `codeGuards/<member:memberNo | till:staffId | alert:…>`: the brake on guessing dynamic member codes — wrong
 * codes counted per member number and per till, locks, pauses, and the store managers' alerts. Written by the
 * refused calls themselves (an audit), so the fuzz rule "a refused call changes nothing" exempts it by name.
 */
export type { CodeAlert, MemberCodeGuard, TillCodeGuard } from '../../src/domain/codeGuard'

/** `posKeys/<key id>`: a store's API key for the POS API (cloudfunctions/pos). The secret never leaves in an answer after creation. */
export interface PosKeyDoc {
  _id: string
  storeId: string
  /** HMAC key of the request signatures: 64 lowercase hex. */
  secret: string
  /** What the operator calls it (收银机 1, ERP). */
  label: string
  revoked: boolean
  createdAt: string
  /** operatorId */
  createdBy: string
  revokedAt: string | null
  revokedBy: string | null
}

/** `posNonces/<key id>:<nonce>`: an accepted request's nonce (a second use is refused by the unique _id). */
export interface PosNonceDoc {
  _id: string
  keyId: string
  at: string
}

/** A refund of a no-member sale, kept on the sale (its refundNo is its key within the sale's store). */
export interface PosSaleRefund {
  refundNo: string
  amountFen: number
  at: string
  lines?: SaleLine[]
}

/** `posSales/<storeId>:<orderNo>`: a sale the POS recorded with no member: no points, no tier; counted in all sales. */
export interface PosSaleDoc {
  _id: string
  storeId: string
  orderNo: string
  amountFen: number
  lines?: SaleLine[]
  marginFen: number
  at: string
  /** When the POS says it was paid (its clock), if it said. */
  paidAt: string | null
  /** `pos:<key id>` */
  recordedBy: string
  refundedFen: number
  refunds: PosSaleRefund[]
}

/** `importJobs/imp-<hex>`: one member import (the import function): the file, the checked rows, where it got to. */
export interface ImportJobDoc {
  _id: string
  /** `<operatorId>:<requestId>`: a retried start finds this job. */
  requestKey: string
  operatorId: string
  fileID: string
  fileName: string
  /** The valid rows, normalized, as gzipped JSON in cloud storage: every later slice reads them from there. */
  rowsFileID: string
  phase: ImportPhase
  total: number
  valid: number
  /** Index into the valid rows where the current phase continues. */
  cursor: number
  dryRun: { new: number; unchanged: number; changed: number; refused: number }
  written: { created: number; updated: number; unchanged: number; refused: number }
  /** Errors by row and column, the first IMPORT_ERRORS_KEPT: the file's own first, then the database's refusals. */
  errors: RowError[]
  errorCount: number
  /** Rows the file's own checks refused, and their errors: where the import's count starts again after the dry run. */
  fileRefused: number
  fileErrorCount: number
  createdAt: string
  updatedAt: string
  finishedAt: string | null
}
