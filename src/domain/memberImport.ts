/**
 * Importing a brand's existing members (顾客档案 kept in Excel): every row of the file checked, then each valid row
 * becomes an *unclaimed* member document — its own id (not an openid), the imported state, and its points as an
 * opening ledger entry with its expiry batch — until a shopper joins with the same WeChat-verified phone and the
 * record is transferred to them (claimImported).
 *
 * Pure: the file's cells come in already read (cloudfunctions/import/sheet.ts), the stores and assistants as
 * lookups, the clock as an argument.
 */
import type { LedgerEntry } from './ledger'
import {
  birthdayProblem,
  MOBILE_PATTERN,
  newMember,
  unnamedMemberName,
  type Birthday,
  type ImportedState,
  type Member,
  type NewMemberInput,
} from './member'
import { PLAIN_TEXT } from '../api/fields'
import { CSV_BOM, csvLine } from './csv'
import type { Fen } from './money'
import type { PointBatch } from './points'
import { EMPTY_POINTS } from './points'
import type { TierId } from './program'
import { businessTime, isBefore, type Instant } from './time'
import { INITIAL_TIER_STATE, type TierState } from './tiers'

/** The columns, by the Chinese header an operator's file carries (any order; other columns are ignored). */
export const IMPORT_COLUMNS = {
  name: '姓名',
  mobile: '手机号',
  birthday: '生日',
  tier: '等级',
  vipUntil: 'VIP有效期至',
  points: '积分',
  pointsExpireOn: '积分到期日',
  lifetimeSpend: '累计消费',
  store: '门店编号',
  assistant: '导购工号',
} as const
export type ImportField = keyof typeof IMPORT_COLUMNS
export type ImportColumn = (typeof IMPORT_COLUMNS)[ImportField]

/** Without these a row means nothing; the others may be left out of the file (their cells then count as empty). */
export const REQUIRED_COLUMNS: readonly ImportField[] = ['name', 'mobile']

/** The template's one example row (scripts/import and the desk offer the file). */
export const TEMPLATE_EXAMPLE: Record<ImportColumn, string> = {
  姓名: '张丽',
  手机号: '13800138000',
  生日: '1990-05-17',
  等级: 'VIP',
  VIP有效期至: '2027-06-30',
  积分: '1280',
  积分到期日: '2027-12-31',
  累计消费: '3560.50',
  门店编号: 'SH001',
  导购工号: 'A01',
}

/** The template file (the desk's download, `npm run import -- template`): UTF-8 with a BOM, so Excel reads it in Chinese. */
export const importTemplateCsv = (): string => {
  const header = Object.values(IMPORT_COLUMNS)
  return `${CSV_BOM}${csvLine(header)}${csvLine(header.map((h) => TEMPLATE_EXAMPLE[h]))}`
}

/** At most this many data rows in one file: the 100,000, with room. */
export const MAX_IMPORT_ROWS = 200_000
const NAME_MAX = 20
const POINTS_MAX = 100_000_000
const SPEND_MAX_FEN = 100_000_000_00

/** A cell as a spreadsheet reader gives it: text, a number (an Excel serial date too), a Date, a boolean, or empty. */
export type Cell = string | number | boolean | Date | null | undefined

/** One valid row, normalized: what an imported member is made of. */
export interface ImportRow extends ImportedState {
  /** The row's number in the file as Excel shows it (the header is row 1). */
  line: number
}

export interface RowError {
  line: number
  /** The column's Chinese header; '' for the whole row or the whole file. */
  column: ImportColumn | ''
  message: string
}

export interface ImportLookups {
  /** Store ids (门店编号) and whether each is open. */
  stores: ReadonlyMap<string, { active: boolean }>
  /** Staff by 工号 (staffId): their store and whether they still work there. */
  staff: ReadonlyMap<string, { storeId: string; active: boolean }>
}

export interface CheckedFile {
  rows: ImportRow[]
  errors: RowError[]
  /** Data rows in the file (blank rows not counted). */
  total: number
  /** Rows refused (each has at least one error). */
  refused: number
}

