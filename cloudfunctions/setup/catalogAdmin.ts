/**
 * The operators' desk for offers: coupon templates (优惠券模板) and the points catalog (积分商城). Lists in the one
 * list shape (src/api/lists.ts); saves that create under the request id (a retry finds the first) or edit on the
 * revision the operator loaded; retiring and reactivating. The rules are in src/domain/offerSetup.ts.
 */
import { createHash } from 'node:crypto'
import type {
  CatalogItemRow,
  CouponTemplateRow,
  SavedCatalogItem,
  SavedCouponTemplate,
  StoreStockRow,
  TemplateUse,
} from '../../src/api/catalogAdmin'
import {
  CatalogItemIdSchema,
  CouponTemplateIdSchema,
  ListCatalogItemsSchema,
  ListCouponTemplatesSchema,
  RetireCouponTemplateSchema,
  SaveCatalogItemSchema,
  SaveCouponTemplateSchema,
  type SaveCatalogItemInput,
  type SaveCouponTemplateInput,
} from '../../src/api/catalogAdminSchemas'
import { stockLeft, type CatalogItem } from '../../src/domain/catalog'
import { benefitText, type CouponTemplate, type CouponValidity } from '../../src/domain/coupons'
import { AppError, fieldRefused } from '../../src/domain/errors'
import {
  catalogItemMatches,
  earlyAccessDates,
  editCatalogItem,
  editTemplate,
  newCatalogItem,
  newTemplate,
  reactivateCatalogItem as decideReactivateItem,
  reactivateTemplate,
  retireCatalogItem as decideRetireItem,
  retireTemplate,
  revisionOf,
  templateMatches,
  validityText,
  type Authored,
  type CatalogItemDraft,
  type TemplateDraft,
} from '../../src/domain/offerSetup'
import type { TierId } from '../../src/domain/program'
import { _, db } from '../_lib/cloud'
import { data, tx, type Filter } from '../_lib/data'
import { imageLinks, requireImage } from '../_lib/images'
import { listPage } from '../_lib/lists'
import { loadProgram, loadStore } from '../_lib/reference'
import { operatorAction, type OperatorContext } from '../_lib/runtime'
import { inTransaction, StaleRead, withFreshReads } from '../_lib/transaction'

const ALL_TIERS: TierId[] = ['member', 'vip', 'gold']

const authored = (ctx: OperatorContext): Authored => ({ by: ctx.operator.operatorId, at: ctx.now })

/** Clients send instants with any offset: stored (and compared on a retry) as UTC ISO. */
const iso = (instant: string) => new Date(instant).toISOString()

/** What a create request carried, as a digest kept on the document: the same request id with other content is refused. */
const digestOf = (draft: unknown): string => createHash('sha256').update(JSON.stringify(draft)).digest('base64url')

/** A title search matches anywhere in the title, any case; the operator's text is taken literally. */
const titleContains = (text: string) => db.RegExp({ regexp: text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), options: 'i' })

const sameRevision = (doc: { revision?: number }, revision: number, what: string): void => {
  if (revisionOf(doc) !== revision) throw new AppError('VERSION_CONFLICT', `该${what}已被他人修改，请刷新后重新编辑`)
}

// ---------------------------------------------------------------------------------------------------------
// Coupon templates

/**
 * What issues each of `templateIds` now: active catalog items, campaigns not closed nor ended, the rules (fresh for
 * a retire, which decides on them; the instance's copy for a list, which shows them).
 */
const templateUses = async (templateIds: string[], now: string, fresh = false): Promise<Map<string, TemplateUse[]>> => {
  const uses = new Map<string, TemplateUse[]>(templateIds.map((id) => [id, []]))
  if (templateIds.length === 0) return uses
  const [items, campaigns, rules] = await Promise.all([
    data.catalog
      .where({ templateId: _.in(templateIds), active: true })
      .limit(1000)
      .get(),
    data.campaigns
      .where({ templateId: _.in(templateIds), status: _.in(['active', 'issuing']), endsAt: _.gt(now) })
      .limit(1000)
      .get(),
    loadProgram({ fresh }),
  ])
  for (const item of items) uses.get(item.templateId)?.push({ kind: 'catalog', id: item._id, title: item.title })
  for (const c of campaigns) uses.get(c.templateId)?.push({ kind: 'campaign', id: c._id, title: c.title })
  const ruleUses: [string | null, string, string][] = [
    [rules.coupons.welcomeTemplateId, 'coupons.welcomeTemplateId', '新会员礼券'],
    [rules.coupons.birthdayTemplateId, 'coupons.birthdayTemplateId', '生日券'],
    [rules.referral.inviteeCouponTemplateId, 'referral.inviteeCouponTemplateId', '好友邀请礼券'],
  ]
  for (const [templateId, rule, title] of ruleUses) if (templateId) uses.get(templateId)?.push({ kind: 'rules', id: rule, title })
  return uses
}

