/**
 * The desk's 会员 pages: the member table (every store's members, filtered, sorted, paged by cursor past 1,000 rows),
 * a member's page in one call, and two record corrections an operator makes with a reason — the birthday and the
 * store (with its assistant) — each written with its audit record in one transaction, keyed by the request id.
 *
 * Indexes (database/collections/members.json) and what they serve; every sort ends with `_id` (the cursor's tie):
 *   joinedAt_id, lastSeenAt_id, pointsBalance_id, lifetimeSpendFen_id, name_id   each sort over all members, and
 *       the range filters on the same field (joined between, last visit before, points at least, a class's spend)
 *   storeId_joinedAt_id, storeId_assistantId_joinedAt_id   one store's (one assistant's) members, default order
 *   birthday_month, tier_vipYearEnd, memberNo_unique    the birthday month, VIP, and a member number searched
 * Scans (or sorts in memory what the filter's index found): a search by the phone's last 4 digits (a suffix can use
 * no index: every member, or the store's with a store filter); the tiers member and gold and class D (most members,
 * no selective bound); and any filter combined with a sort on another field (MongoDB sorts that filter's matches).
 */
import { DEFAULT_PAGE_ROWS, type ListPage } from '../../src/api/lists'
import {
  CorrectMemberBirthdaySchema,
  MemberPageSchema,
  MemberRecordsSchema,
  MembersSchema,
  MoveMemberStoreSchema,
  type MembersFilter,
} from '../../src/api/membersSchemas'
import type {
  MemberChangeView,
  MemberCorrectionResult,
  MemberEventRow,
  MemberPageView,
  MemberPurchaseRow,
  MemberRow,
} from '../../src/api/opsMembers'
import { fieldRefused } from '../../src/domain/errors'
import { businessDayStart } from '../../src/domain/exports'
import type { Birthday, Member } from '../../src/domain/member'
import {
  correctBirthday,
  memberAuditId,
  moveStore,
  requestConflict,
  sameRequest,
  type MemberAuditRecord,
  type MemberChange,
  type MemberRequest,
  type Placement,
  checkBirthday,
} from '../../src/domain/memberAudit'
import { classBounds, parseMemberSearch, type MemberSortKey } from '../../src/domain/memberList'
import { availablePoints } from '../../src/domain/points'
import type { CustomerClass, ProgramRules, SegmentRules, TierId } from '../../src/domain/program'
import { customerClass } from '../../src/domain/segments'
import { effectiveTier, tierProgress } from '../../src/domain/tiers'
import { startOfNextBusinessDay } from '../../src/domain/time'
import { _ } from '../_lib/cloud'
import type { MemberDoc, StaffDoc, StoreDoc } from '../_lib/collections'
import { issueBirthdayCardOnCorrection, tillCouponView } from '../_lib/coupons'
import { callbacksOf, customerSearchFilter } from '../_lib/customers'
import { data, tx, type FieldPath, type Filter } from '../_lib/data'
import { actorOf } from '../_lib/history'
import { listPage } from '../_lib/lists'
import { findMemberByCode, readMemberIn, writeMemberIn } from '../_lib/members'
import { loadProgram, loadStore, storeView } from '../_lib/reference'
import { operatorAction } from '../_lib/runtime'
import { inTransaction } from '../_lib/transaction'
import { customerProfileView, memberSummary } from '../_lib/views'

const SORT_FIELDS: Record<MemberSortKey, FieldPath<MemberDoc>> = {
  joinedAt: 'joinedAt',
  lastVisitAt: 'lastSeenAt',
  pointsBalance: 'pointsBalance',
  lifetimeSpendFen: 'lifetimeSpendFen',
  name: 'name',
}

/** The tier as of now (tiers.effectiveTier): a VIP year runs out at `vipUntil`, before the nightly job writes it. */
const tierFilter = (tier: TierId, now: string): object => {
  if (tier === 'gold') return { tier: 'gold' }
  if (tier === 'vip') return { tier: 'vip', vipUntil: _.gt(now) }
  return _.or([{ tier: 'member' }, { tier: 'vip', vipUntil: _.lte(now) }, { tier: 'vip', vipUntil: null }])
}

/** The class as of now: spend and visits within the class's bounds under the live rules (src/domain/memberList.ts). */
const classFilter = (name: CustomerClass, rules: SegmentRules): object => {
  const bounds = classBounds(name, rules)
  const all: object[] = bounds.fallsShortOf.map((f) => _.or([{ lifetimeSpendFen: _.lt(f.spendFen) }, { purchaseCount: _.lt(f.visits) }]))
  if (bounds.reaches) all.unshift({ lifetimeSpendFen: _.gte(bounds.reaches.spendFen), purchaseCount: _.gte(bounds.reaches.visits) })
  return all.length === 1 ? all[0] : _.and(all)
}

