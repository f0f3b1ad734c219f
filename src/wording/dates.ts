/**
 * Every date and time the product shows, by context: one format per context, so the same kind of moment reads the
 * same on every page (a coupon's last day and a VIP year's last day alike; an event's start and a coupon's opening
 * alike). All in business time (Asia/Shanghai), whatever the phone's or the function's zone. Pages and wording
 * modules format dates only through `dateText` (eslint refuses a date template anywhere else under src/ but the
 * domain, whose formats are keys, not wording).
 */
import { businessTime, type Instant } from '../domain/time'

export const DATE_FORMATS = {
  /** A day named in full: a validity's last day, an effective date, a last visit. "2027-11-23" */
  day: 'YYYY-MM-DD',
  /** A day in the coming weeks, read with its month: an event's day, a birthday, today's header. "11月23日" */
  nearDay: 'M月D日',
  /** A time in the coming weeks: an event's start, a coupon's opening, a link's end. "11月23日 14:05" */
  nearTime: 'M月D日 HH:mm',
  /** When something happened: joined, used, ordered, called back. "2026-11-23 14:05" */
  pastTime: 'YYYY-MM-DD HH:mm',
  /** A line under its month's heading (the points history): the year is in the heading. "11-23 14:05" */
  entryTime: 'MM-DD HH:mm',
  /** A month's heading. "2026年11月" */
  month: 'YYYY年M月',
  /** A time within today: a check-in, a lock's end. "14:05" */
  clock: 'HH:mm',
  /** The audit trail names the second, to match an entry with the till's receipt. "2026-11-23 14:05:09" */
  auditTime: 'YYYY-MM-DD HH:mm:ss',
  /** The value of WeChat's `<picker mode="date">` (and a form's date field). "2026-11-23" */
  pickerDate: 'YYYY-MM-DD',
  /** The value of WeChat's `<picker mode="time">`. "14:05" */
  pickerTime: 'HH:mm',
} as const

export type DateContext = keyof typeof DATE_FORMATS

/** An instant as its context shows it, in business time. */
export const dateText = (at: Instant | Date, context: DateContext): string => businessTime(at).format(DATE_FORMATS[context])

/**
 * The last day a period covers, as `context` shows a day: "valid until 2027-11-24T00:00+08:00" (an exclusive end)
 * reads "2027-11-23".
 */
export const lastDayText = (exclusiveEnd: Instant, context: 'day' | 'nearDay' | 'pickerDate' = 'day'): string =>
  businessTime(exclusiveEnd).subtract(1, 'millisecond').format(DATE_FORMATS[context])
