/** Operators see the workbench's lists for every store, or one: read-only (stores look after their customers). */
import { LookupMemberSchema } from '../../src/api/schemas'
import { OpsCustomersSchema, OpsTodaySchema } from '../../src/api/opsSchemas'
import { callbacksOf, customerView, customerViews, findCustomers, todayView, type Scope } from '../_lib/customers'
import { findMemberByCode } from '../_lib/members'
import { loadProgram } from '../_lib/reference'
import { operatorAction } from '../_lib/runtime'

const scopeOf = (storeId: string | undefined): Scope => (storeId ? { storeId } : { all: true })

export const customers = operatorAction('members', OpsCustomersSchema, async ({ storeId, search, offset }, ctx) => {
  const program = await loadProgram()
  const { members, more } = await findCustomers(scopeOf(storeId), search, offset)
  return { customers: await customerViews(members, ctx.now, program), more }
})

export const today = operatorAction('members', OpsTodaySchema, async ({ storeId }, ctx) =>
  todayView(scopeOf(storeId), ctx.now, await loadProgram()),
)

export const customer = operatorAction('members', LookupMemberSchema, async ({ code }, ctx) => {
  const member = await findMemberByCode(code)
  return { customer: await customerView(member, ctx.now, await loadProgram()), callbacks: await callbacksOf(member._id) }
})
