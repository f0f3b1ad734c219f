/**
 * The refund desk on Taro's H5 runtime: find the order, refund all that is left by default, confirm with the
 * server's dry run of the refund (points taken back, points already used, the tier after), and say what the
 * refund did to the points and the tier. The refund's request id is re-sent after a network
 * failure and renewed once the server has answered.
 */
import { screen, waitFor } from '@testing-library/dom'
import type { OrderView, RefundPreview, RefundResult } from '../../src/api/contract'
import { fail, installFakeCloud, ok, type AnswerFor } from './support/fakeCloud'
import { LI_NA, STAFF } from './support/fixtures'
import { openPage, textOf } from './support/harness'
import { errorOf, row, tap, typeInto } from './support/interact'

type RefundInput = { orderNo: string; amountFen: number; requestId: string }
// ¥620.50 earned 744 points as a VIP; ¥100 of it was refunded already, taking back 119 points.
const ORDER: OrderView = {
  orderNo: 'SO20261123001',
  amountFen: 62_050,
  refundedFen: 10_000,
  at: '2026-11-20T06:30:00.000Z',
  pointsEarned: 744,
  pointsTakenBack: 119,
  pointsShortfall: 0,
  member: { ...LI_NA, tier: 'vip', vipUntil: '2027-11-19T16:00:00.000Z' },
}

const refunded = (
  input: RefundInput,
  overrides: Partial<RefundResult['refund']> = {},
  tierAfter: 'vip' | 'member' = 'vip',
): RefundResult => ({
  refund: {
    orderNo: input.orderNo,
    amountFen: input.amountFen,
    pointsReversed: 625,
    shortfall: 0,
    at: '2026-11-23T06:00:00.000Z',
    ...overrides,
  },
  tierBefore: 'vip',
  member: { ...ORDER.member, tier: tierAfter, vipUntil: tierAfter === 'vip' ? ORDER.member.vipUntil : null, pointsBalance: 630 },
  replayed: false,
})

/** The server's dry run: by default all 625 points come back and the tier stays. */
const previewOf = (input: { amountFen: number }, overrides: Partial<RefundPreview> = {}): RefundPreview => ({
  amountFen: input.amountFen,
  pointsReversed: 625,
  shortfall: 0,
  tierBefore: 'vip',
  tierAfter: 'vip',
  ...overrides,
})

const openDesk = async (
  recordRefund: (input: RefundInput) => AnswerFor<'staff.recordRefund'>,
  order: OrderView = ORDER,
  previewRefund: (input: { orderNo: string; amountFen: number }) => AnswerFor<'staff.previewRefund'> = (input) =>
    ok({ preview: previewOf(input) }),
) => {
  const cloud = installFakeCloud({
    'staff.previewRefund': (input) => previewRefund(input as { orderNo: string; amountFen: number }),
    'staff.whoami': () => ok(STAFF),
    'staff.lookupOrder': (input) =>
      (input as { orderNo: string }).orderNo === order.orderNo
        ? ok({ order })
        : fail('ORDER_NOT_FOUND', `本店没有订单 ${(input as { orderNo: string }).orderNo} 的消费记录`),
    'staff.recordRefund': (input) => recordRefund(input as RefundInput),
  })
  await openPage('/staff/refund/index')
  await screen.findByText('上海静安嘉里中心店')
  return {
    refundCalls: () => cloud.calls.filter((c) => c.action === 'recordRefund').map((c) => c.input as RefundInput),
    previewCalls: () => cloud.calls.filter((c) => c.action === 'previewRefund').map((c) => c.input),
  }
}

/** Taps a confirmation button once it is there (the confirmation replaces the form after a render). */
const confirm = async (label: string) => {
  await screen.findByText(label)
  tap(label)
}

const findOrder = async (orderNo = ORDER.orderNo) => {
  await typeInto('订单号', orderNo)
  tap('查询订单')
  await screen.findByText(`订单 ${orderNo}`)
}

