/**
 * MongoDB's type rules for update operators, checked against the stored document before mingo applies anything.
 * mingo's updater quietly skips an operator that does not fit the value it finds (`$inc` on a string, `$push` on a
 * non-array, a dotted `$set` through a scalar) and applies the others; MongoDB — and so CloudBase — refuses the
 * whole update of that document and changes nothing. The messages are MongoDB's own (its update nodes, 4.x), and
 * CloudBase passes them through as DATABASE_REQUEST_FAILED (-502001); see localcloud/README.md, "Wrong-type updates".
 *
 * The update has been validated (validate.ts): known operators, no positional paths, no conflicting paths — so every
 * path is checked against the document as it was, as MongoDB's update tree does.
 */
import { type Doc, isPlainObject } from './ejson'
import { writeError } from './errors'

/** Operators that create a missing path (MongoDB: a path that cannot be created is an error for them). */
const CREATES = new Set(['$set', '$inc', '$mul', '$min', '$max', '$push', '$addToSet'])

const bsonKind = (v: unknown): string | undefined =>
  v !== null && typeof v === 'object' ? (v as { _bsontype?: string })._bsontype : undefined

/** MongoDB's name for a value's BSON type (its `typeName`), as the SDK would have stored the value. */
export const typeName = (v: unknown): string => {
  if (v === null) return 'null'
  if (v === undefined) return 'undefined'
  if (Array.isArray(v)) return 'array'
  switch (typeof v) {
    case 'string':
      return 'string'
    case 'boolean':
      return 'bool'
    case 'number':
      // The SDK writes canonical EJSON: integers that fit 32 bits as $numberInt, other numbers as $numberDouble.
      return Number.isInteger(v) && Math.abs(v) <= 2_147_483_647 ? 'int' : 'double'
    case 'bigint':
      return 'long'
  }
  if (v instanceof Date) return 'date'
  if (v instanceof RegExp) return 'regex'
  switch (bsonKind(v)) {
    case 'ObjectId':
    case 'ObjectID':
      return 'objectId'
    case 'Long':
      return 'long'
    case 'Decimal128':
      return 'decimal'
    case 'Int32':
      return 'int'
    case 'Double':
      return 'double'
    case 'Binary':
      return 'binData'
    case 'Timestamp':
      return 'timestamp'
  }
  return 'object'
}

const isNumeric = (v: unknown) => typeof v === 'number' || ['Long', 'Decimal128', 'Int32', 'Double'].includes(bsonKind(v) ?? '')

/** A value as MongoDB's BSONElement::toString prints it (`5`, `"str"`, `null`, `[ 1, 2 ]`, `{ a: 1 }`). */
export const bsonString = (v: unknown): string => {
  if (v === null) return 'null'
  if (v === undefined) return 'undefined'
  if (typeof v === 'string') return JSON.stringify(v)
  if (typeof v === 'number') return typeName(v) === 'double' && Number.isInteger(v) ? `${v}.0` : String(v)
  if (typeof v === 'boolean' || typeof v === 'bigint') return String(v)
  if (Array.isArray(v)) return v.length === 0 ? '[]' : `[ ${v.map(bsonString).join(', ')} ]`
  if (v instanceof Date) return `new Date(${v.getTime()})`
  if (v instanceof RegExp) return `/${v.source}/${v.flags}`
  if (bsonKind(v) === 'ObjectId' || bsonKind(v) === 'ObjectID') return `ObjectId('${String(v)}')`
  if (isPlainObject(v)) {
    const entries = Object.entries(v)
    return entries.length === 0 ? '{}' : `{ ${entries.map(([k, x]) => `${k}: ${bsonString(x)}`).join(', ')} }`
  }
  return String(v)
}

const isIndex = (seg: string) => /^\d+$/.test(seg)

type Walk =
  /** The whole path exists; `name` is its last field name. */
  | { kind: 'found'; value: unknown; name: string }
  /** It does not exist but could be created (a missing key, or an index past an array's end). */
  | { kind: 'missing' }
  /** It runs into a value that cannot hold `field`: the element `{ name: value }`. */
  | { kind: 'blocked'; name: string; value: unknown; field: string }

/** Follows a dotted path as MongoDB's findLongestPrefix does (numeric parts index arrays; anything else is not viable). */
const walk = (doc: Doc, path: string): Walk & { arrayAt?: string } => {
  const segs = path.split('.')
  let cur: unknown = doc
  let name = ''
  let arrayAt: string | undefined
  for (const seg of segs) {
    if (Array.isArray(cur)) {
      arrayAt ??= name
      if (!isIndex(seg)) return { kind: 'blocked', name, value: cur, field: seg, arrayAt }
      const i = Number(seg)
      if (i >= cur.length) return { kind: 'missing', arrayAt }
      cur = cur[i]
    } else if (isPlainObject(cur)) {
      if (!Object.prototype.hasOwnProperty.call(cur, seg)) return { kind: 'missing', arrayAt }
      cur = cur[seg]
    } else {
      return { kind: 'blocked', name, value: cur, field: seg, arrayAt }
    }
    name = seg
  }
  return { kind: 'found', value: cur, name, arrayAt }
}

