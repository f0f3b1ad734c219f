/**
 * How the segments page reads: when the classes were computed, money in the RFM cells compact enough for a
 * fifth of a phone's width, and each top customer's line. Pure functions, tested without Taro.
 */
import type { SegmentsView, TopCustomer } from '../api/contract'
import { formatYuan } from '../domain/money'
import { dateText } from '../wording/dates'

/** "数据更新于 2026-11-23 02:15（第 3 版规则）", or null before the first nightly run. */
export const computedText = (view: Pick<SegmentsView, 'computedAt' | 'rulesVersion'>): string | null =>
  view.computedAt
    ? `数据更新于 ${dateText(view.computedAt, 'pastTime')}${view.rulesVersion ? `（第 ${view.rulesVersion} 版规则）` : ''}`
    : null

/** "¥860", "¥3,200", "¥1.2万": whole yuan, ten-thousands as 万 with one decimal. */
export const compactYuan = (fen: number): string => {
  const yuan = Math.round(fen / 100)
  if (yuan < 10_000) return formatYuan(yuan * 100)
  const tenths = Math.round(yuan / 1_000)
  return `¥${tenths % 10 === 0 ? tenths / 10 : (tenths / 10).toFixed(1)}万`
}

/** The heat of a cell, 0 (none) to 4 (the fullest), by its share of the fullest cell. */
export const heatOf = (members: number, fullest: number): number =>
  members <= 0 || fullest <= 0 ? 0 : Math.max(1, Math.ceil((members / fullest) * 4))

/** "到店 12 次 · 消费 ¥12,345 · 毛利 ¥3,456". */
export const topFigures = (c: Pick<TopCustomer, 'purchaseCount' | 'lifetimeSpendFen' | 'marginFen'>): string =>
  `到店 ${c.purchaseCount} 次 · 消费 ${formatYuan(c.lifetimeSpendFen)} · 毛利 ${formatYuan(c.marginFen)}`

/** The share of all members in a class, "12.5%"; "—" when nobody is counted yet. */
export const shareText = (members: number, total: number): string => (total > 0 ? `${((members * 100) / total).toFixed(1)}%` : '—')
