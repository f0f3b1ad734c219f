/**
 * Member events through the real functions on the local cloud: the RSVP race for capacity, cancellation
 * storms with in-order promotion, tiers, deadlines, guests, check-in once, the day-before reminder.
 */
import { DEMO_ASSISTANT, DEMO_OPERATOR } from '../../scripts/demo-data'
import type { CreateEventInput } from '../../src/api/schemas'
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
/** An event's input as the operators' form sends it, with `overrides`; a fresh request id each time. */
const eventInput = (overrides: Partial<CreateEventInput> = {}): CreateEventInput => ({
  title: '秋冬新品品鉴会',
  description: '设计师讲解新季面料与搭配',
  cover: '',
  storeId: 'SH001',
  startsAt: at('2026-12-05T14:00:00'),
  endsAt: at('2026-12-05T17:00:00'),
  capacity: 30,
  tiers: ['member', 'vip', 'gold'],
  rsvpDeadline: at('2026-12-04T18:00:00'),
  cancelDeadline: at('2026-12-04T12:00:00'),
  attendancePoints: 50,
  maxGuests: 1,
  requestId: `event-${++seq}-${Date.now()}`,
  ...overrides,
})
const create = async (overrides: Partial<CreateEventInput> = {}) =>
  (await h.ok(DEMO_OPERATOR._id, 'event', 'create', eventInput(overrides), { clock: now })).event
type RsvpDoc = { _id: string; memberId: string; status: string; waitNo: number | null; seats: number }
const rsvpsOf = (eventId: string) => h.cloud.executor.find('rsvps', { eventId }) as unknown as RsvpDoc[]
const eventDoc = (eventId: string) => h.cloud.executor.get('events', eventId) as unknown as { seatsTaken: number; waiting: number }

describe('the RSVP race', () => {
  it('confirms exactly 30 of 200 concurrent RSVPs (duplicates included), waitlisting the rest in order, nobody twice', async () => {
    const event = await create()
    const shoppers = await Promise.all(Array.from({ length: 150 }, () => h.joinedShopper('race', { clock: now })))
    const sends = [...shoppers, ...shoppers.slice(0, 50)].map((s) =>
      h.call(s.openid, 'event', 'rsvp', { eventId: event.id }, { clock: now }),
    )
    const results = await Promise.all(sends)
    expect(results.filter((r) => !r.ok)).toEqual([])
    const all = rsvpsOf(event.id)
    expect(all).toHaveLength(150)
    expect(all.filter((r) => r.status === 'confirmed')).toHaveLength(30)
    const waitNos = all
      .filter((r) => r.status === 'waitlisted')
      .map((r) => r.waitNo!)
      .sort((a, b) => a - b)
    expect(waitNos).toEqual(Array.from({ length: 120 }, (_, i) => i + 1))
    expect(eventDoc(event.id)).toMatchObject({ seatsTaken: 30, waiting: 120 })
    expect(new Set(h.cloud.executor.find('tickets', { eventId: event.id }).map((t) => t._id)).size).toBe(30)

    // A cancellation storm: 12 confirmed guests cancel at once; 12 seats go to the 12 first on the waitlist.
    const confirmed = all.filter((r) => r.status === 'confirmed').slice(0, 12)
    const cancels = await Promise.all(confirmed.map((r) => h.call(r.memberId, 'event', 'cancel', { eventId: event.id }, { clock: now })))
    expect(cancels.filter((r) => !r.ok)).toEqual([])
    const after = rsvpsOf(event.id)
    expect(after.filter((r) => r.status === 'confirmed')).toHaveLength(30)
    const promoted = after
      .filter((r) => r.status === 'confirmed' && r.waitNo !== null)
      .map((r) => r.waitNo!)
      .sort((a, b) => a - b)
    expect(promoted).toEqual(Array.from({ length: 12 }, (_, i) => i + 1))
    expect(eventDoc(event.id)).toMatchObject({ seatsTaken: 30, waiting: 108 })

    const firstWaiting = after.find((r) => r.waitNo === 13)!
    const view = await h.ok(firstWaiting.memberId, 'event', 'list', {}, { clock: now })
    expect(view.events.find((e) => e.id === event.id)?.myRsvp).toMatchObject({ status: 'waitlisted', ahead: 0 })
  }, 60_000)
})

