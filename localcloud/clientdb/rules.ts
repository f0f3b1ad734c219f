/**
 * Database security rules (CloudBase's 安全规则), as each collection declares them in
 * database/collections/<name>.json: `"rules": { "read": <rule>, "write": <rule> }`, a rule being `true`, `false`
 * or an expression string such as `"doc._id == auth.openid"`. They govern client-side access only (the
 * mini-program's `wx.cloud.database()`); cloud functions are never subject to them.
 *
 * The local cloud understands the subset of CloudBase's expression language this project can need, and refuses
 * the rest at start (never kinder: a rule it cannot evaluate would otherwise allow or deny by accident):
 *   literals   true false null 'text' "text" 12 -3.5
 *   variables  doc.<field>[.<field>...]   auth.openid   auth.uid (always null: mini-program requests carry none)
 *   operators  == != && || ! ( )
 * `now`, `in`, `get()`, `request.data` and comparisons other than == / != are refused.
 *
 * Evaluation follows CloudBase's documented semantics — "前端查询条件必须是安全规则的子集": a rule is checked
 * against the QUERY, not against the documents it would return. `doc.x` takes the value the query pins `x` to
 * (an equality on `x`, directly or in an `$and`); a field the query does not pin is unknown, and a rule that is
 * not true whatever the unknown values are denies the whole request. An `$or` query must satisfy the rule in
 * every branch. For add(), `doc` is each new document.
 */

export type RuleValue = string | number | boolean | null

/** A value the query leaves open. */
export const UNKNOWN: unique symbol = Symbol('unknown')
type Tri = RuleValue | typeof UNKNOWN

type Node =
  | { kind: 'lit'; value: RuleValue }
  | { kind: 'doc'; path: string }
  | { kind: 'auth'; field: 'openid' | 'uid' }
  | { kind: 'not'; of: Node }
  | { kind: 'and' | 'or'; left: Node; right: Node }
  | { kind: 'eq' | 'neq'; left: Node; right: Node }

export interface Rule {
  /** As declared, for messages. */
  source: boolean | string
  node: Node
}

export interface CollectionRules {
  read: Rule
  write: Rule
}

export class RuleError extends Error {
  override name = 'RuleError' as const
}

/** CloudBase's limit on one expression. */
const MAX_RULE_LENGTH = 1024

type Token = { t: 'op'; v: string } | { t: 'id'; v: string } | { t: 'str'; v: string } | { t: 'num'; v: number }

const tokenize = (src: string): Token[] => {
  const out: Token[] = []
  let i = 0
  while (i < src.length) {
    const c = src[i]
    if (/\s/.test(c)) {
      i++
      continue
    }
    const two = src.slice(i, i + 2)
    if (['==', '!=', '&&', '||'].includes(two)) {
      out.push({ t: 'op', v: two })
      i += 2
      continue
    }
    if (c === '!' || c === '(' || c === ')' || c === '.') {
      out.push({ t: 'op', v: c })
      i++
      continue
    }
    if (c === "'" || c === '"') {
      const end = src.indexOf(c, i + 1)
      if (end < 0) throw new RuleError(`unterminated string at ${i}`)
      const text = src.slice(i + 1, end)
      if (text.includes('\\')) throw new RuleError('escapes in strings are not supported by the local cloud')
      out.push({ t: 'str', v: text })
      i = end + 1
      continue
    }
    const num = /^-?\d+(\.\d+)?/.exec(src.slice(i))
    if (num) {
      out.push({ t: 'num', v: Number(num[0]) })
      i += num[0].length
      continue
    }
    const id = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(src.slice(i))
    if (id) {
      out.push({ t: 'id', v: id[0] })
      i += id[0].length
      continue
    }
    throw new RuleError(`unexpected ${JSON.stringify(c)} at ${i} (not supported by the local cloud: == != && || ! only)`)
  }
  return out
}

