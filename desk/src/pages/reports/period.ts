/**
 * The report's period: 本月, 上月, the last 7/30/90 days, or a range of days or months the operator picks, as the
 * business dates it covers and the dashboard input that asks for exactly them (`days` up to `to`). The server keeps
 * at most 180 days per answer and none after today: a range beyond either is refused here with words.
 */
import type { DashboardInput } from '../../../../src/api/opsSchemas'

export const PERIOD_KINDS = ['thisMonth', 'lastMonth', 'last7', 'last30', 'last90', 'days', 'months'] as const
export type PeriodKind = (typeof PERIOD_KINDS)[number]

export const PERIOD_WORDS: Record<PeriodKind, string> = {
  thisMonth: '本月',
  lastMonth: '上月',
  last7: '近 7 天',
  last30: '近 30 天',
  last90: '近 90 天',
  days: '自选日期',
  months: '自选月份',
}

/** As many days as one dashboard answer covers. */
export const MAX_PERIOD_DAYS = 180

export interface Period {
  kind: PeriodKind
  /** For `days`: two business dates (YYYY-MM-DD); for `months`: two months (YYYY-MM). */
  range?: [string, string]
}

export type Resolved = { from: string; to: string; days: number; input: DashboardInput } | { problem: string }

const DAY_MS = 86_400_000
const dayNumber = (date: string): number =>
  Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS
const dateOf = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10)
const addDays = (date: string, days: number): string => dateOf(dayNumber(date) + days)
/** The last day of month `YYYY-MM`. */
const monthEnd = (month: string): string => {
  const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))]
  return dateOf(Date.UTC(y, m, 0) / DAY_MS)
}
const previousMonth = (month: string): string => {
  const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))]
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
}

const span = (from: string, to: string, today: string): Resolved => {
  if (from > to) return { problem: '开始日期不能晚于结束日期' }
  if (to > today) return { problem: '结束日期不能晚于今天' }
  const days = dayNumber(to) - dayNumber(from) + 1
  if (days > MAX_PERIOD_DAYS) return { problem: `一次最多查看 ${MAX_PERIOD_DAYS} 天，请缩短时间范围` }
  // A period that ends today is asked without `to`: the server counts today live.
  return { from, to, days, input: to === today ? { days } : { days, to } }
}

/** The dates `period` covers when the business date is `today`, or why it cannot be asked. */
export const resolvePeriod = (period: Period, today: string): Resolved => {
  const month = today.slice(0, 7)
  switch (period.kind) {
    case 'thisMonth':
      return span(`${month}-01`, today, today)
    case 'lastMonth': {
      const last = previousMonth(month)
      return span(`${last}-01`, monthEnd(last), today)
    }
    case 'last7':
      return span(addDays(today, -6), today, today)
    case 'last30':
      return span(addDays(today, -29), today, today)
    case 'last90':
      return span(addDays(today, -89), today, today)
    case 'days':
      return period.range ? span(period.range[0], period.range[1], today) : { problem: '请选择开始和结束日期' }
    case 'months': {
      if (!period.range) return { problem: '请选择开始和结束月份' }
      const [first, last] = period.range
      if (last > month) return { problem: '结束月份不能晚于本月' }
      const end = monthEnd(last)
      return span(`${first}-01`, end > today ? today : end, today)
    }
  }
}

/** "2026-11-01 至 2026-11-30", the words above the figures and in the export's file name. */
export const periodText = (r: { from: string; to: string }): string => (r.from === r.to ? r.from : `${r.from} 至 ${r.to}`)
