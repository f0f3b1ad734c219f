/**
 * Ranking customers as the handbooks do: A/B/C/D classes by spend and visits (thresholds as data), and an
 * RFM score (recency, frequency, monetary) from fixed boundaries an operator can tune.
 */
import type { Member } from './member'
import type { Fen } from './money'
import { type Instant } from './time'

export type CustomerClass = 'A' | 'B' | 'C' | 'D'

export interface SegmentRules {
  /** Checked in order; the first a member meets is theirs; anyone else is D. */
  classes: { name: Exclude<CustomerClass, 'D'>; minSpendFen: Fen; minVisits: number }[]
  rfm: {
    /** Days since the last visit at which R drops from 5 to 4, 4 to 3, 3 to 2, 2 to 1 (ascending). */
    recencyDays: [number, number, number, number]
    /** Visits needed for F 2, 3, 4, 5 (ascending). */
    visits: [number, number, number, number]
    /** Lifetime spend needed for M 2, 3, 4, 5 (ascending). */
    spendFen: [Fen, Fen, Fen, Fen]
  }
}

export const DEFAULT_SEGMENT_RULES: SegmentRules = {
  classes: [
    { name: 'A', minSpendFen: 1_000_000, minVisits: 6 },
    { name: 'B', minSpendFen: 300_000, minVisits: 3 },
    { name: 'C', minSpendFen: 50_000, minVisits: 1 },
  ],
  rfm: { recencyDays: [30, 90, 180, 365], visits: [1, 2, 4, 8], spendFen: [50_000, 180_000, 500_000, 1_000_000] },
}

type Shape = Pick<Member, 'lifetimeSpendFen' | 'purchaseCount' | 'lastPurchaseAt'>

export const customerClass = (member: Shape, rules: SegmentRules): CustomerClass =>
  rules.classes.find((c) => member.lifetimeSpendFen >= c.minSpendFen && member.purchaseCount >= c.minVisits)?.name ?? 'D'

export type Score = 1 | 2 | 3 | 4 | 5

/** How many ascending boundaries a value reaches, as a 1–5 score. */
const reached = (value: number, boundaries: readonly number[]): Score => (1 + boundaries.filter((b) => value >= b).length) as Score

export interface Rfm {
  r: Score
  f: Score
  m: Score
}

export const rfm = (member: Shape, now: Instant, rules: SegmentRules): Rfm => {
  const days = member.lastPurchaseAt === null ? Number.POSITIVE_INFINITY : (Date.parse(now) - Date.parse(member.lastPurchaseAt)) / 86_400_000
  // Recency: fewer days is better, so count the boundaries the days have NOT passed.
  const r = (5 - rules.rfm.recencyDays.filter((d) => days > d).length) as Score
  return { r, f: reached(member.purchaseCount, rules.rfm.visits), m: reached(member.lifetimeSpendFen, rules.rfm.spendFen) }
}
