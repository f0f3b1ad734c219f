/**
 * A coupon at the till on Taro's H5 runtime: checked against the amount (whose, whether it applies, the
 * discount, what to charge), used in the same call as the purchase, shown on the receipt, and undone.
 */
import { screen, waitFor } from '@testing-library/dom'
import type { ActionOutput, MemberSummary, PurchaseResult } from '../../src/api/contract'
import { fail, installFakeCloud, ok, type AnswerFor } from './support/fakeCloud'
import { BIRTHDAY_COUPON, LI_NA, LI_NA_CODE, STAFF } from './support/fixtures'
import { openPage, textOf, visiblePage } from './support/harness'
import { errorOf, tap, typeInto } from './support/interact'

type LookupInput = { code: string; amountFen?: number }
type PurchaseInput = { memberCode: string; amountFen: number; orderNo: string; couponCode?: string }
const WANG_FANG: MemberSummary = { ...LI_NA, memberNo: '20261123010', name: '王芳', mobileMasked: '138****0000' }

/** The server's answer for the birthday card: 30% off, floored to the fen. */
const lookedUp = (
  input: LookupInput,
  overrides: Partial<ActionOutput<'staff', 'lookupCoupon'>> = {},
): ActionOutput<'staff', 'lookupCoupon'> => ({
  coupon: BIRTHDAY_COUPON,
  holder: LI_NA,
  problem: null,
  discountFen: input.amountFen ? Math.floor((input.amountFen * 30) / 100) : 0,
  ...overrides,
})

const recorded = (input: PurchaseInput): PurchaseResult => {
  const discountFen = input.couponCode ? Math.floor((input.amountFen * 30) / 100) : 0
  const paid = input.amountFen - discountFen
  return {
    purchase: {
      orderNo: input.orderNo,
      amountFen: paid,
      listAmountFen: input.amountFen,
      coupon: input.couponCode ? { title: '生日月7折卡', discountFen } : null,
      at: '2026-11-23T06:00:00.000Z',
      pointsEarned: Math.floor(paid / 100),
      pointsBreakdown: { base: Math.floor(paid / 100), tierBonus: 0, birthdayBonus: 0, total: Math.floor(paid / 100) },
      tierChange: null,
    },
    member: { ...LI_NA, pointsBalance: LI_NA.pointsBalance + Math.floor(paid / 100) },
    replayed: false,
  }
}

const openTill = async (handlers: {
  lookupCoupon?: (input: LookupInput) => AnswerFor<'staff.lookupCoupon'>
  recordPurchase?: (input: PurchaseInput) => AnswerFor<'staff.recordPurchase'>
  undoCouponUse?: (input: { code: string }) => AnswerFor<'staff.undoCouponUse'>
}) => {
  const cloud = installFakeCloud({
    'staff.whoami': () => ok(STAFF),
    'staff.scanMember': () => ok({ member: LI_NA }),
    'staff.lookupCoupon': (input) => (handlers.lookupCoupon ?? ((i) => ok(lookedUp(i))))(input as LookupInput),
    'staff.recordPurchase': (input) => (handlers.recordPurchase ?? ((i) => ok(recorded(i))))(input as PurchaseInput),
    'staff.undoCouponUse': (input) => (handlers.undoCouponUse ?? (() => fail('INTERNAL', 'unused')))(input as { code: string }),
  })
  await openPage('/staff/purchase/index')
  await screen.findByText('上海静安嘉里中心店')
  const inputsOf = <T,>(action: string) => cloud.calls.filter((c) => c.action === action).map((c) => c.input as T)
  return {
    lookups: () => inputsOf<LookupInput>('lookupCoupon'),
    purchases: () => inputsOf<PurchaseInput>('recordPurchase'),
    undos: () => inputsOf<{ code: string }>('undoCouponUse'),
  }
}

const findLiNaAndEnter = async (amount: string) => {
  await typeInto('会员码', LI_NA_CODE)
  tap('查询会员')
  await screen.findByText('李娜')
  await typeInto('消费金额（元）', amount)
  await typeInto('订单号', 'SO20261123001')
}

