/**
 * The operator's campaign form, apart from Taro (the phone's 活动 page and the desk's 营销 share it): a title, a
 * coupon template, claim or issue, who gets it, when it opens (VIPs some days earlier) and the last day, checked with
 * the server's own schema. Dates are business-time calendar days; the last day is sent as the exclusive end (the
 * start of the day after).
 */
import * as v from 'valibot'
import { check } from '../api/fields'
import { CreateCampaignSchema, type CreateCampaignInput } from '../api/opsSchemas'
import { DEFAULT_VIP_EARLY_DAYS } from '../domain/access'
import { AppError } from '../domain/errors'
import type { TopListName } from '../domain/audience'
import { isValidMemberNo } from '../domain/memberNo'
import type { TierId } from '../domain/program'
import type { CustomerClass } from '../domain/segments'
import { businessTime, isBefore, startOfNextBusinessDay, type Instant } from '../domain/time'
import { errorsByRow, refusalByRow, type RowErrors } from '../services/formErrors'
import type { AudiencePreset } from './audiencePreset'
import { DATE_FORMATS } from '../wording/dates'

export type CampaignMode = CreateCampaignInput['mode']
export type AudienceKind = CreateCampaignInput['audience']['kind']

export interface CampaignDraft {
  title: string
  templateId: string | null
  mode: CampaignMode
  audienceKind: AudienceKind
  tiers: TierId[]
  storeId: string
  /** One member code per line. */
  memberCodesText: string
  /** Customer classes as the nightly computation put them. */
  classes: CustomerClass[]
  /** A top list and how many of it, fixed into members when the campaign is created. */
  topList: TopListName
  topCountText: string
  /** "2026-12-01" and "10:00", business time. */
  opensDate: string
  opensTime: string
  vipEarlyDaysText: string
  /** The last day it runs, inclusive. */
  endsDate: string
}

export type CampaignRow = 'title' | 'template' | 'audience' | 'opensAt' | 'vipEarlyDays' | 'endsAt'
export type CampaignErrors = RowErrors<CampaignRow>
export type CampaignInput = Omit<CreateCampaignInput, 'requestId'>

export const MODE_WORDS: Record<CampaignMode, string> = { claim: '会员领取', issue: '直接发放' }
export const AUDIENCE_WORDS: Record<AudienceKind, string> = {
  all: '全部会员',
  tiers: '按等级',
  store: '按门店',
  list: '名单',
  classes: '客户类别',
  top: '重点客户',
}

/**
 * A new campaign: opens today at 10:00 (business time), VIPs 3 days early, runs 30 days. One opened from
 * the segments page has its audience chosen already, and is issued to it directly.
 */
export const newDraft = (now: Instant, preset: AudiencePreset | null = null): CampaignDraft => {
  const today = businessTime(now)
  return {
    title: '',
    templateId: null,
    mode: preset ? 'issue' : 'claim',
    audienceKind: preset?.kind ?? 'all',
    tiers: [],
    storeId: '',
    memberCodesText: '',
    classes: preset?.kind === 'classes' ? preset.classes : [],
    topList: preset?.kind === 'top' ? preset.list : 'loyal',
    topCountText: preset?.kind === 'top' ? String(preset.count) : '20',
    opensDate: today.format(DATE_FORMATS.pickerDate),
    opensTime: '10:00',
    vipEarlyDaysText: String(DEFAULT_VIP_EARLY_DAYS),
    endsDate: today.add(29, 'day').format(DATE_FORMATS.pickerDate),
  }
}

/** "2026-12-01" + "10:00" in Shanghai → the instant. */
export const businessInstant = (date: string, time: string): Instant => new Date(`${date}T${time}:00+08:00`).toISOString()

/** The member codes, one per line, with their line numbers: blank lines dropped, spaces in a code allowed (as printed). */
export const memberCodeLines = (text: string): { lineNo: number; code: string }[] =>
  text
    .split(/\r?\n/)
    .map((line, i) => ({ lineNo: i + 1, code: line.replace(/\s+/g, '') }))
    .filter((line) => line.code !== '')

