/**
 * The invitations operators made (ops.inviteStaff, ops.inviteOperator), for the desk's 员工 page: which are open
 * (their code and link shown again, to send once more), accepted, expired or withdrawn; and withdrawing one that
 * went to the wrong person before anyone accepted it.
 */
import type { InvitationRow } from '../../src/api/storeAdmin'
import { InvitationCodeSchema, ListInvitationsSchema } from '../../src/api/storeAdminSchemas'
import { fieldRefused } from '../../src/domain/errors'
import { invitationState } from '../../src/domain/invitations'
import { _ } from '../_lib/cloud'
import type { InvitationDoc } from '../_lib/collections'
import { data, type Filter } from '../_lib/data'
import { invitationView } from '../_lib/invitations'
import { listPage } from '../_lib/lists'
import { operatorAction } from '../_lib/runtime'
import { invitationQr as invitationQrOf } from '../_lib/staffTeam'

const invitationRow = async (inv: InvitationDoc, now: string): Promise<InvitationRow> => ({
  ...(await invitationView(inv)),
  status: invitationState(inv, now),
  createdBy: inv.createdBy,
  createdAt: inv.createdAt,
  usedAt: inv.usedAt,
})

/** Each status as a query (`revokedAt: null` also matches invitations made before withdrawing existed). */
const statusFilter = (status: InvitationRow['status'], now: string): Filter<InvitationDoc> => {
  if (status === 'used') return { usedAt: _.neq(null) }
  if (status === 'revoked') return { usedAt: null, revokedAt: _.neq(null) }
  return { usedAt: null, revokedAt: null, expiresAt: status === 'open' ? _.gt(now) : _.lte(now) }
}

export const listInvitations = operatorAction('stores', ListInvitationsSchema, async ({ filter, sort, cursor, limit }, ctx) => {
  const where: Filter<InvitationDoc> = {
    ...(filter?.kind ? { kind: filter.kind } : {}),
    ...(filter?.status ? statusFilter(filter.status, ctx.now) : {}),
  }
  const page = await listPage(data.invitations, { where, sortBy: 'createdAt', order: sort?.order ?? 'desc', cursor, limit })
  return { ...page, rows: await Promise.all(page.rows.map((inv) => invitationRow(inv, ctx.now))) }
})

export const revokeInvitation = operatorAction('stores', InvitationCodeSchema, async ({ code }, ctx) => {
  const inv = await data.invitations.get(code)
  if (!inv) throw fieldRefused('code', '没有这份邀请')
  if (inv.usedAt) throw fieldRefused('code', `该邀请已被${inv.name}接受，如需取消其权限，请停用该账号`)
  if (inv.revokedAt) return { invitation: await invitationRow(inv, ctx.now) }
  // Only while nobody has accepted it: an acceptance racing this withdrawal wins or loses as a whole.
  const withdrawn = await data.invitations
    .where({ _id: code, usedAt: null })
    .update({ revokedAt: ctx.now, revokedBy: ctx.operator.operatorId })
  const after = await data.invitations.get(code)
  if (!withdrawn && after?.usedAt) throw fieldRefused('code', `该邀请已被${inv.name}接受，如需取消其权限，请停用该账号`)
  return { invitation: await invitationRow(after!, ctx.now) }
})

/** An open invitation as a mini-program code: the desk shows it for the invited person to scan with WeChat. */
export const invitationQr = operatorAction('stores', InvitationCodeSchema, async ({ code }, ctx) => ({
  qr: await invitationQrOf(code, ctx.now),
}))
