/**
 * Cloud function `event`: member events. Shoppers list, RSVP and cancel; shop assistants check guests in at
 * the door and read the guest list; operators create events. Seats and the waitlist counters live on the
 * event document and each member's RSVP is one document (event + member), so 200 people racing for 30 seats
 * get exactly 30 confirmations and a waitlist in the order their transactions committed.
 */
import type { CheckInResult, EventGuestRow, EventRow, EventView, GuestView, RsvpView } from '../../src/api/contract'
import {
  CheckInSchema,
  CreateEventSchema,
  EmptySchema,
  EventGuestsSchema,
  EventIdSchema,
  ListEventsSchema,
  RsvpSchema,
  UpdateEventSchema,
} from '../../src/api/schemas'
import { AppError, fieldRefused } from '../../src/domain/errors'
import {
  attendanceEntryId,
  cancel,
  checkIn,
  editEvent,
  eventPhase,
  mayAttend,
  rsvp as decideRsvp,
  rsvpId,
  ticketShelf,
  type EventPhase,
  type MemberEvent,
  type Rsvp,
  type RsvpStatus,
} from '../../src/domain/events'
import { maskMobile, type Member } from '../../src/domain/member'
import { tierProgress } from '../../src/domain/tiers'
import { _, db } from '../_lib/cloud'
import { duplicateKeyIndex } from '../_lib/errors'
import { imageLinks, requireImage } from '../_lib/images'
import { data, tx, type Filter } from '../_lib/data'
import {
  issueTicketsIn,
  newTicketCode,
  promoteWaitlistIn,
  stillWaitingIn,
  tellPromoted,
  withFreshTickets,
  withWaitlistHead,
} from '../_lib/events'
import { appendEntriesIn, loadMember, readMemberIn, requireMember, writeMemberIn } from '../_lib/members'
import { listPage } from '../_lib/lists'
import { loadProgram, loadStore, storeDetailView } from '../_lib/reference'
import { operatorAction, serve, shopperAction, staffAction } from '../_lib/runtime'
import { containing } from '../_lib/search'
import { memberSummary } from '../_lib/views'
import { inTransaction } from '../_lib/transaction'

const eventNotFound = () => new AppError('EVENT_NOT_FOUND', '活动不存在')
const COVER_MISSING = '封面图片不存在，请重新上传'

const loadEvent = async (eventId: string): Promise<MemberEvent> => {
  const event = await data.events.get(eventId)
  if (!event) throw eventNotFound()
  return event
}

const rsvpView = async (r: Rsvp | null): Promise<RsvpView | null> => {
  if (!r) return null
  const ahead =
    r.status === 'waitlisted' ? await data.rsvps.where({ eventId: r.eventId, status: 'waitlisted', waitNo: _.lt(r.waitNo) }).count() : null
  return { status: r.status, seats: r.seats, ticketCode: r.ticketCode, ahead, confirmedAt: r.confirmedAt, checkedInAt: r.checkedInAt }
}

/**
 * What a page is shown of an event. `links` are the covers' temporary links when a list has fetched them at once
 * (one storage call for the list); a single event fetches its own.
 */
const eventView = async (
  e: MemberEvent,
  member: Member | null,
  mine: Rsvp | null,
  now: string,
  links?: Map<string, string>,
): Promise<EventView> => ({
  id: e._id,
  title: e.title,
  description: e.description,
  cover: e.cover,
  coverUrl: (links ?? (await imageLinks([e.cover]))).get(e.cover) ?? '',
  store: await loadStore(e.storeId).then((s) => (s ? storeDetailView(s) : null)),
  startsAt: e.startsAt,
  endsAt: e.endsAt,
  capacity: e.capacity,
  seatsLeft: Math.max(0, e.capacity - e.seatsTaken),
  waiting: e.waiting,
  tiers: e.tiers,
  eligible: member ? mayAttend(e, member, now) : true,
  rsvpDeadline: e.rsvpDeadline,
  cancelDeadline: e.cancelDeadline,
  attendancePoints: e.attendancePoints,
  maxGuests: e.maxGuests,
  status: e.status,
  myRsvp: await rsvpView(mine),
})