/** The order panel's figures, label → value. */
const facts = () =>
  Object.fromEntries(
    Array.from(document.querySelectorAll('.order-summary .facts__row'), (row) => [
      row.querySelector('.facts__label')!.textContent,
      row.querySelector('.facts__value')!.textContent,
    ]),
  )

describe('refund desk', () => {
  it('tells a shopper it is for shop assistants only', async () => {
    installFakeCloud({ 'staff.whoami': () => fail('FORBIDDEN', '仅限门店导购使用') })
    await openPage('/staff/refund/index')
    await screen.findByText('仅限门店导购使用')
    expect(screen.queryByText('订单号')).toBeNull()
  })

  it('shows an unknown order number next to it', async () => {
    await openDesk(() => fail('INTERNAL', 'unused'))
    await typeInto('订单号', 'SO404')
    tap('查询订单')
    await waitFor(() => expect(errorOf('订单号')).toBe('本店没有订单 SO404 的消费记录'))
  })

  it('shows the order and offers to refund all that is left', async () => {
    await openDesk(() => fail('INTERNAL', 'unused'))
    await findOrder()
    expect(facts()).toEqual({
      消费金额: '¥620.50',
      已退款: '¥100',
      获得积分: '744',
      已扣回积分: '119',
      会员: '李娜 · 139****1234VIP会员',
    })
    await screen.findByText('退款 ¥520.50')
    expect(row('退款金额（元）').querySelector('taro-input-core')!.getAttribute('value')).toBe('520.50')
    expect(screen.getByText('可退 ¥520.50；部分退款按比例扣回积分')).toBeTruthy()
  })

  it('shows the points earlier refunds really took back, and those already used apart', async () => {
    await openDesk(() => fail('INTERNAL', 'unused'), { ...ORDER, pointsEarned: 629, pointsTakenBack: 306, pointsShortfall: 323 })
    await findOrder()
    expect(facts()).toMatchObject({ 获得积分: '629', 已扣回积分: '306', 已使用未扣回: '323' })
  })

  it('refuses more than is left before asking the server', async () => {
    const { refundCalls } = await openDesk(() => fail('INTERNAL', 'unused'))
    await findOrder()
    await typeInto('退款金额（元）', '600')
    tap('退款 ¥600')
    await waitFor(() => expect(errorOf('退款金额（元）')).toBe('超过该订单可退金额 ¥520.50'))
    expect(refundCalls()).toHaveLength(0)
  })

  it('confirms, refunds in integer fen, and says what came back, what could not and what happened to the tier', async () => {
    const { refundCalls, previewCalls } = await openDesk(
      (input) => ok(refunded(input, { pointsReversed: 600, shortfall: 25 }, 'member')),
      ORDER,
      (input) => ok({ preview: previewOf(input, { pointsReversed: 600, shortfall: 25, tierAfter: 'member' }) }),
    )
    await findOrder()
    tap('退款 ¥520.50')
    await screen.findByText('确认退款')
    expect(previewCalls()).toEqual([{ orderNo: 'SO20261123001', amountFen: 52_050 }])
    expect(textOf('.confirm-facts')).toBe(
      '退款金额¥520.50订单SO20261123001会员李娜可扣回 600，另有 25 已使用；退款后等级由 VIP会员 调整为 普通会员',
    )
    await confirm('确认退款')

    await screen.findByText('退款成功')
    expect(refundCalls()).toEqual([
      { orderNo: 'SO20261123001', amountFen: 52_050, requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) },
    ])
    expect(textOf('.receipt__points')).toBe('积分 -600')
    expect(textOf('.receipt__shortfall')).toBe('另有 25 分因积分已使用未能扣回')
    expect(textOf('.receipt__tier-change')).toBe('会员等级由 VIP会员 调整为 普通会员')
    expect(textOf('.receipt')).toContain('订单 SO20261123001 · 退款 ¥520.50')
    expect(textOf('.receipt')).toContain('当前积分 630')
  })

  it('says nothing of shortfall or tier when all points came back and the tier stayed', async () => {
    await openDesk((input) => ok(refunded(input)))
    await findOrder()
    await typeInto('退款金额（元）', '100')
    tap('退款 ¥100')
    await confirm('确认退款')
    await screen.findByText('退款成功')
    expect(textOf('.receipt__points')).toBe('积分 -625')
    expect(textOf('.receipt__shortfall')).toBeNull()
    expect(textOf('.receipt__tier-change')).toBeNull()
  })

  it('says when no points come back and the tier stays, before confirming', async () => {
    await openDesk(
      (input) => ok(refunded(input, { pointsReversed: 0 })),
      ORDER,
      (input) => ok({ preview: previewOf(input, { pointsReversed: 0 }) }),
    )
    await findOrder()
    await typeInto('退款金额（元）', '0.5')
    tap('退款 ¥0.50')
    await screen.findByText('确认退款')
    expect(textOf('.refund-preview')).toBe('本单无积分需扣回；退款后等级不变（VIP会员）')
  })

  it("shows the preview's refusal at the amount and stays on the form", async () => {
    const { refundCalls } = await openDesk(
      () => fail('INTERNAL', 'unused'),
      ORDER,
      () => fail('ALREADY_REFUNDED', '订单 SO20261123001 已全额退款'),
    )
    await findOrder()
    tap('退款 ¥520.50')
    await waitFor(() => expect(errorOf('退款金额（元）')).toBe('订单 SO20261123001 已全额退款'))
    expect(screen.queryByText('确认退款')).toBeNull()
    expect(refundCalls()).toHaveLength(0)
  })

  it('shows an order refunded meanwhile at the amount, back on the form', async () => {
    await openDesk(() => fail('ALREADY_REFUNDED', '订单 SO20261123001 已全额退款'))
    await findOrder()
    tap('退款 ¥520.50')
    await confirm('确认退款')
    await waitFor(() => expect(errorOf('退款金额（元）')).toBe('订单 SO20261123001 已全额退款'))
    expect(screen.queryByText('确认退款')).toBeNull()
  })

  it('says an order refunded in full has nothing left to refund', async () => {
    await openDesk(() => fail('INTERNAL', 'unused'), { ...ORDER, refundedFen: ORDER.amountFen, pointsTakenBack: 744 })
    await findOrder()
    expect(screen.getByText('该订单已全额退款，无可退金额')).toBeTruthy()
    expect(screen.queryByText(/^退款/)).toBeNull()
  })

  it('re-sends the same request id after a network failure, and a new one for the next refund', async () => {
    let attempts = 0
    const { refundCalls } = await openDesk((input) => (++attempts === 1 ? new Error('socket hang up') : ok(refunded(input))))
    await findOrder()
    tap('退款 ¥520.50')
    await confirm('确认退款')
    await screen.findByText('网络开小差了，请稍后再试')
    expect(screen.getByText('未收到结果，可放心重试：同一笔退款不会重复办理。')).toBeTruthy()
    await confirm('重试退款')
    await screen.findByText('退款成功')
    const [first, retry] = refundCalls()
    expect(retry).toEqual(first)

    tap('办理下一笔退款')
    await findOrder()
    tap('退款 ¥520.50')
    await confirm('确认退款')
    await screen.findByText('退款成功')
    expect(refundCalls()).toHaveLength(3)
    expect(refundCalls()[2].requestId).not.toBe(first.requestId)
  })

  it('keeps the pending request id when the assistant goes back from the confirmation', async () => {
    let attempts = 0
    const { refundCalls } = await openDesk((input) => (++attempts === 1 ? fail('BUSY', '系统繁忙，请重试') : ok(refunded(input))))
    await findOrder()
    tap('退款 ¥520.50')
    await confirm('确认退款')
    await screen.findByText('系统繁忙，请重试')
    tap('返回修改')
    await confirm('退款 ¥520.50')
    // Still the same refund, still unanswered: the page says it is a retry.
    await confirm('重试退款')
    await screen.findByText('退款成功')
    expect(refundCalls()[1].requestId).toBe(refundCalls()[0].requestId)
  })
})