const ROW_OF_FIELD: Record<string, CampaignRow> = {
  title: 'title',
  templateId: 'template',
  audience: 'audience',
  opensAt: 'opensAt',
  vipEarlyDays: 'vipEarlyDays',
  endsAt: 'endsAt',
}

// The request id is the page's business, not the operator's: check everything else.
const CampaignSchema = v.omit(CreateCampaignSchema, ['requestId'])

/** The audience a draft names, as the server's schema reads it (the desk's preview counts it before saving). */
export const audienceOf = (draft: CampaignDraft): unknown => {
  switch (draft.audienceKind) {
    case 'all':
      return { kind: 'all' }
    case 'tiers':
      return { kind: 'tiers', tiers: draft.tiers }
    case 'store':
      return { kind: 'store', storeId: draft.storeId.trim() }
    case 'list':
      return { kind: 'list', memberCodes: memberCodeLines(draft.memberCodesText).map((line) => line.code) }
    case 'classes':
      return { kind: 'classes', classes: draft.classes }
    case 'top':
      return {
        kind: 'top',
        list: draft.topList,
        count: /^\d{1,4}$/.test(draft.topCountText.trim()) ? Number(draft.topCountText.trim()) : Number.NaN,
      }
  }
}

/** Schema paths by row; a bad code in the list names its line ("audience.memberCodes.3" → the 4th code's line). */
const byRow = (fields: readonly { field: string; message: string }[], lines: { lineNo: number }[]): CampaignErrors =>
  errorsByRow(
    ROW_OF_FIELD,
    fields.map(({ field, message }) => {
      const [head, part, index] = field.split('.')
      const line = part === 'memberCodes' && index !== undefined ? lines[Number(index)] : undefined
      return { field: head, message: line ? `第 ${line.lineNo} 行：${message}` : message }
    }),
  )

export const checkCampaign = (draft: CampaignDraft): { ok: true; input: CampaignInput } | { ok: false; errors: CampaignErrors } => {
  const vipEarlyDays =
    draft.mode === 'issue' ? 0 : /^\d{1,2}$/.test(draft.vipEarlyDaysText.trim()) ? Number(draft.vipEarlyDaysText.trim()) : Number.NaN
  const opensAt = businessInstant(draft.opensDate, draft.opensTime)
  const endsAt = startOfNextBusinessDay(businessInstant(draft.endsDate, '00:00'))
  const parsed = check(CampaignSchema, {
    title: draft.title,
    templateId: draft.templateId ?? '',
    mode: draft.mode,
    audience: audienceOf(draft),
    opensAt,
    vipEarlyDays,
    endsAt,
  })
  const lines = memberCodeLines(draft.memberCodesText)
  const errors: CampaignErrors = parsed.ok ? {} : byRow(parsed.fields, lines)
  if (draft.templateId === null) errors.template = '请选择优惠券'
  if (Number.isNaN(vipEarlyDays)) errors.vipEarlyDays = 'VIP提前天数应为 0–30 的整数'
  if (draft.audienceKind === 'top' && !/^\d{1,4}$/.test(draft.topCountText.trim())) errors.audience = '发券人数应为 1–1,000 的整数'
  if (!errors.endsAt && !isBefore(opensAt, endsAt)) errors.endsAt = '结束日期应晚于开始时间'
  // The check digit catches a mistyped code before the server skips it.
  if (!errors.audience && draft.audienceKind === 'list') {
    const bad = lines.find((line) => !isValidMemberNo(line.code))
    if (bad) errors.audience = `第 ${bad.lineNo} 行：会员码有误，请核对`
  }
  return parsed.ok && Object.keys(errors).length === 0 ? { ok: true, input: parsed.value } : { ok: false, errors }
}

/** A refused campaign, by row: the server's field errors at their rows, anything else at the form. */
export const campaignErrorsFrom = (error: unknown, fallbackMessage: string): CampaignErrors =>
  error instanceof AppError && error.code === 'INVALID_INPUT' && error.details?.fields?.length
    ? byRow(error.details.fields, [])
    : refusalByRow(error, fallbackMessage, ROW_OF_FIELD)
