/**
 * The desk's member table (ops.members) through the real function on the local cloud, over 1,100 members: every
 * member seen exactly once and in order when paged 100 at a time past 1,000 rows (by two sorts and under a filter),
 * each filter narrowing to exactly the members the domain's own rules pick, hostile inputs refused, and nobody but
 * an operator served.
 */
import { DEMO_ASSISTANT, DEMO_MANAGER, DEMO_OPERATOR } from '../../scripts/demo-data'
import type { MemberRow } from '../../src/api/opsMembers'
import type { MembersInput } from '../../src/api/membersSchemas'
import { businessDayStart } from '../../src/domain/exports'
import { newMember, type Member } from '../../src/domain/member'
import { luhnCheckDigit } from '../../src/domain/memberNo'
import { DEFAULT_SEGMENT_RULES } from '../../src/domain/program'
import { customerClass } from '../../src/domain/segments'
import { effectiveTier } from '../../src/domain/tiers'
import { businessDate } from '../../src/domain/time'
import { startTestCloud } from './harness'
import { at } from '../support/clock'

type Harness = Awaited<ReturnType<typeof startTestCloud>>
let h: Harness
const NOW = at('2026-10-12T12:00:00')
const N = 1_100
const DAY = 86_400_000
const plusDays = (instant: string, days: number) => new Date(Date.parse(instant) + days * DAY).toISOString()
const FIRST_JOIN = at('2025-06-01T11:00:00')
const SURNAMES = ['张', '李', '王', '赵', '钱']

/** Member i: stores, assistants, tiers, classes, birthdays and balances spread so that every filter and sort has ties. */
const bulkMember = (i: number): Member => {
  const body = String(2_000_000_000 + i)
  const storeId = i % 4 === 0 ? 'SH002' : i % 4 === 3 ? null : 'SH001'
  // Members i, i + 500 and i + 1,000 joined at the same instant: ties on the sort value.
  const joinedAt = plusDays(FIRST_JOIN, i % 500)
  const lastSeenAt = [plusDays(joinedAt, i % 300), NOW].sort()[0]
  const purchaseCount = i % 9
  const pointsBalance = ((i * 13) % 50) * 100
  const tier = i % 10 === 0 ? 'gold' : i % 10 === 1 || i % 10 === 2 ? 'vip' : 'member'
  // Half the VIPs' years ran out five days ago: they are members now, before any job writes it.
  const vipUntil = tier === 'vip' ? plusDays(NOW, i % 10 === 1 ? 30 : -5) : null
  return {
    ...newMember(
      {
        openid: `bulk-${String(i).padStart(4, '0')}`,
        memberNo: body + luhnCheckDigit(body),
        name: `${SURNAMES[i % 5]}会员${i}`,
        mobile: `137${String(i).padStart(8, '0')}`,
        birthday: { month: (i % 12) + 1, day: (i % 28) + 1 },
        storeId,
        assistantId: storeId === 'SH001' ? (i % 2 ? 'A01' : 'A03') : storeId === 'SH002' ? 'B01' : null,
        consentVersion: 'v1',
        referralCode: `B${String(i).padStart(5, '0')}`,
      },
      joinedAt,
    ),
    lastSeenAt,
    purchaseCount,
    lastPurchaseAt: purchaseCount > 0 ? lastSeenAt : null,
    lifetimeSpendFen: (i * 7_717) % 1_500_000,
    pointsBalance,
    pointBatches: pointsBalance > 0 ? [{ expiresAt: at('2027-12-31T23:59:59'), points: pointsBalance }] : [],
    pointsNextExpiry: pointsBalance > 0 ? at('2027-12-31T23:59:59') : null,
    tier,
    vipUntil,
    vipYearEnd: vipUntil,
    goldSince: tier === 'gold' ? joinedAt : null,
  }
}

let all: Member[] = []

