/**
 * Member events on Taro's H5 runtime: the upcoming list in business time (seats, tiers, deadlines; greyed
 * for a higher tier), one-tap RSVP with guests, the ticket or the place on the waitlist, the reminder consent
 * after it, cancelling (confirmed first, before the deadline), and "我的活动" with tickets and attended events.
 */
import { fireEvent, screen, waitFor } from '@testing-library/dom'
import type { CardView, EventView, RsvpView } from '../../src/api/contract'
import Taro from '@tarojs/taro'
import { DEFAULT_PROGRAM } from '../../src/domain/program'
import { tierProgress } from '../../src/domain/tiers'
import { setPhoneClock } from './support/clock'
import { fail, installFakeCloud, ok, type AnswerFor } from './support/fakeCloud'
import { EVENT_STORE, memberView, SERVER_TIME } from './support/fixtures'
import { currentRoute, openPage, textOf, visiblePage } from './support/harness'
import { tap } from './support/interact'
import { at } from '../support/clock'

const event = (overrides: Partial<EventView> = {}): EventView => ({
  id: 'ev-salon',
  title: '秋冬新品品鉴会',
  description: '设计师讲解新季面料与搭配',
  cover: '',
  coverUrl: '',
  store: EVENT_STORE,
  startsAt: at('2026-12-05T14:00:00'),
  endsAt: at('2026-12-05T17:00:00'),
  capacity: 30,
  seatsLeft: 12,
  waiting: 0,
  tiers: ['member', 'vip', 'gold'],
  eligible: true,
  rsvpDeadline: at('2026-12-04T18:00:00'),
  cancelDeadline: at('2026-12-04T12:00:00'),
  attendancePoints: 50,
  maxGuests: 0,
  status: 'open',
  myRsvp: null,
  ...overrides,
})

const rsvpView = (overrides: Partial<RsvpView> = {}): RsvpView => ({
  status: 'confirmed',
  seats: 1,
  ticketCode: '1234567897',
  ahead: null,
  confirmedAt: SERVER_TIME,
  checkedInAt: null,
  ...overrides,
})

const SALON = event()
const VIP_NIGHT = event({
  id: 'ev-vip',
  title: 'VIP 专场夜',
  tiers: ['vip', 'gold'],
  eligible: false,
  cover: 'cloud://prod-1a2b.7072-prod-1a2b-1250000000/images/events/vip-night.jpg',
  coverUrl: 'https://7072-prod-1a2b-1250000000.tcb.qcloud.la/images/events/vip-night.jpg?sign=x&t=1',
})
const FAMILY = event({ id: 'ev-family', title: '亲子手作课', maxGuests: 2, seatsLeft: 6, attendancePoints: 30 })
const FULL = event({ id: 'ev-full', title: '会员沙龙', seatsLeft: 0, waiting: 3 })

/** The caller's way to VIP, as the server answers it with the list. */
const PROGRESS = tierProgress(memberView(), DEFAULT_PROGRAM, SERVER_TIME)

const CARD: CardView = {
  member: memberView(),
  program: DEFAULT_PROGRAM,
  serverTime: SERVER_TIME,
  birthdayCoupon: null,
  subscribeTemplates: { birthdayCoupon: 'tmpl-birthday', eventReminder: 'tmpl-event', waitlistPromoted: 'tmpl-waitlist' },
}

type RsvpInput = { eventId: string; guests: number }
const itemOf = (title: string) =>
  Array.from(visiblePage().querySelectorAll<HTMLElement>('.event-item')).find(
    (el) => el.querySelector('.event-item__title')?.textContent === title,
  )!

const openEvents = async (
  events: EventView[],
  answers: { rsvp?: (input: RsvpInput) => AnswerFor<'event.rsvp'>; cancel?: () => AnswerFor<'event.cancel'> } = {},
) => {
  let shown = events
  const cloud = installFakeCloud({
    'event.list': () => ok({ events: shown, serverTime: SERVER_TIME, progress: PROGRESS }),
    'event.rsvp': (input) => {
      const answer = (answers.rsvp ?? (() => fail('INTERNAL', 'unused')))(input as RsvpInput)
      if (!(answer instanceof Error) && answer.ok) {
        const joined = (answer.data as { event: EventView }).event
        shown = shown.map((e) => (e.id === joined.id ? joined : e))
      }
      return answer
    },
    'event.cancel': () => {
      const answer = (answers.cancel ?? (() => fail('INTERNAL', 'unused')))()
      if (!(answer instanceof Error) && answer.ok) {
        const left = (answer.data as { event: EventView }).event
        shown = shown.map((e) => (e.id === left.id ? left : e))
      }
      return answer
    },
    'member.getCard': () => ok(CARD),
    'member.recordSubscription': () => ok({ remaining: 1 }),
    'event.mine': () => ok({ upcoming: [], attended: [] }),
  })
  await openPage('/pages/events/index')
  await screen.findByText(events[0]?.title ?? '暂无即将举办的活动，敬请期待')
  return {
    calls: cloud.calls,
    rsvps: () => cloud.calls.filter((c) => c.action === 'rsvp').map((c) => c.input as RsvpInput),
    consents: () => cloud.calls.filter((c) => c.action === 'recordSubscription').map((c) => c.input),
  }
}