const templateRow = (t: CouponTemplate, usedBy: TemplateUse[]): CouponTemplateRow => ({
  id: t._id,
  title: t.title,
  note: t.note,
  benefit: t.benefit,
  benefitText: benefitText(t.benefit),
  validity: t.validity,
  validityText: validityText(t.validity),
  tiers: t.tiers,
  stock: {
    total: t.stock.total,
    issued: t.stock.total === null ? null : t.stock.issued,
    left: t.stock.total === null ? null : Math.max(0, t.stock.total - t.stock.issued),
  },
  combinesWithVipPrice: t.combinesWithVipPrice,
  active: t.active,
  createdAt: t.createdAt || null,
  updatedAt: t.updatedAt ?? null,
  revision: revisionOf(t),
  usedBy,
})

const templateRowOf = async (t: CouponTemplate, now: string) => templateRow(t, (await templateUses([t._id], now)).get(t._id) ?? [])

/** Templates by state, kind of benefit, tier and title, newest first by default (those made before the desk last). */
export const listCouponTemplates = operatorAction(
  'catalog',
  ListCouponTemplatesSchema,
  async ({ filter = {}, sort, cursor, limit }, ctx) => {
    const where: Filter<CouponTemplate> = {
      ...(filter.active !== undefined ? { active: filter.active } : {}),
      ...(filter.kind ? { 'benefit.kind': filter.kind } : {}),
      ...(filter.tier ? { tiers: _.all([filter.tier]) } : {}),
      ...(filter.search ? { title: titleContains(filter.search) } : {}),
    }
    const page = await listPage(data.couponTemplates, {
      where,
      sortBy: sort?.by ?? 'createdAt',
      order: sort?.order ?? 'desc',
      cursor,
      limit,
    })
    const uses = await templateUses(
      page.rows.map((t) => t._id),
      ctx.now,
    )
    return { ...page, rows: page.rows.map((t) => templateRow(t, uses.get(t._id) ?? [])) }
  },
)

const templateDraft = (input: SaveCouponTemplateInput): TemplateDraft => {
  const validity: CouponValidity =
    input.validity.kind === 'fixed' ? { kind: 'fixed', from: iso(input.validity.from), until: iso(input.validity.until) } : input.validity
  return {
    title: input.title,
    note: input.note,
    benefit: input.benefit,
    validity,
    tiers: ALL_TIERS.filter((t) => input.tiers.includes(t)),
    stockTotal: input.stockTotal,
    combinesWithVipPrice: input.combinesWithVipPrice,
  }
}

/**
 * Creates a template (no `templateId`: its id is `tpl-<requestId>`, so a retry finds it) or edits one on the
 * revision the operator loaded. An edit applies to coupons issued after it (each coupon copied what it promised).
 */
export const saveCouponTemplate = operatorAction('catalog', SaveCouponTemplateSchema, async (input, ctx): Promise<SavedCouponTemplate> => {
  const draft = templateDraft(input)
  const who = authored(ctx)
  if (input.templateId === undefined) {
    const id = `tpl-${input.requestId}`
    const digest = digestOf(draft)
    const { template, replayed } = await inTransaction(async (t) => {
      const existing = await tx(t).couponTemplates.get(id)
      if (existing) {
        if (existing.requestDigest !== digest) throw new AppError('IDEMPOTENCY_CONFLICT', '该请求已用于创建另一个券模板，请重新创建')
        return { template: existing, replayed: true }
      }
      const created = newTemplate(id, draft, who, digest)
      await tx(t).couponTemplates.add(created)
      return { template: created, replayed: false }
    })
    return { template: await templateRowOf(template, ctx.now), created: true, replayed }
  }

  const templateId = input.templateId
  const revision = input.revision!
  const { template, replayed } = await withFreshReads(async () => {
    const before = await data.couponTemplates.get(templateId)
    if (!before) throw fieldRefused('templateId', '券模板不存在')
    // An unlimited template keeps no issued counter: a switch to a limited stock starts from the coupons issued so
    // far (a count, which a transaction cannot run: read first, and again if the stock changed meanwhile).
    const counted = before.stock.total === null && draft.stockTotal !== null
    const issuedSoFar = counted ? await data.coupons.where({ templateId }).count() : 0
    return inTransaction(async (t) => {
      const current = await tx(t).couponTemplates.get(templateId)
      if (!current) throw fieldRefused('templateId', '券模板不存在')
      if (templateMatches(current, draft)) return { template: current, replayed: true }
      sameRevision(current, revision, '券模板')
      if (current.stock.total === null && draft.stockTotal !== null && !counted) throw new StaleRead()
      const edited = editTemplate(current, draft, who, issuedSoFar)
      await tx(t).couponTemplates.put(edited)
      return { template: edited, replayed: false }
    })
  })
  return { template: await templateRowOf(template, ctx.now), created: false, replayed }
})

