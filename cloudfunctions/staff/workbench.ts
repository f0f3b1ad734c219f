/**
 * The staff workbench: an assistant's own customers (a manager's: the store's), today's lists, the monthly
 * callback, the customer card, and — managers only — reassignment and callback counts per assistant.
 * A customer of another store is never shown or changed: the store, not the person, owns the list. Also who the
 * caller is (whoami) and a member's birthday corrected by their store.
 */
import type { CallbackStats, CustomerView } from '../../src/api/contract'
import {
  CallbackStatsSchema,
  CorrectBirthdaySchema,
  CustomerCardSchema,
  CustomersSchema,
  EmptySchema,
  LogCallbackSchema,
  LookupMemberSchema,
  ReassignSchema,
  RevealPhoneSchema,
} from '../../src/api/schemas'
import { AppError, fieldRefused, invalidInput } from '../../src/domain/errors'
import { birthdayProblem, editProfile, type Member } from '../../src/domain/member'
import type { ProgramRules } from '../../src/domain/program'
import { businessDate, businessTime, toInstant } from '../../src/domain/time'
import { _ } from '../_lib/cloud'
import {
  callbacksOf,
  customerView,
  customerViews,
  findCustomers,
  staffScope,
  todayCounts as countToday,
  todayView,
} from '../_lib/customers'
import { assertTillOpen } from '../_lib/codeGuards'
import { findMemberByCode, readMemberIn, writeMemberIn } from '../_lib/members'
import { issueBirthdayCardOnCorrection } from '../_lib/coupons'
import { loadProgram, loadStaffByStaffId, loadStore, storeView } from '../_lib/reference'
import type { CallbackDoc } from '../_lib/collections'
import { managerAction, staffAction, type StaffContext } from '../_lib/runtime'
import { data, tx } from '../_lib/data'
import { inTransaction } from '../_lib/transaction'
import { memberSummary } from '../_lib/views'

const views = customerViews

/**
 * The member behind a code, if they belong to the caller's store: what every record action of the store's staff
 * (assistants and manager alike) is scoped by. A member who chose no store yet belongs to none. A till paused by
 * the brake on guessing takes no member code (_lib/codeGuards).
 */
export const storeCustomer = async (code: string, ctx: StaffContext): Promise<Member> => {
  await assertTillOpen(ctx.staff)
  const member = await findMemberByCode(code)
  if (member.storeId === null) throw new AppError('FORBIDDEN', '该会员尚未选择门店，请顾客先在会员卡的“我的门店”中选择本店')
  if (member.storeId !== ctx.staff.storeId) throw new AppError('FORBIDDEN', '该会员不属于本店')
  return member
}

export const customers = staffAction(CustomersSchema, async ({ search, offset }, ctx) => {
  const program = await loadProgram()
  const { members, more } = await findCustomers(staffScope(ctx.staff), search, offset)
  return { customers: await views(members, ctx.now, program), more }
})

/** When the next callback falls if the assistant picks no date: the program's rhythm from today, 09:00. */
const defaultNextCallback = (now: string, program: ProgramRules): string =>
  toInstant(businessTime(now).startOf('day').add(program.workbench.callbackEveryDays, 'day').hour(9))

export const customer = staffAction(LookupMemberSchema, async ({ code }, ctx) => {
  const member = await storeCustomer(code, ctx)
  const program = await loadProgram()
  return {
    customer: await customerView(member, ctx.now, program),
    callbacks: await callbacksOf(member._id),
    callbackDefaultDate: businessDate(defaultNextCallback(ctx.now, program)),
    // The audit of revealed numbers is read by the one who answers for the store's customers.
    phoneReveals: ctx.staff.role === 'manager' ? await phoneRevealsOf(member._id, ctx.staff.storeId) : null,
  }
})

/** Who saw the customer's full number at this store, newest first (the last 20). */
const phoneRevealsOf = async (memberId: string, storeId: string) => {
  const found = await data.phoneReveals.where({ memberId, storeId }).orderBy('at', 'desc').limit(20).get()
  return Promise.all(found.map(async (r) => ({ staffName: (await loadStaffByStaffId(r.staffId))?.name ?? r.staffId, at: r.at })))
}

export const today = staffAction(EmptySchema, async (_input, ctx) => todayView(staffScope(ctx.staff), ctx.now, await loadProgram()))

