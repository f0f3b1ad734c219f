/**
 * The staff purchase page on Taro's H5 runtime: who may use it, finding the member, recording a purchase
 * in integer fen, and what the till announces afterwards.
 */
import { screen, waitFor } from '@testing-library/dom'
import type { PurchaseResult } from '../../src/api/contract'
import { fail, installFakeCloud, ok, type AnswerFor } from './support/fakeCloud'
import { openPage, textOf } from './support/harness'
import { errorOf, tap, typeInto } from './support/interact'
import { LI_NA, LI_NA_CODE, STAFF } from './support/fixtures'

const purchaseResult = (input: { orderNo: string; amountFen: number }, replayed = false): PurchaseResult => ({
  purchase: {
    orderNo: input.orderNo,
    amountFen: input.amountFen,
    listAmountFen: input.amountFen,
    coupon: null,
    at: '2026-11-23T06:00:00.000Z',
    pointsEarned: Math.floor(input.amountFen / 100),
    pointsBreakdown: null,
    tierChange: { kind: 'vip_granted', vipUntil: '2027-11-23T16:00:00.000Z' },
  },
  member: { ...LI_NA, tier: 'vip', vipUntil: '2027-11-23T16:00:00.000Z', pointsBalance: 1255 + Math.floor(input.amountFen / 100) },
  replayed,
})

const openTill = async (recordPurchase: (input: { orderNo: string; amountFen: number }) => AnswerFor<'staff.recordPurchase'>) => {
  const cloud = installFakeCloud({
    'staff.whoami': () => ok(STAFF),
    'staff.scanMember': () => ok({ member: LI_NA }),
    'staff.recordPurchase': (input) => recordPurchase(input as { orderNo: string; amountFen: number }),
  })
  await openPage('/staff/purchase/index')
  await screen.findByText('上海静安嘉里中心店')
  return cloud
}

const findLiNa = async () => {
  await typeInto('会员码', LI_NA_CODE)
  tap('查询会员')
  await screen.findByText('李娜')
}

describe('staff purchase page', () => {
  it('tells a shopper it is for shop assistants only', async () => {
    installFakeCloud({ 'staff.whoami': () => fail('FORBIDDEN', '仅限门店导购使用') })
    await openPage('/staff/purchase/index')
    await screen.findByText('仅限门店导购使用')
    expect(screen.queryByText('会员码')).toBeNull()
  })

  it('shows who is at the till and catches a mistyped member code before asking the server', async () => {
    const { calls } = await openTill(() => ok({}))
    expect(textOf('.role-header__who')).toBe('导购 王丽 · 工号 A01')
    await typeInto('会员码', '202611230023438192') // last digit wrong: the check digit fails
    tap('查询会员')
    await waitFor(() => expect(errorOf('会员码')).toBe('会员码有误，请核对后重新输入'))
    // The member number alone proves nothing at the till: the dynamic code from the phone is asked for.
    await typeInto('会员码', '20261123002')
    tap('查询会员')
    await waitFor(() => expect(errorOf('会员码')).toBe('请扫描顾客会员卡上的动态会员码（18 位）'))
    expect(calls.filter((c) => c.action === 'scanMember')).toHaveLength(0)
  })

  it('shows who the code belongs to, then records the amount in integer fen and announces the result', async () => {
    const { calls } = await openTill((input) => ok(purchaseResult(input)))
    await findLiNa()
    expect(textOf('.member-confirm')).toContain('139****1234')
    expect(textOf('.member-confirm')).toContain('普通会员')
    expect(textOf('.member-confirm')).toContain('积分 1,255')

    await typeInto('消费金额（元）', '620.5')
    await typeInto('订单号', 'SO20261123001')
    await screen.findByText('确认录入 ¥620.50')
    tap('确认录入 ¥620.50')

    await screen.findByText('录入成功')
    expect(calls.find((c) => c.action === 'recordPurchase')!.input).toEqual({
      memberCode: LI_NA_CODE,
      amountFen: 62_050,
      orderNo: 'SO20261123001',
    })
    expect(textOf('.receipt__points')).toBe('积分 +620')
    expect(textOf('.receipt__tier-change')).toBe('升级为VIP会员，有效期至 2027-11-23')
    expect(textOf('.receipt')).toContain('当前积分 1,875')

    tap('录入下一笔')
    await screen.findByText('查询会员')
  })

  it('says so when the order was already recorded, instead of counting it twice', async () => {
    await openTill((input) => ok(purchaseResult(input, true)))
    await findLiNa()
    await typeInto('消费金额（元）', '620.50')
    await typeInto('订单号', 'SO20261123001')
    await screen.findByText('确认录入 ¥620.50')
    tap('确认录入 ¥620.50')
    await screen.findByText('该订单已录入，未重复计分')
    expect(textOf('.receipt__earlier')).toBe('首次录入时：积分 +620，升级为VIP会员，有效期至 2027-11-23')
    expect(textOf('.receipt__points')).toBeNull()
  })

  it('keeps a malformed amount and a reused order number next to their rows', async () => {
    const { calls } = await openTill((input) => fail('IDEMPOTENCY_CONFLICT', `订单号 ${input.orderNo} 已录入过另一笔消费，请核对订单号`))
    await findLiNa()
    await typeInto('消费金额（元）', '12.345')
    await typeInto('订单号', 'SO1')
    tap('确认录入')
    await waitFor(() => expect(errorOf('消费金额（元）')).toBe('金额格式不对，例如 520 或 520.50'))
    expect(calls.filter((c) => c.action === 'recordPurchase')).toHaveLength(0)

    await typeInto('消费金额（元）', '88')
    await screen.findByText('确认录入 ¥88')
    tap('确认录入 ¥88')
    await waitFor(() => expect(errorOf('订单号')).toBe('订单号 SO1 已录入过另一笔消费，请核对订单号'))
    expect(errorOf('消费金额（元）')).toBeNull()
  })
})
