/**
 * The points catalog: gifts and coupons priced in points. Exchanging is one decision — points debited
 * (oldest first), stock taken, the coupon (a gift is a gift coupon collected in store) issued — that the
 * adapter writes in one transaction, keyed by the shopper's request id.
 */
import type { EditTrail } from './editTrail'
import { accessAt, type EarlyAccess } from './access'
import { redeemPoints } from './balance'
import { issueCoupon, tierWords, useCoupon, type Coupon, type CouponTemplate } from './coupons'
import { AppError } from './errors'
import type { Actor, LedgerEntry } from './ledger'
import type { Member } from './member'
import type { ProgramRules, TierId } from './program'
import { effectiveTier } from './tiers'
import type { Instant } from './time'

/**
 * Stock per store, by store id: how many the store was given to hand over and how many it has handed over. The
 * counters live on the item document, beside the total, so one conditional write takes both (see exchanges.ts).
 */
export type StoreStock = Record<string, { total: number; exchanged: number }>

/** Where the gift changes hands: the till's store, or the store a shopper collects at. */
export interface HandOver {
  storeId: string
  /** For the words of a refusal ("在上海静安嘉里中心店已兑完") and the coupon's pickup line. */
  storeName: string
}

export interface CatalogItem extends EditTrail {
  _id: string
  title: string
  description: string
  pointsPrice: number
  /** The item's picture, a fileID under images/catalog/ (src/domain/images.ts); absent or '' for none. */
  image?: string
  /** The coupon template the exchange issues (gift templates for gifts). */
  templateId: string
  /** Null = unlimited. `exchanged` counts exchanges so far (the item document holds the counter). */
  stock: { total: number | null; exchanged: number }
  /**
   * Besides (or, with an unlimited total, instead of) the total: what each store may hand over. Absent or null =
   * no per-store limit. A store not named has none. Only gifts have it (a coupon is not handed over anywhere).
   */
  storeStock?: StoreStock | null
  /** Tiers that may exchange it (absent: every tier); the template's tiers must allow them too. */
  tiers?: TierId[]
  /** Null = no limit per member. */
  perMemberLimit: number | null
  earlyAccess: EarlyAccess | null
  active: boolean
  /** Display order, ascending. */
  sort: number
}

/** How many are left in all (null: unlimited). */
export const stockLeft = (item: Pick<CatalogItem, 'stock'>): number | null =>
  item.stock.total === null ? null : Math.max(0, item.stock.total - item.stock.exchanged)

/**
 * How many one store may still hand over: the lesser of the total left and the store's own (null: no limit at all).
 * An item with per-store stock has none at a store it does not name.
 */
export const stockLeftAt = (item: Pick<CatalogItem, 'stock' | 'storeStock'>, storeId: string | null): number | null => {
  const total = stockLeft(item)
  if (!item.storeStock) return total
  const own = storeId === null ? undefined : item.storeStock[storeId]
  const atStore = own ? Math.max(0, own.total - own.exchanged) : 0
  return total === null ? atStore : Math.min(total, atStore)
}

/** Whether a member of `tier` may exchange the item (its own tiers; the template's are checked when issuing). */
export const itemAllowsTier = (item: Pick<CatalogItem, 'tiers'>, tier: TierId): boolean => !item.tiers || item.tiers.includes(tier)

/** `exchangeCounts/<itemId>:<memberId>`: how often a member has exchanged an item, for the per-member limit. */
export interface ExchangeCount {
  _id: string
  count: number
}

export const exchangeCountId = (itemId: string, memberId: string) => `${itemId}:${memberId}`

export interface ExchangeInput {
  /** The shopper's request id, scoped by member: also the coupon's id and the ledger entry's key. */
  requestKey: string
  couponCode: string
  at: Instant
  /** Who exchanges: the member (default), or the shop assistant at the till. */
  actor?: Actor
  /**
   * Where the gift is handed over: needed for an item with per-store stock, whose store counter is taken here.
   * The coupon then names that store (its gift is collected there).
   */
  handOver?: HandOver | null
}

export interface ExchangeDecision {
  member: Member
  entries: LedgerEntry[]
  coupon: Coupon
  item: CatalogItem
  template: CouponTemplate
  count: ExchangeCount
}

