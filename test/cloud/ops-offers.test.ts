/**
 * The operators' desk for offers through the real `ops` function on the local cloud: coupon templates and catalog
 * items created, edited, retired and listed (filters, sorts, keyset pages past the first), saves retried by request
 * id, hostile input and other roles refused with nothing written, and per-store stock taken where the gift changes
 * hands (the till's store, or the store a shopper collects at).
 */
import { DEMO_ASSISTANT, DEMO_OPERATOR } from '../../scripts/demo-data'
import type { ActionInput } from '../../src/api/contract'
import { startTestCloud } from './harness'
import { uniqueKey as key } from '../support/ids'

type Harness = Awaited<ReturnType<typeof startTestCloud>>
let h: Harness
let shopper: string
beforeAll(async () => {
  h = await startTestCloud({ prewarm: ['ops', 'member'] })
  // An assistant of the second store, where the per-store stock differs.
  h.cloud.executor.insert('staff', [
    { _id: 'offers-sh002', staffId: 'S02', name: '孙悦', storeId: 'SH002', role: 'assistant', active: true },
  ])
  shopper = (await h.joinedShopper('offers')).openid
}, 60_000)
afterAll(() => h?.close())

const operator = DEMO_OPERATOR._id
const assistant = DEMO_ASSISTANT._id
const assistantSH002 = 'offers-sh002'
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 5, 5, 0xff, 0xd9])

type TemplateInput = ActionInput<'setup', 'saveCouponTemplate'>
type ItemInput = ActionInput<'setup', 'saveCatalogItem'>

const templateInput = (change: Partial<TemplateInput> = {}): TemplateInput => ({
  requestId: key('tpl'),
  title: '冬季满减券',
  note: '单笔消费满 ¥300 可用',
  benefit: { kind: 'amountOff', amountOffFen: 3_000, minSpendFen: 30_000 },
  validity: { kind: 'daysFromIssue', days: 30 },
  tiers: ['member', 'vip', 'gold'],
  stockTotal: 100,
  combinesWithVipPrice: false,
  ...change,
})

const giftTemplateInput = (change: Partial<TemplateInput> = {}) =>
  templateInput({ title: '围巾礼品券', note: '凭券到店领取', benefit: { kind: 'gift', giftName: '羊绒围巾' }, stockTotal: null, ...change })

const itemInput = (templateId: string, change: Partial<ItemInput> = {}): ItemInput => ({
  requestId: key('item'),
  title: '羊绒围巾',
  description: '兑换后凭券到店领取',
  image: '',
  pointsPrice: 300,
  templateId,
  tiers: ['member', 'vip', 'gold'],
  perMemberLimit: null,
  earlyAccess: null,
  sort: 50,
  stockTotal: null,
  storeStock: null,
  ...change,
})

const stored = () => ({
  templates: h.cloud.executor.find('couponTemplates', {}, { sort: { _id: 1 } }),
  catalog: h.cloud.executor.find('catalog', {}, { sort: { _id: 1 } }),
})
const codeOf = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code)
const fieldsOf = (r: { ok: boolean; error?: { fields?: { field: string }[] } }) => (r.ok ? [] : (r.error!.fields ?? []).map((f) => f.field))

const givePoints = async (memberNo: string, points: number) =>
  h.ok(operator, 'ops', 'adjustPoints', { memberCode: memberNo, points, reason: '兑换测试积分', requestId: key('adj') })