const searchFilter = (text: string): object => {
  const parsed = parseMemberSearch(text)
  if (!parsed.ok) throw fieldRefused('filter.search', parsed.message)
  return 'memberNo' in parsed.search ? { memberNo: parsed.search.memberNo } : customerSearchFilter(parsed.search)
}

/** The table's filter as one query on the member documents (every condition must hold). */
export const membersWhere = (filter: MembersFilter, now: string, program: ProgramRules): Filter<MemberDoc> => {
  const all: object[] = []
  if (filter.storeId) all.push({ storeId: filter.storeId })
  if (filter.assistantId) all.push({ assistantId: filter.assistantId })
  if (filter.tier) all.push(tierFilter(filter.tier, now))
  if (filter.customerClass) all.push(classFilter(filter.customerClass, program.segments))
  if (filter.joinedFrom) all.push({ joinedAt: _.gte(businessDayStart(filter.joinedFrom)) })
  if (filter.joinedTo) all.push({ joinedAt: _.lt(startOfNextBusinessDay(businessDayStart(filter.joinedTo))) })
  if (filter.lastVisitBefore) all.push({ lastSeenAt: _.lt(businessDayStart(filter.lastVisitBefore)) })
  if (filter.birthdayMonth) all.push({ 'birthday.month': filter.birthdayMonth })
  if (filter.pointsAtLeast !== undefined) all.push({ pointsBalance: _.gte(filter.pointsAtLeast) })
  if (filter.search) all.push(searchFilter(filter.search))
  if (all.length === 0) return {}
  return (all.length === 1 ? all[0] : _.and(all)) as Filter<MemberDoc>
}

/** The stores and staff a page of rows names: each store from the instance's cache, the staff in one query. */
const namesFor = async (storeIds: (string | null)[], staffIds: (string | null)[]) => {
  const stores = [...new Set(storeIds.filter((id): id is string => id !== null))]
  const staff = [...new Set(staffIds.filter((id): id is string => id !== null))]
  const [storeDocs, staffDocs] = await Promise.all([
    Promise.all(stores.map(loadStore)),
    staff.length
      ? data.staff
          .where({ staffId: _.in(staff) })
          .limit(staff.length)
          .get()
      : Promise.resolve([] as StaffDoc[]),
  ])
  const storeById = new Map(storeDocs.filter((s): s is StoreDoc => s !== null).map((s) => [s._id, s]))
  const staffById = new Map(staffDocs.map((s) => [s.staffId, s]))
  return {
    store: (id: string | null) => (id ? (storeView(storeById.get(id) ?? null) ?? { id, name: id }) : null),
    staffName: (id: string) => staffById.get(id)?.name ?? id,
    assistant: (id: string | null) => (id ? { staffId: id, name: staffById.get(id)?.name ?? id } : null),
  }
}
type Names = Awaited<ReturnType<typeof namesFor>>

const classOf = (m: Member, program: ProgramRules) =>
  customerClass(
    { lifetimeSpendFen: m.lifetimeSpendFen, purchaseCount: m.purchaseCount ?? 0, lastPurchaseAt: m.lastPurchaseAt },
    program.segments,
  )

const memberRow = (m: Member, names: Names, now: string, program: ProgramRules): MemberRow => {
  const summary = memberSummary(m, now)
  return {
    memberNo: m.memberNo,
    name: m.name,
    mobileMasked: summary.mobileMasked,
    tier: summary.tier,
    vipUntil: summary.vipUntil,
    pointsBalance: summary.pointsBalance,
    lifetimeSpendFen: m.lifetimeSpendFen,
    store: names.store(m.storeId),
    assistant: names.assistant(m.assistantId),
    customerClass: classOf(m, program),
    lastVisitAt: m.lastSeenAt ?? m.joinedAt,
    joinedAt: m.joinedAt,
    unclaimed: m.unclaimed === true,
  }
}

/** The member table: every store's members (or the filter's), a page at a time, newest joined first by default. */
export const members = operatorAction('members', MembersSchema, async (input, ctx): Promise<ListPage<MemberRow>> => {
  const program = await loadProgram()
  const filter = input.filter ?? {}
  const page = await listPage(data.members, {
    where: membersWhere(filter, ctx.now, program),
    // The tier filter reads the clock: the cursor names the filter as asked, so the next page (a moment later) fits.
    listKey: filter,
    sortBy: SORT_FIELDS[input.sort?.by ?? 'joinedAt'],
    order: input.sort?.order ?? 'desc',
    cursor: input.cursor,
    limit: input.limit ?? DEFAULT_PAGE_ROWS,
  })
  const names = await namesFor(
    page.rows.map((m) => m.storeId),
    page.rows.map((m) => m.assistantId),
  )
  return { ...page, rows: page.rows.map((m) => memberRow(m, names, ctx.now, program)) }
})

