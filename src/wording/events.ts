/**
 * How member events read in Chinese, for the shopper's pages, the door screen and the operator alike. Pure
 * functions of the server's views (instants in business time), so they are tested without Taro.
 */
import type { EventView, RsvpView } from '../api/contract'
import type { EventPhase, RsvpStatus } from '../domain/events'
import { formatYuan } from '../domain/money'
import { TIER_NAMES, type TierId } from '../domain/program'
import type { TierProgress } from '../domain/tiers'
import { businessDate, businessTime, type Instant } from '../domain/time'
import { DATE_FORMATS, dateText } from './dates'
import { formatPoints } from './points'

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']

/** "12月5日 周六". */
export const eventDay = (at: Instant): string => {
  const t = businessTime(at)
  return `${t.format(DATE_FORMATS.nearDay)} ${WEEKDAYS[t.day()]}`
}

/** "12月4日 18:00": a deadline, as the server words its own refusals. */
export const eventMoment = (at: Instant): string => dateText(at, 'nearTime')

/** "12月5日 周六 14:00–17:00", or both days when it runs past midnight. */
export const eventWhen = (event: Pick<EventView, 'startsAt' | 'endsAt'>): string => {
  const start = businessTime(event.startsAt)
  const end = businessTime(event.endsAt)
  return businessDate(event.startsAt) === businessDate(event.endsAt)
    ? `${eventDay(event.startsAt)} ${start.format(DATE_FORMATS.clock)}–${end.format(DATE_FORMATS.clock)}`
    : `${eventDay(event.startsAt)} ${start.format(DATE_FORMATS.clock)} 至 ${eventDay(event.endsAt)} ${end.format(DATE_FORMATS.clock)}`
}

/** "剩余 12 个名额 · 共 30 个", or, once full, how many wait. */
export const seatsLine = (event: Pick<EventView, 'seatsLeft' | 'capacity' | 'waiting'>): string => {
  if (event.seatsLeft > 0 && event.waiting === 0)
    return `剩余 ${formatPoints(event.seatsLeft)} 个名额 · 共 ${formatPoints(event.capacity)} 个`
  return event.waiting > 0 ? `名额已满 · ${formatPoints(event.waiting)} 人候补中` : '名额已满 · 可加入候补'
}

/** "报名截止 12月4日 18:00 · 取消截止 12月4日 12:00". */
export const deadlinesLine = (event: Pick<EventView, 'rsvpDeadline' | 'cancelDeadline'>): string =>
  `报名截止 ${eventMoment(event.rsvpDeadline)} · 取消截止 ${eventMoment(event.cancelDeadline)}`

const TIER_ORDER: readonly TierId[] = ['member', 'vip', 'gold']

/**
 * Who may join, in the words a member understands: everyone, or "VIP会员" for VIP and gold (gold is the
 * permanent VIP), or the tiers by name for any other set.
 */
export const audienceText = (tiers: readonly TierId[]): string => {
  const named = TIER_ORDER.filter((t) => tiers.includes(t))
  if (named.length === TIER_ORDER.length) return '所有会员'
  const lowest = TIER_ORDER.indexOf(named[0])
  const fromLowestUp = named.length === TIER_ORDER.length - lowest
  return fromLowestUp ? TIER_NAMES[named[0]] : named.map((t) => TIER_NAMES[t]).join('、')
}

/** "仅限VIP会员": on an event this member may not join. */
export const onlyForText = (tiers: readonly TierId[]): string => `仅限${audienceText(tiers)}`

/** "签到得 50 积分 · 可带 1 位同伴": what attending gives and allows; null when nothing. */
export const perksLine = (event: Pick<EventView, 'attendancePoints' | 'maxGuests'>): string | null => {
  const parts = [
    event.attendancePoints > 0 ? `签到得 ${formatPoints(event.attendancePoints)} 积分` : null,
    event.maxGuests > 0 ? `可带 ${event.maxGuests} 位同伴` : null,
  ].filter(Boolean)
  return parts.length ? parts.join(' · ') : null
}

