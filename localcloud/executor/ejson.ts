/**
 * The wire format: the SDK sends queries, updates and documents as EJSON strings and parses answers with
 * bson's EJSON (relaxed). Storage uses relaxed EJSON text too, so dates survive a round trip.
 */
import { BSONRegExp, EJSON } from 'bson'

export type Doc = Record<string, unknown>

/** JS RegExp flags that have a BSON meaning; BSON's `x` and `l` have no JS equivalent. */
const JS_FLAGS = new Set(['i', 'm', 's', 'u'])

/**
 * A plain `{}` object, from any realm: requests arrive from worker threads (structured clone) and jest runs tests
 * in a vm context, so `Object.getPrototypeOf(v) === Object.prototype` would reject them.
 */
const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null || Object.prototype.toString.call(v) !== '[object Object]') return false
  const proto: unknown = Object.getPrototypeOf(v)
  return proto === null || Object.getPrototypeOf(proto) === null
}

/**
 * Turns what EJSON.parse produced into values mingo evaluates: BSONRegExp → RegExp (mingo does not match
 * BSONRegExp), and `{ $tcb_server_date: { offset } }` (db.serverDate()) → the executor's clock + offset.
 */
export const normalize = (value: unknown, nowMs: number): unknown => {
  if (value instanceof BSONRegExp) {
    const flags = [...value.options].filter((f) => JS_FLAGS.has(f)).join('')
    return new RegExp(value.pattern, flags)
  }
  if (Array.isArray(value)) return value.map((v) => normalize(v, nowMs))
  if (isPlainObject(value)) {
    const keys = Object.keys(value)
    if (keys.length === 1 && keys[0] === '$tcb_server_date') {
      const spec = value.$tcb_server_date as { offset?: unknown } | null
      const offset = typeof spec?.offset === 'number' ? spec.offset : 0
      return new Date(nowMs + offset)
    }
    const out: Record<string, unknown> = {}
    for (const k of keys) out[k] = normalize(value[k], nowMs)
    return out
  }
  return value
}

/**
 * Text with no `$` anywhere holds no EJSON wrapper ($numberInt, $date, ...), no server date and no regex: plain
 * JSON, which JSON.parse reads exactly as EJSON.parse (relaxed) would, several times faster.
 */
const plainJson = (text: string) => !text.includes('$')

/** Parses one EJSON string from the SDK. */
export const decode = (text: unknown, nowMs: number): unknown => {
  if (typeof text !== 'string') return normalize(text, nowMs)
  if (plainJson(text)) return JSON.parse(text)
  return normalize(EJSON.parse(text, { relaxed: true }), nowMs)
}

/** Parses a stored document (no server dates can be in it). */
export const decodeDoc = (text: string): Doc =>
  (plainJson(text) ? JSON.parse(text) : normalize(EJSON.parse(text, { relaxed: true }), 0)) as Doc

/** Serializes a document for storage and for answers (the SDK parses either form). */
export const encodeDoc = (doc: unknown): string => EJSON.stringify(doc, { relaxed: true })

/** A deep copy that keeps Dates and RegExps (documents are plain data; no functions). */
export const cloneDoc = <T>(doc: T): T => structuredClone(doc)

export { isPlainObject }