const list = shopperAction(EmptySchema, async (_input, ctx) => {
  const member = await requireMember(ctx.openid)
  const upcoming = await data.events
    .where({ status: 'open', endsAt: _.gt(ctx.now) })
    .orderBy('startsAt', 'asc')
    .limit(50)
    .get()
  const mine = await data.rsvps
    .where({ memberId: member._id, eventId: _.in(upcoming.map((e) => e._id)) })
    .limit(50)
    .get()
  const links = await imageLinks(upcoming.map((e) => e.cover))
  return {
    events: await Promise.all(upcoming.map((e) => eventView(e, member, mine.find((r) => r.eventId === e._id) ?? null, ctx.now, links))),
    serverTime: ctx.now,
    progress: tierProgress(member, await loadProgram(), ctx.now),
  }
})

/** One tap: confirmed with a ticket while seats last, else on the waitlist. A repeat answers the same RSVP. */
const rsvp = shopperAction(RsvpSchema, async ({ eventId, guests }, ctx) => {
  const member = await requireMember(ctx.openid)
  const {
    event,
    rsvp: result,
    replayed,
  } = await withFreshTickets(() =>
    inTransaction(async (t) => {
      const event = await tx(t).events.get(eventId)
      if (!event) throw eventNotFound()
      const existing = await tx(t).rsvps.get(rsvpId(eventId, member._id))
      if (existing && existing.status !== 'cancelled') return { event, rsvp: existing, replayed: true }
      const d = decideRsvp(event, existing, member, guests, newTicketCode(), ctx.now)
      await tx(t).events.update(eventId, { seatsTaken: d.event.seatsTaken, waiting: d.event.waiting, nextWaitNo: d.event.nextWaitNo })
      await tx(t).rsvps.put(d.rsvp)
      await issueTicketsIn(t, [d.rsvp])
      return { event: d.event, rsvp: d.rsvp, replayed: false }
    }),
  )
  return { event: await eventView(event, member, result, ctx.now), replayed }
})

/** Cancels before the deadline; the freed seats go down the waitlist in order. */
const cancelRsvp = shopperAction(EventIdSchema, async ({ eventId }, ctx) => {
  const member = await requireMember(ctx.openid)
  const { event, promoted, cancelled } = await withWaitlistHead(eventId, async (t, queue) => {
    const event = await tx(t).events.get(eventId)
    const current = await tx(t).rsvps.get(rsvpId(eventId, member._id))
    if (!event) throw eventNotFound()
    if (!current) throw new AppError('RSVP_NOT_FOUND', '没有找到您的报名')
    await stillWaitingIn(t, queue)
    const d = cancel(event, current, queue, newTicketCode, ctx.now)
    await promoteWaitlistIn(t, d)
    return d
  })
  await tellPromoted(event, promoted)
  return { event: await eventView(event, member, cancelled, ctx.now) }
})

const mine = shopperAction(EmptySchema, async (_input, ctx) => {
  const member = await requireMember(ctx.openid)
  const held = await data.rsvps
    .where({ memberId: member._id, status: _.neq('cancelled') })
    .orderBy('createdAt', 'desc')
    .limit(100)
    .get()
  const withEvents = (await Promise.all(held.map(async (r) => ({ r, e: await data.events.get(r.eventId) })))).flatMap(({ r, e }) =>
    e ? [{ r, e, shelf: ticketShelf(r, e, ctx.now) }] : [],
  )
  const upcoming = withEvents.filter((x) => x.shelf === 'upcoming').sort((a, b) => a.e.startsAt.localeCompare(b.e.startsAt))
  const attended = withEvents.filter((x) => x.shelf === 'attended').sort((a, b) => b.e.startsAt.localeCompare(a.e.startsAt))
  const links = await imageLinks(withEvents.map(({ e }) => e.cover))
  return {
    upcoming: await Promise.all(upcoming.map(({ r, e }) => eventView(e, member, r, ctx.now, links))),
    attended: await Promise.all(attended.map(({ r, e }) => eventView(e, member, r, ctx.now, links))),
    serverTime: ctx.now,
  }
})

const guestOf = (r: Rsvp, m: Member | null): GuestView => ({
  name: m?.name ?? '—',
  memberNo: m?.memberNo ?? '',
  mobileMasked: m ? maskMobile(m.mobile) : '',
  seats: r.seats,
  status: r.status,
  waitNo: r.waitNo,
  checkedInAt: r.checkedInAt,
})

