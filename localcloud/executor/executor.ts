/**
 * The local database server: answers wx-server-sdk's database actions (the `send(action, params)` seam) from
 * SQLite, in the shapes the SDK reads. Synchronous by design: the main thread owns SQLite and each request is
 * atomic with respect to every other, as a single server would make it.
 */
import { join } from 'node:path'
import { find } from 'mingo'
import { type Answer, Actions, type Params, prepareNewDoc } from './actions'
import { type Doc, decode, decodeDoc, encodeDoc, isPlainObject } from './ejson'
import { DbError, type DbErrorCode, requestFailed } from './errors'
import { type FaultSpec, Faults } from './faults'
import { type CollectionSpec, Store, assertCollectionName, docKey, loadCollectionSpecs } from './store'
import { TRANSACTION_TIMEOUT_MS, Transactions } from './transactions'
import { validateFilter } from './validate'

export { newId } from './actions'
export type { Answer } from './actions'

export interface ExecutorOptions {
  /** Folder for the SQLite file (created if missing). */
  dataDir: string
  /**
   * Declared collections: a folder of `<name>.json` (`{ name, indexes, rules }`), created at start as a deploy
   * creates them. Default none: only collections created with db.createCollection, or inserted through this API.
   */
  collectionsDir?: string
  /** Extra declarations (tests). */
  collections?: CollectionSpec[]
  /**
   * true (default): like CloudBase, the SDK may only use collections that exist (declared, created with
   * db.createCollection, or seeded through this API); others answer DATABASE_COLLECTION_NOT_EXIST.
   * false: a write creates a missing collection and a read of one finds nothing (convenient for prototyping).
   */
  strictCollections?: boolean
  /** CloudBase's 30 s; tests shorten it. */
  transactionTimeoutMs?: number
  /** The real clock (transaction expiry); tests may replace it. */
  realNow?: () => number
}

export interface OpContext {
  invocationId?: string
}

export interface OpCounts {
  reads: number
  writes: number
  /** start/commit/abort: reported apart from the data operations. */
  txn: number
  /** Of the reads and writes, those made inside a transaction (carrying its id). */
  inTxn: number
  /**
   * The most document operations one transaction carried (CloudBase's budget is per transaction; a retried
   * transaction starts again under a new id, so a retry does not add up here as it does in `inTxn`).
   */
  maxTxnOps: number
  /** Documents the reads returned to the function (a query of 100 documents counts 100; count() none). */
  docsRead: number
  /**
   * Stored rows the executor fetched from SQLite to answer every request (reads and writes): what an index
   * saves. A filter pushed down to an index fetches about what it returns; one that is not fetches the collection.
   */
  rowsScanned: number
}

const READS = new Set(['database.getDocument', 'database.calculateDocument', 'database.aggregateDocuments'])
const TXN_CONTROL = new Set(['database.startTransaction', 'database.commitTransaction', 'database.abortTransaction'])

/**
 * The local cloud's own collections (the open API stand-ins' `outbox`): they exist from the start and through
 * reset(), tests read them with find()/count(), and the SDK cannot see them, as CloudBase has no such collection
 * (a function that reads one gets DATABASE_COLLECTION_NOT_EXIST).
 */
export const LOCAL_COLLECTIONS: CollectionSpec[] = [
  { name: 'outbox', indexes: [{ name: 'touser', keys: [{ field: 'touser', direction: 1 }] }] },
]

export const zeroOps = (): OpCounts => ({ reads: 0, writes: 0, txn: 0, inTxn: 0, maxTxnOps: 0, docsRead: 0, rowsScanned: 0 })

export class Executor {
  readonly store: Store
  readonly strict: boolean
  private readonly txns: Transactions
  private readonly actions: Actions
  private readonly faults = new Faults()
  private readonly invocations = new Map<string, { clockMs?: number; ops: OpCounts; opsPerTxn: Map<unknown, number> }>()
  private readonly realNow: () => number
  private requests = 0
  readonly totals: OpCounts = zeroOps()

  constructor(options: ExecutorOptions) {
    const specs = [...loadCollectionSpecs(options.collectionsDir), ...(options.collections ?? [])]
    for (const own of LOCAL_COLLECTIONS)
      if (specs.some((s) => s.name === own.name))
        throw new Error(`local cloud: the collection name ${own.name} is the local cloud's own (open API stand-ins); declare another name`)
    this.store = new Store(options.dataDir, [...specs, ...LOCAL_COLLECTIONS])
    this.strict = options.strictCollections ?? true
    this.txns = new Transactions(options.transactionTimeoutMs ?? TRANSACTION_TIMEOUT_MS)
    this.realNow = options.realNow ?? Date.now
    this.actions = new Actions(this.store, this.txns, this.strict, this.realNow, new Set(LOCAL_COLLECTIONS.map((c) => c.name)))
  }

