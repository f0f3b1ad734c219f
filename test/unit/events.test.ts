import { cancel, checkIn, editEvent, rsvp, ticketShelf, type MemberEvent, type Rsvp } from '../../src/domain/events'
import { withdrawRsvp } from '../../src/domain/erasure'
import { DEFAULT_PROGRAM } from '../../src/domain/program'
import { at, joinedMember } from '../support/members'

const event = (overrides: Partial<MemberEvent> = {}): MemberEvent => ({
  _id: 'ev1',
  title: '秋冬新品品鉴会',
  description: '',
  cover: '',
  storeId: 'SH001',
  startsAt: at('2026-12-05T14:00:00'),
  endsAt: at('2026-12-05T17:00:00'),
  capacity: 3,
  tiers: ['member', 'vip', 'gold'],
  rsvpDeadline: at('2026-12-04T18:00:00'),
  cancelDeadline: at('2026-12-04T12:00:00'),
  attendancePoints: 50,
  maxGuests: 1,
  status: 'open',
  seatsTaken: 0,
  waiting: 0,
  nextWaitNo: 1,
  createdBy: 'OP01',
  createdAt: at('2026-11-01T10:00:00'),
  ...overrides,
})
const now = at('2026-11-20T10:00:00')
const m = (id: string) => joinedMember({ _id: id })
let code = 0
const ticket = () => String(1_000_000_000 + ++code)

/** RSVPs in order; returns the event and every RSVP made. */
const fill = (e: MemberEvent, people: [string, number][]) => {
  const made: Rsvp[] = []
  for (const [id, guests] of people) {
    const d = rsvp(e, null, m(id), guests, ticket(), now)
    e = d.event
    made.push(d.rsvp)
  }
  return { e, made }
}

describe('RSVP', () => {
  it('confirms while seats last, guests counting, then waitlists in order', () => {
    const { e, made } = fill(event(), [
      ['a', 1],
      ['b', 0],
      ['c', 0],
      ['d', 1],
    ])
    expect(made.map((r) => [r.memberId, r.status, r.waitNo])).toEqual([
      ['a', 'confirmed', null],
      ['b', 'confirmed', null],
      ['c', 'waitlisted', 1],
      ['d', 'waitlisted', 2],
    ])
    expect(e).toMatchObject({ seatsTaken: 3, waiting: 2, nextWaitNo: 3 })
    expect(made[0].ticketCode).toMatch(/^\d{10}$/)
  })

  it('sends newcomers behind the waitlist even when a seat looks free', () => {
    const full = fill(event({ capacity: 2 }), [
      ['a', 0],
      ['b', 1],
    ]) // b (2 seats) waits
    const next = rsvp(full.e, null, m('c'), 0, ticket(), now)
    expect(next.rsvp).toMatchObject({ status: 'waitlisted', waitNo: 2 })
  })

  it('answers a repeated RSVP with the one already made', () => {
    const first = rsvp(event(), null, m('a'), 0, ticket(), now)
    expect(rsvp(first.event, first.rsvp, m('a'), 0, ticket(), now)).toEqual({ event: first.event, rsvp: first.rsvp })
  })

  it('keeps higher-tier events to their tiers, guests to the limit, and closes at the deadline', () => {
    expect(() => rsvp(event({ tiers: ['vip', 'gold'] }), null, m('a'), 0, ticket(), now)).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    )
    expect(() => rsvp(event(), null, m('a'), 2, ticket(), now)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }))
    expect(rsvp(event(), null, m('a'), 0, ticket(), at('2026-12-04T17:59:59')).rsvp.status).toBe('confirmed')
    expect(() => rsvp(event(), null, m('a'), 0, ticket(), at('2026-12-04T18:00:00'))).toThrow(
      expect.objectContaining({ code: 'RSVP_DEADLINE_PASSED' }),
    )
  })

  it('refuses an event an operator closed, before its deadline', () => {
    expect(() => rsvp(event({ status: 'closed' }), null, m('a'), 0, ticket(), now)).toThrow(
      expect.objectContaining({ code: 'EVENT_CLOSED', message: '活动已关闭报名' }),
    )
  })
})

