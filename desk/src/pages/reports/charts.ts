/**
 * The charts only the wide page draws (daily new members and sales, A–D classes), in AntV F2 4 like the phone's
 * (src/ops/dashboard/charts.ts, whose tier, sales, store and coupon charts the page reuses). F2 is imported by this
 * page's lazy chunk alone: the desk's first load never carries it.
 */
import { Axis, Chart, Interval, jsx as f2jsx, Line, Point } from '@antv/f2'
import type { ChartElement } from '../../../../src/ops/dashboard/charts'
import { shortDate } from '../../../../src/insights/dashboardData'
import { countScale, type ClassRow, type DayRow, type StoreRow } from './reportsData'

const jsx = (type: unknown, props: object, ...children: ChartElement[]): ChartElement =>
  f2jsx(type as Parameters<typeof f2jsx>[0], props, ...children)

const INK = '#4a463f'
const GOLD = '#d9b77e'
// F2 sizes in 750-wide design pixels, halved on the canvas (src/ops/dashboard/F2Chart/draw.ts): 24px is 12 CSS px.
const AXIS_LABEL = { fontSize: '24px', fill: '#6b665d' }
/** "¥1.2万", "¥860" on a money axis. */
const yuanTick = (fen: number): string => (fen >= 1_000_000 ? `¥${Math.round(fen / 100_000) / 10}万` : `¥${Math.round(fen / 100)}`)

/** A date axis showing about eight dates, whatever the period's length. */
const dateScale = (n: number) => ({ type: 'cat', tickCount: Math.min(n, 8), formatter: shortDate })

export const newMembersDailyChart = (rows: DayRow[]): ChartElement =>
  jsx(
    Chart,
    {
      data: rows,
      scale: { date: dateScale(rows.length), newMembers: countScale(rows.map((r) => r.newMembers)) },
    },
    jsx(Axis, { field: 'date', style: { label: AXIS_LABEL } }),
    jsx(Axis, { field: 'newMembers', style: { label: AXIS_LABEL } }),
    jsx(Interval, { x: 'date', y: 'newMembers', color: INK }),
  )

export const salesDailyChart = (rows: DayRow[]): ChartElement =>
  jsx(
    Chart,
    {
      data: rows.map((r) => ({ date: r.date, fen: r.salesFen ?? 0 })),
      scale: { date: dateScale(rows.length), fen: { min: 0, nice: true, tickCount: 4, formatter: yuanTick } },
    },
    jsx(Axis, { field: 'date', style: { label: AXIS_LABEL } }),
    jsx(Axis, { field: 'fen', style: { label: AXIS_LABEL } }),
    jsx(Line, { x: 'date', y: 'fen', color: GOLD, style: { lineWidth: '4px' } }),
    jsx(Point, { x: 'date', y: 'fen', color: GOLD, size: '5px' }),
  )

export const classesChart = (rows: ClassRow[]): ChartElement =>
  jsx(
    Chart,
    {
      data: rows.map((r) => ({ name: `${r.name} 类`, members: r.members })),
      scale: { members: countScale(rows.map((r) => r.members)) },
    },
    jsx(Axis, { field: 'name', style: { label: AXIS_LABEL } }),
    jsx(Axis, { field: 'members', style: { label: AXIS_LABEL } }),
    jsx(Interval, { x: 'name', y: 'members', color: { field: 'name', range: [GOLD, INK, '#8a857c', '#cfd6de'] } }),
  )

/** Each store's member sales in the period, as horizontal bars. */
export const storeSalesChart = (rows: StoreRow[]): ChartElement =>
  jsx(
    Chart,
    {
      data: rows.map((r) => ({ name: r.name.length > 10 ? `${r.name.slice(0, 10)}…` : r.name, fen: r.salesFen })),
      coord: { transposed: true },
      scale: { fen: { min: 0, nice: true, tickCount: 4, formatter: yuanTick } },
    },
    jsx(Axis, { field: 'name', style: { label: AXIS_LABEL } }),
    jsx(Axis, { field: 'fen', style: { label: AXIS_LABEL } }),
    jsx(Interval, { x: 'name', y: 'fen', color: GOLD, style: { radius: [0, 4, 4, 0] } }),
  )
