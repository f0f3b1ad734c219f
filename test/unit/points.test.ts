import fc from 'fast-check'
import {
  EMPTY_POINTS,
  availablePoints,
  credit,
  debitUpTo,
  expireDue,
  expiryFor,
  nextExpiring,
  pointsBreakdown,
  pointsForPurchase,
} from '../../src/domain/points'
import { DEFAULT_PROGRAM, type ProgramRules } from '../../src/domain/program'
import { at } from '../support/clock'

describe('earning rates', () => {
  it('earns 1 point per yuan as a member, 1.2 as VIP, 1.5 as gold, floored on the fen-exact product', () => {
    expect(pointsForPurchase(52_099, 'member', false, DEFAULT_PROGRAM)).toBe(520)
    expect(pointsForPurchase(10_000, 'vip', false, DEFAULT_PROGRAM)).toBe(120)
    expect(pointsForPurchase(9_999, 'vip', false, DEFAULT_PROGRAM)).toBe(119) // 119.988
    expect(pointsForPurchase(10_000, 'gold', false, DEFAULT_PROGRAM)).toBe(150)
    expect(pointsForPurchase(99, 'member', false, DEFAULT_PROGRAM)).toBe(0)
  })

  it('doubles points in the birthday month, and follows the configured bonus', () => {
    expect(pointsForPurchase(10_000, 'member', true, DEFAULT_PROGRAM)).toBe(200)
    expect(pointsForPurchase(9_999, 'vip', true, DEFAULT_PROGRAM)).toBe(239) // 239.976
    const noBonus: ProgramRules = { ...DEFAULT_PROGRAM, earning: { ...DEFAULT_PROGRAM.earning, birthdayMonthPercent: 100 } }
    expect(pointsForPurchase(10_000, 'member', true, noBonus)).toBe(100)
  })

  it('breaks a VIP birthday purchase into base, tier bonus and birthday double', () => {
    expect(pointsBreakdown(52_099, 'vip', true, DEFAULT_PROGRAM)).toEqual({ base: 520, tierBonus: 105, birthdayBonus: 625, total: 1_250 })
    expect(pointsBreakdown(52_099, 'member', false, DEFAULT_PROGRAM)).toEqual({ base: 520, tierBonus: 0, birthdayBonus: 0, total: 520 })
  })

  it('always breaks the points granted into parts that sum to them, none negative', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.constantFrom('member' as const, 'vip' as const, 'gold' as const),
        fc.boolean(),
        fc.record({
          member: fc.integer({ min: 0, max: 300 }),
          vip: fc.integer({ min: 0, max: 300 }),
          gold: fc.integer({ min: 0, max: 300 }),
        }),
        fc.integer({ min: 100, max: 300 }),
        (fen, tier, birthday, rates, percent) => {
          const program: ProgramRules = { ...DEFAULT_PROGRAM, earning: { pointsPer100YuanByTier: rates, birthdayMonthPercent: percent } }
          const parts = pointsBreakdown(fen, tier, birthday, program)
          expect(parts.base + parts.tierBonus + parts.birthdayBonus).toBe(parts.total)
          expect(parts.total).toBe(pointsForPurchase(fen, tier, birthday, program))
          expect(Math.min(parts.base, parts.tierBonus, parts.birthdayBonus)).toBeGreaterThanOrEqual(0)
        },
      ),
    )
  })

  it('never loses precision on the largest purchase', () => {
    expect(pointsForPurchase(10_000_000, 'gold', true, DEFAULT_PROGRAM)).toBe(300_000)
  })
})

