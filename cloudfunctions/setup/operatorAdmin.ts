/**
 * The desk's 运营与权限 page: the brand's operators, inviting one, setting what each may do (src/domain/operators.ts),
 * and deactivating one. Nobody widens their own powers: an operator grants, changes and takes away only areas they
 * hold themselves. Someone must always be able to manage operators: the last active operator holding `stores` can be
 * neither deactivated nor stripped of it, and nobody deactivates themselves.
 */
import type { OperatorRow } from '../../src/api/storeAdmin'
import { InviteOperatorSchema, ListOperatorsSchema, OperatorIdSchema, SetOperatorPermissionsSchema } from '../../src/api/storeAdminSchemas'
import { AppError, fieldRefused } from '../../src/domain/errors'
import { areasOf, changeProblem, grantProblem, keepsAnAdministrator, OPERATOR_AREAS } from '../../src/domain/operators'
import { _ } from '../_lib/cloud'
import { codeStartingWith, containing } from '../_lib/search'
import type { OperatorDoc } from '../_lib/collections'
import { data, type Filter } from '../_lib/data'
import { createInvitation, invitationView, openInvitationFor } from '../_lib/invitations'
import { listPage } from '../_lib/lists'
import { operatorAction, type OperatorContext } from '../_lib/runtime'

const operatorRow = (o: OperatorDoc, ctx: OperatorContext): OperatorRow => ({
  operatorId: o.operatorId,
  name: o.name,
  active: o.active,
  areas: areasOf(o),
  fullPowers: o.areas === undefined,
  exportPII: o.permissions?.includes('exportPII') === true,
  you: o._id === ctx.operator._id,
})

export const listOperators = operatorAction('stores', ListOperatorsSchema, async ({ filter, sort, cursor, limit }, ctx) => {
  const where: Filter<OperatorDoc>[] = []
  if (filter?.active !== undefined) where.push({ active: filter.active })
  if (filter?.search) {
    where.push(_.or([{ name: containing(filter.search) }, { operatorId: codeStartingWith(filter.search) }]))
  }
  const page = await listPage(data.operators, {
    where: where.length === 0 ? {} : where.length === 1 ? where[0] : _.and(where),
    sortBy: sort?.by === 'name' ? 'name' : 'operatorId',
    order: sort?.order ?? 'asc',
    cursor,
    limit,
  })
  return { ...page, rows: page.rows.map((o) => operatorRow(o, ctx)) }
})

const areasIn = (areas: readonly string[]) => OPERATOR_AREAS.filter((a) => areas.includes(a))

export const inviteOperator = operatorAction('stores', InviteOperatorSchema, async (input, ctx) => {
  const areas = areasIn(input.areas)
  if (areas.length === 0) throw fieldRefused('areas', '请至少选择一项权限')
  const problem = grantProblem(ctx.operator, { areas, exportPII: input.exportPII })
  if (problem) throw new AppError('FORBIDDEN', problem)
  const requestKey = `${ctx.operator.operatorId}:${input.requestId}`
  if (!(await data.invitations.where({ requestKey }).first())) {
    const holder = await data.operators.where({ operatorId: input.operatorId }).first()
    if (holder) throw fieldRefused('operatorId', `运营编号 ${input.operatorId} 已属于${holder.name}，请换一个编号`)
    if (await openInvitationFor({ 'operator.operatorId': input.operatorId }, ctx.now))
      throw fieldRefused('operatorId', `运营编号 ${input.operatorId} 已有一份未接受的邀请，请等待对方接受或换一个编号`)
  }
  const { invitation, replayed } = await createInvitation(
    {
      kind: 'operator',
      name: input.name,
      operator: { operatorId: input.operatorId, areas, exportPII: input.exportPII },
      requestKey,
      createdBy: ctx.operator.operatorId,
    },
    ctx.now,
    (inv) =>
      inv.name === input.name &&
      inv.operator?.operatorId === input.operatorId &&
      inv.operator.exportPII === input.exportPII &&
      inv.operator.areas.join() === areas.join(),
  )
  return { invitation: await invitationView(invitation), replayed }
})

const operatorByNumber = async (operatorId: string): Promise<OperatorDoc> => {
  const found = await data.operators.where({ operatorId }).first()
  if (!found) throw fieldRefused('operatorId', `没有编号为 ${operatorId} 的运营`)
  return found
}

/** Every active operator as a change would leave them: who still holds `stores` afterwards. */
const keepsAdministratorAfter = async (changed: OperatorDoc): Promise<boolean> => {
  // Operators are a handful: one read.
  const all = await data.operators.where({ active: true }).limit(1000).get()
  return keepsAnAdministrator([...all.filter((o) => o._id !== changed._id), changed])
}

const LAST_ADMINISTRATOR = '这是最后一位拥有“门店、员工与运营权限”的在职运营，不能取消该权限或停用'

export const setOperatorPermissions = operatorAction('stores', SetOperatorPermissionsSchema, async (input, ctx) => {
  const target = await operatorByNumber(input.operatorId)
  const areas = areasIn(input.areas)
  const problem = changeProblem(ctx.operator, target, { areas, exportPII: input.exportPII })
  if (problem) throw new AppError('FORBIDDEN', problem)
  const others = (target.permissions ?? []).filter((p) => p !== 'exportPII')
  const after: OperatorDoc = {
    ...target,
    areas,
    permissions: input.exportPII ? [...others, 'exportPII'] : others,
    areasSetBy: ctx.operator.operatorId,
    areasSetAt: ctx.now,
  }
  if (!(await keepsAdministratorAfter(after))) throw fieldRefused('areas', LAST_ADMINISTRATOR)
  await data.operators.update(target._id, {
    areas: after.areas,
    permissions: after.permissions,
    areasSetBy: after.areasSetBy,
    areasSetAt: after.areasSetAt,
  })
  return { operator: operatorRow(after, ctx) }
})

export const deactivateOperator = operatorAction('stores', OperatorIdSchema, async ({ operatorId }, ctx) => {
  const target = await operatorByNumber(operatorId)
  if (target._id === ctx.operator._id) throw fieldRefused('operatorId', '不能停用自己的账号，请由其他运营操作')
  if (!target.active) return { operator: operatorRow(target, ctx) }
  // Deactivating takes every power away: only one who holds them all may do it.
  const problem = changeProblem(ctx.operator, target, { areas: [], exportPII: false })
  if (problem) throw new AppError('FORBIDDEN', '不能停用拥有您所没有权限的运营，请由品牌负责人操作')
  const after: OperatorDoc = { ...target, active: false, deactivatedAt: ctx.now, deactivatedBy: ctx.operator.operatorId }
  if (!(await keepsAdministratorAfter(after))) throw fieldRefused('operatorId', LAST_ADMINISTRATOR)
  await data.operators.update(target._id, { active: false, deactivatedAt: ctx.now, deactivatedBy: ctx.operator.operatorId })
  return { operator: operatorRow(after, ctx) }
})
