import { adjustPoints, redeemPoints, settleExpiry } from '../../src/domain/balance'
import { DEFAULT_PROGRAM } from '../../src/domain/program'
import { credit } from '../../src/domain/points'
import { at, joinedMember, staffActor } from '../support/members'

const operator = { type: 'operator' as const, id: 'OP01' }
const job = { type: 'job' as const, id: 'points-expiry' }
/** 100 points expiring at the end of 2026, 300 at the end of 2027. */
const member = credit(credit(joinedMember(), 100, at('2027-01-01T00:00:00')), 300, at('2028-01-01T00:00:00'))

describe('redeeming points', () => {
  it('spends the oldest batch first and records which batches paid', () => {
    const { member: after, entries } = redeemPoints(
      member,
      { requestKey: 'A01:r1', points: 150, reason: '兑换：保温杯', at: at('2026-06-01T12:00:00'), actor: staffActor },
      DEFAULT_PROGRAM,
    )
    expect(entries).toEqual([
      expect.objectContaining({
        _id: 'redeem:A01:r1',
        kind: 'redeem',
        points: -150,
        balanceAfter: 250,
        batches: [
          { expiresAt: at('2027-01-01T00:00:00'), points: 100 },
          { expiresAt: at('2028-01-01T00:00:00'), points: 50 },
        ],
      }),
    ])
    expect(after.pointBatches).toEqual([{ expiresAt: at('2028-01-01T00:00:00'), points: 250 }])
  })

  it('refuses the whole redemption when the usable balance is short, counting expired points as gone', () => {
    const redeem = (points: number, when: string) => () =>
      redeemPoints(member, { requestKey: 'k', points, reason: '兑换', at: at(when), actor: staffActor }, DEFAULT_PROGRAM)
    expect(redeem(401, '2026-06-01T12:00:00')).toThrow(expect.objectContaining({ code: 'INSUFFICIENT_POINTS' }))
    expect(redeem(301, '2027-01-01T00:00:00')).toThrow(expect.objectContaining({ code: 'INSUFFICIENT_POINTS' }))
    const { entries } = redeem(300, '2027-01-01T00:00:00')()
    expect(entries.map((e) => [e.kind, e.points, e.balanceAfter])).toEqual([
      ['expire', -100, 300],
      ['redeem', -300, 0],
    ])
  })
})

describe('manual adjustments', () => {
  it('adds points into the batch of points earned today', () => {
    const { member: after, entries } = adjustPoints(
      member,
      { requestKey: 'OP01:a1', points: 50, reason: '补录漏积分', at: at('2027-03-01T12:00:00'), actor: operator },
      DEFAULT_PROGRAM,
    )
    expect(entries.map((e) => e.kind)).toEqual(['expire', 'adjust'])
    expect(entries[1]).toMatchObject({ points: 50, balanceAfter: 350, expiresAt: at('2029-01-01T00:00:00'), actor: operator })
    expect(after.pointBatches).toHaveLength(2)
  })

  it('takes points but never below zero', () => {
    const take = (points: number) => () =>
      adjustPoints(
        member,
        { requestKey: 'k', points, reason: '更正重复录入', at: at('2026-06-01T12:00:00'), actor: operator },
        DEFAULT_PROGRAM,
      )
    expect(take(-401)).toThrow(expect.objectContaining({ code: 'INSUFFICIENT_POINTS' }))
    expect(take(-400)().member.pointsBalance).toBe(0)
  })
})

describe('expiry', () => {
  it('writes one entry per expired batch, with ids that make a second run a no-op', () => {
    const first = settleExpiry(member, at('2028-01-01T00:00:00'), job, 1)
    expect(first.entries.map((e) => [e._id, e.points, e.balanceAfter])).toEqual([
      [`expire:o-1:${at('2027-01-01T00:00:00')}`, -100, 300],
      [`expire:o-1:${at('2028-01-01T00:00:00')}`, -300, 0],
    ])
    expect(settleExpiry(first.member, at('2028-01-01T00:00:00'), job, 1).entries).toEqual([])
    expect(settleExpiry(member, at('2026-12-31T23:59:59'), job, 1).entries).toEqual([])
  })
})
