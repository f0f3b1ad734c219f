/**
 * The till's flow through the real functions on the local cloud: the refund preview is the refund's own decision
 * (full, partial and over-spent refunds), the order shows what was really taken back, the member's coupons come
 * with the scan, the purchase's points come with their breakdown, and points are redeemed from the catalog
 * (free text only for store managers) — each tried with wrong roles and hostile input.
 */
import { DEMO_ASSISTANT, DEMO_MANAGER } from '../../scripts/demo-data'
import { startTestCloud } from './harness'
import { at } from '../support/clock'
import { uniqueKey as key } from '../support/ids'

type Harness = Awaited<ReturnType<typeof startTestCloud>>
let h: Harness
beforeAll(async () => {
  h = await startTestCloud()
  // An assistant of another store: they may not see or refund this store's orders.
  h.cloud.executor.insert('staff', [{ _id: 'till-sh002', staffId: 'T21', name: '秦岚', storeId: 'SH002', role: 'assistant', active: true }])
}, 60_000)
afterAll(() => h?.close())

const assistant = DEMO_ASSISTANT._id
const manager = DEMO_MANAGER._id
const otherStore = 'till-sh002'
/** The welcome coupon's code, as only the shopper's phone shows it. */
const welcomeCode = (openid: string) =>
  (h.cloud.executor.find('coupons', { memberId: openid, channel: 'welcome' })[0] as unknown as { code: string }).code
const later = (clock: string, ms: number) => new Date(Date.parse(clock) + ms).toISOString()

const buy = async (openid: string, amountFen: number, clock: string, orderNo = key('TF')) =>
  h
    .ok(assistant, 'staff', 'recordPurchase', { memberCode: await h.tillCode(openid, clock), amountFen, orderNo }, { clock })
    .then((r) => ({ ...r, orderNo }))

const stored = (openid: string) => ({
  member: h.cloud.executor.get('members', openid),
  ledger: h.cloud.executor.find('ledger', { memberId: openid }),
  refunds: h.cloud.executor.find('refunds', { memberId: openid }),
})

/** Preview, then refund at the same instant: the refund does what the preview said, and the preview wrote nothing. */
const previewThenRefund = async (openid: string, orderNo: string, amountFen: number, clock: string) => {
  const before = stored(openid)
  const { preview } = await h.ok(assistant, 'staff', 'previewRefund', { orderNo, amountFen }, { clock })
  expect(stored(openid)).toEqual(before)
  const refund = await h.ok(assistant, 'staff', 'recordRefund', { orderNo, amountFen, requestId: key('R') }, { clock })
  expect(preview).toEqual({
    amountFen: refund.refund.amountFen,
    pointsReversed: refund.refund.pointsReversed,
    shortfall: refund.refund.shortfall,
    tierBefore: refund.tierBefore,
    tierAfter: refund.member.tier,
  })
  return preview
}

