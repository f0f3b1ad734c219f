/**
 * Event check-in at the door on Taro's H5 runtime: the store's events behind "活动签到", the door screen's
 * answer to a ticket (first scan with the points, a repeat with the first time, an unknown ticket, a typo
 * caught before asking), and the guest list with who has arrived, refreshed.
 */
import { screen, waitFor } from '@testing-library/dom'
import type { CheckInResult, EventView, GuestView } from '../../src/api/contract'
import { fail, installFakeCloud, ok, type AnswerFor } from './support/fakeCloud'
import { EVENT_STORE, STAFF } from './support/fixtures'
import { currentRoute, openPage, textOf, visiblePage } from './support/harness'
import { errorOf, tap, typeInto } from './support/interact'
import { at } from '../support/clock'

const SALON: EventView = {
  id: 'ev-salon',
  title: '秋冬新品品鉴会',
  description: '',
  cover: '',
  coverUrl: '',
  store: EVENT_STORE,
  startsAt: at('2026-12-05T14:00:00'),
  endsAt: at('2026-12-05T17:00:00'),
  capacity: 30,
  seatsLeft: 2,
  waiting: 1,
  tiers: ['member', 'vip', 'gold'],
  eligible: true,
  rsvpDeadline: at('2026-12-04T18:00:00'),
  cancelDeadline: at('2026-12-04T12:00:00'),
  attendancePoints: 50,
  maxGuests: 1,
  status: 'open',
  myRsvp: null,
}

const guest = (overrides: Partial<GuestView>): GuestView => ({
  name: '李娜',
  memberNo: '20261123002',
  mobileMasked: '139****1234',
  seats: 2,
  status: 'confirmed',
  waitNo: null,
  checkedInAt: null,
  ...overrides,
})
const LI_NA = guest({})
const ZHANG = guest({ name: '张敏', memberNo: '20261123010', mobileMasked: '138****8000', seats: 1 })
const WAITING = guest({ name: '王芳', memberNo: '20261123028', mobileMasked: '137****5678', seats: 1, status: 'waitlisted', waitNo: 1 })

const TICKET = '1234567897'
const FIRST_SCAN = at('2026-12-05T14:03:00')

const checkIn = (overrides: Partial<CheckInResult> = {}): CheckInResult => ({
  already: false,
  checkedInAt: FIRST_SCAN,
  guest: { ...LI_NA, checkedInAt: FIRST_SCAN },
  event: { id: SALON.id, title: SALON.title },
  pointsCredited: 50,
  ...overrides,
})

const openDoor = async (answer: (ticketCode: string) => AnswerFor<'event.checkIn'>) => {
  let guests = [LI_NA, ZHANG, WAITING]
  const cloud = installFakeCloud({
    'staff.whoami': () => ok(STAFF),
    'event.guestList': () => ok({ event: SALON, guests }),
    'event.checkIn': (input) => {
      const result = answer((input as { ticketCode: string }).ticketCode)
      if (!(result instanceof Error) && result.ok) {
        const { checkedInAt } = result.data as CheckInResult
        guests = guests.map((g) => (g.memberNo === LI_NA.memberNo ? { ...g, checkedInAt } : g))
      }
      return result
    },
  })
  await openPage(`/staff/door/index?id=${SALON.id}`)
  await screen.findByText('签到名单')
  return {
    checkIns: () => cloud.calls.filter((c) => c.action === 'checkIn').map((c) => c.input),
    guestLists: () => cloud.calls.filter((c) => c.action === 'guestList').map((c) => c.input),
  }
}

const rowOf = (name: string) =>
  Array.from(visiblePage().querySelectorAll<HTMLElement>('.guest-row')).find(
    (el) => el.querySelector('.guest-row__name')?.textContent === name,
  )!

