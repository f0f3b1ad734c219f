/**
 * Setting up offers (src/domain/offerSetup.ts) and the catalog's per-store stock (src/domain/catalog.ts): what an
 * edit may change once coupons went out, what retiring a template in use takes, and the store's count taken where
 * the gift is handed over.
 */
import { exchange, exchangeAtTill, stockLeftAt, tillCatalog, type CatalogItem } from '../../src/domain/catalog'
import { couponProblem, issueCoupon, pickupProblem, type CouponTemplate } from '../../src/domain/coupons'
import { DEFAULT_CATALOG, DEFAULT_COUPON_TEMPLATES } from '../../src/domain/defaultOffers'
import {
  catalogItemMatches,
  earlyAccessDates,
  editCatalogItem,
  editTemplate,
  newCatalogItem,
  newTemplate,
  reactivateCatalogItem,
  retireTemplate,
  templateMatches,
  validityText,
  type CatalogItemDraft,
  type TemplateDraft,
} from '../../src/domain/offerSetup'
import { credit } from '../../src/domain/points'
import { DEFAULT_PROGRAM } from '../../src/domain/program'
import { at, joinedMember, staffActor } from '../support/members'

const who = { by: 'OP01', at: at('2026-11-20T10:00:00') }
const later = { by: 'OP02', at: at('2026-11-21T10:00:00') }
const template = (id: string) => DEFAULT_COUPON_TEMPLATES.find((t) => t._id === id)!
const gift = template('gift-tote')
const welcome = template('welcome-20off200')

const draftOf = (t: CouponTemplate, change: Partial<TemplateDraft> = {}): TemplateDraft => ({
  title: t.title,
  note: t.note,
  benefit: t.benefit,
  validity: t.validity,
  tiers: t.tiers,
  stockTotal: t.stock.total,
  combinesWithVipPrice: t.combinesWithVipPrice,
  ...change,
})

const refusedOn = (field: string) =>
  expect.objectContaining({ code: 'INVALID_INPUT', details: { fields: [expect.objectContaining({ field })] } })