// The phone's clock decides which deadlines have passed (the server decides again): 23 November 2026.
beforeAll(() => setPhoneClock(SERVER_TIME))

describe('the events list', () => {
  it('shows each event in business time with its store, seats, tiers, perks and deadlines', async () => {
    await openEvents([SALON, FAMILY])
    const salon = itemOf('秋冬新品品鉴会')
    expect(salon.querySelector('.event-item__when')!.textContent).toBe('12月5日 周六 14:00–17:00')
    expect(salon.querySelector('.event-place__line')!.textContent).toBe(
      '上海静安嘉里中心店 · 上海市静安区南京西路1515号 嘉里中心南区 L2-12',
    )
    expect(salon.querySelector('.event-item__tag')!.textContent).toBe('所有会员')
    expect(salon.querySelector('.event-item__perks')!.textContent).toBe('签到得 50 积分')
    expect(salon.querySelector('.event-item__seats')!.textContent).toBe('剩余 12 个名额 · 共 30 个')
    expect(salon.querySelector('.event-item__deadlines')!.textContent).toBe('报名截止 12月4日 18:00 · 取消截止 12月4日 12:00')
    expect(salon.querySelector('.event-item__button')!.textContent).toBe('报名')
    expect(itemOf('亲子手作课').querySelector('.event-item__perks')!.textContent).toBe('签到得 30 积分 · 可带 2 位同伴')
  })

  it('greys an event for higher tiers and says who it is for, with no way to RSVP', async () => {
    const { rsvps } = await openEvents([VIP_NIGHT])
    const vip = itemOf('VIP 专场夜')
    expect(vip.className).toContain('event-item--ineligible')
    expect(vip.querySelector('.event-item__cover')).not.toBeNull()
    expect(vip.querySelector('.event-item__tag')!.textContent).toBe('VIP会员')
    const button = vip.querySelector('.event-item__button')!
    expect(button.textContent).toBe('仅限VIP会员')
    expect(button.className).toContain('event-item__button--off')
    fireEvent.click(button)
    expect(rsvps()).toHaveLength(0)
  })

  it('tells a member what spend makes them VIP, from their own progress, and where the tiers are explained', async () => {
    expect(PROGRESS.tier).toBe('member')
    if (PROGRESS.tier !== 'member') return
    await openEvents([VIP_NIGHT])
    const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en-US')}`
    expect(itemOf('VIP 专场夜').querySelector('.event-item__way-text')!.textContent).toBe(
      `再消费 ${yuan(PROGRESS.cumulativeRemainingFen)}，或单笔消费满 ${yuan(PROGRESS.singlePurchaseFen)}，即可成为VIP会员并报名`,
    )
    const go = jest.spyOn(Taro, 'navigateTo').mockResolvedValue(undefined as never)
    try {
      tap('了解会员等级 ›')
      expect(go).toHaveBeenCalledWith({ url: '/me/handbook/index' })
    } finally {
      go.mockRestore()
    }
  })

  it('shows where the event is, opens it on WeChat’s map, and adds a held ticket to the phone calendar in WeChat', async () => {
    const map = jest.spyOn(Taro, 'openLocation').mockResolvedValue(undefined as never)
    const calendar = jest.spyOn(Taro, 'addPhoneCalendar').mockResolvedValue(undefined as never)
    try {
      await openEvents([SALON, { ...FAMILY, myRsvp: rsvpView() }])
      // The browser preview offers no calendar: Taro's stand-in reads WeChat's seconds as milliseconds.
      expect(itemOf('亲子手作课').textContent).not.toContain('添加到日历')
      fireEvent.click(Array.from(itemOf('秋冬新品品鉴会').querySelectorAll('.event-place__action')).find((a) => a.textContent === '导航')!)
      expect(map).toHaveBeenCalledWith({
        latitude: 31.2243,
        longitude: 121.4457,
        name: '上海静安嘉里中心店',
        address: '上海市静安区南京西路1515号 嘉里中心南区 L2-12',
        scale: 17,
      })

      process.env.TARO_ENV = 'weapp'
      await openEvents([SALON, { ...FAMILY, myRsvp: rsvpView() }])
      // Only a ticket held goes to the calendar.
      expect(itemOf('秋冬新品品鉴会').textContent).not.toContain('添加到日历')
      fireEvent.click(
        Array.from(itemOf('亲子手作课').querySelectorAll('.event-place__action')).find((a) => a.textContent === '添加到日历')!,
      )
      expect(calendar).toHaveBeenCalledWith({
        title: '亲子手作课',
        startTime: Date.parse(FAMILY.startsAt) / 1000,
        endTime: String(Date.parse(FAMILY.endsAt) / 1000),
        location: '上海静安嘉里中心店 上海市静安区南京西路1515号 嘉里中心南区 L2-12',
        description: '会员活动：到场出示票券签到',
        alarm: true,
        alarmOffset: 3600,
      })
    } finally {
      process.env.TARO_ENV = 'h5'
      map.mockRestore()
      calendar.mockRestore()
    }
  })

  it('offers no 导航 for a store not placed on the map', async () => {
    await openEvents([{ ...SALON, store: { ...EVENT_STORE, location: null } }])
    expect(itemOf('秋冬新品品鉴会').querySelector('.event-place__action')).toBeNull()
    expect(itemOf('秋冬新品品鉴会').querySelector('.event-place__line')!.textContent).toContain('南京西路1515号')
  })

  it('offers the waitlist when the event is full, and closes RSVPs past their deadline', async () => {
    await openEvents([FULL, event({ id: 'ev-closed', title: '已截止的活动', rsvpDeadline: at('2026-11-22T18:00:00') })])
    expect(itemOf('会员沙龙').querySelector('.event-item__seats')!.textContent).toBe('名额已满 · 3 人候补中')
    expect(itemOf('会员沙龙').querySelector('.event-item__button')!.textContent).toBe('加入候补')
    expect(itemOf('已截止的活动').querySelector('.event-item__button')!.textContent).toBe('报名已截止')
  })

  it('is the card’s 会员活动, and leads to 我的活动', async () => {
    installFakeCloud({
      'member.getCard': () => ok(CARD),
      'event.list': () => ok({ events: [], serverTime: SERVER_TIME, progress: PROGRESS }),
      'event.mine': () => ok({ upcoming: [], attended: [] }),
    })
    await openPage('/pages/card/index')
    fireEvent.click(await screen.findByText('会员活动'))
    await waitFor(() => expect(currentRoute()).toBe('/pages/events/index'))
    await screen.findByText('暂无即将举办的活动，敬请期待')
    tap('我的活动 ›')
    await waitFor(() => expect(currentRoute()).toBe('/pages/tickets/index'))
    await screen.findByText('还没有报名的活动')
  })
})

