import { DEFAULT_PROGRAM, type ProgramRules } from '../../src/domain/program'
import { INITIAL_TIER_STATE, applyPurchaseToTier, effectiveTier, tierProgress, type TierState } from '../../src/domain/tiers'
import { lastCoveredBusinessDate } from '../../src/domain/time'
import { at } from '../support/clock'

const yuan = (y: number) => Math.round(y * 100)
/** Business time (UTC+8) written as shoppers read it. */

const buy = (state: TierState, amountFen: number, when: string, program: ProgramRules = DEFAULT_PROGRAM) =>
  applyPurchaseToTier(state, amountFen, at(when), program)

const buyAll = (purchases: [number, string][], program: ProgramRules = DEFAULT_PROGRAM) =>
  purchases.reduce((state, [fen, when]) => buy(state, fen, when, program).state, INITIAL_TIER_STATE)

describe('becoming VIP', () => {
  it('stays a member after one purchase of ¥499.99', () => {
    const { state, change } = buy(INITIAL_TIER_STATE, yuan(499.99), '2026-03-10T15:00:00')
    expect(state.tier).toBe('member')
    expect(change).toBeNull()
    expect(state.qualifyingSpendFen).toBe(49_999)
  })

  it('grants VIP for 12 months on one purchase of ¥500', () => {
    const { state, change } = buy(INITIAL_TIER_STATE, yuan(500), '2026-03-10T15:00:00')
    expect(state.tier).toBe('vip')
    expect(change).toEqual({ kind: 'vip_granted', vipUntil: at('2027-03-11T00:00:00') })
    expect(lastCoveredBusinessDate(state.vipUntil!)).toBe('2027-03-10')
  })

  it('stays a member at a cumulative ¥1,799.99 made of small purchases', () => {
    const state = buyAll([
      [yuan(499.99), '2026-01-05T10:00:00'],
      [yuan(450), '2026-02-05T10:00:00'],
      [yuan(450), '2026-03-05T10:00:00'],
      [yuan(400), '2026-04-05T10:00:00'],
    ])
    expect(state.qualifyingSpendFen).toBe(179_999)
    expect(state.tier).toBe('member')
  })

  it('grants VIP when small purchases reach a cumulative ¥1,800, valid 12 months from that purchase', () => {
    const before = buyAll([
      [yuan(499.99), '2026-01-05T10:00:00'],
      [yuan(450), '2026-02-05T10:00:00'],
      [yuan(450), '2026-03-05T10:00:00'],
    ])
    const { state, change } = buy(before, yuan(400.01), '2026-04-05T10:00:00')
    expect(change?.kind).toBe('vip_granted')
    expect(lastCoveredBusinessDate(state.vipUntil!)).toBe('2027-04-05')
    expect(state.qualifyingSpendFen).toBe(0)
  })

  it('counts the business day in Shanghai: 23:30 local on 31 Dec is still that day', () => {
    const { state } = buy(INITIAL_TIER_STATE, yuan(500), '2026-12-31T23:30:00')
    expect(lastCoveredBusinessDate(state.vipUntil!)).toBe('2027-12-31')
  })

  it('ends a VIP granted on 29 February on 28 February of the next year', () => {
    const { state } = buy(INITIAL_TIER_STATE, yuan(600), '2028-02-29T12:00:00')
    expect(lastCoveredBusinessDate(state.vipUntil!)).toBe('2029-02-28')
  })
})

