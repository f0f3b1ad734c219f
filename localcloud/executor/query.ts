/**
 * Query evaluation: equality conditions on `_id` and on indexed fields are pushed down to SQLite to narrow the
 * candidate rows; mingo then evaluates the full filter on them, and sorts, skips, limits and projects.
 * Push-down only ever narrows to a superset of the matches (arrays on indexed paths are refused at write),
 * so the result is mingo's alone.
 */
import { find } from 'mingo'
import { Context } from 'mingo/core'
import * as projectionOperators from 'mingo/operators/projection'
import * as queryOperators from 'mingo/operators/query'
import { Query } from 'mingo/query'
import { type Doc, decodeDoc, isPlainObject } from './ejson'
import { DbError } from './errors'
import { type NumberRange, type StringRange, type Pushdown, type Row, canPushDown } from './store'

/** CloudBase returns at most 1,000 documents per query in a cloud function. */
export const MAX_LIMIT = 1000

const MINGO_OPTIONS = { scriptEnabled: false } as const

/** The scalar values a condition pins a field to (`v`, `{ $eq: v }`, `{ $in: [...] }`), if it does. */
const pinnedValues = (cond: unknown): unknown[] | undefined => {
  if (canPushDown(cond)) return [cond]
  if (!isPlainObject(cond)) return undefined
  const keys = Object.keys(cond)
  if (keys.length !== 1) return undefined
  if (keys[0] === '$eq' && canPushDown(cond.$eq)) return [cond.$eq]
  if (keys[0] === '$in' && Array.isArray(cond.$in) && cond.$in.every(canPushDown)) return cond.$in as unknown[]
  return undefined
}

/**
 * String bounds a condition puts on its field (`{ $gt: 'a' }`, `{ $gte: 'a', $lt: 'b' }`), if any: they hold
 * whatever else the condition says, and a string bound matches strings only (MongoDB compares like types).
 */
const stringBounds = (cond: unknown): StringRange | undefined => {
  if (!isPlainObject(cond)) return undefined
  const out: StringRange = {}
  for (const op of ['$gt', '$gte', '$lt', '$lte'] as const)
    if (typeof cond[op] === 'string') out[op.slice(1) as keyof StringRange] = cond[op]
  return Object.keys(out).length > 0 ? out : undefined
}

/** Number bounds a condition puts on its field (`{ $gt: 0 }`); like string bounds, they match numbers only. */
const numberBounds = (cond: unknown): NumberRange | undefined => {
  if (!isPlainObject(cond)) return undefined
  const out: NumberRange = {}
  for (const op of ['$gt', '$gte', '$lt', '$lte'] as const)
    if (typeof cond[op] === 'number' && Number.isFinite(cond[op])) out[op.slice(1) as keyof NumberRange] = cond[op]
  return Object.keys(out).length > 0 ? out : undefined
}

/**
 * Chooses what to push down: `_id` equalities first; else the first equality on a field that leads a declared
 * index; and string ranges on `_id` (a chunked walk's cursor), combined with the equality. Looks at top-level
 * fields and inside a top-level `$and` (every branch must hold, so any one narrows).
 */
export const choosePushdown = (filter: Doc | undefined, indexedFields: Set<string>): Pushdown | undefined => {
  if (!filter) return undefined
  const conditions: [string, unknown][] = []
  const collect = (f: Doc) => {
    for (const [k, v] of Object.entries(f)) {
      if (k === '$and' && Array.isArray(v)) for (const sub of v) if (isPlainObject(sub)) collect(sub)
      if (!k.startsWith('$')) conditions.push([k, v])
    }
  }
  collect(filter)
  for (const [k, v] of conditions) {
    if (k !== '_id') continue
    const ids = pinnedValues(v)?.filter((id) => typeof id === 'string' || typeof id === 'number')
    if (ids) return { ids }
  }
  const out: Pushdown = {}
  for (const [k, v] of conditions) {
    if (!indexedFields.has(k)) continue
    const values = pinnedValues(v)
    if (values) {
      out.field = { path: k, values }
      break
    }
  }
  // Else a string range on an indexed field (e.g. an expiry instant `_.lte(now)`).
  if (!out.field) {
    for (const [k, v] of conditions) {
      if (indexedFields.has(k) && stringBounds(v)) {
        out.field = { path: k, range: tightest(conditions.filter(([c]) => c === k).map(([, w]) => stringBounds(w) ?? {})) }
        break
      }
    }
  }
  // Else a number range on an indexed field (e.g. `purchaseCount > 0`, ordered by it for a top list).
  if (!out.field) {
    for (const [k, v] of conditions) {
      const bounds = numberBounds(v)
      if (k !== '_id' && indexedFields.has(k) && bounds) {
        out.field = { path: k, numRange: bounds }
        break
      }
    }
  }
  const idRanges = conditions
    .filter(([k]) => k === '_id')
    .map(([, v]) => stringBounds(v))
    .filter((b): b is StringRange => !!b)
  if (idRanges.length > 0) out.idRange = tightest(idRanges)
  return out.field || out.idRange ? out : undefined
}

/**
 * Several ranges that all hold, as one (the largest lower and smallest upper bound of each kind). Compared as
 * JS strings; where that differs from SQLite's code point order (astral characters) the range only gets looser,
 * and mingo still evaluates the filter.
 */
