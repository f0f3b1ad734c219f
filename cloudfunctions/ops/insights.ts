/**
 * Who the customers are and how the program is doing: the segment summary the nightly job stored, the live
 * top lists (忠实户 / 主力户 / 大户, each one indexed query), and the dashboard from stored days plus today.
 */
import type { DashboardView, SegmentsView, TopCustomer, TopList } from '../../src/api/contract'
import { DashboardSchema } from '../../src/api/opsSchemas'
import { EmptySchema } from '../../src/api/schemas'
import { invalidInput } from '../../src/domain/errors'
import type { Member } from '../../src/domain/member'
import type { TierId } from '../../src/domain/program'
import { CLASS_NAMES, classRuleWords } from '../../src/domain/segments'
import { businessTime } from '../../src/domain/time'
import { _, db } from '../_lib/cloud'
import { loadTemplate } from '../_lib/coupons'
import { data } from '../_lib/data'
import { computeDay, loadSegmentStats, salesOf, storedDays } from '../_lib/dayStats'
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

export const dashboard = operatorAction('reports', DashboardSchema, async ({ days, to: end, storeId }, ctx): Promise<DashboardView> => {
  const now = businessTime(ctx.now).startOf('day')
  if (end && end > now.format('YYYY-MM-DD')) throw invalidInput([{ field: 'to', message: '截止日期不能晚于今天' }])
  // A past period is read from stored days alone; one that ends today adds today, computed live.
  const today = end ? businessTime(`${end}T00:00:00+08:00`) : now
  const isToday = !end || end === now.format('YYYY-MM-DD')
  const from = today.subtract(days - 1, 'day').format('YYYY-MM-DD')
  const to = today.format('YYYY-MM-DD')
  const lastStored = today.subtract(isToday ? 1 : 0, 'day').format('YYYY-MM-DD')
  const start = today.subtract(days - 1, 'day').toISOString()
  const until = today.add(1, 'day').toISOString()
  const [stored, live, events] = await Promise.all([
    storedDays(from, lastStored),
    isToday ? computeDay(to, ctx.now) : null,
    data.events
      .where({ startsAt: _.gte(start).and(_.lt(until)) })
      .orderBy('startsAt', 'desc')
      .limit(50)
      .get(),
  ])
  const dayDocs = live ? [...stored, live] : stored
  // Days stored before sales were kept by store (the oldest): theirs are read from purchases and refunds.
  const lastLegacy = stored.filter((d) => !d.salesByStore).pop()?.date
  const storeSales = [
    ...(lastLegacy ? await salesOf(start, businessTime(`${lastLegacy}T00:00:00+08:00`).add(1, 'day').toISOString()) : []),
    ...dayDocs.flatMap((d) => (lastLegacy && d.date <= lastLegacy ? [] : (d.salesByStore ?? []))),
  ]
  const ofStore = <T extends { storeId: string | null }>(rows: T[]) => (storeId ? rows.filter((r) => r.storeId === storeId) : rows)
  const joins = ofStore(dayDocs.flatMap((d) => d.newMembers))
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
  if (storeId) for (const r of ofStore(storeSales)) salesByTier[r.tier] += r.fen
  else for (const d of dayDocs) for (const tier of ['member', 'vip', 'gold'] as const) salesByTier[tier] += d.salesFen[tier]
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
      daily: dayDocs.map((d) => ({ date: d.date, count: ofStore(d.newMembers).reduce((n, j) => n + j.count, 0) })),
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
      // One store's days are known from the days that keep sales by store: over older ones, none are given.
      daily:
        storeId && lastLegacy
          ? []
          : dayDocs.map((d) => ({
              date: d.date,
              fen: storeId
                ? ofStore(d.salesByStore ?? []).reduce((n, r) => n + r.fen, 0)
                : d.salesFen.member + d.salesFen.vip + d.salesFen.gold,
            })),
      byStore: await Promise.all(
        ranked(
          sumBy(
            storeSales,
            (r) => r.storeId,
            (r) => r.fen,
          ),
        ).map(async ([id, fen]) => ({ storeId: id, name: (await loadStore(id))?.name ?? id, fen })),
      ),
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
