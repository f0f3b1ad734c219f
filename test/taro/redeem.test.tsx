/**
 * The redemption desk on Taro's H5 runtime: find the member, pick from the points catalog (what the points cannot
 * pay is greyed and cannot be picked), confirm, redeem. A store manager may type a redemption of their own; an
 * assistant is not offered it. Too few points are shown where the choice is, whether the page or the server notices.
 */
import { screen, waitFor } from '@testing-library/dom'
import type { RedemptionResult, StaffCatalogItem, StaffView } from '../../src/api/contract'
import { fail, installFakeCloud, ok, type AnswerFor } from './support/fakeCloud'
import { BIRTHDAY_COUPON, LI_NA, LI_NA_CODE, STAFF } from './support/fixtures'
import { openPage, textOf, visiblePage } from './support/harness'
import { errorOf, tap, typeInto } from './support/interact'

type RedeemInput = { memberCode: string; itemId?: string; points?: number; reason?: string; requestId: string }

const CATALOG: StaffCatalogItem[] = [
  { id: 'tote-bag', title: '品牌帆布袋', pointsPrice: 300, benefitText: '赠品：帆布袋', gift: true, stockLeft: 199 },
  { id: 'coupon-50off500', title: '满500减50券', pointsPrice: 500, benefitText: '满¥500减¥50', gift: false, stockLeft: null },
  { id: 'cashmere', title: '羊绒围巾', pointsPrice: 2_000, benefitText: '赠品：羊绒围巾', gift: true, stockLeft: 5 },
]
const MANAGER: StaffView = { ...STAFF, staffId: 'M01', name: '赵敏', role: 'manager' }

const redeemed = (input: RedeemInput, balanceBefore = LI_NA.pointsBalance): RedemptionResult => {
  const item = CATALOG.find((i) => i.id === input.itemId)
  const points = item ? item.pointsPrice : input.points!
  return {
    redemption: {
      points,
      reason: `兑换：${item ? item.title : input.reason}`,
      at: '2026-11-23T06:00:00.000Z',
      balanceAfter: balanceBefore - points,
    },
    coupon: item ? { ...BIRTHDAY_COUPON, title: item.title, status: item.gift ? 'used' : 'available' } : null,
    member: { ...LI_NA, pointsBalance: balanceBefore - points },
    replayed: false,
  }
}

/** Her code of the next half minute: a code pays once, so another redemption scans again. */
const LI_NA_NEXT_CODE = '202611230021218710'

const openDesk = async (
  redeemPoints: (input: RedeemInput) => AnswerFor<'staff.redeemPoints'>,
  { balance = () => LI_NA.pointsBalance, staff = STAFF }: { balance?: () => number; staff?: StaffView } = {},
) => {
  const cloud = installFakeCloud({
    'staff.whoami': () => ok(staff),
    'staff.scanMember': () => ok({ member: { ...LI_NA, pointsBalance: balance() }, coupons: [] }),
    'staff.redeemCatalog': () => ok({ items: CATALOG }),
    'staff.redeemPoints': (input) => redeemPoints(input as RedeemInput),
  })
  await openPage('/staff/redeem/index')
  await screen.findByText('上海静安嘉里中心店')
  await typeInto('会员码', LI_NA_CODE)
  tap('查询会员')
  await screen.findByText('李娜')
  await screen.findByText('品牌帆布袋')
  return { redeemCalls: () => cloud.calls.filter((c) => c.action === 'redeemPoints').map((c) => c.input as RedeemInput) }
}

const confirm = async (label: string) => {
  await screen.findByText(label)
  tap(label)
}
const itemRow = (title: string) => screen.getByText(title).closest('.catalog-pick') as HTMLElement
const reviewButton = () => visiblePage().querySelector<HTMLElement>('.desk__panel + .desk__panel .desk__action')!

