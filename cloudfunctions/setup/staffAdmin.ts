/**
 * The desk's 员工 page: staff as a table (with the customers each looks after), inviting a shop assistant or store
 * manager, deactivating one, and handing a person's customers to a colleague of the same store.
 *
 * Deactivating ends their powers with the next call they make (every staff call loads their record and refuses an
 * inactive one). Their customers stay theirs — the store's manager still sees them among the store's — until an
 * operator hands them over (or the manager reassigns them one by one). A staff number stays with the person who
 * held it: a returning employee is invited under a new number.
 */
import type { HandOverView, StaffRow } from '../../src/api/storeAdmin'
import { HandOverCustomersSchema, InviteStaffSchema, ListStaffSchema, StaffIdSchema } from '../../src/api/storeAdminSchemas'
import { AppError, fieldRefused } from '../../src/domain/errors'
import { _ } from '../_lib/cloud'
import { codeStartingWith, containing } from '../_lib/search'
import type { JobRunDoc, StaffDoc } from '../_lib/collections'
import { data, type Filter } from '../_lib/data'
import { continueHandOver, HAND_OVER_JOB } from '../_lib/handOver'
import { createInvitation, invitationView, openInvitationFor } from '../_lib/invitations'
import { listPage } from '../_lib/lists'
import { loadStore, storeView } from '../_lib/reference'
import { operatorAction } from '../_lib/runtime'

/** Customers per staff member on the page: one aggregate over the members index (storeId, assistantId). */
const customerCounts = async (staff: StaffDoc[]): Promise<Map<string, number>> => {
  if (staff.length === 0) return new Map()
  const rows = await data.members.aggregate<{ _id: string; n: number }>((p) =>
    p
      .match({ storeId: _.in([...new Set(staff.map((s) => s.storeId))]), assistantId: _.in(staff.map((s) => s.staffId)) })
      .group({ _id: '$assistantId', n: _.aggregate.sum(1) }),
  )
  return new Map(rows.map((r) => [r._id, r.n]))
}

const staffRows = async (staff: StaffDoc[]): Promise<StaffRow[]> => {
  const [counts, stores] = await Promise.all([
    customerCounts(staff),
    // Each store once per page (cached loader).
    Promise.all([...new Set(staff.map((s) => s.storeId))].map(async (id) => [id, await loadStore(id)] as const)).then((e) => new Map(e)),
  ])
  return staff.map((s) => ({
    staffId: s.staffId,
    name: s.name,
    role: s.role,
    store: storeView(stores.get(s.storeId) ?? null) ?? { id: s.storeId, name: s.storeId },
    active: s.active,
    customers: counts.get(s.staffId) ?? 0,
    joinedAt: s.joinedAt ?? null,
    deactivatedAt: s.deactivatedAt ?? null,
  }))
}

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

export const inviteStaff = operatorAction('stores', InviteStaffSchema, async (input, ctx) => {
  const requestKey = `${ctx.operator.operatorId}:${input.requestId}`
  const same = (inv: { name: string; staff?: { staffId: string; storeId: string; role: string } }) =>
    inv.name === input.name && inv.staff?.staffId === input.staffId && inv.staff.storeId === input.storeId && inv.staff.role === input.role
  const earlier = await data.invitations.where({ requestKey }).first()
  if (!earlier) {
    const store = await data.stores.get(input.storeId)
    if (!store) throw fieldRefused('storeId', `没有编号为 ${input.storeId} 的门店`)
    if (store.active === false) throw fieldRefused('storeId', `${store.name}已停业，不能邀请员工`)
    const holder = await data.staff.where({ staffId: input.staffId }).first()
    if (holder) throw fieldRefused('staffId', `工号 ${input.staffId} 已属于${holder.name}，请换一个工号`)
    if (await openInvitationFor({ 'staff.staffId': input.staffId }, ctx.now))
      throw fieldRefused('staffId', `工号 ${input.staffId} 已有一份未接受的邀请，请等待对方接受或换一个工号`)
  }
  const { invitation, replayed } = await createInvitation(
    {
      kind: 'staff',
      name: input.name,
      staff: { staffId: input.staffId, storeId: input.storeId, role: input.role },
      requestKey,
      createdBy: ctx.operator.operatorId,
    },
    ctx.now,
    same,
  )
  return { invitation: await invitationView(invitation), replayed }
})

const staffByNumber = async (staffId: string, field = 'staffId'): Promise<StaffDoc> => {
  const staff = await data.staff.where({ staffId }).first()
  if (!staff) throw fieldRefused(field, `没有工号为 ${staffId} 的员工`)
  return staff
}

export const deactivateStaff = operatorAction('stores', StaffIdSchema, async ({ staffId }, ctx) => {
  const staff = await staffByNumber(staffId)
  // A second call (a retry) finds them inactive and answers the same.
  const after: StaffDoc = staff.active ? { ...staff, active: false, deactivatedAt: ctx.now, deactivatedBy: ctx.operator.operatorId } : staff
  if (staff.active) await data.staff.update(staff._id, { active: false, deactivatedAt: ctx.now, deactivatedBy: ctx.operator.operatorId })
  return { staff: (await staffRows([after]))[0] }
})

/** The operator's call works this long, then answers `done: false`; the same call again goes on. */
const HAND_OVER_BUDGET_MS = 5_000

const handOverView = async (run: JobRunDoc, from: StaffDoc, to: StaffDoc): Promise<HandOverView> => ({
  from: { staffId: from.staffId, name: from.name },
  to: { staffId: to.staffId, name: to.name },
  store: storeView(await loadStore(from.storeId)) ?? { id: from.storeId, name: from.storeId },
  moved: run.changed,
  remaining: await data.members.where({ storeId: from.storeId, assistantId: from.staffId }).count(),
  done: run.done,
})

/**
 * Every customer `fromStaffId` looks after at their store goes to `toStaffId`, an active colleague of the same store
 * (an assistant or the manager). Keyed by the operator's request id; see _lib/handOver.ts for the walk.
 */
export const handOverCustomers = operatorAction('stores', HandOverCustomersSchema, async ({ fromStaffId, toStaffId, requestId }, ctx) => {
  const runKey = `${ctx.operator.operatorId}:${requestId}`
  const [from, to, earlier] = await Promise.all([
    staffByNumber(fromStaffId, 'fromStaffId'),
    staffByNumber(toStaffId, 'toStaffId'),
    data.jobRuns.get(`${HAND_OVER_JOB}:${runKey}`),
  ])
  if (earlier?.handOver && (earlier.handOver.fromStaffId !== fromStaffId || earlier.handOver.toStaffId !== toStaffId)) {
    throw new AppError('IDEMPOTENCY_CONFLICT', '该请求已用于另一次顾客移交，请重新发起')
  }
  if (to.storeId !== from.storeId) throw fieldRefused('toStaffId', `${to.name}不在${from.name}的门店，只能移交给同店同事`)
  if (!to.active) throw fieldRefused('toStaffId', `${to.name}已停用，请选择在职的同事`)
  const run = await continueHandOver(
    runKey,
    { fromStaffId, toStaffId, storeId: from.storeId, by: ctx.operator.operatorId },
    ctx.now,
    HAND_OVER_BUDGET_MS,
  )
  return { handOver: await handOverView(run, from, to) }
})
