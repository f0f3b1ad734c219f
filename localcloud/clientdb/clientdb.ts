/**
 * Client-side database access (`wx.cloud.database()` in the mini-program, `@cloudbase/js-sdk` on the web), under
 * each collection's security rules. The gateway's `POST /local/db` speaks the client SDK's wire protocol — the
 * same `database.*` actions and EJSON parameters as the server SDK (both build them with @cloudbase/database):
 * the body is `{ action, ...params }`, the caller is `x-local-openid`, the answer is the executor's
 * (`{ data, requestId }` or `{ code, message, requestId }`).
 *
 * What a client may do, as on CloudBase:
 * - reads (`get`, `count`, `doc().get()`) when the collection's `read` rule holds for the query (see rules.ts);
 *   at most 20 documents per query (the client limit; a larger `limit` is cut to 20);
 * - writes (`add`, `update`, `set`, `remove`) when the `write` rule holds — this project's rules allow none;
 * - never: transactions (server-side only), aggregation unless `read` is plainly `true`, creating collections.
 * Every refusal is `DATABASE_PERMISSION_DENIED`, and nothing is read or written.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Answer, Executor } from '../executor/executor'
import { decode, isPlainObject } from '../executor/ejson'
import { type CollectionRules, type Rule, RuleError, allows, docField, parseCollectionRules, pinsOf, UNKNOWN } from './rules'

/** CloudBase's most documents per query from a client. */
export const CLIENT_MAX_LIMIT = 20

const READS = new Set(['database.getDocument', 'database.calculateDocument'])
const WHERE_WRITES = new Set(['database.modifyDocument', 'database.removeDocument', 'database.modifyAndReturnDoc'])

/** Reads every `<dir>/*.json` declaration's rules; an expression the local cloud cannot evaluate fails the start. */
export const loadRules = (dir: string | undefined): Map<string, CollectionRules> => {
  const rules = new Map<string, CollectionRules>()
  if (!dir || !existsSync(dir)) return rules
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const raw = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { name?: unknown; rules?: unknown }
    if (typeof raw.name !== 'string') continue // the executor refuses such a file with its own message
    try {
      rules.set(raw.name, parseCollectionRules(raw.rules, join(dir, file)))
    } catch (e) {
      throw new Error(`local cloud: ${e instanceof RuleError ? e.message : String(e)}`)
    }
  }
  return rules
}

/** `'{openid}'` in a client's query or data stands for the caller (CloudBase substitutes it on the server). */
const withOpenid = (value: unknown, openid: string | null): unknown => {
  if (value === '{openid}') return openid ?? ''
  if (Array.isArray(value)) return value.map((v) => withOpenid(v, openid))
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withOpenid(v, openid)]))
  return value
}

let requests = 0

export class ClientDb {
  constructor(
    private readonly executor: Executor,
    private readonly rules: Map<string, CollectionRules>,
  ) {}

  /** The declared rules of a collection (undefined: none declared, so everything is denied). */
  rulesOf(collection: string): CollectionRules | undefined {
    return this.rules.get(collection)
  }

  /** Answers one client request. `openid` null = an anonymous caller. Never throws. */
  handle(openid: string | null, body: unknown): Answer {
    if (!isPlainObject(body)) return this.refuse('the body must be a JSON object { action, ...params }', 'INVALID_PARAM')
    const { action, ...params } = body
    if (typeof action !== 'string') return this.refuse('"action" is missing', 'INVALID_PARAM')
    const coll = typeof params.collectionName === 'string' ? params.collectionName : ''
    const deny = (why: string) => this.refuse(`local cloud: ${action}${coll ? ` on ${coll}` : ''} is denied to clients: ${why}`)

    if (params.transactionId !== undefined || action.includes('Transaction')) return deny('transactions run in cloud functions only')
    const rules = coll ? this.rules.get(coll) : undefined
    if (!rules) return deny(coll ? 'the collection declares no security rules' : 'no collection')
    const nowMs = Date.now()

    let query: unknown
    try {
      query = withOpenid(decode(params.query, nowMs), openid)
    } catch {
      return this.refuse('query is not valid EJSON', 'INVALID_PARAM')
    }

    if (READS.has(action)) {
      if (!this.queryAllowed(rules.read, query, openid)) return deny(`read rule ${ruleText(rules.read)} does not hold for this query`)
      const limit = typeof params.limit === 'number' && params.limit > 0 ? Math.min(params.limit, CLIENT_MAX_LIMIT) : CLIENT_MAX_LIMIT
      const forwarded = action === 'database.getDocument' && params.queryType !== 'DOC' ? { ...params, query, limit } : { ...params, query }
      return this.executor.handle(action, forwarded)
    }
    if (action === 'database.aggregateDocuments') {
      if (rules.read.source !== true) return deny(`aggregation needs read rule true (it is ${ruleText(rules.read)})`)
      return this.executor.handle(action, params)
    }
    if (WHERE_WRITES.has(action)) {
      if (!this.queryAllowed(rules.write, query, openid)) return deny(`write rule ${ruleText(rules.write)} does not hold for this query`)
      let data: unknown
      try {
        data = withOpenid(decode(params.data, nowMs), openid)
      } catch {
        return this.refuse('data is not valid EJSON', 'INVALID_PARAM')
      }
      return this.executor.handle(action, { ...params, query, data })
    }
    if (action === 'database.insertDocument') {
      let docs: unknown[]
      try {
        docs = Array.isArray(params.data) ? params.data.map((d) => withOpenid(decode(d, nowMs), openid)) : []
      } catch {
        return this.refuse('data is not valid EJSON', 'INVALID_PARAM')
      }
      if (docs.length === 0) return this.refuse('add() needs data', 'INVALID_PARAM')
      // CloudBase stamps a client's new document with its creator.
      const stamped = docs.map((d) => (isPlainObject(d) ? { ...d, _openid: openid ?? '' } : d))
      if (!stamped.every((d) => isPlainObject(d) && allows(rules.write, { openid, doc: (path) => docField(d, path) })))
        return deny(`write rule ${ruleText(rules.write)} does not hold for the new document`)
      return this.executor.handle(action, { ...params, data: stamped })
    }
    return deny('not a client action')
  }

  /** The rule holds in every alternative of the query, whatever the fields it leaves open. */
  private queryAllowed(rule: Rule, query: unknown, openid: string | null): boolean {
    const alternatives = pinsOf(query)
    if (!alternatives) return false
    return alternatives.every((pins) => allows(rule, { openid, doc: (path) => (pins.has(path) ? pins.get(path)! : UNKNOWN) }))
  }

  private refuse(message: string, code: 'DATABASE_PERMISSION_DENIED' | 'INVALID_PARAM' = 'DATABASE_PERMISSION_DENIED'): Answer {
    return { code, message, requestId: `local-client-${++requests}` }
  }
}

const ruleText = (rule: Rule) => JSON.stringify(rule.source)
