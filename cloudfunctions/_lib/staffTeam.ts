/**
 * A store's team as the people who run it change it: the staff rows (with the customers each looks after),
 * deactivating someone, and handing a leaver's customers to colleagues. Operators do it for any store
 * (setup/staffAdmin.ts, the desk), a store manager for their own (staff/team.ts, the mini-program); the checks and
 * the writes are these, once.
 */
import type { HandOverPreview, HandOverView, InvitationView, StaffRow } from '../../src/api/storeAdmin'
import { AppError, fieldRefused } from '../../src/domain/errors'
import { ACCEPT_PAGE, invitationState } from '../../src/domain/invitations'
import { handOverShares, type StaffRole } from '../../src/domain/staff'
import { _, openApi } from './cloud'
import type { InvitationDoc, StaffDoc } from './collections'
import type { PictureData } from '../../src/api/shared'
import { data } from './data'
import { continueHandOver, HAND_OVER_JOB } from './handOver'
import { createInvitation, invitationView, openInvitationFor } from './invitations'
import { loadStore, storeView } from './reference'

/**
 * An invitation to join `storeId` as `role` under the staff number `staffId`, keyed by the caller's request
 * (`requestKey`): a retry answers the first invitation; the number must be free (nobody holds it, no open
 * invitation for it) and the store open.
 */
export const inviteStaffMember = async (
  input: { storeId: string; role: StaffRole; name: string; staffId: string },
  requestKey: string,
  createdBy: string,
  now: string,
): Promise<{ invitation: InvitationView; replayed: boolean }> => {
  const same = (inv: InvitationDoc) =>
    inv.name === input.name && inv.staff?.staffId === input.staffId && inv.staff.storeId === input.storeId && inv.staff.role === input.role
  const earlier = await data.invitations.where({ requestKey }).first()
  if (!earlier) {
    const store = await data.stores.get(input.storeId)
    if (!store) throw fieldRefused('storeId', `没有编号为 ${input.storeId} 的门店`)
    if (store.active === false) throw fieldRefused('storeId', `${store.name}已停业，不能邀请员工`)
    const holder = await data.staff.where({ staffId: input.staffId }).first()
    if (holder) throw fieldRefused('staffId', `工号 ${input.staffId} 已属于${holder.name}，请换一个工号`)
    if (await openInvitationFor({ 'staff.staffId': input.staffId }, now))
      throw fieldRefused('staffId', `工号 ${input.staffId} 已有一份未接受的邀请，请等待对方接受或换一个工号`)
  }
  const { invitation, replayed } = await createInvitation(
    {
      kind: 'staff',
      name: input.name,
      staff: { staffId: input.staffId, storeId: input.storeId, role: input.role },
      requestKey,
      createdBy,
    },
    now,
    same,
  )
  return { invitation: await invitationView(invitation), replayed }
}

/**
 * The invitation as a mini-program code the invited person scans with WeChat: it opens the accept page with the
 * code in its scene (`i=<code>`, read by src/staff/invite). Only an open invitation gets one.
 */
export const invitationQr = async (code: string, now: string): Promise<PictureData> => {
  const invitation = await data.invitations.get(code)
  if (!invitation || invitationState(invitation, now) !== 'open') throw fieldRefused('code', '这份邀请已失效，请重新邀请')
  const qr = await openApi().wxacode.getUnlimited({ scene: `i=${code}`, page: ACCEPT_PAGE, width: INVITATION_QR_WIDTH })
  return { contentType: qr.contentType, base64: Buffer.from(qr.buffer).toString('base64') }
}

/** Wide enough to scan from a phone screen held out to the new colleague. */
const INVITATION_QR_WIDTH = 430

/** Customers per staff member: one aggregate over the members index (storeId, assistantId). */
const customerCounts = async (staff: StaffDoc[]): Promise<Map<string, number>> => {
  if (staff.length === 0) return new Map()
  const rows = await data.members.aggregate<{ _id: string; n: number }>((p) =>
    p
      .match({ storeId: _.in([...new Set(staff.map((s) => s.storeId))]), assistantId: _.in(staff.map((s) => s.staffId)) })
      .group({ _id: '$assistantId', n: _.aggregate.sum(1) }),
  )
  return new Map(rows.map((r) => [r._id, r.n]))
}

