/**
 * The till and ERP API (cloud function `pos`, over CloudBase's HTTP access service; docs/pos-api.yaml): what its
 * endpoints answer, and the `setup` actions that manage its keys.
 */
import type { TierId } from '../domain/program'
import type { Instant } from '../domain/time'
import type { PurchaseResult, RefundResult, TillCouponView } from './staff'
import type { StoreView } from './shared'
import type { CreatePosKeyInput, ListPosKeysInput, PosKeyIdInput } from './posSchemas'

/** A member as a POS sees them: the name masked (张*), no phone, no birthday. */
export interface PosMemberView {
  memberNo: string
  name: string
  tier: TierId
  vipUntil: Instant | null
  pointsBalance: number
}

/** `GET /pos/v1/members/{code}`. */
export interface PosMemberLookup {
  member: PosMemberView
  /** Coupons the member may use with a purchase now (the shopper shows the code from their phone). */
  coupons: TillCouponView[]
  /** The birthday-month benefit: in the member's birthday month, points at this percent of the usual (200 = double). */
  birthdayMonth: { now: boolean; pointsPercent: number }
}

/** `POST /pos/v1/purchases`: the staff till's answer, the member as a POS sees them; no member: null, nothing earned. */
export type PosPurchaseResult = Omit<PurchaseResult, 'member'> & { member: PosMemberView | null }

/** `POST /pos/v1/refunds`: the staff till's answer, the member as a POS sees them; a no-member sale: null. */
export type PosRefundResult = Omit<RefundResult, 'member' | 'tierBefore'> & { tierBefore: TierId | null; member: PosMemberView | null }

/** A key as the desk lists it: never its secret. */
export interface PosKeyRow {
  keyId: string
  store: StoreView
  label: string
  revoked: boolean
  createdAt: Instant
  createdBy: string
  revokedAt: Instant | null
}

export interface PosKeyApi {
  /** A new key for a store: its secret is in this answer and never again. */
  createPosKey: { input: CreatePosKeyInput; output: { key: PosKeyRow; secret: string } }
  /** Every key (of one store, if named), newest first; at most 200. */
  listPosKeys: { input: ListPosKeysInput; output: { keys: PosKeyRow[] } }
  /** Stops a key at once (its requests answer 401); a revoked key stays revoked. */
  revokePosKey: { input: PosKeyIdInput; output: { key: PosKeyRow } }
}
