import { parse } from 'csv-parse/sync'
import fc from 'fast-check'
import { CSV_BOM, csvCell, csvLine } from '../../src/domain/csv'
import { MAX_EXPORT_DAYS, businessDays, businessDaysIncluded, isBusinessDate, monthSoFar, yuanCell } from '../../src/domain/exports'

describe('CSV cells', () => {
  it('quotes fields holding a comma, a quote or a line break, doubling the quotes (RFC 4180)', () => {
    expect(csvCell('王丽')).toBe('王丽')
    expect(csvCell('王,丽')).toBe('"王,丽"')
    expect(csvCell('李"小"娜')).toBe('"李""小""娜"')
    expect(csvCell('赵\r\n敏')).toBe('"赵\r\n敏"')
    expect(csvCell(null)).toBe('')
  })

  it.each(['=1+1', '+86 138', '-2', '@SUM(A1)', '\t=1', '\r=1'])(
    'defends %j against formula injection with a leading apostrophe',
    (text) => {
      expect(csvCell(text).replace(/^"/, '')).toMatch(/^'/)
    },
  )

  it('leaves numbers alone, negative ones too, and writes decimals with their own digits', () => {
    expect(csvCell(-120)).toBe('-120')
    expect(csvCell({ decimal: '520.50' })).toBe('520.50')
    expect(() => csvCell({ decimal: '=1' })).toThrow()
    expect(() => csvCell(Number.NaN)).toThrow()
  })

  it('reads back as written with any text, apart from the apostrophe on formula-like cells', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 5 }),
        (rows) => {
          const width = rows[0].length
          const table = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''))
          const text = CSV_BOM + table.map((r) => csvLine(r)).join('')
          const back: string[][] = parse(text, { bom: true, relax_quotes: false })
          const expected = table.map((r) => r.map((cell) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell)))
          expect(back).toEqual(expected)
        },
      ),
    )
  })
})

describe('export values', () => {
  it('writes yuan with exactly two decimals', () => {
    expect(yuanCell(52050)).toEqual({ decimal: '520.50' })
    expect(yuanCell(5)).toEqual({ decimal: '0.05' })
    expect(yuanCell(128_000_00)).toEqual({ decimal: '128000.00' })
    expect(yuanCell(-1999)).toEqual({ decimal: '-19.99' })
  })

  it('knows business dates that exist', () => {
    expect(isBusinessDate('2028-02-29')).toBe(true)
    expect(isBusinessDate('2026-02-29')).toBe(false)
    expect(isBusinessDate('2026-13-01')).toBe(false)
    expect(isBusinessDate('2026/11/01')).toBe(false)
  })

  it('splits a range into business days in Shanghai time, both ends included', () => {
    const days = businessDays('2026-10-31', '2026-11-02')
    expect(days).toEqual([
      { date: '2026-10-31', start: '2026-10-30T16:00:00.000Z', end: '2026-10-31T16:00:00.000Z' },
      { date: '2026-11-01', start: '2026-10-31T16:00:00.000Z', end: '2026-11-01T16:00:00.000Z' },
      { date: '2026-11-02', start: '2026-11-01T16:00:00.000Z', end: '2026-11-02T16:00:00.000Z' },
    ])
    expect(businessDaysIncluded('2026-11-01', '2026-11-01')).toBe(1)
    expect(businessDaysIncluded('2027-03-01', '2028-02-29')).toBe(MAX_EXPORT_DAYS)
    expect(businessDays('2027-03-01', '2028-02-29')).toHaveLength(MAX_EXPORT_DAYS)
  })
})

describe('monthSoFar', () => {
  it('runs from the first of the business month to today, in Shanghai whatever the UTC date', () => {
    expect(monthSoFar('2026-11-30T17:30:00.000Z')).toEqual({ from: '2026-12-01', to: '2026-12-01' })
    expect(monthSoFar('2026-12-07T12:00:00.000Z')).toEqual({ from: '2026-12-01', to: '2026-12-07' })
  })
})
