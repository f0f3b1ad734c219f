/**
 * Changes to a member's points other than earning by purchase: expiry, redemption, manual adjustment.
 * Each returns the member after the change and the ledger entries to append, in order, each with the
 * balance after it. Every change first settles expiry, so no action ever spends or counts expired points.
 */
import { AppError } from './errors'
import { adjustEntryId, expireEntryId, redeemEntryId, type Actor, type LedgerEntry } from './ledger'
import type { Member } from './member'
import { credit, debitUpTo, expireDue, expiryFor } from './points'
import type { ProgramRules } from './program'
import type { Instant } from './time'

export interface BalanceChange {
  member: Member
  /** To append, in this order. */
  entries: LedgerEntry[]
}

/** Expires every batch due by `now`: one entry per batch, whose id makes a second run find it again. */
export const settleExpiry = (member: Member, now: Instant, actor: Actor, programVersion: number): BalanceChange => {
  const { state, expired } = expireDue(member, now)
  let balance = member.pointsBalance
  const entries = expired.map((batch): LedgerEntry => {
    balance -= batch.points
    return {
      _id: expireEntryId(member._id, batch.expiresAt),
      memberId: member._id,
      kind: 'expire',
      points: -batch.points,
      balanceAfter: balance,
      reason: '积分过期',
      actor,
      source: { type: 'expiry', id: batch.expiresAt },
      at: now,
      programVersion,
      batches: [batch],
    }
  })
  return { member: state, entries }
}

export interface RedemptionInput {
  /** The client's request id, scoped by who asked: the entry's id, so a retry finds it. */
  requestKey: string
  points: number
  /** What the points bought, in words ("兑换：保温杯"). */
  reason: string
  at: Instant
  actor: Actor
}

/** Spends points, oldest expiry first. Refused whole when the usable balance is short. */
export const redeemPoints = (member: Member, input: RedemptionInput, program: ProgramRules): BalanceChange => {
  const settled = settleExpiry(member, input.at, input.actor, program.version)
  if (settled.member.pointsBalance < input.points) {
    throw new AppError('INSUFFICIENT_POINTS', `积分不足：可用 ${settled.member.pointsBalance} 分，需要 ${input.points} 分`)
  }
  const { state: after, taken } = debitUpTo(settled.member, input.points, input.at)
  return {
    member: after,
    entries: [
      ...settled.entries,
      {
        _id: redeemEntryId(input.requestKey),
        memberId: member._id,
        kind: 'redeem',
        points: -input.points,
        balanceAfter: after.pointsBalance,
        reason: input.reason,
        actor: input.actor,
        source: { type: 'redemption', id: input.requestKey },
        at: input.at,
        programVersion: program.version,
        batches: taken,
      },
    ],
  }
}

export interface AdjustmentInput {
  requestKey: string
  /** Signed; never zero. */
  points: number
  /** Mandatory: shown in the audit and the member's history. */
  reason: string
  at: Instant
  actor: Actor & { type: 'operator' }
}

/**
 * An operator's manual correction. Added points join the batch of points earned today; taken points come
 * from the oldest batch first and may not drive the balance below zero.
 */
export const adjustPoints = (member: Member, input: AdjustmentInput, program: ProgramRules): BalanceChange => {
  const settled = settleExpiry(member, input.at, input.actor, program.version)
  let after: Member
  let detail: Pick<LedgerEntry, 'expiresAt' | 'batches'>
  if (input.points > 0) {
    const expiresAt = expiryFor(input.at, program)
    after = credit(settled.member, input.points, expiresAt)
    detail = { expiresAt }
  } else {
    if (settled.member.pointsBalance < -input.points) {
      throw new AppError('INSUFFICIENT_POINTS', `扣减后积分将为负数：当前可用 ${settled.member.pointsBalance} 分`)
    }
    const { state, taken } = debitUpTo(settled.member, -input.points, input.at)
    after = state
    detail = { batches: taken }
  }
  return {
    member: after,
    entries: [
      ...settled.entries,
      {
        _id: adjustEntryId(input.requestKey),
        memberId: member._id,
        kind: 'adjust',
        points: input.points,
        balanceAfter: after.pointsBalance,
        reason: input.reason,
        actor: input.actor,
        source: { type: 'adjustment', id: input.requestKey },
        at: input.at,
        programVersion: program.version,
        ...detail,
      },
    ],
  }
}
