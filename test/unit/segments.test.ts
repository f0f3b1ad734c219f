import { DEFAULT_PROGRAM } from '../../src/domain/program'
import { diffRules } from '../../src/domain/programChanges'
import { DEFAULT_SEGMENT_RULES, addToTally, classRuleWords, customerClass, emptyTally, rfm, segmentOf } from '../../src/domain/segments'

const now = '2026-11-23T04:00:00.000Z'
const daysAgo = (d: number) => new Date(Date.parse(now) - d * 86_400_000).toISOString()
const m = (lifetimeSpendFen: number, purchaseCount: number, lastPurchaseAt: string | null) => ({
  lifetimeSpendFen,
  purchaseCount,
  lastPurchaseAt,
})

describe('A/B/C/D classes', () => {
  it('needs both the spend and the visits of a class; anyone else is D', () => {
    expect(customerClass(m(1_000_000, 6, now), DEFAULT_SEGMENT_RULES)).toBe('A')
    expect(customerClass(m(1_000_000, 5, now), DEFAULT_SEGMENT_RULES)).toBe('B') // big spender, too few visits for A
    expect(customerClass(m(299_999, 10, now), DEFAULT_SEGMENT_RULES)).toBe('C')
    expect(customerClass(m(50_000, 1, now), DEFAULT_SEGMENT_RULES)).toBe('C')
    expect(customerClass(m(49_999, 3, now), DEFAULT_SEGMENT_RULES)).toBe('D')
    expect(customerClass(m(0, 0, null), DEFAULT_SEGMENT_RULES)).toBe('D')
  })
})

describe('RFM', () => {
  it('scores recency by days since the last visit, frequency by visits, monetary by spend', () => {
    expect(rfm(m(1_000_000, 8, daysAgo(30)), now, DEFAULT_SEGMENT_RULES)).toEqual({ r: 5, f: 5, m: 5 })
    expect(rfm(m(180_000, 2, daysAgo(31)), now, DEFAULT_SEGMENT_RULES)).toEqual({ r: 4, f: 3, m: 3 })
    expect(rfm(m(49_999, 1, daysAgo(365)), now, DEFAULT_SEGMENT_RULES)).toEqual({ r: 2, f: 2, m: 1 })
    expect(rfm(m(0, 0, null), now, DEFAULT_SEGMENT_RULES)).toEqual({ r: 1, f: 1, m: 1 })
  })
})

describe('the tally', () => {
  it('adds members into their class and recency × frequency cell, whatever the order', () => {
    const members = [m(1_000_000, 8, daysAgo(3)), m(60_000, 1, daysAgo(200)), m(0, 0, null), m(1_200_000, 9, daysAgo(10))]
    const tallyOf = (list: typeof members) =>
      list.reduce((t, x) => addToTally(t, segmentOf(x, now, DEFAULT_SEGMENT_RULES), x.lifetimeSpendFen), emptyTally())
    const tally = tallyOf(members)
    expect(tally.members).toBe(4)
    expect(tally.classes).toEqual({
      A: { members: 2, spendFen: 2_200_000 },
      B: { members: 0, spendFen: 0 },
      C: { members: 1, spendFen: 60_000 },
      D: { members: 1, spendFen: 0 },
    })
    expect(tally.rfm).toEqual({
      '5:5': { members: 2, spendFen: 2_200_000 },
      '2:2': { members: 1, spendFen: 60_000 },
      '1:1': { members: 1, spendFen: 0 },
    })
    expect(tallyOf([...members].reverse())).toEqual(tally)
  })

  it('says each class rule in words', () => {
    expect(classRuleWords('B', DEFAULT_SEGMENT_RULES)).toBe('累计消费≥¥3,000 且到店≥3次')
    expect(classRuleWords('D', DEFAULT_SEGMENT_RULES)).toBe('其余会员')
  })
})

describe('what a rules edit changed', () => {
  it('lists every changed leaf by its path, tuples included, and ignores the version', () => {
    const after = {
      ...DEFAULT_PROGRAM,
      version: 7,
      vip: { ...DEFAULT_PROGRAM.vip, cumulativeFen: 300_000 },
      workbench: { ...DEFAULT_PROGRAM.workbench, winBackDays: [60, 180] as [number, number] },
      coupons: { ...DEFAULT_PROGRAM.coupons, welcomeTemplateId: null },
    }
    expect(diffRules(DEFAULT_PROGRAM, after)).toEqual([
      { path: 'coupons.welcomeTemplateId', from: 'welcome-20off200', to: null },
      { path: 'vip.cumulativeFen', from: 180_000, to: 300_000 },
      { path: 'workbench.winBackDays.0', from: 90, to: 60 },
    ])
    expect(diffRules(DEFAULT_PROGRAM, { ...DEFAULT_PROGRAM, version: 2 })).toEqual([])
  })
})