const purchasesPage = async (memberId: string, cursor: string | null | undefined, limit: number): Promise<ListPage<MemberPurchaseRow>> => {
  const page = await listPage(data.purchases, { where: { memberId }, sortBy: 'at', order: 'desc', cursor, limit })
  const names = await namesFor(
    page.rows.map((p) => p.storeId),
    page.rows.map((p) => p.recordedBy),
  )
  return {
    ...page,
    rows: page.rows.map((p) => ({
      id: p._id,
      orderNo: p.orderNo,
      store: names.store(p.storeId),
      at: p.at,
      amountFen: p.amountFen,
      listAmountFen: p.listAmountFen,
      coupon: p.coupon ? { title: p.coupon.title, discountFen: p.coupon.discountFen } : null,
      pointsEarned: p.pointsEarned,
      pointsBreakdown: p.pointsBreakdown ?? null,
      refundedFen: p.refundedFen,
      pointsReversed: p.pointsReversed,
      recordedBy: `${names.staffName(p.recordedBy)}（${p.recordedBy}）`,
    })),
  }
}

/** Coupons without their codes: the code on the shopper's phone stands for their presence at the till. */
const couponsPage = async (memberId: string, cursor: string | null | undefined, limit: number, now: string) => {
  const page = await listPage(data.coupons, { where: { memberId }, sortBy: 'issuedAt', order: 'desc', cursor, limit })
  return { ...page, rows: page.rows.map((c) => tillCouponView(c, now)) }
}

const EVENTS_SHOWN = 50
const CHANGES_SHOWN = 50
const RECORDS_FIRST_PAGE = 20

const eventRows = async (memberId: string): Promise<MemberEventRow[]> => {
  const rsvps = await data.rsvps.where({ memberId }).orderBy('createdAt', 'desc').limit(EVENTS_SHOWN).get()
  const eventIds = [...new Set(rsvps.map((r) => r.eventId))]
  const events = eventIds.length
    ? await data.events
        .where({ _id: _.in(eventIds) })
        .limit(eventIds.length)
        .get()
    : []
  const byId = new Map(events.map((e) => [e._id, e]))
  const names = await namesFor(
    events.map((e) => e.storeId),
    [],
  )
  return rsvps.map((r) => {
    const event = byId.get(r.eventId)
    return {
      eventId: r.eventId,
      title: event?.title ?? r.eventId,
      startsAt: event?.startsAt ?? r.createdAt,
      store: names.store(event?.storeId ?? null),
      status: r.status,
      seats: r.seats,
      waitNo: r.waitNo,
      rsvpAt: r.createdAt,
      checkedInAt: r.checkedInAt,
    }
  })
}

const birthdayWords = (b: Birthday | null) => (b ? `${b.year ? `${b.year}年` : ''}${b.month}月${b.day}日` : '（已随会员注销删除）')

const placementWords = (p: Placement, names: Names) =>
  `${names.store(p.storeId)?.name ?? '无门店'}（${p.assistantId ? `导购 ${names.staffName(p.assistantId)}` : '未分配导购'}）`

const changeSummary = (change: MemberChangeView['change'], names: Names): string => {
  switch (change.kind) {
    case 'birthday':
      return `生日：${birthdayWords(change.from)} → ${birthdayWords(change.to)}`
    case 'store':
      return `门店：${placementWords(change.from, names)} → ${placementWords(change.to, names)}`
    case 'assistant':
      return `导购：${change.from ? names.staffName(change.from) : '未分配'} → ${change.to ? names.staffName(change.to) : '未分配'}`
  }
}

const viewOfChange = (change: MemberChange): MemberChangeView['change'] =>
  change.kind === 'store' ? change : 'erased' in change ? { kind: 'birthday', from: null, to: null } : change

/** An operator's audit record as the member page shows it. */
const auditView = async (record: MemberAuditRecord, names: Names): Promise<MemberChangeView> => {
  const change = viewOfChange(record.change)
  return {
    at: record.at,
    actor: `${await actorOf({ type: 'operator', id: record.by })}${record.source === 'desk' ? ' · 运营后台' : ''}`,
    summary: changeSummary(change, names),
    reason: record.reason,
    change,
  }
}