describe('the store’s events', () => {
  it('are behind 活动签到 on the staff home, each opening its door screen', async () => {
    installFakeCloud({
      'staff.whoami': () => ok(STAFF),
      'event.storeEvents': () => ok({ events: [SALON] }),
      'event.guestList': () => ok({ event: SALON, guests: [] }),
    })
    await openPage('/staff/index/index')
    tap(await screen.findByText('活动签到').then(() => '活动签到'))
    await waitFor(() => expect(currentRoute()).toBe('/staff/events/index'))
    await screen.findByText('秋冬新品品鉴会')
    expect(Array.from(visiblePage().querySelectorAll('.store-event__line'), (l) => l.textContent)).toEqual([
      '12月5日 周六 14:00–17:00',
      '已报名 28/30 人 · 候补 1 人 · 签到得 50 积分',
    ])
    tap('秋冬新品品鉴会')
    await waitFor(() => expect(currentRoute()).toBe('/staff/door/index'))
    await screen.findByText('还没有会员报名')
  })
})

describe('the door screen', () => {
  it('checks a ticket in: the name, the seats and the points, big; then the guest list shows the time', async () => {
    const { checkIns } = await openDoor(() => ok(checkIn()))
    expect(textOf('.door-event__when')).toBe('12月5日 周六 14:00–17:00')
    expect(textOf('.guest-list__counts')).toBe('已到 0/3 人 · 剩余名额 2 · 候补 1 人')
    expect(rowOf('李娜').querySelector('.guest-row__state')!.textContent).toBe('未签到')
    expect(rowOf('王芳').querySelector('.guest-row__state')!.textContent).toBe('候补 1')

    await typeInto('票码', TICKET)
    tap('签到')
    await screen.findByText('+50 积分')
    expect(checkIns()).toEqual([{ ticketCode: TICKET }])
    expect(textOf('.door-result--in .door-result__name')).toBe('李娜')
    expect(textOf('.door-result__seats')).toBe('2 人（含 1 位同伴）')
    expect(textOf('.door-result__line')).toBe('14:03 签到成功')
    await waitFor(() => expect(rowOf('李娜').querySelector('.guest-row__state')!.textContent).toBe('14:03 签到'))
    expect(textOf('.guest-list__counts')).toBe('已到 2/3 人 · 剩余名额 2 · 候补 1 人')
  })

  it('tells a repeat scan when the ticket was first checked in, with no points', async () => {
    await openDoor(() => ok(checkIn({ already: true, pointsCredited: 0 })))
    await typeInto('票码', TICKET)
    tap('签到')
    await screen.findByText('已于 14:03 签到')
    expect(visiblePage().querySelector('.door-result--again')).not.toBeNull()
    expect(textOf('.door-result__line')).toBe('重复扫码，未再加积分')
    expect(visiblePage().querySelector('.door-result__points')).toBeNull()
  })

  it('shows an unknown ticket refused, and names another event’s ticket', async () => {
    let scans = 0
    await openDoor(() =>
      ++scans === 1 ? fail('TICKET_NOT_FOUND', '票码无效，请核对') : ok(checkIn({ event: { id: 'ev-other', title: '亲子手作课' } })),
    )
    await typeInto('票码', TICKET)
    tap('签到')
    await screen.findByText('票码无效，请核对')
    expect(visiblePage().querySelector('.door-result--refused')).not.toBeNull()
    tap('签到')
    await screen.findByText('注意：该票属于本店另一场活动「亲子手作课」')
  })

  it('catches a mistyped ticket code before asking the server', async () => {
    const { checkIns } = await openDoor(() => ok(checkIn()))
    await typeInto('票码', '12345')
    tap('签到')
    await waitFor(() => expect(errorOf('票码')).toBe('票码应为 10 位数字'))
    await typeInto('票码', '1234567890')
    tap('签到')
    await waitFor(() => expect(errorOf('票码')).toBe('票码有误，请核对后重新输入'))
    expect(checkIns()).toEqual([])
  })

  it('refreshes the guest list on demand', async () => {
    const { guestLists } = await openDoor(() => ok(checkIn()))
    expect(guestLists()).toEqual([{ eventId: SALON.id }])
    tap('刷新')
    await waitFor(() => expect(guestLists()).toHaveLength(2))
    await screen.findByText('刷新')
  })
})
