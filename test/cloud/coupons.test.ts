/**
 * Coupons through the real functions on the local cloud: the birthday card (at join and by the monthly job),
 * redemption with a purchase at the till (exactly once, also under concurrent scans), undo, gifts, the points
 * catalog under a stock race, and campaigns with VIP early access.
 */
import { DEMO_ASSISTANT, DEMO_OPERATOR } from '../../scripts/demo-data'
import { startTestCloud } from './harness'
import { at } from '../support/clock'
import { uniqueKey as key } from '../support/ids'

type Harness = Awaited<ReturnType<typeof startTestCloud>>
let h: Harness
beforeAll(async () => {
  h = await startTestCloud({ prewarm: ['member', 'ops'] })
  // A second shop assistant, to prove only the redeeming one may undo.
  h.cloud.executor.insert('staff', [
    { _id: 'assistant-2', staffId: 'A02', name: '刘洋', storeId: 'SH001', role: 'assistant', active: true },
  ])
  // The other store's people, and this store's manager, for the birthday corrections' scope.
  h.cloud.executor.insert('staff', [
    { _id: 'assistant-sh002', staffId: 'S01', name: '孙悦', storeId: 'SH002', role: 'assistant', active: true },
    { _id: 'manager-sh002', staffId: 'SM1', name: '钱琳', storeId: 'SH002', role: 'manager', active: true },
    { _id: 'manager-sh001', staffId: 'M91', name: '吴静', storeId: 'SH001', role: 'manager', active: true },
  ])
}, 60_000)
afterAll(() => h?.close())
afterEach(() => h.cloud.executor.clearFaults())

const assistant = DEMO_ASSISTANT._id
/** The store QRs' scenes (as the join page receives them): a member joining by one belongs to that store. */
const SH001_QR = encodeURIComponent('s=SH001&a=A01')
const SH002_QR = encodeURIComponent('s=SH002&a=S01')
type CouponDoc = { _id: string; memberId: string; code: string; state: string; channel: string; templateId: string }
const couponsOf = (openid: string) => h.cloud.executor.find('coupons', { memberId: openid }) as unknown as CouponDoc[]
const birthdayCoupons = (openid: string) => couponsOf(openid).filter((c) => c.channel === 'birthday')
const memberDoc = (openid: string) =>
  h.cloud.executor.get('members', openid) as unknown as { pointsBalance: number; lifetimeSpendFen: number }

describe('the birthday-month card', () => {
  it('is issued at join during the birthday month, with the welcome coupon, and shown on the card', async () => {
    const clock = at('2026-03-10T12:00:00')
    const march = await h.joinedShopper('bday-join', { birthday: { month: 3, day: 28 }, clock })
    expect(
      couponsOf(march.openid)
        .map((c) => c.templateId)
        .sort(),
    ).toEqual(['birthday-30off', 'welcome-20off200'])
    const card = await h.ok(march.openid, 'member', 'getCard', {}, { clock })
    expect(card.birthdayCoupon).toMatchObject({
      title: '生日月7折卡',
      benefitText: '7折',
      status: 'available',
      validUntil: at('2026-04-01T00:00:00'),
    })
    expect((await h.ok(march.openid, 'member', 'getCard', {}, { clock: at('2026-04-01T00:00:00') })).birthdayCoupon).toBeNull()

    const may = await h.joinedShopper('bday-join', { birthday: { month: 5, day: 1 }, clock })
    expect(couponsOf(may.openid).map((c) => c.templateId)).toEqual(['welcome-20off200'])
  })

  it('is issued by the monthly job once per member, even run twice and killed halfway, 29 February in February', async () => {
    const joinedIn = at('2027-01-15T12:00:00')
    const born = [
      ...(await Promise.all(Array.from({ length: 7 }, () => h.joinedShopper('feb', { birthday: { month: 2, day: 14 }, clock: joinedIn })))),
      await h.joinedShopper('feb', { birthday: { month: 2, day: 29 }, clock: joinedIn }),
    ]
    const march = await h.joinedShopper('mar', { birthday: { month: 3, day: 3 }, clock: joinedIn })
    const firstOfFeb = at('2027-02-01T00:05:00')

    // The run dies on its fourth coupon insert: the members in flight were served, at least one was not.
    h.cloud.executor.injectFault({ invocation: 'next', action: 'database.insertDocument', nth: 4 })
    expect((await h.cloud.fireTimer('jobs', 'upkeep', { clock: firstOfFeb })).body).toMatchObject({ ok: false })
    const servedBeforeTheCrash = born.filter((s) => birthdayCoupons(s.openid).length === 1).length
    expect(servedBeforeTheCrash).toBeGreaterThanOrEqual(3)
    expect(servedBeforeTheCrash).toBeLessThan(born.length)

    for (const clock of [at('2027-02-01T01:05:00'), at('2027-02-01T02:05:00'), at('2027-02-15T10:05:00')]) {
      expect((await h.cloud.fireTimer('jobs', 'upkeep', { clock })).body).toMatchObject({ ok: true })
    }
    for (const s of born)
      expect(birthdayCoupons(s.openid)).toEqual([expect.objectContaining({ _id: `bday:${s.openid}:2027`, state: 'available' })])
    expect(birthdayCoupons(march.openid)).toEqual([])

    // March: the March member's card, and nobody else's.
    await h.cloud.fireTimer('jobs', 'upkeep', { clock: at('2027-03-01T00:05:00') })
    expect(birthdayCoupons(march.openid)).toHaveLength(1)
    expect(born.every((s) => birthdayCoupons(s.openid).length === 1)).toBe(true)
  })
})

