/**
 * How the staff workbench reads in Chinese: customers' last visits and spend, the win-back and lapse lines,
 * callbacks, the customer card's lists. Pure functions of domain values and the server's clock.
 */
import type { CallbackEntry, CustomerView, TodayCounts } from '../api/contract'
import type { CustomerProfileView } from '../api/contract'
import type { Birthday, MessageKinds, ProfileEdit } from '../domain/member'
import { formatYuan } from '../domain/money'
import type { CallbackOutcome } from '../domain/staff'
import type { CustomerClass } from '../domain/segments'
import { businessTime, type Instant } from '../domain/time'
import { dateText, lastDayText } from './dates'

export type { CallbackOutcome }

export const OUTCOME_NAMES: Record<CallbackOutcome, string> = {
  reached: '已沟通',
  message: '已留言',
  noAnswer: '未接通',
  declined: '婉拒回访',
}

/** "A类": the handbook's grade, by spend and visits. */
export const classText = (c: CustomerClass): string => `${c}类`

/** Whole business days from `at` to `now` (yesterday evening to this morning is one). */
export const daysSince = (at: Instant, now: Instant): number =>
  businessTime(now).startOf('day').diff(businessTime(at).startOf('day'), 'day')

/** "11月27日". */
/** An imported member whose file gave no birthday has month 0 (domain/memberImport): 未登记. */
export const birthdayText = (b: Birthday): string => (b.month === 0 ? '未登记' : `${b.month}月${b.day}日`)

/** The mark on a member imported from the brand's records who has not opened the card yet. */
export const UNCLAIMED_MARK = '已导入，未开卡'

/** "上次消费 2026-11-04" or "尚未消费". */
export const lastPurchaseText = (c: Pick<CustomerView, 'lastPurchaseAt'>): string =>
  c.lastPurchaseAt ? `上次消费 ${dateText(c.lastPurchaseAt, 'day')}` : '尚未消费'

/** A row in the customer list: the last purchase and the total spend. */
export const customerLine = (c: Pick<CustomerView, 'lastPurchaseAt' | 'lifetimeSpendFen'>): string =>
  `${lastPurchaseText(c)} · 累计 ${formatYuan(c.lifetimeSpendFen)}`

/** "上次到店 2026-08-17 · 99 天未到店". */
export const notSeenText = (c: Pick<CustomerView, 'lastSeenAt'>, now: Instant): string =>
  `上次到店 ${dateText(c.lastSeenAt, 'day')} · ${daysSince(c.lastSeenAt, now)} 天未到店`

/** "VIP有效期至 2026-12-13 · 还剩 19 天". */
export const lapsingText = (c: Pick<CustomerView, 'vipUntil'>, now: Instant): string => {
  if (!c.vipUntil) return ''
  // The last covered day, counted from today: 0 when today is the last day.
  const left = businessTime(c.vipUntil).subtract(1, 'millisecond').startOf('day').diff(businessTime(now).startOf('day'), 'day')
  return `VIP有效期至 ${lastDayText(c.vipUntil)} · ${left <= 0 ? '今天到期' : `还剩 ${left} 天`}`
}

/** "生日 11月27日", with "今天" or "已过" against the server's day. */
export const birthdayLine = (c: Pick<CustomerView, 'birthday'>, now: Instant): string => {
  const today = businessTime(now)
  const when =
    c.birthday.day === today.date() && c.birthday.month === today.month() + 1
      ? '今天生日'
      : c.birthday.day < today.date()
        ? '本月已过'
        : null
  return `生日 ${birthdayText(c.birthday)}${when ? ` · ${when}` : ''}`
}

/** "今天应回访" or "应于 11-20 回访 · 已过 3 天". */
export const dueText = (c: Pick<CustomerView, 'nextCallbackAt'>, now: Instant): string => {
  if (!c.nextCallbackAt) return '未安排回访'
  const late = daysSince(c.nextCallbackAt, now)
  return late <= 0 ? '今天应回访' : `应于 ${dateText(c.nextCallbackAt, 'nearDay')} 回访 · 已过 ${late} 天`
}

/** "2026-11-24 15:20 · 王丽 · 已沟通". */
export const callbackHead = (entry: Pick<CallbackEntry, 'at' | 'staffName' | 'outcome'>): string =>
  `${dateText(entry.at, 'pastTime')} · ${entry.staffName} · ${OUTCOME_NAMES[entry.outcome]}`

/** "下次回访 2026-12-24", or null. */
export const nextCallbackText = (nextAt: Instant | null): string | null => (nextAt ? `下次回访 ${dateText(nextAt, 'day')}` : null)

/** "驼色、米白". */
export const tagsText = (tags: readonly string[] | undefined): string => (tags ?? []).join('、')

/** What staff type into a list row ("驼色、米白 雾蓝"): split at 、，, ; and spaces, blanks dropped. */
export const parseTags = (text: string): string[] =>
  text
    .split(/[、，,;；\s]+/)
    .map((t) => t.trim())
    .filter((t) => t !== '')

/** The customer card's rows as shown (not edited): only what is on file. */
const MESSAGE_WORDS: Record<keyof MessageKinds, string> = {
  newArrivals: '新品',
  events: '活动',
  birthday: '生日',
  pointsExpiry: '积分到期',
}

