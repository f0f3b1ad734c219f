/**
 * How coupons read and what the forms around them decide, apart from Taro: the wallet's tabs, a coupon's
 * rules in plain words, VIP early access, the till's verdict on a scanned coupon, and the operator's
 * campaign form.
 */
import type { MemberSummary } from '../../src/api/contract'
import { checkCampaign, newDraft, type CampaignDraft } from '../../src/campaigns/campaignForm'
import { checkCouponCode } from '../../src/services/couponCode'
import { couponVerdict, recordLabel } from '../../src/staff/purchase/couponStep'
import type { CouponCheck } from '../../src/staff/shared/useCouponLookup'
import { accessWording, birthdayBlockText, couponRules, couponStateLine, walletTabs } from '../../src/wording/coupons'
import { BIRTHDAY_COUPON, couponView, LI_NA } from '../taro/support/fixtures'

describe('the wallet', () => {
  it('puts the birthday card first among usable coupons, then the soonest to lapse; used by latest use; expired by latest', () => {
    const later = couponView({ id: 'a', validUntil: '2026-12-20T16:00:00.000Z' })
    const sooner = couponView({ id: 'b', validUntil: '2026-12-01T16:00:00.000Z' })
    const soon = couponView({
      id: 'c',
      status: 'notYetValid',
      validFrom: '2026-12-01T02:00:00.000Z',
      validUntil: '2026-12-10T16:00:00.000Z',
    })
    const usedEarly = couponView({ id: 'd', status: 'used', usedAt: '2026-11-01T02:00:00.000Z' })
    const usedLate = couponView({ id: 'e', status: 'used', usedAt: '2026-11-20T02:00:00.000Z' })
    const expiredOld = couponView({ id: 'f', status: 'expired', validUntil: '2026-09-30T16:00:00.000Z' })
    const expiredNew = couponView({ id: 'g', status: 'expired', validUntil: '2026-10-31T16:00:00.000Z' })
    const tabs = walletTabs([later, usedEarly, expiredOld, sooner, BIRTHDAY_COUPON, soon, usedLate, expiredNew])
    expect(tabs.available.map((c) => c.id)).toEqual([BIRTHDAY_COUPON.id, 'b', 'c', 'a'])
    expect(tabs.used.map((c) => c.id)).toEqual(['e', 'd'])
    expect(tabs.expired.map((c) => c.id)).toEqual(['g', 'f'])
  })

  it('says until when a coupon is valid (its last covered day), from when, when used and when it lapsed', () => {
    expect(couponStateLine(BIRTHDAY_COUPON)).toBe('有效期至 2026-11-30')
    expect(birthdayBlockText(BIRTHDAY_COUPON)).toBe('生日月7折卡 · 本月有效至 11月30日')
    expect(couponStateLine(couponView({ status: 'used', usedAt: '2026-11-20T07:05:00.000Z' }))).toBe('2026-11-20 15:05 已使用')
    expect(couponStateLine(couponView({ status: 'notYetValid', validFrom: '2026-12-01T02:00:00.000Z' }))).toBe(
      '2026-12-01 起可用 · 有效期至 2026-12-09',
    )
    expect(couponStateLine(couponView({ status: 'expired' }))).toBe('已于 2026-12-09 过期')
  })
})