describe('the refund preview is the refund', () => {
  const bought = at('2026-03-01T12:00:00')
  const refunded = at('2026-03-05T15:00:00')

  it('agrees on a full refund: every point back, no shortfall, the tier kept', async () => {
    const { openid } = await h.joinedShopper('full')
    const { orderNo } = await buy(openid, 10_000, bought)
    expect(await previewThenRefund(openid, orderNo, 10_000, refunded)).toEqual({
      amountFen: 10_000,
      pointsReversed: 100,
      shortfall: 0,
      tierBefore: 'member',
      tierAfter: 'member',
    })
  })

  it('agrees on a partial refund that takes VIP away', async () => {
    const { openid } = await h.joinedShopper('partial')
    const { orderNo } = await buy(openid, 52_000, bought)
    expect(await previewThenRefund(openid, orderNo, 3_000, refunded)).toEqual({
      amountFen: 3_000,
      pointsReversed: 30,
      shortfall: 0,
      tierBefore: 'vip',
      tierAfter: 'member',
    })
  })

  it('agrees on an over-spent refund, and the order then shows what was really taken back', async () => {
    const { openid } = await h.joinedShopper('spent')
    const { orderNo } = await buy(openid, 62_900, bought)
    // 629 earned; 323 of them spent on something a manager typed in.
    await h.ok(
      manager,
      'staff',
      'redeemPoints',
      { memberCode: await h.tillCode(openid, later(bought, 60_000)), points: 323, reason: '门店礼品', requestId: key('X') },
      { clock: later(bought, 60_000) },
    )
    expect(await previewThenRefund(openid, orderNo, 62_900, refunded)).toEqual({
      amountFen: 62_900,
      pointsReversed: 306,
      shortfall: 323,
      tierBefore: 'vip',
      tierAfter: 'member',
    })
    const { order } = await h.ok(assistant, 'staff', 'lookupOrder', { orderNo }, { clock: refunded })
    expect(order).toMatchObject({ pointsEarned: 629, pointsTakenBack: 306, pointsShortfall: 323, refundedFen: 62_900 })
  })

  it('refuses what the refund would refuse, and other stores, shoppers and hostile input, changing nothing', async () => {
    const { openid } = await h.joinedShopper('hostile')
    const { orderNo } = await buy(openid, 10_000, bought)
    const before = stored(openid)
    const refused = async (caller: string, input: Record<string, unknown>) => {
      const answer = await h.call(caller, 'staff', 'previewRefund', input, { clock: refunded })
      return answer.ok ? 'ok' : answer.error.code
    }
    expect(await refused(assistant, { orderNo, amountFen: 10_001 })).toBe('INVALID_INPUT')
    expect(await refused(assistant, { orderNo, amountFen: -5 })).toBe('INVALID_INPUT')
    expect(await refused(assistant, { orderNo, amountFen: 12.5 })).toBe('INVALID_INPUT')
    expect(await refused(assistant, { orderNo: { $ne: null }, amountFen: 100 })).toBe('INVALID_INPUT')
    expect(await refused(assistant, { orderNo: 'NOPE-1', amountFen: 100 })).toBe('ORDER_NOT_FOUND')
    expect(await refused(otherStore, { orderNo, amountFen: 100 })).toBe('ORDER_NOT_FOUND')
    expect(await refused(openid, { orderNo, amountFen: 100 })).toBe('FORBIDDEN')
    expect(await refused(assistant, { orderNo, amountFen: 100, openid: 'x', storeId: 'SH002' })).toBe('ok')
    expect(stored(openid)).toEqual(before)
    await h.ok(assistant, 'staff', 'recordRefund', { orderNo, amountFen: 10_000, requestId: key('R') }, { clock: refunded })
    expect(await refused(assistant, { orderNo, amountFen: 1 })).toBe('ALREADY_REFUNDED')
  })
})