describe('rules', () => {
  it('keeps VIP events to VIP and gold, shown greyed to members', async () => {
    const event = await create({ tiers: ['vip', 'gold'], title: 'VIP 专场' })
    const member = await h.joinedShopper('tier', { clock: now })
    expect((await h.ok(member.openid, 'event', 'list', {}, { clock: now })).events.find((e) => e.id === event.id)).toMatchObject({
      eligible: false,
    })
    expect(await h.call(member.openid, 'event', 'rsvp', { eventId: event.id }, { clock: now })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    await h.ok(
      DEMO_ASSISTANT._id,
      'staff',
      'recordPurchase',
      { memberCode: await h.tillCode(member.openid, now), amountFen: 60_000, orderNo: `VIP-${Date.now()}` },
      { clock: now },
    )
    expect(await h.ok(member.openid, 'event', 'rsvp', { eventId: event.id }, { clock: now })).toMatchObject({
      event: { myRsvp: { status: 'confirmed' } },
    })
  })

  it('tells a member how far they are from VIP with the list, as the card’s progress does', async () => {
    await create({ tiers: ['vip', 'gold'], title: 'VIP 专场 2' })
    const member = await h.joinedShopper('progress', { clock: now })
    await h.ok(
      DEMO_ASSISTANT._id,
      'staff',
      'recordPurchase',
      { memberCode: await h.tillCode(member.openid, now), amountFen: 30_000, orderNo: `PROG-${Date.now()}` },
      { clock: now },
    )
    const list = await h.ok(member.openid, 'event', 'list', {}, { clock: now })
    expect(list.progress).toEqual({
      tier: 'member',
      cumulativeRemainingFen: 180_000 - 30_000,
      cumulativeTargetFen: 180_000,
      singlePurchaseFen: 50_000,
    })
    // Where: the store with its address and its place on the map.
    expect(list.events.find((e) => e.title === 'VIP 专场 2')!.store).toEqual({
      id: 'SH001',
      name: '上海静安嘉里中心店',
      address: '上海市静安区南京西路1515号 嘉里中心南区 L2-12',
      phone: '021-6288-0001',
      openingHours: '10:00–22:00',
      location: { latitude: 31.2243, longitude: 121.4457 },
    })
  })

  it('counts guests against capacity and closes RSVPs and cancellations at their deadlines', async () => {
    const event = await create({ capacity: 3 })
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => h.joinedShopper('rules', { clock: now })))
    expect((await h.ok(a.openid, 'event', 'rsvp', { eventId: event.id, guests: 1 }, { clock: now })).event).toMatchObject({
      seatsLeft: 1,
      myRsvp: { seats: 2 },
    })
    expect(await h.call(b.openid, 'event', 'rsvp', { eventId: event.id, guests: 2 }, { clock: now })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: '最多可携带 1 位同伴', fields: [{ field: 'guests', message: '最多可携带 1 位同伴' }] },
    })
    expect(await h.ok(b.openid, 'event', 'rsvp', { eventId: event.id, guests: 1 }, { clock: at('2026-12-04T17:59:59') })).toMatchObject({
      event: { myRsvp: { status: 'waitlisted' } },
    })
    expect(await h.call(c.openid, 'event', 'rsvp', { eventId: event.id }, { clock: at('2026-12-04T18:00:00') })).toMatchObject({
      ok: false,
      error: { code: 'RSVP_DEADLINE_PASSED', message: '报名已截止' },
    })
    expect(await h.call(a.openid, 'event', 'cancel', { eventId: event.id }, { clock: at('2026-12-04T12:00:00') })).toMatchObject({
      ok: false,
      error: { code: 'CANCEL_DEADLINE_PASSED' },
    })
    // Cancelled in time: a's two seats go to b (two seats) at once.
    await h.ok(a.openid, 'event', 'cancel', { eventId: event.id }, { clock: at('2026-12-04T11:59:59') })
    expect(rsvpsOf(event.id).find((r) => r.memberId === b.openid)).toMatchObject({ status: 'confirmed', seats: 2 })
    expect(await h.call(a.openid, 'event', 'cancel', { eventId: event.id }, { clock: at('2026-12-04T11:59:59') })).toMatchObject({
      ok: false,
      error: { code: 'RSVP_ALREADY_CANCELLED', message: '报名已取消' },
    })
    expect(await h.call(c.openid, 'event', 'cancel', { eventId: event.id }, { clock: now })).toMatchObject({
      ok: false,
      error: { code: 'RSVP_NOT_FOUND', message: '没有找到您的报名' },
    })
  })

  it('answers EVENT_NOT_FOUND for an event that does not exist, whoever asks', async () => {
    const s = await h.joinedShopper('nowhere', { clock: now })
    const eventId = 'ev-nobody-made-this'
    const notFound = { ok: false, error: { code: 'EVENT_NOT_FOUND', message: '活动不存在' } }
    expect(await h.call(s.openid, 'event', 'rsvp', { eventId }, { clock: now })).toMatchObject(notFound)
    expect(await h.call(s.openid, 'event', 'cancel', { eventId }, { clock: now })).toMatchObject(notFound)
    expect(await h.call(DEMO_ASSISTANT._id, 'event', 'guestList', { eventId }, { clock: now })).toMatchObject(notFound)
    expect(await h.call(DEMO_OPERATOR._id, 'event', 'close', { eventId }, { clock: now })).toMatchObject(notFound)
  })

  it('refuses to edit an event that has ended (EVENT_ENDED)', async () => {
    const event = await create({ title: '已结束的沙龙' })
    const { id: eventId, title, description, cover, startsAt, endsAt, capacity, rsvpDeadline, cancelDeadline } = event
    const edit = { eventId, title: `${title}（回顾）`, description, cover, startsAt, endsAt, capacity, rsvpDeadline, cancelDeadline }
    expect(await h.call(DEMO_OPERATOR._id, 'event', 'update', edit, { clock: at('2026-12-05T17:00:00') })).toMatchObject({
      ok: false,
      error: { code: 'EVENT_ENDED' },
    })
  })
})