describe('RSVP', () => {
  it('confirms in one tap, shows the ticket as QR and digits, and asks for the reminder consent', async () => {
    const { rsvps, consents } = await openEvents([SALON], {
      rsvp: () => ok({ event: { ...SALON, seatsLeft: 11, myRsvp: rsvpView() }, replayed: false }),
    })
    tap('报名')
    await screen.findByText('报名成功')
    expect(rsvps()).toEqual([{ eventId: 'ev-salon', guests: 0 }])
    expect(textOf('.rsvp-result__line')).toBe('12月5日 周六 14:00–17:00 · 上海静安嘉里中心店')
    expect(visiblePage().querySelector('.coupon-code__qr')?.getAttribute('src')).toMatch(/^data:image\/gif;base64,/)
    expect(textOf('.coupon-code__digits')).toBe('12345 67897')
    expect(textOf('.rsvp-result__hint')).toBe('1 人 · 到场时出示此码，导购扫码签到')

    await screen.findByText('活动提醒')
    tap('开启提醒')
    await screen.findByText('已开启：活动前一天微信提醒您')
    expect(consents()).toEqual([{ template: 'eventReminder', accepted: true }])

    tap('返回活动列表')
    await waitFor(() => expect(itemOf('秋冬新品品鉴会').querySelector('.event-item__badge')?.textContent).toBe('已报名'))
    expect(itemOf('秋冬新品品鉴会').querySelector('.event-item__button')!.textContent).toBe('查看票券')
  })

  it('brings the guests chosen, when the event allows them', async () => {
    const { rsvps } = await openEvents([FAMILY], {
      rsvp: (input) => ok({ event: { ...FAMILY, seatsLeft: 3, myRsvp: rsvpView({ seats: 1 + input.guests }) }, replayed: false }),
    })
    const picker = itemOf('亲子手作课').querySelector('taro-picker-core')!
    expect(itemOf('亲子手作课').querySelector('.event-item__guests')!.textContent).toBe('仅本人 ▾')
    picker.dispatchEvent(new CustomEvent('change', { detail: { value: 2 } }))
    await waitFor(() => expect(itemOf('亲子手作课').querySelector('.event-item__guests')!.textContent).toBe('带 2 位同伴 ▾'))
    tap('报名')
    await screen.findByText('报名成功')
    expect(rsvps()).toEqual([{ eventId: 'ev-family', guests: 2 }])
    expect(textOf('.rsvp-result__hint')).toBe('3 人（含 2 位同伴） · 到场时出示此码，导购扫码签到')
  })

  it('puts a full event’s RSVP on the waitlist, says how many are ahead, and asks for both messages', async () => {
    const { consents } = await openEvents([FULL], {
      rsvp: () =>
        ok({
          event: { ...FULL, waiting: 4, myRsvp: rsvpView({ status: 'waitlisted', ticketCode: null, ahead: 3, confirmedAt: null }) },
          replayed: false,
        }),
    })
    tap('加入候补')
    await screen.findByText('已加入候补，前面还有 3 人')
    expect(visiblePage().querySelector('.coupon-code')).toBeNull()
    await screen.findByText('候补与活动提醒')
    tap('开启提醒')
    await screen.findByText('已开启：候补成功与活动前一天微信通知您')
    expect(consents()).toEqual([
      { template: 'eventReminder', accepted: true },
      { template: 'waitlistPromoted', accepted: true },
    ])
    tap('返回活动列表')
    await waitFor(() => expect(itemOf('会员沙龙').querySelector('.event-item__mine')?.textContent).toBe('候补中 · 前面还有 3 人'))
    expect(itemOf('会员沙龙').querySelector('.event-item__badge')!.textContent).toBe('候补中')
    expect(itemOf('会员沙龙').querySelector('.event-item__cancel')!.textContent).toBe('取消候补')
    fireEvent.click(itemOf('会员沙龙').querySelector('.event-item__button')!)
    await waitFor(() => expect(currentRoute()).toBe('/pages/tickets/index'))
    await screen.findByText('还没有报名的活动')
  })

  it('shows the server’s refusal under the event', async () => {
    await openEvents([SALON], { rsvp: () => fail('RSVP_DEADLINE_PASSED', '报名已截止') })
    tap('报名')
    await waitFor(() => expect(itemOf('秋冬新品品鉴会').querySelector('.event-item__error')?.textContent).toBe('报名已截止'))
    expect(screen.queryByText('报名成功')).toBeNull()
  })
})