describe('redeeming at the till', () => {
  const birthdayShopper = async () => {
    const clock = at('2026-09-05T12:00:00')
    const s = await h.joinedShopper('redeem', { birthday: { month: 9, day: 20 }, clock })
    const code = birthdayCoupons(s.openid)[0].code
    return { ...s, code, clock }
  }

  it('applies the coupon in the same step as the purchase: points and spend count what was paid', async () => {
    const s = await birthdayShopper()
    const check = await h.ok(assistant, 'staff', 'lookupCoupon', { code: s.code, amountFen: 52_000 }, { clock: s.clock })
    expect(check).toMatchObject({ problem: null, discountFen: 15_600, holder: { memberNo: s.memberNo } })
    const result = await h.ok(
      assistant,
      'staff',
      'recordPurchase',
      { memberCode: s.memberNo, amountFen: 52_000, orderNo: key('C'), couponCode: s.code },
      { clock: s.clock },
    )
    expect(result.purchase).toMatchObject({
      amountFen: 36_400,
      listAmountFen: 52_000,
      coupon: { title: '生日月7折卡', discountFen: 15_600 },
      pointsEarned: 728,
    })
    expect(memberDoc(s.openid).lifetimeSpendFen).toBe(36_400)
    const wallet = await h.ok(s.openid, 'member', 'coupons', {}, { clock: s.clock })
    expect(wallet.coupons.find((c) => c.code === s.code)).toMatchObject({ status: 'used' })
  })

  it('checks a purchase coupon scanned before the amount is typed as usable, and a used one as used', async () => {
    const s = await birthdayShopper()
    expect(await h.ok(assistant, 'staff', 'lookupCoupon', { code: s.code }, { clock: s.clock })).toMatchObject({
      problem: null,
      discountFen: 0,
    })
    await h.ok(
      assistant,
      'staff',
      'recordPurchase',
      { memberCode: s.memberNo, amountFen: 10_000, orderNo: key('C'), couponCode: s.code },
      { clock: s.clock },
    )
    expect(await h.ok(assistant, 'staff', 'lookupCoupon', { code: s.code }, { clock: s.clock })).toMatchObject({
      problem: '该券已使用',
      discountFen: 0,
    })
  })

  it('lets exactly one of 50 concurrent purchases use one coupon; the others are told it is used and record nothing', async () => {
    const s = await birthdayShopper()
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        h.call(
          assistant,
          'staff',
          'recordPurchase',
          { memberCode: s.memberNo, amountFen: 30_000, orderNo: key('R'), couponCode: s.code },
          { clock: s.clock },
        ),
      ),
    )
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(new Set(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code))).toEqual(new Set(['COUPON_ALREADY_USED']))
    expect(memberDoc(s.openid).lifetimeSpendFen).toBe(21_000)
  })

  it('refuses a coupon below its minimum spend, or another member’s, changing nothing', async () => {
    const s = await birthdayShopper()
    const welcome = couponsOf(s.openid).find((c) => c.channel === 'welcome')!
    expect(
      await h.call(
        assistant,
        'staff',
        'recordPurchase',
        { memberCode: s.memberNo, amountFen: 19_999, orderNo: key('M'), couponCode: welcome.code },
        { clock: s.clock },
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'COUPON_NOT_APPLICABLE', message: '未满¥200，不能使用该券' },
    })
    const other = await h.joinedShopper('other', { clock: s.clock })
    expect(
      await h.call(
        assistant,
        'staff',
        'recordPurchase',
        { memberCode: await h.tillCode(other.openid, s.clock), amountFen: 50_000, orderNo: key('M'), couponCode: s.code },
        { clock: s.clock },
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'COUPON_NOT_APPLICABLE' },
    })
    expect(memberDoc(s.openid).lifetimeSpendFen + memberDoc(other.openid).lifetimeSpendFen).toBe(0)
  })

  it('lets only the redeeming assistant undo within ten minutes: the coupon returns and the purchase is refunded', async () => {
    const s = await birthdayShopper()
    await h.ok(
      assistant,
      'staff',
      'recordPurchase',
      { memberCode: s.memberNo, amountFen: 40_000, orderNo: key('U'), couponCode: s.code },
      { clock: s.clock },
    )
    const later = (minutes: number) => new Date(Date.parse(s.clock) + minutes * 60_000).toISOString()
    expect(await h.call('assistant-2', 'staff', 'undoCouponUse', { code: s.code }, { clock: later(1) })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    const undone = await h.ok(assistant, 'staff', 'undoCouponUse', { code: s.code }, { clock: later(9) })
    expect(undone.coupon.status).toBe('available')
    expect(undone.refund).toMatchObject({ refund: { amountFen: 28_000, pointsReversed: 560 } })
    expect(memberDoc(s.openid)).toMatchObject({ pointsBalance: 0, lifetimeSpendFen: 0 })

    await h.ok(
      assistant,
      'staff',
      'recordPurchase',
      { memberCode: s.memberNo, amountFen: 40_000, orderNo: key('U'), couponCode: s.code },
      { clock: later(10) },
    )
    expect(await h.call(assistant, 'staff', 'undoCouponUse', { code: s.code }, { clock: later(21) })).toMatchObject({
      ok: false,
      error: { code: 'COUPON_NOT_APPLICABLE' },
    })
  })

  it('undoes two coupons used in one store at the same instant as two refunds', async () => {
    const [a, b] = [await birthdayShopper(), await birthdayShopper()]
    await Promise.all(
      [a, b].map((s) =>
        h.ok(
          assistant,
          'staff',
          'recordPurchase',
          { memberCode: s.memberNo, amountFen: 40_000, orderNo: key('T'), couponCode: s.code },
          { clock: s.clock },
        ),
      ),
    )
    const later = new Date(Date.parse(a.clock) + 60_000).toISOString()
    for (const s of [a, b]) {
      const undone = await h.ok(assistant, 'staff', 'undoCouponUse', { code: s.code }, { clock: later })
      expect(undone.refund).toMatchObject({ refund: { amountFen: 28_000 } })
      expect(memberDoc(s.openid)).toMatchObject({ pointsBalance: 0, lifetimeSpendFen: 0 })
    }
  })
})

