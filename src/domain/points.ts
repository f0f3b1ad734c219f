/**
 * Points: how many a purchase earns, and the batches they sit in until they are spent or expire.
 * A member's balance is the sum of their batches; batches are kept oldest-expiry first, and every debit
 * (redemption, reversal, negative adjustment) takes from the oldest unexpired batch first.
 */
import type { Fen } from './money'
import type { ProgramRules, TierId } from './program'
import { businessTime, isBefore, toInstant, type Instant } from './time'

/** Points that expire together: everything earned in one calendar year shares one expiry instant. */
export interface PointBatch {
  expiresAt: Instant
  points: number
}

export interface PointsState {
  /** Always the sum of `pointBatches`, and of the member's ledger entries. Never negative. */
  pointsBalance: number
  /** Oldest expiry first; every batch holds more than zero points. */
  pointBatches: PointBatch[]
  /** The earliest batch expiry (null with no points): an indexed field the expiry job queries. */
  pointsNextExpiry: Instant | null
  /** Points refunds should have taken back but could not, because the balance had already been spent. */
  pointsShortfall: number
}

export const EMPTY_POINTS: PointsState = { pointsBalance: 0, pointBatches: [], pointsNextExpiry: null, pointsShortfall: 0 }

/**
 * Points for a purchase: floor of the fen-exact product of amount, the tier's rate and the birthday bonus:
 * floor(fen × pointsPer100Yuan × percent / 1,000,000). ¥520.99 at 1× is 520 points; ¥100 at 1.2× is 120.
 */
export const pointsForPurchase = (amountFen: Fen, tier: TierId, inBirthdayMonth: boolean, program: ProgramRules): number =>
  pointsBreakdown(amountFen, tier, inBirthdayMonth, program).total

/**
 * A purchase's points in parts, for the receipt: the base rate (普通会员's), what the member's tier adds and what
 * the birthday month adds. Each part is the difference of two floors over the same fen-exact products the total
 * is, so the parts always sum to the points granted (¥520.99 as VIP in the birthday month: 520 + 105 + 625 = 1,250).
 */
export interface PointsBreakdown {
  base: number
  tierBonus: number
  birthdayBonus: number
  total: number
}

export const pointsBreakdown = (amountFen: Fen, tier: TierId, inBirthdayMonth: boolean, program: ProgramRules): PointsBreakdown => {
  const rates = program.earning.pointsPer100YuanByTier
  const percent = inBirthdayMonth ? program.earning.birthdayMonthPercent : 100
  const atRate = (rate: number, pct: number) => Math.floor((amountFen * rate * pct) / 1_000_000)
  // The base is the lowest tier's rate, never above the member's own (a program could rate tiers unevenly).
  const base = Math.min(atRate(rates.member, 100), atRate(rates[tier], 100))
  const withTier = atRate(rates[tier], 100)
  const total = atRate(rates[tier], percent)
  return { base, tierBonus: withTier - base, birthdayBonus: total - withTier, total }
}

/** The end of the calendar year `yearsAfterEarningYear` after the one `earnedAt` falls in (business time). */
export const expiryFor = (earnedAt: Instant, program: ProgramRules): Instant =>
  toInstant(
    businessTime(earnedAt)
      .startOf('year')
      .add(1 + program.expiry.yearsAfterEarningYear, 'year'),
  )

const withBatches = <S extends PointsState>(state: S, batches: PointBatch[]): S => {
  const pointBatches = batches.filter((b) => b.points > 0).sort((a, b) => Date.parse(a.expiresAt) - Date.parse(b.expiresAt))
  return {
    ...state,
    pointBatches,
    pointsBalance: pointBatches.reduce((sum, b) => sum + b.points, 0),
    pointsNextExpiry: pointBatches[0]?.expiresAt ?? null,
  }
}

/** Adds points to the batch with that expiry. Like every change here, it returns the whole object it was given. */
export const credit = <S extends PointsState>(state: S, points: number, expiresAt: Instant): S => {
  const existing = state.pointBatches.find((b) => b.expiresAt === expiresAt)
  return withBatches(
    state,
    existing
      ? state.pointBatches.map((b) => (b === existing ? { ...b, points: b.points + points } : b))
      : [...state.pointBatches, { expiresAt, points }],
  )
}

/** Points still usable at `now`: batches that have not expired (the expiry job may not have run yet). */
export const availablePoints = (state: Pick<PointsState, 'pointBatches'>, now: Instant): number =>
  state.pointBatches.filter((b) => isBefore(now, b.expiresAt)).reduce((sum, b) => sum + b.points, 0)

/**
 * Takes up to `points` from unexpired batches, `preferExpiry`'s batch first (a reversal takes back the
 * points where the purchase put them), then oldest expiry first. Returns what it took from which batch.
 */
export const debitUpTo = <S extends PointsState>(
  state: S,
  points: number,
  now: Instant,
  preferExpiry?: Instant,
): { state: S; taken: PointBatch[]; shortfall: number } => {
  const order = [...state.pointBatches]
    .filter((b) => isBefore(now, b.expiresAt))
    .sort((a, b) => (a.expiresAt === preferExpiry ? -1 : b.expiresAt === preferExpiry ? 1 : 0))
  let remaining = points
  const taken: PointBatch[] = []
  for (const batch of order) {
    if (remaining === 0) break
    const take = Math.min(batch.points, remaining)
    taken.push({ expiresAt: batch.expiresAt, points: take })
    remaining -= take
  }
  const left = state.pointBatches.map((b) => {
    const t = taken.find((x) => x.expiresAt === b.expiresAt)
    return t ? { ...b, points: b.points - t.points } : b
  })
  return { state: withBatches(state, left), taken, shortfall: remaining }
}

/** Removes every batch that has expired by `now`; returns them so each becomes an expire entry. */
export const expireDue = <S extends PointsState>(state: S, now: Instant): { state: S; expired: PointBatch[] } => {
  const expired = state.pointBatches.filter((b) => !isBefore(now, b.expiresAt))
  if (expired.length === 0) return { state, expired }
  return {
    state: withBatches(
      state,
      state.pointBatches.filter((b) => isBefore(now, b.expiresAt)),
    ),
    expired,
  }
}

/** The soonest batch that will expire after `now`: "N points expire on DATE". */
export const nextExpiring = (state: Pick<PointsState, 'pointBatches'>, now: Instant): PointBatch | null =>
  state.pointBatches.find((b) => isBefore(now, b.expiresAt)) ?? null