const checkCoupon = async (code = '100000000008') => {
  tap('使用优惠券')
  await typeInto('券码', code)
  expect(recordButton().textContent).toBe('请先核对优惠券')
  tap('核对优惠券')
}

const recordButton = () => visiblePage().querySelector<HTMLElement>('.desk__action')!

describe('a coupon at the till', () => {
  it('shows the discount and what to charge, records with the coupon in the same call, and shows the discount on the receipt', async () => {
    const { lookups, purchases } = await openTill({})
    await findLiNaAndEnter('520')
    await checkCoupon()
    await screen.findByText('确认录入 应收 ¥364')
    expect(lookups()).toEqual([{ code: '100000000008', amountFen: 52_000 }])
    expect(textOf('.coupon-summary')).toContain('持券人 李娜（普通会员）· 139****1234')
    expect(textOf('.purchase-coupon__facts')).toBe('消费金额¥520券优惠-¥156应收¥364VIP价可与VIP价同享')

    tap('确认录入 应收 ¥364')
    await screen.findByText('录入成功')
    expect(purchases()).toEqual([{ memberCode: LI_NA_CODE, amountFen: 52_000, orderNo: 'SO20261123001', couponCode: '100000000008' }])
    expect(textOf('.receipt__coupon')).toBe('生日月7折卡 优惠 ¥156')
    expect(textOf('.receipt')).toContain('订单 SO20261123001 · 原价 ¥520 · 实收 ¥364')
    expect(textOf('.receipt__points')).toBe('积分 +364')
  })

  it("shows the server's problem and will not record with that coupon; without it the purchase records as usual", async () => {
    const { purchases } = await openTill({ lookupCoupon: (i) => ok(lookedUp(i, { problem: '该券已使用', discountFen: 0 })) })
    await findLiNaAndEnter('520')
    await checkCoupon()
    await screen.findByText('该券已使用')
    expect(recordButton().textContent).toBe('该券不能用于本单')
    tap('该券不能用于本单')
    expect(purchases()).toHaveLength(0)

    tap('不使用优惠券')
    await screen.findByText('确认录入 ¥520')
    tap('确认录入 ¥520')
    await screen.findByText('录入成功')
    expect(purchases()).toEqual([{ memberCode: LI_NA_CODE, amountFen: 52_000, orderNo: 'SO20261123001' }])
  })

  it('says when the coupon belongs to another member than the one at the till', async () => {
    await openTill({ lookupCoupon: (i) => ok(lookedUp(i, { holder: WANG_FANG })) })
    await findLiNaAndEnter('520')
    await checkCoupon()
    await screen.findByText('该券属于会员 王芳（138****0000），不是当前会员的券，不能用于本单')
    expect(recordButton().textContent).toBe('该券不能用于本单')
  })

  it('checks the coupon again when the amount changes after the check', async () => {
    const { lookups } = await openTill({})
    await findLiNaAndEnter('520')
    await checkCoupon()
    await screen.findByText('确认录入 应收 ¥364')
    await typeInto('消费金额（元）', '1000')
    await screen.findByText('金额已修改，请重新核对优惠券')
    tap('核对优惠券')
    await screen.findByText('确认录入 应收 ¥700')
    expect(lookups().map((l) => l.amountFen)).toEqual([52_000, 100_000])
  })

  it('catches a mistyped coupon code by its check digit, before asking the server', async () => {
    const { lookups } = await openTill({})
    await findLiNaAndEnter('520')
    await checkCoupon('100000000009')
    await waitFor(() => expect(errorOf('券码')).toBe('券码有误，请核对后重新输入'))
    expect(lookups()).toHaveLength(0)
  })

  it('takes a coupon scanned where the member code goes: its holder becomes the member, checked once the amount is in', async () => {
    const { lookups, purchases } = await openTill({})
    await typeInto('会员码', '100000000008')
    tap('查询会员')
    await screen.findByText('李娜')
    expect(lookups()).toEqual([{ code: '100000000008' }])
    expect(textOf('.coupon-summary__title')).toBe('生日月7折卡')
    expect(screen.getByText('填写消费金额后核对优惠券')).toBeTruthy()

    await typeInto('消费金额（元）', '200')
    await typeInto('订单号', 'SO2')
    await screen.findByText('请按消费金额核对优惠券')
    tap('核对优惠券')
    await screen.findByText('确认录入 应收 ¥140')
    tap('确认录入 应收 ¥140')
    await screen.findByText('录入成功')
    expect(purchases()[0]).toEqual({ memberCode: '20261123002', amountFen: 20_000, orderNo: 'SO2', couponCode: '100000000008' })
  })

  it('shows a coupon lost to another till at the coupon, checked again so the till cannot try it twice', async () => {
    let lookupsSoFar = 0
    const { lookups } = await openTill({
      lookupCoupon: (i) => ok(lookedUp(i, ++lookupsSoFar > 1 ? { problem: '该券已使用', discountFen: 0 } : {})),
      recordPurchase: () => fail('COUPON_ALREADY_USED', '该券已使用'),
    })
    await findLiNaAndEnter('520')
    await checkCoupon()
    await screen.findByText('确认录入 应收 ¥364')
    tap('确认录入 应收 ¥364')
    await waitFor(() => expect(textOf('.purchase-coupon .form-error')).toBe('该券已使用'))
    await waitFor(() => expect(recordButton().textContent).toBe('该券不能用于本单'))
    expect(lookups()).toHaveLength(2)
  })
})

