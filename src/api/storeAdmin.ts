/**
 * The desk's 门店与员工 pages: stores, staff, invitations, operators and their permissions
 * (cloudfunctions/setup/storeAdmin.ts, staffAdmin.ts, operatorAdmin.ts; accepting: member.acceptInvitation).
 */
import type { InvitationState } from '../domain/invitations'
import type { OperatorArea } from '../domain/operators'
import type { StaffRole } from '../domain/staff'
import type { MapPoint, WeeklyHours } from '../domain/stores'
import type { Instant } from '../domain/time'
import type { ListPage } from './lists'
import type { PictureData, StoreView } from './shared'
import type { StaffView } from './staff'
import type {
  AcceptInvitationInput,
  HandOverCustomersInput,
  InviteAssistantInput,
  PreviewHandOverInput,
  InviteOperatorInput,
  InviteStaffInput,
  InvitationCodeInput,
  ListInvitationsInput,
  ListOperatorsInput,
  ListStaffInput,
  ListStoresInput,
  OperatorIdInput,
  SaveStoreInput,
  SetOperatorPermissionsInput,
  StaffIdInput,
} from './storeAdminSchemas'

export interface StoreRow {
  id: string
  name: string
  address: string
  phone: string
  location: MapPoint | null
  /** Null for a store saved before hours were structured: `openingHours` holds its words. */
  hours: WeeklyHours | null
  /** The hours in words, as the shopper's store page shows them. */
  openingHours: string
  active: boolean
  /** Active staff: a store closes only with none. */
  activeStaff: number
  updatedAt: Instant | null
}

export interface StaffRow {
  staffId: string
  name: string
  role: StaffRole
  store: StoreView
  active: boolean
  /** Customers this person looks after (members whose assistant they are). */
  customers: number
  joinedAt: Instant | null
  deactivatedAt: Instant | null
}

export interface OperatorRow {
  operatorId: string
  name: string
  active: boolean
  /** The areas held, resolved: every area when the record names none (`fullPowers`). */
  areas: OperatorArea[]
  /** The record names no areas: the owner, or an operator from before permissions existed. */
  fullPowers: boolean
  exportPII: boolean
  /** The caller's own row (they cannot deactivate themselves). */
  you: boolean
}

interface InvitationBase {
  /** The one-time code (8 characters); shown once, stored only as a hash. */
  code: string
  /** The mini-program page that accepts it, with the code: `staff/invite/index?code=…`. */
  path: string
  expiresAt: Instant
  name: string
}
export type InvitationView =
  | (InvitationBase & { kind: 'staff'; staffId: string; role: StaffRole; store: StoreView })
  | (InvitationBase & { kind: 'operator'; operatorId: string; areas: OperatorArea[]; exportPII: boolean })

/** Who would receive how many of a leaver's customers (dealt in turn), before the hand-over is made. */
export interface HandOverPreview {
  from: { staffId: string; name: string }
  customers: number
  shares: { staffId: string; name: string; customers: number }[]
}

export interface HandOverView {
  from: { staffId: string; name: string }
  /** The colleagues, in the order the customers were dealt to them. */
  to: { staffId: string; name: string }[]
  store: StoreView
  /**
   * Customers this hand-over moved, as its recorded chunks count them (a call that failed mid-chunk moved some it
   * could not record: they are moved, and not counted).
   */
  moved: number
  /** Customers the old assistant still looks after at the store: 0 when done. */
  remaining: number
  /** False while customers remain: call again with the same requestId (or the hourly upkeep finishes it). */
  done: boolean
}

/** An invitation in the desk's list: where it stands, who made it, and who accepted it when. */
export type InvitationRow = InvitationView & {
  status: InvitationState
  createdBy: string
  createdAt: Instant
  usedAt: Instant | null
}

export type AcceptedInvitation = { kind: 'staff'; staff: StaffView } | { kind: 'operator'; operator: { operatorId: string; name: string } }

/** Entries of OpsApi (src/api/ops.ts). */
export interface StoreAdminApi {
  /** Stores for the desk's table: filter open/closed, search name, address or id; sort by id or name. */
  listStores: { input: ListStoresInput; output: ListPage<StoreRow> }
  saveStore: { input: SaveStoreInput; output: { store: StoreRow; created: boolean } }
  listStaff: { input: ListStaffInput; output: ListPage<StaffRow> }
  inviteStaff: { input: InviteStaffInput; output: { invitation: InvitationView; replayed: boolean } }
  /** Their powers end with this call; their customers stay theirs until handed over. */
  deactivateStaff: { input: StaffIdInput; output: { staff: StaffRow } }
  previewHandOver: { input: PreviewHandOverInput; output: { preview: HandOverPreview } }
  handOverCustomers: { input: HandOverCustomersInput; output: { handOver: HandOverView } }
  listOperators: { input: ListOperatorsInput; output: ListPage<OperatorRow> }
  inviteOperator: { input: InviteOperatorInput; output: { invitation: InvitationView; replayed: boolean } }
  setOperatorPermissions: { input: SetOperatorPermissionsInput; output: { operator: OperatorRow } }
  deactivateOperator: { input: OperatorIdInput; output: { operator: OperatorRow } }
  /** Invitations, newest first: filter by kind and status (open ones show their code and link again). */
  listInvitations: { input: ListInvitationsInput; output: ListPage<InvitationRow> }
  /** Withdraws an open invitation (its code stops working); one already accepted is refused. */
  revokeInvitation: { input: InvitationCodeInput; output: { invitation: InvitationRow } }
  /** An open invitation as a mini-program code to scan (opens the accept page with the code). */
  invitationQr: { input: InvitationCodeInput; output: { qr: PictureData } }
}

/**
 * A store manager's team, in the mini-program (cloudfunctions/staff/team.ts): the same rules as the desk's, for
 * their own store only, and only shop assistants (a manager is made by an operator).
 */
export interface TeamApi {
  /** The store's staff (active first) with the customers each looks after, and its open invitations. */
  team: { input: Record<string, never>; output: { staff: StaffRow[]; invitations: InvitationView[] } }
  inviteAssistant: { input: InviteAssistantInput; output: { invitation: InvitationView; replayed: boolean } }
  /** An open invitation of the store as a mini-program code, to scan from the manager's screen. */
  teamInvitationQr: { input: InvitationCodeInput; output: { qr: PictureData } }
  deactivateAssistant: { input: StaffIdInput; output: { staff: StaffRow } }
  previewHandOver: { input: PreviewHandOverInput; output: { preview: HandOverPreview } }
  handOverCustomers: { input: HandOverCustomersInput; output: { handOver: HandOverView } }
}

export interface AcceptInvitationApi {
  acceptInvitation: { input: AcceptInvitationInput; output: AcceptedInvitation }
}
