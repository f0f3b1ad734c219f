import fc from 'fast-check'
import { newMember, type Member } from '../../src/domain/member'
import { DEFAULT_PROGRAM } from '../../src/domain/program'
import { isSamePurchase, purchaseId, recordPurchase } from '../../src/domain/purchase'

const joined = (): Member =>
  newMember(
    {
      openid: 'o-1',
      memberNo: '12345678903',
      name: '张三',
      mobile: '13800001111',
      birthday: { month: 5, day: 20 },
      storeId: 'SH001',
      assistantId: 'A01',
      consentVersion: 'v1',
    },
    '2026-01-01T00:00:00.000Z',
  )
const actor = { type: 'staff' as const, id: 'A01', storeId: 'SH001' }
const purchase = (orderNo: string, amountFen: number, at = '2026-03-01T04:00:00.000Z') => ({ storeId: 'SH001', orderNo, amountFen, at, actor })

describe('recording a purchase', () => {
  it('appends one earn entry naming the order, with the balance after it', () => {
    const { member, entry, purchase: record } = recordPurchase(joined(), purchase('A-1', 52_099), DEFAULT_PROGRAM)
    expect(entry).toEqual({
      _id: 'earn:SH001:A-1',
      memberId: 'o-1',
      kind: 'earn',
      points: 520,
      balanceAfter: 520,
      reason: '消费积分',
      actor,
      source: { type: 'purchase', id: 'SH001:A-1', orderNo: 'A-1', storeId: 'SH001' },
      at: '2026-03-01T04:00:00.000Z',
      programVersion: 1,
    })
    expect(member.pointsBalance).toBe(520)
    expect(record).toMatchObject({ _id: purchaseId('SH001', 'A-1'), pointsEarned: 520, memberAfter: { tier: 'vip', pointsBalance: 520 } })
  })

  it('writes no entry for a purchase worth no points', () => {
    const { entry, member } = recordPurchase(joined(), purchase('A-2', 99), DEFAULT_PROGRAM)
    expect(entry).toBeNull()
    expect(member.lifetimeSpendFen).toBe(99)
  })

  it('keeps the balance equal to the sum of the entries over any sequence of purchases', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 2_000_000 }), { maxLength: 30 }), (amounts) => {
        let member = joined()
        let sum = 0
        amounts.forEach((amountFen, i) => {
          const decision = recordPurchase(member, purchase(`O-${i}`, amountFen), DEFAULT_PROGRAM)
          member = decision.member
          sum += decision.entry?.points ?? 0
          if (decision.entry) expect(decision.entry.balanceAfter).toBe(member.pointsBalance)
        })
        return member.pointsBalance === sum && member.lifetimeSpendFen === amounts.reduce((a, b) => a + b, 0)
      }),
    )
  })

  it('treats a retry as the same purchase only with the same member and amount', () => {
    const { purchase: record } = recordPurchase(joined(), purchase('A-3', 10_000), DEFAULT_PROGRAM)
    expect(isSamePurchase(record, 'o-1', 10_000)).toBe(true)
    expect(isSamePurchase(record, 'o-1', 10_001)).toBe(false)
    expect(isSamePurchase(record, 'o-2', 10_000)).toBe(false)
  })
})