/** A file problem that stops the whole check (no header, a required column missing, too many rows). */
export class ImportFileProblem extends Error {
  override name = 'ImportFileProblem'
}

// -----------------------------------------------------------------------------------------------------------------
// Cells

const text = (cell: Cell): string => {
  if (cell === null || cell === undefined) return ''
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10)
  // A leading apostrophe is how a spreadsheet (and this product's own CSV export) keeps "0571…" or "=…" as text.
  return String(cell).trim().replace(/^'/, '')
}

const isBlank = (cell: Cell): boolean => text(cell) === ''

/** Header cells compared without spaces and case (" vip有效期至 " is VIP有效期至), full-width letters folded. */
const headerKey = (cell: Cell): string =>
  text(cell)
    .replace(/[\s\u3000]/g, '')
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toUpperCase()

/** Excel counts days from 1899-12-30 (its 1900 leap-year bug included); serials in this range are plausible dates. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30)
const DAY_MS = 86_400_000

interface CalendarDate {
  year: number
  month: number
  day: number
}

const validDate = (year: number, month: number, day: number): CalendarDate | null => {
  const d = new Date(Date.UTC(year, month - 1, day))
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day && year >= 1900 && year <= 2200
    ? { year, month, day }
    : null
}

/**
 * A date cell: a Date as the xlsx reader gives it (the wall date at UTC midnight), an Excel serial number (a date
 * cell without a date format), or text: 2024-05-17, 2024/5/17, 2024.5.17, 20240517, 2024年5月17日.
 */
export const parseDateCell = (cell: Cell): CalendarDate | null => {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return null
    return validDate(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate())
  }
  if (typeof cell === 'number') {
    if (!Number.isInteger(cell) || cell < 1 || cell > 120_000) return null
    const d = new Date(EXCEL_EPOCH_MS + cell * DAY_MS)
    return validDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())
  }
  const t = text(cell)
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t)
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]))
  // A serial typed as text ("45321"), as some exports write them.
  if (/^\d{5}$/.test(t)) return parseDateCell(Number(t))
  return null
}

/** A birthday cell: a whole date, or month and day only (05-17, 5/17, 5月17日), as shops often keep them. */
const parseBirthdayCell = (cell: Cell): Birthday | null => {
  const t = text(cell)
  const md = /^(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(t)
  if (md) {
    const month = Number(md[1])
    const day = Number(md[2])
    // 29 February is a valid birthday without a year (2000 is a leap year).
    return validDate(2000, month, day) ? { month, day } : null
  }
  const d = parseDateCell(cell)
  return d && { year: d.year, month: d.month, day: d.day }
}

/** The instant a business date ends (exclusive): the start of the next business day in Asia/Shanghai. */
export const endOfBusinessDate = (d: CalendarDate): Instant =>
  new Date(Date.UTC(d.year, d.month - 1, d.day + 1) - 8 * 3_600_000).toISOString()

/** 手机号: digits, spaces and dashes allowed, a leading +86 / 86 dropped; mainland mobiles only. */
export const normalizeMobile = (cell: Cell): string | null => {
  const t = (typeof cell === 'number' ? String(cell) : text(cell)).replace(/[\s\-()（）]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '')
  return MOBILE_PATTERN.test(t) ? t : null
}

/** Yuan with at most two decimals, as text or as a number cell, into fen without floating point. */
export const yuanCellToFen = (cell: Cell): Fen | null => {
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell) || cell < 0) return null
    const fen = Math.round(cell * 100)
    // 12.345 has a third decimal: refused rather than rounded (the operator should see the amount is off).
    if (Math.abs(fen - cell * 100) > 1e-6 * Math.max(1, Math.abs(cell))) return null
    return fen
  }
  const cleaned = text(cell)
    .replace(/[,，\s]/g, '')
    .replace(/^[¥￥]/, '')
    .replace(/元$/, '')
  const match = /^(\d{1,11})(?:\.(\d{0,2}))?$/.exec(cleaned)
  if (!match) return null
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'))
}

