/**
 * A shop as the brand's operators set it up: its id code, its phone, its place on the map and its opening hours.
 * The rules the desk's store form and the `setup.saveStore` action both check, and the opening hours' words and
 * "open now?" that the shopper's store page and the staff read.
 */
import { businessTime, type Instant } from './time'

/** The id an operator picks for a new store, printed in its QR's scene: city letters and a number, e.g. BJ001. */
export const STORE_ID_PATTERN = /^[A-Z]{2,4}\d{2,4}$/
export const STORE_ID_RULE = '门店编号为 2–4 个大写字母加 2–4 位数字，例如 BJ001'

/**
 * A shop's phone: a landline with its area code (010-8888-6666, 0755 8888 6666, an extension after "转"), a mobile
 * (13812345678) or a 400/800 service number. Spaces and hyphens between digit groups are kept as typed.
 */
export const storePhoneProblem = (phone: string): string | null => {
  const [main, extension, ...more] = phone.trim().split('转')
  if (more.length || !/^[0-9][0-9 -]*[0-9]$/.test(main)) return '电话只能包含数字、空格和连字符（分机写在“转”之后）'
  const digits = main.replace(/[ -]/g, '')
  const isMobile = /^1[3-9]\d{9}$/.test(digits)
  const isService = /^[48]00\d{7}$/.test(digits)
  // Area codes are 3 (010, 02x) or 4 digits with the 0, numbers 7 or 8 digits.
  const isLandline = /^0[1-9]\d{8,10}$/.test(digits)
  if (!isMobile && !isService && !isLandline) return '请填写带区号的座机（如 010-8888-6666）、手机号或 400 电话'
  if (extension !== undefined && !/^\d{1,6}$/.test(extension)) return '分机号应为 1–6 位数字'
  return null
}

/**
 * A map point in GCJ-02, the coordinates WeChat's map and Taro.openLocation use (a point from a GPS reading,
 * WGS-84, lies a few hundred metres off in China). GCJ-02 is defined for mainland China only, so the point must
 * lie within China's bounds.
 */
export interface MapPoint {
  latitude: number
  longitude: number
}

export const CHINA_BOUNDS = { latitude: [3.86, 53.56], longitude: [73.66, 135.06] } as const

export const mapPointProblems = (p: MapPoint): { field: 'latitude' | 'longitude'; message: string }[] => {
  const problems: { field: 'latitude' | 'longitude'; message: string }[] = []
  const [latMin, latMax] = CHINA_BOUNDS.latitude
  const [lngMin, lngMax] = CHINA_BOUNDS.longitude
  if (!(p.latitude >= latMin && p.latitude <= latMax))
    problems.push({ field: 'latitude', message: `纬度应在 ${latMin}–${latMax} 之间（中国境内）` })
  if (!(p.longitude >= lngMin && p.longitude <= lngMax))
    problems.push({ field: 'longitude', message: `经度应在 ${lngMin}–${lngMax} 之间（中国境内）` })
  return problems
}

/** Monday first, as Chinese shop signs write the week. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
export type Weekday = (typeof WEEKDAYS)[number]
export const WEEKDAY_WORDS: Record<Weekday, string> = {
  mon: '周一',
  tue: '周二',
  wed: '周三',
  thu: '周四',
  fri: '周五',
  sat: '周六',
  sun: '周日',
}

/** One day's hours, "HH:mm" in business time (Asia/Shanghai); `closes` may be "24:00". */
export interface DayHours {
  opens: string
  closes: string
}

/** A store's week: each day its hours, or null when the store is closed that day. */
export type WeeklyHours = Record<Weekday, DayHours | null>

const TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/
const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

/** Each bad day, by field (`hours.fri`): a time that is not HH:mm, or closing no later than opening. */
export const weeklyHoursProblems = (hours: WeeklyHours): { field: string; message: string }[] =>
  WEEKDAYS.flatMap((day) => {
    const h = hours[day]
    if (h === null) return []
    const field = `hours.${day}`
    if (!TIME.test(h.opens) || h.opens === '24:00') return [{ field, message: `${WEEKDAY_WORDS[day]}开门时间应为 HH:mm（如 10:00）` }]
    if (!TIME.test(h.closes)) return [{ field, message: `${WEEKDAY_WORDS[day]}打烊时间应为 HH:mm（如 22:00）` }]
    if (minutesOf(h.closes) <= minutesOf(h.opens)) return [{ field, message: `${WEEKDAY_WORDS[day]}打烊时间应晚于开门时间` }]
    return []
  })

const dayWords = (h: DayHours | null) => (h ? `${h.opens}–${h.closes}` : '休息')

/** Runs of days in the week, as a sign writes them: "周一至周四", "周五、周六", "周日". */
const runWords = (days: Weekday[]): string => {
  if (days.length === 1) return WEEKDAY_WORDS[days[0]]
  if (days.length === 2) return `${WEEKDAY_WORDS[days[0]]}、${WEEKDAY_WORDS[days[1]]}`
  return `${WEEKDAY_WORDS[days[0]]}至${WEEKDAY_WORDS[days[days.length - 1]]}`
}

/**
 * The hours in words, as `openingHours` has always held them for the shopper's store page: "10:00–22:00" when
 * every day is the same, else runs of consecutive days with the same hours, e.g.
 * "周一至周四 10:00–22:00；周五、周六 10:00–22:30；周日 休息".
 */
export const openingHoursText = (hours: WeeklyHours): string => {
  const runs: { days: Weekday[]; words: string }[] = []
  for (const day of WEEKDAYS) {
    const words = dayWords(hours[day])
    const last = runs[runs.length - 1]
    if (last && last.words === words) last.days.push(day)
    else runs.push({ days: [day], words })
  }
  if (runs.length === 1) return runs[0].words === '休息' ? '暂停营业' : runs[0].words
  return runs.map((r) => `${runWords(r.days)} ${r.words}`).join('；')
}

/** Whether the store is open at an instant (business time): the check behind "营业中" and a till out of hours. */
export const isOpenAt = (hours: WeeklyHours, at: Instant): boolean => {
  const t = businessTime(at)
  // dayjs counts Sunday as 0.
  const day = WEEKDAYS[(t.day() + 6) % 7]
  const h = hours[day]
  if (!h) return false
  const minute = t.hour() * 60 + t.minute()
  return minute >= minutesOf(h.opens) && minute < minutesOf(h.closes)
}
