/**
 * The invariants every write must keep, checked on the stored documents after fuzzing and after every fault:
 * - points: each member's balance is the sum of their ledger entries and of their point batches, never negative;
 * - money: lifetime spend is Σ (paid − refunded) of the member's purchases; a purchase's refunded amount is the
 *   sum of its refunds and never more than it;
 * - coupons: used at most once at a time (its log alternates used / undone, `state` and `use` agree), each
 *   purchase that names a coupon is one of its uses, a limited template's issued count is its coupons;
 * - catalog: exchanged = Σ the members' exchange counts, within stock (each store's within its own);
 * - events: seats taken = Σ confirmed seats ≤ capacity, waiting = waitlisted RSVPs, each confirmed RSVP has its
 *   ticket, attendance points only for a guest checked in;
 * - referrals: an inviter is paid once per rewarded referral.
 * Returns the violations in words (empty = all hold).
 */
import type { Executor } from '../../../localcloud'
import type { Coupon, CouponTemplate } from '../../../src/domain/coupons'
import type { CatalogItem, ExchangeCount } from '../../../src/domain/catalog'
import type { MemberEvent, Rsvp } from '../../../src/domain/events'
import type { LedgerEntry } from '../../../src/domain/ledger'
import type { Member } from '../../../src/domain/member'
import type { PurchaseRecord, RefundRecord } from '../../../src/domain/purchase'
import type { Referral } from '../../../src/domain/referral'
import { storedDocs } from './storedView'

const all = <T>(executor: Executor, coll: string) => storedDocs<T>(executor, coll)
const sum = <T>(items: T[], of: (t: T) => number) => items.reduce((s, t) => s + of(t), 0)
const groupBy = <T>(items: T[], key: (t: T) => string) => {
  const map = new Map<string, T[]>()
  for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item])
  return map
}