const integerCell = (cell: Cell): number | null => {
  if (typeof cell === 'number') return Number.isSafeInteger(cell) && cell >= 0 ? cell : null
  const t = text(cell).replace(/[,，\s]/g, '')
  return /^\d{1,12}$/.test(t) ? Number(t) : null
}

/** 等级 as the program names tiers (TIER_NAMES) and as shops write them; empty is a plain member. */
const TIER_ALIASES: Record<string, TierId> = {
  '': 'member',
  会员: 'member',
  普通会员: 'member',
  普通: 'member',
  MEMBER: 'member',
  VIP: 'vip',
  VIP会员: 'vip',
  金卡: 'gold',
  金卡会员: 'gold',
  黄金VIP: 'gold',
  终身金卡: 'gold',
  GOLD: 'gold',
}
export const parseTier = (cell: Cell): TierId | null => TIER_ALIASES[headerKey(cell)] ?? null

// -----------------------------------------------------------------------------------------------------------------
// The file

/** Which column holds each field: the header row read, extra columns ignored; a required column missing is refused. */
export const columnsOf = (header: readonly Cell[]): Partial<Record<ImportField, number>> => {
  const byHeader = new Map<string, number>()
  header.forEach((cell, i) => {
    const key = headerKey(cell)
    if (key !== '' && !byHeader.has(key)) byHeader.set(key, i)
  })
  const columns: Partial<Record<ImportField, number>> = {}
  for (const [field, title] of Object.entries(IMPORT_COLUMNS) as [ImportField, ImportColumn][]) {
    const at = byHeader.get(headerKey(title))
    if (at !== undefined) columns[field] = at
  }
  const missing = REQUIRED_COLUMNS.filter((f) => columns[f] === undefined).map((f) => IMPORT_COLUMNS[f])
  if (missing.length > 0) throw new ImportFileProblem(`文件缺少必需的列：${missing.join('、')}（第一行应为表头）`)
  return columns
}

/**
 * Checks every row of a sheet (the first row is the header): each field, and phone numbers repeated within the file
 * (every row holding a repeated number is refused: which one is right is the brand's to say). `today` is the import's
 * clock: a birthday in the future or points already expired are refused.
 */
