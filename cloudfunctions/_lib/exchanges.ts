/**
 * The points catalog's writer: one exchange decision (src/domain/catalog.ts) applied inside the action's
 * transaction, so points, stock, the member's count and the coupon change together or not at all.
 */
import type { ExchangeDecision } from '../../src/domain/catalog'
import type { Transaction } from './cloud'
import { tx } from './data'
import { appendEntriesIn, writeMemberIn } from './members'

/**
 * Writes an exchange: the member with the points debited and its ledger entries, the item's stock taken (with the
 * handing-over store's count, for per-store stock: the same document, so the transaction's conflict check guards
 * both), the template's stock (only a limited one counts), the member's exchange count, and the coupon under its key.
 */
export const writeExchangeIn = async (t: Transaction, decision: ExchangeDecision): Promise<void> => {
  const w = tx(t)
  await writeMemberIn(t, decision.member)
  await appendEntriesIn(t, decision.entries)
  const taken = decision.coupon.pickupStore?.id
  await w.catalog.update(decision.item._id, {
    'stock.exchanged': decision.item.stock.exchanged,
    ...(taken && decision.item.storeStock ? { [`storeStock.${taken}.exchanged`]: decision.item.storeStock[taken].exchanged } : {}),
  })
  if (decision.template.stock.total !== null) {
    await w.couponTemplates.update(decision.template._id, { 'stock.issued': decision.template.stock.issued })
  }
  await w.exchangeCounts.put(decision.count)
  await w.coupons.add(decision.coupon)
}
