/**
 * The desk's 门店 page: the stores as a table, and creating or editing one. A store's id code is the operator's
 * choice (BJ001) and never changes (it is printed in its QR codes and stamped on members and purchases).
 *
 * Closing a store (`active: false`) is refused while it has active staff: deactivate them first. A closed store
 * keeps its history — its members keep it as their store and their assistant (reports, purchases and the audit still
 * name both), and it takes no new members: its QR codes stop working, shoppers are not offered it as a home store,
 * and invitations to it cannot be accepted. Its members move to an open store themselves (我的门店), where that
 * store's manager sees them unassigned, as after any move. Reopening (`active: true`) undoes none of this.
 */
import { listPage } from '../_lib/lists'
import type { StoreRow } from '../../src/api/storeAdmin'
import { ListStoresSchema, SaveStoreSchema } from '../../src/api/storeAdminSchemas'
import { fieldRefused } from '../../src/domain/errors'
import { openingHoursText } from '../../src/domain/stores'
import { _ } from '../_lib/cloud'
import { containing } from '../_lib/search'
import type { StoreDoc } from '../_lib/collections'
import { data, type Filter } from '../_lib/data'
import { duplicateKeyIndex } from '../_lib/errors'
import { operatorAction } from '../_lib/runtime'

/** The active staff of each store on the page, in one read. */
const activeStaffCounts = async (storeIds: string[]): Promise<Map<string, number>> => {
  if (storeIds.length === 0) return new Map()
  const rows = await data.staff.aggregate<{ _id: string; n: number }>((p) =>
    p.match({ storeId: _.in(storeIds), active: true }).group({ _id: '$storeId', n: _.aggregate.sum(1) }),
  )
  return new Map(rows.map((r) => [r._id, r.n]))
}

const storeRow = (s: StoreDoc, activeStaff: number): StoreRow => ({
  id: s._id,
  name: s.name,
  address: s.address,
  phone: s.phone,
  location: s.location ?? null,
  hours: s.hours ?? null,
  openingHours: s.openingHours,
  active: s.active !== false,
  activeStaff,
  updatedAt: s.updatedAt ?? null,
})

export const listStores = operatorAction('stores', ListStoresSchema, async ({ filter, sort, cursor, limit }) => {
  const conditions: Filter<StoreDoc>[] = []
  // Stores from before closing existed carry no `active`: open (`neq` matches a missing field).
  if (filter?.status === 'active') conditions.push({ active: _.neq(false) })
  if (filter?.status === 'closed') conditions.push({ active: false })
  if (filter?.search) {
    const text = containing(filter.search)
    conditions.push(_.or([{ name: text }, { address: text }, { _id: text }]))
  }
  const where: Filter<StoreDoc> = conditions.length === 0 ? {} : conditions.length === 1 ? conditions[0] : _.and(conditions)
  const page = await listPage(data.stores, {
    where,
    sortBy: sort?.by === 'name' ? 'name' : '_id',
    order: sort?.order ?? 'asc',
    cursor,
    limit,
  })
  const counts = await activeStaffCounts(page.rows.map((s) => s._id))
  return { ...page, rows: page.rows.map((s) => storeRow(s, counts.get(s._id) ?? 0)) }
})

/** What the form sets, compared for a retried create (same content: the same answer). */
const sameContent = (a: StoreDoc, b: StoreDoc) =>
  JSON.stringify([a.name, a.address, a.phone, a.location ?? null, a.hours ?? null, a.active !== false]) ===
  JSON.stringify([b.name, b.address, b.phone, b.location ?? null, b.hours ?? null, b.active !== false])

export const saveStore = operatorAction('stores', SaveStoreSchema, async (input, ctx) => {
  const existing = await data.stores.get(input.storeId)
  const next: StoreDoc = {
    // Fields this form does not set stay as they are.
    ...existing,
    _id: input.storeId,
    name: input.name,
    address: input.address,
    phone: input.phone,
    location: input.location,
    hours: input.hours,
    openingHours: openingHoursText(input.hours),
    active: input.active,
    ...(existing ? {} : { createdAt: ctx.now }),
    updatedAt: ctx.now,
    updatedBy: ctx.operator.operatorId,
  }
  if (input.mode === 'create' && existing) {
    // The retry of a create that went through answers as the first call did; anything else is another store's id.
    if (existing.updatedBy === ctx.operator.operatorId && sameContent(existing, next)) {
      return { store: storeRow(existing, (await activeStaffCounts([existing._id])).get(existing._id) ?? 0), created: true }
    }
    throw fieldRefused('storeId', `门店编号 ${input.storeId} 已被“${existing.name}”使用，请换一个编号`)
  }
  if (input.mode === 'edit' && !existing) throw fieldRefused('storeId', `没有编号为 ${input.storeId} 的门店`)
  const activeStaff = (await activeStaffCounts([input.storeId])).get(input.storeId) ?? 0
  if (!input.active && existing?.active !== false && activeStaff > 0) {
    throw fieldRefused('active', `该门店还有 ${activeStaff} 名在职员工，请先在员工页停用他们后再停业`)
  }
  if (input.mode === 'create') {
    try {
      await data.stores.add(next)
    } catch (e) {
      if (duplicateKeyIndex(e) === '_id_') throw fieldRefused('storeId', `门店编号 ${input.storeId} 刚被其他运营使用，请刷新后再试`)
      throw e
    }
  } else await data.stores.put(next)
  return { store: storeRow(next, activeStaff), created: input.mode === 'create' }
})
