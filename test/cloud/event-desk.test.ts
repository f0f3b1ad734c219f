/**
 * The operators' desk reads of events (`event.listEvents`, `event.eventGuests`): every event in every phase, paged
 * by cursor; one event's RSVPs of every status with who came, whichever store holds it; refused to staff and
 * shoppers, and bad input refused whole.
 */
import { DEMO_ASSISTANT, DEMO_OPERATOR } from '../../scripts/demo-data'
import type { EventGuestRow, EventRow } from '../../src/api/contract'
import type { ListPage } from '../../src/api/lists'
import type { CreateEventInput, ListEventsInput } from '../../src/api/schemas'
import { startTestCloud } from './harness'
import { at } from '../support/clock'

type Harness = Awaited<ReturnType<typeof startTestCloud>>
let h: Harness
beforeAll(async () => {
  h = await startTestCloud({ prewarm: ['event', 'member'] })
  h.cloud.executor.insert('stores', [{ _id: 'BJ001', name: '北京三里屯店', address: '', phone: '', openingHours: '' }])
  h.cloud.executor.insert('staff', [
    { _id: 'assistant-bj', staffId: 'B01', name: '周敏', storeId: 'BJ001', role: 'assistant', active: true },
  ])
}, 60_000)
afterAll(() => h?.close())

const now = at('2026-11-20T10:00:00')
let seq = 0
const eventInput = (overrides: Partial<CreateEventInput> = {}): CreateEventInput => ({
  title: '秋冬新品品鉴会',
  description: '',
  cover: '',
  storeId: 'SH001',
  startsAt: at('2026-12-05T14:00:00'),
  endsAt: at('2026-12-05T17:00:00'),
  capacity: 2,
  tiers: ['member', 'vip', 'gold'],
  rsvpDeadline: at('2026-12-04T18:00:00'),
  cancelDeadline: at('2026-12-04T12:00:00'),
  attendancePoints: 0,
  maxGuests: 1,
  requestId: `desk-event-${++seq}-${Date.now()}`,
  ...overrides,
})
const create = async (overrides: Partial<CreateEventInput> = {}, clock = now) =>
  (await h.ok(DEMO_OPERATOR._id, 'event', 'create', eventInput(overrides), { clock })).event

const listAll = async (input: ListEventsInput, clock: string) => {
  const rows: EventRow[] = []
  let cursor: string | null = null
  do {
    const page: ListPage<EventRow> = await h.ok(DEMO_OPERATOR._id, 'event', 'listEvents', { ...input, cursor }, { clock })
    rows.push(...page.rows)
    cursor = page.nextCursor
  } while (cursor)
  return rows
}

describe('the table of events', () => {
  it('lists every event by phase as of now, store and title, and pages past the first page by cursor', async () => {
    const past = await create(
      {
        title: '夏日沙龙（已结束）',
        startsAt: at('2026-11-01T14:00:00'),
        endsAt: at('2026-11-01T17:00:00'),
        rsvpDeadline: at('2026-10-31T18:00:00'),
        cancelDeadline: at('2026-10-31T12:00:00'),
      },
      at('2026-10-20T10:00:00'),
    )
    const running = await create(
      {
        title: '周末试衣日',
        startsAt: at('2026-11-20T09:00:00'),
        endsAt: at('2026-11-20T20:00:00'),
        rsvpDeadline: at('2026-11-19T18:00:00'),
        cancelDeadline: at('2026-11-19T12:00:00'),
      },
      at('2026-11-10T10:00:00'),
    )
    const upcoming = await create({ title: '亲子手作课', storeId: 'BJ001' })
    const closed = await create({ title: '面料讲座', startsAt: at('2026-12-06T14:00:00'), endsAt: at('2026-12-06T16:00:00') })
    await h.ok(DEMO_OPERATOR._id, 'event', 'close', { eventId: closed.id }, { clock: now })

    const phaseOf = async (phase: 'upcoming' | 'running' | 'closed' | 'ended') =>
      (await listAll({ filter: { phase }, limit: 100 }, now)).map((e) => e.id)
    expect(await phaseOf('ended')).toEqual([past.id])
    expect(await phaseOf('running')).toEqual([running.id])
    expect(await phaseOf('closed')).toEqual([closed.id])
    expect(await phaseOf('upcoming')).toEqual([upcoming.id])

    // Paged one by one, latest start first: every event once, with its phase and store.
    const all = await listAll({ limit: 1 }, now)
    expect(all.map((e) => [e.title, e.phase])).toEqual([
      ['面料讲座', 'closed'],
      ['亲子手作课', 'upcoming'],
      ['周末试衣日', 'running'],
      ['夏日沙龙（已结束）', 'ended'],
    ])
    expect(all[1].store).toMatchObject({ id: 'BJ001', name: '北京三里屯店' })
    const first = await h.ok(DEMO_OPERATOR._id, 'event', 'listEvents', { limit: 1 }, { clock: now })
    expect(first.total).toBe(4)

    expect((await listAll({ filter: { storeId: 'BJ001' } }, now)).map((e) => e.id)).toEqual([upcoming.id])
    expect((await listAll({ filter: { search: '手作' } }, now)).map((e) => e.id)).toEqual([upcoming.id])
    expect((await listAll({ sort: { by: 'startsAt', order: 'asc' }, limit: 3 }, now)).map((e) => e.id)).toEqual([
      past.id,
      running.id,
      upcoming.id,
      closed.id,
    ])
    // A day later the running event has ended.
    expect((await listAll({ filter: { phase: 'ended' } }, at('2026-11-21T10:00:00'))).map((e) => e.id)).toEqual([running.id, past.id])
  })
})