export const violations = (executor: Executor): string[] => {
  const out: string[] = []
  const members = all<Member>(executor, 'members')
  const ledger = groupBy(all<LedgerEntry>(executor, 'ledger'), (e) => e.memberId)
  const purchases = all<PurchaseRecord>(executor, 'purchases')
  const purchasesOf = groupBy(purchases, (p) => p.memberId)
  const refundsOf = groupBy(all<RefundRecord>(executor, 'refunds'), (r) => r.purchaseId)

  for (const m of members) {
    const entries = sum(ledger.get(m._id) ?? [], (e) => e.points)
    if (m.pointsBalance !== entries) out.push(`member ${m._id}: balance ${m.pointsBalance} ≠ Σ ledger ${entries}`)
    const batches = sum(m.pointBatches ?? [], (b) => b.points)
    if (batches !== m.pointsBalance) out.push(`member ${m._id}: Σ batches ${batches} ≠ balance ${m.pointsBalance}`)
    if (m.pointsBalance < 0) out.push(`member ${m._id}: negative balance ${m.pointsBalance}`)
    // An imported member opens with the spend the brand recorded before (Member.openingTier).
    const spend = (m.openingTier?.lifetimeSpendFen ?? 0) + sum(purchasesOf.get(m._id) ?? [], (p) => p.amountFen - p.refundedFen)
    if (m.lifetimeSpendFen !== spend) out.push(`member ${m._id}: lifetime spend ${m.lifetimeSpendFen} ≠ Σ (paid − refunded) ${spend}`)
  }
  for (const p of purchases) {
    const refunded = sum(refundsOf.get(p._id) ?? [], (r) => r.amountFen)
    if (p.refundedFen !== refunded) out.push(`purchase ${p._id}: refunded ${p.refundedFen} ≠ Σ refunds ${refunded}`)
    if (p.refundedFen < 0 || p.refundedFen > p.amountFen) out.push(`purchase ${p._id}: refunded ${p.refundedFen} of ${p.amountFen}`)
  }

  const coupons = all<Coupon>(executor, 'coupons')
  const purchasesByCoupon = groupBy(
    purchases.filter((p) => p.coupon),
    (p) => p.coupon!.id,
  )
  for (const c of coupons) {
    let open = 0
    for (const entry of c.log ?? []) {
      open += entry.event === 'used' ? 1 : -1
      if (open < 0 || open > 1) {
        out.push(`coupon ${c._id}: used twice or undone unused (${JSON.stringify(c.log.map((l) => l.event))})`)
        break
      }
    }
    if ((c.state === 'used') !== (open === 1))
      out.push(`coupon ${c._id}: state ${c.state} but log says ${open === 1 ? 'used' : 'available'}`)
    if ((c.state === 'used') !== (c.use !== null)) out.push(`coupon ${c._id}: state ${c.state} with use ${JSON.stringify(c.use)}`)
    const usesWithPurchase = (c.log ?? []).filter((l) => l.event === 'used' && l.orderId && !l.orderId.startsWith('gift:'))
    const named = purchasesByCoupon.get(c._id) ?? []
    if (named.length !== usesWithPurchase.length || named.some((p) => !usesWithPurchase.some((u) => u.orderId === p._id))) {
      out.push(`coupon ${c._id}: ${named.length} purchases name it, its log has ${usesWithPurchase.length} uses with a purchase`)
    }
  }
  const byTemplate = groupBy(coupons, (c) => c.templateId)
  for (const t of all<CouponTemplate>(executor, 'couponTemplates')) {
    if (t.stock.total === null) continue
    const issued = byTemplate.get(t._id)?.length ?? 0
    if (t.stock.issued !== issued) out.push(`template ${t._id}: issued ${t.stock.issued} ≠ ${issued} coupons`)
    if (t.stock.issued > t.stock.total) out.push(`template ${t._id}: issued ${t.stock.issued} > stock ${t.stock.total}`)
  }

  const counts = all<ExchangeCount>(executor, 'exchangeCounts')
  for (const item of all<CatalogItem>(executor, 'catalog')) {
    const exchanged = sum(
      counts.filter((c) => c._id.startsWith(`${item._id}:`)),
      (c) => c.count,
    )
    if (item.stock.exchanged !== exchanged) out.push(`catalog ${item._id}: exchanged ${item.stock.exchanged} ≠ Σ counts ${exchanged}`)
    if (item.stock.total !== null && item.stock.exchanged > item.stock.total)
      out.push(`catalog ${item._id}: exchanged ${item.stock.exchanged} > stock ${item.stock.total}`)
    // Per-store stock: no store hands over more than it was given, nor all stores more than went out in all.
    const stores = Object.entries(item.storeStock ?? {})
    for (const [storeId, s] of stores)
      if (s.exchanged > s.total) out.push(`catalog ${item._id}: ${storeId} handed over ${s.exchanged} > its stock ${s.total}`)
    if (sum(stores, ([, s]) => s.exchanged) > item.stock.exchanged)
      out.push(`catalog ${item._id}: stores handed over more than ${item.stock.exchanged} exchanged`)
  }

  const rsvpsOf = groupBy(all<Rsvp>(executor, 'rsvps'), (r) => r.eventId)
  const tickets = new Map(all<{ _id: string; rsvpId: string }>(executor, 'tickets').map((t) => [t._id, t]))
  const entryIds = new Set([...ledger.values()].flat().map((e) => e._id))
  for (const e of all<MemberEvent>(executor, 'events')) {
    const rsvps = rsvpsOf.get(e._id) ?? []
    const confirmed = rsvps.filter((r) => r.status === 'confirmed')
    const seats = sum(confirmed, (r) => r.seats)
    if (e.seatsTaken !== seats) out.push(`event ${e._id}: seats taken ${e.seatsTaken} ≠ Σ confirmed seats ${seats}`)
    if (e.seatsTaken > e.capacity) out.push(`event ${e._id}: ${e.seatsTaken} seats taken of ${e.capacity}`)
    const waiting = rsvps.filter((r) => r.status === 'waitlisted').length
    if (e.waiting !== waiting) out.push(`event ${e._id}: waiting ${e.waiting} ≠ ${waiting} waitlisted`)
    for (const r of confirmed)
      if (!r.ticketCode || tickets.get(r.ticketCode)?.rsvpId !== r._id) out.push(`rsvp ${r._id}: confirmed without its ticket`)
    for (const r of rsvps)
      if (entryIds.has(`attend:${r._id}`) && !r.checkedInAt) out.push(`rsvp ${r._id}: attendance points without a check-in`)
  }

  for (const r of all<Referral>(executor, 'referrals')) {
    const paid = entryIds.has(`referral:${r.inviteeId}`)
    if (paid !== (r.status === 'rewarded')) out.push(`referral ${r._id}: status ${r.status} but inviter ${paid ? 'paid' : 'not paid'}`)
  }
  return out
}

/**
 * The effects stored so far, as numbers: documents per collection, and the sums that writes move (points, spend,
 * refunds, stock, seats, coupon uses, statuses, rule versions, birthday corrections, reassignments, consents, paused tills).
 * The difference of two fingerprints is what happened in between, whatever random ids and codes were drawn:
 * the fault suite compares the difference a faulty call and its retries made with the one a clean call made.
 */