export const checkSheet = (sheet: readonly (readonly Cell[])[], lookups: ImportLookups, now: Instant): CheckedFile => {
  const headerAt = sheet.findIndex((row) => row.some((c) => !isBlank(c)))
  if (headerAt < 0) throw new ImportFileProblem('文件是空的：第一行应为表头（姓名、手机号……）')
  const columns = columnsOf(sheet[headerAt])
  const body = sheet.slice(headerAt + 1)
  const dataRows = body.filter((row) => row.some((c) => !isBlank(c))).length
  if (dataRows > MAX_IMPORT_ROWS) throw new ImportFileProblem(`一次最多导入 ${MAX_IMPORT_ROWS} 行，请拆分文件`)
  const today = businessTime(now)
  const todayDate = { year: today.year(), month: today.month() + 1, day: today.date() }

  const rows: ImportRow[] = []
  const errors: RowError[] = []
  const refusedLines = new Set<number>()
  const linesByMobile = new Map<string, number[]>()
  body.forEach((cells, i) => {
    if (!cells.some((c) => !isBlank(c))) return
    const line = headerAt + i + 2
    const cell = (f: ImportField): Cell => (columns[f] === undefined ? null : cells[columns[f]])
    const rowErrors: RowError[] = []
    const fail = (f: ImportField, message: string) => rowErrors.push({ line, column: IMPORT_COLUMNS[f], message })

    const name = text(cell('name'))
    if (name.length > NAME_MAX) fail('name', `姓名最多 ${NAME_MAX} 个字`)
    else if (!PLAIN_TEXT.test(name)) fail('name', '姓名含有不可见字符')

    const mobile = normalizeMobile(cell('mobile'))
    if (isBlank(cell('mobile'))) fail('mobile', '请填写手机号')
    else if (!mobile) fail('mobile', '手机号应为 11 位中国大陆手机号')

    let birthday: Birthday | null = null
    if (!isBlank(cell('birthday'))) {
      birthday = parseBirthdayCell(cell('birthday'))
      const problem = birthday ? birthdayProblem(birthday, todayDate) : '生日格式应为 1990-05-17 或 05-17'
      if (problem) fail('birthday', problem)
    }

    const tier = parseTier(cell('tier'))
    if (!tier) fail('tier', '等级应为 会员、VIP 或 金卡')
    let vipUntil: Instant | null = null
    const vipCell = cell('vipUntil')
    if (tier === 'vip') {
      const d = isBlank(vipCell) ? null : parseDateCell(vipCell)
      if (isBlank(vipCell)) fail('vipUntil', 'VIP 会员请填写 VIP有效期至')
      else if (!d) fail('vipUntil', '日期格式应为 2027-06-30')
      else vipUntil = endOfBusinessDate(d)
    } else if (!isBlank(vipCell) && !parseDateCell(vipCell)) fail('vipUntil', '日期格式应为 2027-06-30')

    const points = isBlank(cell('points')) ? 0 : integerCell(cell('points'))
    if (points === null) fail('points', '积分应为不小于 0 的整数')
    else if (points > POINTS_MAX) fail('points', `积分不能大于 ${POINTS_MAX}`)
    let pointsExpiresAt: Instant | null = null
    if (points !== null && points > 0) {
      const d = isBlank(cell('pointsExpireOn')) ? null : parseDateCell(cell('pointsExpireOn'))
      if (isBlank(cell('pointsExpireOn'))) fail('pointsExpireOn', '有积分时请填写积分到期日')
      else if (!d) fail('pointsExpireOn', '日期格式应为 2027-12-31')
      else if (!isBefore(now, endOfBusinessDate(d))) fail('pointsExpireOn', '积分已过期，不能导入')
      else pointsExpiresAt = endOfBusinessDate(d)
    }

    const lifetimeSpendFen = isBlank(cell('lifetimeSpend')) ? 0 : yuanCellToFen(cell('lifetimeSpend'))
    if (lifetimeSpendFen === null) fail('lifetimeSpend', '累计消费应为金额（元），最多两位小数')
    else if (lifetimeSpendFen > SPEND_MAX_FEN) fail('lifetimeSpend', '累计消费金额过大')

    const storeId = text(cell('store')) || null
    const store = storeId === null ? null : lookups.stores.get(storeId)
    if (storeId !== null && !store) fail('store', `门店编号 ${storeId} 不存在`)
    else if (store && !store.active) fail('store', `门店 ${storeId} 已关闭`)
    const assistantId = text(cell('assistant')) || null
    if (assistantId !== null) {
      const staff = lookups.staff.get(assistantId)
      if (!staff) fail('assistant', `导购工号 ${assistantId} 不存在`)
      else if (!staff.active) fail('assistant', `导购 ${assistantId} 已离职`)
      else if (storeId === null) fail('store', '填写导购工号时请同时填写门店编号')
      else if (store && staff.storeId !== storeId) fail('assistant', `导购 ${assistantId} 不属于门店 ${storeId}`)
    }

    if (mobile) linesByMobile.set(mobile, [...(linesByMobile.get(mobile) ?? []), line])
    if (rowErrors.length > 0) {
      errors.push(...rowErrors)
      refusedLines.add(line)
      return
    }
    rows.push({
      line,
      name,
      mobile: mobile!,
      birthday,
      tier: tier!,
      vipUntil,
      points: points!,
      pointsExpiresAt,
      lifetimeSpendFen: lifetimeSpendFen!,
      storeId,
      assistantId,
    })
  })

  for (const lines of linesByMobile.values()) {
    if (lines.length < 2) continue
    for (const line of lines) {
      const others = lines.filter((l) => l !== line).join('、')
      errors.push({ line, column: IMPORT_COLUMNS.mobile, message: `手机号与第 ${others} 行重复` })
      refusedLines.add(line)
    }
  }
  errors.sort((a, b) => a.line - b.line)
  return { rows: rows.filter((r) => !refusedLines.has(r.line)), errors, total: dataRows, refused: refusedLines.size }
}