describe("an event's guests", () => {
  it("shows an operator every RSVP of another store's event, with counts, check-ins and masked phones", async () => {
    const event = await create({ title: '北京品鉴会', storeId: 'BJ001', capacity: 2, maxGuests: 0 })
    const shoppers = [
      await h.joinedShopper('g', { clock: now }),
      await h.joinedShopper('g', { clock: now }),
      await h.joinedShopper('g', { clock: now }),
    ]
    const tickets: string[] = []
    for (const s of shoppers) {
      const { event: view } = await h.ok(s.openid, 'event', 'rsvp', { eventId: event.id }, { clock: now })
      if (view.myRsvp?.ticketCode) tickets.push(view.myRsvp.ticketCode)
    }
    await h.ok(shoppers[1].openid, 'event', 'cancel', { eventId: event.id }, { clock: now })
    const doors = at('2026-12-05T14:05:00')
    await h.ok('assistant-bj', 'event', 'checkIn', { ticketCode: tickets[0] }, { clock: doors })

    const all = await h.ok(DEMO_OPERATOR._id, 'event', 'eventGuests', { eventId: event.id }, { clock: doors })
    expect(all.counts).toEqual({ confirmed: 2, waitlisted: 0, cancelled: 1, checkedIn: 1 })
    expect(all.total).toBe(3)
    expect(all.event).toMatchObject({ id: event.id, seatsTaken: 2, checkedIn: 1, phase: 'running' })
    expect(all.rows.map((r) => [r.memberNo, r.status, r.checkedInAt])).toEqual([
      [shoppers[0].memberNo, 'confirmed', doors],
      [shoppers[1].memberNo, 'cancelled', null],
      [shoppers[2].memberNo, 'confirmed', null],
    ])
    expect(all.rows[0]).toMatchObject({ name: '顾客' + shoppers[0].openid.split('-')[1], tier: 'member', seats: 1 })
    expect(all.rows[0].mobileMasked).toMatch(/^159\*{4}\d{4}$/)

    const cancelled = await h.ok(DEMO_OPERATOR._id, 'event', 'eventGuests', { eventId: event.id, filter: { status: 'cancelled' } })
    expect(cancelled.rows.map((r) => r.memberNo)).toEqual([shoppers[1].memberNo])
    const came = await h.ok(DEMO_OPERATOR._id, 'event', 'eventGuests', { eventId: event.id, filter: { checkedIn: true } })
    expect(came.rows.map((r) => r.memberNo)).toEqual([shoppers[0].memberNo])
    expect(came.counts.confirmed).toBe(2)

    // Paged one at a time, the cursor walks every RSVP once.
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: ListPage<EventGuestRow> = await h.ok(DEMO_OPERATOR._id, 'event', 'eventGuests', { eventId: event.id, limit: 1, cursor })
      seen.push(...page.rows.map((r) => r.id))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toEqual(all.rows.map((r) => r.id))
  })

  it('is refused to staff (their own store too) and shoppers, and answers an unknown event as not found', async () => {
    const event = await create({ title: '门店沙龙' })
    const shopper = await h.joinedShopper('refused', { clock: now })
    for (const caller of [DEMO_ASSISTANT._id, shopper.openid]) {
      expect(await h.call(caller, 'event', 'eventGuests', { eventId: event.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(await h.call(caller, 'event', 'listEvents', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
    expect(await h.call(DEMO_OPERATOR._id, 'event', 'eventGuests', { eventId: 'ev-nope' })).toMatchObject({
      ok: false,
      error: { code: 'EVENT_NOT_FOUND' },
    })
  })

  it('refuses bad input whole, naming each field', async () => {
    const event = await create({ title: '输入检查' })
    const bad = await h.call(DEMO_OPERATOR._id, 'event', 'eventGuests', {
      eventId: event.id,
      filter: { status: 'maybe' as never },
      limit: 0,
    })
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    const fields = (bad as { error: { fields: { field: string }[] } }).error.fields.map((f) => f.field)
    expect(fields).toEqual(expect.arrayContaining(['filter.status', 'limit']))
    expect(await h.call(DEMO_OPERATOR._id, 'event', 'eventGuests', { eventId: '../x' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    expect(await h.call(DEMO_OPERATOR._id, 'event', 'listEvents', { filter: { phase: 'soon' as never } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ field: 'filter.phase', message: '请选择活动状态' }] },
    })
    // A cursor of one list is refused by another (here: a store filter added), not misread.
    const page = await h.ok(DEMO_OPERATOR._id, 'event', 'listEvents', { limit: 1 })
    expect(page.nextCursor).not.toBeNull()
    expect(
      await h.call(DEMO_OPERATOR._id, 'event', 'listEvents', { limit: 1, cursor: page.nextCursor, filter: { storeId: 'SH001' } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
  })
})
