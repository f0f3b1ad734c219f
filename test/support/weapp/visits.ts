/**
 * Every page of the weapp's app.json, opened as the person it serves, on the demo data plus a heavy shopper
 * (shopper B with 100 purchases at the till and 55 coupons from real campaigns, an event with her RSVP). The
 * perf project measures these visits' setData payloads; the weapp project draws them and compares them with the
 * H5 build. A page added to app.json later is visited as its package's user with no query, with no edit here.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { LocalCloud } from '../../../localcloud'
import { DEMO_ASSISTANT, DEMO_JOIN_SCENE, DEMO_MANAGER, DEMO_OPERATOR } from '../../../scripts/demo-data'
import { TillCodes } from '../../../bench/tillCodes'
import { pageRoutes } from '../../../scripts/weapp/schemas'
import { shopMoment } from '../../../scripts/demo-time'
import { businessTime, toInstant } from '../../../src/domain/time'

export const SHOPPER = 'demo-shopper-b'
export const SHOPPER_NO = '20261123002'
export const NEWCOMER = 'perf-newcomer'
const PURCHASES = 100
const COUPONS = 55
export const HEAVY_SHOPPER = { purchases: PURCHASES, coupons: COUPONS }

export interface Fixture {
  eventId: string
  couponId: string
}

const isoIn = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString()
/** `days` business days from today at `hour`:00 — the demo store's hours, as every preview shows its events. */
const shopDayAhead = (days: number, hour: number) => toInstant(businessTime(new Date()).startOf('day').add(days, 'day').hour(hour))

export const cloudCaller = (cloud: LocalCloud) => async (openid: string, fn: string, action: string, input: unknown, clock?: string) => {
  const answer = (await cloud.invoke(fn, { action, input }, { openid, clock })) as {
    ok: boolean
    data?: unknown
    error?: { code: string; message: string }
  }
  if (!answer.ok) throw new Error(`${fn}.${action}: ${answer.error?.code} ${answer.error?.message}`)
  return answer.data as Record<string, unknown>
}

/** The heavy shopper: real purchases at the till (dynamic codes) and coupons issued by real campaigns. */
export const makeHeavyShopper = async (cloud: LocalCloud): Promise<Fixture> => {
  const call = cloudCaller(cloud)
  // Bought yesterday from 11:00 (a purchase a minute): shop hours, whatever hour the test runs (scripts/demo-time).
  const codes = new TillCodes(Date.parse(shopMoment(new Date(), 1, 11)))
  codes.remember((await call(SHOPPER, 'member', 'codeSecret', {})) as { memberNo: string; secret: string })
  for (let i = 0; i < PURCHASES; i++) {
    const { code, clock } = codes.next(SHOPPER_NO)
    await call(
      DEMO_ASSISTANT._id,
      'staff',
      'recordPurchase',
      { memberCode: code, amountFen: 8_800 + ((i * 7_919) % 60_000), orderNo: `PERF-${i}` },
      clock,
    )
  }
  const templates = ['welcome-20off200', 'points-50off500', 'gift-tote', 'vip-preview-15off']
  for (let i = 0; i < COUPONS; i++) {
    await call(DEMO_OPERATOR._id, 'ops', 'createCampaign', {
      title: `会员专享第${i + 1}期`,
      templateId: templates[i % templates.length],
      mode: 'issue',
      audience: { kind: 'list', memberCodes: [SHOPPER_NO] },
      opensAt: new Date().toISOString(),
      vipEarlyDays: 0,
      endsAt: isoIn(30),
      requestId: `perf-campaign-${i}`,
    })
  }
  const event = await call(DEMO_OPERATOR._id, 'event', 'create', {
    title: '秋冬新品品鉴会',
    description: '设计师讲解新季面料与搭配',
    cover: '',
    storeId: 'SH001',
    startsAt: shopDayAhead(12, 14),
    endsAt: shopDayAhead(12, 16),
    capacity: 30,
    tiers: ['member', 'vip', 'gold'],
    rsvpDeadline: shopDayAhead(11, 18),
    cancelDeadline: shopDayAhead(11, 12),
    attendancePoints: 50,
    maxGuests: 1,
    requestId: 'perf-event-1',
  })
  const eventId = (event.event as { id: string }).id
  await call(SHOPPER, 'event', 'rsvp', { eventId, guests: 0 })
  const coupon = cloud.executor.find('coupons', { openid: SHOPPER }, { limit: 1 })[0] ?? cloud.executor.find('coupons', {}, { limit: 1 })[0]
  return { eventId, couponId: String(coupon?._id ?? '') }
}

export interface Visit {
  route: string
  caller: string
  query: (fixture: Fixture) => Record<string, string>
}

/** The pages whose visit needs a particular caller or query; every other page is visited by `callerFor`. */
const KNOWN: Visit[] = [
  { route: 'pages/card/index', caller: SHOPPER, query: () => ({}) },
  // From the store QR, as shoppers arrive: the page names the store and the assistant.
  { route: 'pages/join/index', caller: NEWCOMER, query: () => ({ scene: encodeURIComponent(DEMO_JOIN_SCENE) }) },
  { route: 'pages/coupon/index', caller: SHOPPER, query: (f) => ({ id: encodeURIComponent(f.couponId) }) },
  { route: 'staff/door/index', caller: DEMO_ASSISTANT._id, query: (f) => ({ id: f.eventId }) },
  { route: 'staff/customers/index', caller: DEMO_MANAGER._id, query: () => ({}) },
  { route: 'staff/customer/index', caller: DEMO_ASSISTANT._id, query: () => ({ no: SHOPPER_NO }) },
  { route: 'staff/today/index', caller: DEMO_MANAGER._id, query: () => ({}) },
  { route: 'staff/callbacks/index', caller: DEMO_MANAGER._id, query: () => ({}) },
  // Opened from an invitation's link by someone who is not staff yet.
  { route: 'staff/invite/index', caller: NEWCOMER, query: () => ({ code: 'ABCD2345' }) },
  { route: 'ops/customer/index', caller: DEMO_OPERATOR._id, query: () => ({ no: SHOPPER_NO }) },
]

export const callerFor = (route: string) =>
  route.startsWith('staff/') ? DEMO_ASSISTANT._id : route.startsWith('ops/') ? DEMO_OPERATOR._id : SHOPPER

/** Every page of app.json (read from the build; the known visits while it is not built) with its visit. */
export const pageVisits = (distDir: string): Visit[] => {
  const routes = existsSync(join(distDir, 'app.json'))
    ? pageRoutes(JSON.parse(readFileSync(join(distDir, 'app.json'), 'utf8')))
    : KNOWN.map((v) => v.route)
  return routes.map((route) => KNOWN.find((v) => v.route === route) ?? { route, caller: callerFor(route), query: () => ({}) })
}

/** `pages/card/index` → `card`, `staff/purchase/index` → `staff-purchase`, `privacy/index/index` → `privacy`. */
export const pageName = (route: string) =>
  route
    .replace(/^pages\//, '')
    .replace(/(\/index)+$/, '')
    .replace(/\//g, '-')
