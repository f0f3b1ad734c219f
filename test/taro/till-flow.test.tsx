/**
 * The till's flow on Taro's H5 runtime, with WeChat's camera stood in for: the page opens into the scanner (and
 * again for the next customer), the member's coupons come with the scan to tap, the order number is scanned from
 * the POS receipt, the primary action sits in the fixed bottom bar, and success buzzes and shows the points in
 * parts. Without a camera (the H5 preview) nothing opens by itself and the codes are typed.
 */
import { screen, waitFor } from '@testing-library/dom'
import Taro from '@tarojs/taro'
import type { ActionOutput, PurchaseResult } from '../../src/api/contract'
import * as scanner from '../../src/staff/shared/scanner'
import { fail, installFakeCloud, ok } from './support/fakeCloud'
import { BIRTHDAY_COUPON, couponView, LI_NA, LI_NA_CODE, STAFF } from './support/fixtures'
import { openPage, textOf, visiblePage } from './support/harness'
import { tap, typeInto } from './support/interact'

type PurchaseInput = { memberCode: string; amountFen: number; orderNo: string; couponCode?: string; couponId?: string }
type LookupInput = { code?: string; couponId?: string; amountFen?: number }
/** The member's coupons as the scan lists them: by id, without the codes only their phone shows. */
const listed = ({ code: _code, ...coupon }: ReturnType<typeof couponView>) => coupon
const WELCOME = listed(couponView())
const BIRTHDAY = listed(BIRTHDAY_COUPON)

const recorded = (input: PurchaseInput, replayed = false): PurchaseResult => {
  const withCoupon = input.couponCode !== undefined || input.couponId !== undefined
  const discountFen = withCoupon ? Math.floor((input.amountFen * 30) / 100) : 0
  const paid = input.amountFen - discountFen
  return {
    purchase: {
      orderNo: input.orderNo,
      amountFen: paid,
      listAmountFen: input.amountFen,
      coupon: withCoupon ? { title: '生日月7折卡', discountFen } : null,
      at: '2026-11-23T06:00:00.000Z',
      pointsEarned: 1_250,
      pointsBreakdown: { base: 520, tierBonus: 105, birthdayBonus: 625, total: 1_250 },
      tierChange: null,
    },
    member: { ...LI_NA, pointsBalance: LI_NA.pointsBalance + 1_250 },
    replayed,
  }
}

const lookedUp = (input: LookupInput): ActionOutput<'staff', 'lookupCoupon'> => ({
  coupon: BIRTHDAY,
  holder: LI_NA,
  problem: null,
  discountFen: input.amountFen ? Math.floor((input.amountFen * 30) / 100) : 0,
})

/** WeChat's camera: each scan reads the next text given (null: the assistant closed it). */
const camera = (reads: (string | null)[]) => {
  jest.spyOn(scanner, 'canScan').mockReturnValue(true)
  const scanCode = jest.spyOn(Taro, 'scanCode').mockImplementation((async () => {
    const read = reads.shift()
    if (read === undefined || read === null) throw new Error('scanCode:fail cancel')
    return { result: read, scanType: 'QR_CODE', charSet: 'utf-8', path: '', rawData: '', errMsg: 'scanCode:ok' }
  }) as unknown as typeof Taro.scanCode)
  return scanCode
}

const openTill = async ({ replayed = false, coupons = [BIRTHDAY, WELCOME] } = {}) => {
  const cloud = installFakeCloud({
    'staff.whoami': () => ok(STAFF),
    'staff.scanMember': () => ok({ member: LI_NA, coupons }),
    'staff.lookupCoupon': (input) => ok(lookedUp(input as LookupInput)),
    'staff.recordPurchase': (input) => ok(recorded(input as PurchaseInput, replayed)),
    'staff.undoCouponUse': () => ok({ coupon: BIRTHDAY, refund: null }),
  })
  await openPage('/staff/purchase/index')
  await screen.findByText('上海静安嘉里中心店')
  return { callsOf: (action: string) => cloud.calls.filter((c) => c.action === action).map((c) => c.input) }
}

const bar = () => visiblePage().querySelector<HTMLElement>('.desk__bar')
const orderNoValue = () => visiblePage().querySelectorAll('taro-input-core')[1]?.getAttribute('value')

afterEach(() => jest.restoreAllMocks())

