/**
 * Member events end to end: the H5 build in Debian's Chromium against the local cloud running the bundled
 * functions, with the demo data. Takes a 375-px screenshot of every new page (test-results/events-*.png).
 *
 * The story: the operator creates a VIP event at the demo store through the form, starting later today;
 * shopper B (a VIP) RSVPs with a guest and turns the reminder on; shopper A (a plain member) sees it greyed,
 * and lands on the waitlist of a full event, which B's cancellation then opens; at the door the shop
 * assistant checks B in (then scans again), and B's card shows the attendance points; 我的活动 lists the salon
 * under 已参加.
 */
import type { Page } from 'playwright-core'
import type { LocalCloud } from '../../localcloud'
import { businessTime } from '../../src/domain/time'
import { DEMO_OPERATOR, DEMO_STORE } from '../../scripts/demo-data'
import type { PhoneBrowser } from './support/browser'
import { startDemo, type Demo } from './support/demo'
import { onScreen } from './support/screen'

jest.setTimeout(240_000)

let demo: Demo
let cloud: LocalCloud
let phone: PhoneBrowser
let page: Page

beforeAll(async () => {
  demo = await startDemo('vipcard-e2e-events-')
  cloud = demo.cloud
  phone = demo.phone
  page = phone.page
})

afterAll(async () => {
  await demo?.close()
})

const { openAs, field, visible, text, tapText, pick, call } = onScreen(() => demo)

type MemberDoc = { pointsBalance: number; subscriptions?: Record<string, number> }
const memberDoc = (id: string) => cloud.executor.get('members', id) as unknown as MemberDoc
type RsvpDoc = { memberId: string; status: string; ticketCode: string | null; seats: number; checkedInAt: string | null }
const rsvpsOf = (eventId: string) => cloud.executor.find('rsvps', { eventId }) as unknown as RsvpDoc[]

const SALON = '秋冬搭配会员沙龙'
const WORKSHOP = '香氛手作体验课'
const ATTENDANCE_POINTS = 80
let salonId = ''
let ticketCode = ''

/**
 * The door takes tickets from the start of the event's day until it ends, and RSVPs close when it starts:
 * a start later today, at least a few minutes away. Close to midnight, wait for the next day.
 */
const laterToday = async () => {
  let now = businessTime(new Date())
  const endOfDay = now.endOf('day')
  if (endOfDay.diff(now, 'minute') < 5) {
    await new Promise((resolve) => setTimeout(resolve, endOfDay.diff(now, 'millisecond') + 2_000))
    now = businessTime(new Date())
  }
  const inTwoHours = now.add(2, 'hour').startOf('minute')
  const start = inTwoHours.isAfter(endOfDay) ? endOfDay.startOf('minute') : inTwoHours
  return { start, end: start.add(2, 'hour') }
}

it('lets the operator create a VIP event at the store through the form', async () => {
  const { start, end } = await laterToday()
  await openAs(DEMO_OPERATOR._id, '/ops/events/index')
  await visible('.ops-event-form').waitFor()
  await field('例如 秋冬新品品鉴会').fill(SALON)
  await page.locator('.taro_page:visible textarea').fill('搭配师现场讲解今冬大衣与针织的叠穿，附赠茶歇。')
  await field('例如 SH001').fill(DEMO_STORE._id)
  await pick(0, start.format('YYYY-MM-DD'))
  await pick(1, start.format('HH:mm'))
  await pick(2, end.format('YYYY-MM-DD'))
  await pick(3, end.format('HH:mm'))
  await pick(4, start.format('YYYY-MM-DD'))
  await pick(5, start.format('HH:mm'))
  await pick(6, start.format('YYYY-MM-DD'))
  await pick(7, start.format('HH:mm'))
  await field('30').fill('12')
  await tapText('普通会员')
  await field('50').fill(String(ATTENDANCE_POINTS))
  await field('0').fill('1')
  await visible('.ops-direction__option--on').nth(1).waitFor()
  await phone.screenshot('events-01-ops-create-form')
  await tapText('创建活动')
  await visible('.ops-confirm').waitFor()
  expect(await text('.ops-confirm')).toContain('12 个名额 · VIP会员')
  await phone.screenshot('events-02-ops-create-confirm')
  await tapText('确认创建')
  await page.getByText(`已创建「${SALON}」，会员可在「会员活动」报名`).waitFor()
  const salon = (
    cloud.executor.find('events', { title: SALON }) as unknown as {
      _id: string
      tiers: string[]
      storeId: string
      attendancePoints: number
    }[]
  )[0]
  expect(salon).toMatchObject({ tiers: ['vip', 'gold'], storeId: DEMO_STORE._id, attendancePoints: ATTENDANCE_POINTS })
  salonId = salon._id
})