/** At the door: the first scan checks in and credits the attendance points; a second says when it happened. */
const checkInTicket = staffAction(CheckInSchema, async ({ ticketCode }, ctx): Promise<CheckInResult> => {
  const ticket = await data.tickets.get(ticketCode)
  if (!ticket) throw new AppError('TICKET_NOT_FOUND', '票码无效，请核对')
  const event = await loadEvent(ticket.eventId)
  if (event.storeId !== ctx.staff.storeId) throw new AppError('FORBIDDEN', '该活动不在本店举办')
  const program = await loadProgram({ fresh: true })
  const result = await inTransaction(async (t) => {
    const r = await tx(t).rsvps.get(ticket.rsvpId)
    if (!r || r.ticketCode !== ticketCode) throw new AppError('TICKET_NOT_FOUND', '该票已失效（报名已取消）')
    const member = await readMemberIn(t, r.memberId)
    // Not marked yet: the attendance entry (keyed by the RSVP) says whether this RSVP was credited before.
    const credited = !r.checkedInAt && event.attendancePoints > 0 ? await tx(t).ledger.get(attendanceEntryId(r)) : null
    const d = checkIn(event, r, member, ctx.staff.staffId, ctx.now, program, credited)
    if (d.already) {
      if (d.recovered) await tx(t).rsvps.update(r._id, { checkedInAt: d.rsvp.checkedInAt, checkedInBy: d.rsvp.checkedInBy })
      return { already: true, rsvp: d.rsvp, member, points: 0 }
    }
    await tx(t).rsvps.update(r._id, { checkedInAt: d.rsvp.checkedInAt, checkedInBy: d.rsvp.checkedInBy })
    if (d.entries.length > 0) {
      await writeMemberIn(t, d.member)
      await appendEntriesIn(t, d.entries)
    }
    return { already: false, rsvp: d.rsvp, member: d.member, points: event.attendancePoints }
  })
  return {
    already: result.already,
    checkedInAt: result.rsvp.checkedInAt!,
    guest: guestOf(result.rsvp, result.member),
    event: { id: event._id, title: event.title },
    pointsCredited: result.points,
  }
})

/** The guest list at the door: every RSVP with its check-in state, and the seats left. */
const guestList = staffAction(EventIdSchema, async ({ eventId }, ctx) => {
  const event = await loadEvent(eventId)
  if (event.storeId !== ctx.staff.storeId) throw new AppError('FORBIDDEN', '该活动不在本店举办')
  const all = await data.rsvps
    .where({ eventId, status: _.neq('cancelled') })
    .orderBy('createdAt', 'asc')
    .limit(1000)
    .get()
  const members = await Promise.all(all.map((r) => loadMember(r.memberId)))
  const guests = all.map((r, i) => guestOf(r, members[i]))
  guests.sort((a, b) => (a.status === b.status ? (a.waitNo ?? 0) - (b.waitNo ?? 0) : a.status === 'confirmed' ? -1 : 1))
  return { event: await eventView(event, null, null, ctx.now), guests }
})

const storeEvents = staffAction(EmptySchema, async (_input, ctx) => {
  const upcoming = await data.events
    .where({ storeId: ctx.staff.storeId, endsAt: _.gt(ctx.now) })
    .orderBy('startsAt', 'asc')
    .limit(50)
    .get()
  const links = await imageLinks(upcoming.map((e) => e.cover))
  return { events: await Promise.all(upcoming.map((e) => eventView(e, null, null, ctx.now, links))) }
})

