/**
 * Who made a record the operators' desk manages (a coupon template, a catalog item) and who changed it last, with
 * the revision an edit names (a save made on an older revision is refused) and the create request's digest (a
 * retried create with other content is refused: IDEMPOTENCY_CONFLICT). Absent on records made before the desk.
 */
import type { Instant } from './time'

export interface EditTrail {
  createdAt?: Instant
  createdBy?: string
  updatedAt?: Instant
  updatedBy?: string
  /** 1 when created, one more per save, retire or reactivation. */
  revision?: number
  requestDigest?: string
}

/** An operator's change: who (operatorId) and when. */
export interface Authored {
  by: string
  at: Instant
}

/** The trail of a record created now, active. */
export const createdTrail = (who: Authored, requestDigest: string) => ({
  active: true,
  createdAt: who.at,
  createdBy: who.by,
  updatedAt: who.at,
  updatedBy: who.by,
  revision: 1,
  requestDigest,
})
