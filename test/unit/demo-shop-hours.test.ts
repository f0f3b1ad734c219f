/**
 * The demo's past happened at shop hours (issue 20, item 10): seeded at any hour of the day — 3 a.m., just before
 * opening, late at night — every purchase, join, callback, event, RSVP and check-in the demo holds falls within the
 * store's 10:00–22:00 (business time, Asia/Shanghai), and none lies after the seeding clock.
 */
import { demoDocuments } from '../../scripts/demo-data'
import { inShopHours, shopMoment, SHOP_HOURS } from '../../scripts/demo-time'
import { businessTime } from '../../src/domain/time'
import { at } from '../support/clock'

/** Where the demo's moments of activity are, per collection (a collection the demo does not seed yet counts when it does). */
const ACTIVITY_FIELDS: Record<string, readonly string[]> = {
  members: ['joinedAt', 'lastPurchaseAt', 'lastCallbackAt'],
  purchases: ['at'],
  refunds: ['at'],
  ledger: ['at'],
  callbacks: ['at'],
  events: ['startsAt', 'endsAt'],
  rsvps: ['createdAt', 'confirmedAt', 'checkedInAt'],
  phoneReveals: ['at'],
}

const momentsOf = (docs: Record<string, object[]>) =>
  Object.entries(ACTIVITY_FIELDS).flatMap(([collection, fields]) =>
    (docs[collection] ?? []).flatMap((doc) =>
      fields
        .map((field) => ({ where: `${collection}/${(doc as { _id: string })._id}.${field}`, at: (doc as Record<string, unknown>)[field] }))
        .filter((m): m is { where: string; at: string } => typeof m.at === 'string'),
    ),
  )

const shown = (instant: string) => businessTime(instant).format('YYYY-MM-DD HH:mm')

describe('the demo seeded at any hour', () => {
  it.each([
    ['03:00', at('2026-12-07T03:00:00')],
    ['23:30', at('2026-12-07T23:30:00')],
    ['09:59, a minute before opening', at('2026-12-07T09:59:00')],
    ['10:00, as the doors open', at('2026-12-07T10:00:00')],
    ['14:00', at('2026-12-07T14:00:00')],
    ['00:10 on the first of a month', at('2027-03-01T00:10:00')],
    ['21:59 on the last day of a year', at('2026-12-31T21:59:00')],
  ])('holds every moment of activity within shop hours and before the clock, seeded at %s', (_name, clock) => {
    const moments = momentsOf(demoDocuments(new Date(clock)))
    // The demo's purchases, joins, ledger entries and callbacks are all looked at.
    for (const collection of ['members', 'purchases', 'ledger', 'callbacks']) {
      expect(moments.some((m) => m.where.startsWith(`${collection}/`))).toBe(true)
    }
    expect(moments.filter((m) => !inShopHours(m.at)).map((m) => `${m.where} ${shown(m.at)}`)).toEqual([])
    expect(moments.filter((m) => Date.parse(m.at) > Date.parse(clock)).map((m) => `${m.where} ${shown(m.at)}`)).toEqual([])
  })

  it('keeps the business dates the lists depend on: the purchase 12 days back is 12 days back, whatever the hour', () => {
    for (const clock of [at('2026-12-07T03:00:00'), at('2026-12-07T23:30:00')]) {
      const purchase = demoDocuments(new Date(clock)).purchases.find((p) => (p as { orderNo: string }).orderNo === 'DEMO-0003') as {
        at: string
      }
      expect(businessTime(purchase.at).format('YYYY-MM-DD')).toBe('2026-11-25')
    }
  })
})

describe('shopMoment', () => {
  it('counts business days back from the clock’s business day, at the shop hour given', () => {
    // 01:30 on 8 December in Shanghai is still 7 December in UTC: the business day is the 8th.
    expect(shopMoment(new Date(at('2026-12-08T01:30:00')), 3, 14, 35)).toBe(at('2026-12-05T14:35:00'))
  })

  it('moves a moment of today still to come to the day before, and keeps one already past', () => {
    expect(shopMoment(new Date(at('2026-12-08T09:00:00')), 0, 10, 30)).toBe(at('2026-12-07T10:30:00'))
    expect(shopMoment(new Date(at('2026-12-08T11:00:00')), 0, 10, 30)).toBe(at('2026-12-08T10:30:00'))
  })

  it('refuses a moment outside shop hours, so a demo written later cannot slip out of them', () => {
    expect(() => shopMoment(new Date(), 3, SHOP_HOURS.opens - 1)).toThrow(RangeError)
    expect(() => shopMoment(new Date(), 3, SHOP_HOURS.closes)).toThrow(RangeError)
    expect(inShopHours(at('2026-12-08T21:59:00'))).toBe(true)
    expect(inShopHours(at('2026-12-08T22:00:00'))).toBe(false)
    expect(inShopHours(at('2026-12-08T09:59:00'))).toBe(false)
  })
})
