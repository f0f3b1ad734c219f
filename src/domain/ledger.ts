import type { Instant } from './time'

/** Who caused a ledger entry. */
export type Actor = { type: 'member'; id: string } | { type: 'staff'; id: string; storeId: string } | { type: 'operator'; id: string } | { type: 'job'; id: string }

/** Where a ledger entry came from; `id` is that source's own idempotency key. */
export type LedgerSource = { type: 'purchase'; id: string; orderNo: string; storeId: string }

/**
 * One immutable change of a member's points (collection `ledger`). Never edited or deleted: a correction
 * is a new entry. `_id` is derived from the source's key, so a retried action finds its own entry.
 */
export interface LedgerEntry {
  _id: string
  memberId: string
  kind: 'earn'
  points: number
  balanceAfter: number
  reason: string
  actor: Actor
  source: LedgerSource
  at: Instant
  programVersion: number
}

export const earnEntryId = (purchaseId: string): string => `earn:${purchaseId}`