const cannotCreate = (w: { name: string; value: unknown; field: string }) =>
  writeError(`Cannot create field '${w.field}' in element {${w.name}: ${bsonString(w.value)}}`)

/**
 * Throws MongoDB's error for the first operator of `update` that cannot apply to `doc`; returns normally when every
 * one can (mingo then applies them all).
 */
export const checkUpdateTypes = (doc: Doc, update: Record<string, unknown>): void => {
  checkConflicts(update)
  const id = `_id: ${bsonString(doc._id)}`
  for (const [op, spec] of Object.entries(update)) {
    if (!isPlainObject(spec)) continue
    for (const [path, arg] of Object.entries(spec)) {
      if (op === '$rename') {
        checkRename(doc, path, arg, id)
        continue
      }
      if (op === '$inc' && !isNumeric(arg)) throw writeError(`Cannot increment with non-numeric argument: {${path}: ${bsonString(arg)}}`)
      if (op === '$mul' && !isNumeric(arg)) throw writeError(`Cannot multiply with non-numeric argument: {${path}: ${bsonString(arg)}}`)
      const w = walk(doc, path)
      if (w.kind === 'blocked') {
        // $unset, $pull, $pullAll, $pop on a path that cannot exist change nothing (MongoDB allows a non-viable path).
        if (CREATES.has(op)) throw cannotCreate(w)
        continue
      }
      if (w.kind === 'missing') continue
      const v = w.value
      switch (op) {
        case '$inc':
        case '$mul':
          if (!isNumeric(v))
            throw writeError(
              `Cannot apply ${op} to a value of non-numeric type. {${id}} has the field '${w.name}' of non-numeric type ${typeName(v)}`,
            )
          break
        case '$push':
          if (!Array.isArray(v))
            throw writeError(`The field '${w.name}' must be an array but is of type ${typeName(v)} in document {${id}}`)
          break
        case '$addToSet':
          if (!Array.isArray(v))
            throw writeError(`Cannot apply $addToSet to non-array field. Field named '${w.name}' has non-array type ${typeName(v)}`)
          break
        case '$pop':
          if (!Array.isArray(v)) throw writeError(`Path '${path}' contains an element of non-array type '${typeName(v)}'`)
          break
        case '$pull':
        case '$pullAll':
          if (!Array.isArray(v)) throw writeError(`Cannot apply ${op} to a non-array value`)
          break
      }
    }
  }
}

/** Two operators on one path, or on a path and a path inside it: MongoDB refuses the update when parsing it. */
const checkConflicts = (update: Record<string, unknown>) => {
  const seen: string[] = []
  for (const [op, spec] of Object.entries(update)) {
    if (!isPlainObject(spec)) continue
    for (const [path, arg] of Object.entries(spec)) {
      const paths = op === '$rename' && typeof arg === 'string' && arg !== path ? [path, arg] : [path]
      for (const p of paths) {
        for (const q of seen) {
          if (p === q || p.startsWith(`${q}.`) || q.startsWith(`${p}.`)) {
            const [longer, shorter] = p.length >= q.length ? [p, q] : [q, p]
            throw writeError(`Updating the path '${longer}' would create a conflict at '${shorter}'`)
          }
        }
      }
      seen.push(...paths)
    }
  }
}

/** `$rename: { from: to }`: MongoDB's parse rules, then the array rules on both paths, then the destination's viability. */
const checkRename = (doc: Doc, from: string, to: unknown, id: string) => {
  if (typeof to !== 'string') throw writeError(`The 'to' field for $rename must be a string: ${from}: ${bsonString(to)}`)
  if (from === to) throw writeError(`The source and target field for $rename must differ: ${from}: ${bsonString(to)}`)
  if (to.startsWith(`${from}.`) || from.startsWith(`${to}.`))
    throw writeError(`The source and target field for $rename must not be on the same path: ${from}: ${bsonString(to)}`)
  const source = walk(doc, from)
  if (source.kind !== 'found') return // nothing to move: a no-op
  if (source.arrayAt !== undefined)
    throw writeError(
      `The source field cannot be an array element, '${from}' in doc with ${id} has an array field called '${source.arrayAt}'`,
    )
  const dest = walk(doc, to)
  if (dest.arrayAt !== undefined)
    throw writeError(
      `The destination field cannot be an array element, '${to}' in doc with ${id} has an array field called '${dest.arrayAt}'`,
    )
  if (dest.kind === 'blocked') throw cannotCreate(dest)
}