describe('coupon templates', () => {
  it('creates a template once per request id: a retry answers the first, other content under that id is refused', async () => {
    const input = templateInput()
    const first = await h.ok(operator, 'setup', 'saveCouponTemplate', input)
    expect(first).toMatchObject({
      created: true,
      replayed: false,
      template: {
        id: `tpl-${input.requestId}`,
        title: '冬季满减券',
        benefitText: '满¥300减¥30',
        validityText: '领取后 30 天内有效',
        stock: { total: 100, issued: 0, left: 100 },
        active: true,
        revision: 1,
        usedBy: [],
      },
    })
    expect(await h.ok(operator, 'setup', 'saveCouponTemplate', input)).toEqual({ ...first, replayed: true })
    const before = stored()
    expect(await h.call(operator, 'setup', 'saveCouponTemplate', { ...input, title: '另一张券' })).toMatchObject({
      ok: false,
      error: { code: 'IDEMPOTENCY_CONFLICT' },
    })
    expect(stored()).toEqual(before)
    expect(h.cloud.executor.count('couponTemplates', { title: '冬季满减券', _id: first.template.id })).toBe(1)
  })

  it('takes only what an operator sets: forged counters, state and ids in the input are ignored', async () => {
    const forged = { ...templateInput(), stock: { total: 5, issued: 999 }, active: false, _id: 'welcome-20off200', createdBy: 'OP99' }
    const { template } = await h.ok(operator, 'setup', 'saveCouponTemplate', forged as TemplateInput)
    expect(h.cloud.executor.get('couponTemplates', template.id)).toMatchObject({
      stock: { total: 100, issued: 0 },
      active: true,
      createdBy: DEMO_OPERATOR.operatorId,
    })
    expect(h.cloud.executor.get('couponTemplates', 'welcome-20off200')).toMatchObject({ title: '新会员礼券' })
  })

  it('edits on the revision loaded, leaves issued coupons as promised, and refuses a stale revision', async () => {
    const { template } = await h.ok(operator, 'setup', 'saveCouponTemplate', templateInput({ stockTotal: null }))
    // A member holds one from it (exchanged in the catalog), on the old terms.
    const { item } = await h.ok(operator, 'setup', 'saveCatalogItem', itemInput(template.id, { title: '满减券兑换', pointsPrice: 10 }))
    const member = await h.joinedShopper('offers-edit')
    await givePoints(member.memberNo, 100)
    await h.ok(member.openid, 'member', 'exchange', { itemId: item.id, requestId: key('ex') })
    const couponBefore = h.cloud.executor.find('coupons', { memberId: member.openid, templateId: template.id })[0]

    const edit = {
      ...templateInput({
        title: '冬季满减券（加码）',
        benefit: { kind: 'amountOff', amountOffFen: 5_000, minSpendFen: 40_000 },
        stockTotal: 10,
      }),
      templateId: template.id,
      revision: 1,
    }
    const saved = await h.ok(operator, 'setup', 'saveCouponTemplate', edit)
    expect(saved).toMatchObject({
      created: false,
      replayed: false,
      // Unlimited until now: the coupon already issued counts against the new limit.
      template: { title: '冬季满减券（加码）', benefitText: '满¥400减¥50', revision: 2, stock: { total: 10, issued: 1, left: 9 } },
    })
    expect(h.cloud.executor.find('coupons', { memberId: member.openid, templateId: template.id })).toEqual([couponBefore])
    expect(couponBefore).toMatchObject({ title: '冬季满减券', benefit: { amountOffFen: 3_000, minSpendFen: 30_000 } })

    // The same edit again (a retry) changes nothing; another edit on the old revision is refused.
    expect(await h.ok(operator, 'setup', 'saveCouponTemplate', { ...edit, requestId: key('tpl') })).toMatchObject({ replayed: true })
    const before = stored()
    expect(codeOf(await h.call(operator, 'setup', 'saveCouponTemplate', { ...edit, note: '另一段说明' }))).toBe('VERSION_CONFLICT')
    // The kind of benefit is fixed; a limit below what went out is refused.
    const kind = await h.call(operator, 'setup', 'saveCouponTemplate', {
      ...edit,
      revision: 2,
      benefit: { kind: 'percentOff', percentOff: 10 },
    })
    expect([codeOf(kind), fieldsOf(kind)]).toEqual(['INVALID_INPUT', ['benefit.kind']])
    const below = await h.call(operator, 'setup', 'saveCouponTemplate', { ...edit, revision: 2, stockTotal: 0 })
    expect([codeOf(below), fieldsOf(below)]).toEqual(['INVALID_INPUT', ['stockTotal']])
    expect(stored()).toEqual(before)
  })

  it('retires a template in use only when the operator says yes, naming what issues it; reactivates it', async () => {
    const before = stored()
    const refused = await h.call(operator, 'setup', 'retireCouponTemplate', { templateId: 'gift-tote' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'IN_USE', message: expect.stringContaining('积分商城「品牌帆布袋」') } })
    const welcome = await h.call(operator, 'setup', 'retireCouponTemplate', { templateId: 'welcome-20off200' })
    expect(welcome).toMatchObject({ ok: false, error: { code: 'IN_USE', message: expect.stringContaining('会员规则「新会员礼券」') } })
    expect(stored()).toEqual(before)

    const { template } = await h.ok(operator, 'setup', 'saveCouponTemplate', templateInput({ title: '待停用的券' }))
    const campaign = await h.ok(operator, 'ops', 'createCampaign', {
      title: '停用测试活动',
      templateId: template.id,
      mode: 'claim',
      audience: { kind: 'all' },
      opensAt: new Date(Date.now() - 3_600_000).toISOString(),
      vipEarlyDays: 0,
      endsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      requestId: key('cmp'),
    })
    expect(await h.call(operator, 'setup', 'retireCouponTemplate', { templateId: template.id })).toMatchObject({
      ok: false,
      error: { code: 'IN_USE', message: expect.stringContaining('领券活动「停用测试活动」') },
    })
    const retired = await h.ok(operator, 'setup', 'retireCouponTemplate', { templateId: template.id, acknowledgeInUse: true })
    expect(retired).toMatchObject({
      changed: true,
      template: { active: false, revision: 2, usedBy: [{ kind: 'campaign', id: campaign.campaign.id, title: '停用测试活动' }] },
    })
    expect(await h.ok(operator, 'setup', 'retireCouponTemplate', { templateId: template.id })).toMatchObject({ changed: false })
    expect(await h.ok(operator, 'setup', 'reactivateCouponTemplate', { templateId: template.id })).toMatchObject({
      changed: true,
      template: { active: true, revision: 3 },
    })
    expect(codeOf(await h.call(operator, 'setup', 'retireCouponTemplate', { templateId: 'no-such-template' }))).toBe('INVALID_INPUT')
  })

  it('lists by state, kind, tier and title, sorted by creation or title, page after page by cursor', async () => {
    // 45 templates: creation times with ties (three per minute), so the cursor's id breaks them.
    h.cloud.executor.insert(
      'couponTemplates',
      Array.from({ length: 45 }, (_, i) => ({
        _id: `page-${String(i).padStart(2, '0')}`,
        title: `分页券 ${String(44 - i).padStart(2, '0')}`,
        note: '',
        benefit: i % 3 === 0 ? { kind: 'gift', giftName: '小礼品' } : { kind: 'percentOff', percentOff: 10 },
        validity: { kind: 'daysFromIssue', days: 10 },
        tiers: i % 5 === 0 ? ['gold'] : ['member', 'vip', 'gold'],
        stock: { total: null, issued: 0 },
        combinesWithVipPrice: false,
        active: i % 4 !== 0,
        createdAt: new Date(Date.UTC(2026, 10, 1, 0, Math.floor(i / 3))).toISOString(),
        revision: 1,
      })),
    )
    const pages = async (input: ActionInput<'setup', 'listCouponTemplates'>, limit = 20) => {
      const ids: string[] = []
      const totals: number[] = []
      let cursor: string | null = null
      do {
        const page: Awaited<ReturnType<typeof h.ok<'setup', 'listCouponTemplates'>>> = await h.ok(
          operator,
          'setup',
          'listCouponTemplates',
          {
            ...input,
            cursor,
            limit,
          },
        )
        ids.push(...page.rows.map((r) => r.id))
        totals.push(page.total)
        cursor = page.nextCursor
      } while (cursor)
      return { ids, totals }
    }
    const all = Array.from({ length: 45 }, (_, i) => `page-${String(i).padStart(2, '0')}`)

    const newest = await pages({ filter: { search: '分页券' } })
    expect(newest.totals).toEqual([45, 45, 45])
    expect(newest.ids).toEqual([...all].reverse())
    const byTitle = await pages({ filter: { search: '分页券' }, sort: { by: 'title', order: 'asc' } })
    expect(byTitle.ids).toEqual([...all].reverse())

    const giftsActive = await pages({ filter: { search: '分页', kind: 'gift', active: true } })
    const expected = all.filter((_, i) => i % 3 === 0 && i % 4 !== 0).reverse()
    expect(giftsActive).toEqual({ ids: expected, totals: [expected.length] })
    const memberTier = await pages({ filter: { search: '分页', tier: 'member', active: false } })
    expect(memberTier.ids).toEqual(all.filter((_, i) => i % 5 !== 0 && i % 4 === 0).reverse())

    // The seeded templates (made before the desk) are listed too, after every dated one.
    const everything = await pages({})
    expect(everything.ids.length).toBe(everything.totals[0])
    expect(everything.ids.slice(-6).sort()).toEqual(
      ['birthday-30off', 'gift-tote', 'points-50off500', 'referral-20off200', 'vip-preview-15off', 'welcome-20off200'].sort(),
    )
    expect(new Set(everything.ids).size).toBe(everything.ids.length)
    // One row a page, across the undated ones, both ways: listing them needs no date written on them (a listing
    // writes nothing, so a refused one cannot either).
    expect((await pages({}, 1)).ids).toEqual(everything.ids)
    const oldestFirst = await pages({ sort: { by: 'createdAt', order: 'asc' } }, 1)
    expect(oldestFirst.ids.slice(0, 6).sort()).toEqual(everything.ids.slice(-6).sort())
    expect([...oldestFirst.ids].sort()).toEqual([...everything.ids].sort())
    expect(h.cloud.executor.find('couponTemplates', { _id: 'gift-tote' })).toEqual([
      expect.not.objectContaining({ createdAt: expect.anything() }),
    ])
    const seeded = (await h.ok(operator, 'setup', 'listCouponTemplates', { filter: { search: '帆布袋礼品券' } })).rows[0]
    expect(seeded).toMatchObject({
      id: 'gift-tote',
      createdAt: null,
      usedBy: [{ kind: 'catalog', id: 'tote-bag', title: '品牌帆布袋' }],
      stock: { total: null, issued: null, left: null },
    })
    expect(codeOf(await h.call(operator, 'setup', 'listCouponTemplates', { cursor: 'not-a-cursor' }))).toBe('INVALID_INPUT')
  })
})

