/**
 * The redemption desk on Taro's H5 runtime: find the member, say what the points buy and how many,
 * confirm, redeem. Too few points are shown at the points, whether the page or the server notices.
 */
import { screen, waitFor } from '@testing-library/dom'
import type { RedemptionResult } from '../../src/api/contract'
import { fail, installFakeCloud, ok, type AnswerFor } from './support/fakeCloud'
import { LI_NA, LI_NA_CODE, STAFF } from './support/fixtures'
import { openPage, textOf } from './support/harness'
import { errorOf, tap, typeInto } from './support/interact'

type RedeemInput = { memberCode: string; points: number; reason: string; requestId: string }
const redeemed = (input: RedeemInput, balanceBefore = LI_NA.pointsBalance): RedemptionResult => ({
  redemption: {
    points: input.points,
    reason: `兑换：${input.reason}`,
    at: '2026-11-23T06:00:00.000Z',
    balanceAfter: balanceBefore - input.points,
  },
  member: { ...LI_NA, pointsBalance: balanceBefore - input.points },
  replayed: false,
})

/** Her code of the next half minute: a code pays once, so another redemption scans again. */
const LI_NA_NEXT_CODE = '202611230021218710'

const openDesk = async (
  redeemPoints: (input: RedeemInput) => AnswerFor<'staff.redeemPoints'>,
  balance: () => number = () => LI_NA.pointsBalance,
) => {
  const cloud = installFakeCloud({
    'staff.whoami': () => ok(STAFF),
    'staff.scanMember': () => ok({ member: { ...LI_NA, pointsBalance: balance() } }),
    'staff.redeemPoints': (input) => redeemPoints(input as RedeemInput),
  })
  await openPage('/staff/redeem/index')
  await screen.findByText('上海静安嘉里中心店')
  await typeInto('会员码', LI_NA_CODE)
  tap('查询会员')
  await screen.findByText('李娜')
  return { redeemCalls: () => cloud.calls.filter((c) => c.action === 'redeemPoints').map((c) => c.input as RedeemInput) }
}

const confirm = async (label: string) => {
  await screen.findByText(label)
  tap(label)
}

const fillRedemption = async (reason: string, points: string) => {
  await typeInto('兑换内容', reason)
  await typeInto('兑换积分', points)
  tap(/^兑换( [\d,]+ 积分)?$/)
}

describe('redemption desk', () => {
  it('tells a shopper it is for shop assistants only', async () => {
    installFakeCloud({ 'staff.whoami': () => fail('FORBIDDEN', '仅限门店导购使用') })
    await openPage('/staff/redeem/index')
    await screen.findByText('仅限门店导购使用')
    expect(screen.queryByText('会员码')).toBeNull()
  })

  it('shows the member and their points, confirms, redeems, and shows the new balance', async () => {
    const { redeemCalls } = await openDesk((input) => ok(redeemed(input)))
    expect(textOf('.member-confirm')).toContain('积分 1,255')
    expect(screen.getByText('可用 1,255 分')).toBeTruthy()

    await fillRedemption(' 保温杯 ', '500')
    await screen.findByText('确认兑换')
    expect(textOf('.confirm-facts')).toBe('扣除积分500兑换内容保温杯兑换后积分755')
    tap('确认兑换')

    await screen.findByText('兑换成功')
    expect(redeemCalls()).toEqual([
      { memberCode: LI_NA_CODE, points: 500, reason: '保温杯', requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) },
    ])
    expect(textOf('.receipt__points')).toBe('积分 -500')
    expect(textOf('.receipt__earlier')).toBe('兑换：保温杯')
    expect(textOf('.receipt')).toContain('当前积分 755')
  })

  it('stops a redemption beyond the balance before asking the server', async () => {
    const { redeemCalls } = await openDesk((input) => ok(redeemed(input)))
    await fillRedemption('羊绒围巾', '2000')
    await waitFor(() => expect(errorOf('兑换积分')).toBe('积分不足：可用 1,255 分'))
    expect(redeemCalls()).toHaveLength(0)
  })

  it("shows the server's insufficient points at the points, back on the form", async () => {
    // Points that expired since the lookup: the balance shown covered it, the server's settled balance does not.
    const { redeemCalls } = await openDesk(() => fail('INSUFFICIENT_POINTS', '积分不足：可用 1,055 分，需要 1,200 分'))
    await fillRedemption('羊绒围巾', '1200')
    await confirm('确认兑换')
    await waitFor(() => expect(errorOf('兑换积分')).toBe('积分不足：可用 1,055 分，需要 1,200 分'))
    expect(redeemCalls()).toHaveLength(1)
    expect(screen.queryByText('确认兑换')).toBeNull()
  })

  it('asks for what the points buy', async () => {
    await openDesk((input) => ok(redeemed(input)))
    await fillRedemption('', '100')
    await waitFor(() => expect(errorOf('兑换内容')).toBe('请填写兑换内容'))
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
      () => balance,
    )
    await fillRedemption('保温杯', '500')
    await confirm('确认兑换')
    await screen.findByText('未收到结果，可放心重试：同一笔兑换不会重复扣分。')
    await confirm('重试兑换')
    await screen.findByText('兑换成功')
    expect(redeemCalls()[1]).toEqual(redeemCalls()[0])

    // Another gift for the same customer: her code is scanned again (a code pays once), then the new
    // balance, under a new id.
    tap('为该会员继续兑换（需重新扫码）')
    await typeInto('会员码', LI_NA_NEXT_CODE)
    tap('查询会员')
    await screen.findByText('可用 755 分')
    await fillRedemption('帆布袋', '200')
    await confirm('确认兑换')
    await screen.findByText('兑换成功')
    expect(redeemCalls()[2]).toMatchObject({ memberCode: LI_NA_NEXT_CODE })
    expect(redeemCalls()[2].requestId).not.toBe(redeemCalls()[0].requestId)
    expect(textOf('.receipt')).toContain('当前积分 555')
  })
})
