import { accessAt } from '../../src/domain/access'
import { exchange, type CatalogItem } from '../../src/domain/catalog'
import {
  benefitText,
  couponProblem,
  couponStatus,
  discountFor,
  issueCoupon,
  undoCouponUse,
  useCoupon,
  validityWindow,
} from '../../src/domain/coupons'
import { DEFAULT_CATALOG, DEFAULT_COUPON_TEMPLATES } from '../../src/domain/defaultOffers'
import { credit } from '../../src/domain/points'
import { DEFAULT_PROGRAM } from '../../src/domain/program'
import { at, joinedMember } from '../support/members'

const template = (id: string) => DEFAULT_COUPON_TEMPLATES.find((t) => t._id === id)!
const birthday = template('birthday-30off')
const welcome = template('welcome-20off200')
const member = joinedMember({ birthday: { month: 2, day: 29 } })
const vipMember = joinedMember({ tier: 'vip', vipUntil: at('2027-06-01T00:00:00'), vipYearEnd: at('2027-06-01T00:00:00') })
const issue = (t = birthday, when = at('2026-02-01T00:05:00'), holder = member) =>
  issueCoupon(t, holder, { key: 'k', code: '123456789012', channel: 'birthday', at: when }).coupon

describe('validity', () => {
  it('makes the birthday card valid for the whole birthday month in business time, 29 February included', () => {
    expect(validityWindow({ kind: 'birthdayMonth' }, at('2026-02-01T00:05:00'), 2)).toEqual({
      from: at('2026-02-01T00:00:00'),
      until: at('2026-03-01T00:00:00'),
    })
    expect(validityWindow({ kind: 'birthdayMonth' }, at('2028-02-17T10:00:00'), 2)).toEqual({
      from: at('2028-02-01T00:00:00'),
      until: at('2028-03-01T00:00:00'),
    })
  })

  it('is usable until the last second of the month in Shanghai, whatever the server’s time zone', () => {
    const coupon = issue()
    expect(couponStatus(coupon, at('2026-02-28T23:59:59'))).toBe('available')
    expect(couponStatus(coupon, '2026-02-28T15:59:59.999Z')).toBe('available')
    expect(couponStatus(coupon, '2026-02-28T16:00:00.000Z')).toBe('expired') // 1 March 00:00 in Shanghai
    expect(couponStatus(coupon, at('2026-01-31T23:59:59'))).toBe('notYetValid')
  })

  it('counts "30 days from issue" in whole business days, the day of issue being the first', () => {
    expect(validityWindow({ kind: 'daysFromIssue', days: 30 }, at('2026-03-01T23:50:00'), 1)).toEqual({
      from: at('2026-03-01T23:50:00'),
      until: at('2026-03-31T00:00:00'),
    })
  })
})

describe('benefits', () => {
  it('takes 30% off (7折), floored to the fen, and never more than a 满减 coupon gives or the amount', () => {
    expect(discountFor({ kind: 'percentOff', percentOff: 30 }, 52_000)).toBe(15_600)
    expect(discountFor({ kind: 'percentOff', percentOff: 30 }, 99)).toBe(29)
    expect(discountFor({ kind: 'amountOff', amountOffFen: 2_000, minSpendFen: 0 }, 1_500)).toBe(1_500)
    expect(discountFor({ kind: 'gift', giftName: '帆布袋' }, 10_000)).toBe(0)
  })

  it('says what a coupon gives in the words stores use', () => {
    expect(benefitText({ kind: 'percentOff', percentOff: 30 })).toBe('7折')
    expect(benefitText({ kind: 'percentOff', percentOff: 15 })).toBe('8.5折')
    expect(benefitText(welcome.benefit)).toBe('满¥200减¥20')
    expect(benefitText({ kind: 'gift', giftName: '帆布袋' })).toBe('赠品：帆布袋')
  })
})