describe('catalog items', () => {
  it('creates an item with its picture, retries by request id, edits, retires and reactivates it', async () => {
    const { template } = await h.ok(operator, 'setup', 'saveCouponTemplate', giftTemplateInput())
    const image = h.cloud.storage.write('images/catalog/cashmere-scarf.jpg', JPEG)
    const input = itemInput(template.id, {
      image,
      tiers: ['vip', 'gold'],
      earlyAccess: { opensAt: '2026-12-10T10:00:00+08:00', vipDays: 3 },
      stockTotal: 20,
      perMemberLimit: 1,
    })
    const first = await h.ok(operator, 'setup', 'saveCatalogItem', input)
    expect(first).toMatchObject({
      created: true,
      replayed: false,
      item: {
        id: `item-${input.requestId}`,
        image,
        imageUrl: expect.stringContaining('/local/files/images/catalog/cashmere-scarf.jpg?'),
        template: { id: template.id, title: '围巾礼品券', benefitText: '赠品：羊绒围巾', gift: true, active: true },
        stock: { total: 20, exchanged: 0, left: 20 },
        storeStock: null,
        tiers: ['vip', 'gold'],
        earlyAccess: { opensAt: '2026-12-10T02:00:00.000Z', vipOpensAt: '2026-12-07T02:00:00.000Z', vipDays: 3 },
        active: true,
        revision: 1,
      },
    })
    expect(Buffer.from(await (await fetch(first.item.imageUrl)).arrayBuffer())).toEqual(JPEG)
    expect(await h.ok(operator, 'setup', 'saveCatalogItem', input)).toMatchObject({ replayed: true, item: { id: first.item.id } })
    expect(codeOf(await h.call(operator, 'setup', 'saveCatalogItem', { ...input, pointsPrice: 1 }))).toBe('IDEMPOTENCY_CONFLICT')

    const edited = await h.ok(operator, 'setup', 'saveCatalogItem', {
      ...input,
      requestId: key('item'),
      itemId: first.item.id,
      revision: 1,
      image: '',
      pointsPrice: 350,
      storeStock: [{ storeId: 'SH001', total: 5 }],
    })
    expect(edited).toMatchObject({
      created: false,
      item: {
        pointsPrice: 350,
        imageUrl: '',
        revision: 2,
        storeStock: [{ storeId: 'SH001', storeName: '上海静安嘉里中心店', total: 5, left: 5 }],
      },
    })
    expect(await h.ok(operator, 'setup', 'retireCatalogItem', { itemId: first.item.id })).toMatchObject({
      changed: true,
      item: { active: false },
    })
    expect(await h.ok(operator, 'setup', 'retireCatalogItem', { itemId: first.item.id })).toMatchObject({ changed: false })
    // Its template retired meanwhile: it cannot come back until the template does.
    await h.ok(operator, 'setup', 'retireCouponTemplate', { templateId: template.id })
    expect(codeOf(await h.call(operator, 'setup', 'reactivateCatalogItem', { itemId: first.item.id }))).toBe('COUPON_NOT_AVAILABLE')
    await h.ok(operator, 'setup', 'reactivateCouponTemplate', { templateId: template.id })
    expect(await h.ok(operator, 'setup', 'reactivateCatalogItem', { itemId: first.item.id })).toMatchObject({
      changed: true,
      item: { active: true, revision: 4 },
    })
  })

  it('lists by state, tier, early access and title, sorted by order, price or title, page after page', async () => {
    h.cloud.executor.insert(
      'catalog',
      Array.from({ length: 45 }, (_, i) => ({
        _id: `shelf-${String(i).padStart(2, '0')}`,
        title: `分页礼品 ${String(i).padStart(2, '0')}`,
        description: '',
        pointsPrice: 1_000 - i * 10,
        templateId: 'gift-tote',
        stock: { total: null, exchanged: 0 },
        perMemberLimit: null,
        earlyAccess: i % 2 === 0 ? { opensAt: '2026-12-10T02:00:00.000Z', vipDays: 3 } : null,
        active: i % 4 !== 0,
        // Ties in display order (five per place): the id breaks them.
        sort: 1_000 + Math.floor(i / 5),
        ...(i % 3 === 0 ? { tiers: ['gold'] } : {}),
      })),
    )
    const pages = async (input: ActionInput<'setup', 'listCatalogItems'>) => {
      const ids: string[] = []
      const totals: number[] = []
      let cursor: string | null = null
      do {
        const page: Awaited<ReturnType<typeof h.ok<'setup', 'listCatalogItems'>>> = await h.ok(operator, 'setup', 'listCatalogItems', {
          ...input,
          cursor,
          limit: 20,
        })
        ids.push(...page.rows.map((r) => r.id))
        totals.push(page.total)
        cursor = page.nextCursor
      } while (cursor)
      // Every page counts the same rows: the whole filter, not what is left of it.
      expect(new Set(totals).size).toBe(1)
      return { ids, total: totals[0] }
    }
    const all = Array.from({ length: 45 }, (_, i) => `shelf-${String(i).padStart(2, '0')}`)

    expect(await pages({ filter: { search: '分页礼品' } })).toEqual({ ids: all, total: 45 })
    expect((await pages({ filter: { search: '分页礼品' }, sort: { by: 'pointsPrice', order: 'asc' } })).ids).toEqual([...all].reverse())
    expect((await pages({ filter: { search: '分页礼品' }, sort: { by: 'title', order: 'desc' } })).ids).toEqual([...all].reverse())
    const early = all.filter((_, i) => i % 2 === 0 && i % 4 !== 0)
    expect(await pages({ filter: { search: '分页礼品', earlyAccess: true, active: true } })).toEqual({ ids: early, total: early.length })
    // An item without tiers is for every tier.
    const forVip = all.filter((_, i) => i % 3 !== 0)
    expect(await pages({ filter: { search: '分页礼品', tier: 'vip' } })).toEqual({ ids: forVip, total: forVip.length })

    const [row] = (await h.ok(operator, 'setup', 'listCatalogItems', { filter: { search: '分页礼品 02' } })).rows
    expect(row).toMatchObject({
      template: { id: 'gift-tote', title: '帆布袋礼品券', gift: true },
      tiers: ['member', 'vip', 'gold'],
      earlyAccess: { opensAt: '2026-12-10T02:00:00.000Z', vipOpensAt: '2026-12-07T02:00:00.000Z', vipDays: 3 },
    })
  })
})

