/**
 * The shopper's coupons on Taro's H5 runtime: the birthday card highlighted on the card (still one call),
 * the wallet's tabs by the server's status, and a coupon's detail with its QR and rules.
 */
import { fireEvent, screen, waitFor } from '@testing-library/dom'
import type { CardView, CouponView } from '../../src/api/contract'
import { DEFAULT_PROGRAM } from '../../src/domain/program'
import { installFakeCloud, ok } from './support/fakeCloud'
import { BIRTHDAY_COUPON, couponView, memberView, SERVER_TIME } from './support/fixtures'
import { currentRoute, openPage, textOf, visiblePage } from './support/harness'
import { tap } from './support/interact'
import { keepSecret } from '../../src/services/memberCodeStore'

const card = (birthdayCoupon: CouponView | null): CardView => ({
  member: memberView({ birthday: { month: 11, day: 18 } }),
  program: DEFAULT_PROGRAM,
  serverTime: SERVER_TIME,
  birthdayCoupon,
  subscribeTemplates: { birthdayCoupon: 'tmpl-birthday', eventReminder: 'tmpl-event', waitlistPromoted: 'tmpl-waitlist' },
})

const USED = couponView({ id: 'used-1', title: '春季礼券', status: 'used', usedAt: '2026-11-20T07:05:00.000Z' })
const EXPIRED = couponView({ id: 'expired-1', title: '国庆礼券', status: 'expired', validUntil: '2026-10-07T16:00:00.000Z' })
const WELCOME = couponView()
const WALLET = [WELCOME, USED, EXPIRED, BIRTHDAY_COUPON]

const titles = () => Array.from(visiblePage().querySelectorAll('.coupon-ticket__title'), (t) => t.textContent)

describe('the birthday card on the member card', () => {
  it('is highlighted with its last day this month, and opens its detail; the card stays one call', async () => {
    const { calls } = installFakeCloud({
      'member.getCard': () => ok(card(BIRTHDAY_COUPON)),
      'member.coupons': () => ok({ coupons: WALLET }),
    })
    // A phone that has its member code secret already (it is asked for once per install).
    keepSecret({ memberNo: '20261123002', secret: 'ab'.repeat(32), version: 1, serverTime: SERVER_TIME })
    await openPage('/pages/card/index')
    await screen.findByText('生日月7折卡 · 本月有效至 11月30日')
    expect(calls.map((c) => c.action)).toEqual(['getCard'])

    tap('生日月7折卡 · 本月有效至 11月30日')
    await waitFor(() => expect(currentRoute()).toBe('/pages/coupon/index'))
    await waitFor(() => expect(textOf('.coupon-code__digits')).toBe('1000 0000 0008'))
  })

  it('is not shown once used, nor when there is none', async () => {
    installFakeCloud({ 'member.getCard': () => ok(card({ ...BIRTHDAY_COUPON, status: 'used', usedAt: SERVER_TIME })) })
    // The card this phone kept from the test before still has the coupon: the server's answer takes it away.
    await openPage('/pages/card/index')
    await screen.findByText('我的优惠券')
    await waitFor(() => expect(visiblePage().querySelector('.card-page__birthday')).toBeNull(), { timeout: 5_000 })

    installFakeCloud({ 'member.getCard': () => ok(card(null)) })
    await openPage('/pages/card/index')
    await screen.findByText('我的优惠券')
    await waitFor(() => expect(visiblePage().querySelector('.card-page__birthday')).toBeNull(), { timeout: 5_000 })
  })

  it('leads to the wallet, the catalog, the campaigns and the events', async () => {
    installFakeCloud({
      'member.getCard': () => ok(card(null)),
      'member.coupons': () => ok({ coupons: WALLET }),
      'member.catalog': () => ok({ items: [], pointsAvailable: 0 }),
      'member.campaigns': () => ok({ campaigns: [] }),
      'event.list': () => ok({ events: [] }),
    })
    await openPage('/pages/card/index')
    fireEvent.click(await screen.findByText('我的优惠券'))
    await waitFor(() => expect(currentRoute()).toBe('/pages/coupons/index'))
    await screen.findByText('可用 2')
    await openPage('/pages/card/index')
    fireEvent.click(await screen.findByText('积分兑换'))
    await screen.findByText('暂无可兑换的礼品')
    expect(currentRoute()).toBe('/pages/catalog/index')
    await openPage('/pages/card/index')
    fireEvent.click(await screen.findByText('领券中心'))
    await screen.findByText('暂无可领取的券，敬请期待')
    expect(currentRoute()).toBe('/pages/campaigns/index')
    await openPage('/pages/card/index')
    fireEvent.click(await screen.findByText('会员活动'))
    await screen.findByText('暂无即将举办的活动，敬请期待')
    expect(currentRoute()).toBe('/pages/events/index')
  })
})