beforeAll(async () => {
  h = await startTestCloud()
  h.cloud.executor.insert('staff', [
    { _id: 'assistant-sh002', staffId: 'B01', name: '周敏', storeId: 'SH002', role: 'assistant', active: true },
  ])
  h.cloud.executor.insert(
    'members',
    Array.from({ length: N }, (_v, i) => bulkMember(i)),
  )
  all = h.cloud.executor.find('members', {}) as unknown as Member[]
}, 180_000)
afterAll(() => h?.close())

const members = (input: MembersInput) => h.call(DEMO_OPERATOR._id, 'ops', 'members', input, { clock: NOW })

/** Every page to the end, 100 rows a page: the rows in the order served, and the totals each page reported. */
const pageAll = async (input: Omit<MembersInput, 'cursor' | 'limit'>) => {
  const rows: MemberRow[] = []
  const totals = new Set<number>()
  let cursor: string | null = null
  let pages = 0
  do {
    const result = await members({ ...input, cursor, limit: 100 })
    if (!result.ok) throw new Error(`members failed: ${result.error.message}`)
    rows.push(...result.data.rows)
    totals.add(result.data.total)
    cursor = result.data.nextCursor
    pages++
  } while (cursor !== null && pages < 50)
  return { rows, memberNos: rows.map((r) => r.memberNo), totals: [...totals], pages }
}

type Key = string | number
const byKeys =
  (key: (m: Member) => Key, order: 'asc' | 'desc') =>
  (a: Member, b: Member): number => {
    const [x, y] = [key(a), key(b)]
    const c = x < y ? -1 : x > y ? 1 : a._id < b._id ? -1 : a._id > b._id ? 1 : 0
    return order === 'asc' ? c : -c
  }
const ordered = (members: Member[], key: (m: Member) => Key, order: 'asc' | 'desc') =>
  [...members].sort(byKeys(key, order)).map((m) => m.memberNo)

describe('paging past 1,000 members, 100 a page', () => {
  it('by join date, newest first (the default): every member once, in order, ties by id', async () => {
    const { memberNos, totals, pages } = await pageAll({})
    expect(all.length).toBeGreaterThan(1_000)
    expect(pages).toBe(Math.ceil(all.length / 100))
    expect(new Set(memberNos).size).toBe(memberNos.length)
    expect(memberNos).toEqual(ordered(all, (m) => m.joinedAt, 'desc'))
    expect(totals).toEqual([all.length])
  })

  it('by points, fewest first: 50 distinct balances over 1,100 members, every member once, in order', async () => {
    const { memberNos } = await pageAll({ sort: { by: 'pointsBalance', order: 'asc' } })
    expect(memberNos).toEqual(ordered(all, (m) => m.pointsBalance, 'asc'))
  })

  it('under a filter (one store, not seen this year) by name: exactly its members, in order', async () => {
    const cutoff = businessDayStart('2026-01-01')
    const { memberNos, totals } = await pageAll({
      filter: { storeId: 'SH001', lastVisitBefore: '2026-01-01' },
      sort: { by: 'name', order: 'asc' },
    })
    const expected = all.filter((m) => m.storeId === 'SH001' && m.lastSeenAt < cutoff)
    expect(expected.length).toBeGreaterThan(100)
    expect(memberNos).toEqual(ordered(expected, (m) => m.name, 'asc'))
    expect(totals).toEqual([expected.length])
  })

  it('by lifetime spend and by last visit, both ways, every member once', async () => {
    for (const [by, key] of [
      ['lifetimeSpendFen', (m: Member) => m.lifetimeSpendFen],
      ['lastVisitAt', (m: Member) => m.lastSeenAt],
    ] as const) {
      for (const order of ['asc', 'desc'] as const) {
        const { memberNos } = await pageAll({ sort: { by, order } })
        expect({ by, order, memberNos }).toEqual({ by, order, memberNos: ordered(all, key, order) })
      }
    }
  })
})