describe('expiry by batch', () => {
  it('expires points at the end of the calendar year after the one they were earned in (business time)', () => {
    expect(expiryFor(at('2026-03-01T10:00:00'), DEFAULT_PROGRAM)).toBe(at('2028-01-01T00:00:00'))
    expect(expiryFor(at('2026-12-31T23:59:59'), DEFAULT_PROGRAM)).toBe(at('2028-01-01T00:00:00'))
    expect(expiryFor(at('2027-01-01T00:00:00'), DEFAULT_PROGRAM)).toBe(at('2029-01-01T00:00:00'))
  })

  it('follows the configured number of years', () => {
    const sameYear: ProgramRules = { ...DEFAULT_PROGRAM, expiry: { yearsAfterEarningYear: 0 } }
    expect(expiryFor(at('2026-03-01T10:00:00'), sameYear)).toBe(at('2027-01-01T00:00:00'))
  })

  const twoYears = credit(credit(EMPTY_POINTS, 300, at('2028-01-01T00:00:00')), 100, at('2027-01-01T00:00:00'))

  it('keeps batches oldest first with the balance as their sum', () => {
    expect(twoYears.pointBatches.map((b) => b.points)).toEqual([100, 300])
    expect(twoYears.pointsBalance).toBe(400)
    expect(twoYears.pointsNextExpiry).toBe(at('2027-01-01T00:00:00'))
    expect(credit(twoYears, 50, at('2028-01-01T00:00:00')).pointBatches).toHaveLength(2)
  })

  it('spends the oldest unexpired points first', () => {
    const { state, taken, shortfall } = debitUpTo(twoYears, 150, at('2026-06-01T00:00:00'))
    expect(taken).toEqual([
      { expiresAt: at('2027-01-01T00:00:00'), points: 100 },
      { expiresAt: at('2028-01-01T00:00:00'), points: 50 },
    ])
    expect(shortfall).toBe(0)
    expect(state.pointBatches).toEqual([{ expiresAt: at('2028-01-01T00:00:00'), points: 250 }])
    expect(state.pointsNextExpiry).toBe(at('2028-01-01T00:00:00'))
  })

  it('takes from a preferred batch first, and reports what it could not take', () => {
    const { taken, shortfall, state } = debitUpTo(twoYears, 450, at('2026-06-01T00:00:00'), at('2028-01-01T00:00:00'))
    expect(taken.map((b) => b.points)).toEqual([300, 100])
    expect(shortfall).toBe(50)
    expect(state.pointsBalance).toBe(0)
  })

  it('never spends expired points, and expires them as batches', () => {
    const after2026 = at('2027-01-01T00:00:00')
    expect(availablePoints(twoYears, after2026)).toBe(300)
    expect(nextExpiring(twoYears, after2026)).toEqual({ expiresAt: at('2028-01-01T00:00:00'), points: 300 })
    expect(debitUpTo(twoYears, 400, after2026).shortfall).toBe(100)
    const { state, expired } = expireDue(twoYears, after2026)
    expect(expired).toEqual([{ expiresAt: after2026, points: 100 }])
    expect(state.pointsBalance).toBe(300)
    expect(expireDue(state, after2026).expired).toEqual([])
  })
})

describe('changing the expiry rule', () => {
  it('applies to points earned from then on; batches already earned keep the expiry they were earned with', () => {
    const nextYear = DEFAULT_PROGRAM
    const sameYear: ProgramRules = { ...DEFAULT_PROGRAM, version: 2, expiry: { yearsAfterEarningYear: 0 } }
    const earnedBefore = credit(EMPTY_POINTS, 100, expiryFor(at('2026-03-01T10:00:00'), nextYear))
    const earnedAfter = credit(earnedBefore, 40, expiryFor(at('2026-09-01T10:00:00'), sameYear))
    expect(earnedAfter.pointBatches).toEqual([
      { expiresAt: at('2027-01-01T00:00:00'), points: 40 },
      { expiresAt: at('2028-01-01T00:00:00'), points: 100 },
    ])
    // On 1 January 2027 only the points earned under the new rule expire.
    const { state, expired } = expireDue(earnedAfter, at('2027-01-01T00:00:00'))
    expect(expired).toEqual([{ expiresAt: at('2027-01-01T00:00:00'), points: 40 }])
    expect(state.pointsBalance).toBe(100)
  })
})