export const exchange = (
  member: Member,
  item: CatalogItem,
  template: CouponTemplate,
  count: ExchangeCount | null,
  input: ExchangeInput,
  program: ProgramRules,
): ExchangeDecision => {
  if (!item.active) throw new AppError('OUT_OF_STOCK', `「${item.title}」已下架`)
  const tier = effectiveTier(member, input.at)
  if (!itemAllowsTier(item, tier)) {
    throw new AppError('COUPON_NOT_AVAILABLE', `「${item.title}」仅限${tierWords(item.tiers ?? [])}兑换`)
  }
  const access = accessAt(item.earlyAccess, tier, input.at)
  if (!access.open) throw new AppError('COUPON_NOT_AVAILABLE', `「${item.title}」尚未开放兑换`)
  if (item.stock.total !== null && item.stock.exchanged >= item.stock.total) throw new AppError('OUT_OF_STOCK', `「${item.title}」已兑完`)
  const storeStock = takeStoreStock(item, input.handOver ?? null)
  const done = count?.count ?? 0
  if (item.perMemberLimit !== null && done >= item.perMemberLimit) {
    throw new AppError('LIMIT_REACHED', `「${item.title}」每人限兑 ${item.perMemberLimit} 次`)
  }
  const issued = issueCoupon(template, member, {
    key: `exchange:${input.requestKey}`,
    code: input.couponCode,
    channel: 'exchange',
    at: input.at,
  })
  const paid = redeemPoints(
    member,
    {
      requestKey: input.requestKey,
      points: item.pointsPrice,
      reason: `兑换：${item.title}`,
      at: input.at,
      actor: input.actor ?? { type: 'member', id: member._id },
    },
    program,
  )
  const pickupStore = storeStock && input.handOver ? { id: input.handOver.storeId, name: input.handOver.storeName } : null
  return {
    member: paid.member,
    entries: paid.entries,
    coupon: pickupStore ? { ...issued.coupon, pickupStore } : issued.coupon,
    item: { ...item, stock: { ...item.stock, exchanged: item.stock.exchanged + 1 }, ...(storeStock ? { storeStock } : {}) },
    template: issued.template,
    count: { _id: exchangeCountId(item._id, member._id), count: done + 1 },
  }
}

/**
 * The item's per-store stock with one more handed over at `handOver`'s store; null for an item without per-store
 * stock. A store with none left (or none given) is refused by name, so the member can be pointed to another.
 */
const takeStoreStock = (item: CatalogItem, handOver: HandOver | null): StoreStock | null => {
  if (!item.storeStock) return null
  if (!handOver) throw new AppError('STORE_OUT_OF_STOCK', `「${item.title}」按门店发放，请选择领取门店`)
  const own = item.storeStock[handOver.storeId]
  if (!own || own.exchanged >= own.total) {
    throw new AppError('STORE_OUT_OF_STOCK', `「${item.title}」在${handOver.storeName}已兑完，请选择其他门店`, {
      storeId: handOver.storeId,
    })
  }
  return { ...item.storeStock, [handOver.storeId]: { ...own, exchanged: own.exchanged + 1 } }
}

/**
 * A catalog item exchanged at the till, for the member standing there: the same exchange (price, stock, limits,
 * access, the points debited) with the shop assistant as the actor. A gift is handed over on the spot, so its
 * coupon is used at once (it cannot be collected a second time); a coupon goes to the member's wallet.
 */
export const exchangeAtTill = (
  member: Member,
  item: CatalogItem,
  template: CouponTemplate,
  count: ExchangeCount | null,
  input: ExchangeInput & { actor: Actor & { type: 'staff'; storeId: string }; handOver: HandOver },
  program: ProgramRules,
): ExchangeDecision => {
  const decision = exchange(member, item, template, count, input, program)
  if (template.benefit.kind !== 'gift') return decision
  const handedOver = useCoupon(decision.coupon, {
    at: input.at,
    by: input.actor.id,
    storeId: input.actor.storeId,
    orderId: `gift:${input.requestKey}`,
    discountFen: 0,
  })
  return { ...decision, coupon: handedOver }
}

/**
 * The till's catalog: active items the till's store still has (in all and, for per-store stock, there), cheapest
 * first (what the member can afford is the page's call).
 */
export const tillCatalog = (items: CatalogItem[], storeId: string): CatalogItem[] =>
  items.filter((i) => i.active && stockLeftAt(i, storeId) !== 0).sort((a, b) => a.pointsPrice - b.pointsPrice || a.sort - b.sort)