it('lets a VIP RSVP with a guest from the card, shows the ticket, and turns the reminder on', async () => {
  await openAs('demo-shopper-b', '/pages/card/index')
  await visible('.member-card').waitFor()
  await visible('.card-page__perk').filter({ hasText: '会员活动' }).click()
  const salon = visible('.event-item').filter({ hasText: SALON })
  await salon.waitFor()
  expect(await salon.locator('.event-item__tag').innerText()).toBe('VIP会员')
  expect(await salon.locator('.event-item__seats').innerText()).toBe('剩余 12 个名额 · 共 12 个')
  // Where: the store's address, with WeChat's map (the calendar is WeChat's only, and for a ticket held).
  expect(await salon.locator('.event-place__line').innerText()).toBe(`${DEMO_STORE.name} · ${DEMO_STORE.address}`)
  expect(await salon.locator('.event-place__action').allInnerTexts()).toEqual(['导航'])
  await phone.screenshot('events-03-list')

  await pick(0, 1)
  await salon.getByText('带 1 位同伴 ▾').waitFor()
  await salon.getByText('报名', { exact: true }).click()
  await page.getByText('报名成功').waitFor()
  ticketCode = rsvpsOf(salonId).find((r) => r.memberId === 'demo-shopper-b')!.ticketCode!
  expect((await text('.coupon-code__digits')).replace(/ /g, '')).toBe(ticketCode)
  expect(await text('.rsvp-result__hint')).toBe('2 人（含 1 位同伴） · 到场时出示此码，导购扫码签到')
  await visible('.reminder-opt-in').waitFor()
  await phone.screenshot('events-04-rsvp-confirmed')
  await tapText('开启提醒')
  await visible('.reminder-opt-in__done').waitFor()
  expect(memberDoc('demo-shopper-b').subscriptions).toMatchObject({ eventReminder: 1 })

  await tapText('查看我的活动')
  await visible('.ticket-card').first().waitFor()
  expect((await visible('.ticket-card').filter({ hasText: SALON }).locator('.coupon-code__digits').innerText()).replace(/ /g, '')).toBe(
    ticketCode,
  )
  await phone.screenshot('events-05-my-events')
})

it('greys the VIP event for a plain member, waitlists them on a full one, and promotes them when a seat frees', async () => {
  // Shopper A joins (through the API: the join page has its own test), and a one-seat workshop that B holds.
  await call('demo-shopper-a', 'member', 'join', {
    name: '张敏',
    mobile: '13812348000',
    birthday: { month: 3, day: 8 },
    consent: { accepted: true, version: '2026-11-01' },
  })
  const tomorrow = businessTime(new Date()).add(1, 'day').startOf('day')
  const { event: workshop } = await call<{ event: { id: string } }>(DEMO_OPERATOR._id, 'event', 'create', {
    title: WORKSHOP,
    description: '',
    cover: '',
    storeId: DEMO_STORE._id,
    startsAt: tomorrow.add(14, 'hour').toISOString(),
    endsAt: tomorrow.add(16, 'hour').toISOString(),
    capacity: 1,
    tiers: ['member', 'vip', 'gold'],
    rsvpDeadline: tomorrow.add(12, 'hour').toISOString(),
    cancelDeadline: tomorrow.add(12, 'hour').toISOString(),
    attendancePoints: 30,
    maxGuests: 0,
    requestId: `e2e-workshop-${Date.now()}`,
  })
  await call('demo-shopper-b', 'event', 'rsvp', { eventId: workshop.id })

  await openAs('demo-shopper-a', '/pages/events/index')
  const salon = visible('.event-item').filter({ hasText: SALON })
  await salon.waitFor()
  expect(await salon.getAttribute('class')).toContain('event-item--ineligible')
  expect(await salon.locator('.event-item__button').innerText()).toBe('仅限VIP会员')
  // Not a dead end: what her spend still needs (she has bought nothing yet), and where the tiers are explained.
  expect(await salon.locator('.event-item__way-text').innerText()).toBe('再消费 ¥1,800，或单笔消费满 ¥500，即可成为VIP会员并报名')
  await salon.locator('.event-item__way').scrollIntoViewIfNeeded()
  await phone.screenshot('events-06a-vip-event-for-member')
  await visible('.event-item').filter({ hasText: WORKSHOP }).getByText('加入候补', { exact: true }).click()
  await page.getByText('已加入候补，您是下一位').waitFor()
  await visible('.reminder-opt-in').waitFor()
  await phone.screenshot('events-06-rsvp-waitlisted')
  await tapText('开启提醒')
  await visible('.reminder-opt-in__done').waitFor()
  expect(memberDoc('demo-shopper-a').subscriptions).toMatchObject({ eventReminder: 1, waitlistPromoted: 1 })
  await tapText('返回活动列表')
  await visible('.event-item__mine').waitFor()
  await phone.screenshot('events-07-list-member')

  // B gives the workshop seat up, confirming first; A is promoted and messaged.
  await openAs('demo-shopper-b', '/pages/events/index')
  await visible('.event-item').filter({ hasText: WORKSHOP }).getByText('取消报名', { exact: true }).click()
  await visible('.event-cancel').waitFor()
  await phone.screenshot('events-08-cancel-confirm')
  await tapText('确认取消')
  await page.getByText(`已取消「${WORKSHOP}」的报名`).waitFor()
  expect(rsvpsOf(workshop.id).find((r) => r.memberId === 'demo-shopper-a')).toMatchObject({ status: 'confirmed' })
  expect(cloud.openapi.outbox({ touser: 'demo-shopper-a' })).toEqual([
    expect.objectContaining({ page: 'pages/events/index', status: 'sent' }),
  ])
})

