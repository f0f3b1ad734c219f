import { inAudience, needsClass, type AudienceFacts } from '../../src/domain/audience'

const goldInSH001WithClassA: AudienceFacts = { tier: 'gold', storeId: 'SH001', memberNo: '77000000001', customerClass: 'A' }
const newcomerWithoutStore: AudienceFacts = { tier: 'member', storeId: null, memberNo: '77000000002', customerClass: null }

describe('who is in a campaign audience', () => {
  it('takes everyone for all, and the tier held now for tiers', () => {
    expect(inAudience({ kind: 'all' }, newcomerWithoutStore)).toBe(true)
    expect(inAudience({ kind: 'tiers', tiers: ['gold'] }, goldInSH001WithClassA)).toBe(true)
    expect(inAudience({ kind: 'tiers', tiers: ['vip', 'gold'] }, newcomerWithoutStore)).toBe(false)
  })

  it('takes the home store for store, and a member without one is in no store', () => {
    expect(inAudience({ kind: 'store', storeId: 'SH001' }, goldInSH001WithClassA)).toBe(true)
    expect(inAudience({ kind: 'store', storeId: 'SH002' }, goldInSH001WithClassA)).toBe(false)
    expect(inAudience({ kind: 'store', storeId: 'SH001' }, newcomerWithoutStore)).toBe(false)
  })

  it('takes the member number for a list (a fixed top list too)', () => {
    const list = { kind: 'list' as const, memberCodes: [newcomerWithoutStore.memberNo], label: '主力户前 1 名' }
    expect(inAudience(list, newcomerWithoutStore)).toBe(true)
    expect(inAudience(list, goldInSH001WithClassA)).toBe(false)
  })

  it('takes the stored class for classes, and one not yet classed is in none', () => {
    expect(needsClass({ kind: 'classes', classes: ['A'] })).toBe(true)
    expect(needsClass({ kind: 'store', storeId: 'SH001' })).toBe(false)
    expect(inAudience({ kind: 'classes', classes: ['A', 'B'] }, goldInSH001WithClassA)).toBe(true)
    expect(inAudience({ kind: 'classes', classes: ['B'] }, goldInSH001WithClassA)).toBe(false)
    expect(inAudience({ kind: 'classes', classes: ['A', 'B', 'C', 'D'] }, newcomerWithoutStore)).toBe(false)
  })
})