describe('issuing', () => {
  it('copies the template onto the coupon and counts it against the stock', () => {
    const { coupon, template: after } = issueCoupon(welcome, member, {
      key: 'welcome:o-1',
      code: '123456789012',
      channel: 'welcome',
      at: at('2026-03-01T12:00:00'),
    })
    expect(coupon).toMatchObject({ _id: 'welcome:o-1', title: '新会员礼券', state: 'available', memberId: 'o-1' })
    expect(after.stock.issued).toBe(1)
  })

  it('refuses an inactive template, a tier not allowed, and an empty stock', () => {
    const input = { key: 'k', code: '123456789012', channel: 'campaign' as const, at: at('2026-03-01T12:00:00') }
    expect(() => issueCoupon({ ...welcome, active: false }, member, input)).toThrow(
      expect.objectContaining({ code: 'COUPON_NOT_AVAILABLE' }),
    )
    expect(() => issueCoupon({ ...welcome, tiers: ['vip', 'gold'] }, member, input)).toThrow(
      expect.objectContaining({ code: 'COUPON_NOT_AVAILABLE' }),
    )
    expect(issueCoupon({ ...welcome, tiers: ['vip', 'gold'] }, vipMember, input).coupon.state).toBe('available')
    expect(() => issueCoupon({ ...welcome, stock: { total: 5, issued: 5 } }, member, input)).toThrow(
      expect.objectContaining({ code: 'OUT_OF_STOCK' }),
    )
  })
})

describe('using at the till', () => {
  const now = at('2026-02-14T15:00:00')
  it('applies within validity, for a holder of an allowed tier, above the minimum spend', () => {
    expect(couponProblem(issue(), member, 10_000, now)).toBeNull()
    const w = issue(welcome, at('2026-02-10T10:00:00'))
    expect(couponProblem(w, member, 19_999, now)).toMatchObject({ code: 'COUPON_NOT_APPLICABLE', message: '未满¥200，不能使用该券' })
    expect(couponProblem(w, member, 20_000, now)).toBeNull()
    expect(couponProblem({ ...issue(), tiers: ['vip'] }, member, 10_000, now)).toMatchObject({ code: 'COUPON_NOT_APPLICABLE' })
    expect(couponProblem(issue(), member, 10_000, at('2026-03-01T00:00:00'))).toMatchObject({ message: '该券已过期' })
  })

  it('is used once; only the redeeming assistant may undo it, within ten minutes, and the undo is logged', () => {
    const used = useCoupon(issue(), { at: now, by: 'A01', storeId: 'SH001', orderId: 'SH001:O1', discountFen: 3_000 })
    expect(couponProblem(used, member, 10_000, now)).toMatchObject({ code: 'COUPON_ALREADY_USED' })
    expect(() => undoCouponUse(used, 'A02', now)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }))
    expect(() => undoCouponUse(used, 'A01', new Date(Date.parse(now) + 10 * 60_000 + 1).toISOString())).toThrow(
      expect.objectContaining({ code: 'COUPON_NOT_APPLICABLE' }),
    )
    const undone = undoCouponUse(used, 'A01', new Date(Date.parse(now) + 10 * 60_000).toISOString())
    expect(undone).toMatchObject({ state: 'available', use: null })
    expect(undone.log.map((l) => l.event)).toEqual(['used', 'undone'])
  })

  it('keeps gift coupons off purchases and purchase coupons off gift collection', () => {
    const gift = issue(template('gift-tote'), at('2026-02-10T10:00:00'))
    expect(couponProblem(gift, member, 10_000, now)).toMatchObject({ code: 'COUPON_NOT_APPLICABLE' })
    expect(couponProblem(gift, member, null, now)).toBeNull()
    expect(couponProblem(issue(), member, null, now)).toMatchObject({
      code: 'COUPON_NOT_APPLICABLE',
      reason: 'needsPurchase',
      message: '该券需随消费使用',
    })
  })

  it('names each problem by a reason a program can branch on, besides the words staff read', () => {
    const w = issue(welcome, at('2026-02-10T10:00:00'))
    const used = useCoupon(issue(), { at: now, by: 'A01', storeId: 'SH001', orderId: 'SH001:O1', discountFen: 3_000 })
    const gift = issue(template('gift-tote'), at('2026-02-10T10:00:00'))
    expect(couponProblem(used, member, 10_000, now)?.reason).toBe('used')
    expect(couponProblem(issue(), member, 10_000, at('2026-03-01T00:00:00'))?.reason).toBe('expired')
    expect(couponProblem(w, member, 10_000, at('2026-02-01T00:00:00'))?.reason).toBe('notYetValid')
    expect(couponProblem({ ...issue(), tiers: ['vip'] }, member, 10_000, now)?.reason).toBe('wrongTier')
    expect(couponProblem(gift, member, 10_000, now)?.reason).toBe('giftOnly')
    expect(couponProblem(w, member, 19_999, now)?.reason).toBe('belowMinimum')
  })
})