export const todayCounts = staffAction(EmptySchema, async (_input, ctx) => countToday(staffScope(ctx.staff), ctx.now, await loadProgram()))

/**
 * The customer's full mobile number, for their own assistant to call them (拨打电话). Every staff screen shows
 * numbers masked (PIPL: no more than the job needs); calling the customer is the job of the one assistant who
 * looks after them, so that assistant — nobody else, managers included — sees it, one tap at a time, each tap
 * logged in phoneReveals. A manager who must call takes the customer on first (更换导购, logged on the member).
 * A number another membership held first (mobileClaim) is not shown: it may be someone else's.
 * The request id is the log entry's id: a retry logs once, and the id never names a second customer.
 */
export const revealPhone = staffAction(RevealPhoneSchema, async ({ memberCode, requestId }, ctx) => {
  const found = await storeCustomer(memberCode, ctx)
  if (found.assistantId !== ctx.staff.staffId) throw new AppError('FORBIDDEN', '仅负责该顾客的导购可以查看完整手机号')
  if (typeof found.mobileClaim === 'string') throw new AppError('FORBIDDEN', '该手机号未核实，请先到店核实顾客身份')
  const id = `${ctx.staff.staffId}:${requestId}`
  await inTransaction(async (t) => {
    const logged = await tx(t).phoneReveals.get(id)
    if (logged && logged.memberId !== found._id) throw new AppError('IDEMPOTENCY_CONFLICT', '请求编号已用于另一位顾客，请重试')
    if (!logged) {
      await tx(t).phoneReveals.add({
        _id: id,
        memberId: found._id,
        memberNo: found.memberNo,
        storeId: ctx.staff.storeId,
        staffId: ctx.staff.staffId,
        at: ctx.now,
      })
    }
  })
  return { mobile: found.mobile }
})

/**
 * Logs a callback and schedules the next (the given date, else the program's monthly rhythm), in one
 * transaction; the request id is the log's id, so a retry logs nothing twice.
 */
export const logCallback = staffAction(LogCallbackSchema, async (input, ctx) => {
  const found = await storeCustomer(input.memberCode, ctx)
  const program = await loadProgram()
  const id = `${ctx.staff.staffId}:${input.requestId}`
  const nextAt = input.nextDate ? toInstant(businessTime(`${input.nextDate}T09:00:00+08:00`)) : defaultNextCallback(ctx.now, program)
  if (Date.parse(nextAt) <= Date.parse(ctx.now)) {
    throw fieldRefused('nextDate', '下次回访日期应在今天之后')
  }
  const { member, replayed } = await inTransaction(async (t) => {
    const member = await readMemberIn(t, found._id)
    if (await tx(t).callbacks.get(id)) return { member, replayed: true }
    const log: CallbackDoc = {
      _id: id,
      memberId: member._id,
      storeId: ctx.staff.storeId,
      staffId: ctx.staff.staffId,
      at: ctx.now,
      month: businessTime(ctx.now).format('YYYY-MM'),
      outcome: input.outcome,
      note: input.note ?? '',
      nextAt,
    }
    await tx(t).callbacks.add(log)
    const after: Member = { ...member, lastCallbackAt: ctx.now, nextCallbackAt: nextAt }
    await writeMemberIn(t, after)
    return { member: after, replayed: false }
  })
  return { customer: await customerView(member, ctx.now, program), replayed }
})

export const updateCustomerCard = staffAction(CustomerCardSchema, async ({ memberCode, profile }, ctx) => {
  const found = await storeCustomer(memberCode, ctx)
  const program = await loadProgram()
  const member = await inTransaction(async (t) => {
    const member = await readMemberIn(t, found._id)
    // One set of fields with the member's own profile (see CustomerProfile): the fields sent replace what is
    // there, whoever typed it last, and each changed field is stamped with this assistant's name.
    const next = editProfile(member.profile, profile, { by: 'staff', staffId: ctx.staff.staffId, name: ctx.staff.name }, ctx.now)
    if (next === member.profile) return member
    const after: Member = { ...member, profile: next }
    await writeMemberIn(t, after)
    return after
  })
  return { customer: await customerView(member, ctx.now, program) }
})

const activeStoreStaff = (storeId: string) => data.staff.where({ storeId, active: true }).limit(200).get()