// -----------------------------------------------------------------------------------------------------------------
// Against the members already there

/** The part of a member document the import reads to classify a row. */
export type ImportedMember = Pick<Member, '_id' | 'unclaimed' | 'imported'>

export type RowOutcome = { kind: 'new' } | { kind: 'unchanged' } | { kind: 'changed' } | { kind: 'refused'; message: string }

/**
 * What the import does with a valid row, given what the database holds: the record under the row's id (an unclaimed
 * member imported before, or nothing), whether the record was claimed already (a claimed one is the member's now and
 * never touched again), and whether the phone is a member's who joined on their own.
 */
export const classifyRow = (
  row: ImportRow,
  facts: { existing: ImportedMember | null; claimed: boolean; phoneHeldByMember: boolean },
): RowOutcome => {
  if (facts.claimed) return { kind: 'refused', message: '该会员已用此手机号开卡，不再导入' }
  if (facts.existing) return sameImport(facts.existing.imported?.state, row) ? { kind: 'unchanged' } : { kind: 'changed' }
  if (facts.phoneHeldByMember) return { kind: 'refused', message: '该手机号已是会员，未导入' }
  return { kind: 'new' }
}

export const importedState = (row: ImportRow): ImportedState => {
  const { line, ...state } = row
  void line
  return state
}

/** Stable comparison: the same fields in the same order, whatever order the document came back in. */
const canonical = (s: ImportedState): string =>
  JSON.stringify([
    s.name,
    s.mobile,
    s.birthday && [s.birthday.year ?? null, s.birthday.month, s.birthday.day],
    s.tier,
    s.vipUntil,
    s.points,
    s.pointsExpiresAt,
    s.lifetimeSpendFen,
    s.storeId,
    s.assistantId,
  ])

export const sameImport = (before: ImportedState | undefined, row: ImportRow): boolean =>
  before !== undefined && canonical(before) === canonical(importedState(row))

// -----------------------------------------------------------------------------------------------------------------
// Writing

/** The birthday of a row without one: unknown (month 0 matches no birthday month, so no birthday card goes out). */
const NO_BIRTHDAY: Birthday = { month: 0, day: 0 }

/** The tier state an imported row opens with: the tier rules continue from it at the next purchase. */
export const openingTier = (row: ImportRow | ImportedState, now: Instant): TierState => ({
  ...INITIAL_TIER_STATE,
  tier: row.tier,
  vipUntil: row.tier === 'vip' ? row.vipUntil : null,
  vipYearEnd: row.tier === 'vip' ? row.vipUntil : null,
  goldSince: row.tier === 'gold' ? now : null,
  lifetimeSpendFen: row.lifetimeSpendFen,
})

/** Who did it, on the ledger: the operator who ran the import. */
export interface ImportActor {
  operatorId: string
  jobId: string
}

const openingEntry = (
  memberId: string,
  state: ImportedState,
  key: string,
  actor: ImportActor,
  now: Instant,
  programVersion: number,
): LedgerEntry => ({
  _id: `import:${memberId}:${key}`,
  memberId,
  kind: 'adjust',
  points: state.points,
  balanceAfter: state.points,
  reason: '导入期初积分',
  actor: { type: 'operator', id: actor.operatorId },
  source: { type: 'import', id: actor.jobId },
  at: now,
  programVersion,
  ...(state.pointsExpiresAt ? { expiresAt: state.pointsExpiresAt } : {}),
})

