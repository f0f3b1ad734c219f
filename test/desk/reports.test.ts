/** 报表's pure parts: which days a period asks for, and the rows its cards, tables and exports show. */
import type { DashboardView, SegmentsView } from '../../src/api/contract'
import { resolvePeriod } from '../../desk/src/pages/reports/period'
import { countScale, dayRows, kpis, rfmRows, storeColumns, storeRows } from '../../desk/src/pages/reports/reportsData'

describe('the period', () => {
  const today = '2026-12-08'

  it('asks for the days up to today without a `to`, so that today is counted live', () => {
    expect(resolvePeriod({ kind: 'thisMonth' }, today)).toEqual({ from: '2026-12-01', to: today, days: 8, input: { days: 8 } })
    expect(resolvePeriod({ kind: 'last7' }, today)).toEqual({ from: '2026-12-02', to: today, days: 7, input: { days: 7 } })
    expect(resolvePeriod({ kind: 'last90' }, today)).toMatchObject({ from: '2026-09-10', days: 90, input: { days: 90 } })
  })

  it('asks for last month as its days up to its last day, across a year and in a leap February', () => {
    expect(resolvePeriod({ kind: 'lastMonth' }, today)).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
      days: 30,
      input: { days: 30, to: '2026-11-30' },
    })
    expect(resolvePeriod({ kind: 'lastMonth' }, '2027-01-01')).toMatchObject({ from: '2026-12-01', to: '2026-12-31', days: 31 })
    expect(resolvePeriod({ kind: 'lastMonth' }, '2028-03-15')).toMatchObject({ from: '2028-02-01', to: '2028-02-29', days: 29 })
  })

  it('is the first of the month alone on the first of the month', () => {
    expect(resolvePeriod({ kind: 'thisMonth' }, '2026-12-01')).toEqual({
      from: '2026-12-01',
      to: '2026-12-01',
      days: 1,
      input: { days: 1 },
    })
  })

  it('takes chosen days and months, a month in progress ending today', () => {
    expect(resolvePeriod({ kind: 'days', range: ['2026-10-30', '2026-11-02'] }, today)).toEqual({
      from: '2026-10-30',
      to: '2026-11-02',
      days: 4,
      input: { days: 4, to: '2026-11-02' },
    })
    expect(resolvePeriod({ kind: 'months', range: ['2026-09', '2026-10'] }, today)).toMatchObject({
      from: '2026-09-01',
      to: '2026-10-31',
      days: 61,
      input: { days: 61, to: '2026-10-31' },
    })
    expect(resolvePeriod({ kind: 'months', range: ['2026-11', '2026-12'] }, today)).toMatchObject({ to: today, input: { days: 38 } })
  })

  it('refuses with words what the server would refuse: the future, a reversed range, more than 180 days, nothing chosen', () => {
    expect(resolvePeriod({ kind: 'days', range: ['2026-12-01', '2026-12-09'] }, today)).toEqual({ problem: '结束日期不能晚于今天' })
    expect(resolvePeriod({ kind: 'days', range: ['2026-12-05', '2026-12-01'] }, today)).toEqual({ problem: '开始日期不能晚于结束日期' })
    expect(resolvePeriod({ kind: 'months', range: ['2026-01', '2026-12'] }, today)).toEqual({
      problem: '一次最多查看 180 天，请缩短时间范围',
    })
    expect(resolvePeriod({ kind: 'months', range: ['2026-12', '2027-01'] }, today)).toEqual({ problem: '结束月份不能晚于本月' })
    expect(resolvePeriod({ kind: 'days' }, today)).toEqual({ problem: '请选择开始和结束日期' })
    expect(resolvePeriod({ kind: 'days', range: ['2026-06-12', '2026-12-08'] }, today)).toMatchObject({ days: 180 })
  })
})

