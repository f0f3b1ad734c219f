/**
 * The nasty values a client can put in any field, as fast-check arbitraries: broken numbers, strings for
 * numbers, query operators in place of ids, huge and invisible text, impossible dates, wrong shapes,
 * prototype-pollution keys. Field-agnostic on purpose: every field of every action gets all of them.
 */
import fc from 'fast-check'

/** A JSON object with an own `__proto__` key, as JSON.parse makes it (an object literal would set the prototype). */
export const ownProto = (value: unknown): Record<string, unknown> => JSON.parse(`{"__proto__": ${JSON.stringify(value)}}`)

const KB10 = 'x'.repeat(10 * 1024)
const CJK10K = '会'.repeat(10 * 1024)

/** Numbers no amount, count or points field should take. */
export const badNumber: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    -1,
    0,
    -0,
    NaN,
    Infinity,
    -Infinity,
    1.5,
    0.1 + 0.2,
    -100_000_001,
    1e21,
    2 ** 53 + 2,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    1e-7,
    10_000_001,
    1_000_001,
  ),
  fc.double(),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 }),
  fc.bigInt().map((n) => Number(n)),
)

/** Strings where numbers go. */
export const numericString: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('100', '1e3', '0x10', ' 12 ', '', '-1', 'NaN', 'Infinity', '１２３', '12,000', '100.50'),
  fc.integer().map(String),
)

/** MongoDB/CloudBase operators in place of an id, a code or a number. */
export const operatorObject: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    { $gt: '' },
    { $ne: null },
    { $gte: 0 },
    { $in: ['20261123002', 'demo-shopper-b'] },
    { $exists: true },
    { $regex: '.*' },
    { $where: 'this.pointsBalance > 0' },
    { $inc: { pointsBalance: 1_000_000 } },
    { $set: { tier: 'gold', role: 'manager' } },
    { $nin: [] },
    { $or: [{ _id: { $exists: true } }] },
    { _id: { $gt: '' } },
    { $expr: { $gt: ['$pointsBalance', 0] } },
    { $tcb_server_date: { offset: 0 } },
    { $date: '2026-11-20T00:00:00Z' },
    { $numberLong: '9007199254740993' },
    { $oid: '000000000000000000000000' },
  ),
  fc
    .record({
      op: fc.constantFrom('$gt', '$lt', '$ne', '$inc', '$set', '$unset', '$push', '$where', '$function'),
      v: fc.jsonValue({ maxDepth: 2 }),
    })
    .map(({ op, v }) => ({ [op]: v })),
)

/** Text that must never reach a name, a reason or a note: invisible, direction-changing, huge, control. */
export const badText: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    KB10,
    CJK10K,
    '',
    '   ',
    '\u200B',
    'a\u200Bb',
    '张\u200D三',
    '\uFEFF李四',
    '\u202Egnp.exe',
    '\u202B王五\u202C',
    '\u2066x\u2069',
    '\u0000',
    'a\u0007b',
    '名\n字',
    '\u2028',
    '\uD800',
    '\uDFFF\uD800',
    '👨\u200D👩\u200D👧',
    '🏳️\u200D🌈',
    '😀'.repeat(40),
    'ﷺ'.repeat(30),
    "'; DROP TABLE members; --",
    '<script>alert(1)</script>',
    '../../etc/passwd',
    '%00',
    '%E0%A4%A',
    '${process.env}',
    '{{7*7}}',
    'undefined',
    'null',
    '__proto__',
    'constructor',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', minLength: 200, maxLength: 2_000 }),
)

/** Dates a calendar does not have (or no program would use), in every shape the inputs take. */
const BAD_DATES = [
  '2026-02-30T10:00:00Z',
  '2026-02-31T10:00:00.000Z',
  '2026-04-31T10:00:00+08:00',
  '2027-02-29T00:00:00Z',
  '2026-11-01T10:00:00+08',
  '2026-11-01 10:00:00Z',
  '2026-11-01T10:00:00,5Z',
  '2026-11-01T24:00:00Z',
  '2026-13-01T00:00:00Z',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '2026-02-30',
  '2026-13-45',
  '2026-00-10',
  '2026-11',
  '2026-13',
  '2026-00',
  '20261101',
  'not a date',
  'Invalid Date',
  '1970-01-01T00:00:00Z',
]
export const badDate: fc.Arbitrary<unknown> = fc.constantFrom(...BAD_DATES)

/** Birthdays that do not exist or have not happened (as of CLOCK, 20 November 2026). */
const BAD_BIRTHDAYS: unknown[] = [
  { month: 2, day: 30 },
  { month: 2, day: 29, year: 2023 },
  { month: 4, day: 31 },
  { month: 13, day: 1 },
  { month: 0, day: 1 },
  { month: 12, day: 32 },
  { month: 12, day: 31, year: 2999 },
  { month: 12, day: 31, year: 2026 },
  { month: 11, day: 21, year: 2026 },
  { month: 1, day: 1, year: 1800 },
  { month: 1.5, day: 1 },
  { month: '6', day: '18' },
  { month: 6 },
  { day: 18 },
  { month: { $gt: 0 }, day: 1 },
]
export const badBirthday: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...BAD_BIRTHDAYS),
  fc.record(
    { month: fc.integer({ min: -5, max: 20 }), day: fc.integer({ min: -5, max: 40 }), year: fc.integer({ min: 1800, max: 3000 }) },
    { requiredKeys: ['month', 'day'] },
  ),
)

/** An object nested `depth` levels deep. */
export const nested = (depth: number, leaf: unknown = 1): unknown => {
  let value: unknown = leaf
  for (let i = 0; i < depth; i++) value = { a: value }
  return value
}