const CATALOG_ITEM = {
  description: '限量',
  pointsPrice: 200,
  templateId: 'gift-tote',
  stock: { total: 10, exchanged: 0 },
  perMemberLimit: null,
  earlyAccess: null,
  active: true,
}

describe('the points catalog', () => {
  it("links each item's picture for the shopper, and shows no link for an item without one or a missing file", async () => {
    const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 5, 5, 0xff, 0xd9])
    const image = h.cloud.storage.write('images/catalog/scarf-grey.jpg', JPEG)
    h.cloud.executor.insert('catalog', [
      { ...CATALOG_ITEM, _id: 'scarf-grey', title: '灰色围巾', image, sort: 10 },
      {
        ...CATALOG_ITEM,
        _id: 'scarf-gone',
        title: '已删图片的围巾',
        image: h.cloud.storage.fileIdOf('images/catalog/deleted.jpg'),
        sort: 11,
      },
    ])
    const s = await h.joinedShopper('catalog')
    const { items } = await h.ok(s.openid, 'member', 'catalog', {})
    const byId = new Map(items.map((i) => [i.id, i.imageUrl]))
    expect(Buffer.from(await (await fetch(byId.get('scarf-grey')!)).arrayBuffer())).toEqual(JPEG)
    expect([byId.get('scarf-gone'), byId.get('coupon-50off500')]).toEqual(['', ''])
  })

  it('lets exactly 10 of 30 concurrent exchanges take the last 10 items, debiting points exactly 10 times', async () => {
    h.cloud.executor.insert('catalog', [{ ...CATALOG_ITEM, _id: 'scarf', title: '羊绒围巾', sort: 9 }])
    const shoppers = await Promise.all(Array.from({ length: 30 }, () => h.joinedShopper('catalog')))
    for (const s of shoppers) {
      await h.ok(DEMO_OPERATOR._id, 'ops', 'adjustPoints', {
        memberCode: s.memberNo,
        points: 500,
        reason: '兑换测试积分',
        requestId: key('A'),
      })
    }
    const results = await Promise.all(shoppers.map((s) => h.call(s.openid, 'member', 'exchange', { itemId: 'scarf', requestId: key('E') })))
    expect(results.filter((r) => r.ok)).toHaveLength(10)
    expect(new Set(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code))).toEqual(new Set(['OUT_OF_STOCK']))
    expect(shoppers.filter((s) => memberDoc(s.openid).pointsBalance === 300)).toHaveLength(10)
    expect(h.cloud.executor.find('ledger', { reason: '兑换：羊绒围巾' })).toHaveLength(10)
    expect(h.cloud.executor.get('catalog', 'scarf')).toMatchObject({ stock: { exchanged: 10 } })
  })

  it('answers a retried exchange with the coupon issued the first time, and keeps the per-member limit', async () => {
    const s = await h.joinedShopper('catalog')
    await h.ok(DEMO_OPERATOR._id, 'ops', 'adjustPoints', {
      memberCode: s.memberNo,
      points: 1_000,
      reason: '兑换测试积分',
      requestId: key('A'),
    })
    const requestId = key('E')
    const first = await h.ok(s.openid, 'member', 'exchange', { itemId: 'tote-bag', requestId })
    expect(await h.ok(s.openid, 'member', 'exchange', { itemId: 'tote-bag', requestId })).toEqual({ ...first, replayed: true })
    await h.ok(s.openid, 'member', 'exchange', { itemId: 'tote-bag', requestId: key('E') })
    expect(await h.call(s.openid, 'member', 'exchange', { itemId: 'tote-bag', requestId: key('E') })).toMatchObject({
      ok: false,
      error: { code: 'LIMIT_REACHED' },
    })
    expect(memberDoc(s.openid).pointsBalance).toBe(400)
    // The gift is handed out at the till: once.
    const gift = couponsOf(s.openid).find((c) => c.templateId === 'gift-tote')!
    const handOut = { code: gift.code, requestId: key('G') }
    expect(await h.ok(assistant, 'staff', 'redeemGiftCoupon', handOut)).toMatchObject({ coupon: { status: 'used' }, replayed: false })
    expect(await h.ok(assistant, 'staff', 'redeemGiftCoupon', handOut)).toMatchObject({ replayed: true })
    expect(await h.call(assistant, 'staff', 'redeemGiftCoupon', { code: gift.code, requestId: key('G') })).toMatchObject({
      ok: false,
      error: { code: 'COUPON_ALREADY_USED' },
    })
  })
})

