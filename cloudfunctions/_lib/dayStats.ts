/**
 * One business day's figures for the operators' dashboard, by aggregation on indexed time fields (the day's
 * joins, purchases, refunds and coupons — never a walk over everything). The nightly job stores yesterday's;
 * the dashboard computes today's on the fly.
 */
import type { DayStatsDoc, MessageStatsDoc, SegmentStatsDoc, StoreSales } from './collections'
import { _, db } from './cloud'
import { data, type Collection } from './data'
import type { TierId } from '../../src/domain/program'
import { businessTime } from '../../src/domain/time'

const $ = () => db.command.aggregate

type Grouped<K> = { _id: K; n: number }

const aggregate = <K>(
  collection: Pick<Collection<{ _id: string }>, 'aggregate'>,
  match: Record<string, unknown>,
  key: unknown,
  sum: unknown = 1,
): Promise<Grouped<K>[]> =>
  collection.aggregate<Grouped<K>>((p) =>
    p
      .match(match)
      .group({ _id: key, n: $().sum(sum) })
      .limit(1000),
  )

/*
 * The `stats` collection holds three kinds of document: `segments` (the nightly segment summary), `day:<date>`
 * (one business day) and `msg:<month>:<kind>` (_lib/messages.ts). Each is read through its own reader, which narrows by `_id`.
 */
type StatsDoc = SegmentStatsDoc | DayStatsDoc | MessageStatsDoc
const isDayStats = (doc: StatsDoc): doc is DayStatsDoc => doc._id.startsWith('day:')
const isSegmentStats = (doc: StatsDoc): doc is SegmentStatsDoc => doc._id === 'segments'

/** The last finished nightly segment computation, or null before the first. */
export const loadSegmentStats = async (): Promise<SegmentStatsDoc | null> => {
  const doc = await data.stats.get('segments')
  return doc && isSegmentStats(doc) ? doc : null
}

/** The stored figures of business day `date` (YYYY-MM-DD), or null when they are not stored yet. */
export const loadDayStats = async (date: string): Promise<DayStatsDoc | null> => {
  const doc = await data.stats.get(`day:${date}`)
  return doc && isDayStats(doc) ? doc : null
}

/** The stored days from `from` to `to` (both included, YYYY-MM-DD), oldest first. */
export const storedDays = async (from: string, to: string): Promise<DayStatsDoc[]> =>
  (
    await data.stats
      .where({ _id: _.gte(`day:${from}`).and(_.lte(`day:${to}`)) })
      .orderBy('_id', 'asc')
      .limit(200)
      .get()
  ).filter(isDayStats)

/** Member sales from `start` to `end` (instants) by store and tier: purchases less refunds, two grouped reads. */
export const salesOf = async (start: string, end: string): Promise<StoreSales[]> => {
  const [paid, refunded] = await Promise.all(
    [data.purchases, data.refunds].map((c) =>
      aggregate<{ s: string; t: TierId }>(c, { at: _.gte(start).and(_.lt(end)) }, { s: '$storeId', t: '$memberAfter.tier' }, '$amountFen'),
    ),
  )
  const out = new Map<string, StoreSales>()
  for (const [rows, sign] of [
    [paid, 1],
    [refunded, -1],
  ] as const) {
    for (const { _id, n } of rows) {
      const row = out.get(`${_id.s}|${_id.t}`) ?? { storeId: _id.s, tier: _id.t, fen: 0 }
      row.fen += sign * n
      out.set(`${_id.s}|${_id.t}`, row)
    }
  }
  return [...out.values()]
}

export const computeDay = async (date: string, now: string): Promise<DayStatsDoc> => {
  const start = businessTime(`${date}T00:00:00+08:00`)
  const range = _.gte(start.toISOString()).and(_.lt(start.add(1, 'day').toISOString()))
  const count = (tier: TierId) => data.members.where({ tier }).count()
  const [member, vip, gold, joins, sales, issued, used] = await Promise.all([
    count('member'),
    count('vip'),
    count('gold'),
    aggregate<{ storeId: string | null; assistantId: string | null }>(
      data.members,
      { joinedAt: range },
      { storeId: '$storeId', assistantId: '$assistantId' },
    ),
    salesOf(start.toISOString(), start.add(1, 'day').toISOString()),
    aggregate<string>(data.coupons, { issuedAt: range }, '$templateId'),
    aggregate<string>(data.coupons, { 'use.at': range }, '$templateId'),
  ])
  const salesFen: Record<TierId, number> = { member: 0, vip: 0, gold: 0 }
  for (const r of sales) if (r.tier in salesFen) salesFen[r.tier] += r.fen
  const templates = new Set([...issued.map((r) => r._id), ...used.map((r) => r._id)])
  return {
    _id: `day:${date}`,
    date,
    tiers: { member, vip, gold },
    newMembers: joins.map((r) => ({ storeId: r._id.storeId ?? null, assistantId: r._id.assistantId ?? null, count: r.n })),
    salesFen,
    salesByStore: sales,
    coupons: [...templates].sort().map((templateId) => ({
      templateId,
      issued: issued.find((r) => r._id === templateId)?.n ?? 0,
      used: used.find((r) => r._id === templateId)?.n ?? 0,
    })),
    computedAt: now,
  }
}
