/**
 * What the operators' desk shows for offers (优惠券模板 and 积分商城): the rows of its two tables, and what a save,
 * a retire or a reactivation answers. Inputs are in catalogAdminSchemas.ts; the actions are in `OpsApi` (ops.ts).
 */
import type { CouponBenefit, CouponValidity } from '../domain/coupons'
import type { TemplateUse } from '../domain/offerSetup'
import type { TierId } from '../domain/program'
import type { Instant } from '../domain/time'

export type { TemplateUse }

/** A coupon template as the desk's table and its edit form show it. */
export interface CouponTemplateRow {
  id: string
  title: string
  note: string
  benefit: CouponBenefit
  /** "7折", "满¥200减¥20", "赠品：帆布袋". */
  benefitText: string
  validity: CouponValidity
  /** "领取后 30 天内有效", "生日当月有效", "2026-12-01 至 2026-12-31". */
  validityText: string
  tiers: TierId[]
  /**
   * `total` null = unlimited; `issued` is counted only for a limited stock (an unlimited template keeps no counter,
   * so it is null there); `left` null = unlimited.
   */
  stock: { total: number | null; issued: number | null; left: number | null }
  combinesWithVipPrice: boolean
  active: boolean
  /** Null for a template made before the desk (seeded). */
  createdAt: Instant | null
  updatedAt: Instant | null
  /** What an edit sends back as `revision`. */
  revision: number
  /** What still issues it: active catalog items, live campaigns, the rules (welcome, birthday, referral). */
  usedBy: TemplateUse[]
}

/** One store's share of a catalog item with per-store stock. */
export interface StoreStockRow {
  storeId: string
  /** The store's name ('' for a store since removed). */
  storeName: string
  total: number
  exchanged: number
  left: number
}

/** A catalog item as the desk's table and its edit form show it. */
export interface CatalogItemRow {
  id: string
  title: string
  description: string
  /** The fileID (what the edit form sends back), '' for none. */
  image: string
  /** A temporary link to the picture (a day), '' for none or a missing file. */
  imageUrl: string
  pointsPrice: number
  /** The template it issues (null: a template since removed). */
  template: { id: string; title: string; benefitText: string; gift: boolean; active: boolean } | null
  /** `total` null = unlimited; `left` null = unlimited. */
  stock: { total: number | null; exchanged: number; left: number | null }
  /** Null = no per-store limit. Ordered by store id. */
  storeStock: StoreStockRow[] | null
  perMemberLimit: number | null
  tiers: TierId[]
  /** When everyone may exchange and when VIP and gold may (null: open to all at once). */
  earlyAccess: { opensAt: Instant; vipOpensAt: Instant; vipDays: number } | null
  sort: number
  active: boolean
  updatedAt: Instant | null
  revision: number
}

/** `created`: a new template or item; `replayed`: the same save arrived before (nothing written this time). */
export interface SavedCouponTemplate {
  template: CouponTemplateRow
  created: boolean
  replayed: boolean
}

export interface SavedCatalogItem {
  item: CatalogItemRow
  created: boolean
  replayed: boolean
}

/** `changed` false: it was already so (a second retire, a reactivation of an active one). */
export interface CouponTemplateState {
  template: CouponTemplateRow
  changed: boolean
}

export interface CatalogItemState {
  item: CatalogItemRow
  changed: boolean
}
