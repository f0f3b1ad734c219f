/**
 * Setting up offers (the operators' desk: 优惠券模板 and 积分商城): what a save of a coupon template or a catalog
 * item may change, and when a template may be retired. Pure: the adapter reads the current document (and the few
 * facts below) in its transaction and writes what these return.
 *
 * What an issued coupon promised stays promised without limiting edits much: a coupon copies at issue everything
 * the member reads and the till checks (title, note, benefit, tiers, combining with the VIP price, and its own
 * validity window: domain/coupons `issueCoupon`). So an edit applies to coupons issued after it and never rewrites
 * one already held. Two things are limited all the same:
 * - the kind of benefit is fixed once created (a 7折 template that becomes a gift is another coupon: a new
 *   template), and catalog items with per-store stock rely on their template staying a gift;
 * - a limited stock never drops below what has gone out.
 */
import { createdTrail, type Authored } from './editTrail'
import { vipOpensAt, type EarlyAccess } from './access'
import type { CatalogItem, StoreStock } from './catalog'
import { tierWords, type CouponBenefit, type CouponTemplate, type CouponValidity } from './coupons'
import { AppError, fieldRefused } from './errors'
import type { TierId } from './program'
import { businessTime, isBefore, type Instant } from './time'

/** What an operator edits on a template (the counters and the audit are the server's). */
export interface TemplateDraft {
  title: string
  note: string
  benefit: CouponBenefit
  validity: CouponValidity
  tiers: TierId[]
  /** Null = unlimited. */
  stockTotal: number | null
  combinesWithVipPrice: boolean
}

export type { Authored }

/** A fixed window that has ended issues coupons already expired: refused when set (kept when an edit leaves it). */
const checkWindowOpen = (validity: CouponValidity, now: Instant): void => {
  if (validity.kind === 'fixed' && !isBefore(now, validity.until)) throw fieldRefused('validity.until', '失效时间已过，请重新选择')
}

export const newTemplate = (id: string, draft: TemplateDraft, who: Authored, requestDigest: string): CouponTemplate => {
  checkWindowOpen(draft.validity, who.at)
  return {
    _id: id,
    title: draft.title,
    note: draft.note,
    benefit: draft.benefit,
    validity: draft.validity,
    tiers: draft.tiers,
    stock: { total: draft.stockTotal, issued: 0 },
    combinesWithVipPrice: draft.combinesWithVipPrice,
    ...createdTrail(who, requestDigest),
  }
}

/** A template's revision (1 for one made before revisions were kept). */
export const revisionOf = (doc: { revision?: number }): number => doc.revision ?? 1

/** Whether `draft` says what `template` holds (a retried save that already applied). */
export const templateMatches = (template: CouponTemplate, draft: TemplateDraft): boolean =>
  sameJson(
    [
      template.title,
      template.note,
      template.benefit,
      template.validity,
      template.tiers,
      template.stock.total,
      template.combinesWithVipPrice,
    ],
    [draft.title, draft.note, draft.benefit, draft.validity, draft.tiers, draft.stockTotal, draft.combinesWithVipPrice],
  )

/**
 * An edit of a template. `issuedSoFar` counts the coupons ever issued from it: an unlimited template keeps no
 * counter (issuing it takes no lock), so a switch to a limited stock starts from that count.
 */
export const editTemplate = (current: CouponTemplate, draft: TemplateDraft, who: Authored, issuedSoFar: number): CouponTemplate => {
  if (draft.benefit.kind !== current.benefit.kind) {
    throw fieldRefused('benefit.kind', '券类型创建后不能修改（已发出的券不受影响）；如需其他类型，请新建券模板')
  }
  if (!sameJson(draft.validity, current.validity)) checkWindowOpen(draft.validity, who.at)
  const issued = current.stock.total === null ? issuedSoFar : current.stock.issued
  if (draft.stockTotal !== null && draft.stockTotal < issued) {
    throw fieldRefused('stockTotal', `已发出 ${issued} 张，发放总量不能少于 ${issued}`)
  }
  return {
    ...current,
    title: draft.title,
    note: draft.note,
    benefit: draft.benefit,
    validity: draft.validity,
    tiers: draft.tiers,
    stock: { total: draft.stockTotal, issued: draft.stockTotal === null ? current.stock.issued : issued },
    combinesWithVipPrice: draft.combinesWithVipPrice,
    // Made before the desk: '' (unknown, older than any instant) keeps it in the lists' order by creation.
    createdAt: current.createdAt ?? '',
    updatedAt: who.at,
    updatedBy: who.by,
    revision: revisionOf(current) + 1,
  }
}

/** Something that issues a template: while it is live, retiring the template stops it too. */
export interface TemplateUse {
  kind: 'catalog' | 'campaign' | 'rules'
  id: string
  title: string
}

