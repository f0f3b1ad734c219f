/**
 * The store manager's side of the brake on guessing member codes (src/domain/codeGuard.ts): the store's alerts —
 * a member's code locked after wrong codes at one of its tills, a till paused — and resuming a paused till.
 * A pause has no end of its own: the manager looks at what happened (a broken scanner, a colleague guessing)
 * and resumes it. Their own till another manager of the store resumes, or they themself an hour after the pause:
 * most stores have a single manager.
 */
import { EmptySchema, ResumeTillSchema } from '../../src/api/schemas'
import { CODE_BRAKE, selfResumableAt } from '../../src/domain/codeGuard'
import { fieldRefused } from '../../src/domain/errors'
import { businessTime, isBefore } from '../../src/domain/time'
import { loadTillGuard, resumePausedTill, storeAlerts } from '../_lib/codeGuards'
import { managerAction } from '../_lib/runtime'
import { data } from '../_lib/data'

export const codeAlerts = managerAction(EmptySchema, async (_input, ctx) => ({
  alerts: await storeAlerts(ctx.staff.storeId, ctx.now),
  brake: CODE_BRAKE,
}))

export const resumeTill = managerAction(ResumeTillSchema, async ({ staffId }, ctx) => {
  if (staffId === ctx.staff.staffId) {
    const guard = await loadTillGuard(staffId)
    const from = selfResumableAt(guard)
    if (from && isBefore(ctx.now, from))
      throw fieldRefused('staffId', `自己的收银台请由本店另一位店长恢复，或于 ${businessTime(from).format('HH:mm')} 后自行恢复`)
  }
  if (staffId.startsWith('pos:')) {
    // A POS key acts as a till of its store (cloudfunctions/pos): the store's manager resumes it, revoked or not.
    const key = await data.posKeys.get(staffId.slice('pos:'.length))
    if (key?.storeId !== ctx.staff.storeId) throw fieldRefused('staffId', '该收银密钥不属于本店')
  } else {
    // Active or not: a till paused before its assistant left is still the store's to close.
    const colleague = await data.staff.where({ staffId, storeId: ctx.staff.storeId }).first()
    if (!colleague) throw fieldRefused('staffId', '该导购不在本店')
  }
  return { resumed: await resumePausedTill(staffId, ctx.staff.staffId, ctx.now) }
})
