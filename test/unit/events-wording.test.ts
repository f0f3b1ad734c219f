/** Member events in words: business-time dates, who may join, seats, the waitlist and the door's times. */
import {
  audienceText,
  calendarEntry,
  howToJoinText,
  placeLine,
  eventWhen,
  formatTicketCode,
  onlyForText,
  perksLine,
  seatsLine,
  seatsText,
  waitingLine,
  waitlistText,
} from '../../src/wording/events'
import { at } from '../support/clock'

describe('events in words', () => {
  it('dates an event in Shanghai time, both days when it runs past midnight', () => {
    // 06:00 UTC is already 14:00 in Shanghai: never the phone's zone.
    expect(eventWhen({ startsAt: '2026-12-05T06:00:00.000Z', endsAt: '2026-12-05T09:00:00.000Z' })).toBe('12月5日 周六 14:00–17:00')
    expect(eventWhen({ startsAt: at('2026-12-31T20:00:00'), endsAt: at('2027-01-01T01:00:00') })).toBe(
      '12月31日 周四 20:00 至 1月1日 周五 01:00',
    )
  })

  it('shows a Shanghai time that does not exist on the phone’s clock, as on a phone in Los Angeles on 8 March', () => {
    // 02:30 on 8 March in Shanghai is 10:30 on 7 March in Los Angeles; its clocks skip 02:00–03:00 on the 8th.
    expect(eventWhen({ startsAt: at('2026-03-08T02:30:00'), endsAt: at('2026-03-08T05:00:00') })).toBe('3月8日 周日 02:30–05:00')
  })

  it('names who may join: everyone, VIPs (gold included), or the tiers by name', () => {
    expect(audienceText(['member', 'vip', 'gold'])).toBe('所有会员')
    expect(audienceText(['gold', 'vip'])).toBe('VIP会员')
    expect(audienceText(['gold'])).toBe('金卡会员')
    expect(audienceText(['member', 'gold'])).toBe('普通会员、金卡会员')
    expect(onlyForText(['vip', 'gold'])).toBe('仅限VIP会员')
  })

  it('counts seats, then the waitlist once full', () => {
    expect(seatsLine({ seatsLeft: 1, capacity: 1_200, waiting: 0 })).toBe('剩余 1 个名额 · 共 1,200 个')
    expect(seatsLine({ seatsLeft: 0, capacity: 30, waiting: 0 })).toBe('名额已满 · 可加入候补')
    // Someone waiting takes a freed seat first: it reads as full.
    expect(seatsLine({ seatsLeft: 2, capacity: 30, waiting: 5 })).toBe('名额已满 · 5 人候补中')
    expect(seatsText(1)).toBe('1 人')
    expect(seatsText(3)).toBe('3 人（含 2 位同伴）')
  })

  it('says what attending gives, and nothing when it gives nothing', () => {
    expect(perksLine({ attendancePoints: 0, maxGuests: 0 })).toBeNull()
    expect(perksLine({ attendancePoints: 1_000, maxGuests: 1 })).toBe('签到得 1,000 积分 · 可带 1 位同伴')
  })

  it('tells a waiting member their place', () => {
    expect(waitlistText(3)).toBe('已加入候补，前面还有 3 人')
    expect(waitlistText(0)).toBe('已加入候补，您是下一位')
    expect(waitingLine(0)).toBe('候补中 · 您是下一位')
  })

  it('groups a ticket’s ten digits in two', () => {
    expect(formatTicketCode('1234567897')).toBe('12345 67897')
  })
})

describe('an event’s place, the calendar and the way to a higher tier', () => {
  const store = {
    id: 'SH001',
    name: '上海静安嘉里中心店',
    address: '上海市静安区南京西路1515号',
    phone: '',
    openingHours: '',
    location: null,
  }

  it('words the place, and an address-less store by its name alone', () => {
    expect(placeLine(store)).toBe('上海静安嘉里中心店 · 上海市静安区南京西路1515号')
    expect(placeLine({ ...store, address: '' })).toBe('上海静安嘉里中心店')
  })

  it('gives WeChat’s calendar the event in Unix seconds, reminded an hour before', () => {
    const entry = calendarEntry({ title: '品鉴会', startsAt: at('2026-12-05T14:00:00'), endsAt: at('2026-12-05T17:00:00'), store })
    expect(entry).toEqual({
      title: '品鉴会',
      startTime: Date.parse('2026-12-05T06:00:00Z') / 1000,
      endTime: String(Date.parse('2026-12-05T09:00:00Z') / 1000),
      location: '上海静安嘉里中心店 上海市静安区南京西路1515号',
      description: '会员活动：到场出示票券签到',
      alarm: true,
      alarmOffset: 3600,
    })
  })

  it('tells a member the spend to VIP, a VIP the spend to gold, and nothing when no purchase is the next step', () => {
    const member = { tier: 'member', cumulativeRemainingFen: 150_000, cumulativeTargetFen: 180_000, singlePurchaseFen: 50_000 } as const
    expect(howToJoinText(['vip', 'gold'], member)).toBe('再消费 ¥1,500，或单笔消费满 ¥500，即可成为VIP会员并报名')
    const vip = { tier: 'vip', vipUntil: at('2027-01-01T00:00:00'), renewal: null, goldRemainingFen: 320_000 } as const
    expect(howToJoinText(['gold'], vip)).toBe('累计再消费 ¥3,200 成为终身金卡会员，即可报名')
    expect(howToJoinText(['gold'], member)).toBeNull()
    expect(howToJoinText(['member'], vip)).toBeNull()
  })
})
