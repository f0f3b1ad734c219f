/**
 * The point ledger (collection `ledger`): one immutable entry per change of a member's points. Entries are
 * never edited or deleted; a correction is a new entry (a reversal names the entry it reverses). Each
 * entry's `_id` derives from its source's idempotency key, so a retried action finds its own entry, and the
 * member's balance always equals the sum of their entries.
 */
import type { PointBatch } from './points'
import type { Instant } from './time'

/** Who caused an entry. */
export type Actor =
  | { type: 'member'; id: string }
  | { type: 'staff'; id: string; storeId: string }
  | { type: 'operator'; id: string }
  | { type: 'job'; id: string }

/** What an entry came from; `id` is that source's own idempotency key. */
export type LedgerSource =
  | { type: 'purchase'; id: string; orderNo: string; storeId: string }
  | { type: 'refund'; id: string; orderNo: string; storeId: string }
  | { type: 'redemption'; id: string }
  | { type: 'adjustment'; id: string }
  | { type: 'expiry'; id: string }
  | { type: 'event'; id: string; eventId: string }
  /** `id` is the invitee's member id: one reward per pair. */
  | { type: 'referral'; id: string }
  /** A member import (domain/memberImport): `id` is the import job; the opening points of an imported member. */
  | { type: 'import'; id: string }
  /** An imported record claimed by a shopper's verified phone: `id` is the record's id; points moved out and in. */
  | { type: 'claim'; id: string }

export type LedgerKind = 'earn' | 'redeem' | 'expire' | 'reverse' | 'adjust'

export interface LedgerEntry {
  _id: string
  memberId: string
  kind: LedgerKind
  /** Signed: earn and positive adjustments add, everything else takes away. */
  points: number
  balanceAfter: number
  /** In words, for the member's history and the audit: "消费积分", "兑换：保温杯", "积分过期", the operator's reason. */
  reason: string
  actor: Actor
  source: LedgerSource
  at: Instant
  programVersion: number
  /** Credits: the batch (expiry) the points joined. */
  expiresAt?: Instant
  /** Debits: which batches the points came from, oldest first. */
  batches?: PointBatch[]
  /** Reversals: the earn entry they reverse. */
  reverses?: string
  /** Reversals: points that could not be taken back because the balance was already spent (recorded, not dropped). */
  shortfall?: number
}

export const earnEntryId = (purchaseId: string): string => `earn:${purchaseId}`
export const reverseEntryId = (refundId: string): string => `reverse:${refundId}`
export const redeemEntryId = (requestKey: string): string => `redeem:${requestKey}`
export const adjustEntryId = (requestKey: string): string => `adjust:${requestKey}`
/** One expiry per member and batch: running the expiry job twice finds the same entry. */
export const expireEntryId = (memberId: string, expiresAt: Instant): string => `expire:${memberId}:${expiresAt}`
