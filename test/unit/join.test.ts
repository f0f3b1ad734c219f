/** Joining, decided without a database: the member, the coupons it receives, the invitation it binds. */
import { DEFAULT_COUPON_TEMPLATES } from '../../src/domain/defaultOffers'
import { decideJoin, type JoinCoupon, type JoinFacts } from '../../src/domain/join'
import { unnamedMemberName, verifiedMobileOf } from '../../src/domain/member'
import { at } from '../support/members'

const template = (id: string) => DEFAULT_COUPON_TEMPLATES.find((t) => t._id === id)!
const now = at('2026-11-20T12:00:00')
const joiner = {
  openid: 'o-new',
  memberNo: '12345678903',
  name: '李四',
  mobile: '13900002222',
  birthday: { month: 11, day: 3 },
  storeId: 'SH001',
  assistantId: 'A01',
  consentVersion: 'v1',
  referralCode: 'NEW234',
}
const welcome: JoinCoupon = { template: template('welcome-20off200'), key: 'welcome:o-new', channel: 'welcome' }
const birthday: JoinCoupon = { template: template('birthday-30off'), key: 'bday:o-new:2026', channel: 'birthday' }
const facts = (overrides: Partial<JoinFacts> = {}): JoinFacts => ({
  invitation: null,
  coupons: [welcome, birthday],
  priorGrants: [],
  mobileTaken: false,
  ...overrides,
})

describe('a join', () => {
  it('makes a new member who receives every coupon offered, bound to no one when not invited', () => {
    const d = decideJoin(joiner, facts(), now)
    expect(d.member).toMatchObject({ _id: 'o-new', memberNo: '12345678903', joinedAt: now, referredBy: null })
    expect(d.member.priorGrants).toBeUndefined()
    expect(d.member.mobileClaim).toBeUndefined()
    expect(d.coupons).toEqual([welcome, birthday])
    expect(d.referral).toBeNull()
  })

  it('binds an invitation as pending, or held for review when it raised a fraud signal', () => {
    const pending = decideJoin(joiner, facts({ invitation: { inviterId: 'o-friend', flags: [] } }), now)
    expect(pending.referral).toEqual({
      _id: 'o-new',
      inviterId: 'o-friend',
      inviteeId: 'o-new',
      joinedAt: now,
      status: 'pending',
      flags: [],
      purchaseId: null,
      rewardedAt: null,
      review: null,
    })
    expect(pending.member.referredBy).toEqual({ inviterId: 'o-friend', status: 'pending' })

    const held = decideJoin(joiner, facts({ invitation: { inviterId: 'o-friend', flags: ['burst'] } }), now)
    expect(held.referral).toMatchObject({ status: 'held', flags: ['burst'] })
    expect(held.member.referredBy).toEqual({ inviterId: 'o-friend', status: 'held' })
  })

  it('gives a rejoiner none of the once-only coupons their deleted membership had, and keeps what it had', () => {
    const d = decideJoin(joiner, facts({ priorGrants: ['welcome'] }), now)
    expect(d.member.priorGrants).toEqual(['welcome'])
    expect(d.coupons).toEqual([birthday])
  })

  it('holds a number that is another membership’s unconfirmed, under its own member number', () => {
    expect(decideJoin(joiner, facts({ mobileTaken: true }), now).member.mobileClaim).toBe('12345678903')
  })
})

describe('the joiner’s number and name', () => {
  it('keeps whether WeChat verified the number, typed when not said', () => {
    expect(decideJoin({ ...joiner, mobileVerified: true }, facts(), now).member.mobileVerified).toBe(true)
    expect(decideJoin(joiner, facts(), now).member.mobileVerified).toBe(false)
  })

  it('calls a joiner who gave no name 会员 and the member number’s last four', () => {
    expect(decideJoin({ ...joiner, name: '' }, facts(), now).member.name).toBe('会员8903')
    expect(unnamedMemberName('20261123002')).toBe('会员3002')
  })

  it('takes a verified number from WeChat’s answer only when it is a mainland mobile', () => {
    expect(verifiedMobileOf({ phoneNumber: '13800001111', purePhoneNumber: '13800001111', countryCode: '86' } as never)).toBe('13800001111')
    expect(verifiedMobileOf({ purePhoneNumber: '13800001111', countryCode: 86 })).toBe('13800001111')
    expect(verifiedMobileOf({ purePhoneNumber: '61234567', countryCode: '852' })).toBeNull()
    expect(verifiedMobileOf({ purePhoneNumber: '23800001111', countryCode: '86' })).toBeNull()
    expect(verifiedMobileOf({ countryCode: '86' })).toBeNull()
    expect(verifiedMobileOf(undefined)).toBeNull()
  })
})