describe('hostile input and other roles', () => {
  it('refuses every malformed or hostile save with the field named, writing nothing', async () => {
    const gift = (await h.ok(operator, 'setup', 'saveCouponTemplate', giftTemplateInput())).template.id
    const plain = (await h.ok(operator, 'setup', 'saveCouponTemplate', templateInput())).template.id
    const { item } = await h.ok(operator, 'setup', 'saveCatalogItem', itemInput(gift))
    const before = stored()
    const t = (change: Record<string, unknown>) => ({ ...templateInput(), ...change })
    const i = (change: Record<string, unknown>) => ({ ...itemInput(gift), ...change })
    const cases: [string, Record<string, unknown>, string][] = [
      ['saveCouponTemplate', t({ title: '' }), 'title'],
      ['saveCouponTemplate', t({ title: '券'.repeat(31) }), 'title'],
      ['saveCouponTemplate', t({ title: '冬季\u202e券' }), 'title'],
      ['saveCouponTemplate', t({ title: { $gt: '' } }), 'title'],
      ['saveCouponTemplate', t({ note: '说明\u0000' }), 'note'],
      ['saveCouponTemplate', t({ benefit: { kind: 'percentOff', percentOff: 0 } }), 'benefit.percentOff'],
      ['saveCouponTemplate', t({ benefit: { kind: 'percentOff', percentOff: 100 } }), 'benefit.percentOff'],
      ['saveCouponTemplate', t({ benefit: { kind: 'percentOff', percentOff: 12.5 } }), 'benefit.percentOff'],
      ['saveCouponTemplate', t({ benefit: { kind: 'percentOff', percentOff: '30' } }), 'benefit.percentOff'],
      ['saveCouponTemplate', t({ benefit: { kind: 'amountOff', amountOffFen: 3_000, minSpendFen: 2_000 } }), 'benefit.amountOffFen'],
      ['saveCouponTemplate', t({ benefit: { kind: 'amountOff', amountOffFen: 19.99, minSpendFen: 0 } }), 'benefit.amountOffFen'],
      ['saveCouponTemplate', t({ benefit: { kind: 'amountOff', amountOffFen: 100, minSpendFen: -1 } }), 'benefit.minSpendFen'],
      ['saveCouponTemplate', t({ benefit: { kind: 'cashback', amountFen: 100 } }), 'benefit.kind'],
      ['saveCouponTemplate', t({ benefit: { kind: 'gift', giftName: '' } }), 'benefit.giftName'],
      [
        'saveCouponTemplate',
        t({ validity: { kind: 'fixed', from: '2027-01-01T00:00:00Z', until: '2026-12-01T00:00:00Z' } }),
        'validity.until',
      ],
      [
        'saveCouponTemplate',
        t({ validity: { kind: 'fixed', from: '2026-02-30T00:00:00Z', until: '2027-01-01T00:00:00Z' } }),
        'validity.from',
      ],
      ['saveCouponTemplate', t({ validity: { kind: 'daysFromIssue', days: 0 } }), 'validity.days'],
      [
        'saveCouponTemplate',
        t({ validity: { kind: 'fixed', from: '2020-01-01T00:00:00Z', until: '2020-02-01T00:00:00Z' } }),
        'validity.until',
      ],
      ['saveCouponTemplate', t({ tiers: [] }), 'tiers'],
      ['saveCouponTemplate', t({ tiers: ['diamond'] }), 'tiers.0'],
      ['saveCouponTemplate', t({ tiers: ['vip', 'vip'] }), 'tiers'],
      ['saveCouponTemplate', t({ stockTotal: -1 }), 'stockTotal'],
      ['saveCouponTemplate', t({ stockTotal: 1.5 }), 'stockTotal'],
      ['saveCouponTemplate', t({ combinesWithVipPrice: 'yes' }), 'combinesWithVipPrice'],
      ['saveCouponTemplate', t({ requestId: 'short' }), 'requestId'],
      ['saveCouponTemplate', t({ requestId: { $ne: null } }), 'requestId'],
      ['saveCouponTemplate', t({ templateId: plain }), 'revision'],
      ['saveCouponTemplate', t({ templateId: '../couponTemplates/gift-tote', revision: 1 }), 'templateId'],
      ['saveCouponTemplate', t({ templateId: 'no-such-template', revision: 1 }), 'templateId'],
      ['saveCatalogItem', i({ image: 'https://evil.example/scarf.jpg' }), 'image'],
      ['saveCatalogItem', i({ image: h.cloud.storage.fileIdOf('images/events/cover.jpg') }), 'image'],
      ['saveCatalogItem', i({ image: h.cloud.storage.fileIdOf('images/catalog/never-uploaded.jpg') }), 'image'],
      ['saveCatalogItem', i({ image: h.cloud.storage.fileIdOf('images/catalog/../../exports/OP01/members.jpg') }), 'image'],
      ['saveCatalogItem', i({ pointsPrice: 0 }), 'pointsPrice'],
      ['saveCatalogItem', i({ pointsPrice: 2.5 }), 'pointsPrice'],
      ['saveCatalogItem', i({ pointsPrice: -300 }), 'pointsPrice'],
      ['saveCatalogItem', i({ perMemberLimit: 0 }), 'perMemberLimit'],
      ['saveCatalogItem', i({ templateId: 'no-such-template' }), 'templateId'],
      ['saveCatalogItem', i({ templateId: plain, storeStock: [{ storeId: 'SH001', total: 3 }] }), 'storeStock'],
      ['saveCatalogItem', i({ storeStock: [] }), 'storeStock'],
      ['saveCatalogItem', i({ storeStock: [{ storeId: 'NOPE01', total: 3 }] }), 'storeStock.0.storeId'],
      ['saveCatalogItem', i({ storeStock: [{ storeId: 'SH001', total: -1 }] }), 'storeStock.0.total'],
      [
        'saveCatalogItem',
        i({
          storeStock: [
            { storeId: 'SH001', total: 1 },
            { storeId: 'SH001', total: 2 },
          ],
        }),
        'storeStock',
      ],
      ['saveCatalogItem', i({ storeStock: [{ storeId: { $gt: '' }, total: 1 }] }), 'storeStock.0.storeId'],
      ['saveCatalogItem', i({ earlyAccess: { opensAt: 'tomorrow', vipDays: 3 } }), 'earlyAccess.opensAt'],
      ['saveCatalogItem', i({ earlyAccess: { opensAt: '2026-12-10T10:00:00+08:00', vipDays: 31 } }), 'earlyAccess.vipDays'],
      ['saveCatalogItem', i({ itemId: item.id, revision: 1, stockTotal: -5 }), 'stockTotal'],
      ['saveCatalogItem', i({ itemId: 'no-such-item', revision: 1 }), 'itemId'],
      ['saveCatalogItem', i({ sort: 'first' }), 'sort'],
      ['listCouponTemplates', { sort: { by: 'stock.issued', order: 'asc' } }, 'sort.by'],
      ['listCouponTemplates', { filter: { search: { $regex: '.*' } } }, 'filter.search'],
      ['listCouponTemplates', { limit: 1_000 }, 'limit'],
      ['listCatalogItems', { filter: { tier: 'diamond' } }, 'filter.tier'],
      ['listCatalogItems', { cursor: 'x'.repeat(401) }, 'cursor'],
      ['retireCouponTemplate', { templateId: 'gift-tote', acknowledgeInUse: 'yes' }, 'acknowledgeInUse'],
      ['retireCatalogItem', { itemId: { $ne: null } }, 'itemId'],
    ]
    for (const [action, input, field] of cases) {
      const answer = await h.call(operator, 'setup', action as 'saveCatalogItem', input)
      expect([action, field, codeOf(answer), fieldsOf(answer)]).toEqual([action, field, 'INVALID_INPUT', expect.arrayContaining([field])])
    }
    // A regular expression typed as a search is taken literally: it matches no title.
    expect((await h.ok(operator, 'setup', 'listCouponTemplates', { filter: { search: '.*' } })).total).toBe(0)
    expect(stored()).toEqual(before)
  })

  it('refuses every offers action to a shop assistant and a shopper, writing nothing', async () => {
    const before = stored()
    const inputs: Record<string, Record<string, unknown>> = {
      listCouponTemplates: {},
      saveCouponTemplate: templateInput(),
      retireCouponTemplate: { templateId: 'points-50off500', acknowledgeInUse: true },
      reactivateCouponTemplate: { templateId: 'points-50off500' },
      listCatalogItems: {},
      saveCatalogItem: itemInput('gift-tote'),
      retireCatalogItem: { itemId: 'tote-bag' },
      reactivateCatalogItem: { itemId: 'tote-bag' },
    }
    for (const [action, input] of Object.entries(inputs)) {
      for (const caller of [assistant, shopper]) {
        expect([action, caller, codeOf(await h.call(caller, 'setup', action as 'saveCatalogItem', input))]).toEqual([
          action,
          caller,
          'FORBIDDEN',
        ])
      }
    }
    expect(stored()).toEqual(before)
  })
})