  // ---------------------------------------------------------------------------------------------------------
  // The SDK protocol

  /** Answers one `send(action, params)` of the SDK. Never throws: failures are `{ code, message }` answers. */
  handle(action: string, rawParams: unknown, ctx: OpContext = {}): Answer {
    const requestId = `local-${++this.requests}`
    const params = (isPlainObject(rawParams) ? rawParams : {}) as Params
    const inv = ctx.invocationId ? this.invocations.get(ctx.invocationId) : undefined
    const kind: keyof OpCounts = TXN_CONTROL.has(action) ? 'txn' : READS.has(action) ? 'reads' : 'writes'
    const inTxn = kind !== 'txn' && params.transactionId !== undefined
    this.totals[kind]++
    if (inTxn) this.totals.inTxn++
    if (inv) {
      inv.ops[kind]++
      if (inTxn) {
        inv.ops.inTxn++
        const inThisTxn = (inv.opsPerTxn.get(params.transactionId) ?? 0) + 1
        inv.opsPerTxn.set(params.transactionId, inThisTxn)
        inv.ops.maxTxnOps = Math.max(inv.ops.maxTxnOps, inThisTxn)
        this.totals.maxTxnOps = Math.max(this.totals.maxTxnOps, inThisTxn)
      }
    }
    const nowMs = inv?.clockMs ?? Date.now()
    const fault = this.faults.take(action, ctx.invocationId)
    if (fault?.when === 'before') {
      // A commit that never reached the server: its transaction is gone and nothing applies.
      if (action === 'database.commitTransaction') this.actions.abortQuietly(params.transactionId, fault.message)
      return { code: fault.code, message: fault.message, requestId }
    }
    let answer: Answer
    const scannedBefore = this.store.rowsScanned
    try {
      answer = { ...this.actions.dispatch(action, params, nowMs, ctx.invocationId), requestId }
    } catch (e) {
      const err = e instanceof DbError ? e : requestFailed(`local cloud: ${(e as Error)?.message ?? String(e)}`)
      answer = { code: err.code, message: err.message, requestId }
    }
    const scanned = this.store.rowsScanned - scannedBefore
    const list = kind === 'reads' ? (answer.data as { list?: unknown[] } | undefined)?.list : undefined
    const docs = Array.isArray(list) ? list.length : 0
    this.totals.rowsScanned += scanned
    this.totals.docsRead += docs
    if (inv) {
      inv.ops.rowsScanned += scanned
      inv.ops.docsRead += docs
    }
    if (fault?.when === 'after') return { code: fault.code, message: fault.message, requestId }
    return answer
  }

  // ---------------------------------------------------------------------------------------------------------
  // Invocations, counting, faults

  /** Registers an invocation so its operations are counted and use its clock for db.serverDate(). */
  beginInvocation(id: string, options: { clockMs?: number } = {}) {
    this.invocations.set(id, { clockMs: options.clockMs, ops: zeroOps(), opsPerTxn: new Map() })
    this.faults.bindNext(id)
  }

  /** Ends an invocation and returns its operation counts. */
  endInvocation(id: string): OpCounts {
    const inv = this.invocations.get(id)
    this.invocations.delete(id)
    return inv?.ops ?? zeroOps()
  }

  /** The clock an invocation runs with (undefined: the real one, or no such invocation). */
  invocationClockMs(id: string): number | undefined {
    return this.invocations.get(id)?.clockMs
  }

  opsOf(id: string): OpCounts | undefined {
    const inv = this.invocations.get(id)
    return inv && { ...inv.ops }
  }

  /** Arms a fault (see faults.ts). */
  injectFault(spec: FaultSpec) {
    this.faults.add(spec)
  }

  /** The Nth data operation (1-based) of an invocation ('next' = the next one to begin) fails; nothing applies. */
  failNthOperation(invocation: string, n: number, code: DbErrorCode = 'DATABASE_REQUEST_FAILED') {
    this.faults.add({ invocation, nth: n, code })
  }

  /** The invocation's next commit fails before reaching the database: nothing applies. */
  crashBeforeCommit(invocation: string) {
    this.faults.add({
      invocation,
      action: 'database.commitTransaction',
      when: 'before',
      message: 'local cloud: injected crash before commit',
    })
  }

  /** The invocation's next commit applies, but its answer is lost (the function sees an error). */
  crashAfterCommit(invocation: string) {
    this.faults.add({
      invocation,
      action: 'database.commitTransaction',
      when: 'after',
      message: 'local cloud: injected crash after commit',
    })
  }

  clearFaults() {
    this.faults.clear()
  }