describe("a coupon's rules", () => {
  it('reads the benefit, threshold, validity, VIP price and the note for a 满减 coupon', () => {
    expect(couponRules(couponView())).toEqual([
      { label: '优惠', value: '立减¥20' },
      { label: '使用门槛', value: '单笔消费满¥200可用' },
      { label: '有效期', value: '2026-11-10 至 2026-12-09' },
      { label: '适用会员', value: '所有会员' },
      { label: 'VIP价', value: '不与VIP价同享' },
      { label: '使用方式', value: '结账时向导购出示本券二维码，每张券限用一次' },
      { label: '说明', value: '入会 30 天内有效，单笔消费满 ¥200 可用。' },
    ])
  })

  it('reads a percent-off card as a discount on the whole purchase that stacks with VIP price', () => {
    const rules = couponRules(BIRTHDAY_COUPON)
    expect(rules.find((r) => r.label === '优惠')?.value).toBe('整单7折，优惠 30%')
    expect(rules.find((r) => r.label === '使用门槛')?.value).toBe('无门槛，单笔消费可用')
    expect(rules.find((r) => r.label === 'VIP价')?.value).toBe('可与VIP价同享')
  })

  it('reads a gift coupon as a gift collected in store, with nothing about prices', () => {
    const rules = couponRules(couponView({ benefit: { kind: 'gift', giftName: '品牌帆布袋' }, benefitText: '赠品：品牌帆布袋', note: '' }))
    expect(rules.map((r) => r.label)).toEqual(['礼品', '领取方式', '有效期', '适用会员', '使用方式'])
    expect(rules[0].value).toBe('品牌帆布袋')
  })

  it('names the tiers that may use it when not every member may', () => {
    expect(couponRules(couponView({ tiers: ['vip', 'gold'] })).find((r) => r.label === '适用会员')?.value).toBe('VIP会员、金卡会员')
    expect(couponRules(couponView({ tiers: ['gold'] })).find((r) => r.label === '适用会员')?.value).toBe('金卡会员')
  })
})

describe('VIP early access', () => {
  const opensToAllAt = '2026-12-01T02:00:00.000Z' // 12月1日 10:00
  it('tells a member VIPs go first and when everyone may', () => {
    expect(accessWording({ open: false, opensAt: opensToAllAt, opensToAllAt, vipDays: 3 }, '兑换')).toEqual({
      open: false,
      line: 'VIP会员提前兑换 · 12月1日 10:00 向所有会员开放',
    })
  })
  it('tells a VIP how many days early their own opening is', () => {
    expect(accessWording({ open: false, opensAt: '2026-11-28T02:00:00.000Z', opensToAllAt, vipDays: 3 }, '领取')).toEqual({
      open: false,
      line: 'VIP提前 3 天开放 · 11月28日 10:00 起可领取',
    })
  })
  it('marks what only early access opens', () => {
    expect(accessWording({ open: true, vipEarly: true, opensToAllAt, vipDays: 3 }, '兑换')).toEqual({
      open: true,
      vipEarly: true,
      line: '12月1日 10:00 向所有会员开放',
    })
    expect(accessWording({ open: true, vipEarly: false, opensToAllAt: null, vipDays: 0 }, '兑换')).toEqual({
      open: true,
      vipEarly: false,
      line: null,
    })
  })
  it('says only when it opens, and nothing of VIPs, when the offer gives VIPs no days', () => {
    expect(accessWording({ open: false, opensAt: opensToAllAt, opensToAllAt, vipDays: 0 }, '领取')).toEqual({
      open: false,
      line: '12月1日 10:00 起可领取',
    })
  })
})

