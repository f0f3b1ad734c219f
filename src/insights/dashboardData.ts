/**
 * The dashboard's figures as rows, apart from Taro and the charts (the phone's 数据看板 and the desk's 报表 both read
 * them): each chart draws these rows, and the pages print the same numbers as text (readable without the picture,
 * and testable). Money in fen, shown in yuan.
 */
import type { DashboardView } from '../api/contract'
import { formatYuan } from '../domain/money'
import { TIER_NAMES, type TierId } from '../domain/program'
import { dateText } from '../wording/dates'

export const TIERS: readonly TierId[] = ['member', 'vip', 'gold']
export const PERIODS = ['7', '30', '90'] as const
export type Period = (typeof PERIODS)[number]
export const PERIOD_WORDS: Record<Period, string> = { '7': '近 7 天', '30': '近 30 天', '90': '近 90 天' }

/** "25.0%" of a part in a whole; "—" when the whole is nothing. */
export const percentText = (part: number, whole: number): string => (whole > 0 ? `${((part * 100) / whole).toFixed(1)}%` : '—')

/** "11-23": a business date (YYYY-MM-DD) as the axis and the text show it. */
export const shortDate = (date: string): string => date.slice(5)

/** Members by tier each day, long form for a stacked chart. */
export const tierSeries = (view: DashboardView) =>
  view.tiers.flatMap((day) => TIERS.map((tier) => ({ date: day.date, tier: TIER_NAMES[tier], members: day[tier] })))

/** Each tier at the start and the end of the period: "VIP会员 120 → 135（+15）". */
export const tierChanges = (view: DashboardView): { tier: TierId; text: string }[] => {
  const first = view.tiers[0]
  const last = view.tiers[view.tiers.length - 1]
  if (!first || !last) return []
  return TIERS.map((tier) => {
    const delta = last[tier] - first[tier]
    return { tier, text: `${TIER_NAMES[tier]} ${first[tier]} → ${last[tier]}（${delta >= 0 ? '+' : ''}${delta}）` }
  })
}

export const newMembersTotal = (view: DashboardView): number => view.newMembers.daily.reduce((n, d) => n + d.count, 0)

/** A name short enough for a bar's axis on a phone: six characters, then "…". */
export const axisLabel = (name: string): string => (name.length > 6 ? `${name.slice(0, 6)}…` : name)

export const storeBars = (view: DashboardView) => view.newMembers.byStore.map((s) => ({ label: axisLabel(s.name), value: s.count }))
export const assistantBars = (view: DashboardView) => view.newMembers.byAssistant.map((a) => ({ label: axisLabel(a.name), value: a.count }))

/** Member sales by tier: the donut's slices and the lines under it. */
export const salesSlices = (view: DashboardView) =>
  TIERS.map((tier) => ({
    tier: TIER_NAMES[tier],
    fen: view.sales.byTier[tier],
    text: `${TIER_NAMES[tier]} ${formatYuan(view.sales.byTier[tier])} · ${percentText(view.sales.byTier[tier], view.sales.totalFen)}`,
  }))

/** Coupons per template: issued, used, and the redemption rate (percent with one decimal, for the bars). */
export const couponRows = (view: DashboardView) =>
  view.coupons.map((c) => ({
    label: axisLabel(c.title),
    rate: c.issued > 0 ? Math.round((c.used * 1000) / c.issued) / 10 : 0,
    text: `${c.title}：发放 ${c.issued} · 使用 ${c.used} · 核销率 ${percentText(c.used, c.issued)}`,
  }))

/** Events in the period: confirmed seats and guests checked in, as grouped bars and lines. */
export const eventBars = (view: DashboardView) =>
  view.events.flatMap((e) => [
    { label: axisLabel(e.title), kind: '已确认', seats: e.confirmed },
    { label: axisLabel(e.title), kind: '已签到', seats: e.checkedIn },
  ])

export const eventLines = (view: DashboardView) =>
  view.events.map(
    (e) =>
      `${e.title}（${dateText(e.startsAt, 'nearDay')}）：签到 ${e.checkedIn} / 确认 ${e.confirmed} · 到场率 ${percentText(e.checkedIn, e.confirmed)}`,
  )