/** Every change to the record outside the ledger: the operators' audit records and the logs on the member document. */
const changesOf = async (member: Member): Promise<MemberChangeView[]> => {
  const audit = await data.memberAudit.where({ memberId: member._id }).orderBy('at', 'desc').limit(CHANGES_SHOWN).get()
  const placements = audit.flatMap((a) => (a.change.kind === 'store' ? [a.change.from, a.change.to] : []))
  const names = await namesFor(
    [...placements.map((p) => p.storeId), ...(member.storeChanges ?? []).flatMap((c) => [c.from, c.to])],
    [...placements.map((p) => p.assistantId), ...(member.assignmentLog ?? []).flatMap((c) => [c.from, c.to, c.by])],
  )
  const staffChanges = await Promise.all([
    ...(member.birthdayChanges ?? []).map(async (c): Promise<MemberChangeView> => {
      const change = { kind: 'birthday' as const, from: c.from, to: c.to }
      const actor = c.storeId ? await actorOf({ type: 'staff', id: c.by, storeId: c.storeId }) : `导购（${c.by}）`
      return { at: c.at, actor, summary: changeSummary(change, names), reason: c.reason, change }
    }),
    ...(member.assignmentLog ?? []).map(async (c): Promise<MemberChangeView> => {
      const change = { kind: 'assistant' as const, from: c.from, to: c.to }
      // Store managers hand customers over (staff.reassign); the log keeps who, not at which store.
      return { at: c.at, actor: `店长 ${names.staffName(c.by)}（${c.by}）`, summary: changeSummary(change, names), reason: null, change }
    }),
    ...(member.storeChanges ?? []).map(async (c): Promise<MemberChangeView> => {
      // The member's own move leaves the old store's assistant behind; which one it was is not kept.
      const change = { kind: 'store' as const, from: { storeId: c.from, assistantId: null }, to: { storeId: c.to, assistantId: null } }
      return { at: c.at, actor: '会员本人', summary: changeSummary(change, names), reason: null, change }
    }),
  ])
  const operators = await Promise.all(audit.map((a) => auditView(a, names)))
  return [...operators, ...staffChanges].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, CHANGES_SHOWN)
}

/** A member's page in one call: profile, card, the first pages of purchases and coupons, events, callbacks, changes. */
export const member = operatorAction('members', MemberPageSchema, async ({ code }, ctx): Promise<MemberPageView> => {
  const m = await findMemberByCode(code)
  const program = await loadProgram()
  const [names, purchases, coupons, events, callbacks, changes] = await Promise.all([
    namesFor([m.storeId], [m.assistantId]),
    purchasesPage(m._id, null, RECORDS_FIRST_PAGE),
    couponsPage(m._id, null, RECORDS_FIRST_PAGE, ctx.now),
    eventRows(m._id),
    callbacksOf(m._id),
    changesOf(m),
  ])
  const tier = effectiveTier(m, ctx.now)
  return {
    serverTime: ctx.now,
    member: {
      ...memberSummary(m, ctx.now),
      mobileUnconfirmed: typeof m.mobileClaim === 'string',
      joinedAt: m.joinedAt,
      store: names.store(m.storeId),
      assistant: names.assistant(m.assistantId),
      customerClass: classOf(m, program),
      purchaseCount: m.purchaseCount ?? 0,
      lastPurchaseAt: m.lastPurchaseAt ?? null,
      lastVisitAt: m.lastSeenAt ?? m.joinedAt,
      nextCallbackAt: m.nextCallbackAt ?? null,
      lastCallbackAt: m.lastCallbackAt ?? null,
      profile: customerProfileView(m.profile),
    },
    card: {
      tier,
      vipUntil: tier === 'vip' ? m.vipUntil : null,
      vipYearEnd: tier === 'vip' ? m.vipYearEnd : null,
      vipYearSpendFen: tier === 'vip' ? m.vipYearSpendFen : 0,
      goldSince: m.goldSince,
      lifetimeSpendFen: m.lifetimeSpendFen,
      pointsBalance: availablePoints(m, ctx.now),
      pointBatches: m.pointBatches.filter((b) => b.expiresAt > ctx.now),
      pointsShortfall: m.pointsShortfall ?? 0,
      progress: tierProgress(m, program, ctx.now),
    },
    purchases,
    coupons,
    events,
    callbacks,
    changes,
  }
})

/** The next pages of a member's purchases (newest first). */
export const memberPurchases = operatorAction('members', MemberRecordsSchema, async ({ code, cursor, limit }) => {
  const m = await findMemberByCode(code)
  return purchasesPage(m._id, cursor, limit ?? RECORDS_FIRST_PAGE)
})

