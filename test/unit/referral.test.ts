import { credit } from '../../src/domain/points'
import { DEFAULT_PROGRAM } from '../../src/domain/program'
import { isSelfReferral, joinSignals, parseReferral, referralOnPurchase, reviewReferral, type Referral } from '../../src/domain/referral'
import { at, joinedMember } from '../support/members'

const rules = DEFAULT_PROGRAM.referral
const inviter = joinedMember({ _id: 'inviter', mobile: '13800001111', unionid: 'u-1' })
const referral = (overrides: Partial<Referral> = {}): Referral => ({
  _id: 'invitee',
  inviterId: 'inviter',
  inviteeId: 'invitee',
  joinedAt: at('2026-03-01T10:00:00'),
  status: 'pending',
  flags: [],
  purchaseId: null,
  rewardedAt: null,
  review: null,
  ...overrides,
})
const when = at('2026-03-05T15:00:00')
const buy = (paidFen: number, recordedBy = 'assistant') => ({ id: 'SH001:O1', paidFen, recordedBy })

describe('binding', () => {
  it('reads the code from a poster scene or a share link, and nothing else', () => {
    expect(parseReferral('r%3DABC234')).toBe('ABC234')
    expect(parseReferral('ABC234')).toBe('ABC234')
    expect(parseReferral('s%3DSH001%26a%3DA01')).toBeNull()
    expect(parseReferral('r=abc234')).toBeNull()
    expect(parseReferral(undefined)).toBeNull()
  })

  it('refuses self-referral by openid or unionid; the inviter’s own number is held instead (typed, not proven)', () => {
    expect(isSelfReferral(inviter, { openid: 'inviter', unionid: null, mobile: '13900000000' })).toBe(true)
    expect(isSelfReferral(inviter, { openid: 'x', unionid: 'u-1', mobile: '13900000000' })).toBe(true)
    expect(isSelfReferral(inviter, { openid: 'x', unionid: null, mobile: '13800001111' })).toBe(false)
    expect(joinSignals('13800001111', '13800001111', 0, rules)).toEqual(['relatedPhone'])
    expect(isSelfReferral(inviter, { openid: 'x', unionid: 'u-2', mobile: '13900000000' })).toBe(false)
  })

  it('flags bursts of joins and numbers from the same block', () => {
    expect(joinSignals('13800001111', '13900000000', 3, rules)).toEqual([])
    expect(joinSignals('13800001111', '13900000000', 4, rules)).toEqual(['burst'])
    expect(joinSignals('13800001111', '13800001199', 0, rules)).toEqual(['relatedPhone'])
  })
})

describe('paying the inviter', () => {
  it('pays on the first purchase of at least ¥100, with an entry keyed by the invitee', () => {
    expect(referralOnPurchase(referral(), inviter, buy(9_999), when, DEFAULT_PROGRAM)).toBeNull()
    const outcome = referralOnPurchase(referral(), inviter, buy(10_000), when, DEFAULT_PROGRAM)!
    expect(outcome.referral).toMatchObject({ status: 'rewarded', purchaseId: 'SH001:O1', rewardedAt: when })
    expect(outcome.entries).toEqual([
      expect.objectContaining({ _id: 'referral:invitee', memberId: 'inviter', points: 200, source: { type: 'referral', id: 'invitee' } }),
    ])
    expect(outcome.inviter).toMatchObject({ pointsBalance: 200, referralRewards: { month: '2026-03', count: 1 } })
    expect(referralOnPurchase(outcome.referral, outcome.inviter!, buy(50_000), when, DEFAULT_PROGRAM)).toBeNull()
  })

  it('records the 11th referral of a month but does not pay it; a new month pays again', () => {
    const busy = { ...inviter, referralRewards: { month: '2026-03', count: 10 } }
    expect(referralOnPurchase(referral(), busy, buy(20_000), when, DEFAULT_PROGRAM)).toMatchObject({
      referral: { status: 'capped' },
      inviter: null,
      entries: [],
    })
    expect(referralOnPurchase(referral(), busy, buy(20_000), at('2026-04-01T00:00:00'), DEFAULT_PROGRAM)).toMatchObject({
      referral: { status: 'rewarded' },
    })
  })

  it('holds a purchase the inviter recorded themself as staff, and pays only when an operator approves', () => {
    const held = referralOnPurchase(referral(), inviter, buy(20_000, 'inviter'), when, DEFAULT_PROGRAM)!
    expect(held).toMatchObject({ referral: { status: 'held', flags: ['staffSelfRecorded'] }, entries: [] })
    expect(reviewReferral(held.referral, inviter, 'reject', 'OP01', when, DEFAULT_PROGRAM)).toMatchObject({
      referral: { status: 'rejected' },
      entries: [],
    })
    const approved = reviewReferral(held.referral, credit(inviter, 5, at('2028-01-01T00:00:00')), 'approve', 'OP01', when, DEFAULT_PROGRAM)
    expect(approved).toMatchObject({
      referral: { status: 'rewarded', review: { by: 'OP01', decision: 'approve' } },
      inviter: { pointsBalance: 205 },
    })
  })

  it('sends a referral held at join back to waiting for its purchase when approved', () => {
    expect(reviewReferral(referral({ status: 'held', flags: ['burst'] }), inviter, 'approve', 'OP01', when, DEFAULT_PROGRAM)).toMatchObject(
      {
        referral: { status: 'pending' },
        entries: [],
      },
    )
  })
})
