import fc from 'fast-check'
import { classBounds, memberSearchProblem, parseMemberSearch, withinClassBounds } from '../../src/domain/memberList'
import { generateMemberNo } from '../../src/domain/memberNo'
import { CLASS_NAMES, customerClass, DEFAULT_SEGMENT_RULES } from '../../src/domain/segments'
import type { SegmentRules } from '../../src/domain/program'

const VALID_NO = generateMemberNo(() => 7)

describe('the member table’s search box', () => {
  it('takes a whole member number, spaces allowed, as a member number only', () => {
    expect(parseMemberSearch(VALID_NO)).toEqual({ ok: true, search: { memberNo: VALID_NO } })
    expect(parseMemberSearch(`${VALID_NO.slice(0, 4)} ${VALID_NO.slice(4)}`)).toEqual({ ok: true, search: { memberNo: VALID_NO } })
  })

  it('refuses an 11-digit run whose check digit is wrong (a mistyped number, or a phone number)', () => {
    const wrong = VALID_NO.slice(0, 10) + String((Number(VALID_NO[10]) + 1) % 10)
    expect(parseMemberSearch(wrong)).toEqual({ ok: false, message: '会员号有误，请核对后重新输入' })
    // A phone number is never compared with phones: at most with member numbers, which it almost never is.
    const phone = ['13812345678', '13812345679'].find((p) => memberSearchProblem(p) !== null)!
    expect(parseMemberSearch(phone)).toEqual({ ok: false, message: '会员号有误，请核对后重新输入' })
  })

  it('reads anything else as the workbench’s search: a name’s start, the last 4 digits, or both', () => {
    expect(parseMemberSearch('钱')).toEqual({ ok: true, search: { name: '钱' } })
    expect(parseMemberSearch('5678')).toEqual({ ok: true, search: { phoneLast4: '5678' } })
    expect(parseMemberSearch('钱 5678')).toEqual({ ok: true, search: { name: '钱', phoneLast4: '5678' } })
  })

  it('refuses other digit runs, which would ask about the masked middle of a phone', () => {
    for (const text of ['45678', '钱123456', '1381234567', '138123456789']) {
      expect(memberSearchProblem(text)).toBe('请输入完整会员号（11 位）或手机后 4 位')
    }
    expect(memberSearchProblem('567')).toBe('手机尾号请输入 4 位')
    expect(memberSearchProblem('钱 5678')).toBeNull()
  })
})

describe('a customer class as bounds on spend and visits', () => {
  it('A reaches A’s thresholds; B reaches B’s and falls short of A’s; D reaches none', () => {
    expect(classBounds('A', DEFAULT_SEGMENT_RULES)).toEqual({ reaches: { spendFen: 1_000_000, visits: 6 }, fallsShortOf: [] })
    expect(classBounds('B', DEFAULT_SEGMENT_RULES)).toEqual({
      reaches: { spendFen: 300_000, visits: 3 },
      fallsShortOf: [{ spendFen: 1_000_000, visits: 6 }],
    })
    expect(classBounds('D', DEFAULT_SEGMENT_RULES).reaches).toBeNull()
    expect(classBounds('D', DEFAULT_SEGMENT_RULES).fallsShortOf).toHaveLength(3)
  })

  it('holds exactly the members customerClass puts in the class, for any rules and figures', () => {
    const rule = fc.record({ minSpendFen: fc.integer({ min: 0, max: 2_000_000 }), minVisits: fc.integer({ min: 0, max: 12 }) })
    const rules = fc.tuple(rule, rule, rule).map(([a, b, c]): SegmentRules => ({
      ...DEFAULT_SEGMENT_RULES,
      classes: [
        { name: 'A', ...a },
        { name: 'B', ...b },
        { name: 'C', ...c },
      ],
    }))
    const member = fc.record({
      lifetimeSpendFen: fc.integer({ min: 0, max: 3_000_000 }),
      purchaseCount: fc.integer({ min: 0, max: 15 }),
    })
    fc.assert(
      fc.property(rules, member, (r, m) => {
        const actual = customerClass({ ...m, lastPurchaseAt: null }, r)
        for (const name of CLASS_NAMES) expect(withinClassBounds(m, classBounds(name, r))).toBe(name === actual)
      }),
      { numRuns: 500 },
    )
  })
})
