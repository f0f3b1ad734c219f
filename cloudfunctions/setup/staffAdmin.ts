/**
 * The desk's 员工 page: staff as a table (with the customers each looks after), inviting a shop assistant or store
 * manager, deactivating one, and handing a person's customers to a colleague of the same store.
 *
 * Deactivating ends their powers with the next call they make (every staff call loads their record and refuses an
 * inactive one). Their customers stay theirs — the store's manager still sees them among the store's — until an
 * operator hands them over (or the manager reassigns them one by one). A staff number stays with the person who
 * held it: a returning employee is invited under a new number.
 */
import {
  HandOverCustomersSchema,
  InviteStaffSchema,
  ListStaffSchema,
  PreviewHandOverSchema,
  StaffIdSchema,
} from '../../src/api/storeAdminSchemas'
import { _ } from '../_lib/cloud'
import { codeStartingWith, containing } from '../_lib/search'
import type { StaffDoc } from '../_lib/collections'
import { data, type Filter } from '../_lib/data'
import { listPage } from '../_lib/lists'
import { operatorAction } from '../_lib/runtime'
import { deactivate, handOver, handOverParties, inviteStaffMember, previewShares, staffByNumber, staffRows } from '../_lib/staffTeam'

const SORT_FIELDS = { store: 'storeId', name: 'name', staffId: 'staffId' } as const

export const listStaff = operatorAction('stores', ListStaffSchema, async ({ filter, sort, cursor, limit }) => {
  const where: Filter<StaffDoc>[] = []
  if (filter?.storeId) where.push({ storeId: filter.storeId })
  if (filter?.role) where.push({ role: filter.role })
  if (filter?.active !== undefined) where.push({ active: filter.active })
  if (filter?.search) {
    where.push(_.or([{ name: containing(filter.search) }, { staffId: codeStartingWith(filter.search) }]))
  }
  const page = await listPage(data.staff, {
    where: where.length === 0 ? {} : where.length === 1 ? where[0] : _.and(where),
    sortBy: SORT_FIELDS[sort?.by ?? 'store'],
    order: sort?.order ?? 'asc',
    cursor,
    limit,
  })
  return { ...page, rows: await staffRows(page.rows) }
})

export const inviteStaff = operatorAction('stores', InviteStaffSchema, async ({ requestId, ...staff }, ctx) =>
  inviteStaffMember(staff, `${ctx.operator.operatorId}:${requestId}`, ctx.operator.operatorId, ctx.now),
)

export const deactivateStaff = operatorAction('stores', StaffIdSchema, async ({ staffId }, ctx) => ({
  staff: await deactivate(await staffByNumber(staffId), ctx.operator.operatorId, ctx.now),
}))

export const previewHandOver = operatorAction('stores', PreviewHandOverSchema, async ({ fromStaffId, toStaffIds }) => ({
  preview: await previewShares(await handOverParties(fromStaffId, toStaffIds)),
}))

/** Every customer of the leaver at their store goes to the colleagues, dealt in turn (_lib/staffTeam.ts). */
export const handOverCustomers = operatorAction('stores', HandOverCustomersSchema, async ({ fromStaffId, toStaffIds, requestId }, ctx) => ({
  handOver: await handOver(
    await handOverParties(fromStaffId, toStaffIds),
    `${ctx.operator.operatorId}:${requestId}`,
    ctx.operator.operatorId,
    ctx.now,
  ),
}))