export const staffRows = async (staff: StaffDoc[]): Promise<StaffRow[]> => {
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

/**
 * The staff member with this number, or a refusal on `field`. `storeId` limits the search to one store (a
 * manager's): someone elsewhere is "not found" there, which tells a manager nothing about other stores.
 */
export const staffByNumber = async (staffId: string, field = 'staffId', storeId?: string): Promise<StaffDoc> => {
  const staff = await data.staff.where({ staffId }).first()
  if (!staff || (storeId !== undefined && staff.storeId !== storeId)) {
    throw fieldRefused(field, storeId ? `本店没有工号为 ${staffId} 的员工` : `没有工号为 ${staffId} 的员工`)
  }
  return staff
}

/**
 * Their powers end with this call (every staff call loads their record and refuses an inactive one), and their
 * 专属码 stops naming them to new members. Their customers stay theirs until handed over. A retry answers the same.
 */
export const deactivate = async (staff: StaffDoc, by: string, now: string): Promise<StaffRow> => {
  const after: StaffDoc = staff.active ? { ...staff, active: false, deactivatedAt: now, deactivatedBy: by } : staff
  if (staff.active) await data.staff.update(staff._id, { active: false, deactivatedAt: now, deactivatedBy: by })
  return (await staffRows([after]))[0]
}

interface Parties {
  from: StaffDoc
  to: StaffDoc[]
}

/** The leaver and the colleagues, checked: every colleague active at the leaver's store. */
export const handOverParties = async (fromStaffId: string, toStaffIds: string[], storeId?: string): Promise<Parties> => {
  const [from, ...to] = await Promise.all([
    staffByNumber(fromStaffId, 'fromStaffId', storeId),
    ...toStaffIds.map((id) => staffByNumber(id, 'toStaffIds', storeId)),
  ])
  for (const colleague of to) {
    if (colleague.storeId !== from.storeId) throw fieldRefused('toStaffIds', `${colleague.name}不在${from.name}的门店，只能移交给同店同事`)
    if (!colleague.active) throw fieldRefused('toStaffIds', `${colleague.name}已停用，请选择在职的同事`)
  }
  return { from, to }
}

const customersOf = (from: StaffDoc): Promise<number> => data.members.where({ storeId: from.storeId, assistantId: from.staffId }).count()

/** How many customers each colleague would receive, dealt in turn as the hand-over deals them. */
export const previewShares = async ({ from, to }: Parties): Promise<HandOverPreview> => {
  const customers = await customersOf(from)
  const shares = handOverShares(customers, to.length)
  return {
    from: { staffId: from.staffId, name: from.name },
    customers,
    shares: to.map((s, i) => ({ staffId: s.staffId, name: s.name, customers: shares[i] })),
  }
}

/** The caller's call works this long, then answers `done: false`; the same call again goes on. */
const HAND_OVER_BUDGET_MS = 5_000

/**
 * Every customer the leaver looks after at their store goes to the colleagues, dealt in turn. Keyed by the
 * caller's request id (`runKey`); see _lib/handOver.ts for the walk.
 */
export const handOver = async ({ from, to }: Parties, runKey: string, by: string, now: string): Promise<HandOverView> => {
  const toStaffIds = to.map((s) => s.staffId)
  const earlier = await data.jobRuns.get(`${HAND_OVER_JOB}:${runKey}`)
  if (earlier?.handOver && (earlier.handOver.fromStaffId !== from.staffId || earlier.handOver.toStaffIds.join() !== toStaffIds.join())) {
    throw new AppError('IDEMPOTENCY_CONFLICT', '该请求已用于另一次顾客移交，请重新发起')
  }
  const run = await continueHandOver(runKey, { fromStaffId: from.staffId, toStaffIds, storeId: from.storeId, by }, now, HAND_OVER_BUDGET_MS)
  return {
    from: { staffId: from.staffId, name: from.name },
    to: to.map((s) => ({ staffId: s.staffId, name: s.name })),
    store: storeView(await loadStore(from.storeId)) ?? { id: from.storeId, name: from.storeId },
    moved: run.changed,
    remaining: await customersOf(from),
    done: run.done,
  }
}
