/**
 * Segments, top lists, campaign audiences from them, the dashboard's figures, and the management of
 * campaigns and events — through the real functions on a fixed dataset whose answers are worked out by hand.
 */
import { DEMO_ASSISTANT, DEMO_JOIN_SCENE, DEMO_OPERATOR, DEMO_STORE, DEMO_STORE_2 } from '../../scripts/demo-data'
import { newMember, type Member } from '../../src/domain/member'
import { startTestCloud } from './harness'
import { at } from '../support/clock'

type Harness = Awaited<ReturnType<typeof startTestCloud>>
let h: Harness
const now = at('2026-11-23T10:00:00')
beforeAll(async () => {
  h = await startTestCloud({ prewarm: ['event'] })
}, 60_000)
afterAll(() => h?.close())

/**
 * The fixed dataset (default rules: A ≥ ¥10,000 & 6 visits, B ≥ ¥3,000 & 3, C ≥ ¥500 & 1; recency boundaries
 * 30/90/180/365 days; visit boundaries 1/2/4/8):
 *   seg-1  ¥12,000, 8 visits, 10 days ago,  margin ¥1,000 → A, r5 f5
 *   seg-2  ¥12,000, 3 visits, 40 days ago,  margin ¥6,000 → B (too few visits for A), r4 f3
 *   seg-3  ¥4,000,  9 visits, 100 days ago, margin ¥500   → B, r3 f5
 *   seg-4  ¥600,    1 visit,  200 days ago, margin ¥100   → C, r2 f2
 *   seg-5  ¥300,    2 visits, 400 days ago, margin ¥0     → D (under ¥500), r1 f3
 *   seg-6  nothing bought                                 → D, r1 f1
 */
const DATASET: [string, number, number, number | null, number][] = [
  ['seg-1', 1_200_000, 8, 10, 100_000],
  ['seg-2', 1_200_000, 3, 40, 600_000],
  ['seg-3', 400_000, 9, 100, 50_000],
  ['seg-4', 60_000, 1, 200, 10_000],
  ['seg-5', 30_000, 2, 400, 0],
  ['seg-6', 0, 0, null, 0],
]

const seed = () => {
  const docs: Member[] = DATASET.map(([id, spend, visits, daysAgo, margin], i) => ({
    ...newMember(
      {
        openid: id,
        memberNo: `8800000000${i + 1}`,
        name: `分层${i + 1}`,
        mobile: `1390000000${i + 1}`,
        birthday: { month: 5, day: 5 },
        storeId: DEMO_STORE._id,
        assistantId: DEMO_ASSISTANT.staffId,
        consentVersion: 'v1',
        referralCode: `SEG00${i + 1}`,
      },
      at('2024-01-01T10:00:00'),
    ),
    lifetimeSpendFen: spend,
    purchaseCount: visits,
    marginFen: margin,
    lastPurchaseAt: daysAgo === null ? null : new Date(Date.parse(now) - daysAgo * 86_400_000).toISOString(),
  }))
  h.cloud.executor.insert('members', docs)
}

