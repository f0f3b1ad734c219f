/**
 * Two counter jobs on Taro's H5 runtime: handing out a gift coupon's gift (look up, confirm, redeem with a
 * request id kept until answered), and correcting a member's birthday with a reason.
 */
import { screen, waitFor } from '@testing-library/dom'
import type { ActionOutput } from '../../src/api/contract'
import { fail, installFakeCloud, ok, type AnswerFor } from './support/fakeCloud'
import { couponView, LI_NA, STAFF } from './support/fixtures'
import { openPage, textOf } from './support/harness'
import { errorOf, pick, tap, typeInto } from './support/interact'

const GIFT = couponView({
  id: 'exchange:demo-shopper-b:r1',
  code: '300000000004',
  title: '帆布袋礼品券',
  benefitText: '赠品：品牌帆布袋',
  benefit: { kind: 'gift', giftName: '品牌帆布袋' },
  channel: 'exchange',
})

type GiftInput = { code: string; requestId: string }
const lookup = (coupon = GIFT, problem: string | null = null): ActionOutput<'staff', 'lookupCoupon'> => ({
  coupon,
  holder: LI_NA,
  problem,
  discountFen: 0,
})

const openGiftDesk = async (answers: {
  lookupCoupon?: () => AnswerFor<'staff.lookupCoupon'>
  redeemGiftCoupon?: (input: GiftInput) => AnswerFor<'staff.redeemGiftCoupon'>
}) => {
  const cloud = installFakeCloud({
    'staff.whoami': () => ok(STAFF),
    'staff.lookupCoupon': answers.lookupCoupon ?? (() => ok(lookup())),
    'staff.redeemGiftCoupon': (input) => (answers.redeemGiftCoupon ?? (() => fail('INTERNAL', 'unused')))(input as GiftInput),
  })
  await openPage('/staff/gift/index')
  await screen.findByText('1 · 礼品券')
  await typeInto('券码', '300000000004')
  tap('查询礼品券')
  return { redemptions: () => cloud.calls.filter((c) => c.action === 'redeemGiftCoupon').map((c) => c.input as GiftInput) }
}

describe('gift coupons at the counter', () => {
  it('shows whose gift it is, confirms, redeems, and retries an unanswered redemption with the same request id', async () => {
    let attempts = 0
    const { redemptions } = await openGiftDesk({
      redeemGiftCoupon: () =>
        ++attempts === 1 ? new Error('socket hang up') : ok({ coupon: { ...GIFT, status: 'used' }, holder: LI_NA, replayed: false }),
    })
    await screen.findByText('帆布袋礼品券')
    expect(textOf('.coupon-summary')).toContain('持券人 李娜（普通会员）· 139****1234')
    tap('核销礼品')
    await screen.findByText('确认核销')
    expect(textOf('.confirm-facts')).toBe('礼品品牌帆布袋持券人李娜 139****1234券码3000 0000 0004')
    tap('确认核销')
    await screen.findByText('未收到结果，可放心重试：同一张券不会重复核销。')
    tap('重试核销')
    await screen.findByText('礼品券已核销')
    expect(textOf('.receipt__earlier')).toBe('请将「品牌帆布袋」交给顾客')
    expect(redemptions()).toHaveLength(2)
    expect(redemptions()[1]).toEqual(redemptions()[0])
    expect(redemptions()[0]).toEqual({ code: '300000000004', requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) })
  })

  it('sends a discount coupon to the purchase till instead', async () => {
    const { redemptions } = await openGiftDesk({ lookupCoupon: () => ok(lookup(couponView())) })
    await screen.findByText('这是满¥200减¥20优惠券，请在「录入消费」中随消费使用')
    expect(screen.queryByText('核销礼品')).toBeNull()
    expect(redemptions()).toHaveLength(0)
  })

  it("shows the server's problem with the coupon (already collected)", async () => {
    await openGiftDesk({ lookupCoupon: () => ok(lookup({ ...GIFT, status: 'used' }, '该券已使用')) })
    await screen.findByText('该券已使用')
    expect(screen.queryByText('核销礼品')).toBeNull()
  })

  it('goes back to the coupon with a refusal decided by the server', async () => {
    await openGiftDesk({ redeemGiftCoupon: () => fail('COUPON_ALREADY_USED', '该券已使用') })
    await screen.findByText('核销礼品')
    tap('核销礼品')
    await screen.findByText('确认核销')
    tap('确认核销')
    await screen.findByText('该券已使用')
    expect(screen.queryByText('确认核销')).toBeNull()
  })
})

describe('birthday corrections', () => {
  type CorrectInput = { memberCode: string; birthday: { month: number; day: number; year?: number }; reason: string }

  const openBirthdayDesk = async (correct: (input: CorrectInput) => AnswerFor<'staff.correctBirthday'> = () => ok({ member: LI_NA })) => {
    const cloud = installFakeCloud({
      'staff.whoami': () => ok(STAFF),
      'staff.scanMember': () => ok({ member: LI_NA }),
      'staff.correctBirthday': (input) => correct(input as CorrectInput),
    })
    await openPage('/staff/birthday/index')
    await screen.findByText('上海静安嘉里中心店')
    await typeInto('会员码', '20261123002')
    tap('查询会员')
    await screen.findByText('李娜')
    return { corrections: () => cloud.calls.filter((c) => c.action === 'correctBirthday').map((c) => c.input as CorrectInput) }
  }

  it('takes the new birthday and a reason, confirms, and corrects it', async () => {
    const { corrections } = await openBirthdayDesk()
    expect(textOf('.birthday-current')).toBe('当前生日6月18日')
    pick('生日', [7, 0]) // 8月1日
    await screen.findByText('8月1日')
    await typeInto('修改原因', '入会时选错月份')
    tap('提交修改')
    await screen.findByText('确认修改')
    expect(textOf('.confirm-facts')).toBe('新生日8月1日原生日6月18日会员李娜 139****1234原因入会时选错月份')
    tap('确认修改')
    await screen.findByText('生日已修改')
    expect(textOf('.receipt__earlier')).toBe('新生日 8月1日，已记入会员档案')
    expect(corrections()).toEqual([{ memberCode: '20261123002', birthday: { month: 8, day: 1 }, reason: '入会时选错月份' }])
  })

  it('asks for the birthday and a reason of at least four characters, before asking the server', async () => {
    const { corrections } = await openBirthdayDesk()
    await typeInto('修改原因', '改')
    tap('提交修改')
    await waitFor(() => expect(errorOf('生日')).toBe('请选择生日'))
    expect(errorOf('修改原因')).toBe('请写明修改原因（至少 4 个字）')
    expect(corrections()).toHaveLength(0)
  })

  it("puts the server's calendar refusal at the birthday", async () => {
    await openBirthdayDesk(() => fail('INVALID_INPUT', 'birthday: 生日不能晚于今天', [{ field: 'birthday', message: '生日不能晚于今天' }]))
    pick('生日', [7, 0])
    await typeInto('修改原因', '入会时选错月份')
    tap('提交修改')
    await screen.findByText('确认修改')
    tap('确认修改')
    await waitFor(() => expect(errorOf('生日')).toBe('生日不能晚于今天'))
  })
})