/** Wrong shapes: arrays where objects go, objects where strings go, deep and oversized structures. */
export const badShape: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, [], [1, 2, 3], {}, [{}], [[[]]], 'string', 42),
  fc.constantFrom(8, 64, 500, 2_000).map((d) => nested(d)),
  fc.constant(Array.from({ length: 20_000 }, (_, i) => i)),
  fc.constant(Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, i]))),
  fc.jsonValue({ maxDepth: 4 }),
)

/** Keys that try to reach the prototype. */
export const pollutionKeys: fc.Arbitrary<Record<string, unknown>> = fc.constantFrom(
  ownProto({ polluted: true, role: 'operator', active: true }),
  { constructor: { prototype: { polluted: true } } },
  { prototype: { polluted: true } },
  { toString: 'x', valueOf: 1, hasOwnProperty: 'y' },
  { ['__defineGetter__']: 1, ['__lookupGetter__']: 2 },
)

/** Any nasty value, for any field. */
export const anyNasty: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: badNumber, weight: 3 },
  { arbitrary: numericString, weight: 2 },
  { arbitrary: operatorObject, weight: 3 },
  { arbitrary: badText, weight: 3 },
  { arbitrary: badDate, weight: 2 },
  { arbitrary: badBirthday, weight: 1 },
  { arbitrary: badShape, weight: 2 },
  { arbitrary: fc.constant(undefined), weight: 1 },
)

/**
 * Nasty values for the place of `original`, biased to its kind (a date gets impossible dates, a number broken
 * numbers, text invisible text), so that each field meets the values closest to what it takes; any nasty value
 * stays possible.
 */
const forDate = fc.oneof({ arbitrary: badDate, weight: 6 }, { arbitrary: anyNasty, weight: 1 })
const forText = fc.oneof({ arbitrary: badText, weight: 3 }, { arbitrary: numericString, weight: 1 }, { arbitrary: anyNasty, weight: 2 })
const forNumber = fc.oneof({ arbitrary: badNumber, weight: 4 }, { arbitrary: numericString, weight: 1 }, { arbitrary: anyNasty, weight: 1 })
const forBirthday = fc.oneof({ arbitrary: badBirthday, weight: 4 }, { arbitrary: anyNasty, weight: 1 })
export const nastyFor = (original: unknown): fc.Arbitrary<unknown> => {
  if (typeof original === 'string') return /^\d{4}-\d{2}/.test(original) ? forDate : forText
  if (typeof original === 'number') return forNumber
  if (original !== null && typeof original === 'object' && 'month' in original && 'day' in original) return forBirthday
  return anyNasty
}

// ---------------------------------------------------------------------------------------------------------
// The oracle: which replacements no schema may accept

const DATE_FIELDS = new Set(['startsAt', 'endsAt', 'rsvpDeadline', 'cancelDeadline', 'opensAt', 'nextDate', 'from', 'to', 'month'])
/** Free-text fields (PLAIN_TEXT in the schemas): no control, zero-width or direction characters, no broken surrogates. */
const TEXT_FIELDS = new Set([
  'name',
  'reason',
  'title',
  'description',
  'note',
  'notes',
  'search',
  'clothingSize',
  'shoeSize',
  'size',
  'colours',
  'styles',
])
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u
const isScalar = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'

/**
 * Why the value `bad`, put at `path` in place of the valid `original`, must be refused — or null when some
 * field might legitimately take it (an optional field left out, null where null is allowed, an object where
 * an object of optional fields goes, ordinary text where free text goes).
 */
export const mustRefuse = (path: (string | number)[], original: unknown, bad: unknown): string | null => {
  const field = [...path].reverse().find((p): p is string => typeof p === 'string') ?? ''
  if (bad === undefined || bad === null) return null
  if (typeof bad === 'string' && bad.length >= 1_000) return 'a 1,000+ character string'
  if (isScalar(original) && !isScalar(bad)) return `${Array.isArray(bad) ? 'an array' : 'an object'} in place of a ${typeof original}`
  if (isScalar(original) && typeof bad !== typeof original) return `a ${typeof bad} in place of a ${typeof original}`
  if (typeof original === 'number' && typeof bad === 'number' && (!Number.isInteger(bad) || Math.abs(bad) > 100_000_000))
    return `the number ${bad}`
  if (
    typeof bad === 'string' &&
    DATE_FIELDS.has(field) &&
    BAD_DATES.includes(bad) &&
    !(field === 'month' && bad === '2026-11') &&
    bad !== '2026-11-01 10:00:00Z'
  )
    return `the impossible date ${bad}`
  if (field === 'birthday' && BAD_BIRTHDAYS.includes(bad)) return `the impossible birthday ${JSON.stringify(bad)}`
  // Around the text, trimming removes them (String.prototype.trim takes U+FEFF too): only what remains counts.
  if (typeof bad === 'string' && TEXT_FIELDS.has(field) && INVISIBLE.test(bad.trim())) return `invisible or control characters in ${field}`
  return null
}

// ---------------------------------------------------------------------------------------------------------
// Oversized input: what a client can send well within CloudBase's 6 MB callFunction limit

/**
 * A 1 MB array of many small items, an array of one 1 MB string, and 10,000-deep nesting; `at` is where the
 * excess sits when the value is the whole input (the dotted path the refusal names, or a prefix of it).
 */
export const oversizedValues = (): { label: string; value: unknown; at: string }[] => [
  // JSON `"x",` is 4 bytes: 262,144 of them are 1 MB.
  { label: '1 MB array of 262,144 small items', value: Array<string>(262_144).fill('x'), at: '(input)' },
  { label: 'array of one 1 MB string', value: ['x'.repeat(1 << 20)], at: '0' },
  { label: '10,000-deep nesting', value: nested(10_000), at: 'a' },
]
