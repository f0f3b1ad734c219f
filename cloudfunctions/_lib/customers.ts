/**
 * Customers as the workbench shows them, and the queries behind its lists. A scope says whose customers:
 * one assistant's, a store's (managers), or everyone's (operators). Every list is a query on indexed fields
 * of the member document, capped, newest seen first.
 */
import type { CallbackEntry, CustomerView, TodayCounts, TodayView } from '../../src/api/contract'
import { parseCustomerSearch, type CustomerSearch } from '../../src/domain/customerSearch'
import { fieldRefused } from '../../src/domain/errors'
import type { Member } from '../../src/domain/member'
import type { ProgramRules } from '../../src/domain/program'
import { customerClass } from '../../src/domain/segments'
import { businessTime, toInstant } from '../../src/domain/time'
import { _, db } from './cloud'
import type { MemberDoc, StaffDoc } from './collections'
import { data, type FieldPath, type Filter } from './data'
import { loadStaffByStaffId, loadStore, storeView } from './reference'
import { customerProfileView, memberSummary } from './views'

export type Scope = { storeId: string; assistantId?: string } | { all: true }

/** The fields a scope adds to every customer query. */
export const scopeFilter = (scope: Scope): Filter<MemberDoc> =>
  'all' in scope ? {} : scope.assistantId ? { storeId: scope.storeId, assistantId: scope.assistantId } : { storeId: scope.storeId }

/** A shop assistant sees their own customers; a manager the store's. */
export const staffScope = (staff: StaffDoc): Scope =>
  staff.role === 'manager' ? { storeId: staff.storeId } : { storeId: staff.storeId, assistantId: staff.staffId }

export const customerView = async (m: Member, now: string, program: ProgramRules): Promise<CustomerView> => {
  const [assistant, store] = await Promise.all([
    m.assistantId ? loadStaffByStaffId(m.assistantId) : null,
    m.storeId ? loadStore(m.storeId) : null,
  ])
  return {
    ...memberSummary(m, now),
    mobileUnconfirmed: typeof m.mobileClaim === 'string',
    unclaimed: m.unclaimed === true,
    joinedAt: m.joinedAt,
    lastPurchaseAt: m.lastPurchaseAt ?? null,
    lastSeenAt: m.lastSeenAt ?? m.joinedAt,
    lifetimeSpendFen: m.lifetimeSpendFen,
    purchaseCount: m.purchaseCount ?? 0,
    assistant: m.assistantId ? { staffId: m.assistantId, name: assistant?.name ?? m.assistantId } : null,
    store: m.storeId ? (storeView(store) ?? { id: m.storeId, name: m.storeId }) : null,
    profile: customerProfileView(m.profile),
    nextCallbackAt: m.nextCallbackAt ?? null,
    lastCallbackAt: m.lastCallbackAt ?? null,
    customerClass: customerClass(
      { lifetimeSpendFen: m.lifetimeSpendFen, purchaseCount: m.purchaseCount ?? 0, lastPurchaseAt: m.lastPurchaseAt ?? null },
      program.segments,
    ),
  }
}

const LIST_LIMIT = 50

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * A name's start, the phone's last 4 digits, or both. The schema refused any other number of digits (no more than
 * the masked phone shows: src/domain/customerSearch.ts); parsed again here, so no other search reaches the query.
 */
const searchFilter = (text: string | undefined): Filter<MemberDoc> => {
  if (!text) return {}
  const parsed = parseCustomerSearch(text)
  if (!parsed.ok) throw fieldRefused('search', parsed.message)
  return customerSearchFilter(parsed.search)
}

/** A parsed customer search as a filter: the name from its start, the phone by its last 4 digits. */
export const customerSearchFilter = ({ name, phoneLast4 }: CustomerSearch): Filter<MemberDoc> => ({
  ...(name ? { name: db.RegExp({ regexp: `^${escapeRegExp(name)}` }) } : {}),
  ...(phoneLast4 ? { mobile: db.RegExp({ regexp: `${phoneLast4}$` }) } : {}),
})

export const findCustomers = async (
  scope: Scope,
  search: string | undefined,
  offset: number,
): Promise<{ members: Member[]; more: boolean }> => {
  const found = await data.members
    .where({ ...scopeFilter(scope), ...searchFilter(search) })
    .orderBy('lastSeenAt', 'desc')
    .skip(offset)
    .limit(LIST_LIMIT + 1)
    .get()
  return { members: found.slice(0, LIST_LIMIT), more: found.length > LIST_LIMIT }
}