describe('a till that flows', () => {
  it('opens into the scanner, finds the member by what it read, and opens it again for the next customer', async () => {
    const scanCode = camera([LI_NA_CODE, null])
    const { callsOf } = await openTill()
    await screen.findByText('李娜')
    expect(scanCode).toHaveBeenCalledTimes(1)
    expect(scanCode.mock.calls[0][0]).toMatchObject({ scanType: ['qrCode', 'barCode'] })
    expect(callsOf('scanMember')).toEqual([{ code: LI_NA_CODE }])

    await typeInto('消费金额（元）', '520.99')
    await typeInto('订单号', 'SO20261123001')
    await screen.findByText('确认录入 ¥520.99')
    tap('确认录入 ¥520.99')
    await screen.findByText('录入成功')
    tap('录入下一笔')
    await waitFor(() => expect(scanCode).toHaveBeenCalledTimes(2))
    // The assistant closed the scanner: the code can still be typed.
    await screen.findByText('查询会员')
  })

  it('opens no scanner without a camera (the H5 preview), where the code is typed', async () => {
    const scanCode = jest.spyOn(Taro, 'scanCode')
    const { callsOf } = await openTill()
    // Ready to type: the code field asks for the focus (Chromium gives it: see test/e2e/coupons.test.ts).
    await waitFor(() => expect(visiblePage().querySelector('taro-input-core')?.getAttribute('focus')).toBe('true'))
    await typeInto('会员码', LI_NA_CODE)
    tap('查询会员')
    await screen.findByText('李娜')
    expect(scanCode).not.toHaveBeenCalled()
    expect(screen.queryByText('扫小票')).toBeNull()
    expect(callsOf('scanMember')).toHaveLength(1)
  })

  it("lists the member's coupons from the scan; one tap checks it against the amount, no second scan", async () => {
    const { callsOf } = await openTill()
    await typeInto('会员码', LI_NA_CODE)
    tap('查询会员')
    await screen.findByText('顾客可用优惠券 2 张 · 点选使用')
    expect(Array.from(visiblePage().querySelectorAll('.coupon-offer'), (o) => o.textContent)).toEqual([
      expect.stringMatching(/^7折生日月7折卡.*使用$/),
      expect.stringMatching(/^.+新会员礼券.*使用$/),
    ])
    await typeInto('消费金额（元）', '520')
    await typeInto('订单号', 'SO20261123001')
    tap('生日月7折卡')
    await screen.findByText('确认录入 应收 ¥364')
    expect(callsOf('lookupCoupon')).toEqual([{ couponId: BIRTHDAY.id, amountFen: 52_000 }])
    tap('确认录入 应收 ¥364')
    await screen.findByText('录入成功')
    expect(callsOf('recordPurchase')).toEqual([
      { memberCode: LI_NA_CODE, amountFen: 52_000, orderNo: 'SO20261123001', couponId: BIRTHDAY.id },
    ])
    // Undone by the same id.
    tap('撤销核销（10 分钟内）')
    await screen.findByText('确认撤销核销')
    tap('确认撤销核销')
    await screen.findByText('已撤销')
    expect(callsOf('undoCouponUse')).toEqual([{ couponId: BIRTHDAY.id }])
  })

  it('offers the coupon scan as before when the member has no coupon', async () => {
    await openTill({ coupons: [] })
    await typeInto('会员码', LI_NA_CODE)
    tap('查询会员')
    await screen.findByText('使用优惠券')
    expect(visiblePage().querySelector('.coupon-offer')).toBeNull()
  })

  it('scans the order number from the POS receipt', async () => {
    const scanCode = camera([LI_NA_CODE, ' SO20261123077 '])
    await openTill()
    await screen.findByText('李娜')
    tap('扫小票')
    await waitFor(() => expect(orderNoValue()).toBe('SO20261123077'))
    expect(scanCode.mock.calls[1][0]).toMatchObject({ scanType: ['barCode', 'qrCode'] })
  })

  it('keeps the primary action in the fixed bottom bar, buzzes once on success and shows the points in parts', async () => {
    const buzz = jest.spyOn(Taro, 'vibrateShort').mockImplementation((async () => ({ errMsg: 'vibrateShort:ok' })) as never)
    await openTill()
    await typeInto('会员码', LI_NA_CODE)
    tap('查询会员')
    await screen.findByText('李娜')
    await typeInto('消费金额（元）', '520.99')
    await typeInto('订单号', 'SO20261123001')
    await waitFor(() => expect(bar()?.textContent).toBe('确认录入 ¥520.99'))
    tap('确认录入 ¥520.99')
    await screen.findByText('录入成功')
    expect(buzz).toHaveBeenCalledTimes(1)
    expect(textOf('.receipt__points')).toBe('积分 +1,250')
    expect(textOf('.receipt__breakdown')).toBe('基础 520 + 等级加赠 105 + 生日月加赠 625')
    expect(bar()?.textContent).toBe('录入下一笔')
  })

  it('does not buzz for a replayed order, nor fail where the device cannot buzz', async () => {
    const buzz = jest.spyOn(Taro, 'vibrateShort').mockImplementation(() => {
      throw new Error('vibrateShort:fail not supported')
    })
    await openTill({ replayed: true })
    await typeInto('会员码', LI_NA_CODE)
    tap('查询会员')
    await screen.findByText('李娜')
    await typeInto('消费金额（元）', '520.99')
    await typeInto('订单号', 'SO20261123001')
    await screen.findByText('确认录入 ¥520.99')
    tap('确认录入 ¥520.99')
    await screen.findByText('该订单已录入，未重复计分')
    expect(buzz).not.toHaveBeenCalled()
    expect(() => scanner.buzz()).not.toThrow()
  })

  it('says why when the scan of the member code is refused', async () => {
    camera([LI_NA_CODE])
    installFakeCloud({
      'staff.whoami': () => ok(STAFF),
      'staff.scanMember': () => fail('CODE_EXPIRED', '会员码已过期，请顾客刷新后重新出示'),
    })
    await openPage('/staff/purchase/index')
    await screen.findByText('会员码已过期，请顾客刷新后重新出示')
  })
})