describe('VIP early access', () => {
  const early = { opensAt: at('2026-03-10T10:00:00'), vipDays: 3 }
  it('opens to VIP and gold three days before everyone else', () => {
    expect(accessAt(early, 'vip', at('2026-03-07T09:59:59'))).toMatchObject({ open: false, opensAt: at('2026-03-07T10:00:00') })
    expect(accessAt(early, 'vip', at('2026-03-07T10:00:00'))).toEqual({
      open: true,
      vipEarly: true,
      opensToAllAt: early.opensAt,
      vipDays: 3,
    })
    expect(accessAt(early, 'gold', at('2026-03-08T10:00:00'))).toMatchObject({ open: true, vipEarly: true })
    expect(accessAt(early, 'member', at('2026-03-10T09:59:59'))).toEqual({
      open: false,
      opensAt: early.opensAt,
      opensToAllAt: early.opensAt,
      vipDays: 3,
    })
    expect(accessAt(early, 'member', at('2026-03-10T10:00:00'))).toMatchObject({ open: true, vipEarly: false })
  })
})

describe('the points catalog', () => {
  const tote = DEFAULT_CATALOG.find((i) => i._id === 'tote-bag')!
  const rich = credit(joinedMember(), 1_000, at('2028-01-01T00:00:00'))
  const run = (item: CatalogItem, count: number | null = null, holder = rich) =>
    exchange(
      holder,
      item,
      template(item.templateId),
      count === null ? null : { _id: 'c', count },
      { requestKey: 'o-1:r1', couponCode: '123456789012', at: at('2026-03-01T12:00:00') },
      DEFAULT_PROGRAM,
    )

  it('debits the points, issues the coupon and takes stock in one decision', () => {
    const d = run(tote)
    expect(d.member.pointsBalance).toBe(700)
    expect(d.entries).toEqual([
      expect.objectContaining({ kind: 'redeem', points: -300, reason: '兑换：品牌帆布袋', actor: { type: 'member', id: 'o-1' } }),
    ])
    expect(d.coupon).toMatchObject({ _id: 'exchange:o-1:r1', channel: 'exchange', benefit: { kind: 'gift' } })
    expect(d.item.stock.exchanged).toBe(1)
    expect(d.count.count).toBe(1)
  })

  it('refuses when stock, the per-member limit, points or early access say no', () => {
    expect(() => run({ ...tote, stock: { total: 10, exchanged: 10 } })).toThrow(expect.objectContaining({ code: 'OUT_OF_STOCK' }))
    expect(() => run(tote, 2)).toThrow(expect.objectContaining({ code: 'LIMIT_REACHED' }))
    expect(() => run(tote, null, joinedMember())).toThrow(expect.objectContaining({ code: 'INSUFFICIENT_POINTS' }))
    expect(() => run({ ...tote, earlyAccess: { opensAt: at('2026-03-05T00:00:00'), vipDays: 3 } })).toThrow(
      expect.objectContaining({ code: 'COUPON_NOT_AVAILABLE' }),
    )
  })
})