/** The next pages of a member's coupons (newest issued first), without their codes. */
export const memberCoupons = operatorAction('members', MemberRecordsSchema, async ({ code, cursor, limit }, ctx) => {
  const m = await findMemberByCode(code)
  return couponsPage(m._id, cursor, limit ?? RECORDS_FIRST_PAGE, ctx.now)
})

/**
 * Applies one correction with its audit record in a transaction; a retry with the same request id finds the record
 * and answers it (the same id for another change is refused). Bad input is refused before anything is written.
 */
const correct = async (
  found: Member,
  { operatorId, source }: { operatorId: string; source: 'miniprogram' | 'desk' },
  requestId: string,
  reason: string,
  request: MemberRequest,
  decide: (member: Member) => { member: Member; change: MemberChange },
  now: string,
) => {
  const id = memberAuditId(operatorId, requestId)
  return inTransaction(async (t) => {
    const done = await tx(t).memberAudit.get(id)
    if (done) {
      if (!sameRequest(done, found._id, request, reason)) throw requestConflict()
      return { member: await readMemberIn(t, found._id), record: done, replayed: true }
    }
    const decision = decide(await readMemberIn(t, found._id))
    const record: MemberAuditRecord = {
      _id: id,
      memberId: found._id,
      memberNo: found.memberNo,
      at: now,
      by: operatorId,
      source,
      reason,
      change: decision.change,
    }
    await writeMemberIn(t, decision.member)
    await tx(t).memberAudit.add(record)
    return { member: decision.member, record, replayed: false }
  })
}

const correctionAnswer = async (
  outcome: { member: Member; record: MemberAuditRecord; replayed: boolean },
  birthdayCardIssued: boolean,
  now: string,
): Promise<MemberCorrectionResult> => {
  const { member, record } = outcome
  const placements = record.change.kind === 'store' ? [record.change.from, record.change.to] : []
  const names = await namesFor(
    [member.storeId, ...placements.map((p) => p.storeId)],
    [member.assistantId, ...placements.map((p) => p.assistantId)],
  )
  return {
    member: memberRow(member, names, now, await loadProgram()),
    change: await auditView(record, names),
    birthdayCardIssued,
    replayed: outcome.replayed,
  }
}

/**
 * An operator corrects a member's birthday with a reason. Corrected into the current month, this year's birthday
 * card is issued now — unless the member holds this year's card already (the key is member + year); into another
 * month, nothing now (src/domain/memberAudit.ts birthdayCardOnCorrection). The same rule as a store's correction.
 */
export const correctMemberBirthday = operatorAction('members', CorrectMemberBirthdaySchema, async (input, ctx) => {
  // Bad input is refused before anything is looked up: an impossible birthday is wrong for any member.
  checkBirthday(input.birthday, ctx.now)
  const found = await findMemberByCode(input.memberCode)
  const outcome = await correct(
    found,
    { operatorId: ctx.operator.operatorId, source: ctx.source },
    input.requestId,
    input.reason,
    { kind: 'birthday', to: input.birthday },
    (m) => correctBirthday(m, input.birthday, ctx.now),
    ctx.now,
  )
  // Also on a retry: a call that failed after its transaction left the card to its retry (issued once, by key).
  const issued = await issueBirthdayCardOnCorrection(outcome.member, ctx.now)
  return correctionAnswer(outcome, issued, ctx.now)
})

/**
 * An operator moves a member to another store, and to one of its active staff or to nobody (the store's manager
 * assigns someone). Purchases, points, coupons, callbacks and events stay as they were: the member's history moves
 * with them, the old store's figures keep what happened there.
 */
export const moveMemberStore = operatorAction('members', MoveMemberStoreSchema, async (input, ctx) => {
  const found = await findMemberByCode(input.memberCode)
  const [store, assistant] = await Promise.all([
    data.stores.get(input.storeId),
    input.assistantId ? data.staff.where({ staffId: input.assistantId }).first() : Promise.resolve(null),
  ])
  if (!store) throw fieldRefused('storeId', '没有这家门店')
  if (input.assistantId && !(assistant?.active && assistant.storeId === input.storeId)) {
    throw fieldRefused('assistantId', '该导购不在所选门店或已停用')
  }
  const to: Placement = { storeId: input.storeId, assistantId: input.assistantId ?? null }
  const outcome = await correct(
    found,
    { operatorId: ctx.operator.operatorId, source: ctx.source },
    input.requestId,
    input.reason,
    { kind: 'store', to },
    (m) => moveStore(m, to),
    ctx.now,
  )
  return correctionAnswer(outcome, false, ctx.now)
})