describe('editing a coupon template', () => {
  const member = joinedMember()
  const issueAt = at('2026-11-20T12:00:00')

  it('leaves coupons already issued as they were promised: an edit applies only to those issued after it', () => {
    const { coupon: before } = issueCoupon(welcome, member, { key: 'k1', code: '123456789012', channel: 'welcome', at: issueAt })
    const edited = editTemplate(
      welcome,
      draftOf(welcome, {
        title: '新会员礼券（新版）',
        benefit: { kind: 'amountOff', amountOffFen: 1_000, minSpendFen: 30_000 },
        validity: { kind: 'daysFromIssue', days: 7 },
        tiers: ['vip'],
      }),
      later,
      0,
    )
    expect(before).toMatchObject({
      title: '新会员礼券',
      benefit: { amountOffFen: 2_000, minSpendFen: 20_000 },
      tiers: ['member', 'vip', 'gold'],
      validUntil: at('2026-12-20T00:00:00'),
    })
    // The member's coupon still applies on its old terms after the edit.
    expect(couponProblem(before, member, 20_000, at('2026-12-19T12:00:00'))).toBeNull()
    expect(edited).toMatchObject({ title: '新会员礼券（新版）', revision: 2, updatedBy: 'OP02', updatedAt: later.at })
  })

  it('keeps the kind of benefit it was created with', () => {
    expect(() => editTemplate(welcome, draftOf(welcome, { benefit: { kind: 'percentOff', percentOff: 10 } }), later, 0)).toThrow(
      refusedOn('benefit.kind'),
    )
  })

  it('never limits the stock below what has gone out, counting an unlimited template’s coupons when it becomes limited', () => {
    const limited = { ...welcome, stock: { total: 100, issued: 40 } }
    expect(() => editTemplate(limited, draftOf(limited, { stockTotal: 39 }), later, 0)).toThrow(refusedOn('stockTotal'))
    expect(editTemplate(limited, draftOf(limited, { stockTotal: 40 }), later, 0).stock).toEqual({ total: 40, issued: 40 })
    // Unlimited so far: no counter was kept, the coupons issued (here 25) are the count.
    expect(() => editTemplate(welcome, draftOf(welcome, { stockTotal: 24 }), later, 25)).toThrow(refusedOn('stockTotal'))
    expect(editTemplate(welcome, draftOf(welcome, { stockTotal: 30 }), later, 25).stock).toEqual({ total: 30, issued: 25 })
  })

  it('refuses a fixed window that has already ended when it is set, not when an edit leaves it as it was', () => {
    const ended = { kind: 'fixed' as const, from: at('2026-10-01T00:00:00'), until: at('2026-11-01T00:00:00') }
    expect(() => newTemplate('tpl-1', draftOf(welcome, { validity: ended }), who, 'd')).toThrow(refusedOn('validity.until'))
    expect(() => editTemplate(welcome, draftOf(welcome, { validity: ended }), later, 0)).toThrow(refusedOn('validity.until'))
    const old = { ...welcome, validity: ended }
    expect(editTemplate(old, draftOf(old, { title: '旧活动券' }), later, 0).title).toBe('旧活动券')
  })

  it('tells a retried save that already applied from a new one', () => {
    const created = newTemplate('tpl-1', draftOf(welcome), who, 'digest')
    expect(templateMatches(created, draftOf(welcome))).toBe(true)
    expect(templateMatches(created, draftOf(welcome, { note: '另一段说明' }))).toBe(false)
    // The same benefit written in another key order (a seeded document) is the same benefit.
    expect(templateMatches(created, draftOf(welcome, { benefit: { minSpendFen: 20_000, amountOffFen: 2_000, kind: 'amountOff' } }))).toBe(
      true,
    )
    expect(created).toMatchObject({ active: true, revision: 1, stock: { issued: 0 }, createdAt: who.at, createdBy: 'OP01' })
  })

  it('says how long it is valid in the desk’s words, the last day of a fixed window included', () => {
    expect(validityText({ kind: 'daysFromIssue', days: 30 })).toBe('领取后 30 天内有效')
    expect(validityText({ kind: 'birthdayMonth' })).toBe('生日当月有效')
    expect(validityText({ kind: 'fixed', from: at('2026-12-01T00:00:00'), until: at('2027-01-01T00:00:00') })).toBe(
      '2026-12-01 至 2026-12-31',
    )
  })
})

describe('retiring a coupon template', () => {
  const uses = [
    { kind: 'catalog' as const, id: 'tote-bag', title: '品牌帆布袋' },
    { kind: 'rules' as const, id: 'coupons.welcomeTemplateId', title: '新会员礼券' },
  ]

  it('names what still issues it and retires it only once the operator says yes', () => {
    expect(() => retireTemplate(gift, uses, false, later)).toThrow(
      expect.objectContaining({ code: 'IN_USE', message: expect.stringContaining('积分商城「品牌帆布袋」、会员规则「新会员礼券」') }),
    )
    expect(retireTemplate(gift, uses, true, later)).toMatchObject({ active: false, revision: 2, updatedBy: 'OP02' })
    expect(retireTemplate(gift, [], false, later)).toMatchObject({ active: false })
  })

  it('changes nothing when already retired', () => {
    expect(retireTemplate({ ...gift, active: false }, uses, false, later)).toBeNull()
  })
})

const itemDraft = (change: Partial<CatalogItemDraft> = {}): CatalogItemDraft => ({
  title: '羊绒围巾',
  description: '兑换后凭券到店领取',
  image: '',
  pointsPrice: 2_000,
  templateId: 'gift-tote',
  tiers: ['vip', 'gold'],
  perMemberLimit: 1,
  earlyAccess: null,
  sort: 5,
  stockTotal: null,
  storeStock: [
    { storeId: 'SH001', total: 1 },
    { storeId: 'SH002', total: 3 },
  ],
  ...change,
})