const USE_WORDS: Record<TemplateUse['kind'], string> = { catalog: '积分商城', campaign: '领券活动', rules: '会员规则' }

/** "积分商城「品牌帆布袋」、会员规则「新会员礼券」": what still issues a template, in the desk's words. */
export const templateUsesText = (uses: readonly TemplateUse[]): string => uses.map((u) => `${USE_WORDS[u.kind]}「${u.title}」`).join('、')

/**
 * Retires a template: nothing more is issued from it (coupons already held stay valid). While catalog items, live
 * campaigns or the rules name it, the operator must say yes to stopping them too (IN_USE names them); retiring a
 * retired template changes nothing.
 */
export const retireTemplate = (
  template: CouponTemplate,
  uses: readonly TemplateUse[],
  acknowledged: boolean,
  who: Authored,
): CouponTemplate | null => {
  if (!template.active) return null
  if (uses.length > 0 && !acknowledged) {
    throw new AppError('IN_USE', `「${template.title}」正在使用中：${templateUsesText(uses)}。停用后它们将无法再发放此券，确认后再停用`, {
      uses,
    })
  }
  return { ...template, active: false, updatedAt: who.at, updatedBy: who.by, revision: revisionOf(template) + 1 }
}

/** Reactivates a retired template (issuing resumes where its stock left off); an active one changes nothing. */
export const reactivateTemplate = (template: CouponTemplate, who: Authored): CouponTemplate | null =>
  template.active ? null : { ...template, active: true, updatedAt: who.at, updatedBy: who.by, revision: revisionOf(template) + 1 }

const day = (instant: Instant) => businessTime(instant).format('YYYY-MM-DD')

/** "领取后 30 天内有效", "生日当月有效", "2026-12-01 至 2026-12-31": a template's validity for the desk's table. */
export const validityText = (validity: CouponValidity): string => {
  switch (validity.kind) {
    case 'daysFromIssue':
      return `领取后 ${validity.days} 天内有效`
    case 'birthdayMonth':
      return '生日当月有效'
    case 'fixed':
      // `until` is exclusive: the last valid day is the one before it.
      return `${day(validity.from)} 至 ${day(new Date(Date.parse(validity.until) - 1).toISOString())}`
  }
}

/** What an operator edits on a catalog item (the counters and the audit are the server's). */
export interface CatalogItemDraft {
  title: string
  description: string
  /** A fileID under images/catalog/, or '' for none. */
  image: string
  pointsPrice: number
  templateId: string
  tiers: TierId[]
  perMemberLimit: number | null
  earlyAccess: EarlyAccess | null
  sort: number
  /** Null = unlimited in all. */
  stockTotal: number | null
  /** Null = no per-store limit; else each store that hands the gift over and how many it was given. */
  storeStock: { storeId: string; total: number }[] | null
}

/** What a catalog item issues must suit it: an active template for its tiers, a gift for per-store stock. */
const checkTemplateFits = (draft: CatalogItemDraft, template: CouponTemplate | null, templateChanged: boolean): void => {
  if (!template) throw fieldRefused('templateId', '券模板不存在')
  if (templateChanged && !template.active) throw fieldRefused('templateId', `券模板「${template.title}」已停用，请选择其他模板`)
  const outside = draft.tiers.filter((t) => !template.tiers.includes(t))
  if (outside.length > 0) {
    throw fieldRefused('tiers', `券模板「${template.title}」仅限${tierWords(template.tiers)}，不能向${tierWords(outside)}兑换`)
  }
  if (draft.storeStock && template.benefit.kind !== 'gift') {
    throw fieldRefused('storeStock', '按门店分配库存仅适用于到店领取的礼品（券模板类型为赠品）')
  }
}

/**
 * The per-store stock a save leaves: each named store's total, never below what it handed over; a store left out
 * that has handed some over keeps its count with none left (its history stays on the item).
 */
const nextStoreStock = (current: StoreStock | null | undefined, wanted: CatalogItemDraft['storeStock']): StoreStock | null => {
  if (!wanted) return null
  const next: StoreStock = {}
  wanted.forEach(({ storeId, total }, i) => {
    const exchanged = current?.[storeId]?.exchanged ?? 0
    if (total < exchanged) throw fieldRefused(`storeStock.${i}.total`, `该门店已兑出 ${exchanged} 件，库存不能少于 ${exchanged}`)
    next[storeId] = { total, exchanged }
  })
  for (const [storeId, own] of Object.entries(current ?? {})) {
    if (!next[storeId] && own.exchanged > 0) next[storeId] = { total: own.exchanged, exchanged: own.exchanged }
  }
  return next
}

