import fc from 'fast-check'
import {
  addBusinessMonths,
  businessDate,
  businessTime,
  extendCoveredMonths,
  lastCoveredBusinessDate,
  startOfNextBusinessDay,
} from '../../src/domain/time'

// The business clock must read the same on every host: this file runs in each of the unit project's zones
// (jest.config.js), and its expectations are computed here with `Date.UTC` and `getUTC…`, which no zone enters.
const HOUR = 3_600_000
const DAY = 24 * HOUR
const SHANGHAI = 8 * HOUR

/** Every hour of 2026 as an instant: every daylight-saving change of every host zone that year is among them. */
const hoursOf2026 = Array.from({ length: 365 * 24 }, (_, i) => Date.UTC(2026, 0, 1) + i * HOUR)
const iso = (ms: number) => new Date(ms).toISOString()
const pad = (n: number) => String(n).padStart(2, '0')

/** The Shanghai wall clock of an instant, as UTC fields of the instant moved 8 hours later. */
const wall = (ms: number) => {
  const d = new Date(ms + SHANGHAI)
  return {
    y: d.getUTCFullYear(),
    m: d.getUTCMonth(),
    d: d.getUTCDate(),
    h: d.getUTCHours(),
    min: d.getUTCMinutes(),
    rest: (ms + SHANGHAI) % 60_000,
  }
}
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m + 1, 0)).getUTCDate()
/** `months` calendar months later on the Shanghai calendar, the day clamped to the month's last, the time kept. */
const monthsLater = (ms: number, months: number): number => {
  const w = wall(ms)
  const y = w.y + Math.floor((w.m + months) / 12)
  const m = (((w.m + months) % 12) + 12) % 12
  return Date.UTC(y, m, Math.min(w.d, daysIn(y, m)), w.h, w.min) + w.rest - SHANGHAI
}

describe('the business clock in any host zone', () => {
  it('reads the Shanghai date and time of every hour of 2026', () => {
    const wrong = hoursOf2026.filter((ms) => {
      const w = wall(ms)
      return businessTime(iso(ms)).format('YYYY-MM-DD HH:mm') !== `${w.y}-${pad(w.m + 1)}-${pad(w.d)} ${pad(w.h)}:${pad(w.min)}`
    })
    expect(wrong.map(iso)).toEqual([])
  })

  it('starts the next business day at Shanghai midnight (16:00 UTC) for every hour of 2026', () => {
    const wrong = hoursOf2026.filter((ms) => {
      const next = Math.floor((ms + SHANGHAI) / DAY) * DAY + DAY - SHANGHAI
      return startOfNextBusinessDay(iso(ms)) !== iso(next) || businessDate(iso(next)) !== businessDate(iso(ms + DAY))
    })
    expect(wrong.map(iso)).toEqual([])
  })

  it('adds calendar months on the Shanghai calendar, keeping the time and clamping 31 Jan to 28 Feb', () => {
    const wrong: string[] = []
    for (const ms of hoursOf2026) {
      for (const months of [-1, 1, 12]) {
        if (addBusinessMonths(iso(ms), months) !== iso(monthsLater(ms, months))) wrong.push(`${iso(ms)} ${months}`)
      }
    }
    expect(wrong).toEqual([])
    expect(addBusinessMonths('2026-01-31T02:00:00.000Z', 1)).toBe('2026-02-28T02:00:00.000Z')
  })

  it('counts a business day as 24 hours and a day difference in whole Shanghai days, across any host DST change', () => {
    const wrong = hoursOf2026.filter((ms) => {
      const t = businessTime(iso(ms))
      const later = t.startOf('day').add(30, 'day')
      return later.valueOf() !== Math.floor((ms + SHANGHAI) / DAY) * DAY + 30 * DAY - SHANGHAI || later.diff(t.startOf('day'), 'day') !== 30
    })
    expect(wrong.map(iso)).toEqual([])
  })

  it('starts the business month and year at Shanghai midnight of their first day', () => {
    expect(businessTime('2026-03-31T16:30:00.000Z').startOf('month').toISOString()).toBe('2026-03-31T16:00:00.000Z')
    expect(businessTime('2026-03-08T10:00:00.000Z').startOf('year').add(1, 'year').toISOString()).toBe('2026-12-31T16:00:00.000Z')
    expect(businessTime('2026-11-01T09:00:00.000Z').month(1).startOf('month').toISOString()).toBe('2026-01-31T16:00:00.000Z')
  })

  it('extends a period of whole days by months added to its last covered date', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 40 }), fc.integer({ min: 1, max: 60 }), (dayIndex, months) => {
        // A period covering through day `dayIndex` after 2000-01-01: its exclusive end is the next Shanghai midnight.
        const lastDay = Date.UTC(2000, 0, 1) + dayIndex * DAY - SHANGHAI
        const end = iso(lastDay + DAY)
        const extended = extendCoveredMonths(end, months)
        expect(lastCoveredBusinessDate(extended)).toBe(businessDate(iso(monthsLater(lastDay, months))))
        expect(businessTime(extended).format('HH:mm:ss.SSS')).toBe('00:00:00.000')
      }),
    )
  })

  it('refuses a date-time string without a zone, which `Date` would read in the host zone', () => {
    expect(() => businessTime('2026-03-08T10:00:00')).toThrow(RangeError)
    expect(businessDate('2026-03-08T10:00:00+08:00')).toBe('2026-03-08')
  })

  it('refuses zone and timestamp tokens, which would describe the shifted clock rather than the instant', () => {
    expect(() => businessTime('2026-03-08T10:00:00Z').format('YYYY-MM-DDTHH:mm:ssZ')).toThrow(RangeError)
    expect(businessTime('2026-03-08T10:00:00Z').format('YYYY-MM-DD[Z]')).toBe('2026-03-08Z')
  })
})
