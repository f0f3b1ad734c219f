/** How tiers and points read in Chinese: the card's lines, the till's news, and the ledger's months. */
import { DEFAULT_PROGRAM } from '../../src/domain/program'
import { INITIAL_TIER_STATE, tierProgress, type TierState } from '../../src/domain/tiers'
import { groupByMonth } from '../../src/wording/ledger'
import { expiryRuleWording, expiryWording, signedPoints } from '../../src/wording/points'
import { cardValidityWording, progressWording, tierChangeWording, tierMoveWording, validityWording } from '../../src/wording/tiers'

const NOW = '2026-11-23T06:00:00.000Z' // 14:00 in Shanghai
const VIP_UNTIL = '2027-09-24T16:00:00.000Z' // covers through 2027-09-24
const state = (overrides: Partial<TierState>): TierState => ({ ...INITIAL_TIER_STATE, ...overrides })
const wordingFor = (s: TierState) => progressWording(tierProgress(s, DEFAULT_PROGRAM, NOW))

describe('progress wording', () => {
  it('tells a member the cumulative and the single-purchase way to VIP, in yuan', () => {
    expect(wordingFor(state({ qualifyingSpendFen: 52_000 }))).toEqual({
      headline: '再消费 ¥1,280 或单笔消费满 ¥500，即可成为VIP会员',
      detail: null,
      ratio: 52_000 / 180_000,
    })
  })

  it('keeps fen when the amount left is not whole yuan', () => {
    expect(wordingFor(state({ qualifyingSpendFen: 12_345 })).headline).toBe('再消费 ¥1,676.55 或单笔消费满 ¥500，即可成为VIP会员')
  })

  it('tells a VIP what renews the year and until when, and how far gold is', () => {
    const vip = state({ tier: 'vip', vipUntil: VIP_UNTIL, vipYearEnd: VIP_UNTIL, vipYearSpendFen: 25_800, lifetimeSpendFen: 125_500 })
    expect(wordingFor(vip)).toEqual({
      headline: '本年度再消费 ¥242，VIP有效期将延长至 2028-09-24',
      detail: '累计再消费 ¥3,745 成为终身金卡会员',
      ratio: 25_800 / 50_000,
    })
  })

  it('tells a VIP who already renewed this year only about gold', () => {
    const renewedUntil = '2028-09-24T16:00:00.000Z'
    const vip = state({ tier: 'vip', vipUntil: renewedUntil, vipYearEnd: VIP_UNTIL, vipYearSpendFen: 60_000, lifetimeSpendFen: 300_000 })
    expect(wordingFor(vip)).toEqual({
      headline: '本年度已续期，VIP有效期至 2028-09-24',
      detail: '累计再消费 ¥2,000 成为终身金卡会员',
      ratio: 1,
    })
  })

  it('tells gold there is nothing left to reach', () => {
    expect(wordingFor(state({ tier: 'gold', goldSince: NOW, lifetimeSpendFen: 500_000 }))).toEqual({
      headline: '您已是终身金卡会员',
      detail: null,
      ratio: 1,
    })
  })
})

describe('validity wording', () => {
  it('shows the last day a VIP is covered, gold as permanent, and nothing for a member', () => {
    expect(validityWording('vip', VIP_UNTIL)).toBe('有效期至 2027-09-24')
    expect(validityWording('gold', null)).toBe('永久有效')
    expect(validityWording('member', null)).toBeNull()
  })

  it('names the VIP year on the card face, where it sits under the points', () => {
    expect(cardValidityWording('vip', VIP_UNTIL)).toBe('VIP有效期至 2027-09-24')
    expect(cardValidityWording('gold', null)).toBe('永久有效')
    expect(cardValidityWording('member', null)).toBeNull()
  })
})

describe('tier change wording', () => {
  it('announces VIP granted or renewed with the last covered day, and gold', () => {
    expect(tierChangeWording({ kind: 'vip_granted', vipUntil: '2027-11-23T16:00:00.000Z' })).toBe('升级为VIP会员，有效期至 2027-11-23')
    expect(tierChangeWording({ kind: 'vip_renewed', vipUntil: '2028-09-24T16:00:00.000Z' })).toBe('VIP有效期延长至 2028-09-24')
    expect(tierChangeWording({ kind: 'gold_granted' })).toBe('升级为终身金卡会员')
  })
})

describe('points wording', () => {
  it('signs points in and out, grouped like money', () => {
    expect(signedPoints(1255)).toBe('+1,255')
    expect(signedPoints(-200)).toBe('-200')
    expect(signedPoints(0)).toBe('0')
  })

  it('names the last day a batch still covers', () => {
    expect(expiryWording({ expiresAt: '2027-12-31T16:00:00.000Z', points: 1200 })).toBe('1,200 积分将于 2027-12-31 过期')
  })

  it('states the expiry rule from the program setting', () => {
    expect(expiryRuleWording(DEFAULT_PROGRAM)).toBe('每年获得的积分有效期至次年年底')
    expect(expiryRuleWording({ ...DEFAULT_PROGRAM, expiry: { yearsAfterEarningYear: 2 } })).toBe('每年获得的积分有效期至 2 年后的年底')
  })

  it('states a tier a refund took away, and nothing when it stayed', () => {
    expect(tierMoveWording('gold', 'vip')).toBe('会员等级由 金卡会员 调整为 VIP会员')
    expect(tierMoveWording('vip', 'vip')).toBeNull()
  })
})

describe('ledger months', () => {
  it('puts an entry in its Shanghai month and keeps one group per month, in first-seen order', () => {
    const at = (iso: string) => ({ at: iso })
    const groups = groupByMonth([
      at('2026-11-02T00:00:00.000Z'),
      at('2026-10-31T16:00:00.000Z'),
      at('2026-10-31T15:59:59.000Z'),
      at('2026-11-01T00:00:00.000Z'),
    ])
    expect(groups.map((g) => [g.title, g.entries.length])).toEqual([
      ['2026年11月', 3],
      ['2026年10月', 1],
    ])
  })
})