describe('renewing VIP', () => {
  const vip = buy(INITIAL_TIER_STATE, yuan(500), '2026-03-10T15:00:00').state

  it('does not count the qualifying purchase toward renewal', () => {
    expect(vip.vipYearSpendFen).toBe(0)
  })

  it('extends VIP a year when ¥500 is spent within the VIP year', () => {
    const afterSmall = buy(vip, yuan(300), '2026-06-01T10:00:00')
    expect(afterSmall.change).toBeNull()
    const { state, change } = buy(afterSmall.state, yuan(200), '2026-09-01T10:00:00')
    expect(change).toEqual({ kind: 'vip_renewed', vipUntil: at('2028-03-11T00:00:00') })
    expect(lastCoveredBusinessDate(state.vipUntil!)).toBe('2028-03-10')
  })

  it('does not extend at ¥499.99 within the VIP year', () => {
    const { state, change } = buy(vip, yuan(499.99), '2026-06-01T10:00:00')
    expect(change).toBeNull()
    expect(state.vipUntil).toBe(vip.vipUntil)
  })

  it('renews at most once per VIP year, then counts the next year from its start', () => {
    const renewed = buy(vip, yuan(800), '2026-06-01T10:00:00').state
    const again = buy(renewed, yuan(800), '2026-07-01T10:00:00')
    expect(again.change).toBeNull()
    expect(again.state.vipUntil).toBe(renewed.vipUntil)
    // In the second VIP year (from 2027-03-11), ¥500 extends it once more.
    const nextYear = buy(again.state, yuan(500), '2027-04-01T10:00:00')
    expect(nextYear.change).toEqual({ kind: 'vip_renewed', vipUntil: at('2029-03-11T00:00:00') })
  })

  it('treats a purchase exactly at the expiry instant as a lapsed member’s purchase', () => {
    const expiry = vip.vipUntil!
    expect(effectiveTier(vip, new Date(Date.parse(expiry) - 1).toISOString())).toBe('vip')
    expect(effectiveTier(vip, expiry)).toBe('member')
    const { state, change } = applyPurchaseToTier(vip, yuan(499), expiry, DEFAULT_PROGRAM)
    expect(state.tier).toBe('member')
    expect(change).toBeNull()
    expect(state.qualifyingSpendFen).toBe(49_900)
  })

  it('regains VIP after lapsing with a new ¥500 purchase, valid 12 months from it', () => {
    const { state, change } = buy(vip, yuan(500), '2027-05-01T10:00:00')
    expect(change?.kind).toBe('vip_granted')
    expect(lastCoveredBusinessDate(state.vipUntil!)).toBe('2028-05-01')
  })

  it('renews with a purchase one millisecond before expiry', () => {
    const lastMoment = new Date(Date.parse(vip.vipUntil!) - 1).toISOString()
    const { change } = applyPurchaseToTier(vip, yuan(500), lastMoment, DEFAULT_PROGRAM)
    expect(change?.kind).toBe('vip_renewed')
  })
})

describe('permanent gold', () => {
  it('stays VIP at a lifetime ¥4,999.99', () => {
    const state = buyAll([
      [yuan(2000), '2026-01-05T10:00:00'],
      [yuan(2999.99), '2026-02-05T10:00:00'],
    ])
    expect(state.tier).toBe('vip')
    expect(state.lifetimeSpendFen).toBe(499_999)
  })

  it('grants permanent gold at a lifetime ¥5,000, which never lapses', () => {
    const state = buyAll([
      [yuan(2000), '2026-01-05T10:00:00'],
      [yuan(3000), '2026-02-05T10:00:00'],
    ])
    expect(state.tier).toBe('gold')
    expect(state.vipUntil).toBeNull()
    expect(effectiveTier(state, at('2040-01-01T00:00:00'))).toBe('gold')
  })

  it('goes straight from member to gold on one ¥5,000 purchase', () => {
    const { state, change } = buy(INITIAL_TIER_STATE, yuan(5000), '2026-01-05T10:00:00')
    expect(change).toEqual({ kind: 'gold_granted' })
    expect(state.goldSince).toBe(at('2026-01-05T10:00:00'))
  })
})