/**
 * A new unclaimed member from a row, and its opening ledger entry (none without points). `ids` are what the adapter
 * draws: the record's id (derived from the phone), a member number and a referral code.
 */
export const openImportedMember = (
  row: ImportRow,
  ids: { memberId: string; memberNo: string; referralCode: string },
  actor: ImportActor,
  now: Instant,
  programVersion: number,
): { member: Member; entries: LedgerEntry[] } => {
  const state = importedState(row)
  const base = newMember(
    {
      openid: ids.memberId,
      memberNo: ids.memberNo,
      name: row.name,
      mobile: row.mobile,
      mobileVerified: false,
      birthday: row.birthday ?? NO_BIRTHDAY,
      storeId: row.storeId,
      assistantId: row.assistantId,
      consentVersion: '',
      referralCode: ids.referralCode,
    },
    now,
  )
  const batches: PointBatch[] = row.points > 0 && row.pointsExpiresAt ? [{ expiresAt: row.pointsExpiresAt, points: row.points }] : []
  const member: Member = {
    ...base,
    ...openingTier(row, now),
    pointBatches: batches,
    pointsBalance: row.points,
    pointsNextExpiry: batches[0]?.expiresAt ?? null,
    unclaimed: true,
    imported: { at: now, jobId: actor.jobId, by: actor.operatorId, state },
    // Where a refund's replay starts (tiers.tierFromHistory), and what the books' lifetime spend opened with.
    openingTier: openingTier(row, now),
  }
  return {
    member,
    entries: row.points > 0 ? [openingEntry(ids.memberId, state, `${actor.jobId}:${row.line}`, actor, now, programVersion)] : [],
  }
}

/**
 * A changed row over an unclaimed record: the imported fields replaced, and when the points changed, the old
 * balance taken out and the new one entered (two entries, keyed by this job and row, so a repeat writes nothing).
 * Points the record earned meanwhile do not exist (it cannot buy), so its balance is the last import's, less expiry.
 */
export const reimportMember = (
  before: Member,
  row: ImportRow,
  actor: ImportActor,
  now: Instant,
  programVersion: number,
): { member: Member; entries: LedgerEntry[] } => {
  const state = importedState(row)
  const key = `${actor.jobId}:${row.line}`
  const pointsChanged = before.imported?.state.points !== row.points || before.imported?.state.pointsExpiresAt !== row.pointsExpiresAt
  const entries: LedgerEntry[] = []
  let points = { pointsBalance: before.pointsBalance, pointBatches: before.pointBatches, pointsNextExpiry: before.pointsNextExpiry }
  if (pointsChanged) {
    if (before.pointsBalance > 0)
      entries.push({
        _id: `reimport:${before._id}:${key}`,
        memberId: before._id,
        kind: 'adjust',
        points: -before.pointsBalance,
        balanceAfter: 0,
        reason: '重新导入：冲销原期初积分',
        actor: { type: 'operator', id: actor.operatorId },
        source: { type: 'import', id: actor.jobId },
        at: now,
        programVersion,
        batches: before.pointBatches,
      })
    if (row.points > 0) entries.push(openingEntry(before._id, state, key, actor, now, programVersion))
    const batches: PointBatch[] = row.points > 0 && row.pointsExpiresAt ? [{ expiresAt: row.pointsExpiresAt, points: row.points }] : []
    points = { pointsBalance: row.points, pointBatches: batches, pointsNextExpiry: batches[0]?.expiresAt ?? null }
  }
  const member: Member = {
    ...before,
    ...openingTier(row, now),
    // Gold granted by an earlier import keeps its date.
    goldSince: row.tier === 'gold' ? (before.goldSince ?? now) : null,
    ...points,
    name: row.name === '' ? unnamedMemberName(before.memberNo) : row.name,
    birthday: row.birthday ?? NO_BIRTHDAY,
    storeId: row.storeId,
    assistantId: row.assistantId,
    imported: { at: now, jobId: actor.jobId, by: actor.operatorId, state },
  }
  member.openingTier = { ...openingTier(row, now), goldSince: member.goldSince }
  return { member, entries }
}