export const storeStaff = staffAction(EmptySchema, async (_input, ctx) => ({
  staff: (await activeStoreStaff(ctx.staff.storeId)).map((s) => ({ staffId: s.staffId, name: s.name, role: s.role })),
}))

/** A manager hands a customer to another assistant of the store; logged on the member. */
export const reassign = managerAction(ReassignSchema, async ({ memberCode, staffId }, ctx): Promise<{ customer: CustomerView }> => {
  const found = await storeCustomer(memberCode, ctx)
  if (!(await activeStoreStaff(ctx.staff.storeId)).some((s) => s.staffId === staffId)) {
    throw fieldRefused('staffId', '该导购不在本店')
  }
  const program = await loadProgram()
  const member = await inTransaction(async (t) => {
    const member = await readMemberIn(t, found._id)
    if (member.assistantId === staffId) return member
    const log = [...(member.assignmentLog ?? []), { from: member.assistantId, to: staffId, by: ctx.staff.staffId, at: ctx.now }]
    const after: Member = { ...member, assistantId: staffId, assignmentLog: log }
    await writeMemberIn(t, after)
    return after
  })
  return { customer: await customerView(member, ctx.now, program) }
})

/** A manager's monthly view: callbacks per assistant, and how many customers they reached. */
export const callbackStats = managerAction(CallbackStatsSchema, async ({ month }, ctx): Promise<CallbackStats> => {
  const which = month ?? businessTime(ctx.now).format('YYYY-MM')
  const rows = await data.callbacks.aggregate<{ _id: string; callbacks: number; members: string[] }>((p) =>
    p
      .match({ storeId: ctx.staff.storeId, month: which })
      .group({ _id: '$staffId', callbacks: _.aggregate.sum(1), members: _.aggregate.addToSet('$memberId') }),
  )
  const staff = await activeStoreStaff(ctx.staff.storeId)
  return {
    month: which,
    byAssistant: staff
      .map((s) => {
        const row = rows.find((r) => r._id === s.staffId)
        return { staffId: s.staffId, name: s.name, callbacks: row?.callbacks ?? 0, customers: row?.members.length ?? 0 }
      })
      .sort((a, b) => b.callbacks - a.callbacks),
  }
})

export const whoami = staffAction(EmptySchema, async (_input, { staff }) => {
  const store = storeView(await loadStore(staff.storeId))
  if (!store) throw new AppError('FORBIDDEN', '您所在的门店已停用，请联系品牌总部')
  return { staffId: staff.staffId, name: staff.name, role: staff.role, store }
})

/**
 * A member sets the birthday once, at join; a correction goes through staff of the member's own store (its
 * assistants and its manager, as every record action of the workbench), with a reason, and is logged on the
 * member: who, at which store, when, the old and the new birthday, why. Corrected into the current month, the
 * birthday card is issued now (the monthly job has run already) — still once a year: its key is member + year
 * (the same rule as an operator's correction, _lib/coupons issueBirthdayCardOnCorrection).
 */
export const correctBirthday = staffAction(CorrectBirthdaySchema, async ({ memberCode, birthday, reason }, ctx) => {
  // The input first: a birthday still to come is refused as such, whoever the code names.
  const today = businessTime(ctx.now)
  const problem = birthdayProblem(birthday, { year: today.year(), month: today.month() + 1, day: today.date() })
  if (problem) throw invalidInput([{ field: 'birthday', message: problem }])
  const found = await storeCustomer(memberCode, ctx)
  const corrected = await inTransaction(async (t) => {
    const member = await readMemberIn(t, found._id)
    // Moved to another store since it was read: no longer this store's to correct.
    if (member.storeId !== ctx.staff.storeId) throw new AppError('FORBIDDEN', '该会员不属于本店')
    // Already so (a retry whose first answer was lost, or a second tap): nothing to correct, nothing to log twice.
    const { month, day, year } = member.birthday
    if (month === birthday.month && day === birthday.day && year === birthday.year) return member
    const change = { from: member.birthday, to: birthday, by: ctx.staff.staffId, storeId: ctx.staff.storeId, reason, at: ctx.now }
    const after: Member = { ...member, birthday, birthdayChanges: [...(member.birthdayChanges ?? []), change] }
    await writeMemberIn(t, after)
    return after
  })
  await issueBirthdayCardOnCorrection(corrected, ctx.now)
  return { member: memberSummary(corrected, ctx.now) }
})
