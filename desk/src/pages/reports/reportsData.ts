/**
 * The report's figures as rows, apart from React and the charts: the KPI cards, each table, and what each export
 * writes. The phone dashboard's shaping (src/insights/dashboardData.ts) and segment wording are reused as they
 * are; what is here is what only the wide page shows (daily series side by side, the store comparison).
 */
import type { DashboardView, SegmentsView, TopCustomer } from '../../../../src/api/contract'
import { formatYuan } from '../../../../src/domain/money'
import { TIER_NAMES } from '../../../../src/domain/program'
import { newMembersTotal, percentText, TIERS } from '../../../../src/insights/dashboardData'
import { compactYuan, shareText } from '../../../../src/insights/segmentsWords'
import { dateText } from '../../../../src/wording/dates'
import type { ExportColumn } from '../../lists/exportXlsx'

/** A table's column, on screen and in its export alike: the export writes `value`, the screen `text` when given. */
export interface ReportColumn<R> extends ExportColumn<R> {
  text?: (row: R) => string
}

export interface Kpi {
  label: string
  value: string
  note: string
}

const sum = (ns: number[]): number => ns.reduce((a, b) => a + b, 0)

/**
 * A people-count axis: five ticks from 0 to a multiple of 4 at least the largest count, so every tick is a whole
 * number of people (F2's own "nice" range can end between two and leave the top unlabelled).
 */
export const countScale = (counts: number[]) => ({ min: 0, max: Math.max(4, Math.ceil(Math.max(0, ...counts) / 4) * 4), tickCount: 5 })

/**
 * The cards: members by tier at the period's end (the brand's), new members and sales in the period (the store's
 * when one is picked), the VIP and gold share of sales, coupon redemption and event attendance.
 */
export const kpis = (view: DashboardView, storeName: string | null): Kpi[] => {
  const last = view.tiers[view.tiers.length - 1]
  const members = last ? last.member + last.vip + last.gold : 0
  const scope = storeName ?? '全品牌'
  const issued = sum(view.coupons.map((c) => c.issued))
  const used = sum(view.coupons.map((c) => c.used))
  const confirmed = sum(view.events.map((e) => e.confirmed))
  const checkedIn = sum(view.events.map((e) => e.checkedIn))
  return [
    { label: '会员总数', value: String(members), note: `全品牌 · ${view.to} 日终` },
    { label: '新会员', value: `${newMembersTotal(view)} 人`, note: `${scope} · 期间加入` },
    { label: TIER_NAMES.vip, value: String(last?.vip ?? 0), note: `全品牌 · 占 ${percentText(last?.vip ?? 0, members)}` },
    { label: TIER_NAMES.gold, value: String(last?.gold ?? 0), note: `全品牌 · 占 ${percentText(last?.gold ?? 0, members)}` },
    { label: '会员销售额', value: formatYuan(view.sales.totalFen), note: `${scope} · 实付减退款` },
    {
      label: 'VIP及金卡销售占比',
      value: percentText(view.sales.byTier.vip + view.sales.byTier.gold, view.sales.totalFen),
      note: `${scope} · 按消费后等级`,
    },
    { label: '券核销率', value: percentText(used, issued), note: `全品牌 · 发放 ${issued} · 使用 ${used}` },
    { label: '活动到场率', value: percentText(checkedIn, confirmed), note: `全品牌 · 签到 ${checkedIn} / 确认 ${confirmed}` },
  ]
}

/** Yuan as a number with two decimals (exact from fen), so that Excel can sum it. */
const yuanNumber = (fen: number): number => Number((fen / 100).toFixed(2))

export interface DayRow {
  date: string
  newMembers: number
  /** Null when the answer has no daily sales (one store, over days stored before sales were kept by store). */
  salesFen: number | null
}

/** New members and sales day by day, one row a day. */
export const dayRows = (view: DashboardView): DayRow[] => {
  const sales = new Map(view.sales.daily.map((d) => [d.date, d.fen]))
  return view.newMembers.daily.map((d) => ({ date: d.date, newMembers: d.count, salesFen: sales.get(d.date) ?? null }))
}