export const fingerprint = (executor: Executor): Record<string, number> => {
  const out: Record<string, number> = {}
  const add = (key: string, n: number) => {
    if (n) out[key] = (out[key] ?? 0) + n
  }
  const docs = (coll: string) => storedDocs<Record<string, any>>(executor, coll)
  // The audit log has a line per operator call, retries and refusals included: a record of calls, not an effect.
  // The message counters (`stats/msg:<month>:<kind>`, _lib/messages.ts) are best effort by design, dropped when
  // their write fails, and one document a month per kind: whether a call creates it depends on who sent first.
  for (const coll of executor.collections()) {
    if (coll === 'auditLog') continue
    if (coll === 'stats') add('stats', docs('stats').filter((d) => !String(d._id).startsWith('msg:')).length)
    else add(`${coll}`, executor.count(coll))
  }
  for (const m of docs('members')) {
    add('members.points', m.pointsBalance)
    add('members.spend', m.lifetimeSpendFen)
    add('members.purchases', m.purchaseCount)
    add('members.birthdayChanges', m.birthdayChanges?.length ?? 0)
    add('members.assignments', m.assignmentLog?.length ?? 0)
    add(
      'members.consents',
      Object.values((m.subscriptions ?? {}) as Record<string, number>).reduce((s, n) => s + n, 0),
    )
    add('members.profileFields', m.profile ? Object.keys(m.profile).length : 0)
    add('members.calledBack', m.lastCallbackAt ? 1 : 0)
    add(`members.tier.${m.tier}`, 1)
  }
  for (const e of docs('ledger')) add(`ledger.${e.kind}`, e.points)
  for (const p of docs('purchases')) add('purchases.refunded', p.refundedFen)
  for (const c of docs('coupons')) {
    add(`coupons.${c.state}`, 1)
    add('coupons.log', c.log?.length ?? 0)
  }
  for (const t of docs('couponTemplates')) {
    add('templates.issued', t.stock?.issued ?? 0)
    add('templates.revisions', t.revision ?? 0)
  }
  for (const i of docs('catalog')) {
    add('catalog.exchanged', i.stock?.exchanged ?? 0)
    for (const own of Object.values((i.storeStock ?? {}) as Record<string, { exchanged: number }>))
      add('catalog.storeExchanged', own.exchanged)
    add('catalog.revisions', i.revision ?? 0)
  }
  for (const e of docs('events')) {
    add('events.seats', e.seatsTaken)
    add('events.waiting', e.waiting)
    add('events.capacity', e.capacity)
    add(`events.${e.status}`, 1)
  }
  for (const r of docs('rsvps')) {
    add(`rsvps.${r.status}`, 1)
    add('rsvps.checkedIn', r.checkedInAt ? 1 : 0)
  }
  for (const c of docs('campaigns')) {
    add(`campaigns.${c.status}`, 1)
    add('campaigns.issued', c.progress?.issued ?? 0)
  }
  for (const r of docs('referrals')) add(`referrals.${r.status}`, 1)
  for (const m of docs('members')) for (const c of m.tillCodes ?? []) add(c.usedFor ? 'tillCodes.spent' : 'tillCodes.scanned', 1)
  for (const t of docs('erasedMembers')) add(`erased.${t.state}`, 1)
  for (const g of docs('codeGuards')) {
    if (g.kind === 'till') add('codeGuards.tillsPaused', g.pausedAt ? 1 : 0)
    if (g.kind === 'alert') add('codeGuards.alertsResolved', g.resolvedAt ? 1 : 0)
  }
  // The desk's 门店与员工 writes: who is active, who holds which areas, which invitations were accepted.
  for (const st of docs('staff')) add('staff.inactive', st.active ? 0 : 1)
  for (const o of docs('operators')) {
    add('operators.inactive', o.active ? 0 : 1)
    add('operators.areas', o.areas?.length ?? 0)
    add('operators.exportPII', o.permissions?.includes('exportPII') ? 1 : 0)
  }
  for (const i of docs('invitations')) {
    add('invitations.used', i.usedAt ? 1 : 0)
    add('invitations.revoked', i.revokedAt ? 1 : 0)
  }
  const program = executor.get('settings', 'program') as { rules?: { version?: number } } | null
  add('program.version', program?.rules?.version ?? 0)
  return out
}

/** after − before, keys with no change left out. */
export const difference = (before: Record<string, number>, after: Record<string, number>): Record<string, number> => {
  const out: Record<string, number> = {}
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const d = (after[key] ?? 0) - (before[key] ?? 0)
    if (d !== 0) out[key] = d
  }
  return out
}

/** a + b, key by key. */
export const sumOf = (a: Record<string, number>, b: Record<string, number>) =>
  difference(Object.fromEntries(Object.entries(b).map(([k, v]) => [k, -v])), a)
