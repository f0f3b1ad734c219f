/**
 * Operator allow-lists. mingo understands far more of MongoDB than CloudBase accepts (and runs `$where`
 * functions), so every filter, update and pipeline is checked against what wx-server-sdk emits before it is
 * evaluated. Anything else fails loudly, naming the operator: a local cloud that quietly accepted it would
 * let code pass here that CloudBase rejects.
 */
import { DbError, NOT_AVAILABLE, invalidOperator, unavailable } from './errors'
import { isPlainObject } from './ejson'

/** Operators on a field: `{ field: { $op: ... } }` (the SDK's `_.eq`, `_.neq`, ..., `db.RegExp`). */
const FIELD_OPS = new Set([
  '$eq',
  '$ne',
  '$gt',
  '$gte',
  '$lt',
  '$lte',
  '$in',
  '$nin',
  '$exists',
  '$size',
  '$all',
  '$elemMatch',
  '$not',
  '$mod',
  '$regex',
  '$options',
])
/** Operators at the top of a filter (or inside them): `_.and`, `_.or`, `_.nor`. */
const LOGICAL_OPS = new Set(['$and', '$or', '$nor'])

const UPDATE_OPS = new Set(['$set', '$unset', '$inc', '$mul', '$min', '$max', '$push', '$pull', '$pullAll', '$addToSet', '$pop', '$rename'])
const PUSH_MODIFIERS = new Set(['$each', '$position', '$sort', '$slice'])

const PIPELINE_STAGES = new Set([
  '$addFields',
  '$bucket',
  '$bucketAuto',
  '$count',
  '$facet',
  '$group',
  '$limit',
  '$lookup',
  '$match',
  '$project',
  '$replaceRoot',
  '$sample',
  '$skip',
  '$sort',
  '$sortByCount',
  '$unwind',
])

/**
 * CloudBase operators the local cloud does not model (issue 18, item 5), by the SDK command that emits them: refused
 * with a message naming the command rather than as unknown operators.
 */
const UNMODELLED_QUERY_OPS: Record<string, string> = {
  $expr: 'db.command.expr',
  $near: 'db.command.geoNear',
  $nearSphere: 'db.command.geoNear',
  $geoWithin: 'db.command.geoWithin',
  $geoIntersects: 'db.command.geoIntersects',
}
const UNMODELLED_STAGES: Record<string, string> = { $geoNear: 'aggregate().geoNear()' }

const isOperatorObject = (v: unknown): v is Record<string, unknown> =>
  isPlainObject(v) && Object.keys(v).length > 0 && Object.keys(v).every((k) => k.startsWith('$'))

const unsupportedQuery = (op: string, coll: string) =>
  UNMODELLED_QUERY_OPS[op]
    ? unavailable(UNMODELLED_QUERY_OPS[op], `${op} in a query on ${coll}`)
    : invalidOperator(`unsupported query operator ${op} in ${coll}`)

/** Checks a filter document: `{ a: 1, b: { $gt: 2 }, $or: [...] }`. */
export const validateFilter = (filter: unknown, coll: string): void => {
  if (filter === undefined || filter === null) return
  if (!isPlainObject(filter)) throw new DbError('INVALID_PARAM', `local cloud: a query on ${coll} must be an object`)
  for (const [key, value] of Object.entries(filter)) {
    if (key.startsWith('$')) {
      if (!LOGICAL_OPS.has(key)) throw unsupportedQuery(key, coll)
      if (!Array.isArray(value) || value.length === 0)
        throw new DbError('INVALID_PARAM', `local cloud: ${key} in ${coll} needs a non-empty array`)
      for (const sub of value) validateFilter(sub, coll)
    } else {
      validateCondition(value, coll)
    }
  }
}

/** The value a field is matched against: a literal, or an object of field operators. */
const validateCondition = (value: unknown, coll: string): void => {
  if (!isPlainObject(value)) return // literal (also RegExp, Date, array): equality
  const keys = Object.keys(value)
  if (!keys.some((k) => k.startsWith('$'))) return // an embedded document: exact equality
  for (const op of keys) {
    if (!op.startsWith('$') || !FIELD_OPS.has(op)) throw unsupportedQuery(op, coll)
    const arg = value[op]
    if (op === '$elemMatch') {
      // Either a filter on the elements' fields or field operators on scalar elements.
      if (isOperatorObject(arg) && !Object.keys(arg).some((k) => LOGICAL_OPS.has(k))) validateCondition(arg, coll)
      else validateFilter(arg, coll)
    } else if (op === '$not') {
      if (!(arg instanceof RegExp)) validateCondition(arg, coll)
    } else if (op === '$in' || op === '$nin' || op === '$all') {
      if (!Array.isArray(arg)) throw new DbError('INVALID_PARAM', `local cloud: ${op} in ${coll} needs an array`)
      for (const item of arg) if (isOperatorObject(item)) validateCondition(item, coll)
    }
  }
}

