/**
 * The points catalog: gifts and coupons priced in points. Exchanging is one decision — points debited
 * (oldest first), stock taken, the coupon (a gift is a gift coupon collected in store) issued — that the
 * adapter writes in one transaction, keyed by the shopper's request id.
 */
import { accessAt, type EarlyAccess } from './access'
import { redeemPoints } from './balance'
import { issueCoupon, useCoupon, type Coupon, type CouponTemplate } from './coupons'
import { AppError } from './errors'
import type { Actor, LedgerEntry } from './ledger'
import type { Member } from './member'
import type { ProgramRules } from './program'
import { effectiveTier } from './tiers'
import type { Instant } from './time'

export interface CatalogItem {
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
  /** Null = no limit per member. */
  perMemberLimit: number | null
  earlyAccess: EarlyAccess | null
  active: boolean
  /** Display order, ascending. */
  sort: number
}

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
  const access = accessAt(item.earlyAccess, effectiveTier(member, input.at), input.at)
  if (!access.open) throw new AppError('COUPON_NOT_AVAILABLE', `「${item.title}」尚未开放兑换`)
  if (item.stock.total !== null && item.stock.exchanged >= item.stock.total) throw new AppError('OUT_OF_STOCK', `「${item.title}」已兑完`)
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
  return {
    member: paid.member,
    entries: paid.entries,
    coupon: issued.coupon,
    item: { ...item, stock: { ...item.stock, exchanged: item.stock.exchanged + 1 } },
    template: issued.template,
    count: { _id: exchangeCountId(item._id, member._id), count: done + 1 },
  }
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
  input: ExchangeInput & { actor: Actor & { type: 'staff'; storeId: string } },
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

/** The till's catalog: active items with stock left, cheapest first (what the member can afford is the page's call). */
export const tillCatalog = (items: CatalogItem[]): CatalogItem[] =>
  items
    .filter((i) => i.active && (i.stock.total === null || i.stock.exchanged < i.stock.total))
    .sort((a, b) => a.pointsPrice - b.pointsPrice || a.sort - b.sort)