describe('stock per store', () => {
  const setUp = async (title: string, storeStock: { storeId: string; total: number }[], stockTotal: number | null = null) => {
    const { template } = await h.ok(operator, 'setup', 'saveCouponTemplate', giftTemplateInput({ title: '门店礼品券' }))
    const { item } = await h.ok(operator, 'setup', 'saveCatalogItem', itemInput(template.id, { title, storeStock, stockTotal }))
    return item
  }
  const richShopper = async (scene?: string) => {
    const s = await h.joinedShopper('offers-store', scene ? { scene } : {})
    await givePoints(s.memberNo, 2_000)
    return s
  }
  const atTill = async (staff: string, openid: string, itemId: string, minutes: number) => {
    const clock = new Date(Date.now() + minutes * 60_000).toISOString()
    return h.call(
      staff,
      'staff',
      'redeemPoints',
      { memberCode: await h.tillCode(openid, clock), itemId, requestId: key('till') },
      { clock },
    )
  }
  const item = (id: string) =>
    h.cloud.executor.get('catalog', id) as unknown as { stock: { exchanged: number }; storeStock: Record<string, { exchanged: number }> }

  it('refuses the till of a store with none left while another store still hands it over', async () => {
    const scarf = await setUp('门店限量围巾', [
      { storeId: 'SH001', total: 1 },
      { storeId: 'SH002', total: 2 },
    ])
    const [a, b, c] = [await richShopper(), await richShopper(), await richShopper()]
    expect(codeOf(await atTill(assistant, a.openid, scarf.id, 1))).toBe('ok')
    const points = (openid: string) => (h.cloud.executor.get('members', openid) as unknown as { pointsBalance: number }).pointsBalance
    const ledgerBefore = h.cloud.executor.count('ledger', { memberId: b.openid })
    const refused = await atTill(assistant, b.openid, scarf.id, 2)
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'STORE_OUT_OF_STOCK', message: '「门店限量围巾」在上海静安嘉里中心店已兑完，请选择其他门店' },
    })
    expect([points(b.openid), h.cloud.executor.count('ledger', { memberId: b.openid })]).toEqual([2_000, ledgerBefore])
    expect(codeOf(await atTill(assistantSH002, b.openid, scarf.id, 3))).toBe('ok')
    expect(codeOf(await atTill(assistantSH002, c.openid, scarf.id, 4))).toBe('ok')
    expect(codeOf(await atTill(assistantSH002, c.openid, scarf.id, 5))).toBe('STORE_OUT_OF_STOCK')
    expect(item(scarf.id)).toMatchObject({ stock: { exchanged: 3 }, storeStock: { SH001: { exchanged: 1 }, SH002: { exchanged: 2 } } })

    // Each till lists what its own store has left; the desk shows every store's.
    const listed = async (staff: string) => (await h.ok(staff, 'staff', 'redeemCatalog', {})).items.find((i) => i.id === scarf.id)
    expect(await listed(assistant)).toBeUndefined()
    const [row] = (await h.ok(operator, 'setup', 'listCatalogItems', { filter: { search: '门店限量围巾' }, limit: 1 })).rows
    expect(row.storeStock).toEqual([
      { storeId: 'SH001', storeName: '上海静安嘉里中心店', total: 1, exchanged: 1, left: 0 },
      { storeId: 'SH002', storeName: '上海徐汇港汇恒隆店', total: 2, exchanged: 2, left: 0 },
    ])
    expect(await listed(assistantSH002)).toBeUndefined()
  })

  it('takes the pickup store’s count when a shopper exchanges, the gift collected there only; a race leaves no store below zero', async () => {
    const scarf = await setUp('门店限量手套', [{ storeId: 'SH002', total: 3 }], 10)
    const shoppers = await Promise.all(Array.from({ length: 8 }, () => richShopper()))
    // Without a pickup store: their own store collects it; one with none there is refused by name, nothing taken.
    expect(await h.call(shoppers[0].openid, 'member', 'exchange', { itemId: scarf.id, requestId: key('ex') })).toMatchObject({
      ok: false,
      error: { code: 'STORE_OUT_OF_STOCK', message: '「门店限量手套」按门店发放，请选择领取门店' },
    })
    const ofSH001 = await richShopper(encodeURIComponent('s=SH001&a=A01'))
    expect(await h.call(ofSH001.openid, 'member', 'exchange', { itemId: scarf.id, requestId: key('ex') })).toMatchObject({
      ok: false,
      error: { code: 'STORE_OUT_OF_STOCK', message: '「门店限量手套」在上海静安嘉里中心店已兑完，请选择其他门店' },
    })
    expect((h.cloud.executor.get('members', ofSH001.openid) as unknown as { pointsBalance: number }).pointsBalance).toBe(2_000)
    const results = await Promise.all(
      shoppers.map((s) => h.call(s.openid, 'member', 'exchange', { itemId: scarf.id, requestId: key('ex'), pickupStoreId: 'SH002' })),
    )
    expect(results.filter((r) => r.ok)).toHaveLength(3)
    expect(new Set(results.filter((r) => !r.ok).map(codeOf))).toEqual(new Set(['STORE_OUT_OF_STOCK']))
    expect(item(scarf.id)).toMatchObject({ stock: { exchanged: 3 }, storeStock: { SH002: { exchanged: 3 } } })
    expect(h.cloud.executor.count('ledger', { reason: '兑换：门店限量手套' })).toBe(3)

    const won = results.findIndex((r) => r.ok)
    const coupon = h.cloud.executor.find('coupons', { memberId: shoppers[won].openid, channel: 'exchange' })[0] as unknown as {
      code: string
    }
    expect(results[won]).toMatchObject({ ok: true, data: { coupon: { pickupStore: { id: 'SH002', name: '上海徐汇港汇恒隆店' } } } })
    expect(await h.call(assistant, 'staff', 'redeemGiftCoupon', { code: coupon.code, requestId: key('gift') })).toMatchObject({
      ok: false,
      error: { code: 'COUPON_NOT_APPLICABLE', message: '该礼品请到上海徐汇港汇恒隆店领取' },
    })
    expect(await h.ok(assistantSH002, 'staff', 'redeemGiftCoupon', { code: coupon.code, requestId: key('gift') })).toMatchObject({
      coupon: { status: 'used' },
    })
    expect(
      codeOf(await h.call(shoppers[1].openid, 'member', 'exchange', { itemId: scarf.id, requestId: key('ex'), pickupStoreId: 'NOPE01' })),
    ).toBe('INVALID_INPUT')
  })
  it('loses no exchange to an edit saved at the same moment: the counters are read and written in one transaction', async () => {
    const scarf = await setUp('门店限量帽子', [{ storeId: 'SH002', total: 50 }], 50)
    const shoppers = await Promise.all(Array.from({ length: 6 }, () => richShopper()))
    const edit = { ...itemInput(scarf.template!.id), title: '门店限量帽子', itemId: scarf.id, revision: 1, pointsPrice: 320 }
    const [results, saved] = await Promise.all([
      Promise.all(
        shoppers.map((s) => h.call(s.openid, 'member', 'exchange', { itemId: scarf.id, requestId: key('ex'), pickupStoreId: 'SH002' })),
      ),
      h.call(operator, 'setup', 'saveCatalogItem', { ...edit, storeStock: [{ storeId: 'SH002', total: 40 }], stockTotal: 45 }),
    ])
    expect(codeOf(saved)).toBe('ok')
    const exchanged = results.filter((r) => r.ok).length
    expect(exchanged).toBeGreaterThan(0)
    expect(h.cloud.executor.get('catalog', scarf.id)).toMatchObject({
      pointsPrice: 320,
      stock: { total: 45, exchanged },
      storeStock: { SH002: { total: 40, exchanged } },
    })
    expect(h.cloud.executor.count('ledger', { reason: '兑换：门店限量帽子' })).toBe(exchanged)
  })
})