describe('each filter narrows to exactly the members the rules pick', () => {
  const expectNarrowed = async (filter: MembersInput['filter'], pick: (m: Member) => boolean) => {
    const { memberNos, totals } = await pageAll({ filter })
    const expected = all.filter(pick).map((m) => m.memberNo)
    expect(expected.length).toBeGreaterThan(0)
    expect(expected.length).toBeLessThan(all.length)
    expect([...memberNos].sort()).toEqual([...expected].sort())
    expect(totals).toEqual([expected.length])
  }

  it('by store, and by assistant', async () => {
    await expectNarrowed({ storeId: 'SH002' }, (m) => m.storeId === 'SH002')
    await expectNarrowed({ assistantId: 'A03' }, (m) => m.assistantId === 'A03')
    await expectNarrowed({ storeId: 'SH001', assistantId: 'A01' }, (m) => m.storeId === 'SH001' && m.assistantId === 'A01')
  })

  it('by tier as of now: a VIP whose year ran out is a member', async () => {
    for (const tier of ['member', 'vip', 'gold'] as const) {
      await expectNarrowed({ tier }, (m) => effectiveTier(m, NOW) === tier)
    }
    expect(all.some((m) => m.tier === 'vip' && effectiveTier(m, NOW) === 'member')).toBe(true)
  })

  it('by customer class A–D, as customerClass puts them under the live rules', async () => {
    for (const customerClassName of ['A', 'B', 'C', 'D'] as const) {
      await expectNarrowed({ customerClass: customerClassName }, (m) => customerClass(m, DEFAULT_SEGMENT_RULES) === customerClassName)
    }
  })

  it('by join dates (both days included), last visit before a day, birthday month, points at least', async () => {
    await expectNarrowed({ joinedFrom: '2025-09-01', joinedTo: '2025-09-30' }, (m) => {
      const day = businessDate(m.joinedAt)
      return day >= '2025-09-01' && day <= '2025-09-30'
    })
    await expectNarrowed({ joinedFrom: '2026-10-01' }, (m) => businessDate(m.joinedAt) >= '2026-10-01')
    await expectNarrowed({ lastVisitBefore: '2025-10-01' }, (m) => m.lastSeenAt < businessDayStart('2025-10-01'))
    await expectNarrowed({ birthdayMonth: 3 }, (m) => m.birthday.month === 3)
    await expectNarrowed({ pointsAtLeast: 4_000 }, (m) => m.pointsBalance >= 4_000)
  })

  it('by search: a name’s start, a whole member number, the phone’s last 4 digits with a surname', async () => {
    await expectNarrowed({ search: '赵会' }, (m) => m.name.startsWith('赵会'))
    const someone = all.find((m) => m._id === 'bulk-0777')!
    await expectNarrowed({ search: someone.memberNo }, (m) => m.memberNo === someone.memberNo)
    await expectNarrowed({ search: '李 0041' }, (m) => m.name.startsWith('李') && m.mobile.endsWith('0041'))
    await expectNarrowed({ search: '0041' }, (m) => m.mobile.endsWith('0041'))
  })

  it('by several at once: every condition holds', async () => {
    await expectNarrowed(
      { storeId: 'SH001', tier: 'member', birthdayMonth: 6, pointsAtLeast: 1_000 },
      (m) => m.storeId === 'SH001' && effectiveTier(m, NOW) === 'member' && m.birthday.month === 6 && m.pointsBalance >= 1_000,
    )
  })
})

describe('a row', () => {
  it('names the store and the assistant, masks the phone, and gives tier, class and figures as of now', async () => {
    const result = await members({ filter: { search: all.find((m) => m._id === 'bulk-0021')!.memberNo } })
    const m = all.find((x) => x._id === 'bulk-0021')!
    expect(result).toEqual({
      ok: true,
      data: {
        rows: [
          {
            memberNo: m.memberNo,
            name: m.name,
            mobileMasked: '137****0021',
            tier: 'vip',
            vipUntil: plusDays(NOW, 30),
            pointsBalance: m.pointsBalance,
            lifetimeSpendFen: m.lifetimeSpendFen,
            store: { id: 'SH001', name: '上海静安嘉里中心店' },
            assistant: { staffId: 'A01', name: '王丽' },
            customerClass: customerClass(m, DEFAULT_SEGMENT_RULES),
            lastVisitAt: m.lastSeenAt,
            joinedAt: m.joinedAt,
            unclaimed: false,
          },
        ],
        nextCursor: null,
        total: 1,
      },
    })
    expect(JSON.stringify(result)).not.toContain(m.mobile)
  })
})