describe('campaigns', () => {
  it('opens to VIP and gold three days early and tells everyone else when it opens', async () => {
    const created = await h.ok(DEMO_OPERATOR._id, 'ops', 'createCampaign', {
      title: '新季预览',
      templateId: 'vip-preview-15off',
      mode: 'claim',
      audience: { kind: 'all' },
      opensAt: at('2026-10-10T10:00:00'),
      vipEarlyDays: 3,
      endsAt: at('2026-10-31T00:00:00'),
      requestId: key('C'),
    })
    const early = at('2026-10-08T12:00:00')
    const vip = await h.joinedShopper('campaign', { clock: early })
    await h.ok(
      assistant,
      'staff',
      'recordPurchase',
      { memberCode: await h.tillCode(vip.openid, early), amountFen: 60_000, orderNo: key('V') },
      { clock: early },
    )
    const member = await h.joinedShopper('campaign', { clock: early })

    const seen = await h.ok(member.openid, 'member', 'campaigns', {}, { clock: early })
    expect(seen.campaigns.find((c) => c.id === created.campaign.id)).toMatchObject({
      access: { open: false, opensAt: at('2026-10-10T10:00:00') },
    })
    expect(await h.call(member.openid, 'member', 'claimCampaign', { campaignId: created.campaign.id }, { clock: early })).toMatchObject({
      ok: false,
      error: { code: 'COUPON_NOT_AVAILABLE' },
    })
    expect(await h.ok(vip.openid, 'member', 'claimCampaign', { campaignId: created.campaign.id }, { clock: early })).toMatchObject({
      coupon: { benefitText: '8.5折' },
      replayed: false,
    })
    expect(await h.ok(vip.openid, 'member', 'claimCampaign', { campaignId: created.campaign.id }, { clock: early })).toMatchObject({
      replayed: true,
    })
    expect(
      await h.ok(member.openid, 'member', 'claimCampaign', { campaignId: created.campaign.id }, { clock: at('2026-10-10T10:00:00') }),
    ).toMatchObject({ replayed: false })
  })

  it('issues to its audience (here a list) once per member, and only an operator may create it', async () => {
    const clock = at('2026-11-01T12:00:00')
    const vips = await Promise.all(Array.from({ length: 3 }, () => h.joinedShopper('segment', { clock })))
    for (const v of vips)
      await h.ok(
        assistant,
        'staff',
        'recordPurchase',
        { memberCode: await h.tillCode(v.openid, clock), amountFen: 50_000, orderNo: key('S') },
        { clock },
      )
    const plain = await h.joinedShopper('segment', { clock })
    const input = {
      title: 'VIP专享',
      templateId: 'welcome-20off200',
      mode: 'issue' as const,
      audience: { kind: 'list' as const, memberCodes: [...vips.map((v) => v.memberNo), plain.memberNo] },
      opensAt: clock,
      vipEarlyDays: 0,
      endsAt: at('2026-12-01T00:00:00'),
      requestId: key('C'),
    }
    const created = await h.ok(DEMO_OPERATOR._id, 'ops', 'createCampaign', input, { clock })
    expect(created.campaign).toMatchObject({ status: 'active', issued: 4 })
    expect(await h.ok(DEMO_OPERATOR._id, 'ops', 'createCampaign', input, { clock })).toMatchObject({ replayed: true })
    for (const s of [...vips, plain]) expect(couponsOf(s.openid).filter((c) => c.channel === 'campaign')).toHaveLength(1)
    expect(await h.call(assistant, 'ops', 'createCampaign', { ...input, requestId: key('C') })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
  })
})

describe('birthday corrections', () => {
  it('are made by staff with a reason and logged on the member', async () => {
    const s = await h.joinedShopper('fix', { scene: SH001_QR })
    const result = await h.ok(assistant, 'staff', 'correctBirthday', {
      memberCode: s.memberNo,
      birthday: { month: 8, day: 1 },
      reason: '入会时选错月份',
    })
    expect(result.member.memberNo).toBe(s.memberNo)
    expect(h.cloud.executor.get('members', s.openid)).toMatchObject({
      birthday: { month: 8, day: 1 },
      birthdayChanges: [
        expect.objectContaining({ from: { month: 7, day: 15 }, to: { month: 8, day: 1 }, by: 'A01', reason: '入会时选错月份' }),
      ],
    })
    // Corrected into the current month: the birthday card now, once a year.
    const clock = at('2026-10-12T12:00:00')
    const october = await h.joinedShopper('fix', { clock, scene: SH001_QR })
    expect(birthdayCoupons(october.openid)).toEqual([])
    await h.ok(
      assistant,
      'staff',
      'correctBirthday',
      { memberCode: october.memberNo, birthday: { month: 10, day: 20 }, reason: '生日登记错误' },
      { clock },
    )
    await h.ok(
      assistant,
      'staff',
      'correctBirthday',
      { memberCode: october.memberNo, birthday: { month: 10, day: 21 }, reason: '日期再次更正' },
      { clock },
    )
    expect(birthdayCoupons(october.openid)).toEqual([expect.objectContaining({ _id: `bday:${october.openid}:2026` })])

    expect(
      await h.call(s.openid, 'staff', 'correctBirthday', {
        memberCode: s.memberNo,
        birthday: { month: 9, day: 1 },
        reason: '自己想改生日',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
  })

  it('are made only at the member’s own store, by its assistants and its manager, each logged with who, where, when, old, new and why', async () => {
    // 12 October: a birthday moved into this month would issue the birthday card and double the points.
    const clock = at('2026-10-12T12:00:00')
    const s = await h.joinedShopper('fix-scope', { clock, scene: SH002_QR, birthday: { month: 7, day: 15, year: 1990 } })
    const before = h.cloud.executor.get('members', s.openid)
    for (const other of [assistant, 'manager-sh001']) {
      const refused = await h.call(
        other,
        'staff',
        'correctBirthday',
        { memberCode: s.memberNo, birthday: { month: 10, day: 20, year: 1990 }, reason: '帮朋友改生日' },
        { clock },
      )
      expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '该会员不属于本店' } })
    }
    expect(h.cloud.executor.get('members', s.openid)).toEqual(before)
    expect(birthdayCoupons(s.openid)).toEqual([])

    // Its own store: an assistant, then the manager.
    await h.ok(
      'assistant-sh002',
      'staff',
      'correctBirthday',
      { memberCode: s.memberNo, birthday: { month: 10, day: 20, year: 1990 }, reason: '入会时选错月份' },
      { clock },
    )
    const later = at('2026-10-12T15:00:00')
    await h.ok(
      'manager-sh002',
      'staff',
      'correctBirthday',
      { memberCode: s.memberNo, birthday: { month: 10, day: 21, year: 1990 }, reason: '身份证核对后更正' },
      { clock: later },
    )
    expect(h.cloud.executor.get('members', s.openid)).toMatchObject({
      birthday: { month: 10, day: 21, year: 1990 },
      birthdayChanges: [
        {
          from: { month: 7, day: 15, year: 1990 },
          to: { month: 10, day: 20, year: 1990 },
          by: 'S01',
          storeId: 'SH002',
          reason: '入会时选错月份',
          at: clock,
        },
        {
          from: { month: 10, day: 20, year: 1990 },
          to: { month: 10, day: 21, year: 1990 },
          by: 'SM1',
          storeId: 'SH002',
          reason: '身份证核对后更正',
          at: later,
        },
      ],
    })
    expect(birthdayCoupons(s.openid)).toHaveLength(1)

    // A member who chose no store yet is no store's: they pick one under 我的门店 first.
    const storeless = await h.joinedShopper('fix-scope', { clock })
    expect(
      await h.call(
        assistant,
        'staff',
        'correctBirthday',
        { memberCode: storeless.memberNo, birthday: { month: 8, day: 1 }, reason: '入会时选错月份' },
        { clock },
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringContaining('我的门店') },
    })
  })
})