describe("the till's verdict on a coupon", () => {
  const checked = (overrides: Partial<CouponCheck> = {}): CouponCheck => ({
    coupon: BIRTHDAY_COUPON,
    holder: LI_NA,
    problem: null,
    discountFen: 15_600,
    key: { code: BIRTHDAY_COUPON.code },
    amountFen: 52_000,
    ...overrides,
  })
  const other: MemberSummary = { ...LI_NA, memberNo: '20261123010', name: '王芳', mobileMasked: '138****0000' }

  it('gives the discount and what to charge when checked against this amount for this member', () => {
    const verdict = couponVerdict(checked(), LI_NA, 52_000)
    expect(verdict).toEqual({ kind: 'applies', discountFen: 15_600, chargeFen: 36_400 })
    expect(recordLabel(52_000, verdict)).toEqual({ label: '确认录入 应收 ¥364', action: 'record' })
  })
  it('refuses another member’s coupon, naming whose it is', () => {
    const verdict = couponVerdict(checked({ holder: other }), LI_NA, 52_000)
    expect(verdict).toEqual({ kind: 'otherHolder', message: '该券属于会员 王芳（138****0000），不是当前会员的券，不能用于本单' })
    expect(recordLabel(52_000, verdict).action).toBe('none')
  })
  it("passes on the server's problem", () => {
    expect(couponVerdict(checked({ problem: '该券已使用', discountFen: 0 }), LI_NA, 52_000)).toEqual({
      kind: 'problem',
      message: '该券已使用',
    })
  })
  it('sends a gift coupon to the gift counter, though the server finds nothing wrong with it', () => {
    const gift = { ...BIRTHDAY_COUPON, benefit: { kind: 'gift' as const, giftName: '品牌帆布袋' }, benefitText: '赠品：品牌帆布袋' }
    expect(couponVerdict(checked({ coupon: gift, discountFen: 0 }), LI_NA, 52_000)).toEqual({
      kind: 'problem',
      message: '这是礼品券，请在「礼品券核销」中核销，不随消费使用',
    })
  })

  it('asks for a new check when the amount changed since', () => {
    const verdict = couponVerdict(checked(), LI_NA, 60_000)
    expect(verdict).toEqual({ kind: 'unchecked', message: '金额已修改，请重新核对优惠券' })
    expect(recordLabel(60_000, verdict)).toEqual({ label: '核对优惠券', action: 'check' })
  })
})

describe('coupon codes typed at the till', () => {
  it('takes 12 digits with spaces and catches a mistyped digit by its check digit', () => {
    expect(checkCouponCode('1000 0000 0008')).toEqual({ ok: true, code: '100000000008' })
    expect(checkCouponCode('100000000009')).toEqual({ ok: false, message: '券码有误，请核对后重新输入' })
    expect(checkCouponCode('12345')).toEqual({ ok: false, message: '券码应为 12 位数字' })
  })
})

describe("the operator's campaign form", () => {
  const NOW = '2026-11-23T06:00:00.000Z'
  const draft = (overrides: Partial<CampaignDraft>): CampaignDraft => ({
    ...newDraft(NOW),
    title: '新季预览',
    templateId: 'vip-preview-15off',
    ...overrides,
  })

  it('opens today at 10:00 Shanghai, VIPs 3 days early, and ends at the start of the day after the last day', () => {
    expect(checkCampaign(draft({ endsDate: '2026-12-31' }))).toEqual({
      ok: true,
      input: {
        title: '新季预览',
        templateId: 'vip-preview-15off',
        mode: 'claim',
        audience: { kind: 'all' },
        opensAt: '2026-11-23T02:00:00.000Z',
        vipEarlyDays: 3,
        endsAt: '2026-12-31T16:00:00.000Z',
      },
    })
  })

  it('takes a list one code per line, and names the line of a mistyped code', () => {
    const ok = checkCampaign(draft({ mode: 'issue', audienceKind: 'list', memberCodesText: '2026 1123 002\n\n20261123010\n' }))
    expect(ok.ok && ok.input).toMatchObject({
      mode: 'issue',
      vipEarlyDays: 0,
      audience: { kind: 'list', memberCodes: ['20261123002', '20261123010'] },
    })
    expect(checkCampaign(draft({ audienceKind: 'list', memberCodesText: '20261123002\n\n20261123011' }))).toEqual({
      ok: false,
      errors: { audience: '第 3 行：会员码有误，请核对' },
    })
    expect(checkCampaign(draft({ audienceKind: 'list', memberCodesText: '20261123002\n123' }))).toEqual({
      ok: false,
      errors: { audience: '第 2 行：会员码应为 11 位数字' },
    })
  })

  it('shows every missing row at once', () => {
    expect(checkCampaign(draft({ title: '', templateId: null, audienceKind: 'tiers', tiers: [], endsDate: '2026-11-01' }))).toEqual({
      ok: false,
      errors: { title: '请填写活动名称', template: '请选择优惠券', audience: '至少选择一个等级', endsAt: '结束日期应晚于开始时间' },
    })
  })
})