describe('segments', () => {
  beforeAll(seed)

  it('classes, RFM cells and top lists match the hand-worked answers', async () => {
    const before = await h.ok(DEMO_OPERATOR._id, 'ops', 'segments', {})
    expect(before).toMatchObject({ computedAt: null, members: 0 })
    const fired = await h.cloud.fireTimer('jobs', 'upkeep', { clock: now })
    expect(fired.body).toMatchObject({ ok: true })
    const view = await h.ok(DEMO_OPERATOR._id, 'ops', 'segments', {})
    expect(view.members).toBe(6)
    expect(view.computedAt).not.toBeNull()
    expect(view.classes.map((c) => [c.name, c.members, c.spendFen])).toEqual([
      ['A', 1, 1_200_000],
      ['B', 2, 1_600_000],
      ['C', 1, 60_000],
      ['D', 2, 30_000],
    ])
    expect(view.classes[0].rule).toBe('累计消费≥¥10,000 且到店≥6次')
    const cell = (r: number, f: number) => view.rfm.find((c) => c.r === r && c.f === f)
    expect(view.rfm).toHaveLength(25)
    expect(cell(5, 5)).toEqual({ r: 5, f: 5, members: 1, avgSpendFen: 1_200_000 })
    expect(cell(4, 3)?.members).toBe(1)
    expect(cell(3, 5)?.members).toBe(1)
    expect(cell(2, 2)?.members).toBe(1)
    expect(cell(1, 3)?.members).toBe(1)
    expect(cell(1, 1)).toEqual({ r: 1, f: 1, members: 1, avgSpendFen: 0 })
    expect(view.rfm.reduce((n, c) => n + c.members, 0)).toBe(6)
    expect(view.top.loyal.map((c) => c.name)).toEqual(['分层3', '分层1', '分层2', '分层5', '分层4'])
    expect(view.top.main.map((c) => c.name).slice(0, 3)).toEqual(['分层1', '分层2', '分层3'])
    expect(view.top.big.map((c) => c.name)).toEqual(['分层2', '分层1', '分层3', '分层4'])
    expect(view.top.big[0]).toMatchObject({ marginFen: 600_000, storeName: DEMO_STORE.name })
  })

  it('stores each member’s segment once a day, and rewrites only what moved', async () => {
    expect(h.cloud.executor.get('segments', 'seg-1')).toMatchObject({ class: 'A', r: 5, f: 5, m: 5 })
    const again = await h.cloud.fireTimer('jobs', 'upkeep', { clock: at('2026-11-23T11:05:00') })
    expect((again.body as { data: { job: string; processed: number }[] }).data.find((r) => r.job === 'segments')).toMatchObject({
      processed: 6,
      done: true,
    })
    // The next day: 40 days becomes 41 — nothing crosses a boundary except seg-1 (10 → 11 days: no), so none move.
    const nextDay = await h.cloud.fireTimer('jobs', 'upkeep', { clock: at('2026-11-24T00:05:00') })
    expect((nextDay.body as { data: { job: string; changed: number }[] }).data.find((r) => r.job === 'segments')).toMatchObject({
      changed: 0,
    })
  })

  it('issues a campaign to a class, and to a top list fixed at creation', async () => {
    const toA = await h.ok(DEMO_OPERATOR._id, 'ops', 'createCampaign', {
      title: 'A类客户专享',
      templateId: 'welcome-20off200',
      mode: 'issue',
      audience: { kind: 'classes', classes: ['A', 'C'] },
      opensAt: at('2026-11-24T00:00:00'),
      vipEarlyDays: 0,
      endsAt: at('2026-12-31T23:59:59'),
      requestId: 'insights-classes-1',
    })
    expect(toA.campaign).toMatchObject({ issued: 2, audience: 'A、C 类客户' })
    const holders = h.cloud.executor
      .find('coupons', { templateId: 'welcome-20off200', channel: 'campaign' })
      .map((c) => c.memberId)
      .sort()
    expect(holders).toEqual(['seg-1', 'seg-4'])

    const toBig = await h.ok(DEMO_OPERATOR._id, 'ops', 'createCampaign', {
      title: '大户答谢',
      templateId: 'referral-20off200',
      mode: 'issue',
      audience: { kind: 'top', list: 'big', count: 2 },
      opensAt: at('2026-11-24T00:00:00'),
      vipEarlyDays: 0,
      endsAt: at('2026-12-31T23:59:59'),
      requestId: 'insights-top-1',
    })
    expect(toBig.campaign.audience).toBe('大户前 2 名（2 人）')
    expect(toBig.campaign.issued).toBe(2)
    expect(
      h.cloud.executor
        .find('coupons', { templateId: 'referral-20off200', channel: 'campaign' })
        .map((c) => c.memberId)
        .sort(),
    ).toEqual(['seg-1', 'seg-2'])
  })
})

