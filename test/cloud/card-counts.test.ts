/**
 * The counts on the card's quick actions come with member.getCard: the member's usable coupons (what the wallet
 * lists under 可用) and the member events still to come (what 会员活动 lists), without a second call.
 */
import { walletTabs } from '../../src/wording/coupons'
import { at } from '../support/clock'
import { startTestCloud } from './harness'

type Harness = Awaited<ReturnType<typeof startTestCloud>>
let h: Harness

const NOW = at('2026-11-23T14:00:00')
const event = (id: string, status: 'open' | 'closed', endsAt: string) => ({
  _id: id,
  title: `活动 ${id}`,
  description: '',
  coverUrl: '',
  storeId: 'SH001',
  startsAt: at('2026-11-20T10:00:00'),
  endsAt,
  capacity: 20,
  tiers: ['member', 'vip', 'gold'],
  rsvpDeadline: endsAt,
  cancelDeadline: endsAt,
  attendancePoints: 0,
  maxGuests: 0,
  status,
  seatsTaken: 0,
  waiting: 0,
  nextWaitNo: 1,
  createdBy: 'op',
  createdAt: at('2026-11-01T10:00:00'),
})

beforeAll(async () => {
  h = await startTestCloud()
  // Before any card is opened: each instance counts the events once and keeps the count for a while.
  h.cloud.executor.insert('events', [
    event('later-this-week', 'open', at('2026-11-28T18:00:00')),
    event('next-month', 'open', at('2026-12-12T18:00:00')),
    event('still-running', 'open', at('2026-11-23T16:00:00')),
    event('last-week', 'open', at('2026-11-16T18:00:00')),
    event('closed-by-operator', 'closed', at('2026-12-20T18:00:00')),
  ])
}, 60_000)
afterAll(() => h?.close())

type CouponDoc = Record<string, unknown> & { _id: string; memberId: string; validFrom: string; validUntil: string }

it('counts the usable coupons and the events still to come', async () => {
  const { openid } = await h.joinedShopper('counts', { clock: at('2026-11-20T10:00:00') })
  const welcome = (h.cloud.executor.find('coupons', { memberId: openid }) as unknown as CouponDoc[])[0]
  const variant = (id: string, change: Partial<CouponDoc>) => ({ ...welcome, _id: id, ...change })
  h.cloud.executor.insert('coupons', [
    variant('counts-second-usable', { code: '900000000011' }),
    variant('counts-used', { code: '900000000012', state: 'used' }),
    variant('counts-expired', { code: '900000000013', validUntil: at('2026-11-23T00:00:00') }),
    variant('counts-not-yet', { code: '900000000014', validFrom: at('2026-12-01T00:00:00'), validUntil: at('2027-01-01T00:00:00') }),
    variant('counts-someone-else', { code: '900000000015', memberId: 'someone-else' }),
  ])

  const card = await h.ok(openid, 'member', 'getCard', {}, { clock: NOW })
  // The welcome coupon, a second usable one, and one valid from next month (the wallet keeps it under 可用).
  expect(card.counts).toEqual({ usableCoupons: 3, upcomingEvents: 3 })
  // The same figures as the wallet's 可用 tab and the events list the quick actions open.
  const wallet = await h.ok(openid, 'member', 'coupons', {}, { clock: NOW })
  expect(walletTabs(wallet.coupons).available).toHaveLength(3)
  const events = await h.ok(openid, 'event', 'list', {}, { clock: NOW })
  expect(events.events).toHaveLength(3)
})

it('counts no coupon once the member’s coupons have run out', async () => {
  const { openid } = await h.joinedShopper('counts-none', { clock: at('2026-11-20T10:00:00') })
  // A year on: the welcome coupon has run out.
  const card = await h.ok(openid, 'member', 'getCard', {}, { clock: at('2027-11-23T14:00:00') })
  expect(card.counts?.usableCoupons).toBe(0)
})