const parseExpression = (src: string): Node => {
  const tokens = tokenize(src)
  let pos = 0
  const peek = () => tokens[pos]
  const isOp = (v: string) => peek()?.t === 'op' && peek().v === v
  const expectOp = (v: string) => {
    if (!isOp(v)) throw new RuleError(`expected ${JSON.stringify(v)} at token ${pos}`)
    pos++
  }

  const primary = (): Node => {
    const tok = peek()
    if (!tok) throw new RuleError('unexpected end of the rule')
    if (tok.t === 'op' && tok.v === '(') {
      pos++
      const inner = or()
      expectOp(')')
      return inner
    }
    pos++
    if (tok.t === 'str') return { kind: 'lit', value: tok.v }
    if (tok.t === 'num') return { kind: 'lit', value: tok.v }
    if (tok.t === 'op') throw new RuleError(`unexpected ${JSON.stringify(tok.v)}`)
    if (tok.v === 'true' || tok.v === 'false') return { kind: 'lit', value: tok.v === 'true' }
    if (tok.v === 'null') return { kind: 'lit', value: null }
    if (tok.v === 'doc' || tok.v === 'auth') {
      const parts: string[] = []
      while (isOp('.')) {
        pos++
        const name = peek()
        if (name?.t !== 'id') throw new RuleError(`expected a field name after "${tok.v}."`)
        parts.push(name.v)
        pos++
      }
      if (isOp('(')) throw new RuleError('function calls are not supported by the local cloud')
      if (parts.length === 0) throw new RuleError(`"${tok.v}" needs a field`)
      if (tok.v === 'doc') return { kind: 'doc', path: parts.join('.') }
      if (parts.length === 1 && (parts[0] === 'openid' || parts[0] === 'uid')) return { kind: 'auth', field: parts[0] }
      throw new RuleError(`auth.${parts.join('.')} is not supported by the local cloud (auth.openid, auth.uid)`)
    }
    throw new RuleError(`"${tok.v}" is not supported by the local cloud (doc.*, auth.openid, literals)`)
  }
  const unary = (): Node => {
    if (isOp('!')) {
      pos++
      return { kind: 'not', of: unary() }
    }
    return comparison()
  }
  const comparison = (): Node => {
    const left = primary()
    if (isOp('==') || isOp('!=')) {
      const kind = peek().v === '==' ? 'eq' : 'neq'
      pos++
      return { kind, left, right: primary() }
    }
    return left
  }
  const and = (): Node => {
    let left = unary()
    while (isOp('&&')) {
      pos++
      left = { kind: 'and', left, right: unary() }
    }
    return left
  }
  const or = (): Node => {
    let left = and()
    while (isOp('||')) {
      pos++
      left = { kind: 'or', left, right: and() }
    }
    return left
  }
  const node = or()
  if (pos < tokens.length)
    throw new RuleError(
      `unexpected ${JSON.stringify((tokens[pos] as { v: unknown }).v)} after the expression (not supported by the local cloud)`,
    )
  return node
}

/** Parses one declared rule; throws RuleError for anything the local cloud cannot evaluate exactly. */
export const parseRule = (source: unknown): Rule => {
  if (typeof source === 'boolean') return { source, node: { kind: 'lit', value: source } }
  if (typeof source !== 'string') throw new RuleError(`a rule is true, false or an expression string, got ${JSON.stringify(source)}`)
  if (source.length > MAX_RULE_LENGTH) throw new RuleError(`a rule is at most ${MAX_RULE_LENGTH} characters (CloudBase's limit)`)
  return { source, node: parseExpression(source) }
}

/**
 * A collection's rules from its declaration. Missing rules deny (CloudBase's default for a collection under
 * security rules is read false, write false); `create`/`update`/`delete` overrides are refused (not needed here).
 */
export const parseCollectionRules = (raw: unknown, where: string): CollectionRules => {
  if (raw === undefined) return { read: parseRule(false), write: parseRule(false) }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new RuleError(`${where}: "rules" must be an object { read, write }`)
  const extra = Object.keys(raw).filter((k) => k !== 'read' && k !== 'write')
  if (extra.length) throw new RuleError(`${where}: rules ${extra.join(', ')} are not supported by the local cloud (read, write)`)
  const r = raw as { read?: unknown; write?: unknown }
  const one = (name: 'read' | 'write') => {
    try {
      return parseRule(r[name] ?? false)
    } catch (e) {
      throw new RuleError(`${where}: rules.${name}: ${(e as Error).message}`)
    }
  }
  return { read: one('read'), write: one('write') }
}