describe('cancelling', () => {
  it('frees the seats and promotes the waitlist strictly in order while the head fits', () => {
    const { e, made } = fill(event(), [
      ['a', 1],
      ['b', 0],
      ['c', 1],
      ['d', 0],
    ])
    const queue = made.filter((r) => r.status === 'waitlisted')
    // b leaves one seat: c needs two, so nobody jumps ahead of c.
    const one = cancel(e, made[1], queue, ticket, now)
    expect(one.promoted).toEqual([])
    expect(one.event).toMatchObject({ seatsTaken: 2, waiting: 2 })
    // a leaves two more: c, then d.
    const two = cancel(one.event, made[0], queue, ticket, now)
    expect(two.promoted.map((r) => [r.memberId, r.status])).toEqual([
      ['c', 'confirmed'],
      ['d', 'confirmed'],
    ])
    expect(two.event).toMatchObject({ seatsTaken: 3, waiting: 0 })
    expect(two.promoted[0].ticketCode).toMatch(/^\d{10}$/)
  })

  it('takes a waiting RSVP off the list, and refuses after the cancellation deadline', () => {
    const { e, made } = fill(event({ capacity: 1 }), [
      ['a', 0],
      ['b', 0],
    ])
    expect(cancel(e, made[1], [made[1]], ticket, now).event).toMatchObject({ waiting: 0, seatsTaken: 1 })
    expect(() => cancel(e, made[0], [], ticket, at('2026-12-04T12:00:00'))).toThrow(
      expect.objectContaining({ code: 'CANCEL_DEADLINE_PASSED' }),
    )
  })

  it('gives seats freed by a deleted membership down the waitlist as a cancellation does, even past the deadline', () => {
    const { e, made } = fill(event({ capacity: 2 }), [
      ['a', 1],
      ['b', 0],
      ['c', 0],
    ])
    const queue = made.filter((r) => r.status === 'waitlisted')
    const sameCode = () => '1000000999'
    expect(withdrawRsvp(e, made[0], queue, sameCode, now)).toEqual(cancel(e, made[0], queue, sameCode, now))
    const pastDeadline = at('2026-12-05T10:00:00')
    const withdrawn = withdrawRsvp(e, made[0], queue, sameCode, pastDeadline)
    expect(withdrawn?.promoted.map((r) => [r.memberId, r.status])).toEqual([
      ['b', 'confirmed'],
      ['c', 'confirmed'],
    ])
    expect(withdrawn?.event).toMatchObject({ seatsTaken: 2, waiting: 0 })
  })

  it('refuses to cancel an RSVP twice', () => {
    const { e, made } = fill(event(), [['a', 0]])
    const once = cancel(e, made[0], [], ticket, now)
    expect(() => cancel(once.event, once.cancelled, [], ticket, now)).toThrow(
      expect.objectContaining({ code: 'RSVP_ALREADY_CANCELLED', message: '报名已取消' }),
    )
  })
})