describe('saving a catalog item', () => {
  it('takes per-store stock only for a gift, and tiers only that its template allows', () => {
    expect(newCatalogItem('item-1', itemDraft(), gift, who, 'd').storeStock).toEqual({
      SH001: { total: 1, exchanged: 0 },
      SH002: { total: 3, exchanged: 0 },
    })
    expect(() => newCatalogItem('item-1', itemDraft({ templateId: welcome._id }), welcome, who, 'd')).toThrow(refusedOn('storeStock'))
    const vipOnly = { ...gift, tiers: ['vip' as const] }
    expect(() => newCatalogItem('item-1', itemDraft(), vipOnly, who, 'd')).toThrow(refusedOn('tiers'))
    expect(() => newCatalogItem('item-1', itemDraft(), { ...gift, active: false }, who, 'd')).toThrow(refusedOn('templateId'))
    expect(() => newCatalogItem('item-1', itemDraft(), null, who, 'd')).toThrow(refusedOn('templateId'))
  })

  it('never sets a total or a store’s stock below what went out, and keeps a dropped store’s history', () => {
    const item: CatalogItem = {
      ...newCatalogItem('item-1', itemDraft({ stockTotal: 10 }), gift, who, 'd'),
      stock: { total: 10, exchanged: 4 },
      storeStock: { SH001: { total: 1, exchanged: 1 }, SH002: { total: 3, exchanged: 3 } },
    }
    expect(() => editCatalogItem(item, itemDraft({ stockTotal: 3 }), gift, later)).toThrow(refusedOn('stockTotal'))
    expect(() => editCatalogItem(item, itemDraft({ stockTotal: 10, storeStock: [{ storeId: 'SH002', total: 2 }] }), gift, later)).toThrow(
      refusedOn('storeStock.0.total'),
    )
    const edited = editCatalogItem(item, itemDraft({ stockTotal: 10, storeStock: [{ storeId: 'SH002', total: 8 }] }), gift, later)
    expect(edited.storeStock).toEqual({ SH002: { total: 8, exchanged: 3 }, SH001: { total: 1, exchanged: 1 } })
    expect(edited).toMatchObject({ stock: { total: 10, exchanged: 4 }, revision: 2, updatedBy: 'OP02' })
    expect(catalogItemMatches(edited, itemDraft({ stockTotal: 10, storeStock: [{ storeId: 'SH002', total: 8 }] }))).toBe(true)
    expect(catalogItemMatches(edited, itemDraft({ stockTotal: 10, storeStock: [{ storeId: 'SH002', total: 9 }] }))).toBe(false)
  })

  it('keeps a retired item off until its template is issued again', () => {
    const retired = { ...newCatalogItem('item-1', itemDraft(), gift, who, 'd'), active: false }
    expect(() => reactivateCatalogItem(retired, { ...gift, active: false }, later)).toThrow(
      expect.objectContaining({ code: 'COUPON_NOT_AVAILABLE' }),
    )
    expect(reactivateCatalogItem(retired, gift, later)).toMatchObject({ active: true, revision: 2 })
    expect(reactivateCatalogItem({ ...retired, active: true }, gift, later)).toBeNull()
  })

  it('gives the early-access dates the desk shows: VIP and gold the given days before everyone', () => {
    expect(earlyAccessDates({ opensAt: at('2026-12-10T10:00:00'), vipDays: 3 })).toEqual({
      opensAt: at('2026-12-10T10:00:00'),
      vipOpensAt: at('2026-12-07T10:00:00'),
      vipDays: 3,
    })
    expect(earlyAccessDates(null)).toBeNull()
  })
})

