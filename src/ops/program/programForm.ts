/**
 * The rules editor's form, apart from Taro. The operator types yuan ("1800", "1800.50") and rates per yuan
 * ("1.2" points per ¥1); the rules hold integer fen and points per ¥100. Both are hundredths, so one exact
 * conversion serves: digits are shifted, never multiplied as floats. The edited rules are checked with the
 * server's own schema, each message at the rule's field; what changed is listed in words before saving.
 */
import { check } from '../../api/fields'
import { UpdateProgramSchema, type UpdateProgramInput } from '../../api/programSchema'
import type { ProgramView } from '../../api/contract'
import { AppError } from '../../domain/errors'
import { parseYuanToFen } from '../../domain/money'
import type { ProgramRules, ServiceBenefit } from '../../domain/program'
import { diffRules, type RuleChange } from '../../domain/programChanges'
import { RULE_GROUP_LABELS, RULE_WORDS, ruleLabel, rulePath, type RuleUnit } from '../../wording/program'

/** Integer hundredths (fen; points per ¥100; percents) as the form shows them: 180000 → "1800", 180050 → "1800.50", 120 → "1.2". */
export const hundredthsInput = (n: number, unit: RuleUnit): string => {
  const whole = Math.trunc(n / 100)
  const rest = Math.abs(n % 100)
  if (rest === 0) return String(whole)
  const cents = String(rest).padStart(2, '0')
  // Money keeps both decimals ("1800.50"); a rate drops a trailing zero ("1.2").
  return `${whole}.${unit === 'fen' ? cents : cents.replace(/0$/, '')}`
}

/** What the operator typed, as integer hundredths ("1800.5" → 180050, "1.2" → 120), or null if it is no amount. */
export const parseHundredths = (text: string): number | null => parseYuanToFen(text)

/** Yuan typed → fen; the helper the form and its tests share. */
export const yuanToFen = (text: string): number | null => parseHundredths(text)
/** Fen → the yuan the form shows. */
export const fenToYuan = (fen: number): string => hundredthsInput(fen, 'fen')

const HUNDREDTHS_UNITS: readonly RuleUnit[] = ['fen', 'per100Yuan', 'percentMultiple']
const NOT_TYPED: readonly RuleUnit[] = ['keepGold', 'template']

/** Every rule typed into a text field, by path. */
export const NUMBER_PATHS: readonly string[] = Object.keys(RULE_WORDS).filter((p) => !NOT_TYPED.includes(RULE_WORDS[p].unit))
export const TEMPLATE_PATHS = ['coupons.welcomeTemplateId', 'coupons.birthdayTemplateId', 'referral.inviteeCouponTemplateId'] as const
export type TemplatePath = (typeof TEMPLATE_PATHS)[number]
export const KEEP_GOLD_PATH = 'gold.keptWhenRefundsUnqualify'

/** Groups whose rules across fields the editor shows an error for (under the group's last field). */
export const GROUP_PATHS: readonly string[] = [
  'serviceBenefits',
  'earning.pointsPer100YuanByTier',
  'workbench.winBackDays',
  'segments.classes',
  'segments.rfm.recencyDays',
  'segments.rfm.visits',
  'segments.rfm.spendFen',
]

export interface ProgramDraft {
  /** Typed text by rule path. */
  numbers: Record<string, string>
  keepGold: boolean
  templates: Record<TemplatePath, string | null>
  /** The handbook's service benefits, as edited (a list: add, remove, tiers per entry). */
  benefits: ServiceBenefit[]
  /** 修改原因. */
  note: string
}

/** Errors by rule path, 'note', or 'form' (anything no field shows). */
export type ProgramErrors = Record<string, string>

export type EditableRules = Omit<ProgramRules, 'version'>

export const getIn = (value: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>((at, key) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), value)

const setIn = (target: Record<string, unknown>, path: string, value: unknown): void => {
  const keys = path.split('.')
  const last = keys.pop()!
  let at: Record<string, unknown> = target
  for (const key of keys) at = at[key] as Record<string, unknown>
  at[last] = value
}

const textOf = (path: string, value: unknown): string => {
  const unit = RULE_WORDS[path].unit
  if (typeof value !== 'number') return ''
  return HUNDREDTHS_UNITS.includes(unit) ? hundredthsInput(value, unit) : String(value)
}

