import { AppError } from '../../src/domain/errors'
import type { Member } from '../../src/domain/member'
import { DEFAULT_PROGRAM, type ProgramRules } from '../../src/domain/program'
import { recordPurchase, recordRefund, type PurchaseRecord } from '../../src/domain/purchase'
import { redeemPoints } from '../../src/domain/balance'
import { at, joinedMember, staffActor, yuan } from '../support/members'

/** A member with a purchase history, built by the real rules, plus their stored purchases. */
const withPurchases = (purchases: [string, number, string][], program: ProgramRules = DEFAULT_PROGRAM) => {
  let member: Member = joinedMember()
  const records = new Map<string, PurchaseRecord>()
  for (const [orderNo, amountFen, when] of purchases) {
    const d = recordPurchase(member, { storeId: 'SH001', orderNo, amountFen, at: at(when), actor: staffActor }, program)
    member = d.member
    records.set(orderNo, d.purchase)
  }
  return { member, records }
}

const refund = (
  state: ReturnType<typeof withPurchases>,
  orderNo: string,
  amountFen: number,
  when: string,
  requestId = `R-${orderNo}-${amountFen}-${when}`,
  program: ProgramRules = DEFAULT_PROGRAM,
) => {
  const decision = recordRefund(
    state.member,
    state.records.get(orderNo)!,
    [...state.records.values()],
    { requestId, amountFen, at: at(when), actor: staffActor },
    program,
  )
  state.member = decision.member
  state.records.set(orderNo, decision.purchase)
  return decision
}

describe('refunds', () => {
  it('takes back every point on a full refund, naming the entry it reverses', () => {
    const s = withPurchases([['A-1', yuan(300), '2026-03-01T12:00:00']])
    const d = refund(s, 'A-1', yuan(300), '2026-03-05T12:00:00', 'R1')
    expect(d.entries).toEqual([
      expect.objectContaining({ _id: 'reverse:SH001:R1', kind: 'reverse', points: -300, balanceAfter: 0, reverses: 'earn:SH001:A-1' }),
    ])
    expect(s.member).toMatchObject({ pointsBalance: 0, lifetimeSpendFen: 0, qualifyingSpendFen: 0 })
  })

  it('takes back points in proportion, exactly over several partial refunds', () => {
    const s = withPurchases([['A-1', yuan(100), '2026-03-01T12:00:00']]) // 100 points
    const taken = [yuan(33.33), yuan(33.33), yuan(33.34)].map(
      (fen, i) => -refund(s, 'A-1', fen, `2026-03-0${2 + i}T12:00:00`).entries[0].points,
    )
    expect(taken).toEqual([33, 33, 34])
    expect(s.member.pointsBalance).toBe(0)
    expect(s.records.get('A-1')).toMatchObject({ refundedFen: yuan(100), pointsReversed: 100 })
  })

  it('takes VIP away when the refund un-qualifies the purchase that granted it', () => {
    const s = withPurchases([['A-1', yuan(520), '2026-03-01T12:00:00']])
    expect(s.member.tier).toBe('vip')
    const d = refund(s, 'A-1', yuan(30), '2026-03-02T12:00:00')
    expect(s.member).toMatchObject({ tier: 'member', vipUntil: null, lifetimeSpendFen: yuan(490), qualifyingSpendFen: yuan(490) })
    expect(d.refund).toMatchObject({ tierBefore: 'vip', memberAfter: { tier: 'member' }, pointsReversed: 30 })
  })

  it('keeps VIP when other purchases still qualify, dated from the purchase that now qualifies', () => {
    const s = withPurchases([
      ['A-1', yuan(520), '2026-03-01T12:00:00'],
      ['A-2', yuan(600), '2026-04-01T12:00:00'],
    ])
    refund(s, 'A-1', yuan(520), '2026-04-02T12:00:00')
    expect(s.member).toMatchObject({ tier: 'vip', vipUntil: at('2027-04-02T00:00:00'), lifetimeSpendFen: yuan(600) })
  })

  it('keeps gold that refunds un-qualify by default, and recomputes it when the program says so', () => {
    const purchases: [string, number, string][] = [['A-1', yuan(5000), '2026-03-01T12:00:00']]
    const kept = withPurchases(purchases)
    refund(kept, 'A-1', yuan(100), '2026-03-02T12:00:00')
    expect(kept.member).toMatchObject({ tier: 'gold', lifetimeSpendFen: yuan(4900) })

    const strict: ProgramRules = { ...DEFAULT_PROGRAM, gold: { ...DEFAULT_PROGRAM.gold, keptWhenRefundsUnqualify: false } }
    const recomputed = withPurchases(purchases, strict)
    refund(recomputed, 'A-1', yuan(100), '2026-03-02T12:00:00', 'R', strict)
    expect(recomputed.member).toMatchObject({ tier: 'vip', goldSince: null })
  })

  it('takes the balance only down to zero and records the shortfall when the points were spent', () => {
    const s = withPurchases([['A-1', yuan(300), '2026-03-01T12:00:00']])
    s.member = redeemPoints(
      s.member,
      { requestKey: 'X', points: 250, reason: '兑换：杯子', at: at('2026-03-02T12:00:00'), actor: staffActor },
      DEFAULT_PROGRAM,
    ).member
    const d = refund(s, 'A-1', yuan(300), '2026-03-03T12:00:00')
    expect(d.entries[0]).toMatchObject({ points: -50, shortfall: 250, balanceAfter: 0 })
    expect(d.refund).toMatchObject({ pointsReversed: 50, shortfall: 250 })
    expect(s.member).toMatchObject({ pointsBalance: 0, pointsShortfall: 250 })
  })

  it('refuses more than is left to refund, and a second full refund', () => {
    const s = withPurchases([['A-1', yuan(100), '2026-03-01T12:00:00']])
    expect(() => refund(s, 'A-1', yuan(100.01), '2026-03-02T12:00:00')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }))
    refund(s, 'A-1', yuan(100), '2026-03-02T12:00:00')
    const again = () => refund(s, 'A-1', 1, '2026-03-03T12:00:00')
    expect(again).toThrow(AppError)
    expect(again).toThrow(expect.objectContaining({ code: 'ALREADY_REFUNDED' }))
  })
})
