/**
 * The catalog's rules for one item, apart from Taro: whether the shopper may exchange it now and, if not,
 * what the button says instead. The server decides again; this only keeps a doomed tap from being offered.
 */
import type { CatalogItemView } from '../../api/contract'
import { refusalByRow, type RowErrors } from '../../services/formErrors'
import { formatPoints } from '../../wording/points'

/** What the item's button says when it cannot be tapped; null when it can. */
export const exchangeBlock = (item: CatalogItemView, pointsAvailable: number): string | null => {
  if (!item.access.open) return '尚未开放'
  if (item.stockLeft === 0) return '已兑完'
  if (pointsAvailable < item.pointsPrice) return '积分不足'
  return null
}

/** "剩余 200 件 · 每人限兑 2 次": what limits the item, when anything does. */
export const itemLimits = (item: CatalogItemView): string | null => {
  const parts = [
    item.stockLeft === null ? null : `剩余 ${formatPoints(item.stockLeft)} 件`,
    item.perMemberLimit === null ? null : `每人限兑 ${item.perMemberLimit} 次`,
  ].filter(Boolean)
  return parts.length ? parts.join(' · ') : null
}

export interface Exchange {
  itemId: string
  title: string
  pointsPrice: number
}

export const checkExchange = (
  item: CatalogItemView,
  pointsAvailable: number,
): { ok: true; input: Exchange } | { ok: false; errors: RowErrors<never> } => {
  const block = exchangeBlock(item, pointsAvailable)
  return block
    ? { ok: false, errors: { form: block } }
    : { ok: true, input: { itemId: item.id, title: item.title, pointsPrice: item.pointsPrice } }
}

/** Every refusal (out of stock, limit reached, too few points) belongs to the whole exchange. */
export const exchangeErrorsFrom = (error: unknown, fallbackMessage: string): RowErrors<never> => refusalByRow(error, fallbackMessage, {})