export interface RuleContext {
  /** The caller's openid; null for an anonymous request. */
  openid: string | null
  /** A document field's value as the request fixes it, or UNKNOWN. */
  doc: (path: string) => Tri
}

const evaluate = (node: Node, ctx: RuleContext): Tri => {
  switch (node.kind) {
    case 'lit':
      return node.value
    case 'doc':
      return ctx.doc(node.path)
    case 'auth':
      return node.field === 'openid' ? ctx.openid : null
    case 'not': {
      const v = evaluate(node.of, ctx)
      return v === UNKNOWN ? UNKNOWN : !v
    }
    case 'and': {
      const l = evaluate(node.left, ctx)
      if (l !== UNKNOWN && !l) return false
      const r = evaluate(node.right, ctx)
      if (r !== UNKNOWN && !r) return false
      return l === UNKNOWN || r === UNKNOWN ? UNKNOWN : true
    }
    case 'or': {
      const l = evaluate(node.left, ctx)
      if (l !== UNKNOWN && l) return true
      const r = evaluate(node.right, ctx)
      if (r !== UNKNOWN && r) return true
      return l === UNKNOWN || r === UNKNOWN ? UNKNOWN : false
    }
    case 'eq':
    case 'neq': {
      const l = evaluate(node.left, ctx)
      const r = evaluate(node.right, ctx)
      if (l === UNKNOWN || r === UNKNOWN) return UNKNOWN
      return node.kind === 'eq' ? l === r : l !== r
    }
  }
}

/** Whether the rule certainly holds (an unknown outcome denies). */
export const allows = (rule: Rule, ctx: RuleContext): boolean => evaluate(rule.node, ctx) === true

// ---------------------------------------------------------------------------------------------------------
// What a query pins

const isScalar = (v: unknown): v is RuleValue => v === null || ['string', 'number', 'boolean'].includes(typeof v)
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof RegExp)

/** Most `$or` branches a client query may expand to before it is simply denied. */
const MAX_BRANCHES = 32

export type Pins = Map<string, RuleValue>

/**
 * The field values a filter fixes, one map per alternative (an `$or` multiplies them): equalities on plain
 * fields (`{ f: v }`, `{ f: { $eq: v } }`), through `$and`. Returns null when the alternatives are too many.
 */
export const pinsOf = (filter: unknown): Pins[] | null => {
  if (!isObject(filter)) return [new Map()]
  let alternatives: Pins[] = [new Map<string, RuleValue>()]
  const extend = (more: Pins[]): boolean => {
    const next: Pins[] = []
    for (const a of alternatives)
      for (const b of more) {
        const merged = new Map(a)
        for (const [k, v] of b) if (!merged.has(k)) merged.set(k, v)
        next.push(merged)
      }
    alternatives = next
    return alternatives.length <= MAX_BRANCHES
  }
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and') {
      if (!Array.isArray(value)) continue
      for (const part of value) {
        const p = pinsOf(part)
        if (!p || !extend(p)) return null
      }
    } else if (key === '$or') {
      if (!Array.isArray(value) || value.length === 0) continue
      const branches: Pins[] = []
      for (const part of value) {
        const p = pinsOf(part)
        if (!p) return null
        branches.push(...p)
      }
      if (!extend(branches)) return null
    } else if (!key.startsWith('$')) {
      const pinned = isScalar(value) ? value : isObject(value) && '$eq' in value && isScalar(value.$eq) ? value.$eq : UNKNOWN
      if (pinned !== UNKNOWN) for (const a of alternatives) if (!a.has(key)) a.set(key, pinned)
    }
  }
  return alternatives
}

/** Reads a dotted path of a document (for add(): `doc` is the new document itself). */
export const docField = (doc: Record<string, unknown>, path: string): Tri => {
  let v: unknown = doc
  for (const part of path.split('.')) {
    if (!isObject(v)) return null
    v = v[part]
  }
  if (v === undefined) return null
  return isScalar(v) ? v : UNKNOWN
}