/** "1 人", "2 人（含 1 位同伴）": the seats one RSVP holds. */
export const seatsText = (seats: number): string => (seats > 1 ? `${seats} 人（含 ${seats - 1} 位同伴）` : '1 人')

/** The guests picker's choices: 仅本人, 带 1 位同伴, ... */
export const guestChoices = (maxGuests: number): string[] =>
  Array.from({ length: maxGuests + 1 }, (_, guests) => (guests === 0 ? '仅本人' : `带 ${guests} 位同伴`))

/** "已加入候补，前面还有 3 人", or that they are next. */
export const waitlistText = (ahead: number | null): string =>
  ahead === 0 ? '已加入候补，您是下一位' : `已加入候补，前面还有 ${formatPoints(ahead ?? 0)} 人`

/** "候补中 · 前面还有 3 人": a waiting RSVP's place, on the member's own pages. */
export const waitingLine = (ahead: number | null): string =>
  ahead === 0 ? '候补中 · 您是下一位' : `候补中 · 前面还有 ${formatPoints(ahead ?? 0)} 人`

/** "14:03": when a ticket was checked in, at the door's clock (business time). */
export const checkInTime = (at: Instant): string => dateText(at, 'clock')

/** "已于 14:03 签到". */
export const checkedInText = (at: Instant): string => `已于 ${checkInTime(at)} 签到`

/** "12345 67890": a ticket's 10 digits in two groups, to read aloud or type at the door. */
export const formatTicketCode = (code: string): string => code.replace(/^(\d{5})(\d{5})$/, '$1 $2')

/** What the shopper's own RSVP says on an event: 已报名, 候补中, 已签到. */
export const rsvpBadge = (rsvp: RsvpView): string | null => {
  if (rsvp.status === 'confirmed') return rsvp.checkedInAt ? '已签到' : '已报名'
  if (rsvp.status === 'waitlisted') return '候补中'
  return null
}

/**
 * On an event of a higher tier: what the member's own spend still needs (the tier progress the card shows), so the
 * greyed event says how to get in instead of only who may. Null when no purchase is the next step (a gold-only
 * event for a plain member: the handbook link explains the ladder).
 */
export const howToJoinText = (tiers: readonly TierId[], progress: TierProgress): string | null => {
  if (progress.tier === 'member' && tiers.includes('vip'))
    return `再消费 ${formatYuan(progress.cumulativeRemainingFen)}，或单笔消费满 ${formatYuan(progress.singlePurchaseFen)}，即可成为VIP会员并报名`
  if (progress.tier === 'vip' && tiers.includes('gold'))
    return `累计再消费 ${formatYuan(progress.goldRemainingFen)} 成为终身金卡会员，即可报名`
  return null
}

/** "上海静安嘉里中心店 · 上海市静安区南京西路1515号": where the event is. */
export const placeLine = (store: NonNullable<EventView['store']>): string =>
  store.address ? `${store.name} · ${store.address}` : store.name

/**
 * The phone calendar's entry for an event (wx.addPhoneCalendar: Unix seconds, the end as text as WeChat documents
 * it), reminded an hour before, at the store's address.
 */
export const calendarEntry = (event: Pick<EventView, 'title' | 'startsAt' | 'endsAt' | 'store'>) => ({
  title: event.title,
  startTime: Math.floor(Date.parse(event.startsAt) / 1000),
  endTime: String(Math.floor(Date.parse(event.endsAt) / 1000)),
  location: event.store ? placeLine(event.store).replace(' · ', ' ') : '',
  description: '会员活动：到场出示票券签到',
  alarm: true,
  alarmOffset: 3600,
})

/** Where an event stands, on the operators' table (domain eventPhase). */
export const EVENT_PHASE_NAMES: Record<EventPhase, string> = {
  upcoming: '未开始',
  running: '进行中',
  closed: '已停止报名',
  ended: '已结束',
}

/** An RSVP's status on the operators' guest list. */
export const RSVP_STATUS_NAMES: Record<RsvpStatus, string> = { confirmed: '已确认', waitlisted: '候补', cancelled: '已取消' }