describe('covers', () => {
  const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 7, 7, 7, 0xff, 0xd9])
  const refusedCover = (r: unknown) =>
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ field: 'cover' }] } })

  it("links an uploaded cover in every member's and operator's view, and keeps it through an edit", async () => {
    const cover = h.cloud.storage.write('images/events/salon-cover.jpg', JPEG)
    const event = await create({ title: '带封面的沙龙', cover })
    expect(event.cover).toBe(cover)
    expect(Buffer.from(await (await fetch(event.coverUrl)).arrayBuffer())).toEqual(JPEG)
    const shopper = await h.joinedShopper('cover', { clock: now })
    const listed = (await h.ok(shopper.openid, 'event', 'list', {}, { clock: now })).events.find((e) => e.id === event.id)!
    expect(listed).toMatchObject({ cover, coverUrl: expect.stringContaining('/local/files/images/events/salon-cover.jpg?') })
    const { id: eventId, title, description, startsAt, endsAt, capacity, rsvpDeadline, cancelDeadline } = event
    const edited = await h.ok(
      DEMO_OPERATOR._id,
      'event',
      'update',
      { eventId, title, description, cover: '', startsAt, endsAt, capacity, rsvpDeadline, cancelDeadline },
      { clock: now },
    )
    expect(edited.event).toMatchObject({ cover: '', coverUrl: '' })
  })

  it('refuses a cover that is not an uploaded picture, creating nothing', async () => {
    h.cloud.storage.write('exports/OP01/members.csv', Buffer.from('会员号,手机号'))
    const before = h.cloud.executor.find('events', {}).length
    const prefix = h.cloud.storage.fileIdOf('')
    for (const cover of [
      'https://example.com/cover.jpg', // a link: covers are uploaded, not pasted
      `${prefix}exports/OP01/members.csv`, // another kind of file in the same storage: never linked to members
      `${prefix}images/events/../../exports/OP01/members.csv`,
      `${prefix}images/catalog/tote.jpg`, // another folder
      `${prefix}images/events/a.svg`,
    ])
      refusedCover(await h.call(DEMO_OPERATOR._id, 'event', 'create', eventInput({ cover }), { clock: now }))
    // Well formed, but never uploaded (or another environment's): refused once storage says it is not there.
    expect(
      await h.call(DEMO_OPERATOR._id, 'event', 'create', eventInput({ cover: `${prefix}images/events/never-uploaded.jpg` }), {
        clock: now,
      }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ field: 'cover', message: '封面图片不存在，请重新上传' }] } })
    expect(h.cloud.executor.find('events', {})).toHaveLength(before)
  })
})