export const DAY_COLUMNS: ReportColumn<DayRow>[] = [
  { header: '日期', width: 12, value: (r) => r.date },
  { header: '新会员（人）', width: 12, value: (r) => r.newMembers },
  {
    header: '会员销售额（元）',
    width: 16,
    value: (r) => (r.salesFen === null ? null : yuanNumber(r.salesFen)),
    text: (r) => (r.salesFen === null ? '—' : formatYuan(r.salesFen)),
  },
]

export type TierRow = DashboardView['tiers'][number] & { total: number }
export const tierRows = (view: DashboardView): TierRow[] => view.tiers.map((d) => ({ ...d, total: d.member + d.vip + d.gold }))
export const TIER_COLUMNS: ReportColumn<TierRow>[] = [
  { header: '日期', width: 12, value: (r) => r.date },
  ...TIERS.map((t) => ({ header: TIER_NAMES[t], width: 10, value: (r: TierRow) => r[t] })),
  { header: '合计', width: 10, value: (r) => r.total },
]

export interface StoreRow {
  storeId: string
  name: string
  newMembers: number
  salesFen: number
}

/**
 * Every store side by side: new members and sales in the period, from the brand's answer; stores with neither are
 * listed too (a quiet store is a finding), and joins with no store code get a row of their own.
 */
export const storeRows = (view: DashboardView, stores: { id: string; name: string }[]): StoreRow[] => {
  const rows = new Map<string, StoreRow>(stores.map((s) => [s.id, { storeId: s.id, name: s.name, newMembers: 0, salesFen: 0 }]))
  const row = (storeId: string, name: string) => {
    const found = rows.get(storeId) ?? { storeId, name, newMembers: 0, salesFen: 0 }
    rows.set(storeId, found)
    return found
  }
  for (const s of view.newMembers.byStore) row(s.storeId, s.name).newMembers += s.count
  for (const s of view.sales.byStore) row(s.storeId, s.name).salesFen += s.fen
  return [...rows.values()].sort((a, b) => b.salesFen - a.salesFen || b.newMembers - a.newMembers || a.name.localeCompare(b.name))
}

export const storeColumns = (rows: StoreRow[]): ReportColumn<StoreRow>[] => {
  const joins = sum(rows.map((r) => r.newMembers))
  const sales = sum(rows.map((r) => r.salesFen))
  return [
    { header: '门店', width: 24, value: (r) => r.name },
    { header: '新会员（人）', width: 12, value: (r) => r.newMembers },
    { header: '新会员占比', width: 10, value: (r) => percentText(r.newMembers, joins) },
    { header: '会员销售额（元）', width: 16, value: (r) => yuanNumber(r.salesFen), text: (r) => formatYuan(r.salesFen) },
    { header: '销售额占比', width: 10, value: (r) => percentText(r.salesFen, sales) },
  ]
}

export type AssistantRow = DashboardView['newMembers']['byAssistant'][number]
export const ASSISTANT_COLUMNS: ReportColumn<AssistantRow>[] = [
  { header: '导购', width: 10, value: (r) => r.name },
  { header: '导购编号', width: 10, value: (r) => r.staffId },
  { header: '门店', width: 24, value: (r) => r.storeName },
  { header: '邀请新会员（人）', width: 14, value: (r) => r.count },
]

export interface TierSalesRow {
  tier: string
  fen: number
  share: string
}
export const tierSalesRows = (view: DashboardView): TierSalesRow[] =>
  TIERS.map((t) => ({ tier: TIER_NAMES[t], fen: view.sales.byTier[t], share: percentText(view.sales.byTier[t], view.sales.totalFen) }))
export const TIER_SALES_COLUMNS: ReportColumn<TierSalesRow>[] = [
  { header: '等级', width: 10, value: (r) => r.tier },
  { header: '会员销售额（元）', width: 16, value: (r) => yuanNumber(r.fen), text: (r) => formatYuan(r.fen) },
  { header: '占比', width: 10, value: (r) => r.share },
]

export type CouponRow = DashboardView['coupons'][number] & { rate: string }
export const couponTableRows = (view: DashboardView): CouponRow[] =>
  view.coupons.map((c) => ({ ...c, rate: percentText(c.used, c.issued) }))