/** "新品、生日", "都不接收", or '' when never chosen. */
export const messagesText = (m: MessageKinds | undefined): string => {
  if (!m) return ''
  const wanted = (Object.keys(MESSAGE_WORDS) as (keyof MessageKinds)[]).filter((k) => m[k]).map((k) => MESSAGE_WORDS[k])
  return wanted.length ? wanted.join('、') : '都不接收'
}

/** Who changed a field last: "顾客本人 · 11月23日", "导购 王丽 · 11月23日". */
export const editText = (edit: ProfileEdit | undefined): string | undefined =>
  edit && `${edit.by === 'member' ? '顾客本人' : `导购 ${edit.name}`} · ${dateText(edit.at, 'nearDay')}`

/**
 * The customer card's rows for staff: sizes, colours and styles (kept by the customer and the staff alike,
 * each with who changed it last), the customer's own delivery address (its phone masked by the server) and
 * message choices, and the staff's notes. Empty rows are left out.
 */
export const profileRows = (p: CustomerProfileView): { label: string; value: string; source?: string }[] =>
  (
    [
      { label: '服装尺码', value: p.clothingSize ?? '', field: 'clothingSize' },
      { label: '鞋码', value: p.shoeSize ?? '', field: 'shoeSize' },
      { label: '童装尺码', value: (p.children ?? []).map((c) => `${c.name} ${c.size}`).join('、'), field: 'children' },
      { label: '喜欢的颜色', value: tagsText(p.colours), field: 'colours' },
      { label: '喜欢的风格', value: tagsText(p.styles), field: 'styles' },
      {
        label: '收货地址',
        value: p.deliveryAddress ? `${p.deliveryAddress.recipient} ${p.deliveryAddress.phoneMasked} ${p.deliveryAddress.address}` : '',
        field: 'deliveryAddress',
      },
      { label: '希望收到', value: messagesText(p.messages), field: 'messages' },
      { label: '备注', value: p.notes ?? '', field: 'notes' },
    ] as const
  )
    .filter((row) => row.value !== '')
    .map(({ label, value, field }) => {
      const source = editText(p.edits?.[field])
      return source ? { label, value, source } : { label, value }
    })

/** "2026-11" → "2026年11月". */
export const monthText = (month: string): string => {
  const [y, m] = month.split('-')
  return `${y}年${Number(m)}月`
}

/** "2026-11" and -1 → "2026-10"; across years too. */
export const shiftMonth = (month: string, by: number): string => {
  const [y, m] = month.split('-').map(Number)
  const index = y * 12 + (m - 1) + by
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}

/** The messages a shop assistant copies to send in WeChat (复制话术), in the order offered. */
export const MESSAGE_TEMPLATES = ['greeting', 'birthday', 'newArrivals', 'winBack'] as const
export type MessageTemplate = (typeof MESSAGE_TEMPLATES)[number]

export const TEMPLATE_NAMES: Record<MessageTemplate, string> = {
  greeting: '日常问候',
  birthday: '生日祝福',
  newArrivals: '新品到店',
  winBack: '好久不见',
}

/**
 * A message to copy, signed by the assistant and the store. No number, no link and no promise the program may not
 * keep (a coupon's value depends on the tier and the rules): it invites, the card and the store say the rest.
 */
export const templateText = (kind: MessageTemplate, who: { customerName: string; staffName: string; storeName: string }): string => {
  const hello = `${who.customerName}您好，我是${who.storeName}的导购${who.staffName}。`
  switch (kind) {
    case 'greeting':
      return `${hello}最近买的衣服穿着还合适吗？需要修改、熨烫或搭配建议，随时告诉我。`
    case 'birthday':
      return `${hello}祝您生日快乐！生日当月到店有会员专属礼遇，生日礼券可在会员卡中查看，期待为您挑选一份心意。`
    case 'newArrivals':
      return `${hello}新一季新品已经到店，我按您的尺码和喜好留意了几款，方便时欢迎来店试穿。`
    case 'winBack':
      return `${hello}好久没见到您了，店里上了不少新款，会员积分也可以兑换礼品，有空欢迎来店里坐坐。`
  }
}

/** Which message is offered first: birthday wishes in the customer's birthday month, else a greeting. */
export const suggestedTemplate = (c: Pick<CustomerView, 'birthday'>, now: Instant): MessageTemplate =>
  c.birthday.month === businessTime(now).month() + 1 ? 'birthday' : 'greeting'

/** "138 1234 5678": a revealed number in the groups people read aloud. */
export const spacedMobile = (mobile: string): string => mobile.replace(/^(\d{3})(\d{4})(\d{4})$/, '$1 $2 $3')

/** The home tile's figures, in the order of the lists on 今日与本月; `some` marks a list with anyone in it. */
export const todayTileCounts = (c: TodayCounts): { text: string; some: boolean }[] =>
  [
    { text: `本月生日 ${c.birthdays}`, n: c.birthdays },
    { text: `VIP将到期 ${c.lapsing}`, n: c.lapsing },
    { text: `久未到店 ${c.winBack}`, n: c.winBack },
    { text: `待回访 ${c.callbacksDue}`, n: c.callbacksDue },
  ].map(({ text, n }) => ({ text, some: n > 0 }))

/** "2026-12-07 15:20 · 王丽 查看了完整号码": one line of the phone-reveal audit. */
export const revealText = (r: { staffName: string; at: Instant }): string => `${dateText(r.at, 'pastTime')} · ${r.staffName} 查看了完整号码`
