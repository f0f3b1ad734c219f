/**
 * The dashboard's charts as F2 (AntV F2 4) elements, built with F2's own `jsx` function rather than JSX
 * syntax, so they sit beside React pages without a second JSX runtime. Each takes the rows from
 * ./dashboardData; ../shared/F2Chart draws them on a mini-program canvas (type 2d) or an H5 canvas.
 */
import { Area, Axis, Chart, Interval, jsx as f2jsx, Legend, Line } from '@antv/f2'
import type { DashboardView } from '../../api/contract'
import { TIER_NAMES } from '../../domain/program'
import { assistantBars, couponRows, eventBars, salesSlices, shortDate, storeBars, tierSeries } from '../../insights/dashboardData'

export type ChartElement = ReturnType<typeof f2jsx>

// F2's typings want every component's props to fit one base type; its components are typed narrower.
const jsx = (type: unknown, props: object, ...children: ChartElement[]): ChartElement =>
  f2jsx(type as Parameters<typeof f2jsx>[0], props, ...children)

const INK = '#4a463f'
const TIER_COLORS = ['#cfd6de', '#3b3026', '#d9b77e']
const AXIS_LABEL = { fontSize: '22px', fill: '#8a857c' }
/** People are counted whole: a tick between two counts (0.5) is left unlabelled. */
const wholeTicks = (v: number): string => (Number.isInteger(v) ? String(v) : '')

/** Members by tier, stacked, day by day. */
export const tiersChart = (view: DashboardView): ChartElement =>
  jsx(
    Chart,
    {
      data: tierSeries(view),
      scale: {
        date: { type: 'cat', tickCount: 4, formatter: shortDate },
        members: { min: 0, nice: true, tickCount: 4, formatter: wholeTicks },
      },
    },
    jsx(Axis, { field: 'date', style: { label: AXIS_LABEL } }),
    jsx(Axis, { field: 'members', style: { label: AXIS_LABEL } }),
    jsx(Area, { x: 'date', y: 'members', color: { field: 'tier', range: TIER_COLORS }, adjust: 'stack' }),
    jsx(Line, { x: 'date', y: 'members', color: { field: 'tier', range: TIER_COLORS }, adjust: 'stack' }),
    jsx(Legend, { position: 'top', style: { justifyContent: 'flex-start' }, nameStyle: AXIS_LABEL }),
  )

/** Horizontal bars of counts by a name (new members by store or by assistant). */
const countBars = (data: { label: string; value: number }[]): ChartElement =>
  jsx(
    Chart,
    { data, coord: { transposed: true }, scale: { value: { min: 0, nice: true, tickCount: 3, formatter: wholeTicks } } },
    jsx(Axis, { field: 'label', style: { label: AXIS_LABEL } }),
    jsx(Axis, { field: 'value', style: { label: AXIS_LABEL } }),
    jsx(Interval, { x: 'label', y: 'value', color: INK, style: { radius: [0, 4, 4, 0] } }),
  )

export const storesChart = (view: DashboardView) => countBars(storeBars(view))
export const assistantsChart = (view: DashboardView) => countBars(assistantBars(view))

/** Member sales by tier as a donut. */
export const salesChart = (view: DashboardView): ChartElement =>
  jsx(
    Chart,
    {
      data: salesSlices(view).map((s) => ({ tier: s.tier, fen: s.fen, all: '1' })),
      coord: { type: 'polar', transposed: true, innerRadius: 0.6, radius: 0.85 },
      scale: { fen: { min: 0 } },
    },
    jsx(Interval, { x: 'all', y: 'fen', adjust: 'stack', color: { field: 'tier', range: TIER_COLORS, values: Object.values(TIER_NAMES) } }),
    jsx(Legend, { position: 'right', nameStyle: AXIS_LABEL }),
  )

/** Redemption rate per coupon template, 0–100%. */
export const couponsChart = (view: DashboardView): ChartElement =>
  jsx(
    Chart,
    {
      data: couponRows(view),
      coord: { transposed: true },
      scale: { rate: { min: 0, max: 100, tickCount: 3, formatter: (v: number) => `${v}%` } },
    },
    jsx(Axis, { field: 'label', style: { label: AXIS_LABEL } }),
    jsx(Axis, { field: 'rate', style: { label: AXIS_LABEL } }),
    jsx(Interval, { x: 'label', y: 'rate', color: '#d9b77e' }),
  )

/** Seats confirmed and guests checked in, side by side per event. */
export const eventsChart = (view: DashboardView): ChartElement =>
  jsx(
    Chart,
    { data: eventBars(view), scale: { seats: { min: 0, nice: true, tickCount: 3, formatter: wholeTicks } } },
    jsx(Axis, { field: 'label', style: { label: AXIS_LABEL } }),
    jsx(Axis, { field: 'seats', style: { label: AXIS_LABEL } }),
    jsx(Interval, {
      x: 'label',
      y: 'seats',
      color: { field: 'kind', range: ['#cfd6de', INK] },
      adjust: { type: 'dodge', marginRatio: 0.1 },
    }),
    jsx(Legend, { position: 'top', nameStyle: AXIS_LABEL }),
  )
