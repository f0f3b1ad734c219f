import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

/** An instant in time as an ISO-8601 UTC string ("2026-11-23T06:00:00.000Z"); sorts as it compares. */
export type Instant = string

/**
 * Business time is Asia/Shanghai. China has kept UTC+8 without daylight saving since 1991, so a fixed
 * offset is exact for every date this product meets, and it avoids `Intl` time-zone data, which the
 * mini-program's Android JS engine does not reliably have.
 */
export const BUSINESS_UTC_OFFSET_MINUTES = 8 * 60

export const businessTime = (instant: Instant | Date) => dayjs(instant).utcOffset(BUSINESS_UTC_OFFSET_MINUTES)

export const toInstant = (d: dayjs.Dayjs | Date): Instant => (d instanceof Date ? d : d.toDate()).toISOString()

/** Calendar months later in business time (31 Jan + 1 month = 28/29 Feb, as shoppers expect). */
export const addBusinessMonths = (instant: Instant, months: number): Instant =>
  toInstant(businessTime(instant).add(months, 'month'))

/** The first instant of the business day after the one `instant` falls on. */
export const startOfNextBusinessDay = (instant: Instant): Instant =>
  toInstant(businessTime(instant).startOf('day').add(1, 'day'))

/** "2027-11-23": the business-time calendar date of an instant. */
export const businessDate = (instant: Instant): string => businessTime(instant).format('YYYY-MM-DD')

/**
 * The last business day an exclusive end instant still covers: a VIP "valid until 2027-11-24T00:00+08:00"
 * is shown as valid through 2027-11-23.
 */
export const lastCoveredBusinessDate = (exclusiveEnd: Instant): string =>
  businessTime(exclusiveEnd).subtract(1, 'millisecond').format('YYYY-MM-DD')

export const isBefore = (a: Instant, b: Instant): boolean => Date.parse(a) < Date.parse(b)