  stats() {
    return {
      ...this.totals,
      seq: this.store.currentSeq,
      openTransactions: this.txns.openCount,
      commits: this.txns.commits,
      conflicts: this.txns.conflicts,
      aborts: this.txns.aborts,
      armedFaults: this.faults.size,
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Direct API for tests and seeding (bypasses the SDK; synchronous — awaiting the results is harmless)

  /** Inserts documents (an `_id` is generated when missing); creates the collection if needed. Returns the ids. */
  insert(coll: string, docs: object | object[]): unknown[] {
    assertCollectionName(coll)
    this.store.ensure(coll)
    const writes = (Array.isArray(docs) ? (docs as object[]) : [docs]).map((d) => ({ ...newRow(d, coll, Date.now()), coll, insert: true }))
    this.actions.apply(writes)
    return writes.map((w) => w.doc._id)
  }

  /**
   * Inserts many new documents fast (seeding large data sets, benches): `batches` is any iterable of arrays (a
   * generator keeps memory flat), loaded in one SQLite transaction with the collection's indexes rebuilt at the
   * end (see Store.bulkInsert): all or nothing, E11000 on a duplicate. Refused while a transaction is open.
   * Returns how many documents were inserted.
   */
  bulkInsert(coll: string, batches: Iterable<object[]>): number {
    assertCollectionName(coll)
    if (this.txns.openCount > 0)
      throw new Error(`local cloud: bulkInsert into ${coll} while ${this.txns.openCount} transaction(s) are open`)
    const now = Date.now()
    const rows = function* () {
      for (const batch of batches) yield batch.map((d) => newRow(d, coll, now))
    }
    return this.store.bulkInsert(coll, rows())
  }

  /** Documents matching a filter (no 1,000 cap here), optionally sorted/skipped/limited/projected. */
  find(
    coll: string,
    filter: Doc = {},
    options: { sort?: Record<string, 1 | -1>; skip?: number; limit?: number; projection?: Doc } = {},
  ): Doc[] {
    assertCollectionName(coll)
    validateFilter(filter, coll)
    if (!this.store.exists(coll)) return []
    let cursor = find(
      this.actions.matching(coll, filter).map((r) => r.doc),
      {},
      undefined,
      { scriptEnabled: false },
    )
    if (options.sort) cursor = cursor.sort(options.sort)
    if (options.skip) cursor = cursor.skip(options.skip)
    if (options.limit) cursor = cursor.limit(options.limit)
    const page = cursor.all() as Doc[]
    return options.projection ? find(page, {}, options.projection, { scriptEnabled: false }).all() : page
  }

  get(coll: string, id: string | number): Doc | null {
    assertCollectionName(coll)
    return this.actions.readDoc(coll, docKey(id))
  }

  count(coll: string, filter: Doc = {}): number {
    assertCollectionName(coll)
    validateFilter(filter, coll)
    if (!this.store.exists(coll)) return 0
    if (Object.keys(filter).length === 0) return this.store.count(coll)
    return this.actions.matching(coll, filter).length
  }

  /** Removes matching documents; returns how many. */
  remove(coll: string, filter: Doc = {}): number {
    assertCollectionName(coll)
    validateFilter(filter, coll)
    const matched = this.store.exists(coll) ? this.actions.matching(coll, filter) : []
    this.actions.apply(matched.map(({ key }) => ({ coll, key, doc: null })))
    return matched.length
  }

  collections(): string[] {
    return this.store.collections()
  }

  /** The last commit's sequence number: every committed write carries the number of its commit. */
  get commitSeq(): number {
    return this.store.currentSeq
  }

  /** How many times reset() emptied the database (the commit numbers start again after each). */
  get resets(): number {
    return this.resetCount
  }
  private resetCount = 0

  /**
   * For a test that watches the whole database (the fuzz's invariants after every call): the documents of `coll`
   * committed after `seq`, and the keys it holds now (a key it no longer holds was removed). Re-reading only these
   * keeps such checks linear in what changed, not in what is stored.
   */
  changesSince(coll: string, seq: number): { written: { key: string; doc: Doc }[]; keys: string[] } {
    assertCollectionName(coll)
    return {
      written: this.store.rowsWrittenAfter(coll, seq).map((r) => ({ key: r.key, doc: decodeDoc(r.doc) })),
      keys: this.store.keys(coll),
    }
  }

  /** Deletes all data and open transactions; declared collections are recreated empty. */
  reset() {
    this.resetCount++
    this.txns.clear()
    this.faults.clear()
    this.store.reset()
  }

  close() {
    this.store.close()
  }
}

/** A new document as stored: through EJSON and back, as the SDK's documents arrive; the text is kept unless an _id was added. */
const newRow = (d: object, coll: string, nowMs: number) => {
  const text = encodeDoc(d)
  const decoded = decode(text, nowMs)
  const doc = prepareNewDoc(decoded, coll)
  return { key: docKey(doc._id), doc, text: doc === decoded ? text : encodeDoc(doc) }
}

export const dataFile = (dataDir: string) => join(dataDir, 'localcloud.sqlite')
