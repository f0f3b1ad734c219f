/**
 * The dashboard's past days for the demo, derived from the demo's own members and purchases (as the nightly
 * job would have stored them had the local cloud been running): members who had joined by each day's end by
 * their tier today, that day's joins by store and assistant, and that day's sales by the buyer's tier after (and
 * by store).
 */
import type { DayStatsDoc, StoreSales } from '../cloudfunctions/_lib/collections'
import type { Member } from '../src/domain/member'
import type { TierId } from '../src/domain/program'
import type { PurchaseRecord } from '../src/domain/purchase'
import { businessTime } from '../src/domain/time'

export const demoDayStats = (members: Member[], purchases: PurchaseRecord[], now: Date, days = 90): DayStatsDoc[] => {
  const today = businessTime(now.toISOString()).startOf('day')
  const out: DayStatsDoc[] = []
  for (let back = days; back >= 1; back--) {
    const start = today.subtract(back, 'day')
    const from = start.toISOString()
    const until = start.add(1, 'day').toISOString()
    const tiers: Record<TierId, number> = { member: 0, vip: 0, gold: 0 }
    for (const m of members) if (m.joinedAt < until) tiers[m.tier]++
    const joins = new Map<string, { storeId: string | null; assistantId: string | null; count: number }>()
    for (const m of members.filter((x) => x.joinedAt >= from && x.joinedAt < until)) {
      const key = `${m.storeId}:${m.assistantId}`
      const row = joins.get(key) ?? { storeId: m.storeId, assistantId: m.assistantId, count: 0 }
      joins.set(key, { ...row, count: row.count + 1 })
    }
    const salesFen: Record<TierId, number> = { member: 0, vip: 0, gold: 0 }
    const byStore = new Map<string, StoreSales>()
    for (const p of purchases.filter((x) => x.at >= from && x.at < until)) {
      salesFen[p.memberAfter.tier] += p.amountFen - p.refundedFen
      const key = `${p.storeId}|${p.memberAfter.tier}`
      const row = byStore.get(key) ?? { storeId: p.storeId, tier: p.memberAfter.tier, fen: 0 }
      byStore.set(key, { ...row, fen: row.fen + p.amountFen - p.refundedFen })
    }
    const date = start.format('YYYY-MM-DD')
    out.push({
      _id: `day:${date}`,
      date,
      tiers,
      newMembers: [...joins.values()],
      salesFen,
      salesByStore: [...byStore.values()],
      coupons: [],
      computedAt: until,
    })
  }
  return out
}