describe('undoing a coupon use', () => {
  const recordWithCoupon = async () => {
    await findLiNaAndEnter('520')
    await checkCoupon()
    await screen.findByText('确认录入 应收 ¥364')
    tap('确认录入 应收 ¥364')
    await screen.findByText('录入成功')
  }

  it('asks once more, then shows a neutral undone state that sends the money back through the till system', async () => {
    const { undos } = await openTill({
      undoCouponUse: () =>
        ok({
          coupon: BIRTHDAY_COUPON,
          refund: {
            refund: { orderNo: 'SO20261123001', amountFen: 36_400, pointsReversed: 364, shortfall: 0, at: '2026-11-23T06:05:00.000Z' },
            tierBefore: 'member',
            member: LI_NA,
            replayed: false,
          },
        }),
    })
    await recordWithCoupon()
    tap('撤销核销（10 分钟内）')
    await screen.findByText('撤销后券退回顾客，本单积分扣回；款项需在收银系统中退还。确认撤销？')
    expect(undos()).toHaveLength(0)
    tap('确认撤销核销')
    await screen.findByText('已撤销')
    expect(undos()).toEqual([{ code: '100000000008' }])
    expect(screen.queryByText('录入成功')).toBeNull()
    expect(visiblePage().querySelector('.receipt--undone')).not.toBeNull()
    expect(textOf('.receipt__earlier')).toBe('「生日月7折卡」已退回顾客券包，本单积分已扣回 364')
    expect(textOf('.receipt__todo')).toBe('请在收银系统中为顾客办理本单退款 ¥364')
    expect(textOf('.receipt__points')).toBeNull()
    expect(screen.queryByText('撤销核销（10 分钟内）')).toBeNull()
  })

  it("shows the server's refusal (past ten minutes) and leaves the receipt as it was", async () => {
    await openTill({ undoCouponUse: () => fail('COUPON_NOT_APPLICABLE', '核销已超过 10 分钟，不能撤销；如需退款请办理退货') })
    await recordWithCoupon()
    tap('撤销核销（10 分钟内）')
    await screen.findByText('确认撤销核销')
    tap('确认撤销核销')
    await screen.findByText('核销已超过 10 分钟，不能撤销；如需退款请办理退货')
    expect(textOf('.receipt__coupon')).toBe('生日月7折卡 优惠 ¥156')
  })

  it('is not offered for a purchase without a coupon', async () => {
    await openTill({})
    await findLiNaAndEnter('520')
    tap('确认录入 ¥520')
    await screen.findByText('录入成功')
    expect(screen.queryByText('撤销核销（10 分钟内）')).toBeNull()
  })
})
