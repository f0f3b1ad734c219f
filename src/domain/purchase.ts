import type { Actor, LedgerEntry } from './ledger'
import { earnEntryId } from './ledger'
import type { Member } from './member'
import type { Fen } from './money'
import { pointsForPurchase } from './points'
import type { ProgramRules, TierId } from './program'
import { applyPurchaseToTier, effectiveTier, type TierChange } from './tiers'
import type { Instant } from './time'

/** Order numbers are unique per store, so the purchase key is the store plus the order number. */
export const purchaseId = (storeId: string, orderNo: string): string => `${storeId}:${orderNo}`

export interface PurchaseInput {
  storeId: string
  orderNo: string
  amountFen: Fen
  at: Instant
  actor: Actor & { type: 'staff' }
}

/** The purchase document (collection `purchases`), which also remembers the answer given, for retries. */
export interface PurchaseRecord {
  _id: string
  memberId: string
  storeId: string
  orderNo: string
  amountFen: Fen
  at: Instant
  recordedBy: string
  pointsEarned: number
  tierChange: TierChange | null
  /** The member as this purchase left them: part of the first answer, which a retry gets again. */
  memberAfter: { tier: TierId; vipUntil: Instant | null; pointsBalance: number }
  programVersion: number
}

export interface PurchaseDecision {
  member: Member
  purchase: PurchaseRecord
  entry: LedgerEntry | null
}

/**
 * Decides what one purchase does: points at the program's earning rate, the tier rules, and the ledger
 * entry to append. Pure; the adapter writes the result in one transaction.
 */
export const recordPurchase = (member: Member, input: PurchaseInput, program: ProgramRules): PurchaseDecision => {
  const id = purchaseId(input.storeId, input.orderNo)
  const points = pointsForPurchase(input.amountFen, program)
  const { state, change } = applyPurchaseToTier(member, input.amountFen, input.at, program)
  const pointsBalance = member.pointsBalance + points
  const after: Member = { ...member, ...state, pointsBalance }
  const entry: LedgerEntry | null =
    points > 0
      ? {
          _id: earnEntryId(id),
          memberId: member._id,
          kind: 'earn',
          points,
          balanceAfter: pointsBalance,
          reason: '消费积分',
          actor: input.actor,
          source: { type: 'purchase', id, orderNo: input.orderNo, storeId: input.storeId },
          at: input.at,
          programVersion: program.version,
        }
      : null
  return {
    member: after,
    purchase: {
      _id: id,
      memberId: member._id,
      storeId: input.storeId,
      orderNo: input.orderNo,
      amountFen: input.amountFen,
      at: input.at,
      recordedBy: input.actor.id,
      pointsEarned: points,
      tierChange: change,
      memberAfter: { tier: effectiveTier(after, input.at), vipUntil: after.vipUntil, pointsBalance },
      programVersion: program.version,
    },
    entry,
  }
}

/** A retry must carry the same content as the first call; anything else is a different purchase. */
export const isSamePurchase = (existing: PurchaseRecord, memberId: string, amountFen: Fen): boolean =>
  existing.memberId === memberId && existing.amountFen === amountFen