describe('rules are data', () => {
  it('follows a store’s own thresholds (VIP at ¥3,000 cumulative or ¥1,000 single)', () => {
    const program: ProgramRules = {
      ...DEFAULT_PROGRAM,
      vip: { ...DEFAULT_PROGRAM.vip, cumulativeFen: 300_000, singlePurchaseFen: 100_000 },
    }
    expect(buy(INITIAL_TIER_STATE, yuan(999), '2026-01-05T10:00:00', program).state.tier).toBe('member')
    expect(buy(INITIAL_TIER_STATE, yuan(1000), '2026-01-05T10:00:00', program).state.tier).toBe('vip')
    expect(buy(INITIAL_TIER_STATE, yuan(1800), '2026-01-05T10:00:00', program).state.tier).toBe('vip')
    const justUnder = buyAll(
      [
        [yuan(900), '2026-01-05T10:00:00'],
        [yuan(900), '2026-01-06T10:00:00'],
      ],
      program,
    )
    expect(justUnder.tier).toBe('member')
  })
})

describe('progress to the next tier', () => {
  const now = at('2026-05-01T10:00:00')

  it('tells a member how much more to spend, or the single-purchase route', () => {
    const state = buyAll([[yuan(520), '2026-04-01T10:00:00']], {
      ...DEFAULT_PROGRAM,
      vip: { ...DEFAULT_PROGRAM.vip, singlePurchaseFen: 60_000 },
    })
    expect(tierProgress(state, DEFAULT_PROGRAM, now)).toEqual({
      tier: 'member',
      cumulativeRemainingFen: 128_000,
      cumulativeTargetFen: 180_000,
      singlePurchaseFen: 50_000,
    })
  })

  it('tells a VIP what renews the year and what makes gold', () => {
    const state = buyAll([
      [yuan(600), '2026-04-01T10:00:00'],
      [yuan(100), '2026-04-15T10:00:00'],
    ])
    expect(tierProgress(state, DEFAULT_PROGRAM, now)).toEqual({
      tier: 'vip',
      vipUntil: at('2027-04-02T00:00:00'),
      renewal: { remainingFen: 40_000, targetFen: 50_000, extendsTo: at('2028-04-02T00:00:00') },
      goldRemainingFen: 430_000,
    })
  })

  it('shows no renewal target once the year is renewed', () => {
    const state = buyAll([
      [yuan(600), '2026-04-01T10:00:00'],
      [yuan(500), '2026-04-15T10:00:00'],
    ])
    const progress = tierProgress(state, DEFAULT_PROGRAM, now)
    expect(progress.tier === 'vip' && progress.renewal).toBeNull()
  })

  it('shows a lapsed VIP the road back from zero', () => {
    const state = buyAll([[yuan(600), '2025-01-01T10:00:00']])
    const progress = tierProgress(state, DEFAULT_PROGRAM, now)
    expect(progress).toMatchObject({ tier: 'member', cumulativeRemainingFen: 180_000 })
  })

  it('has nothing further for gold', () => {
    const state = buyAll([[yuan(5000), '2026-01-01T10:00:00']])
    expect(tierProgress(state, DEFAULT_PROGRAM, now)).toEqual({ tier: 'gold' })
  })
})

describe('a VIP year ending on 28 February before a leap year', () => {
  // VIP through 2028-02-28: its exclusive end is 2028-02-29 00:00, a date the next year does not have.
  const vip = buy(INITIAL_TIER_STATE, yuan(500), '2027-02-28T12:00:00').state

  it('is VIP through 2028-02-28 after ¥500 on 2027-02-28', () => {
    expect(lastCoveredBusinessDate(vip.vipUntil!)).toBe('2028-02-28')
  })

  it('promises and renews through 2029-02-28, a full year, and is VIP all that day', () => {
    const promised = tierProgress(vip, DEFAULT_PROGRAM, at('2027-06-01T09:00:00'))
    expect(promised.tier === 'vip' && promised.renewal && lastCoveredBusinessDate(promised.renewal.extendsTo)).toBe('2029-02-28')
    const { state, change } = buy(vip, yuan(500), '2027-06-01T10:00:00')
    expect(change).toEqual({ kind: 'vip_renewed', vipUntil: at('2029-03-01T00:00:00') })
    expect(lastCoveredBusinessDate(state.vipUntil!)).toBe('2029-02-28')
    expect(effectiveTier(state, at('2029-02-28T23:59:59'))).toBe('vip')
    expect(effectiveTier(state, at('2029-03-01T00:00:00'))).toBe('member')
  })

  it('starts the renewed VIP year on 2028-02-29 and lets it renew once more, through 2030-02-28', () => {
    const renewed = buy(vip, yuan(500), '2027-06-01T10:00:00').state
    const nextYear = tierProgress(renewed, DEFAULT_PROGRAM, at('2028-02-29T10:00:00'))
    expect(nextYear.tier === 'vip' && nextYear.renewal && lastCoveredBusinessDate(nextYear.renewal.extendsTo)).toBe('2030-02-28')
    const { change } = buy(renewed, yuan(500), '2029-02-28T20:00:00')
    expect(change).toEqual({ kind: 'vip_renewed', vipUntil: at('2030-03-01T00:00:00') })
  })
})

