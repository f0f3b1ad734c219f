/**
 * Who the customers are and how the program is doing: the segment summary the nightly job stored, the live
 * top lists (忠实户 / 主力户 / 大户, each one indexed query), and the dashboard from stored days plus today.
 */
import type { DashboardView, SegmentsView, TopCustomer, TopList } from '../../src/api/contract'
import { DashboardSchema } from '../../src/api/opsSchemas'
import { EmptySchema } from '../../src/api/schemas'
import type { Member } from '../../src/domain/member'
import type { TierId } from '../../src/domain/program'
import { CLASS_NAMES, classRuleWords } from '../../src/domain/segments'
import { businessTime } from '../../src/domain/time'
import { _, db } from '../_lib/cloud'
import { loadTemplate } from '../_lib/coupons'
import { data } from '../_lib/data'
import { computeDay, loadSegmentStats, storedDays } from '../_lib/dayStats'
import { loadProgram, loadStaffByStaffId, loadStore } from '../_lib/reference'
import { operatorAction } from '../_lib/runtime'

const TOP_ORDER: Record<TopList, keyof Member> = { loyal: 'purchaseCount', main: 'lifetimeSpendFen', big: 'marginFen' }

/** The first `count` members of a top list, best first: one index range read (ties come in an order the database picks). */
export const topMembers = (list: TopList, count: number): Promise<Member[]> =>
  data.members
    .where({ [TOP_ORDER[list]]: _.gt(0) })
    .orderBy(TOP_ORDER[list], 'desc')
    .limit(count)
    .get()

/** How many members the first `count` of a top list has (fewer while fewer members have any visits, spend, margin). */
export const topListSize = async (list: TopList, count: number): Promise<number> =>
  Math.min(count, await data.members.where({ [TOP_ORDER[list]]: _.gt(0) }).count())

const topCustomer = async (m: Member): Promise<TopCustomer> => ({
  memberNo: m.memberNo,
  name: m.name,
  tier: m.tier,
  storeName: m.storeId ? ((await loadStore(m.storeId))?.name ?? m.storeId) : '—',
  purchaseCount: m.purchaseCount,
  lifetimeSpendFen: m.lifetimeSpendFen,
  marginFen: m.marginFen,
  lastPurchaseAt: m.lastPurchaseAt,
})

const TOP_SHOWN = 20

export const segments = operatorAction('reports', EmptySchema, async (): Promise<SegmentsView> => {
  const [summary, program, ...tops] = await Promise.all([
    loadSegmentStats(),
    loadProgram(),
    ...(['loyal', 'main', 'big'] as const).map((list) => topMembers(list, TOP_SHOWN)),
  ])
  const [loyal, main, big] = await Promise.all(tops.map((members) => Promise.all(members.map(topCustomer))))
  const cells = []
  for (let r = 5; r >= 1; r--) {
    for (let f = 1; f <= 5; f++) {
      const cell = summary?.tally.rfm[`${r}:${f}`]
      cells.push({ r, f, members: cell?.members ?? 0, avgSpendFen: cell && cell.members ? Math.round(cell.spendFen / cell.members) : 0 })
    }
  }
  return {
    computedAt: summary?.computedAt ?? null,
    rulesVersion: summary?.rulesVersion ?? null,
    members: summary?.tally.members ?? 0,
    classes: CLASS_NAMES.map((name) => ({
      name,
      members: summary?.tally.classes[name].members ?? 0,
      spendFen: summary?.tally.classes[name].spendFen ?? 0,
      rule: classRuleWords(name, program.segments),
    })),
    rfm: cells,
    top: { loyal, main, big },
  }
})

const sumBy = <T>(rows: T[], key: (row: T) => string, value: (row: T) => number): Map<string, number> => {
  const out = new Map<string, number>()
  for (const row of rows) out.set(key(row), (out.get(key(row)) ?? 0) + value(row))
  return out
}

const ranked = (totals: Map<string, number>) => [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))

export const dashboard = operatorAction('reports', DashboardSchema, async ({ days }, ctx): Promise<DashboardView> => {
  const today = businessTime(ctx.now).startOf('day')
  const from = today.subtract(days - 1, 'day').format('YYYY-MM-DD')
  const to = today.format('YYYY-MM-DD')
  const yesterday = today.subtract(1, 'day').format('YYYY-MM-DD')
  const [stored, live, events] = await Promise.all([
    storedDays(from, yesterday),
    computeDay(to, ctx.now),
    data.events
      .where({ startsAt: _.gte(today.subtract(days - 1, 'day').toISOString()).and(_.lt(today.add(1, 'day').toISOString())) })
      .orderBy('startsAt', 'desc')
      .limit(50)
      .get(),
  ])
  const dayDocs = [...stored, live]
  const joins = dayDocs.flatMap((d) => d.newMembers)
  const byStore = ranked(
    sumBy(
      joins,
      (j) => j.storeId ?? '',
      (j) => j.count,
    ),
  )
  const byAssistant = ranked(
    sumBy(
      joins.filter((j) => j.assistantId),
      (j) => j.assistantId!,
      (j) => j.count,
    ),
  )
  const salesByTier: Record<TierId, number> = { member: 0, vip: 0, gold: 0 }
  for (const d of dayDocs) for (const tier of ['member', 'vip', 'gold'] as const) salesByTier[tier] += d.salesFen[tier]
  const couponRows = dayDocs.flatMap((d) => d.coupons)
  const issued = sumBy(
    couponRows,
    (c) => c.templateId,
    (c) => c.issued,
  )
  const used = sumBy(
    couponRows,
    (c) => c.templateId,
    (c) => c.used,
  )
  const checkedIn = await Promise.all(
    events.map(async (e) => {
      const [row] = await data.rsvps.aggregate<{ seats: number }>((p) =>
        p
          .match({ eventId: e._id, status: 'confirmed', checkedInAt: _.neq(null) })
          .group({ _id: null, seats: db.command.aggregate.sum('$seats') }),
      )
      return row?.seats ?? 0
    }),
  )
  return {
    from,
    to,
    tiers: dayDocs.map((d) => ({ date: d.date, ...d.tiers })),
    newMembers: {
      daily: dayDocs.map((d) => ({ date: d.date, count: d.newMembers.reduce((n, j) => n + j.count, 0) })),
      byStore: await Promise.all(
        byStore.map(async ([storeId, count]) => ({
          storeId,
          name: storeId ? ((await loadStore(storeId))?.name ?? storeId) : '未经门店码加入',
          count,
        })),
      ),
      byAssistant: await Promise.all(
        byAssistant.map(async ([staffId, count]) => {
          const staff = await loadStaffByStaffId(staffId)
          const store = staff ? await loadStore(staff.storeId) : null
          return { staffId, name: staff?.name ?? staffId, storeName: store?.name ?? '', count }
        }),
      ),
    },
    sales: {
      totalFen: salesByTier.member + salesByTier.vip + salesByTier.gold,
      byTier: salesByTier,
      daily: dayDocs.map((d) => ({ date: d.date, fen: d.salesFen.member + d.salesFen.vip + d.salesFen.gold })),
    },
    coupons: await Promise.all(
      [...new Set([...issued.keys(), ...used.keys()])].sort().map(async (templateId) => ({
        templateId,
        title: (await loadTemplate(templateId))?.title ?? templateId,
        issued: issued.get(templateId) ?? 0,
        used: used.get(templateId) ?? 0,
      })),
    ),
    events: events.map((e, i) => ({ id: e._id, title: e.title, startsAt: e.startsAt, confirmed: e.seatsTaken, checkedIn: checkedIn[i] })),
  }
})
