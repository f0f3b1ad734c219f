/** Once-only grants across a deleted membership: what a coupon's issuing key stands for once the member is gone. */
import { couponGrant, hadGrant, invitedByGrant, unionGrants } from '../../src/domain/onceGrants'

describe('the grant a coupon stands for', () => {
  it('is its issuing key without the member, for welcome, birthday, campaign and referral coupons', () => {
    expect(couponGrant('welcome:oA1', 'oA1', 'welcome')).toBe('welcome')
    expect(couponGrant('bday:oA1:2026', 'oA1', 'birthday')).toBe('bday:2026')
    expect(couponGrant('campaign:winter-7:oA1', 'oA1', 'campaign')).toBe('campaign:winter-7')
    expect(couponGrant('referral:oA1', 'oA1', 'referral')).toBe('referral')
    // The same grant whether the coupon is still the member's or already moved under the pseudonym.
    expect(couponGrant('bday:anon-9f:2026', 'anon-9f', 'birthday')).toBe('bday:2026')
  })

  it('is none for a points exchange, which may be made again', () => {
    expect(couponGrant('exchange:oA1:req-1', 'oA1', 'exchange')).toBeNull()
  })
})

describe('a rejoiner', () => {
  it('had what their earlier memberships had, each once', () => {
    const member = { priorGrants: unionGrants(['welcome', 'bday:2026'], ['welcome', invitedByGrant('ab12')]) }
    expect(member.priorGrants).toEqual(['bday:2026', 'invitedBy:ab12', 'welcome'])
    expect(hadGrant(member, 'welcome')).toBe(true)
    expect(hadGrant(member, 'bday:2027')).toBe(false)
    expect(hadGrant(member, null)).toBe(false)
    expect(hadGrant({}, 'welcome')).toBe(false)
  })
})