describe('at the door', () => {
  it('checks a ticket in once, credits the attendance points once, and tells a second scan when', async () => {
    const event = await create({ title: '亲子手作课' })
    const s = await h.joinedShopper('door', { clock: now })
    const ticket = (await h.ok(s.openid, 'event', 'rsvp', { eventId: event.id }, { clock: now })).event.myRsvp!.ticketCode!
    const doors = at('2026-12-05T14:03:00')
    const eve = at('2026-12-04T23:59:59')
    expect(await h.call(DEMO_ASSISTANT._id, 'event', 'checkIn', { ticketCode: ticket }, { clock: eve })).toMatchObject({
      ok: false,
      error: { code: 'OUTSIDE_CHECK_IN_TIME', message: '不在活动签到时间内' },
    })
    const first = await h.ok(DEMO_ASSISTANT._id, 'event', 'checkIn', { ticketCode: ticket }, { clock: doors })
    expect(first).toMatchObject({ already: false, checkedInAt: doors, pointsCredited: 50, guest: { memberNo: s.memberNo } })
    const second = await h.ok(DEMO_ASSISTANT._id, 'event', 'checkIn', { ticketCode: ticket }, { clock: at('2026-12-05T14:20:00') })
    expect(second).toMatchObject({ already: true, checkedInAt: doors, pointsCredited: 0 })
    expect(h.cloud.executor.find('ledger', { memberId: s.openid, kind: 'earn' })).toHaveLength(1)
    expect(h.cloud.executor.get('members', s.openid)).toMatchObject({ pointsBalance: 50 })

    expect(await h.call('assistant-bj', 'event', 'checkIn', { ticketCode: ticket }, { clock: doors })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(await h.call(s.openid, 'event', 'checkIn', { ticketCode: ticket }, { clock: doors })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    const list = await h.ok(DEMO_ASSISTANT._id, 'event', 'guestList', { eventId: event.id }, { clock: doors })
    expect(list.guests).toEqual([expect.objectContaining({ memberNo: s.memberNo, checkedInAt: doors })])
    expect(list.event.seatsLeft).toBe(29)
    const mine = await h.ok(s.openid, 'event', 'mine', {}, { clock: at('2026-12-06T10:00:00') })
    expect(mine.attended.map((e) => e.id)).toEqual([event.id])
  })

  it('refuses to cancel a ticket that was checked in (ALREADY_CHECKED_IN): the seat, the ticket and the points stay', async () => {
    // Cancelling is open until the event starts; the doors open on the day, before that.
    const event = await create({ title: '周末花艺沙龙', capacity: 1, cancelDeadline: at('2026-12-05T14:00:00') })
    const [s, waiting] = [await h.joinedShopper('door-cancel', { clock: now }), await h.joinedShopper('door-cancel', { clock: now })]
    const ticket = (await h.ok(s.openid, 'event', 'rsvp', { eventId: event.id }, { clock: now })).event.myRsvp!.ticketCode!
    await h.ok(waiting.openid, 'event', 'rsvp', { eventId: event.id }, { clock: now })
    const doors = at('2026-12-05T13:30:00')
    await h.ok(DEMO_ASSISTANT._id, 'event', 'checkIn', { ticketCode: ticket }, { clock: doors })
    const cancelled = await h.call(s.openid, 'event', 'cancel', { eventId: event.id }, { clock: at('2026-12-05T13:45:00') })
    expect(cancelled).toMatchObject({ ok: false, error: { code: 'ALREADY_CHECKED_IN', message: expect.stringContaining('已签到') } })
    expect(rsvpsOf(event.id).find((r) => r.memberId === s.openid)).toMatchObject({ status: 'confirmed' })
    expect(rsvpsOf(event.id).find((r) => r.memberId === waiting.openid)).toMatchObject({ status: 'waitlisted' })
    expect(eventDoc(event.id)).toMatchObject({ seatsTaken: 1, waiting: 1 })
    expect(h.cloud.executor.get('members', s.openid)).toMatchObject({ pointsBalance: 50 })
  })

  it('answers a ticket re-issued after a cancellation that followed a check-in as already checked in, crediting nothing twice', async () => {
    // Before cancelling after a check-in was refused, a member could: checked in, cancel, RSVP again (a fresh RSVP
    // under the same id, not checked in), promoted from the waitlist with a new ticket. That RSVP's attendance
    // points were credited at the first check-in. The state that left is made here as the old cancellation left it.
    const event = await create({
      title: '周末茶艺沙龙',
      capacity: 1,
      rsvpDeadline: at('2026-12-05T14:00:00'),
      cancelDeadline: at('2026-12-05T14:00:00'),
    })
    const [s, other] = [await h.joinedShopper('door-again', { clock: now }), await h.joinedShopper('door-again', { clock: now })]
    const first = (await h.ok(s.openid, 'event', 'rsvp', { eventId: event.id }, { clock: now })).event.myRsvp!.ticketCode!
    await h.ok(other.openid, 'event', 'rsvp', { eventId: event.id }, { clock: now })
    const doors = at('2026-12-05T13:30:00')
    await h.ok(DEMO_ASSISTANT._id, 'event', 'checkIn', { ticketCode: first }, { clock: doors })
    const rsvpKey = `${event.id}:${s.openid}`
    const checkedIn = h.cloud.executor.get('rsvps', rsvpKey)!
    h.cloud.executor.remove('rsvps', { _id: rsvpKey })
    h.cloud.executor.insert('rsvps', { ...checkedIn, checkedInAt: null, checkedInBy: null })
    await h.ok(s.openid, 'event', 'cancel', { eventId: event.id }, { clock: at('2026-12-05T13:35:00') })
    // Back on the waitlist, promoted when the other guest cancels: a new ticket.
    await h.ok(s.openid, 'event', 'rsvp', { eventId: event.id }, { clock: at('2026-12-05T13:40:00') })
    await h.ok(other.openid, 'event', 'cancel', { eventId: event.id }, { clock: at('2026-12-05T13:45:00') })
    const again = rsvpsOf(event.id).find((r) => r.memberId === s.openid) as RsvpDoc & { ticketCode: string }
    expect(again).toMatchObject({ status: 'confirmed' })
    expect(again.ticketCode).not.toBe(first)

    const scan = await h.call(
      DEMO_ASSISTANT._id,
      'event',
      'checkIn',
      { ticketCode: again.ticketCode },
      { clock: at('2026-12-05T13:50:00') },
    )
    expect(scan).toMatchObject({ ok: true, data: { already: true, checkedInAt: doors, pointsCredited: 0 } })
    expect(h.cloud.executor.find('ledger', { memberId: s.openid, kind: 'earn' })).toHaveLength(1)
    expect(h.cloud.executor.get('members', s.openid)).toMatchObject({ pointsBalance: 50 })
    expect(rsvpsOf(event.id).find((r) => r.memberId === s.openid)).toMatchObject({ checkedInAt: doors })
  })

  it('only lets operators create events', async () => {
    expect(await h.call(DEMO_ASSISTANT._id, 'event', 'create', { title: 'x' })).toMatchObject({ ok: false })
    const result = await h.call(DEMO_ASSISTANT._id, 'event', 'create', {
      title: '导购自建活动',
      description: '',
      cover: '',
      storeId: 'SH001',
      startsAt: at('2026-12-05T14:00:00'),
      endsAt: at('2026-12-05T17:00:00'),
      capacity: 10,
      tiers: ['member'],
      rsvpDeadline: at('2026-12-04T18:00:00'),
      cancelDeadline: at('2026-12-04T12:00:00'),
      attendancePoints: 0,
      maxGuests: 0,
      requestId: `event-staff-${Date.now()}`,
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})

describe('我的活动', () => {
  it('moves a ticket to 已参加 once checked in (the event still on) or once the event ended; a place still waiting goes', async () => {
    const attendedEarly = await create({ title: '签到后仍在进行', capacity: 5 })
    const noShow = await create({ title: '未到场', startsAt: at('2026-12-06T14:00:00'), endsAt: at('2026-12-06T16:00:00') })
    const later = await create({ title: '下周活动', startsAt: at('2026-12-12T14:00:00'), endsAt: at('2026-12-12T17:00:00') })
    const full = await create({ title: '满员', capacity: 1, startsAt: at('2026-12-06T10:00:00'), endsAt: at('2026-12-06T12:00:00') })
    const s = await h.joinedShopper('shelf', { clock: now })
    const other = await h.joinedShopper('shelf', { clock: now })
    await h.ok(other.openid, 'event', 'rsvp', { eventId: full.id }, { clock: now })
    const tickets: Record<string, string> = {}
    for (const e of [attendedEarly, noShow, later, full]) {
      const held = await h.ok(s.openid, 'event', 'rsvp', { eventId: e.id }, { clock: now })
      tickets[e.id] = held.event.myRsvp!.ticketCode ?? ''
    }
    const titles = (list: { title: string }[]) => list.map((e) => e.title)

    // Before anything: every held event is to come, soonest first.
    const before = await h.ok(s.openid, 'event', 'mine', {}, { clock: now })
    expect(titles(before.upcoming)).toEqual(['签到后仍在进行', '满员', '未到场', '下周活动'])
    expect(before.attended).toEqual([])

    // Checked in at 14:03 on the 5th: attended at once, though the event runs until 17:00.
    const doors = at('2026-12-05T14:03:00')
    await h.ok(DEMO_ASSISTANT._id, 'event', 'checkIn', { ticketCode: tickets[attendedEarly.id] }, { clock: doors })
    const during = await h.ok(s.openid, 'event', 'mine', {}, { clock: at('2026-12-05T15:00:00') })
    expect(titles(during.attended)).toEqual(['签到后仍在进行'])
    expect(titles(during.upcoming)).toEqual(['满员', '未到场', '下周活动'])

    // The 7th: the no-show ended with its ticket unused (已参加, not checked in); the waitlisted place is gone.
    const after = await h.ok(s.openid, 'event', 'mine', {}, { clock: at('2026-12-07T10:00:00') })
    expect(titles(after.upcoming)).toEqual(['下周活动'])
    expect(after.attended.map((e) => [e.title, e.myRsvp?.checkedInAt ?? null])).toEqual([
      ['未到场', null],
      ['签到后仍在进行', doors],
    ])
  })
})

describe('the day-before reminder', () => {
  it('messages confirmed guests who consented, once', async () => {
    const event = await create({
      title: '会员沙龙',
      startsAt: at('2026-12-10T14:00:00'),
      endsAt: at('2026-12-10T16:00:00'),
      rsvpDeadline: at('2026-12-09T12:00:00'),
      cancelDeadline: at('2026-12-09T12:00:00'),
    })
    const [yes, no] = await Promise.all([1, 2].map(() => h.joinedShopper('remind', { clock: now })))
    for (const s of [yes, no]) await h.ok(s.openid, 'event', 'rsvp', { eventId: event.id }, { clock: now })
    await h.ok(yes.openid, 'member', 'recordSubscription', { template: 'eventReminder', accepted: true })
    await h.cloud.fireTimer('jobs', 'upkeep', { clock: at('2026-12-08T10:05:00') })
    expect(h.cloud.openapi.outbox({ touser: yes.openid })).toEqual([])
    await h.cloud.fireTimer('jobs', 'upkeep', { clock: at('2026-12-09T09:05:00') })
    await h.cloud.fireTimer('jobs', 'upkeep', { clock: at('2026-12-09T10:05:00') })
    expect(h.cloud.openapi.outbox({ touser: yes.openid })).toEqual([
      expect.objectContaining({ status: 'sent', data: expect.objectContaining({ thing1: { value: '会员沙龙' } }) }),
    ])
    expect(h.cloud.openapi.outbox({ touser: no.openid })).toEqual([])
  })
})