/** Every path an update touches, for the `_id` check. */
const touchedPaths = (update: Record<string, unknown>): string[] => {
  const paths: string[] = []
  for (const [op, spec] of Object.entries(update)) {
    if (!isPlainObject(spec)) continue
    for (const [path, arg] of Object.entries(spec)) {
      paths.push(path)
      if (op === '$rename' && typeof arg === 'string') paths.push(arg)
    }
  }
  return paths
}

/**
 * Checks an update document (merge mode) and rewrites the one SDK quirk: `_.addToSet({ each: [...] })` is sent
 * as `{ each: [...] }`, which CloudBase reads as `$each`.
 */
export const validateUpdate = (update: unknown, coll: string): Record<string, unknown> => {
  if (!isPlainObject(update) || Object.keys(update).length === 0)
    throw new DbError('INVALID_PARAM', `local cloud: an update of ${coll} needs a non-empty object`)
  const out: Record<string, unknown> = {}
  for (const [op, spec] of Object.entries(update)) {
    if (!op.startsWith('$')) throw invalidOperator(`an update of ${coll} must use update operators; got the plain field ${op}`)
    if (!UPDATE_OPS.has(op)) throw invalidOperator(`unsupported update operator ${op} in ${coll}`)
    if (!isPlainObject(spec)) throw new DbError('INVALID_PARAM', `local cloud: ${op} in ${coll} needs an object`)
    const fields: Record<string, unknown> = {}
    for (const [path, arg] of Object.entries(spec)) {
      const positional = path.split('.').find((seg) => seg.startsWith('$'))
      if (positional) {
        const kind =
          positional === '$' || positional === '$[]' ? positional : /^\$\[.+\]$/.test(positional) ? '$[<identifier>]' : positional
        throw new DbError('DATABASE_INVALID_OPERRATOR', `${NOT_AVAILABLE}: positional update paths (${kind} in ${path}), ${op} on ${coll}`)
      }
      fields[path] = op === '$addToSet' ? addToSetArg(arg, coll) : arg
      if (op === '$push' && isPlainObject(arg) && Object.keys(arg).some((k) => k.startsWith('$'))) {
        for (const m of Object.keys(arg)) if (!PUSH_MODIFIERS.has(m)) throw invalidOperator(`unsupported $push modifier ${m} in ${coll}`)
      }
      if (op === '$pull' && isPlainObject(arg)) {
        if (isOperatorObject(arg)) validateCondition(arg, coll)
        else validateFilter(arg, coll)
      }
    }
    out[op] = fields
  }
  for (const path of touchedPaths(out)) {
    if (path === '_id' || path.startsWith('_id.'))
      throw new DbError('DATABASE_REQUEST_FAILED', `local cloud: an update may not change _id (${coll})`)
  }
  return out
}

const addToSetArg = (arg: unknown, coll: string): unknown => {
  if (isPlainObject(arg)) {
    const keys = Object.keys(arg)
    if (keys.length === 1 && keys[0] === 'each' && Array.isArray(arg.each)) return { $each: arg.each }
    if (keys.some((k) => k.startsWith('$')) && !(keys.length === 1 && keys[0] === '$each'))
      throw invalidOperator(`unsupported $addToSet modifier ${keys.join(',')} in ${coll}`)
  }
  return arg
}

/** Checks an aggregation pipeline's stages (and the filters inside `$match`). */
export const validatePipeline = (stages: Record<string, unknown>[], coll: string): void => {
  for (const stage of stages) {
    const [key] = Object.keys(stage)
    if (UNMODELLED_STAGES[key]) throw unavailable(UNMODELLED_STAGES[key], `${key} stage on ${coll}`)
    if (!PIPELINE_STAGES.has(key)) throw invalidOperator(`unsupported aggregation stage ${key} in ${coll}`)
    if (key === '$match') validateFilter(stage[key], coll)
  }
}

/** A sort specification: `{ field: 1 | -1 }`. */
export const validateOrder = (order: unknown, coll: string): Record<string, 1 | -1> | undefined => {
  if (order === undefined || order === null) return undefined
  if (!isPlainObject(order)) throw new DbError('INVALID_PARAM', `local cloud: orderBy on ${coll} must be an object`)
  for (const [field, dir] of Object.entries(order)) {
    if (dir !== 1 && dir !== -1) throw new DbError('INVALID_PARAM', `local cloud: orderBy ${field} on ${coll} must be 1 or -1`)
  }
  return order as Record<string, 1 | -1>
}