export const COUPON_COLUMNS: ReportColumn<CouponRow>[] = [
  { header: '券模板', width: 20, value: (r) => r.title },
  { header: '发放', width: 8, value: (r) => r.issued },
  { header: '使用', width: 8, value: (r) => r.used },
  { header: '核销率', width: 10, value: (r) => r.rate },
]

export type EventRow = DashboardView['events'][number] & { rate: string }
export const eventTableRows = (view: DashboardView): EventRow[] =>
  view.events.map((e) => ({ ...e, rate: percentText(e.checkedIn, e.confirmed) }))
export const EVENT_COLUMNS: ReportColumn<EventRow>[] = [
  { header: '活动', width: 24, value: (r) => r.title },
  { header: '开始时间', width: 18, value: (r) => dateText(r.startsAt, 'pastTime') },
  { header: '确认人数', width: 10, value: (r) => r.confirmed },
  { header: '签到人数', width: 10, value: (r) => r.checkedIn },
  { header: '到场率', width: 10, value: (r) => r.rate },
]

export type ClassRow = SegmentsView['classes'][number] & { share: string }
export const classRows = (view: SegmentsView): ClassRow[] => view.classes.map((c) => ({ ...c, share: shareText(c.members, view.members) }))
export const CLASS_COLUMNS: ReportColumn<ClassRow>[] = [
  { header: '类别', width: 6, value: (r) => r.name },
  { header: '会员（人）', width: 10, value: (r) => r.members },
  { header: '占比', width: 8, value: (r) => r.share },
  { header: '累计消费（元）', width: 16, value: (r) => yuanNumber(r.spendFen), text: (r) => formatYuan(r.spendFen) },
  { header: '规则', width: 40, value: (r) => r.rule },
]

export type TopRow = TopCustomer & { rank: number }
export const topRows = (customers: TopCustomer[]): TopRow[] => customers.map((c, i) => ({ ...c, rank: i + 1 }))
export const TOP_COLUMNS: ReportColumn<TopRow>[] = [
  { header: '排名', width: 6, value: (r) => r.rank },
  { header: '会员号', width: 14, value: (r) => r.memberNo },
  { header: '姓名', width: 10, value: (r) => r.name },
  { header: '等级', width: 10, value: (r) => TIER_NAMES[r.tier] },
  { header: '门店', width: 24, value: (r) => r.storeName },
  { header: '到店次数', width: 10, value: (r) => r.purchaseCount },
  { header: '累计消费（元）', width: 16, value: (r) => yuanNumber(r.lifetimeSpendFen), text: (r) => formatYuan(r.lifetimeSpendFen) },
  { header: '毛利（元）', width: 12, value: (r) => yuanNumber(r.marginFen), text: (r) => formatYuan(r.marginFen) },
]

export interface RfmRow {
  recency: string
  cells: { members: number; avgSpendFen: number }[]
}
/** The RFM grid as rows R5 (most recent) to R1, columns F1 to F5. */
export const rfmRows = (view: SegmentsView): RfmRow[] =>
  [5, 4, 3, 2, 1].map((r) => ({
    recency: `R${r}`,
    cells: [1, 2, 3, 4, 5].map((f) => {
      const c = view.rfm.find((x) => x.r === r && x.f === f)
      return { members: c?.members ?? 0, avgSpendFen: c?.avgSpendFen ?? 0 }
    }),
  }))
export const RFM_COLUMNS: ReportColumn<RfmRow>[] = [
  { header: 'R \\ F', width: 8, value: (r) => r.recency },
  ...[0, 1, 2, 3, 4].flatMap((i) => [
    { header: `F${i + 1} 人数`, width: 9, value: (r: RfmRow) => r.cells[i].members },
    {
      header: `F${i + 1} 人均消费（元）`,
      width: 14,
      value: (r: RfmRow) => yuanNumber(r.cells[i].avgSpendFen),
      text: (r: RfmRow) => compactYuan(r.cells[i].avgSpendFen),
    },
  ]),
]
