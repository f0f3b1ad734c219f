/**
 * The points catalog and campaigns on Taro's H5 runtime: VIP early access in words, exchange with a request
 * id kept until the server answers, the coupon it gives, the birthday-coupon reminder after it, and claiming.
 */
import { fireEvent, screen, waitFor } from '@testing-library/dom'
import type { CampaignView, CatalogItemView, CouponView } from '../../src/api/contract'
import { DEFAULT_PROGRAM } from '../../src/domain/program'
import { fail, installFakeCloud, ok, type AnswerFor } from './support/fakeCloud'
import { couponView, memberView, SERVER_TIME } from './support/fixtures'
import { currentRoute, openPage, textOf, visiblePage } from './support/harness'
import { tap } from './support/interact'

const OPENS_TO_ALL = '2026-12-01T02:00:00.000Z' // 12月1日 10:00

const item = (overrides: Partial<CatalogItemView>): CatalogItemView => ({
  id: 'tote-bag',
  title: '品牌帆布袋',
  description: '兑换后凭券到店领取',
  imageUrl: '',
  pointsPrice: 300,
  benefitText: '赠品：品牌帆布袋',
  stockLeft: 200,
  perMemberLimit: 2,
  access: { open: true, vipEarly: false, opensToAllAt: null, vipDays: 0 },
  ...overrides,
})

const TOTE = item({})
const VOUCHER = item({
  id: 'coupon-50off500',
  title: '满500减50券',
  pointsPrice: 500,
  benefitText: '满¥500减¥50',
  stockLeft: null,
  perMemberLimit: null,
  description: '',
})
const SCARF_FOR_VIPS = item({
  id: 'scarf',
  title: '羊绒围巾',
  pointsPrice: 800,
  access: { open: true, vipEarly: true, opensToAllAt: OPENS_TO_ALL, vipDays: 3 },
})
const SCARF_LATER = item({
  id: 'scarf',
  title: '羊绒围巾',
  pointsPrice: 800,
  access: { open: false, opensAt: OPENS_TO_ALL, opensToAllAt: OPENS_TO_ALL, vipDays: 3 },
})

const TOTE_COUPON: CouponView = couponView({
  id: 'exchange:demo-shopper-b:r1',
  code: '300000000004',
  title: '帆布袋礼品券',
  benefitText: '赠品：品牌帆布袋',
  benefit: { kind: 'gift', giftName: '品牌帆布袋' },
  channel: 'exchange',
})

const cardView = () => ({
  member: memberView({}),
  program: DEFAULT_PROGRAM,
  serverTime: SERVER_TIME,
  birthdayCoupon: null,
  subscribeTemplates: { birthdayCoupon: 'tmpl-birthday' },
})

type ExchangeInput = { itemId: string; requestId: string }
const openCatalog = async (
  items: CatalogItemView[],
  pointsAvailable: number,
  exchange: (input: ExchangeInput) => AnswerFor<'member.exchange'> = () => fail('INTERNAL', 'unused'),
) => {
  const cloud = installFakeCloud({
    'member.catalog': () => ok({ items, pointsAvailable }),
    'member.exchange': (input) => exchange(input as ExchangeInput),
    'member.getCard': () => ok(cardView()),
    'member.recordSubscription': () => ok({ remaining: 1 }),
    'member.coupons': () => ok({ coupons: [TOTE_COUPON] }),
  })
  await openPage('/pages/catalog/index')
  await screen.findByText('可用积分')
  return cloud
}

const itemCard = (title: string): HTMLElement => {
  const found = Array.from(visiblePage().querySelectorAll<HTMLElement>('.catalog-item')).find(
    (el) => el.querySelector('.catalog-item__title')?.textContent === title,
  )
  if (!found) throw new Error(`no catalog item ${title}`)
  return found
}