describe('redemption desk', () => {
  it('tells a shopper it is for shop assistants only', async () => {
    installFakeCloud({ 'staff.whoami': () => fail('FORBIDDEN', '仅限门店导购使用') })
    await openPage('/staff/redeem/index')
    await screen.findByText('仅限门店导购使用')
    expect(screen.queryByText('会员码')).toBeNull()
  })

  it('offers the catalog with prices, greys out what the points cannot pay, and waits for a pick', async () => {
    const { redeemCalls } = await openDesk((input) => ok(redeemed(input)))
    expect(textOf('.catalog-pick__head')).toBe('积分商城 · 可用 1,255 分')
    expect(itemRow('品牌帆布袋').textContent).toBe('品牌帆布袋当场领取 · 剩 199300 积分')
    expect(itemRow('满500减50券').textContent).toBe('满500减50券放入顾客券包500 积分')
    expect(itemRow('羊绒围巾').className).toContain('catalog-pick--short')
    expect(itemRow('羊绒围巾').textContent).toContain('积分不足')
    expect(reviewButton().textContent).toBe('请选择礼品')
    expect(reviewButton().className).toContain('btn--disabled')

    tap('羊绒围巾') // short of points: nothing happens
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(reviewButton().textContent).toBe('请选择礼品')
    expect(itemRow('羊绒围巾').className).not.toContain('catalog-pick--on')
    expect(screen.queryByText('自定义兑换（店长）')).toBeNull() // an assistant picks from the catalog only
    expect(redeemCalls()).toHaveLength(0)
  })

  it('redeems a picked gift at the catalog price, and says it is to be handed over', async () => {
    const { redeemCalls } = await openDesk((input) => ok(redeemed(input)))
    tap('品牌帆布袋')
    await waitFor(() => expect(itemRow('品牌帆布袋').className).toContain('catalog-pick--on'))
    await confirm('兑换 品牌帆布袋 · 300 积分')
    await screen.findByText('确认兑换')
    expect(textOf('.confirm-facts')).toBe('扣除积分300兑换内容品牌帆布袋兑换后积分955')
    tap('确认兑换')

    await screen.findByText('兑换成功')
    expect(redeemCalls()).toEqual([
      { memberCode: LI_NA_CODE, itemId: 'tote-bag', requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) },
    ])
    expect(textOf('.receipt__points')).toBe('积分 -300')
    expect(textOf('.receipt')).toContain('兑换：品牌帆布袋')
    expect(textOf('.receipt')).toContain('礼品当场交付，请交给顾客')
    expect(textOf('.receipt')).toContain('当前积分 955')
  })

  it("shows the server's insufficient points (points expired since the scan) at the catalog, back on the form", async () => {
    const { redeemCalls } = await openDesk(() => fail('INSUFFICIENT_POINTS', '积分不足：可用 255 分，需要 300 分'))
    tap('品牌帆布袋')
    await confirm('兑换 品牌帆布袋 · 300 积分')
    await confirm('确认兑换')
    await screen.findByText('积分不足：可用 255 分，需要 300 分')
    expect(redeemCalls()).toHaveLength(1)
    expect(screen.queryByText('确认兑换')).toBeNull()
  })

  it("lets a store manager type a redemption of their own, checked like the server's", async () => {
    const { redeemCalls } = await openDesk((input) => ok(redeemed(input)), { staff: MANAGER })
    tap('自定义兑换（店长）')
    await typeInto('兑换积分', '2000')
    await typeInto('兑换内容', '改衣服务')
    tap('兑换 2,000 积分')
    await waitFor(() => expect(errorOf('兑换积分')).toBe('积分不足：可用 1,255 分'))
    await typeInto('兑换积分', '200')
    await typeInto('兑换内容', '')
    tap('兑换 200 积分')
    await waitFor(() => expect(errorOf('兑换内容')).toBe('请填写兑换内容'))
    await typeInto('兑换内容', ' 改衣服务 ')
    tap('兑换 200 积分')
    await confirm('确认兑换')
    await screen.findByText('兑换成功')
    expect(redeemCalls()).toEqual([{ memberCode: LI_NA_CODE, reason: '改衣服务', points: 200, requestId: expect.any(String) }])
  })

  it('re-sends the same request id after a network failure, and a new one for the next gift', async () => {
    let attempts = 0
    let balance = LI_NA.pointsBalance
    const { redeemCalls } = await openDesk(
      (input) => {
        if (++attempts === 1) return new Error('socket hang up')
        const result = redeemed(input, balance)
        balance = result.member.pointsBalance
        return ok(result)
      },
      { balance: () => balance },
    )
    tap('满500减50券')
    await confirm('兑换 满500减50券 · 500 积分')
    await confirm('确认兑换')
    await screen.findByText('未收到结果，可放心重试：同一笔兑换不会重复扣分。')
    await confirm('重试兑换')
    await screen.findByText('兑换成功')
    expect(redeemCalls()[1]).toEqual(redeemCalls()[0])
    expect(textOf('.receipt')).toContain('「满500减50券」已放入顾客券包')

    // Another gift for the same customer: her code is scanned again (a code pays once), then the new
    // balance, under a new id.
    tap('为该会员继续兑换（需重新扫码）')
    await typeInto('会员码', LI_NA_NEXT_CODE)
    tap('查询会员')
    await screen.findByText('积分商城 · 可用 755 分')
    tap('品牌帆布袋')
    await confirm('兑换 品牌帆布袋 · 300 积分')
    await confirm('确认兑换')
    await screen.findByText('兑换成功')
    expect(redeemCalls()[2]).toMatchObject({ memberCode: LI_NA_NEXT_CODE, itemId: 'tote-bag' })
    expect(redeemCalls()[2].requestId).not.toBe(redeemCalls()[0].requestId)
    expect(textOf('.receipt')).toContain('当前积分 455')
  })
})