// -----------------------------------------------------------------------------------------------------------------
// Claiming

/**
 * `memberImports/<record id>`: an imported record that a shopper claimed (the member document moved to them). Who
 * claimed it is the member number (now theirs), not an openid, so the note holds no one's identity.
 */
export interface ClaimedImport {
  _id: string
  memberNo: string
  claimedAt: Instant
  importedAt: Instant
  jobId: string
  /** Points moved to the member (as the transfer entries say). */
  points: number
}

/**
 * A shopper who joined with the WeChat-verified phone of an unclaimed record takes it over: the new member carries
 * the imported state (number, tier, VIP date, lifetime spend, store, assistant) under their openid, their own join
 * details (name if they gave one, birthday, consent, referral code) over it; the points move by a transfer out of the
 * record and a transfer in to the member, batch by batch, so both books add up; the record becomes a claim note.
 * `joined` is the member `decideJoin` made for the shopper (it is the claimant's, coupons and referral included).
 */
export const claimImported = (
  record: Member,
  joined: Member,
  now: Instant,
  programVersion: number,
): { member: Member; entries: LedgerEntry[]; claim: ClaimedImport } => {
  const actor = { type: 'member' as const, id: joined._id }
  const source = { type: 'claim' as const, id: record._id }
  // Every batch moves, an expired one too: the member's own expiry run then writes it off as anyone's, and the record
  // (which leaves the members collection) ends at zero, so both books add up.
  const moving = record.pointBatches.filter((b) => b.points > 0)
  const moved = moving.reduce((sum, b) => sum + b.points, 0)
  const entries: LedgerEntry[] = []
  if (moved > 0) {
    entries.push({
      _id: `claim-out:${record._id}`,
      memberId: record._id,
      kind: 'adjust',
      points: -moved,
      balanceAfter: record.pointsBalance - moved,
      reason: '开卡：积分转入会员本人',
      actor,
      source,
      at: now,
      programVersion,
      batches: moving,
    })
    let balance = 0
    moving.forEach((b, i) => {
      balance += b.points
      entries.push({
        _id: `claim-in:${record._id}:${i}`,
        memberId: joined._id,
        kind: 'adjust',
        points: b.points,
        balanceAfter: balance,
        reason: '开卡：导入的积分',
        actor,
        source,
        at: now,
        programVersion,
        expiresAt: b.expiresAt,
      })
    })
  }
  const tierState: TierState = {
    tier: record.tier,
    vipUntil: record.vipUntil,
    vipYearEnd: record.vipYearEnd,
    vipYearSpendFen: record.vipYearSpendFen,
    qualifyingSpendFen: record.qualifyingSpendFen,
    lifetimeSpendFen: record.lifetimeSpendFen,
    goldSince: record.goldSince,
  }
  const member: Member = {
    ...joined,
    ...tierState,
    ...EMPTY_POINTS,
    pointBatches: moving,
    pointsBalance: moved,
    pointsNextExpiry: moving[0]?.expiresAt ?? null,
    memberNo: record.memberNo,
    // The shopper's own name when they gave one, else the one the store kept.
    name: joined.name === unnamedMemberName(joined.memberNo) ? record.name : joined.name,
    storeId: record.storeId ?? joined.storeId,
    assistantId: record.storeId ? record.assistantId : joined.assistantId,
    // The card's history starts when the brand first knew them.
    joinedAt: record.joinedAt,
    lastSeenAt: now,
    openingTier: tierState,
    importedFrom: { recordId: record._id, claimedAt: now },
  }
  delete member.mobileClaim
  const claim: ClaimedImport = {
    _id: record._id,
    memberNo: record.memberNo,
    claimedAt: now,
    importedAt: record.imported?.at ?? record.joinedAt,
    jobId: record.imported?.jobId ?? '',
    points: moved,
  }
  return { member, entries, claim }
}

export type { ImportedState, NewMemberInput }