describe('the wallet', () => {
  it('sorts coupons into 可用 / 已使用 / 已过期 by the server’s status, the birthday card first and highlighted', async () => {
    installFakeCloud({ 'member.coupons': () => ok({ coupons: WALLET }) })
    await openPage('/pages/coupons/index')
    await screen.findByText('可用 2')
    expect(Array.from(visiblePage().querySelectorAll('.wallet-tabs__tab'), (t) => t.textContent)).toEqual([
      '可用 2',
      '已使用 1',
      '已过期 1',
    ])
    expect(titles()).toEqual(['生日月7折卡', '新会员礼券'])
    const first = visiblePage().querySelector('.coupon-ticket')!
    expect(first.classList.contains('coupon-ticket--birthday')).toBe(true)
    expect(first.textContent).toContain('生日礼遇')
    expect(first.querySelector('.coupon-ticket__big')!.textContent).toBe('7折')
    expect(first.querySelector('.coupon-ticket__line')!.textContent).toBe('有效期至 2026-11-30')
    expect(visiblePage().querySelectorAll('.coupon-ticket')[1].querySelector('.coupon-ticket__big')!.textContent).toBe('¥20')

    tap('已使用 1')
    await waitFor(() => expect(titles()).toEqual(['春季礼券']))
    expect(textOf('.coupon-ticket__stamp')).toBe('已使用')
    expect(textOf('.coupon-ticket__line')).toBe('2026-11-20 15:05 已使用')

    tap('已过期 1')
    await waitFor(() => expect(titles()).toEqual(['国庆礼券']))
    expect(textOf('.coupon-ticket__stamp')).toBe('已过期')
  })

  it('says so when a tab is empty and points to the catalog', async () => {
    installFakeCloud({ 'member.coupons': () => ok({ coupons: [USED] }) })
    await openPage('/pages/coupons/index')
    await screen.findByText('暂无可用优惠券')
    expect(screen.getByText('用积分兑换优惠券 ›')).toBeTruthy()
  })
})

describe("a coupon's detail", () => {
  it('shows the QR of the 12-digit code, the digits grouped, and the rules in plain words', async () => {
    installFakeCloud({ 'member.coupons': () => ok({ coupons: WALLET }) })
    await openPage(`/pages/coupon/index?id=${encodeURIComponent(WELCOME.id)}`)
    await screen.findByText('使用规则')
    expect(visiblePage().querySelector('.coupon-code__qr')?.getAttribute('src')).toMatch(/^data:image\/gif;base64,/)
    expect(textOf('.coupon-code__digits')).toBe('2000 0000 0006')
    expect(textOf('.coupon-head__title')).toBe('新会员礼券')
    expect(textOf('.coupon-head__benefit')).toBe('满¥200减¥20')
    const rules = Array.from(visiblePage().querySelectorAll('.coupon-rule'), (r) => r.textContent)
    expect(rules).toEqual([
      '优惠立减¥20',
      '使用门槛单笔消费满¥200可用',
      '有效期2026-11-10 至 2026-12-09',
      '适用会员所有会员',
      'VIP价不与VIP价同享',
      '使用方式结账时向导购出示本券二维码，每张券限用一次',
      '说明入会 30 天内有效，单笔消费满 ¥200 可用。',
    ])
  })

  it('says when a used coupon was used, its code dimmed', async () => {
    installFakeCloud({ 'member.coupons': () => ok({ coupons: WALLET }) })
    await openPage(`/pages/coupon/index?id=${USED.id}`)
    await screen.findByText('该券已使用')
    expect(textOf('.coupon-head__state')).toBe('2026-11-20 15:05 已使用')
    expect(visiblePage().querySelector('.coupon-code--dimmed')).not.toBeNull()
  })

  it('says so when the coupon is not in the wallet', async () => {
    installFakeCloud({ 'member.coupons': () => ok({ coupons: [] }) })
    await openPage('/pages/coupon/index?id=nope')
    await screen.findByText('未找到该优惠券')
  })
})