/**
 * Retires a template: nothing more is issued from it; coupons held stay valid. Whatever still issues it (catalog
 * items, live campaigns, the rules) is named in an IN_USE refusal unless the operator acknowledged it.
 */
export const retireCouponTemplate = operatorAction('catalog', RetireCouponTemplateSchema, async ({ templateId, acknowledgeInUse }, ctx) => {
  const uses = (await templateUses([templateId], ctx.now, true)).get(templateId) ?? []
  const { template, changed } = await inTransaction(async (t) => {
    const current = await tx(t).couponTemplates.get(templateId)
    if (!current) throw fieldRefused('templateId', '券模板不存在')
    const retired = retireTemplate(current, uses, acknowledgeInUse, authored(ctx))
    if (retired) await tx(t).couponTemplates.put(retired)
    return { template: retired ?? current, changed: retired !== null }
  })
  return { template: templateRow(template, uses), changed }
})

export const reactivateCouponTemplate = operatorAction('catalog', CouponTemplateIdSchema, async ({ templateId }, ctx) => {
  const { template, changed } = await inTransaction(async (t) => {
    const current = await tx(t).couponTemplates.get(templateId)
    if (!current) throw fieldRefused('templateId', '券模板不存在')
    const active = reactivateTemplate(current, authored(ctx))
    if (active) await tx(t).couponTemplates.put(active)
    return { template: active ?? current, changed: active !== null }
  })
  return { template: await templateRowOf(template, ctx.now), changed }
})

// ---------------------------------------------------------------------------------------------------------
// Catalog items

/** Rows for a page of items: each template read once (one query), each store once (cached), links in one call. */
const catalogRows = async (items: CatalogItem[]): Promise<CatalogItemRow[]> => {
  const templateIds = [...new Set(items.map((i) => i.templateId))]
  const storeIds = [...new Set(items.flatMap((i) => Object.keys(i.storeStock ?? {})))]
  const [templates, stores, links] = await Promise.all([
    templateIds.length > 0 ? data.couponTemplates.where({ _id: _.in(templateIds) }).get() : [],
    Promise.all(storeIds.map(loadStore)),
    imageLinks(items.map((i) => i.image ?? '')),
  ])
  const templateById = new Map(templates.map((t) => [t._id, t]))
  const storeName = new Map(storeIds.map((id, i) => [id, stores[i]?.name ?? '']))
  return items.map((item): CatalogItemRow => {
    const template = templateById.get(item.templateId)
    const storeStock: StoreStockRow[] | null = item.storeStock
      ? Object.entries(item.storeStock)
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([storeId, s]) => ({
            storeId,
            storeName: storeName.get(storeId) ?? '',
            total: s.total,
            exchanged: s.exchanged,
            left: Math.max(0, s.total - s.exchanged),
          }))
      : null
    return {
      id: item._id,
      title: item.title,
      description: item.description,
      image: item.image ?? '',
      imageUrl: links.get(item.image ?? '') ?? '',
      pointsPrice: item.pointsPrice,
      template: template
        ? {
            id: template._id,
            title: template.title,
            benefitText: benefitText(template.benefit),
            gift: template.benefit.kind === 'gift',
            active: template.active,
          }
        : null,
      stock: { total: item.stock.total, exchanged: item.stock.exchanged, left: stockLeft(item) },
      storeStock,
      perMemberLimit: item.perMemberLimit,
      tiers: item.tiers ?? ALL_TIERS,
      earlyAccess: earlyAccessDates(item.earlyAccess),
      sort: item.sort,
      active: item.active,
      updatedAt: item.updatedAt ?? null,
      revision: revisionOf(item),
    }
  })
}

const catalogRow = async (item: CatalogItem) => (await catalogRows([item]))[0]

/** Items by state, tier (an item without tiers is for every tier), early access and title; display order by default. */
export const listCatalogItems = operatorAction('catalog', ListCatalogItemsSchema, async ({ filter = {}, sort, cursor, limit }) => {
  const conditions: Filter<CatalogItem>[] = [
    {
      ...(filter.active !== undefined ? { active: filter.active } : {}),
      ...(filter.earlyAccess !== undefined ? { earlyAccess: filter.earlyAccess ? _.neq(null) : null } : {}),
      ...(filter.search ? { title: titleContains(filter.search) } : {}),
    },
  ]
  if (filter.tier) conditions.push(_.or([{ tiers: _.all([filter.tier]) }, { tiers: _.exists(false) }]))
  const page = await listPage(data.catalog, {
    where: conditions.length === 1 ? conditions[0] : _.and(conditions as object[]),
    sortBy: sort?.by ?? 'sort',
    order: sort?.order ?? 'asc',
    cursor,
    limit,
  })
  return { ...page, rows: await catalogRows(page.rows) }
})