describe('cancelling', () => {
  const HELD = event({ myRsvp: rsvpView({ seats: 2 }), maxGuests: 1, seatsLeft: 10 })

  it('asks first, cancels, and says so on the list', async () => {
    const { calls } = await openEvents([HELD], {
      cancel: () => ok({ event: { ...HELD, seatsLeft: 12, myRsvp: rsvpView({ status: 'cancelled', ticketCode: null }) } }),
    })
    tap('取消报名')
    await screen.findByText('取消报名前请确认')
    expect(textOf('.event-cancel')).toContain('取消后您的 2 个名额将按顺序让给候补会员')
    expect(calls.filter((c) => c.action === 'cancel')).toHaveLength(0)
    tap('不取消了')
    await screen.findByText('取消报名')
    tap('取消报名')
    await screen.findByText('确认取消')
    tap('确认取消')
    await screen.findByText('已取消「秋冬新品品鉴会」的报名')
    expect(calls.filter((c) => c.action === 'cancel').map((c) => c.input)).toEqual([{ eventId: 'ev-salon' }])
    await waitFor(() => expect(itemOf('秋冬新品品鉴会').querySelector('.event-item__button')!.textContent).toBe('报名'))
  })

  it('offers no cancelling past the deadline', async () => {
    await openEvents([{ ...HELD, cancelDeadline: at('2026-11-22T12:00:00') }])
    expect(itemOf('秋冬新品品鉴会').querySelector('.event-item__cancel')).toBeNull()
    expect(itemOf('秋冬新品品鉴会').querySelector('.event-item__note')!.textContent).toBe('已过取消截止时间')
  })

  it('goes back to the list with the server’s refusal', async () => {
    await openEvents([HELD], { cancel: () => fail('CANCEL_DEADLINE_PASSED', '已过取消截止时间，如需取消请联系门店') })
    tap('取消报名')
    await screen.findByText('确认取消')
    tap('确认取消')
    await screen.findByText('已过取消截止时间，如需取消请联系门店')
    expect(visiblePage().querySelector('.event-item')).not.toBeNull()
  })
})