const VIEW: DashboardView = {
  from: '2026-12-06',
  to: '2026-12-07',
  tiers: [
    { date: '2026-12-06', member: 5, vip: 3, gold: 1 },
    { date: '2026-12-07', member: 6, vip: 3, gold: 1 },
  ],
  newMembers: {
    daily: [
      { date: '2026-12-06', count: 0 },
      { date: '2026-12-07', count: 3 },
    ],
    byStore: [
      { storeId: 'SH001', name: '静安店', count: 2 },
      { storeId: '', name: '未经门店码加入', count: 1 },
    ],
    byAssistant: [],
  },
  sales: {
    totalFen: 100_000,
    byTier: { member: 20_000, vip: 50_000, gold: 30_000 },
    daily: [
      { date: '2026-12-06', fen: 40_000 },
      { date: '2026-12-07', fen: 60_000 },
    ],
    byStore: [{ storeId: 'SH001', name: '静安店', fen: 100_050 }],
  },
  coupons: [{ templateId: 't', title: '券', issued: 8, used: 2 }],
  events: [],
}

describe('the figures', () => {
  it('cards: members at the end of the period, new members, the VIP and gold share of sales, coupons used', () => {
    const cards = Object.fromEntries(kpis(VIEW, '静安店').map((k) => [k.label, k]))
    expect(cards['会员总数'].value).toBe('10')
    expect(cards['新会员']).toEqual({ label: '新会员', value: '3 人', note: '静安店 · 期间加入' })
    expect(cards['金卡会员'].note).toBe('全品牌 · 占 10.0%')
    expect(cards['会员销售额'].value).toBe('¥1,000')
    expect(cards['VIP及金卡销售占比'].value).toBe('80.0%')
    expect(cards['券核销率'].value).toBe('25.0%')
    expect(cards['活动到场率'].value).toBe('—')
  })

  it('days side by side; an answer without daily sales (one store, older days) leaves them empty, not zero', () => {
    expect(dayRows(VIEW)).toEqual([
      { date: '2026-12-06', newMembers: 0, salesFen: 40_000 },
      { date: '2026-12-07', newMembers: 3, salesFen: 60_000 },
    ])
    expect(dayRows({ ...VIEW, sales: { ...VIEW.sales, daily: [] } }).map((r) => r.salesFen)).toEqual([null, null])
  })

  it('compares every store, a quiet one too, and joins without a store code on a row of their own', () => {
    const stores = [
      { id: 'SH001', name: '静安店' },
      { id: 'SH002', name: '徐汇店' },
    ]
    const rows = storeRows(VIEW, stores)
    expect(rows).toEqual([
      { storeId: 'SH001', name: '静安店', newMembers: 2, salesFen: 100_050 },
      { storeId: '', name: '未经门店码加入', newMembers: 1, salesFen: 0 },
      { storeId: 'SH002', name: '徐汇店', newMembers: 0, salesFen: 0 },
    ])
    // The export writes yuan as numbers Excel sums; the screen shows them as money.
    const columns = storeColumns(rows)
    expect(columns.map((c) => c.value(rows[0]))).toEqual(['静安店', 2, '66.7%', 1000.5, '100.0%'])
    expect(columns[3].text!(rows[0])).toBe('¥1,000.50')
  })

  it('lays the RFM cells out as R5 down to R1 by F1 to F5, empty cells as zero', () => {
    const view = { rfm: [{ r: 5, f: 1, members: 4, avgSpendFen: 120_000 }] } as SegmentsView
    const rows = rfmRows(view)
    expect(rows.map((r) => r.recency)).toEqual(['R5', 'R4', 'R3', 'R2', 'R1'])
    expect(rows[0].cells[0]).toEqual({ members: 4, avgSpendFen: 120_000 })
    expect(rows[4].cells[4]).toEqual({ members: 0, avgSpendFen: 0 })
  })

  it('counts people on whole ticks: the axis ends on a multiple of four', () => {
    expect(countScale([0, 1])).toEqual({ min: 0, max: 4, tickCount: 5 })
    expect(countScale([5])).toEqual({ min: 0, max: 8, tickCount: 5 })
    expect(countScale([])).toEqual({ min: 0, max: 4, tickCount: 5 })
  })
})