describe('subscribe messages', () => {
  it('sends the birthday message once per consent, never without one, and stops after WeChat says 43101', async () => {
    const joinedIn = at('2027-05-10T12:00:00')
    const [consented, silent, refusing] = await Promise.all(
      [1, 2, 3].map(() => h.joinedShopper('msg', { birthday: { month: 6, day: 6 }, clock: joinedIn })),
    )
    expect(await h.ok(consented.openid, 'member', 'recordSubscription', { template: 'birthdayCoupon', accepted: true })).toEqual({
      remaining: 1,
    })
    expect(await h.ok(silent.openid, 'member', 'recordSubscription', { template: 'birthdayCoupon', accepted: false })).toEqual({
      remaining: 0,
    })
    await h.ok(refusing.openid, 'member', 'recordSubscription', { template: 'birthdayCoupon', accepted: true })
    h.cloud.openapi.refuse('subscribeMessage.send', { touser: refusing.openid })

    await h.cloud.fireTimer('jobs', 'upkeep', { clock: at('2027-06-01T00:05:00') })
    await h.cloud.fireTimer('jobs', 'upkeep', { clock: at('2027-06-01T01:05:00') })
    const sent = h.cloud.openapi.outbox({ touser: consented.openid }) as {
      status: string
      page: string
      data: Record<string, { value: string }>
    }[]
    expect(sent).toEqual([
      expect.objectContaining({
        status: 'sent',
        page: 'pages/coupons/index',
        data: expect.objectContaining({ thing1: { value: '生日月7折卡' }, time2: { value: '2027年6月30日 23:59' } }),
      }),
    ])
    expect(h.cloud.openapi.outbox({ touser: silent.openid })).toEqual([])
    expect(h.cloud.openapi.outbox({ touser: refusing.openid })).toEqual([expect.objectContaining({ status: 'refused', errCode: 43101 })])
    for (const s of [consented, refusing])
      expect(h.cloud.executor.get('members', s.openid)).toMatchObject({ subscriptions: { birthdayCoupon: 0 } })
    h.cloud.openapi.clearRefusals()
  })
})
