/**
 * A store manager's team, in the mini-program: who works here and how many customers each looks after, inviting a
 * new shop assistant (a code they scan with WeChat there and then), deactivating one who left, and handing that
 * person's customers to colleagues. The rules are the desk's (_lib/staffTeam.ts), held to the manager's own store:
 * someone of another store is "not found" here, and only shop assistants are made or ended (an operator makes and
 * ends managers). Each step is recorded with who did it: the invitation's `createdBy`, the staff record's
 * `deactivatedBy`, every moved customer's assignment log (`staff:<staffId>`).
 */
import {
  HandOverCustomersSchema,
  InvitationCodeSchema,
  InviteAssistantSchema,
  PreviewHandOverSchema,
  StaffIdSchema,
} from '../../src/api/storeAdminSchemas'
import { EmptySchema } from '../../src/api/schemas'
import { fieldRefused } from '../../src/domain/errors'
import { invitationState } from '../../src/domain/invitations'
import { data } from '../_lib/data'
import { invitationView } from '../_lib/invitations'
import { managerAction, type StaffContext } from '../_lib/runtime'
import {
  deactivate,
  handOver,
  handOverParties,
  invitationQr,
  inviteStaffMember,
  previewShares,
  staffByNumber,
  staffRows,
} from '../_lib/staffTeam'

/** How a manager's doing is recorded: apart from operator ids, which never start so. */
const byManager = (ctx: StaffContext) => `staff:${ctx.staff.staffId}`

/** A store's team is a few dozen people at most; more is a data problem, not a page. */
const TEAM_LIMIT = 100

export const team = managerAction(EmptySchema, async (_input, ctx) => {
  const storeId = ctx.staff.storeId
  const [staff, invitations] = await Promise.all([
    data.staff.where({ storeId }).limit(TEAM_LIMIT).get(),
    data.invitations.where({ 'staff.storeId': storeId }).limit(TEAM_LIMIT).get(),
  ])
  const rows = await staffRows(staff)
  // Active first, then by staff number: the people working today on top.
  rows.sort((a, b) => Number(b.active) - Number(a.active) || a.staffId.localeCompare(b.staffId))
  const open = invitations.filter((inv) => invitationState(inv, ctx.now) === 'open').sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  return { staff: rows, invitations: await Promise.all(open.map(invitationView)) }
})

export const inviteAssistant = managerAction(InviteAssistantSchema, async ({ requestId, ...person }, ctx) =>
  inviteStaffMember(
    { ...person, storeId: ctx.staff.storeId, role: 'assistant' },
    `${byManager(ctx)}:${requestId}`,
    byManager(ctx),
    ctx.now,
  ),
)

export const teamInvitationQr = managerAction(InvitationCodeSchema, async ({ code }, ctx) => {
  const invitation = await data.invitations.get(code)
  if (invitation?.staff?.storeId !== ctx.staff.storeId) throw fieldRefused('code', '这份邀请已失效，请重新邀请')
  return { qr: await invitationQr(code, ctx.now) }
})

export const deactivateAssistant = managerAction(StaffIdSchema, async ({ staffId }, ctx) => {
  const staff = await staffByNumber(staffId, 'staffId', ctx.staff.storeId)
  if (staff.staffId === ctx.staff.staffId) throw fieldRefused('staffId', '不能停用自己')
  if (staff.role !== 'assistant') throw fieldRefused('staffId', '店长只能由品牌运营停用')
  return { staff: await deactivate(staff, byManager(ctx), ctx.now) }
})

export const previewHandOver = managerAction(PreviewHandOverSchema, async ({ fromStaffId, toStaffIds }, ctx) => ({
  preview: await previewShares(await handOverParties(fromStaffId, toStaffIds, ctx.staff.storeId)),
}))

export const handOverCustomers = managerAction(HandOverCustomersSchema, async ({ fromStaffId, toStaffIds, requestId }, ctx) => ({
  handOver: await handOver(
    await handOverParties(fromStaffId, toStaffIds, ctx.staff.storeId),
    `${byManager(ctx)}:${requestId}`,
    byManager(ctx),
    ctx.now,
  ),
}))