describe('renewal is the same calendar date a year later, for VIP ending on every day of 2024–2032', () => {
  /** Business dates "YYYY-MM-DD" from `first` through `last`, counted on UTC calendar days (no host zone). */
  const datesFrom = (first: string, last: string): string[] => {
    const out: string[] = []
    for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += 86_400_000) {
      out.push(new Date(t).toISOString().slice(0, 10))
    }
    return out
  }
  const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
  /** The same month and day `years` later; 29 February becomes 28 February when the year has none. */
  const sameDateLater = (date: string, years: number): string => {
    const [y, m, d] = date.split('-').map(Number)
    const year = y + years
    const day = m === 2 && d === 29 && !isLeap(year) ? 28 : d
    return `${year}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`
  }
  /** A VIP whose year (not yet renewed) covers `lastDay` as its last business day. */
  const vipThrough = (lastDay: string): TierState => {
    const end = at(`${sameDateLater(lastDay, 0)}T00:00:00`)
    const exclusiveEnd = new Date(Date.parse(end) + 86_400_000).toISOString()
    return { ...INITIAL_TIER_STATE, tier: 'vip', vipUntil: exclusiveEnd, vipYearEnd: exclusiveEnd, lifetimeSpendFen: 50_000 }
  }
  const days = datesFrom('2024-01-01', '2032-12-31')

  it('covers all 3,288 days', () => {
    expect(days).toHaveLength(3288)
    expect(days.filter((d) => d.endsWith('-02-29'))).toEqual(['2024-02-29', '2028-02-29', '2032-02-29'])
  })

  it('renews to the same date a year later, as the card promised, and the next VIP year renews a year after that', () => {
    const wrong: string[] = []
    for (const lastDay of days) {
      const vip = vipThrough(lastDay)
      expect(lastCoveredBusinessDate(vip.vipUntil!)).toBe(lastDay)
      // On the last covered day itself, late in the evening.
      const when = at(`${lastDay}T22:00:00`)
      const progress = tierProgress(vip, DEFAULT_PROGRAM, when)
      const promised = progress.tier === 'vip' && progress.renewal ? progress.renewal.extendsTo : null
      const { state, change } = applyPurchaseToTier(vip, 50_000, when, DEFAULT_PROGRAM)
      const renewedThrough = change?.kind === 'vip_renewed' ? lastCoveredBusinessDate(change.vipUntil) : null
      // The next VIP year starts the day after `lastDay` and renews once more from the renewed end.
      const nextYearAt = new Date(Date.parse(vip.vipUntil!) + 60_000).toISOString()
      const again = applyPurchaseToTier(state, 50_000, nextYearAt, DEFAULT_PROGRAM).change
      const againThrough = again?.kind === 'vip_renewed' ? lastCoveredBusinessDate(again.vipUntil) : null
      if (
        renewedThrough !== sameDateLater(lastDay, 1) ||
        promised !== state.vipUntil ||
        againThrough !== sameDateLater(sameDateLater(lastDay, 1), 1)
      ) {
        wrong.push(`${lastDay}: promised ${promised && lastCoveredBusinessDate(promised)}, renewed ${renewedThrough}, then ${againThrough}`)
      }
    }
    expect(wrong).toEqual([])
  })
})