/** An operator creates an event; the request id is its id, so a retried create finds the first. */
const create = operatorAction('marketing', CreateEventSchema, async (input, ctx) => {
  const id = `ev-${input.requestId}`
  const store = await loadStore(input.storeId)
  if (!store) throw fieldRefused('storeId', '门店不存在')
  if (store.active === false) throw fieldRefused('storeId', `${store.name}已停业，不能在该店办活动`)
  await requireImage(input.cover, 'cover', COVER_MISSING)
  const event: MemberEvent = {
    _id: id,
    title: input.title,
    description: input.description,
    cover: input.cover,
    storeId: input.storeId,
    startsAt: new Date(input.startsAt).toISOString(),
    endsAt: new Date(input.endsAt).toISOString(),
    capacity: input.capacity,
    tiers: input.tiers,
    rsvpDeadline: new Date(input.rsvpDeadline).toISOString(),
    cancelDeadline: new Date(input.cancelDeadline).toISOString(),
    attendancePoints: input.attendancePoints,
    maxGuests: input.maxGuests,
    status: 'open',
    seatsTaken: 0,
    waiting: 0,
    nextWaitNo: 1,
    createdBy: ctx.operator.operatorId,
    createdAt: ctx.now,
  }
  try {
    await data.events.add(event)
    return { event: await eventView(event, null, null, ctx.now), replayed: false }
  } catch (e) {
    if (duplicateKeyIndex(e) !== '_id_') throw e
    const first = await loadEvent(id)
    if (first.title !== input.title || first.startsAt !== event.startsAt)
      throw new AppError('IDEMPOTENCY_CONFLICT', '该请求已用于创建另一个活动，请重新创建')
    return { event: await eventView(first, null, null, ctx.now), replayed: true }
  }
})

/** An operator edits an event; a larger capacity promotes the waitlist in order, as a cancellation does. */
const update = operatorAction('marketing', UpdateEventSchema, async ({ eventId, ...input }, ctx) => {
  await requireImage(input.cover, 'cover', COVER_MISSING)
  const edit = {
    ...input,
    startsAt: new Date(input.startsAt).toISOString(),
    endsAt: new Date(input.endsAt).toISOString(),
    rsvpDeadline: new Date(input.rsvpDeadline).toISOString(),
    cancelDeadline: new Date(input.cancelDeadline).toISOString(),
  }
  const { event, promoted } = await withWaitlistHead(eventId, async (t, queue) => {
    const event = await tx(t).events.get(eventId)
    if (!event) throw eventNotFound()
    await stillWaitingIn(t, queue)
    const d = editEvent(event, edit, queue, newTicketCode, ctx.now)
    await promoteWaitlistIn(t, { ...d, event: { ...d.event, updatedAt: ctx.now, updatedBy: ctx.operator.operatorId } }, { whole: true })
    return d
  })
  await tellPromoted(event, promoted)
  return { event: await eventView(event, null, null, ctx.now) }
})

/** Stops new RSVPs (and waitlist places); confirmed tickets still get in at the door. */
const close = operatorAction('marketing', EventIdSchema, async ({ eventId }, ctx) => {
  const event = await inTransaction(async (t) => {
    const event = await tx(t).events.get(eventId)
    if (!event) throw eventNotFound()
    if (event.status === 'closed') return event
    await tx(t).events.update(eventId, { status: 'closed', closedAt: ctx.now, closedBy: ctx.operator.operatorId })
    return { ...event, status: 'closed' as const }
  })
  return { event: await eventView(event, null, null, ctx.now) }
})

/** Every store's events that have not ended, soonest first: what operators edit or close. */
const manageList = operatorAction('marketing', EmptySchema, async (_input, ctx) => {
  const upcoming = await data.events
    .where({ endsAt: _.gt(ctx.now) })
    .orderBy('endsAt', 'asc')
    .limit(100)
    .get()
  upcoming.sort((a, b) => a.startsAt.localeCompare(b.startsAt))
  const links = await imageLinks(upcoming.map((e) => e.cover))
  return { events: await Promise.all(upcoming.map((e) => eventView(e, null, null, ctx.now, links))), serverTime: ctx.now }
})

/** The events in a phase as of `now` (domain eventPhase, as a query). */
const phaseFilter = (phase: EventPhase, now: string): Filter<MemberEvent> => {
  if (phase === 'ended') return { endsAt: _.lte(now) }
  if (phase === 'closed') return { status: 'closed', endsAt: _.gt(now) }
  if (phase === 'upcoming') return { status: 'open', startsAt: _.gt(now) }
  return { status: 'open', startsAt: _.lte(now), endsAt: _.gt(now) }
}

/** Seats checked in per event, for a page of events: one aggregation, not one count per row. */
const checkedInSeats = async (eventIds: string[]): Promise<Map<string, number>> => {
  if (eventIds.length === 0) return new Map()
  const rows = await data.rsvps.aggregate<{ _id: string; seats: number }>((p) =>
    p
      .match({ eventId: _.in(eventIds), status: 'confirmed', checkedInAt: _.neq(null) })
      .group({ _id: '$eventId', seats: db.command.aggregate.sum('$seats') })
      .limit(1000),
  )
  return new Map(rows.map((r) => [r._id, r.seats]))
}

