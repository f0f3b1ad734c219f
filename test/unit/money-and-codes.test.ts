import fc from 'fast-check'
import { formatYuan, formatYuanExact, parseYuanToFen } from '../../src/domain/money'
import { formatMemberNo, generateMemberNo, isValidMemberNo } from '../../src/domain/memberNo'
import { buildStoreScene, parseStoreScene } from '../../src/domain/scene'
import { birthdayProblem, maskMobile } from '../../src/domain/member'

describe('money in fen', () => {
  it('formats whole yuan with thousands separators and cents only when present', () => {
    expect(formatYuan(128_000)).toBe('¥1,280')
    expect(formatYuan(52_050)).toBe('¥520.50')
    expect(formatYuan(5)).toBe('¥0.05')
    expect(formatYuanExact(52_000)).toBe('¥520.00')
    expect(formatYuan(-12_345_600)).toBe('-¥123,456')
  })

  it('parses what a shop assistant types without floating point', () => {
    expect(parseYuanToFen('520')).toBe(52_000)
    expect(parseYuanToFen(' 520.5 ')).toBe(52_050)
    expect(parseYuanToFen('¥1,280.99')).toBe(128_099)
    expect(parseYuanToFen('0.29')).toBe(29) // 0.29 * 100 is 28.999999999999996 in floats
    expect(parseYuanToFen('1.005')).toBeNull()
    expect(parseYuanToFen('-5')).toBeNull()
    expect(parseYuanToFen('abc')).toBeNull()
    expect(parseYuanToFen('')).toBeNull()
  })

  it('round-trips every fen amount through formatting and parsing', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 999_999_999 }), (fen) => parseYuanToFen(formatYuanExact(fen)) === fen))
  })
})

describe('member numbers', () => {
  const digits = (seed: number[]) => {
    let i = 0
    return () => seed[i++ % seed.length]
  }

  it('are 11 digits with a valid check digit and never start with 0', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 10, maxLength: 10 }), (seed) => {
        const no = generateMemberNo(digits(seed))
        return /^[1-9]\d{10}$/.test(no) && isValidMemberNo(no)
      }),
    )
  })

  it('catch any single mistyped digit', () => {
    const no = generateMemberNo(digits([3, 1, 4, 1, 5, 9, 2, 6, 5, 3]))
    for (let pos = 1; pos < 11; pos++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === no[pos]) continue
        const typo = no.slice(0, pos) + d + no.slice(pos + 1)
        expect(isValidMemberNo(typo)).toBe(false)
      }
    }
  })

  it('are shown in groups', () => {
    expect(formatMemberNo('12345678901')).toBe('1234 5678 901')
  })
})

describe('store QR scene', () => {
  it('round-trips store and assistant within 32 characters', () => {
    const scene = buildStoreScene({ storeId: 'SH001', assistantId: 'A07' })
    expect(scene).toBe('s=SH001&a=A07')
    expect(parseStoreScene(encodeURIComponent(scene))).toEqual({ storeId: 'SH001', assistantId: 'A07' })
    expect(parseStoreScene('s%3DSH001')).toEqual({ storeId: 'SH001', assistantId: null })
  })

  it('refuses malformed scenes', () => {
    for (const bad of ['', 'a=A07', 's=SH001&s=SH002', 's=bad id', 's=' + 'x'.repeat(40), '%E0%A4%A', 's=SH001&a=$gt']) {
      expect(parseStoreScene(bad)).toBeNull()
    }
  })

  it('refuses to build a scene WeChat would truncate', () => {
    expect(() => buildStoreScene({ storeId: 'ABCDEFGHIJKL', assistantId: 'ABCDEFGHIJKL' })).not.toThrow()
    expect(() => buildStoreScene({ storeId: 'ABCDEFGHIJKLM', assistantId: 'A' })).toThrow()
  })
})

describe('birthdays and mobiles', () => {
  const today = { year: 2026, month: 11, day: 23 }

  it('accepts month and day alone, including 29 February', () => {
    expect(birthdayProblem({ month: 2, day: 29 }, today)).toBeNull()
    expect(birthdayProblem({ month: 12, day: 31 }, today)).toBeNull()
  })

  it('refuses impossible dates and future birthdays', () => {
    expect(birthdayProblem({ month: 2, day: 30 }, today)).not.toBeNull()
    expect(birthdayProblem({ month: 4, day: 31 }, today)).not.toBeNull()
    expect(birthdayProblem({ month: 2, day: 29, year: 2023 }, today)).not.toBeNull()
    expect(birthdayProblem({ month: 2, day: 29, year: 2024 }, today)).toBeNull()
    expect(birthdayProblem({ month: 11, day: 24, year: 2026 }, today)).toBe('生日不能晚于今天')
    expect(birthdayProblem({ month: 11, day: 23, year: 2026 }, today)).toBeNull()
    expect(birthdayProblem({ month: 13, day: 1 }, today)).not.toBeNull()
  })

  it('masks the middle of a mobile number', () => {
    expect(maskMobile('13812345678')).toBe('138****5678')
  })
})
