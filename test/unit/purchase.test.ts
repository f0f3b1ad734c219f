import fc from 'fast-check'
import { DEFAULT_PROGRAM } from '../../src/domain/program'
import { issueCoupon } from '../../src/domain/coupons'
import { DEFAULT_COUPON_TEMPLATES } from '../../src/domain/defaultOffers'
import { isSamePurchase, purchaseId, recordPurchase } from '../../src/domain/purchase'

const birthdayTemplate = DEFAULT_COUPON_TEMPLATES.find((t) => t._id === 'birthday-30off')!
import { at, joinedMember, staffActor, yuan } from '../support/members'

const purchase = (orderNo: string, amountFen: number, when = at('2026-03-01T12:00:00')) => ({
  storeId: 'SH001',
  orderNo,
  amountFen,
  at: when,
  actor: staffActor,
})

describe('recording a purchase', () => {
  it('appends one earn entry naming the order, its batch, and the balance after it', () => {
    const { member, entries, purchase: record } = recordPurchase(joinedMember(), purchase('A-1', 52_099), DEFAULT_PROGRAM)
    expect(entries).toEqual([
      {
        _id: 'earn:SH001:A-1',
        memberId: 'o-1',
        kind: 'earn',
        points: 520,
        balanceAfter: 520,
        reason: '消费积分',
        actor: staffActor,
        source: { type: 'purchase', id: 'SH001:A-1', orderNo: 'A-1', storeId: 'SH001' },
        at: at('2026-03-01T12:00:00'),
        programVersion: 1,
        expiresAt: at('2028-01-01T00:00:00'),
      },
    ])
    expect(member.pointBatches).toEqual([{ expiresAt: at('2028-01-01T00:00:00'), points: 520 }])
    expect(member.historyRevision).toBe(1)
    expect(record).toMatchObject({
      _id: purchaseId('SH001', 'A-1'),
      pointsEarned: 520,
      refundedFen: 0,
      memberAfter: { tier: 'vip', pointsBalance: 520 },
    })
  })

  it('earns at the rate of the tier held when buying: the purchase that makes VIP earns as a member', () => {
    const first = recordPurchase(joinedMember(), purchase('A-1', yuan(500)), DEFAULT_PROGRAM)
    expect(first.purchase.pointsEarned).toBe(500)
    const second = recordPurchase(first.member, purchase('A-2', yuan(100), at('2026-03-02T12:00:00')), DEFAULT_PROGRAM)
    expect(second.purchase.pointsEarned).toBe(120)
  })

  it('doubles points in the birthday month', () => {
    const { purchase: record } = recordPurchase(joinedMember(), purchase('A-1', yuan(100), at('2026-05-31T23:00:00')), DEFAULT_PROGRAM)
    expect(record.pointsEarned).toBe(200)
  })

  it('writes no entry for a purchase worth no points, but counts its spend', () => {
    const { entries, member } = recordPurchase(joinedMember(), purchase('A-2', 99), DEFAULT_PROGRAM)
    expect(entries).toEqual([])
    expect(member.lifetimeSpendFen).toBe(99)
  })

  it('expires due points first, so the entries stay in order and the balance never counts expired points', () => {
    const earned = recordPurchase(joinedMember(), purchase('A-1', yuan(300), at('2026-03-01T12:00:00')), DEFAULT_PROGRAM).member
    const { entries, member } = recordPurchase(earned, purchase('A-2', yuan(100), at('2028-01-02T12:00:00')), DEFAULT_PROGRAM)
    expect(entries.map((e) => [e.kind, e.points, e.balanceAfter])).toEqual([
      ['expire', -300, 0],
      ['earn', 100, 100],
    ])
    expect(member.pointsBalance).toBe(100)
  })

  it('keeps the balance equal to the sum of the entries over any sequence of purchases', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 2_000_000 }), fc.integer({ min: 0, max: 90 })), { maxLength: 30 }),
        (steps) => {
          let member = joinedMember()
          let sum = 0
          let when = Date.parse(at('2026-01-02T10:00:00'))
          steps.forEach(([amountFen, days], i) => {
            when += days * 86_400_000
            const decision = recordPurchase(member, purchase(`O-${i}`, amountFen, new Date(when).toISOString()), DEFAULT_PROGRAM)
            member = decision.member
            for (const entry of decision.entries) {
              sum += entry.points
              expect(entry.balanceAfter).toBe(sum)
            }
          })
          return member.pointsBalance === sum && member.pointBatches.reduce((s, b) => s + b.points, 0) === sum
        },
      ),
    )
  })

  it('treats a retry as the same purchase only with the same member, amount and coupon', () => {
    const { purchase: record } = recordPurchase(joinedMember(), purchase('A-3', 10_000), DEFAULT_PROGRAM)
    expect(isSamePurchase(record, 'o-1', 10_000, null)).toBe(true)
    expect(isSamePurchase(record, 'o-1', 10_001, null)).toBe(false)
    expect(isSamePurchase(record, 'o-2', 10_000, null)).toBe(false)
    expect(isSamePurchase(record, 'o-1', 10_000, 'bday:o-1:2026')).toBe(false)
  })

  it('uses a coupon in the same decision: points and spend count what was paid', () => {
    const member = joinedMember({ birthday: { month: 3, day: 8 } })
    const coupon = issueCoupon(birthdayTemplate, member, {
      key: 'bday:o-1:2026',
      code: '123456789012',
      channel: 'birthday',
      at: at('2026-03-01T00:05:00'),
    }).coupon
    const d = recordPurchase(member, { ...purchase('A-4', 52_000), coupon }, DEFAULT_PROGRAM)
    expect(d.purchase).toMatchObject({ amountFen: 36_400, listAmountFen: 52_000, coupon: { id: 'bday:o-1:2026', discountFen: 15_600 } })
    expect(d.member.lifetimeSpendFen).toBe(36_400)
    expect(d.purchase.pointsEarned).toBe(728) // birthday month: ¥364 × 2
    expect(d.coupon).toMatchObject({ state: 'used', use: { by: 'A01', orderId: 'SH001:A-4', discountFen: 15_600 } })
    expect(() => recordPurchase(d.member, { ...purchase('A-5', 52_000), coupon: d.coupon! }, DEFAULT_PROGRAM)).toThrow(
      expect.objectContaining({ code: 'COUPON_ALREADY_USED' }),
    )
    expect(() => recordPurchase(joinedMember({ _id: 'o-2' }), { ...purchase('A-6', 52_000), coupon }, DEFAULT_PROGRAM)).toThrow(
      expect.objectContaining({ code: 'COUPON_NOT_APPLICABLE' }),
    )
  })
})