const eventRows = async (events: MemberEvent[], now: string): Promise<EventRow[]> => {
  const [links, checkedIn] = await Promise.all([imageLinks(events.map((e) => e.cover)), checkedInSeats(events.map((e) => e._id))])
  return Promise.all(
    events.map(async (e) => ({
      ...(await eventView(e, null, null, now, links)),
      phase: eventPhase(e, now),
      seatsTaken: e.seatsTaken,
      checkedIn: checkedIn.get(e._id) ?? 0,
      createdAt: e.createdAt,
    })),
  )
}

/** The desk's table: every event (ended and closed too), by phase as of now, store and title; latest start first. */
const listEvents = operatorAction('marketing', ListEventsSchema, async ({ filter = {}, sort, cursor, limit }, ctx) => {
  const conditions: Filter<MemberEvent>[] = [
    {
      ...(filter.storeId ? { storeId: filter.storeId } : {}),
      ...(filter.search ? { title: containing(filter.search) } : {}),
    },
  ]
  if (filter.phase) conditions.push(phaseFilter(filter.phase, ctx.now))
  const page = await listPage(data.events, {
    where: conditions.length === 1 ? conditions[0] : _.and(conditions as object[]),
    sortBy: sort?.by ?? 'startsAt',
    order: sort?.order ?? 'desc',
    cursor,
    limit,
    // The phase is read against the clock: the next page, asked a moment later, is still the same list.
    listKey: filter,
  })
  return { ...page, rows: await eventRows(page.rows, ctx.now), serverTime: ctx.now }
})

const countRsvps = (eventId: string, more: Filter<Rsvp> = {}) => data.rsvps.where({ eventId, ...more }).count()

/** One event's RSVPs for operators, every status and every store, with the counts; in RSVP order by default. */
const eventGuests = operatorAction('marketing', EventGuestsSchema, async ({ eventId, filter = {}, sort, cursor, limit }, ctx) => {
  const event = await loadEvent(eventId)
  const where: Filter<Rsvp> = {
    eventId,
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.checkedIn !== undefined ? { checkedInAt: filter.checkedIn ? _.neq(null) : null } : {}),
  }
  const [page, [row], confirmed, waitlisted, cancelled, checkedIn] = await Promise.all([
    listPage(data.rsvps, { where, sortBy: sort?.by ?? 'createdAt', order: sort?.order ?? 'asc', cursor, limit }),
    eventRows([event], ctx.now),
    ...(['confirmed', 'waitlisted', 'cancelled'] as RsvpStatus[]).map((status) => countRsvps(eventId, { status })),
    countRsvps(eventId, { checkedInAt: _.neq(null) }),
  ])
  const memberIds = page.rows.map((r) => r.memberId)
  const members = memberIds.length
    ? await data.members
        .where({ _id: _.in(memberIds) })
        .limit(memberIds.length)
        .get()
    : []
  const byId = new Map(members.map((m) => [m._id, m]))
  const rows = page.rows.map((r): EventGuestRow => {
    // The till's view of the member (masked phone, tier as of now); none for a member who deleted their membership.
    const m = byId.get(r.memberId)
    const who = m ? memberSummary(m, ctx.now) : null
    return {
      id: r._id,
      name: who?.name ?? '—',
      memberNo: who?.memberNo ?? '',
      tier: who?.tier ?? null,
      mobileMasked: who?.mobileMasked ?? '',
      seats: r.seats,
      status: r.status,
      waitNo: r.waitNo,
      rsvpAt: r.createdAt,
      confirmedAt: r.confirmedAt,
      cancelledAt: r.cancelledAt,
      checkedInAt: r.checkedInAt,
    }
  })
  return { ...page, rows, event: row, counts: { confirmed, waitlisted, cancelled, checkedIn } }
})

export const main = serve('event', {
  list,
  rsvp,
  cancel: cancelRsvp,
  mine,
  checkIn: checkInTicket,
  guestList,
  storeEvents,
  create,
  update,
  close,
  manageList,
  listEvents,
  eventGuests,
})