describe('check-in', () => {
  const { made } = fill(event(), [['o-1', 0]])
  const member = joinedMember()
  const doors = at('2026-12-05T13:55:00')

  it('checks in once, crediting the attendance points; a second scan says when', () => {
    const first = checkIn(event(), made[0], member, 'A01', doors, DEFAULT_PROGRAM)
    expect(first.already).toBe(false)
    if (first.already) return
    expect(first.entries).toEqual([expect.objectContaining({ _id: `attend:${made[0]._id}`, kind: 'earn', points: 50, balanceAfter: 50 })])
    expect(first.member.pointsBalance).toBe(50)
    expect(checkIn(event(), first.rsvp, first.member, 'A02', at('2026-12-05T14:30:00'), DEFAULT_PROGRAM)).toEqual({
      already: true,
      rsvp: first.rsvp,
      recovered: false,
    })
  })

  it('refuses to cancel after the check-in, and an RSVP made again after such a cancellation keeps its check-in', () => {
    const e = event({ rsvpDeadline: at('2026-12-05T14:00:00'), cancelDeadline: at('2026-12-05T14:00:00') })
    const first = checkIn(e, made[0], member, 'A01', doors, DEFAULT_PROGRAM)
    expect(() => cancel(e, first.rsvp, [], ticket, at('2026-12-05T13:58:00'))).toThrow(
      expect.objectContaining({ code: 'ALREADY_CHECKED_IN' }),
    )
    // A cancellation recorded before that refusal existed: made again, the RSVP is still the one checked in.
    const again = rsvp(e, { ...first.rsvp, status: 'cancelled', ticketCode: null }, m('o-1'), 0, ticket(), at('2026-12-05T13:59:00'))
    expect(again.rsvp).toMatchObject({ status: 'confirmed', checkedInAt: doors, checkedInBy: 'A01' })
  })

  it('answers an RSVP whose attendance was credited but whose mark was lost as checked in then, crediting nothing', () => {
    const credited = { at: doors, actor: { type: 'staff' as const, id: 'A01', storeId: 'SH001' } }
    expect(checkIn(event(), made[0], member, 'A02', at('2026-12-05T14:30:00'), DEFAULT_PROGRAM, credited)).toEqual({
      already: true,
      rsvp: { ...made[0], checkedInAt: doors, checkedInBy: 'A01' },
      recovered: true,
    })
  })

  it('refuses tickets outside the event day and unconfirmed RSVPs', () => {
    expect(() => checkIn(event(), made[0], member, 'A01', at('2026-12-04T23:59:59'), DEFAULT_PROGRAM)).toThrow(
      expect.objectContaining({ code: 'OUTSIDE_CHECK_IN_TIME' }),
    )
    expect(() => checkIn(event(), made[0], member, 'A01', at('2026-12-05T17:00:00'), DEFAULT_PROGRAM)).toThrow(
      expect.objectContaining({ code: 'OUTSIDE_CHECK_IN_TIME' }),
    )
    expect(() => checkIn(event(), { ...made[0], status: 'waitlisted' }, member, 'A01', doors, DEFAULT_PROGRAM)).toThrow(
      expect.objectContaining({ code: 'TICKET_NOT_CONFIRMED' }),
    )
  })
})

describe('editing', () => {
  it('refuses to edit an event that has ended', () => {
    const e = event()
    expect(() => editEvent(e, { ...e, title: '冬季新品品鉴会' }, [], ticket, at('2026-12-05T17:00:00'))).toThrow(
      expect.objectContaining({ code: 'EVENT_ENDED', message: '活动已结束，不能再修改' }),
    )
  })
})

describe('我的活动: where a held RSVP goes', () => {
  const event = { endsAt: '2026-12-05T09:00:00.000Z' }
  const before = '2026-12-05T08:59:59.000Z'
  const ended = '2026-12-05T09:00:00.000Z'
  it('keeps a ticket to come until it is checked in or the event ends', () => {
    expect(ticketShelf({ status: 'confirmed', checkedInAt: null }, event, before)).toBe('upcoming')
    expect(ticketShelf({ status: 'waitlisted', checkedInAt: null }, event, before)).toBe('upcoming')
  })
  it('moves a checked-in ticket to 已参加 at once, and a confirmed one when the event ends', () => {
    expect(ticketShelf({ status: 'confirmed', checkedInAt: '2026-12-05T06:03:00.000Z' }, event, before)).toBe('attended')
    expect(ticketShelf({ status: 'confirmed', checkedInAt: null }, event, ended)).toBe('attended')
  })
  it('drops a place that was still waiting when the event ended, and a cancelled RSVP', () => {
    expect(ticketShelf({ status: 'waitlisted', checkedInAt: null }, event, ended)).toBeNull()
    expect(ticketShelf({ status: 'cancelled', checkedInAt: null }, event, before)).toBeNull()
  })
})
