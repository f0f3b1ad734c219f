/**
 * Ranking customers as the handbooks do: A/B/C/D classes by spend and visits (thresholds as data), and an
 * RFM score (recency, frequency, monetary) from fixed boundaries an operator can tune.
 */
import type { Member } from './member'
import type { Fen } from './money'
import type { CustomerClass, SegmentRules } from './program'
import { type Instant } from './time'

/** The rules live with the program's; named here too for readers of segments. */
export type { ClassRule, CustomerClass, SegmentRules } from './program'
export { DEFAULT_SEGMENT_RULES } from './program'

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
  const days =
    member.lastPurchaseAt === null ? Number.POSITIVE_INFINITY : (Date.parse(now) - Date.parse(member.lastPurchaseAt)) / 86_400_000
  // Recency: fewer days is better, so count the boundaries the days have NOT passed.
  const r = (5 - rules.rfm.recencyDays.filter((d) => days > d).length) as Score
  return { r, f: reached(member.purchaseCount, rules.rfm.visits), m: reached(member.lifetimeSpendFen, rules.rfm.spendFen) }
}

/** What the nightly job stores per member (`segments/<memberId>`), for audiences by class. */
export interface MemberSegment {
  class: CustomerClass
  r: Score
  f: Score
  m: Score
}

export const segmentOf = (member: Shape, now: Instant, rules: SegmentRules): MemberSegment => ({
  class: customerClass(member, rules),
  ...rfm(member, now, rules),
})

/** Counts and spend per class and per recency × frequency cell, added up member by member (resumably). */
export interface SegmentTally {
  members: number
  classes: Record<CustomerClass, { members: number; spendFen: Fen }>
  /** Keyed "r:f", e.g. "5:1". */
  rfm: Record<string, { members: number; spendFen: Fen }>
}

export const CLASS_NAMES: readonly CustomerClass[] = ['A', 'B', 'C', 'D']

export const emptyTally = (): SegmentTally => ({
  members: 0,
  classes: {
    A: { members: 0, spendFen: 0 },
    B: { members: 0, spendFen: 0 },
    C: { members: 0, spendFen: 0 },
    D: { members: 0, spendFen: 0 },
  },
  rfm: {},
})

export const addToTally = (tally: SegmentTally, segment: MemberSegment, spendFen: Fen): SegmentTally => {
  const cell = `${segment.r}:${segment.f}`
  const before = tally.rfm[cell] ?? { members: 0, spendFen: 0 }
  const klass = tally.classes[segment.class]
  return {
    members: tally.members + 1,
    classes: { ...tally.classes, [segment.class]: { members: klass.members + 1, spendFen: klass.spendFen + spendFen } },
    rfm: { ...tally.rfm, [cell]: { members: before.members + 1, spendFen: before.spendFen + spendFen } },
  }
}

/** The class rule in words, e.g. "累计消费≥¥3,000 且到店≥3次"; D is everyone else. */
export const classRuleWords = (name: CustomerClass, rules: SegmentRules): string => {
  const rule = rules.classes.find((c) => c.name === name)
  if (!rule) return '其余会员'
  return `累计消费≥¥${(rule.minSpendFen / 100).toLocaleString('en-US')} 且到店≥${rule.minVisits}次`
}