describe('the points catalog', () => {
  it('shows price, stock, limit and the points available; disables what the shopper cannot take', async () => {
    await openCatalog([TOTE, VOUCHER], 400)
    expect(textOf('.catalog-points__value')).toBe('400')
    expect(itemCard('品牌帆布袋').textContent).toContain('剩余 200 件 · 每人限兑 2 次')
    expect(itemCard('品牌帆布袋').querySelector('.catalog-item__button')!.textContent).toBe('兑换')
    expect(itemCard('满500减50券').querySelector('.catalog-item__limits')).toBeNull()
    expect(itemCard('满500减50券').querySelector('.catalog-item__button')!.textContent).toBe('积分不足')
  })

  it('tells a member VIPs exchange first and when everyone may, and marks what a VIP takes early', async () => {
    await openCatalog([SCARF_LATER], 5_000)
    expect(itemCard('羊绒围巾').querySelector('.catalog-item__access')!.textContent).toBe('VIP会员提前兑换 · 12月1日 10:00 向所有会员开放')
    expect(itemCard('羊绒围巾').querySelector('.catalog-item__button')!.textContent).toBe('尚未开放')

    await openCatalog([SCARF_FOR_VIPS], 5_000)
    expect(itemCard('羊绒围巾').querySelector('.vip-early')!.textContent).toBe('VIP抢先')
    expect(itemCard('羊绒围巾').querySelector('.catalog-item__access')!.textContent).toBe('12月1日 10:00 向所有会员开放')
  })

  it('confirms, retries an unanswered exchange with the same request id, and shows the coupon it gave', async () => {
    let attempts = 0
    const { calls } = await openCatalog([TOTE], 1_000, () =>
      ++attempts === 1 ? new Error('socket hang up') : ok({ coupon: TOTE_COUPON, pointsBalance: 700, replayed: false }),
    )
    fireEvent.click(itemCard('品牌帆布袋').querySelector('.catalog-item__button')!)
    await screen.findByText('确认兑换')
    expect(textOf('.catalog-confirm')).toContain('300 积分')
    expect(textOf('.catalog-confirm')).toContain('兑换后可用积分 700')
    tap('确认兑换')
    await screen.findByText('未收到结果，可放心重试：同一次兑换不会重复扣分。')
    tap('重试兑换')
    await screen.findByText('兑换成功')
    const exchanges = calls.filter((c) => c.action === 'exchange').map((c) => c.input as ExchangeInput)
    expect(exchanges).toHaveLength(2)
    expect(exchanges[1]).toEqual(exchanges[0])
    expect(exchanges[0]).toEqual({ itemId: 'tote-bag', requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) })
    expect(textOf('.catalog-result .coupon-ticket__title')).toBe('帆布袋礼品券')

    // The next exchange is another action: a new id.
    tap('继续兑换')
    fireEvent.click((await waitFor(() => itemCard('品牌帆布袋'))).querySelector('.catalog-item__button')!)
    await screen.findByText('确认兑换')
    tap('确认兑换')
    await screen.findByText('兑换成功')
    const third = calls.filter((c) => c.action === 'exchange').map((c) => c.input as ExchangeInput)[2]
    expect(third.requestId).not.toBe(exchanges[0].requestId)

    tap('查看券详情')
    await waitFor(() => expect(currentRoute()).toBe('/pages/coupon/index'))
    await screen.findByText('到店出示给导购扫码，领取礼品')
  })

  it('offers the birthday-coupon reminder after an exchange and records the consent (H5: the tap is the consent)', async () => {
    const { calls } = await openCatalog([TOTE], 1_000, () => ok({ coupon: TOTE_COUPON, pointsBalance: 700, replayed: false }))
    fireEvent.click(itemCard('品牌帆布袋').querySelector('.catalog-item__button')!)
    await screen.findByText('确认兑换')
    tap('确认兑换')
    await screen.findByText('生日礼券到账提醒')
    tap('开启提醒')
    await screen.findByText('已开启')
    expect(calls.find((c) => c.action === 'recordSubscription')!.input).toEqual({ template: 'birthdayCoupon', accepted: true })
  })

  it('goes back to the list with the server’s refusal', async () => {
    const { calls } = await openCatalog([TOTE], 1_000, () => fail('OUT_OF_STOCK', '「品牌帆布袋」已兑完'))
    fireEvent.click(itemCard('品牌帆布袋').querySelector('.catalog-item__button')!)
    await screen.findByText('确认兑换')
    tap('确认兑换')
    await screen.findByText('「品牌帆布袋」已兑完')
    expect(visiblePage().querySelector('.catalog-item')).not.toBeNull()
    expect(calls.filter((c) => c.action === 'exchange')).toHaveLength(1)
  })
})

