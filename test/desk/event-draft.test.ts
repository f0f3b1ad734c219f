/**
 * The desk's event dialog runs on the phone editor's form: a moment picked as one date-time text becomes the draft's
 * date and time (business time) and back, and an event being edited becomes a draft that the phone's own check
 * turns into the same update the event was read from.
 */
import type { EventRow } from '../../src/api/contract'
import { checkEvent, checkEventEdit, instantOf } from '../../src/ops/events/eventForm'
import { draftOfRow, whenOfText, whenText } from '../../desk/src/pages/events/eventDraft'
import { at } from '../support/clock'

describe("the date-time picker's text", () => {
  it('splits into the draft’s date and time, and joins back with seconds', () => {
    expect(whenOfText('2026-12-05 14:00:00')).toEqual({ date: '2026-12-05', time: '14:00' })
    expect(whenOfText('2026-12-05 14:30')).toEqual({ date: '2026-12-05', time: '14:30' })
    expect(whenText({ date: '2026-12-05', time: '14:30' })).toBe('2026-12-05 14:30:00')
  })

  it('names the instant in Shanghai time, whatever the browser’s zone', () => {
    expect(instantOf(whenOfText('2026-12-05 14:00:00'))).toBe('2026-12-05T06:00:00.000Z')
  })

  it('cleared, leaves a draft the form refuses at its row instead of a guessed time', () => {
    const draft = { ...draftOfRow(row), starts: whenOfText('') }
    const checked = checkEvent(draft, at('2026-11-20T10:00:00'))
    expect(checked).toMatchObject({ ok: false, errors: { startsAt: expect.stringContaining('开始时间') } })
  })
})

const row: EventRow = {
  id: 'ev-abc12345',
  title: '秋冬新品品鉴会',
  description: '设计师讲解新季面料',
  cover: 'cloud://env.bucket/images/events/20261120-100000-abcdef.jpg',
  coverUrl: 'https://example.test/cover.jpg',
  store: { id: 'SH001', name: '上海静安嘉里中心店', address: '', phone: '', openingHours: '', location: null },
  startsAt: at('2026-12-05T14:00:00'),
  endsAt: at('2026-12-05T17:00:00'),
  capacity: 30,
  seatsLeft: 28,
  waiting: 0,
  tiers: ['vip', 'gold'],
  eligible: true,
  rsvpDeadline: at('2026-12-04T18:00:00'),
  cancelDeadline: at('2026-12-04T12:00:00'),
  attendancePoints: 50,
  maxGuests: 1,
  status: 'open',
  myRsvp: null,
  phase: 'upcoming',
  seatsTaken: 2,
  checkedIn: 0,
  createdAt: at('2026-11-20T10:00:00'),
}

describe('an event being edited', () => {
  it('round-trips: its draft checks into the update of the same words, times and capacity', () => {
    const checked = checkEventEdit(row.id, draftOfRow(row))
    expect(checked).toEqual({
      ok: true,
      input: {
        eventId: row.id,
        title: row.title,
        description: row.description,
        cover: row.cover,
        startsAt: row.startsAt,
        endsAt: row.endsAt,
        capacity: 30,
        rsvpDeadline: row.rsvpDeadline,
        cancelDeadline: row.cancelDeadline,
      },
    })
  })

  it('keeps the store, tiers, points and guests it was announced with, and shows the cover it has', () => {
    expect(draftOfRow(row)).toMatchObject({
      storeId: 'SH001',
      tiers: ['vip', 'gold'],
      pointsText: '50',
      guestsText: '1',
      cover: { fileID: row.cover, src: row.coverUrl },
    })
  })
})