describe('the dashboard', () => {
  it('adds up stored days and today: tiers, joins by store and assistant, sales by tier less refunds, coupons', async () => {
    const day1 = at('2026-12-01T11:00:00')
    const byStoreQr = { clock: day1, scene: DEMO_JOIN_SCENE }
    const a = await h.joinedShopper('dash', byStoreQr)
    const b = await h.joinedShopper('dash', byStoreQr)
    // ¥600 in one purchase makes a VIP (sales counted as VIP); ¥200 stays a member's; then ¥50 refunded.
    await h.ok(
      DEMO_ASSISTANT._id,
      'staff',
      'recordPurchase',
      { memberCode: await h.tillCode(a.openid, day1), amountFen: 60_000, orderNo: 'DASH-1' },
      { clock: day1 },
    )
    await h.ok(
      DEMO_ASSISTANT._id,
      'staff',
      'recordPurchase',
      { memberCode: await h.tillCode(b.openid, day1), amountFen: 20_000, orderNo: 'DASH-2' },
      { clock: day1 },
    )
    await h.ok(
      DEMO_ASSISTANT._id,
      'staff',
      'recordRefund',
      { orderNo: 'DASH-2', amountFen: 5_000, requestId: 'dash-refund-1' },
      { clock: day1 },
    )
    // Just after midnight the job stores 1 December.
    await h.cloud.fireTimer('jobs', 'upkeep', { clock: at('2026-12-02T00:05:00') })
    const stored = h.cloud.executor.get('stats', 'day:2026-12-01')
    expect(stored).toMatchObject({
      salesFen: { member: 15_000, vip: 60_000, gold: 0 },
      newMembers: [{ storeId: DEMO_STORE._id, assistantId: DEMO_ASSISTANT.staffId, count: 2 }],
    })
    // Today (2 December): one more join, live.
    const day2 = at('2026-12-02T15:00:00')
    await h.joinedShopper('dash', { clock: day2, scene: DEMO_JOIN_SCENE })
    const view = await h.ok(DEMO_OPERATOR._id, 'ops', 'dashboard', { days: 7 }, { clock: day2 })
    expect(view).toMatchObject({ from: '2026-11-26', to: '2026-12-02' })
    expect(view.sales).toMatchObject({ totalFen: 75_000, byTier: { member: 15_000, vip: 60_000, gold: 0 } })
    expect(view.newMembers.daily.slice(-2)).toEqual([
      { date: '2026-12-01', count: 2 },
      { date: '2026-12-02', count: 1 },
    ])
    expect(view.newMembers.byStore).toEqual([{ storeId: DEMO_STORE._id, name: DEMO_STORE.name, count: 3 }])
    expect(view.newMembers.byAssistant).toEqual([
      { staffId: DEMO_ASSISTANT.staffId, name: DEMO_ASSISTANT.name, storeName: DEMO_STORE.name, count: 3 },
    ])
    expect(view.coupons.find((c) => c.templateId === 'welcome-20off200')).toMatchObject({ issued: 3, used: 0 })
    const last = view.tiers[view.tiers.length - 1]
    expect(last.date).toBe('2026-12-02')
    expect(last.vip).toBeGreaterThanOrEqual(1)
    expect(last.member + last.vip + last.gold).toBe(h.cloud.executor.find('members', {}).length)
    // Staff and shoppers never see it.
    expect(await h.call(DEMO_ASSISTANT._id, 'ops', 'dashboard', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it('answers a past period from stored days alone, and one store: its joins and its sales less refunds', async () => {
    const day2 = { clock: at('2026-12-02T16:00:00') }
    const past = await h.ok(DEMO_OPERATOR._id, 'ops', 'dashboard', { days: 1, to: '2026-12-01' }, day2)
    expect(past).toMatchObject({ from: '2026-12-01', to: '2026-12-01' })
    expect(past.tiers.map((d) => d.date)).toEqual(['2026-12-01'])
    expect(past.newMembers.daily).toEqual([{ date: '2026-12-01', count: 2 }])
    expect(past.sales).toEqual({
      totalFen: 75_000,
      byTier: { member: 15_000, vip: 60_000, gold: 0 },
      daily: [{ date: '2026-12-01', fen: 75_000 }],
      byStore: [{ storeId: DEMO_STORE._id, name: DEMO_STORE.name, fen: 75_000 }],
    })

    // Someone joins with no store code today: the brand counts them, neither store does.
    await h.joinedShopper('dash', day2)
    const brand = await h.ok(DEMO_OPERATOR._id, 'ops', 'dashboard', { days: 2 }, day2)
    expect(brand.newMembers.daily).toEqual([
      { date: '2026-12-01', count: 2 },
      { date: '2026-12-02', count: 2 },
    ])
    const store = await h.ok(DEMO_OPERATOR._id, 'ops', 'dashboard', { days: 2, storeId: DEMO_STORE._id }, day2)
    expect(store.newMembers.daily).toEqual([
      { date: '2026-12-01', count: 2 },
      { date: '2026-12-02', count: 1 },
    ])
    expect(store.newMembers.byStore).toEqual([{ storeId: DEMO_STORE._id, name: DEMO_STORE.name, count: 3 }])
    expect(store.sales).toMatchObject({
      totalFen: 75_000,
      byTier: { member: 15_000, vip: 60_000, gold: 0 },
      daily: [
        { date: '2026-12-01', fen: 75_000 },
        { date: '2026-12-02', fen: 0 },
      ],
    })
    const other = await h.ok(DEMO_OPERATOR._id, 'ops', 'dashboard', { days: 2, storeId: DEMO_STORE_2._id }, day2)
    expect(other.newMembers.daily.map((d) => d.count)).toEqual([0, 0])
    expect(other.newMembers.byStore).toEqual([])
    expect(other.sales).toMatchObject({ totalFen: 0, byTier: { member: 0, vip: 0, gold: 0 } })
    // The comparison across stores is the same whichever store is asked.
    expect(other.sales.byStore).toEqual(store.sales.byStore)
  })

  it('reads the sales by store of days stored before they were kept from purchases and refunds, without their days', async () => {
    const day2 = { clock: at('2026-12-02T16:00:00') }
    const stored = h.cloud.executor.get('stats', 'day:2026-12-01') as { salesByStore?: unknown }
    expect(stored.salesByStore).toEqual([
      { storeId: DEMO_STORE._id, tier: 'vip', fen: 60_000 },
      { storeId: DEMO_STORE._id, tier: 'member', fen: 15_000 },
    ])
    const { salesByStore: _kept, ...legacy } = stored
    h.cloud.executor.remove('stats', { _id: 'day:2026-12-01' })
    h.cloud.executor.insert('stats', [legacy])
    const store = await h.ok(DEMO_OPERATOR._id, 'ops', 'dashboard', { days: 2, storeId: DEMO_STORE._id }, day2)
    expect(store.sales).toEqual({
      totalFen: 75_000,
      byTier: { member: 15_000, vip: 60_000, gold: 0 },
      daily: [],
      byStore: [{ storeId: DEMO_STORE._id, name: DEMO_STORE.name, fen: 75_000 }],
    })
    const brand = await h.ok(DEMO_OPERATOR._id, 'ops', 'dashboard', { days: 1, to: '2026-12-01' }, day2)
    expect(brand.sales.daily).toEqual([{ date: '2026-12-01', fen: 75_000 }])
  })

  it('refuses a period past today, a date the calendar lacks, no days, a malformed store, and operators without 报表', async () => {
    const day2 = { clock: at('2026-12-02T16:00:00') }
    const before = JSON.stringify(h.cloud.executor.find('stats', {}, { sort: { _id: 1 } }))
    for (const [input, field] of [
      [{ to: '2026-12-03' }, 'to'],
      [{ to: '2026-02-30' }, 'to'],
      [{ days: 0 }, 'days'],
      [{ days: 181 }, 'days'],
      [{ storeId: '../SH001' }, 'storeId'],
    ] as const) {
      expect(await h.call(DEMO_OPERATOR._id, 'ops', 'dashboard', input, day2)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', fields: [{ field }] },
      })
    }
    h.cloud.executor.insert('operators', [{ _id: 'dash-no-reports', operatorId: 'OP09', name: '孙悦', active: true, areas: ['members'] }])
    expect(await h.call('dash-no-reports', 'ops', 'dashboard', { storeId: DEMO_STORE._id }, day2)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(JSON.stringify(h.cloud.executor.find('stats', {}, { sort: { _id: 1 } }))).toBe(before)
  })
})

describe('managing campaigns and events', () => {
  it('edits and closes a claim campaign: closed, members can no longer claim it', async () => {
    const shopper = await h.joinedShopper('cmp-admin', { clock: now })
    const { campaign } = await h.ok(
      DEMO_OPERATOR._id,
      'ops',
      'createCampaign',
      {
        title: '冬季领券',
        templateId: 'welcome-20off200',
        mode: 'claim',
        audience: { kind: 'all' },
        opensAt: at('2026-11-20T00:00:00'),
        vipEarlyDays: 0,
        endsAt: at('2026-12-31T23:59:59'),
        requestId: 'insights-claim-1',
      },
      { clock: now },
    )
    expect(
      await h.call(
        DEMO_OPERATOR._id,
        'ops',
        'updateCampaign',
        { campaignId: campaign.id, title: '冬季领券', endsAt: at('2026-11-01T00:00:00') },
        { clock: now },
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ field: 'endsAt' }] },
    })
    const edited = await h.ok(
      DEMO_OPERATOR._id,
      'ops',
      'updateCampaign',
      { campaignId: campaign.id, title: '冬季暖心券', endsAt: at('2026-12-15T23:59:59') },
      { clock: now },
    )
    expect(edited.campaign).toMatchObject({ title: '冬季暖心券', endsAt: at('2026-12-15T23:59:59') })
    expect((await h.ok(shopper.openid, 'member', 'campaigns', {}, { clock: now })).campaigns.map((c) => c.id)).toContain(campaign.id)
    expect((await h.ok(DEMO_OPERATOR._id, 'ops', 'closeCampaign', { campaignId: campaign.id }, { clock: now })).campaign.status).toBe(
      'closed',
    )
    expect((await h.ok(shopper.openid, 'member', 'campaigns', {}, { clock: now })).campaigns.map((c) => c.id)).not.toContain(campaign.id)
    expect(await h.call(shopper.openid, 'member', 'claimCampaign', { campaignId: campaign.id }, { clock: now })).toMatchObject({
      ok: false,
    })
  })

  it('edits an event: never under the seats taken; more seats promote the waitlist in order; closing stops RSVPs', async () => {
    const { event } = await h.ok(
      DEMO_OPERATOR._id,
      'event',
      'create',
      {
        title: '新品品鉴会',
        description: '',
        cover: '',
        storeId: DEMO_STORE._id,
        startsAt: at('2026-11-28T14:00:00'),
        endsAt: at('2026-11-28T16:00:00'),
        capacity: 2,
        tiers: ['member', 'vip', 'gold'],
        rsvpDeadline: at('2026-11-28T12:00:00'),
        cancelDeadline: at('2026-11-28T12:00:00'),
        attendancePoints: 0,
        maxGuests: 1,
        requestId: 'insights-event-1',
      },
      { clock: now },
    )
    const guests = [] as { openid: string }[]
    for (let i = 0; i < 4; i++) guests.push(await h.joinedShopper('ev-admin', { clock: now }))
    for (const g of guests) await h.ok(g.openid, 'event', 'rsvp', { eventId: event.id, guests: 0 }, { clock: now })
    const words = {
      eventId: event.id,
      title: '新品品鉴会（加场）',
      description: '加开名额',
      cover: '',
      startsAt: event.startsAt,
      endsAt: event.endsAt,
      rsvpDeadline: event.rsvpDeadline,
      cancelDeadline: event.cancelDeadline,
    }
    expect(await h.call(DEMO_OPERATOR._id, 'event', 'update', { ...words, capacity: 1 }, { clock: now })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ field: 'capacity', message: '名额不能少于已确认的 2 人' }] },
    })
    expect((await h.ok(DEMO_OPERATOR._id, 'event', 'manageList', {}, { clock: now })).events.map((e) => e.id)).toContain(event.id)
    const bigger = await h.ok(DEMO_OPERATOR._id, 'event', 'update', { ...words, capacity: 3 }, { clock: now })
    expect(bigger.event).toMatchObject({ title: '新品品鉴会（加场）', capacity: 3, seatsLeft: 0, waiting: 1 })
    const statuses = await Promise.all(
      guests.map(async (g) => (await h.ok(g.openid, 'event', 'mine', {}, { clock: now })).upcoming[0]?.myRsvp?.status),
    )
    expect(statuses).toEqual(['confirmed', 'confirmed', 'confirmed', 'waitlisted'])
    expect(await h.call(DEMO_ASSISTANT._id, 'event', 'close', { eventId: event.id })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect((await h.ok(DEMO_OPERATOR._id, 'event', 'close', { eventId: event.id }, { clock: now })).event.status).toBe('closed')
    const late = await h.joinedShopper('ev-admin', { clock: now })
    expect(await h.call(late.openid, 'event', 'rsvp', { eventId: event.id, guests: 0 }, { clock: now })).toMatchObject({
      ok: false,
      error: { code: 'EVENT_CLOSED' },
    })
  })
})
