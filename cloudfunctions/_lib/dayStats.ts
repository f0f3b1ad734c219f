/**
 * One business day's figures for the operators' dashboard, by aggregation on indexed time fields (the day's
 * joins, purchases, refunds and coupons — never a walk over everything). The nightly job stores yesterday's;
 * the dashboard computes today's on the fly.
 */
import type { DayStatsDoc } from './collections'
import { COLLECTIONS } from './collections'
import { _, db } from './cloud'
import type { TierId } from '../../src/domain/program'
import { businessTime } from '../../src/domain/time'

const $ = () => db.command.aggregate

type Grouped<K> = { _id: K; n: number }

const aggregate = async <K>(collection: string, match: Record<string, unknown>, key: unknown, sum: unknown = 1): Promise<Grouped<K>[]> => {
  const result = (await db
    .collection(collection)
    .aggregate()
    .match(match)
    .group({ _id: key, n: $().sum(sum) })
    .limit(1000)
    .end()) as { list: Grouped<K>[] }
  return result.list
}

const byTier = (rows: Grouped<TierId | null>[]): Record<TierId, number> => {
  const out: Record<TierId, number> = { member: 0, vip: 0, gold: 0 }
  for (const row of rows) if (row._id) out[row._id] += row.n
  return out
}

export const computeDay = async (date: string, now: string): Promise<DayStatsDoc> => {
  const start = businessTime(`${date}T00:00:00+08:00`)
  const range = _.gte(start.toISOString()).and(_.lt(start.add(1, 'day').toISOString()))
  const members = db.collection(COLLECTIONS.members)
  const count = async (tier: TierId) => ((await members.where({ tier }).count()) as { total: number }).total
  const [member, vip, gold, joins, sales, refunds, issued, used] = await Promise.all([
    count('member'),
    count('vip'),
    count('gold'),
    aggregate<{ storeId: string | null; assistantId: string | null }>(
      COLLECTIONS.members,
      { joinedAt: range },
      { storeId: '$storeId', assistantId: '$assistantId' },
    ),
    aggregate<TierId>(COLLECTIONS.purchases, { at: range }, '$memberAfter.tier', '$amountFen'),
    aggregate<TierId>(COLLECTIONS.refunds, { at: range }, '$memberAfter.tier', '$amountFen'),
    aggregate<string>(COLLECTIONS.coupons, { issuedAt: range }, '$templateId'),
    aggregate<string>(COLLECTIONS.coupons, { 'use.at': range }, '$templateId'),
  ])
  const paid = byTier(sales)
  const refunded = byTier(refunds)
  const templates = new Set([...issued.map((r) => r._id), ...used.map((r) => r._id)])
  return {
    _id: `day:${date}`,
    date,
    tiers: { member, vip, gold },
    newMembers: joins.map((r) => ({ storeId: r._id.storeId ?? null, assistantId: r._id.assistantId ?? null, count: r.n })),
    salesFen: { member: paid.member - refunded.member, vip: paid.vip - refunded.vip, gold: paid.gold - refunded.gold },
    coupons: [...templates].sort().map((templateId) => ({
      templateId,
      issued: issued.find((r) => r._id === templateId)?.n ?? 0,
      used: used.find((r) => r._id === templateId)?.n ?? 0,
    })),
    computedAt: now,
  }
}