describe('the scan brings what the till needs', () => {
  it('answers a dynamic code with the member and their coupons usable with a purchase, a member number with none', async () => {
    const { openid, memberNo } = await h.joinedShopper('coupons')
    const { member, coupons } = await h.ok(assistant, 'staff', 'scanMember', { code: await h.tillCode(openid) })
    expect(member.memberNo).toBe(memberNo)
    expect(coupons.map((c) => [c.title, c.status])).toEqual([['新会员礼券', 'available']])
    // Named by id: the code on the phone stands for the shopper's presence, so the till never gets it.
    expect(coupons[0]).not.toHaveProperty('code')
    expect(JSON.stringify(coupons)).not.toContain(welcomeCode(openid))
    expect(await h.ok(assistant, 'staff', 'scanMember', { code: memberNo })).toMatchObject({ coupons: [] })
    expect(await h.call(openid, 'staff', 'scanMember', { code: memberNo })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it('uses a listed coupon by its id only with the dynamic code, only for its holder, and undoes it by id', async () => {
    const clock = at('2026-12-01T12:00:00')
    const { openid, memberNo } = await h.joinedShopper('by-id', { clock })
    const other = await h.joinedShopper('by-id-other', { clock })
    const { coupons } = await h.ok(assistant, 'staff', 'scanMember', { code: await h.tillCode(openid, clock) }, { clock })
    const couponId = coupons[0].id
    const codeOf = async (input: Record<string, unknown>, when = clock) => {
      const answer = await h.call(
        assistant,
        'staff',
        'recordPurchase',
        { amountFen: 30_000, orderNo: key('ID'), ...input },
        { clock: when },
      )
      return answer.ok ? 'ok' : answer.error.code
    }
    // By id, the member number is not enough (the id proves nothing of presence), nor is another member's code.
    expect(await codeOf({ memberCode: memberNo, couponId })).toBe('INVALID_INPUT')
    expect(await codeOf({ memberCode: await h.tillCode(other.openid, clock), couponId })).toBe('COUPON_NOT_APPLICABLE')
    expect(await codeOf({ memberCode: await h.tillCode(openid, later(clock, 30_000)), couponId, couponCode: welcomeCode(openid) })).toBe(
      'INVALID_INPUT',
    )
    expect(await codeOf({ memberCode: await h.tillCode(openid, later(clock, 30_000)), couponId: 'welcome:nobody' })).toBe(
      'COUPON_NOT_FOUND',
    )
    expect(await codeOf({ memberCode: await h.tillCode(openid, later(clock, 30_000)), couponId: { $ne: null } })).toBe('INVALID_INPUT')
    expect(h.cloud.executor.get('coupons', couponId)).toMatchObject({ state: 'available' })

    const checked = await h.ok(assistant, 'staff', 'lookupCoupon', { couponId, amountFen: 30_000 }, { clock })
    expect(checked).toMatchObject({
      coupon: { id: couponId, title: '新会员礼券' },
      problem: null,
      discountFen: 2_000,
      holder: { memberNo },
    })
    expect(checked.coupon).not.toHaveProperty('code')
    const when = later(clock, 60_000)
    const bought = await h.ok(
      assistant,
      'staff',
      'recordPurchase',
      { memberCode: await h.tillCode(openid, when), amountFen: 30_000, orderNo: key('ID'), couponId },
      { clock: when },
    )
    expect(bought.purchase).toMatchObject({ amountFen: 28_000, coupon: { title: '新会员礼券', discountFen: 2_000 } })
    expect(h.cloud.executor.get('coupons', couponId)).toMatchObject({ state: 'used' })

    const undone = await h.ok(assistant, 'staff', 'undoCouponUse', { couponId }, { clock: later(when, 60_000) })
    expect(undone.coupon).not.toHaveProperty('code')
    expect(undone.refund).toMatchObject({ refund: { amountFen: 28_000 } })
    expect(h.cloud.executor.get('coupons', couponId)).toMatchObject({ state: 'available' })
    expect(await h.call(assistant, 'staff', 'undoCouponUse', { couponId, code: welcomeCode(openid) })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    expect(await h.call(assistant, 'staff', 'lookupCoupon', {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })

  it('answers a purchase with its points in parts that sum to the points granted', async () => {
    // Born in July, buying as a VIP in July: base, tier bonus and birthday double.
    const { openid } = await h.joinedShopper('breakdown', { birthday: { month: 7, day: 15 } })
    await buy(openid, 60_000, at('2026-06-01T12:00:00'))
    const { purchase } = await buy(openid, 52_099, at('2026-07-02T12:00:00'))
    expect(purchase.pointsBreakdown).toEqual({ base: 520, tierBonus: 105, birthdayBonus: 625, total: 1_250 })
    expect(purchase.pointsEarned).toBe(1_250)
  })
})

describe('points redeemed at the till', () => {
  const clock = at('2026-11-20T12:00:00')
  const richShopper = async (label: string, amountFen = 100_000) => {
    const shopper = await h.joinedShopper(label)
    await buy(shopper.openid, amountFen, clock)
    return shopper
  }
  const redeem = async (caller: string, openid: string, input: Record<string, unknown>, minutes: number) => {
    const when = later(clock, minutes * 60_000)
    return h.call(
      caller,
      'staff',
      'redeemPoints',
      { memberCode: await h.tillCode(openid, when), requestId: key('X'), ...input },
      { clock: when },
    )
  }

  it('lists the catalog for the till, with the price, the stock and whether it is a gift', async () => {
    const { items } = await h.ok(assistant, 'staff', 'redeemCatalog', {})
    expect(items.map((i) => [i.id, i.pointsPrice, i.gift])).toEqual([
      ['tote-bag', 300, true],
      ['coupon-50off500', 500, false],
    ])
    expect(await h.call('stranger', 'staff', 'redeemCatalog', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it('hands a catalog gift over at the price the catalog says, counting its stock, once per request', async () => {
    const { openid } = await richShopper('gift')
    const stockBefore = (h.cloud.executor.get('catalog', 'tote-bag') as unknown as { stock: { exchanged: number } }).stock.exchanged
    const when = later(clock, 60_000)
    const input = { memberCode: await h.tillCode(openid, when), itemId: 'tote-bag', requestId: key('X') }
    const first = await h.ok(assistant, 'staff', 'redeemPoints', input, { clock: when })
    expect(first).toMatchObject({
      redemption: { points: 300, reason: '兑换：品牌帆布袋', balanceAfter: 700 },
      coupon: { title: expect.any(String), status: 'used' },
      member: { pointsBalance: 700 },
      replayed: false,
    })
    expect(await h.ok(assistant, 'staff', 'redeemPoints', input, { clock: when })).toMatchObject({
      replayed: true,
      redemption: first.redemption,
    })
    expect((h.cloud.executor.get('catalog', 'tote-bag') as unknown as { stock: { exchanged: number } }).stock.exchanged).toBe(
      stockBefore + 1,
    )
    expect((h.cloud.executor.get('members', openid) as unknown as { pointsBalance: number }).pointsBalance).toBe(700)
  })

  it('puts a catalog coupon in the member wallet', async () => {
    const { openid } = await richShopper('wallet')
    const answer = await redeem(assistant, openid, { itemId: 'coupon-50off500' }, 2)
    expect(answer).toMatchObject({ ok: true, data: { redemption: { points: 500 }, coupon: { status: 'available' } } })
    // Its code is the shopper's to show: the till gets the coupon without it.
    expect(answer.ok && answer.data.coupon).not.toHaveProperty('code')
  })

  it('refuses free text to an assistant and takes it from a store manager', async () => {
    const { openid } = await richShopper('freetext')
    expect(await redeem(assistant, openid, { points: 50, reason: '雨伞' }, 3)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await redeem(manager, openid, { points: 50, reason: '雨伞' }, 4)).toMatchObject({
      ok: true,
      data: { redemption: { points: 50, reason: '兑换：雨伞' }, coupon: null },
    })
  })

  it('refuses short points, unknown items, mixed and hostile input, shoppers and strangers, changing nothing', async () => {
    const { openid } = await richShopper('short', 20_000) // 200 points: less than the tote bag's 300
    const before = stored(openid)
    const codeOf = async (r: Promise<{ ok: boolean; error?: { code: string } }>) => ((await r).ok ? 'ok' : (await r).error!.code)
    expect(await codeOf(redeem(assistant, openid, { itemId: 'tote-bag' }, 5))).toBe('INSUFFICIENT_POINTS')
    expect(await codeOf(redeem(assistant, openid, { itemId: 'no-such-item' }, 6))).toBe('OUT_OF_STOCK')
    expect(await codeOf(redeem(assistant, openid, { itemId: 'tote-bag', points: 1 }, 7))).toBe('INVALID_INPUT')
    expect(await codeOf(redeem(manager, openid, { itemId: 'tote-bag', reason: '赠品', points: 1 }, 8))).toBe('INVALID_INPUT')
    expect(await codeOf(redeem(assistant, openid, { itemId: { $ne: null } }, 9))).toBe('INVALID_INPUT')
    expect(await codeOf(redeem(assistant, openid, { itemId: '../catalog/tote-bag' }, 10))).toBe('INVALID_INPUT')
    expect(await codeOf(redeem(assistant, openid, {}, 11))).toBe('INVALID_INPUT')
    expect(await codeOf(redeem(manager, openid, { reason: '雨伞' }, 12))).toBe('INVALID_INPUT')
    expect(await codeOf(redeem(openid, openid, { itemId: 'tote-bag' }, 13))).toBe('FORBIDDEN')
    expect(await codeOf(redeem('stranger', openid, { itemId: 'tote-bag' }, 14))).toBe('FORBIDDEN')
    expect(stored(openid).ledger).toEqual(before.ledger)
    expect((stored(openid).member as unknown as { pointsBalance: number }).pointsBalance).toBe(200)
  })
})