describe('我的活动', () => {
  const openTickets = async (mine: { upcoming: EventView[]; attended: EventView[] }) => {
    installFakeCloud({
      'event.mine': () => ok(mine),
      'event.list': () => ok({ events: [], serverTime: SERVER_TIME, progress: PROGRESS }),
    })
    await openPage('/pages/tickets/index')
    await screen.findByText('即将参加')
  }
  const cardOf = (title: string) =>
    Array.from(visiblePage().querySelectorAll<HTMLElement>('.ticket-card')).find(
      (el) => el.querySelector('.ticket-card__title')?.textContent === title,
    )!

  it('shows each upcoming ticket with its code, a waiting place, and the events attended with their points', async () => {
    await openTickets({
      upcoming: [
        { ...SALON, myRsvp: rsvpView({ seats: 2 }) },
        { ...FULL, myRsvp: rsvpView({ status: 'waitlisted', ticketCode: null, ahead: 2, confirmedAt: null }) },
      ],
      attended: [
        event({
          id: 'ev-old',
          title: '夏季新品发布',
          startsAt: at('2026-08-15T14:00:00'),
          endsAt: at('2026-08-15T16:00:00'),
          myRsvp: rsvpView({ checkedInAt: at('2026-08-15T14:03:00') }),
        }),
        // Ended with the ticket unused: past, but not attended.
        event({
          id: 'ev-missed',
          title: '夏末沙龙',
          startsAt: at('2026-08-01T14:00:00'),
          endsAt: at('2026-08-01T16:00:00'),
          myRsvp: rsvpView(),
        }),
      ],
    })
    const salon = cardOf('秋冬新品品鉴会')
    expect(salon.querySelector('.ticket-card__badge')!.textContent).toBe('已报名')
    expect(salon.querySelector('.coupon-code__digits')!.textContent).toBe('12345 67897')
    expect(salon.querySelector('.ticket-card__hint')!.textContent).toBe('2 人（含 1 位同伴） · 到场时出示此码，导购扫码签到')
    const waiting = cardOf('会员沙龙')
    expect(waiting.querySelector('.coupon-code')).toBeNull()
    expect(waiting.querySelector('.ticket-card__waiting')!.textContent).toBe('候补中 · 前面还有 2 人')
    expect(Array.from(visiblePage().querySelectorAll('.attended-row'), (r) => r.textContent)).toEqual([
      '夏季新品发布8月15日 周六 · 上海静安嘉里中心店+50 积分',
      '夏末沙龙8月1日 周六 · 上海静安嘉里中心店未签到',
    ])
    expect(visiblePage().querySelector('.attended-row__points--missed')!.textContent).toBe('未签到')
    // Where each ticket's event is, with the map.
    expect(salon.querySelector('.event-place__line')!.textContent).toBe(
      '上海静安嘉里中心店 · 上海市静安区南京西路1515号 嘉里中心南区 L2-12',
    )
    expect(Array.from(salon.querySelectorAll('.event-place__action'), (a) => a.textContent)).toEqual(['导航'])
  })

  it('says when a ticket was checked in, its code dimmed', async () => {
    await openTickets({ upcoming: [{ ...SALON, myRsvp: rsvpView({ checkedInAt: at('2026-12-05T14:03:00') }) }], attended: [] })
    expect(textOf('.ticket-card__badge')).toBe('已签到')
    expect(textOf('.ticket-card__hint')).toBe('已于 14:03 签到 · 1 人')
    expect(visiblePage().querySelector('.coupon-code--dimmed')).not.toBeNull()
    expect(textOf('.tickets-page__empty-title')).toBe('到场签到后的活动会显示在这里')
  })
})
