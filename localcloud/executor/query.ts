/**
 * Query evaluation: equality conditions on `_id` and on indexed fields are pushed down to SQLite to narrow the
 * candidate rows; mingo then evaluates the full filter on them, and sorts, skips, limits and projects.
 * Push-down only ever narrows to a superset of the matches (arrays on indexed paths are refused at write),
 * so the result is mingo's alone.
 */
import { Query, find } from 'mingo'
import { type Doc, decodeDoc, isPlainObject } from './ejson'
import { DbError } from './errors'
import { type Pushdown, type Row, canPushDown } from './store'

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
  if (keys[0] === '$in' && Array.isArray(cond.$in) && cond.$in.every(canPushDown)) return cond.$in
  return undefined
}

/**
 * Chooses one equality to push down: `_id` first, else the first field that leads a declared index.
 * Looks at top-level fields and inside a top-level `$and` (every branch must hold, so any one narrows).
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
  for (const [k, v] of conditions) {
    if (!indexedFields.has(k)) continue
    const values = pinnedValues(v)
    if (values) return { field: { path: k, values } }
  }
  return undefined
}

export const compileFilter = (filter: Doc | undefined) => new Query(filter ?? {}, MINGO_OPTIONS)

/** Decodes candidate rows and keeps those the filter matches. */
export const matchRows = (rows: Iterable<{ key: string; doc: Doc }>, filter: Doc | undefined) => {
  const q = compileFilter(filter)
  const out: { key: string; doc: Doc }[] = []
  for (const r of rows) if (q.test(r.doc)) out.push(r)
  return out
}

export const decodeRows = (rows: Row[]) => rows.map((r) => ({ key: r.key, doc: decodeDoc(r.doc), seq: r.seq }))

export interface Shape {
  order?: Record<string, 1 | -1>
  offset?: number
  limit?: number
  projection?: Doc
}

/** Sorts, skips and limits (capped at 1,000) first, then projects, as MongoDB does. */
export const shape = (docs: Doc[], { order, offset, limit, projection }: Shape): Doc[] => {
  const lim = Math.min(limit && limit > 0 ? limit : MAX_LIMIT, MAX_LIMIT)
  if (offset !== undefined && (!Number.isInteger(offset) || offset < 0))
    throw new DbError('INVALID_PARAM', `local cloud: skip must be a non-negative integer, got ${offset}`)
  let cursor = find(docs, {}, undefined, MINGO_OPTIONS)
  if (order && Object.keys(order).length > 0) cursor = cursor.sort(order)
  const page = cursor.skip(offset ?? 0).limit(lim).all() as Doc[]
  if (!projection || Object.keys(projection).length === 0) return page
  return find(page, {}, projection, MINGO_OPTIONS).all() as Doc[]
}