describe('campaigns', () => {
  const campaign = (overrides: Partial<CampaignView>): CampaignView => ({
    id: 'cmp-1',
    title: '新季预览',
    benefitText: '8.5折',
    note: '新品上市活动券，VIP与金卡会员可提前 3 天领取。',
    access: { open: true, vipEarly: false, opensToAllAt: null, vipDays: 0 },
    endsAt: '2026-12-31T16:00:00.000Z',
    stockLeft: 480,
    claimed: false,
    ...overrides,
  })
  const itemOf = (title: string) =>
    Array.from(visiblePage().querySelectorAll<HTMLElement>('.campaign-item')).find(
      (el) => el.querySelector('.campaign-item__title')?.textContent === title,
    )!

  it('claims a coupon, shows 已领取, and words early access and refusals', async () => {
    const { calls } = installFakeCloud({
      'member.campaigns': () =>
        ok({
          campaigns: [
            campaign({}),
            campaign({
              id: 'cmp-2',
              title: 'VIP专场',
              access: { open: false, opensAt: '2026-11-28T02:00:00.000Z', opensToAllAt: OPENS_TO_ALL, vipDays: 3 },
            }),
            campaign({ id: 'cmp-3', title: '老客回馈', claimed: true }),
            campaign({ id: 'cmp-4', title: '限量礼券' }),
          ],
        }),
      'member.claimCampaign': (input) =>
        (input as { campaignId: string }).campaignId === 'cmp-4'
          ? fail('OUT_OF_STOCK', '「限量礼券」已发完')
          : ok({ coupon: couponView({ id: 'campaign:cmp-1:demo-shopper-b' }), replayed: false }),
    })
    await openPage('/pages/campaigns/index')
    await screen.findByText('新季预览')
    expect(itemOf('新季预览').textContent).toContain('2026-12-31 截止 · 剩余 480 张')
    expect(itemOf('VIP专场').querySelector('.campaign-item__access')!.textContent).toBe('VIP提前 3 天开放 · 11月28日 10:00 起可领取')
    expect(itemOf('VIP专场').querySelector('.campaign-item__button')!.textContent).toBe('尚未开放')
    expect(itemOf('老客回馈').querySelector('.campaign-item__button')!.textContent).toBe('已领取')

    fireEvent.click(itemOf('新季预览').querySelector('.campaign-item__button')!)
    await waitFor(() => expect(itemOf('新季预览').querySelector('.campaign-item__button')!.textContent).toBe('已领取'))
    expect(calls.find((c) => c.action === 'claimCampaign')!.input).toEqual({ campaignId: 'cmp-1' })

    fireEvent.click(itemOf('限量礼券').querySelector('.campaign-item__button')!)
    await waitFor(() => expect(itemOf('限量礼券').querySelector('.campaign-item__error')?.textContent).toBe('「限量礼券」已发完'))
  })
})

describe('the reminder after joining', () => {
  it('is offered on the card just after joining, and only then', async () => {
    const { calls } = installFakeCloud({ 'member.getCard': () => ok(cardView()), 'member.recordSubscription': () => ok({ remaining: 1 }) })
    await openPage('/pages/card/index?joined=1')
    await screen.findByText('生日礼券到账提醒')
    tap('开启提醒')
    await screen.findByText('已开启：生日月7折卡到账时微信通知您')
    expect(calls.filter((c) => c.action === 'recordSubscription').map((c) => c.input)).toEqual([
      { template: 'birthdayCoupon', accepted: true },
    ])

    await openPage('/pages/card/index')
    await screen.findByText('我的优惠券')
    expect(screen.queryByText('生日礼券到账提醒')).toBeNull()
  })
})
