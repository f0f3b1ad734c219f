/** Deleting a membership: what the books keep, scrubbed of the person; points forfeited so entries still add up. */
import { finishErasure, mentions, scrubber, startTombstone, voidCoupon, withdrawRsvp } from '../../src/domain/erasure'
import type { MemberEvent, Rsvp } from '../../src/domain/events'
import { at, joinedMember } from '../support/members'

const subject = { openid: 'shopper-1', unionid: 'u-77', name: '张晓梅', mobile: '13800001111' }
const scrub = scrubber(subject, 'anon-1')

describe('scrubbing a record the books keep', () => {
  it('replaces the openid as a whole id only, never inside another id', () => {
    expect(scrub({ _id: 'bday:shopper-1:2026', memberId: 'shopper-1', other: 'shopper-10', list: ['x:shopper-1'] })).toEqual({
      _id: 'bday:anon-1:2026',
      memberId: 'anon-1',
      other: 'shopper-10',
      list: ['x:anon-1'],
    })
  })

  it('takes out the unionid, the phone number and the name from any text, keeps numbers and dates', () => {
    const out = scrub({
      note: '张晓梅说手机13800001111换了',
      unionid: 'u-77',
      points: 12,
      at: '2026-11-20T02:00:00.000Z',
      nested: { by: 'A01' },
    })
    expect(out).toEqual({ note: '已注销会员说手机***换了', unionid: '', points: 12, at: '2026-11-20T02:00:00.000Z', nested: { by: 'A01' } })
    expect(mentions(out, subject)).toBe(false)
    expect(mentions({ x: 'shopper-10' }, subject)).toBe(false)
    expect(mentions({ x: 'a:shopper-1' }, subject)).toBe(true)
  })

  it('takes out the phone number however it is written: spaces, dashes, dots, +86, full-width digits', () => {
    const written = [
      '13800001111',
      '138 0000 1111',
      '138-0000-1111',
      '138.0000.1111',
      '+86 138 0000 1111',
      '+86-138-0000-1111',
      '0086 13800001111',
      '(+86)138 0000 1111',
      '８６ １３８ ００００ １１１１',
      '138　0000　1111',
    ]
    for (const phone of written) {
      const out = scrub({ _id: 'x', memberId: 'shopper-1', reason: `客户电话：${phone}。`, label: `tel ${phone}` })
      expect([phone, out]).toEqual([phone, { _id: 'x', memberId: 'anon-1', reason: '客户电话：***。', label: 'tel ***' }])
      expect([phone, mentions(out, subject)]).toEqual([phone, false])
      expect([phone, mentions({ reason: phone }, subject)]).toEqual([phone, true])
    }
  })

  it('takes any mobile number out of free text (a reason, a note), and leaves ids, codes and other numbers alone', () => {
    const out = scrub({
      _id: 'adjust:OP01:req-13912345678',
      orderNo: '13912345678',
      memberNo: '13912345678',
      reason: '客户另留家人电话 139 1234 5678，订单 20261120001 补录 120 积分',
      note: '备用 +86-150-0000-2222',
    })
    expect(out).toEqual({
      _id: 'adjust:OP01:req-13912345678',
      orderNo: '13912345678',
      memberNo: '13912345678',
      reason: '客户另留家人电话 ***，订单 20261120001 补录 120 积分',
      note: '备用 ***',
    })
  })

  it('leaves a one-character name alone (it would eat other words)', () => {
    expect(scrubber({ ...subject, name: '张' }, 'anon-1')({ note: '张先生' })).toEqual({ note: '张先生' })
  })
})

describe('the tombstone and the forfeited points', () => {
  it('forfeits what is held under the pseudonym: the entries sum to what was held, the tombstone to 0', () => {
    const member = {
      ...joinedMember(),
      pointsBalance: 500,
      pointBatches: [
        { expiresAt: at('2027-12-31T00:00:00'), points: 300 },
        { expiresAt: at('2026-11-01T00:00:00'), points: 200 },
      ],
    }
    const now = at('2026-11-20T10:00:00')
    const { tombstone, entries } = finishErasure(member, startTombstone(member, 'anon-9', now), now, 3)
    expect(entries.map((e) => [e.kind, e.points, e.memberId])).toEqual([
      ['expire', -200, 'anon-9'],
      ['adjust', -300, 'anon-9'],
    ])
    expect(entries.at(-1)).toMatchObject({ _id: 'forfeit:anon-9', balanceAfter: 0, reason: '注销会员，积分作废' })
    expect(tombstone).toMatchObject({ _id: 'anon-9', memberNo: member.memberNo, pointsBalance: 0, pointsForfeited: 300, state: 'erased' })
    expect(JSON.stringify(tombstone)).not.toContain(member.name)
    expect(JSON.stringify(tombstone)).not.toContain(member.mobile)
    expect(JSON.stringify(tombstone)).not.toContain(member._id)
  })
})

describe('leaving an event and voiding coupons', () => {
  const event = { _id: 'ev', startsAt: at('2026-12-05T14:00:00'), capacity: 2, seatsTaken: 2, waiting: 1, nextWaitNo: 2 } as MemberEvent
  const rsvp = (id: string, status: Rsvp['status'], waitNo: number | null = null) =>
    ({
      _id: `ev:${id}`,
      eventId: 'ev',
      memberId: id,
      seats: 1,
      status,
      ticketCode: status === 'confirmed' ? '1234567890' : null,
      waitNo,
    }) as Rsvp

  it('cancels a confirmed seat past the cancellation deadline and promotes the first waiting', () => {
    const d = withdrawRsvp(event, rsvp('me', 'confirmed'), [rsvp('next', 'waitlisted', 1)], () => '5555555555', at('2026-12-01T10:00:00'))
    expect(d?.cancelled).toMatchObject({ status: 'cancelled', ticketCode: null })
    expect(d?.promoted).toMatchObject([{ memberId: 'next', status: 'confirmed', ticketCode: '5555555555' }])
    expect(d?.event).toMatchObject({ seatsTaken: 2, waiting: 0 })
  })

  it('leaves history alone: an event that has started, or an RSVP already cancelled', () => {
    expect(withdrawRsvp(event, rsvp('me', 'confirmed'), [], () => 'x', at('2026-12-05T15:00:00'))).toBeNull()
    expect(withdrawRsvp(event, rsvp('me', 'cancelled'), [], () => 'x', at('2026-12-01T10:00:00'))).toBeNull()
  })

  it('voids an unused, unexpired coupon and keeps used or expired ones as they were', () => {
    const now = at('2026-11-20T10:00:00')
    const available = { state: 'available' as const, validUntil: at('2026-12-31T00:00:00') }
    expect(voidCoupon(available, now)).toEqual({ ...available, validUntil: now, voidedAt: now })
    const used = { state: 'used' as const, validUntil: at('2026-12-31T00:00:00') }
    expect(voidCoupon(used, now)).toBe(used)
    const expired = { state: 'available' as const, validUntil: at('2026-11-01T00:00:00') }
    expect(voidCoupon(expired, now)).toBe(expired)
  })
})
