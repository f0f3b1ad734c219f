import { DEFAULT_SEGMENT_RULES, customerClass, rfm } from '../../src/domain/segments'

const now = '2026-11-23T04:00:00.000Z'
const daysAgo = (d: number) => new Date(Date.parse(now) - d * 86_400_000).toISOString()
const m = (lifetimeSpendFen: number, purchaseCount: number, lastPurchaseAt: string | null) => ({ lifetimeSpendFen, purchaseCount, lastPurchaseAt })

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
