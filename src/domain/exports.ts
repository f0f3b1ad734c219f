/**
 * What the operators' CSV exports hold, row by row: pure functions from documents (and the names looked up for
 * them) to cells. The cloud function pages through the collections and writes the lines; this decides what a
 * line says, so it is tested without a database.
 */
import type { CsvCell } from './csv'
import type { Actor, LedgerEntry, LedgerKind, LedgerSource } from './ledger'
import { type Member, maskMobile } from './member'
import { TIER_NAMES } from './program'
import { effectiveTier } from './tiers'
import { businessTime, lastCoveredBusinessDate, type Instant } from './time'

/** The longest ledger export: a year, leap day included. */
export const MAX_EXPORT_DAYS = 366

/** Names for the ids a row carries, loaded once per export. */
export interface ExportNames {
  /** storeId → store name */
  stores: ReadonlyMap<string, string>
  /** staffId → the assistant's name */
  staff: ReadonlyMap<string, string>
  /** operatorId → the operator's name */
  operators: ReadonlyMap<string, string>
}

export const MEMBER_COLUMNS = [
  '会员号',
  '姓名',
  '手机号',
  '等级',
  'VIP有效期至',
  '积分',
  '累计消费(元)',
  '门店',
  '导购',
  '入会时间',
  '生日月',
  '生日日',
] as const

export const LEDGER_COLUMNS = ['时间', '会员号', '类型', '积分', '变动后积分', '来源', '说明', '操作人'] as const

/**
 * An amount as yuan with exactly two decimals and no separators or currency sign, which a spreadsheet reads as a
 * number: 52050 fen → 520.50 (a float would print 520.5, and "¥1,280.00" would be text).
 */
export const yuanCell = (fen: number): CsvCell => {
  if (!Number.isInteger(fen)) throw new Error(`yuanCell: ${fen} is not whole fen`)
  const abs = Math.abs(fen)
  return { decimal: `${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}` }
}

/** "王丽（A01）", or the id alone when the assistant has left the staff list. */
const assistantCell = (staffId: string | null, names: ExportNames): string => {
  if (!staffId) return ''
  const name = names.staff.get(staffId)
  return name ? `${name}（${staffId}）` : staffId
}

/** The member fields a row reads: the export asks the database for these only. */
export const MEMBER_EXPORT_FIELDS = [
  'memberNo',
  'name',
  'mobile',
  'birthday',
  'storeId',
  'assistantId',
  'joinedAt',
  'pointsBalance',
  'tier',
  'vipUntil',
  'vipYearEnd',
  'vipYearSpendFen',
  'qualifyingSpendFen',
  'lifetimeSpendFen',
  'goldSince',
] as const

export type MemberExportFields = Pick<Member, (typeof MEMBER_EXPORT_FIELDS)[number]>

/** One member: the phone in full only for an operator allowed to export personal data. */
export const memberRow = (member: MemberExportFields, names: ExportNames, now: Instant, fullPhone: boolean): CsvCell[] => {
  const tier = effectiveTier(member, now)
  return [
    member.memberNo,
    member.name,
    fullPhone ? member.mobile : maskMobile(member.mobile),
    TIER_NAMES[tier],
    tier === 'vip' && member.vipUntil ? lastCoveredBusinessDate(member.vipUntil) : '',
    member.pointsBalance,
    yuanCell(member.lifetimeSpendFen),
    member.storeId ? (names.stores.get(member.storeId) ?? member.storeId) : '',
    assistantCell(member.assistantId, names),
    businessTime(member.joinedAt).format('YYYY-MM-DD HH:mm'),
    member.birthday.month,
    member.birthday.day,
  ]
}

export const LEDGER_KIND_WORDS: Record<LedgerKind, string> = {
  earn: '获得',
  redeem: '兑换',
  expire: '过期',
  reverse: '退货扣回',
  adjust: '人工调整',
}

const sourceWords = (source: LedgerSource, names: ExportNames): string => {
  const store = (id: string) => names.stores.get(id) ?? id
  switch (source.type) {
    case 'purchase':
      return `消费 · ${store(source.storeId)} · 订单 ${source.orderNo}`
    case 'refund':
      return `退货 · ${store(source.storeId)} · 订单 ${source.orderNo}`
    case 'redemption':
      return '积分兑换'
    case 'adjustment':
      return '运营调整'
    case 'expiry':
      return `积分到期（${lastCoveredBusinessDate(source.id)}）`
    case 'event':
      return `会员活动 ${source.eventId}`
    case 'referral':
      return '邀请好友奖励'
    case 'import':
      return `会员导入 ${source.id}`
    case 'claim':
      return `开卡转移 ${source.id}`
  }
}

const actorWords = (actor: Actor, names: ExportNames): string => {
  switch (actor.type) {
    case 'member':
      return '会员本人'
    case 'staff':
      return `导购 ${assistantCell(actor.id, names)}`
    case 'operator': {
      const name = names.operators.get(actor.id)
      return name ? `运营 ${name}（${actor.id}）` : `运营 ${actor.id}`
    }
    case 'job':
      return `定时任务 ${actor.id}`
  }
}

/** One ledger entry; `memberNo` looked up from the entry's member id ('' when the member is gone). */
export const ledgerRow = (entry: LedgerEntry, memberNo: string, names: ExportNames): CsvCell[] => [
  businessTime(entry.at).format('YYYY-MM-DD HH:mm:ss'),
  memberNo,
  LEDGER_KIND_WORDS[entry.kind],
  entry.points,
  entry.balanceAfter,
  sourceWords(entry.source, names),
  entry.reason,
  actorWords(entry.actor, names),
]

/** A business date "YYYY-MM-DD" that exists on the calendar (no 30 February). */
export const isBusinessDate = (text: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false
  const start = businessDayStart(text)
  return Number.isFinite(Date.parse(start)) && businessTime(start).format('YYYY-MM-DD') === text
}

/** The first instant of a business day (Asia/Shanghai midnight). */
export const businessDayStart = (date: string): Instant => {
  const ms = Date.parse(`${date}T00:00:00+08:00`)
  return Number.isFinite(ms) ? new Date(ms).toISOString() : 'Invalid Date'
}

/** Days from `from` to `to`, both included: 2026-11-01..2026-11-01 is 1. */
export const businessDaysIncluded = (from: string, to: string): number =>
  Math.round((Date.parse(businessDayStart(to)) - Date.parse(businessDayStart(from))) / 86_400_000) + 1

/**
 * Each business day of a range as [start, end) instants, oldest first: the ledger export reads a day at a time,
 * so that each query stays within one day's entries however long the range.
 */
export const businessDays = (from: string, to: string): { date: string; start: Instant; end: Instant }[] => {
  const days: { date: string; start: Instant; end: Instant }[] = []
  let day = businessTime(businessDayStart(from))
  const last = businessDayStart(to)
  while (day.toDate().toISOString() <= last) {
    const next = day.add(1, 'day')
    days.push({ date: day.format('YYYY-MM-DD'), start: day.toDate().toISOString(), end: next.toDate().toISOString() })
    day = next
  }
  return days
}

/** This month so far in business time, as export dates: what an operator most often exports. */
export const monthSoFar = (now: Instant): { from: string; to: string } => {
  const today = businessTime(now)
  return { from: today.startOf('month').format('YYYY-MM-DD'), to: today.format('YYYY-MM-DD') }
}