/** The form as the rules stand: every number as text, the switches and pickers as they are. */
export const draftFrom = (rules: ProgramRules, note = ''): ProgramDraft => ({
  numbers: Object.fromEntries(NUMBER_PATHS.map((path) => [path, textOf(path, getIn(rules, path))])),
  keepGold: rules.gold.keptWhenRefundsUnqualify,
  templates: {
    'coupons.welcomeTemplateId': rules.coupons.welcomeTemplateId,
    'coupons.birthdayTemplateId': rules.coupons.birthdayTemplateId,
    'referral.inviteeCouponTemplateId': rules.referral.inviteeCouponTemplateId,
  },
  benefits: rules.serviceBenefits.map((b) => ({ ...b, tiers: [...b.tiers] })),
  note,
})

/** A typed number: its value, or why it is none (the schema judges its range). */
const parseTyped = (path: string, text: string): { value: number } | { error: string } => {
  const { label, unit } = RULE_WORDS[path]
  const trimmed = text.trim()
  if (trimmed === '') return { error: `请填写${label}` }
  if (HUNDREDTHS_UNITS.includes(unit)) {
    const value = parseHundredths(trimmed)
    return value === null ? { error: `${label}应为数字，最多两位小数` } : { value }
  }
  return /^\d{1,9}$/.test(trimmed) ? { value: Number(trimmed) } : { error: `${label}应为整数` }
}

/** Where a rule path's message shows: its own field, the nearest group shown, else above the button. */
export const errorKeyOf = (path: string): string => {
  if (path === 'note' || RULE_WORDS[path] || GROUP_PATHS.includes(path)) return path
  const parts = path.split('.')
  while (parts.length > 1) {
    parts.pop()
    const parent = parts.join('.')
    if (GROUP_PATHS.includes(parent)) return parent
  }
  return 'form'
}

/** Server or schema field errors ("rules.vip.cumulativeFen") by where they show; the first per field wins. */
export const errorsByRule = (fields: readonly { field: string; message: string }[], errors: ProgramErrors = {}): ProgramErrors => {
  for (const { field, message } of fields) {
    const path = field === 'note' ? 'note' : rulePath(field)
    const key = errorKeyOf(path)
    // A message shown away from its rule says which rule it is about.
    const shown =
      key === 'form' && path !== '' && (RULE_WORDS[path] || RULE_GROUP_LABELS[path]) ? `${ruleLabel(path)}：${message}` : message
    errors[key] ??= shown
  }
  return errors
}

// The request id is the page's business: the form is checked with a stand-in so the server's schema judges the rest.
const STAND_IN_REQUEST_ID = 'form-check'

export type ProgramCheck =
  { ok: true; input: Omit<UpdateProgramInput, 'requestId'>; changes: RuleChange[] } | { ok: false; errors: ProgramErrors }

export const checkProgram = (draft: ProgramDraft, base: ProgramRules): ProgramCheck => {
  const { version: _version, ...copy } = JSON.parse(JSON.stringify(base)) as ProgramRules
  const rules = copy as unknown as Record<string, unknown>
  const errors: ProgramErrors = {}
  for (const path of NUMBER_PATHS) {
    const typed = parseTyped(path, draft.numbers[path] ?? '')
    if ('error' in typed) {
      errors[path] = typed.error
      // A stand-in the schema refuses too, so that nothing else is judged on a number nobody typed.
      setIn(rules, path, Number.NaN)
    } else setIn(rules, path, typed.value)
  }
  setIn(rules, KEEP_GOLD_PATH, draft.keepGold)
  for (const path of TEMPLATE_PATHS) setIn(rules, path, draft.templates[path])
  rules.serviceBenefits = draft.benefits

  const parsed = check(UpdateProgramSchema, { baseVersion: base.version, rules, note: draft.note, requestId: STAND_IN_REQUEST_ID })
  if (!parsed.ok) errorsByRule(parsed.fields, errors)
  if (!parsed.ok || Object.keys(errors).length > 0) return { ok: false, errors }

  const { requestId: _standIn, ...input } = parsed.value
  const changes = diffRules(base, { ...(input.rules as EditableRules), version: base.version })
  if (changes.length === 0) return { ok: false, errors: { form: '没有修改任何规则' } }
  return { ok: true, input, changes }
}

/** A refused save, by field: the server's field errors at their rules, anything else above the button. */
export const programErrorsFrom = (error: unknown, fallbackMessage: string): ProgramErrors => {
  if (!(error instanceof AppError)) return { form: fallbackMessage }
  if (error.code === 'INVALID_INPUT' && error.details?.fields?.length) return errorsByRule(error.details.fields)
  return { form: error.message }
}

/** The templates a rule may name, as the picker lists them: "不发放" first. */
export const templateChoices = (templates: ProgramView['templates']): { id: string | null; title: string }[] => [
  { id: null, title: '不发放' },
  ...templates,
]