const itemFields = (draft: CatalogItemDraft) => ({
  title: draft.title,
  description: draft.description,
  image: draft.image,
  pointsPrice: draft.pointsPrice,
  templateId: draft.templateId,
  tiers: draft.tiers,
  perMemberLimit: draft.perMemberLimit,
  earlyAccess: draft.earlyAccess,
  sort: draft.sort,
})

export const newCatalogItem = (
  id: string,
  draft: CatalogItemDraft,
  template: CouponTemplate | null,
  who: Authored,
  requestDigest: string,
): CatalogItem => {
  checkTemplateFits(draft, template, true)
  return {
    _id: id,
    ...itemFields(draft),
    stock: { total: draft.stockTotal, exchanged: 0 },
    storeStock: nextStoreStock(null, draft.storeStock),
    ...createdTrail(who, requestDigest),
  }
}

/**
 * An edit of a catalog item. Exchanges already made keep their coupons; the counters carry on (a total or a store's
 * stock never below what went out).
 */
export const editCatalogItem = (
  current: CatalogItem,
  draft: CatalogItemDraft,
  template: CouponTemplate | null,
  who: Authored,
): CatalogItem => {
  checkTemplateFits(draft, template, draft.templateId !== current.templateId)
  if (draft.stockTotal !== null && draft.stockTotal < current.stock.exchanged) {
    throw fieldRefused('stockTotal', `已兑出 ${current.stock.exchanged} 件，总库存不能少于 ${current.stock.exchanged}`)
  }
  return {
    ...current,
    ...itemFields(draft),
    stock: { total: draft.stockTotal, exchanged: current.stock.exchanged },
    storeStock: nextStoreStock(current.storeStock, draft.storeStock),
    updatedAt: who.at,
    updatedBy: who.by,
    revision: revisionOf(current) + 1,
  }
}

/** Whether `draft` says what `item` holds (a retried save that already applied). */
export const catalogItemMatches = (item: CatalogItem, draft: CatalogItemDraft): boolean =>
  sameJson(itemFields(draft), itemFields({ ...draft, ...pickItem(item) })) &&
  item.stock.total === draft.stockTotal &&
  sameStoreTotals(item.storeStock ?? null, draft.storeStock)

const pickItem = (item: CatalogItem): Partial<CatalogItemDraft> => ({
  title: item.title,
  description: item.description,
  image: item.image ?? '',
  pointsPrice: item.pointsPrice,
  templateId: item.templateId,
  tiers: item.tiers ?? ['member', 'vip', 'gold'],
  perMemberLimit: item.perMemberLimit,
  earlyAccess: item.earlyAccess,
  sort: item.sort,
})

/** Every store the draft names holds that total, and no other store has any left. */
const sameStoreTotals = (held: StoreStock | null, wanted: CatalogItemDraft['storeStock']): boolean => {
  if (!held || !wanted) return held === null && wanted === null
  const named = new Map(wanted.map((w) => [w.storeId, w.total]))
  if ([...named].some(([storeId, total]) => held[storeId]?.total !== total)) return false
  return Object.entries(held).every(([storeId, s]) => named.has(storeId) || s.total === s.exchanged)
}

/** Retires an item: shoppers and tills no longer see it (coupons exchanged stay valid); retired: nothing changes. */
export const retireCatalogItem = (item: CatalogItem, who: Authored): CatalogItem | null =>
  item.active ? { ...item, active: false, updatedAt: who.at, updatedBy: who.by, revision: revisionOf(item) + 1 } : null

/** Offers a retired item again, if what it issues is still issued. */
export const reactivateCatalogItem = (item: CatalogItem, template: CouponTemplate | null, who: Authored): CatalogItem | null => {
  if (item.active) return null
  if (!template?.active) {
    throw new AppError(
      'COUPON_NOT_AVAILABLE',
      `「${item.title}」发放的券模板${template ? `「${template.title}」` : ''}已停用，请先启用模板或改选模板`,
    )
  }
  return { ...item, active: true, updatedAt: who.at, updatedBy: who.by, revision: revisionOf(item) + 1 }
}

/** When everyone may exchange, and when VIP and gold may (the desk's early-access columns). */
export const earlyAccessDates = (early: EarlyAccess | null): { opensAt: Instant; vipOpensAt: Instant; vipDays: number } | null =>
  early ? { opensAt: early.opensAt, vipOpensAt: vipOpensAt(early), vipDays: early.vipDays } : null

/** Equal as data: objects compared key by key whatever their order (a seeded document's may differ from a form's). */
const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b))
const canonical = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(canonical)
    : value !== null && typeof value === 'object'
      ? Object.fromEntries(
          Object.entries(value)
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([k, v]) => [k, canonical(v)]),
        )
      : value