const list = (filter: Filter<MemberDoc>, order: [FieldPath<MemberDoc>, 'asc' | 'desc']) =>
  data.members.where(filter).orderBy(order[0], order[1]).limit(LIST_LIMIT).get()

/** The filters of today's lists: birthdays this month, VIPs about to lapse, the win-back lists, callbacks due. */
const todayFilters = (scope: Scope, now: string, program: ProgramRules) => {
  const today = businessTime(now)
  const base = scopeFilter(scope)
  const daysAgo = (days: number) => toInstant(today.subtract(days, 'day'))
  const [near, far] = program.workbench.winBackDays
  return {
    month: today.format('YYYY-MM'),
    birthdays: { ...base, 'birthday.month': today.month() + 1 },
    lapsing: { ...base, tier: 'vip', vipUntil: _.gt(now).and(_.lte(toInstant(today.add(program.workbench.lapseWarningDays, 'day')))) },
    drifting: { ...base, lastSeenAt: _.lte(daysAgo(near)).and(_.gt(daysAgo(far))) },
    lost: { ...base, lastSeenAt: _.lte(daysAgo(far)) },
    /** Drifting and lost together: not seen for the nearer win-back threshold. */
    winBack: { ...base, lastSeenAt: _.lte(daysAgo(near)) },
    callbacksDue: { ...base, nextCallbackAt: _.lte(toInstant(today.endOf('day'))) },
  } satisfies Record<string, Filter<MemberDoc> | string>
}

/** Today's lists: birthdays this month, VIPs about to lapse, the win-back lists, callbacks due. */
export const todayLists = async (scope: Scope, now: string, program: ProgramRules) => {
  const f = todayFilters(scope, now, program)
  const [birthdays, lapsing, drifting, lost, callbacksDue] = await Promise.all([
    list(f.birthdays, ['birthday.day', 'asc']),
    list(f.lapsing, ['vipUntil', 'asc']),
    list(f.drifting, ['lastSeenAt', 'asc']),
    list(f.lost, ['lastSeenAt', 'desc']),
    list(f.callbacksDue, ['nextCallbackAt', 'asc']),
  ])
  return { month: f.month, birthdays, lapsing, drifting, lost, callbacksDue }
}

/**
 * How many customers each list holds, for the home tiles: four counts the database answers from the same indexed
 * filters as the lists, so the figures agree with what 今日与本月 shows (beyond its 50-row pages too).
 */
export const todayCounts = async (scope: Scope, now: string, program: ProgramRules): Promise<TodayCounts> => {
  const f = todayFilters(scope, now, program)
  const [birthdays, lapsing, winBack, callbacksDue] = await Promise.all(
    [f.birthdays, f.lapsing, f.winBack, f.callbacksDue].map((filter) => data.members.where(filter).count()),
  )
  return { birthdays, lapsing, winBack, callbacksDue }
}

export const customerViews = (members: Member[], now: string, program: ProgramRules): Promise<CustomerView[]> =>
  Promise.all(members.map((m) => customerView(m, now, program)))

/** Today's lists as the workbench shows them, for any scope (an assistant, a store, every store). */
export const todayView = async (scope: Scope, now: string, program: ProgramRules): Promise<TodayView> => {
  const lists = await todayLists(scope, now, program)
  const [birthdays, lapsing, drifting, lost, callbacksDue] = await Promise.all(
    [lists.birthdays, lists.lapsing, lists.drifting, lists.lost, lists.callbacksDue].map((l) => customerViews(l, now, program)),
  )
  return {
    month: lists.month,
    serverTime: now,
    birthdays,
    lapsing,
    drifting,
    lost,
    callbacksDue,
    thresholds: { lapseWarningDays: program.workbench.lapseWarningDays, winBackDays: program.workbench.winBackDays },
  }
}

export const callbacksOf = async (memberId: string): Promise<CallbackEntry[]> => {
  const found = await data.callbacks.where({ memberId }).orderBy('at', 'desc').limit(20).get()
  return Promise.all(
    found.map(async (c) => ({
      at: c.at,
      staffName: (await loadStaffByStaffId(c.staffId))?.name ?? c.staffId,
      outcome: c.outcome,
      note: c.note,
      nextAt: c.nextAt,
    })),
  )
}