describe('stock per store', () => {
  const scarf: CatalogItem = { ...newCatalogItem('item-1', itemDraft({ tiers: ['member', 'vip', 'gold'] }), gift, who, 'd') }
  const rich = credit(joinedMember(), 10_000, at('2028-01-01T00:00:00')) // the third argument is when they expire
  const SH001 = { storeId: 'SH001', storeName: '上海静安嘉里中心店' }
  const SH002 = { storeId: 'SH002', storeName: '上海徐汇港汇恒隆店' }
  const input = (handOver: typeof SH001 | null, key = 'r1') => ({
    requestKey: `o-1:${key}`,
    couponCode: '123456789012',
    at: at('2026-11-22T12:00:00'),
    handOver,
  })

  it('takes the handing-over store’s count with the total, and the gift is collected at that store only', () => {
    const d = exchange(rich, scarf, gift, null, input(SH001), DEFAULT_PROGRAM)
    expect(d.item.storeStock).toEqual({ SH001: { total: 1, exchanged: 1 }, SH002: { total: 3, exchanged: 0 } })
    expect(d.item.stock.exchanged).toBe(1)
    expect(d.coupon.pickupStore).toEqual({ id: 'SH001', name: '上海静安嘉里中心店' })
    expect(pickupProblem(d.coupon, 'SH002')).toMatchObject({ reason: 'otherStore', message: '该礼品请到上海静安嘉里中心店领取' })
    expect(pickupProblem(d.coupon, 'SH001')).toBeNull()
  })

  it('refuses a store with none left by name while another store still has some', () => {
    const taken = exchange(rich, scarf, gift, null, input(SH001), DEFAULT_PROGRAM).item
    expect(() => exchange(rich, taken, gift, null, input(SH001, 'r2'), DEFAULT_PROGRAM)).toThrow(
      expect.objectContaining({ code: 'STORE_OUT_OF_STOCK', message: '「羊绒围巾」在上海静安嘉里中心店已兑完，请选择其他门店' }),
    )
    expect(exchange(rich, taken, gift, null, input(SH002, 'r2'), DEFAULT_PROGRAM).item.storeStock).toMatchObject({
      SH002: { exchanged: 1 },
    })
    // A store not named has none; an item with per-store stock needs a store.
    expect(() => exchange(rich, scarf, gift, null, input({ storeId: 'BJ001', storeName: '北京店' }), DEFAULT_PROGRAM)).toThrow(
      expect.objectContaining({ code: 'STORE_OUT_OF_STOCK' }),
    )
    expect(() => exchange(rich, scarf, gift, null, input(null), DEFAULT_PROGRAM)).toThrow(
      expect.objectContaining({ code: 'STORE_OUT_OF_STOCK' }),
    )
  })

  it('hands a till exchange over at the till’s store, and leaves items without per-store stock as they were', () => {
    const d = exchangeAtTill(
      rich,
      scarf,
      gift,
      null,
      { ...input(SH002), actor: { ...staffActor, storeId: 'SH002' }, handOver: SH002 },
      DEFAULT_PROGRAM,
    )
    expect(d.item.storeStock?.SH002).toEqual({ total: 3, exchanged: 1 })
    expect(d.coupon).toMatchObject({ state: 'used', pickupStore: { id: 'SH002' } })
    const tote = DEFAULT_CATALOG.find((i) => i._id === 'tote-bag')!
    const plain = exchange(rich, tote, gift, null, input(SH001), DEFAULT_PROGRAM)
    expect(plain.item.storeStock).toBeUndefined()
    expect(plain.coupon.pickupStore).toBeUndefined()
  })

  it('shows each till what its own store has left, the total permitting', () => {
    const limited = { ...scarf, stock: { total: 2, exchanged: 0 } }
    expect(stockLeftAt(limited, 'SH002')).toBe(2)
    expect(stockLeftAt(limited, 'SH001')).toBe(1)
    expect(stockLeftAt(limited, 'BJ001')).toBe(0)
    expect(stockLeftAt({ ...scarf, storeStock: null }, 'SH001')).toBeNull()
    const sold = { ...scarf, _id: 'sold', storeStock: { SH001: { total: 1, exchanged: 1 }, SH002: { total: 3, exchanged: 0 } } }
    expect(tillCatalog([sold], 'SH001')).toEqual([])
    expect(tillCatalog([sold], 'SH002')).toEqual([sold])
  })

  it('refuses a tier the item is not for', () => {
    const vipScarf = { ...scarf, tiers: ['vip' as const, 'gold' as const] }
    expect(() => exchange(rich, vipScarf, gift, null, input(SH001), DEFAULT_PROGRAM)).toThrow(
      expect.objectContaining({ code: 'COUPON_NOT_AVAILABLE', message: '「羊绒围巾」仅限VIP会员、金卡会员兑换' }),
    )
  })
})
