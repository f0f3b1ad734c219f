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
const BUSINESS_OFFSET_MS = BUSINESS_UTC_OFFSET_MINUTES * 60_000

type CalendarUnit = 'year' | 'month' | 'day'
type Unit = CalendarUnit | 'hour' | 'minute' | 'second' | 'millisecond'

/** An instant string must say its zone ("Z" or "+08:00"): without one, `Date` reads it in the host's zone. */
const ZONED = /(?:Z|[+-]\d\d:?\d\d)$/i

const millisOf = (instant: Instant | Date): number => {
  if (instant instanceof Date) return instant.getTime()
  if (!ZONED.test(instant)) throw new RangeError(`not an instant with a zone: "${instant}"`)
  return Date.parse(instant)
}

/**
 * A moment read on the business clock, whatever zone the host (a phone abroad, a cloud function in UTC) is in.
 *
 * It holds the business wall clock as a dayjs object in UTC mode: the instant moved 8 hours later, so that its UTC
 * fields are the Shanghai date and time. dayjs in UTC mode reads and writes only `getUTC…`/`setUTC…`/`Date.UTC`,
 * and UTC has no daylight saving, so every calendar step (a month later, the start of the day) is the same on every
 * host; only `toDate` moves the wall clock back to the instant. (dayjs's own `utcOffset(480)` does not do this: it
 * keeps a host-local date shifted by the host's offset at creation, which goes stale across the host's DST change.)
 */
export class BusinessTime {
  private constructor(private readonly wall: dayjs.Dayjs) {}

  static at(instant: Instant | Date): BusinessTime {
    return new BusinessTime(dayjs.utc(millisOf(instant) + BUSINESS_OFFSET_MS))
  }

  add(amount: number, unit: Unit): BusinessTime {
    return new BusinessTime(this.wall.add(amount, unit))
  }

  subtract(amount: number, unit: Unit): BusinessTime {
    return new BusinessTime(this.wall.subtract(amount, unit))
  }

  startOf(unit: CalendarUnit | 'hour' | 'minute'): BusinessTime {
    return new BusinessTime(this.wall.startOf(unit))
  }

  /** The last millisecond of the business day, month or year. */
  endOf(unit: CalendarUnit): BusinessTime {
    return new BusinessTime(this.wall.endOf(unit))
  }

  isBefore(other: BusinessTime): boolean {
    return this.valueOf() < other.valueOf()
  }

  isAfter(other: BusinessTime): boolean {
    return this.valueOf() > other.valueOf()
  }

  year(): number
  year(value: number): BusinessTime
  year(value?: number): number | BusinessTime {
    return value === undefined ? this.wall.year() : new BusinessTime(this.wall.year(value))
  }

  /** 0–11, as dayjs and `Date` count months; setting it keeps the day, clamped to the month's last. */
  month(): number
  month(value: number): BusinessTime
  month(value?: number): number | BusinessTime {
    return value === undefined ? this.wall.month() : new BusinessTime(this.wall.month(value))
  }

  /** Day of the month, 1–31. */
  date(): number
  date(value: number): BusinessTime
  date(value?: number): number | BusinessTime {
    return value === undefined ? this.wall.date() : new BusinessTime(this.wall.date(value))
  }

  /** Day of the week, 0 (Sunday) – 6. */
  day(): number {
    return this.wall.day()
  }

  hour(): number
  hour(value: number): BusinessTime
  hour(value?: number): number | BusinessTime {
    return value === undefined ? this.wall.hour() : new BusinessTime(this.wall.hour(value))
  }

  minute(): number
  minute(value: number): BusinessTime
  minute(value?: number): number | BusinessTime {
    return value === undefined ? this.wall.minute() : new BusinessTime(this.wall.minute(value))
  }

  second(value: number): BusinessTime {
    return new BusinessTime(this.wall.second(value))
  }

  millisecond(value: number): BusinessTime {
    return new BusinessTime(this.wall.millisecond(value))
  }

  daysInMonth(): number {
    return this.wall.daysInMonth()
  }

  /** Whole units from `other` to this (truncated, as dayjs's `diff`); both on the business calendar. */
  diff(other: BusinessTime, unit: Unit): number {
    return this.wall.diff(other.wall, unit)
  }

  /**
   * The business date and time in dayjs's tokens ("YYYY-MM-DD HH:mm", "M月D日"). Zone and timestamp tokens (Z, X, x)
   * would describe the shifted wall clock, not the instant, so they are refused.
   */
  format(template: string): string {
    if (/[ZXx]/.test(template.replace(/\[[^\]]*\]/g, '')))
      throw new RangeError(`no zone or timestamp tokens on the business clock: "${template}"`)
    return this.wall.format(template)
  }

  isValid(): boolean {
    return this.wall.isValid()
  }

  valueOf(): number {
    return this.wall.valueOf() - BUSINESS_OFFSET_MS
  }

  toDate(): Date {
    return new Date(this.valueOf())
  }

  toISOString(): Instant {
    return this.toDate().toISOString()
  }
}

export const businessTime = (instant: Instant | Date): BusinessTime => BusinessTime.at(instant)

export const toInstant = (d: BusinessTime | Date): Instant => d.toISOString()

/** Calendar months later in business time (31 Jan + 1 month = 28/29 Feb, as shoppers expect). */
export const addBusinessMonths = (instant: Instant, months: number): Instant => toInstant(businessTime(instant).add(months, 'month'))

/** The first instant of the business day after the one `instant` falls on. */
export const startOfNextBusinessDay = (instant: Instant): Instant => toInstant(businessTime(instant).startOf('day').add(1, 'day'))

/** "2027-11": the business-time month of an instant, as a key (to group or compare by month). */
export const businessMonth = (instant: Instant): string => businessTime(instant).format('YYYY-MM')

/** "2027-11-23": the business-time calendar date of an instant. */
export const businessDate = (instant: Instant): string => businessTime(instant).format('YYYY-MM-DD')

/**
 * The last business day an exclusive end instant still covers: a VIP "valid until 2027-11-24T00:00+08:00"
 * is shown as valid through 2027-11-23.
 */
export const lastCoveredBusinessDate = (exclusiveEnd: Instant): string =>
  businessTime(exclusiveEnd).subtract(1, 'millisecond').format('YYYY-MM-DD')

/**
 * A period that covers whole business days, made `months` longer: the months are added to its last covered date,
 * not to its exclusive end. Through 2028-02-28 (end 2028-02-29 00:00) plus 12 months is through 2029-02-28
 * (end 2029-03-01 00:00); adding to the end would clamp 2029-02-29 to the 28th and cover a day less.
 */
export const extendCoveredMonths = (exclusiveEnd: Instant, months: number): Instant =>
  toInstant(businessTime(exclusiveEnd).subtract(1, 'millisecond').add(months, 'month').startOf('day').add(1, 'day'))

export const isBefore = (a: Instant, b: Instant): boolean => Date.parse(a) < Date.parse(b)