describe('what a page costs', () => {
  it('reads the page, its count, and each store and the staff it names once: no read per row', async () => {
    const detailed = await h.cloud.invokeDetailed(
      'ops',
      { action: 'members', input: { limit: 100, sort: { by: 'name', order: 'asc' } } },
      { openid: DEMO_OPERATOR._id, clock: NOW },
    )
    expect(detailed.body).toMatchObject({ ok: true, data: { rows: expect.any(Array) } })
    // The operator, the rules, 2 stores, the staff (one query), the page and its count: never one per row.
    expect(detailed.ops.reads).toBeLessThanOrEqual(7)
  })
})

describe('hostile input is refused, and nobody but an operator is served', () => {
  const refused = { ok: false, error: { code: 'INVALID_INPUT' } }

  it.each<[string, Record<string, unknown>]>([
    ['a cursor that is not one', { cursor: 'bm90IGEgY3Vyc29y' }],
    ['a cursor of the wrong shape', { cursor: Buffer.from('{"$gt":""}').toString('base64url') }],
    ['a cursor far too long', { cursor: 'x'.repeat(5_000) }],
    ['an unknown sort key', { sort: { by: 'mobile', order: 'asc' } }],
    ['an unknown sort order', { sort: { by: 'name', order: 'sideways' } }],
    ['a page of 0 rows', { limit: 0 }],
    ['a page of 1,000 rows', { limit: 1_000 }],
    ['a page of 1.5 rows', { limit: 1.5 }],
    ['a day the calendar lacks', { filter: { joinedFrom: '2026-02-30' } }],
    ['a date written otherwise', { filter: { lastVisitBefore: '2026/01/01' } }],
    ['a date range backwards', { filter: { joinedFrom: '2026-05-01', joinedTo: '2026-04-30' } }],
    ['a year out of range', { filter: { joinedTo: '1899-12-31' } }],
    ['a month 13', { filter: { birthdayMonth: 13 } }],
    ['negative points', { filter: { pointsAtLeast: -1 } }],
    ['a class E', { filter: { customerClass: 'E' } }],
    ['more of the phone than its last 4 digits', { filter: { search: '1370000' } }],
    ['a query operator for a store', { filter: { storeId: { $ne: 'x' } } }],
  ])('%s', async (_what, input) => {
    expect(await h.call(DEMO_OPERATOR._id, 'ops', 'members', input, { clock: NOW })).toMatchObject(refused)
  })

  it('a cursor of the list before a filter or sort changed', async () => {
    const first = await members({ limit: 100 })
    const cursor = first.ok ? first.data.nextCursor : null
    expect(cursor).not.toBeNull()
    expect(await members({ cursor, limit: 100 })).toMatchObject({ ok: true })
    expect(await members({ cursor, limit: 100, filter: { storeId: 'SH001' } })).toMatchObject(refused)
    expect(await members({ cursor, limit: 100, sort: { by: 'joinedAt', order: 'asc' } })).toMatchObject(refused)
  })

  it('but not a cursor of the same list asked a moment later (the tier is as of each call)', async () => {
    const first = await members({ limit: 100, filter: { tier: 'member' } })
    const cursor = first.ok ? first.data.nextCursor : null
    expect(cursor).not.toBeNull()
    const later = await h.call(
      DEMO_OPERATOR._id,
      'ops',
      'members',
      { cursor, limit: 100, filter: { tier: 'member' } },
      { clock: plusDays(NOW, 0.01) },
    )
    expect(later).toMatchObject({ ok: true, data: { rows: expect.any(Array) } })
  })

  it('refuses the same to shop assistants, store managers and shoppers: FORBIDDEN', async () => {
    const shopper = (await h.joinedShopper('members-forbidden')).openid
    for (const caller of [DEMO_ASSISTANT._id, DEMO_MANAGER._id, shopper]) {
      expect(await h.call(caller, 'ops', 'members', {}, { clock: NOW })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
  })
})
