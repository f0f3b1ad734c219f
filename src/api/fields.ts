/**
 * The field rules every input schema is made of (text, integers, birthdays) and `check`, which runs a schema
 * for a form. Kept apart from schemas.ts so that a page needing one schema does not ship them all.
 */
import * as v from 'valibot'

/**
 * Letters, digits, CJK, spaces and a few marks; no control, zero-width or direction-override characters, and
 * no lone surrogate halves (not text at all: storage would turn them into U+FFFD).
 */
export const PLAIN_TEXT = /^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]*$/u

/**
 * What a member or a shop assistant types about a person (sizes, colours, an address): plain text and no emoji
 * or pictographs either — the till's printer, the CSV export and the staff's phone all render them badly, and a
 * size or a street name never needs one.
 */
export const PROFILE_TEXT = /^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Extended_Pictographic}\p{Regional_Indicator}\u{FE0F}\u{20E3}]*$/u

/** A size as shops write it: "M", "L/170", "38.5", "110cm", "均码", "XL(加大)". */
export const SIZE_TEXT = /^[\p{L}\p{N} ./+\-()（）]{0,10}$/u

export const plainText = (label: string, max: number) =>
  v.pipe(
    v.string(`${label}必须是文字`),
    v.trim(),
    v.minLength(1, `请填写${label}`),
    v.maxLength(max, `${label}最多 ${max} 个字`),
    v.regex(PLAIN_TEXT, `${label}含有不可见字符`),
  )

export const int = (label: string, min: number, max: number) =>
  v.pipe(
    v.number(`${label}必须是数字`),
    v.integer(`${label}必须是整数`),
    v.minValue(min, `${label}不能小于 ${min}`),
    v.maxValue(max, `${label}不能大于 ${max}`),
  )

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0

/**
 * A birthday the calendar has: no 30 February, and 29 February only in a leap year when the year is given. (A
 * birthday in the future depends on today: the functions check it.)
 */
export const birthdaySchema = v.pipe(
  v.object(
    {
      month: int('生日月份', 1, 12),
      day: int('生日日期', 1, 31),
      year: v.optional(int('出生年份', 1900, 2100)),
    },
    '请选择生日',
  ),
  // The same words as the functions' check (birthdayProblem), on the same field; a month or day out of range
  // is reported by its own field already.
  v.check(
    (b) =>
      !(b.month >= 1 && b.month <= 12) ||
      b.day <= (b.month === 2 && b.year !== undefined && !isLeapYear(b.year) ? 28 : DAYS_IN_MONTH[b.month - 1]),
    '日期无效',
  ),
)

/**
 * Words for an issue whose schema names none — a missing field, a wrong type, a value outside the options —
 * instead of valibot's English ("Invalid key: Expected ..."), which no shopper or shop assistant should read.
 */
const fallbackMessage = (issue: v.BaseIssue<unknown>): string => {
  if (issue.received === 'undefined') return '请填写此项'
  switch (issue.type) {
    case 'picklist':
    case 'literal':
    case 'variant':
    case 'union':
      return '不是可选的值'
    case 'min_length':
    case 'max_length':
    case 'length':
      return '长度不符合要求'
    case 'min_value':
    case 'max_value':
      return '超出允许的范围'
    default:
      return '格式无效'
  }
}

/**
 * An array whose length is checked BEFORE its items: valibot's v.array validates (and reports) every item
 * first, so a few million items would cost an instance its memory before a maxLength after it could refuse.
 */
export const boundedArray = <T extends v.GenericSchema>(item: T, max: number, tooMany: string, notArray: string) =>
  v.pipe(v.custom<v.InferInput<T>[]>(Array.isArray, notArray), v.maxLength(max, tooMany), v.array(item, notArray))

/**
 * What no input needs, checked on the raw input before any schema runs (a walk that stops at the first excess,
 * so its cost is bounded by these numbers, not by the input): more nesting than any form has, more items in
 * one array than the largest list (1,000 members), text far beyond any field, more values than any form sends.
 * Forms never reach them, so their words name no number: each field's own limit speaks below them.
 */
export const INPUT_LIMITS = { depth: 16, arrayItems: 1_000, stringLength: 10_000, values: 10_000 } as const

/** The edge answers at most this many bad fields (an input can have thousands). */
export const MAX_FIELD_ERRORS = 20

const oversizedAt = (input: unknown): { field: string; message: string } | null => {
  // The input itself, or a key named '' at the top, is '(input)': a field error always names something.
  const at = (path: (string | number)[], message: string) => ({ field: path.join('.') || '(input)', message })
  const stack: [unknown, (string | number)[]][] = [[input, []]]
  let values = 0
  while (stack.length > 0) {
    const [value, path] = stack.pop()!
    if (++values > INPUT_LIMITS.values) return at(path, '内容过多，请删减')
    if (typeof value === 'string' && value.length > INPUT_LIMITS.stringLength) return at(path, '内容过长，请删减')
    if (value === null || typeof value !== 'object') continue
    if (path.length >= INPUT_LIMITS.depth) return at(path, '格式不对（层级过深）')
    if (Array.isArray(value)) {
      if (value.length > INPUT_LIMITS.arrayItems) return at(path, '项目过多，请删减')
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], [...path, i]])
    } else {
      let keys = 0
      for (const key in value) {
        if (!Object.prototype.hasOwnProperty.call(value, key)) continue
        if (values + ++keys > INPUT_LIMITS.values) return at(path, '内容过多，请删减')
        stack.push([(value as Record<string, unknown>)[key], [...path, key]])
      }
    }
  }
  return null
}

/** Runs a schema; returns the output or the bad fields (up to MAX_FIELD_ERRORS) with their messages, in one go. */
export const check = <S extends v.GenericSchema>(
  schema: S,
  input: unknown,
): { ok: true; value: v.InferOutput<S> } | { ok: false; fields: { field: string; message: string }[] } => {
  const oversized = oversizedAt(input)
  if (oversized) return { ok: false, fields: [oversized] }
  const result = v.safeParse(schema, input, { abortEarly: false, message: fallbackMessage })
  if (result.success) return { ok: true, value: result.output }
  return {
    ok: false,
    fields: result.issues.slice(0, MAX_FIELD_ERRORS).map((issue) => ({ field: v.getDotPath(issue) || '(input)', message: issue.message })),
  }
}