const IMAGE_MISSING = '商品图片不存在，请重新上传'

const catalogDraft = (input: SaveCatalogItemInput): CatalogItemDraft => ({
  title: input.title,
  description: input.description,
  image: input.image,
  pointsPrice: input.pointsPrice,
  templateId: input.templateId,
  tiers: ALL_TIERS.filter((t) => input.tiers.includes(t)),
  perMemberLimit: input.perMemberLimit,
  earlyAccess: input.earlyAccess ? { opensAt: iso(input.earlyAccess.opensAt), vipDays: input.earlyAccess.vipDays } : null,
  sort: input.sort,
  stockTotal: input.stockTotal,
  storeStock: input.storeStock,
})

/** Every store named for per-store stock exists (each read once per instance, cached). */
const requireStores = async (storeStock: CatalogItemDraft['storeStock']): Promise<void> => {
  const stores = await Promise.all((storeStock ?? []).map((s) => loadStore(s.storeId)))
  const missing = stores.findIndex((s) => !s)
  if (missing >= 0) throw fieldRefused(`storeStock.${missing}.storeId`, '门店不存在')
}

/**
 * Creates a catalog item (no `itemId`: its id is `item-<requestId>`) or edits one on the revision the operator
 * loaded. Its picture must be in storage; what it issues must be an active template for its tiers (a gift, for
 * per-store stock); a total or a store's stock never drops below what was exchanged.
 */
export const saveCatalogItem = operatorAction('catalog', SaveCatalogItemSchema, async (input, ctx): Promise<SavedCatalogItem> => {
  const draft = catalogDraft(input)
  const who = authored(ctx)
  await requireImage(draft.image, 'image', IMAGE_MISSING)
  await requireStores(draft.storeStock)
  if (input.itemId === undefined) {
    const id = `item-${input.requestId}`
    const digest = digestOf(draft)
    const { item, replayed } = await inTransaction(async (t) => {
      const existing = await tx(t).catalog.get(id)
      if (existing) {
        if (existing.requestDigest !== digest) throw new AppError('IDEMPOTENCY_CONFLICT', '该请求已用于创建另一件商品，请重新创建')
        return { item: existing, replayed: true }
      }
      const created = newCatalogItem(id, draft, await tx(t).couponTemplates.get(draft.templateId), who, digest)
      await tx(t).catalog.add(created)
      return { item: created, replayed: false }
    })
    return { item: await catalogRow(item), created: true, replayed }
  }

  const itemId = input.itemId
  const revision = input.revision!
  const { item, replayed } = await inTransaction(async (t) => {
    const current = await tx(t).catalog.get(itemId)
    if (!current) throw fieldRefused('itemId', '商品不存在')
    if (catalogItemMatches(current, draft)) return { item: current, replayed: true }
    sameRevision(current, revision, '商品')
    const edited = editCatalogItem(current, draft, await tx(t).couponTemplates.get(draft.templateId), who)
    await tx(t).catalog.put(edited)
    return { item: edited, replayed: false }
  })
  return { item: await catalogRow(item), created: false, replayed }
})

/** Takes an item off the catalog (shoppers and tills no longer see it); coupons exchanged stay valid. */
export const retireCatalogItem = operatorAction('catalog', CatalogItemIdSchema, async ({ itemId }, ctx) => {
  const { item, changed } = await inTransaction(async (t) => {
    const current = await tx(t).catalog.get(itemId)
    if (!current) throw fieldRefused('itemId', '商品不存在')
    const retired = decideRetireItem(current, authored(ctx))
    if (retired) await tx(t).catalog.put(retired)
    return { item: retired ?? current, changed: retired !== null }
  })
  return { item: await catalogRow(item), changed }
})

/** Puts a retired item back, if its template is still issued. */
export const reactivateCatalogItem = operatorAction('catalog', CatalogItemIdSchema, async ({ itemId }, ctx) => {
  const { item, changed } = await inTransaction(async (t) => {
    const current = await tx(t).catalog.get(itemId)
    if (!current) throw fieldRefused('itemId', '商品不存在')
    const active = decideReactivateItem(current, await tx(t).couponTemplates.get(current.templateId), authored(ctx))
    if (active) await tx(t).catalog.put(active)
    return { item: active ?? current, changed: active !== null }
  })
  return { item: await catalogRow(item), changed }
})
