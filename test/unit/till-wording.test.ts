/** The till's receipts and confirmations in words: the refund preview, the points in parts, an undone coupon use. */
import type { RefundResult } from '../../src/api/contract'
import { pointsBreakdownLine, undoneLines } from '../../src/staff/purchase/receiptWording'
import { refundPreviewWording } from '../../src/staff/refund/refundForm'

const refund = (pointsReversed: number, shortfall: number): RefundResult => ({
  refund: { orderNo: 'SO1', amountFen: 36_400, pointsReversed, shortfall, at: '2026-11-23T06:05:00.000Z' },
  tierBefore: 'member',
  member: {
    memberNo: '20261123002',
    name: '李娜',
    mobileMasked: '139****1234',
    birthday: { month: 6, day: 18 },
    tier: 'member',
    vipUntil: null,
    pointsBalance: 0,
  },
  replayed: false,
})

describe('the refund preview in words', () => {
  it('says what comes back, what was already used, and the tier it leaves', () => {
    expect(refundPreviewWording({ amountFen: 62_900, pointsReversed: 306, shortfall: 323, tierBefore: 'vip', tierAfter: 'member' })).toBe(
      '可扣回 306，另有 323 已使用；退款后等级由 VIP会员 调整为 普通会员',
    )
    expect(refundPreviewWording({ amountFen: 10_000, pointsReversed: 1_200, shortfall: 0, tierBefore: 'gold', tierAfter: 'gold' })).toBe(
      '可扣回 1,200；退款后等级不变（金卡会员）',
    )
  })

  it('says when nothing comes back, rather than promising 0 or staying silent', () => {
    expect(refundPreviewWording({ amountFen: 50, pointsReversed: 0, shortfall: 0, tierBefore: 'member', tierAfter: 'member' })).toBe(
      '本单无积分需扣回；退款后等级不变（普通会员）',
    )
    expect(refundPreviewWording({ amountFen: 50, pointsReversed: 0, shortfall: 12, tierBefore: 'member', tierAfter: 'member' })).toBe(
      '可扣回 0，另有 12 已使用；退款后等级不变（普通会员）',
    )
  })
})

describe('the purchase receipt in words', () => {
  it('names each part of the points that is there, and nothing when there is only the base', () => {
    expect(pointsBreakdownLine({ base: 520, tierBonus: 105, birthdayBonus: 625, total: 1_250 })).toBe(
      '基础 520 + 等级加赠 105 + 生日月加赠 625',
    )
    expect(pointsBreakdownLine({ base: 1_000, tierBonus: 0, birthdayBonus: 1_000, total: 2_000 })).toBe('基础 1,000 + 生日月加赠 1,000')
    expect(pointsBreakdownLine({ base: 520, tierBonus: 0, birthdayBonus: 0, total: 520 })).toBeNull()
    expect(pointsBreakdownLine(null)).toBeNull()
  })

  it('says after an undo what came back and that the money is refunded in the till system', () => {
    expect(undoneLines('生日月7折卡', refund(364, 0))).toEqual({
      done: '「生日月7折卡」已退回顾客券包，本单积分已扣回 364',
      todo: '请在收银系统中为顾客办理本单退款 ¥364',
    })
    expect(undoneLines('生日月7折卡', refund(100, 264)).done).toBe(
      '「生日月7折卡」已退回顾客券包，本单积分已扣回 100（另有 264 已使用，未能扣回）',
    )
    // The order had been refunded in full already: only the coupon came back, nothing is left to refund.
    expect(undoneLines('生日月7折卡', null)).toEqual({ done: '「生日月7折卡」已退回顾客券包', todo: null })
  })
})