const tightest = (ranges: StringRange[]): StringRange => {
  const out: StringRange = {}
  for (const r of ranges) {
    if (r.gt !== undefined && (out.gt === undefined || r.gt > out.gt)) out.gt = r.gt
    if (r.gte !== undefined && (out.gte === undefined || r.gte > out.gte)) out.gte = r.gte
    if (r.lt !== undefined && (out.lt === undefined || r.lt < out.lt)) out.lt = r.lt
    if (r.lte !== undefined && (out.lte === undefined || r.lte < out.lte)) out.lte = r.lte
  }
  return out
}

/**
 * The direction of an order that is exactly `{ field: 1 | -1 }` on the field a range (numbers, or strings such as
 * ISO instants) was pushed down on: SQLite then gives the rows in that order (ties by `_id`), so a top-N query or
 * a page of a time range reads about a page of rows, not every match.
 */
export const fieldOrderOf = (order: Record<string, 1 | -1> | undefined, pushdown: Pushdown | undefined): 1 | -1 | undefined => {
  if (!order || !(pushdown?.field?.numRange || pushdown?.field?.range) || pushdown.ids) return undefined
  const keys = Object.keys(order)
  return keys.length === 1 && keys[0] === pushdown.field.path ? order[keys[0]] : undefined
}

/** The direction of an order that is exactly `{ _id: 1 | -1 }`. */
export const idOrderOf = (order: Record<string, 1 | -1> | undefined): 1 | -1 | undefined => {
  if (!order) return undefined
  const keys = Object.keys(order)
  return keys.length === 1 && keys[0] === '_id' ? order._id : undefined
}

/**
 * Filters compile against a context holding only the query and projection operators: mingo's default entry point
 * copies its whole operator registry (hundreds of expression operators) into a new context for every Query, which
 * cost more than evaluating the filter. The allow-list (validate.ts) admits no operator outside these.
 */
const QUERY_CONTEXT = Context.init({
  query: queryOperators as unknown as Record<string, never>,
  projection: projectionOperators as unknown as Record<string, never>,
})
const QUERY_OPTIONS = { ...MINGO_OPTIONS, context: QUERY_CONTEXT }

/**
 * Whether the pushed-down equality IS the whole filter (`{ f: v }`, `{ f: { $eq: v } }`, `{ f: { $in: [...] } }`
 * with scalars): then SQLite's answer is exactly mingo's — keys keep types apart as mingo does, and indexed paths
 * cannot hold arrays (refused at write) — and the rows need no decoding or evaluation.
 */
export const pushdownIsWholeFilter = (filter: Doc | undefined, pushdown: Pushdown | undefined): boolean => {
  if (!filter || !pushdown || pushdown.idRange) return false
  const keys = Object.keys(filter)
  if (keys.length !== 1) return false
  if (!pushdown.ids && !pushdown.field?.values) return false
  const path = pushdown.ids ? '_id' : pushdown.field!.path
  return keys[0] === path && pinnedValues(filter[path]) !== undefined
}

export const compileFilter = (filter: Doc | undefined) => new Query(filter ?? {}, QUERY_OPTIONS)

/** Decodes candidate rows and keeps those the filter matches. */
export const matchRows = <R extends { key: string; doc: Doc }>(rows: Iterable<R>, filter: Doc | undefined): R[] => {
  const out: R[] = []
  if (!filter || Object.keys(filter).length === 0) {
    for (const r of rows) out.push(r)
    return out
  }
  const q = compileFilter(filter)
  for (const r of rows) if (q.test(r.doc)) out.push(r)
  return out
}

/** Decoded rows; `text` keeps the stored EJSON, which is also the answer's encoding of an unchanged document. */
export const decodeRows = (rows: Row[]) => rows.map((r) => ({ key: r.key, doc: decodeDoc(r.doc), seq: r.seq, text: r.doc }))

export interface Shape {
  order?: Record<string, 1 | -1>
  offset?: number
  limit?: number
  projection?: Doc
}

/** How many documents a query answers at most: its limit, capped at 1,000. */
export const pageSize = (limit: number | undefined) => Math.min(limit && limit > 0 ? limit : MAX_LIMIT, MAX_LIMIT)

export const checkOffset = (offset: number | undefined) => {
  if (offset !== undefined && (!Number.isInteger(offset) || offset < 0))
    throw new DbError('INVALID_PARAM', `local cloud: skip must be a non-negative integer, got ${offset}`)
}

/** Sorts, skips and limits (capped at 1,000) first, then projects, as MongoDB does. */
export const shape = (docs: Doc[], { order, offset, limit, projection }: Shape): Doc[] => {
  const lim = pageSize(limit)
  checkOffset(offset)
  const sorted = order && Object.keys(order).length > 0
  // Without a sort, paging is a slice (mingo's cursor costs ~50 µs even for one document).
  const page = sorted
    ? (find(docs, {}, undefined, MINGO_OPTIONS)
        .sort(order)
        .skip(offset ?? 0)
        .limit(lim)
        .all() as Doc[])
    : docs.slice(offset ?? 0, (offset ?? 0) + lim)
  if (!projection || Object.keys(projection).length === 0) return page
  return find(page, {}, projection, MINGO_OPTIONS).all()
}