it('checks the VIP in at the door once, and their card shows the attendance points', async () => {
  const before = memberDoc('demo-shopper-b').pointsBalance
  await openAs('demo-assistant-1', '/staff/index/index')
  await visible('.staff-actions').waitFor()
  await tapText('活动签到')
  await visible('.store-event').filter({ hasText: SALON }).waitFor()
  await phone.screenshot('events-09-staff-events')
  await visible('.store-event').filter({ hasText: SALON }).click()
  await visible('.guest-row').first().waitFor()
  expect(await text('.guest-list__counts')).toBe('已到 0/2 人 · 剩余名额 10')

  await field('10 位票码').fill(ticketCode)
  await tapText('签到')
  await visible('.door-result--in').waitFor()
  expect(await text('.door-result__name')).toBe('李娜')
  expect(await text('.door-result__seats')).toBe('2 人（含 1 位同伴）')
  expect(await text('.door-result__points')).toBe(`+${ATTENDANCE_POINTS} 积分`)
  // The guest's row in its checked-in state (a row still waiting says 未签到, which also ends in 签到).
  await visible('.guest-row--in').waitFor()
  expect(await text('.guest-list__counts')).toBe('已到 2/2 人 · 剩余名额 10')
  await phone.screenshot('events-10-door-checked-in')
  const firstAt = rsvpsOf(salonId).find((r) => r.memberId === 'demo-shopper-b')!.checkedInAt!

  // The guest shows the code again: told when, no second award.
  await field('10 位票码').fill(ticketCode)
  await tapText('签到')
  await visible('.door-result--again').waitFor()
  expect(await text('.door-result__again')).toBe(`已于 ${businessTime(firstAt).format('HH:mm')} 签到`)
  await phone.screenshot('events-11-door-repeat')
  expect(memberDoc('demo-shopper-b').pointsBalance).toBe(before + ATTENDANCE_POINTS)

  await openAs('demo-shopper-b', '/pages/card/index')
  // The card opens on the copy it kept (offline first), then shows the fresh one: wait for the award to appear.
  await visible('.member-card__points')
    .filter({ hasText: (before + ATTENDANCE_POINTS).toLocaleString('en-US') })
    .waitFor()
  // Checked in: the salon moves to 已参加 at once (the event is still on), with its points; no ticket is left for it.
  await openAs('demo-shopper-b', '/pages/tickets/index')
  const attended = visible('.attended-row').filter({ hasText: SALON })
  await attended.waitFor()
  expect(await attended.locator('.attended-row__points').innerText()).toBe(`+${ATTENDANCE_POINTS} 积分`)
  expect(await visible('.ticket-card').filter({ hasText: SALON }).count()).toBe(0)
  await phone.screenshot('events-12-my-events-checked-in')
})
