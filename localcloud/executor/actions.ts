/**
 * The database actions of the SDK protocol (`send(action, params)`), each answering in the shape the SDK reads:
 * documents, queries, updates, aggregation, and the transactional variants (see transactions.ts).
 */
import { randomBytes } from 'node:crypto'
import { Aggregator } from 'mingo'
import { update as applyUpdate } from 'mingo/updater'
import { type Doc, cloneDoc, decode, decodeDoc, encodeDoc, isPlainObject } from './ejson'
import { DbError, requestFailed, unavailable } from './errors'
import {
  MAX_LIMIT,
  checkOffset,
  choosePushdown,
  compileFilter,
  decodeRows,
  fieldOrderOf,
  idOrderOf,
  pageSize,
  pushdownIsWholeFilter,
  shape,
} from './query'
import { Store, type Write, assertCollectionName, docKey, duplicateKey, readPath } from './store'
import { type Transactions, type Txn, pendingKey } from './transactions'
import { checkUpdateTypes } from './updates'
import { validateFilter, validateOrder, validatePipeline, validateUpdate } from './validate'

export type Answer = Record<string, unknown>
export type Params = Record<string, unknown>

/** Aggregation without a $limit stage returns 20 documents on CloudBase (measured by its users). */
const AGGREGATE_DEFAULT_LIMIT = 20

/** 32 lowercase hex characters, the shape of CloudBase's generated ids. */
export const newId = () => randomBytes(16).toString('hex')

export class Actions {
  constructor(
    private readonly store: Store,
    private readonly txns: Transactions,
    private readonly strict: boolean,
    private readonly realNow: () => number,
    /** The local cloud's own collections, invisible to the SDK (see LOCAL_COLLECTIONS). */
    private readonly hidden: ReadonlySet<string> = new Set(),
  ) {}

  /** A collection name from the SDK: the local cloud's own collections do not exist for it. */
  private sdkCollection(name: unknown): string {
    const coll = assertCollectionName(name)
    if (this.hidden.has(coll)) {
      if (this.strict) throw notExist(coll)
      throw requestFailed(`local cloud: the collection name ${coll} is reserved for the local cloud's own use`)
    }
    return coll
  }

  /** Runs one action; throws DbError (the executor turns it into a `{ code, message }` answer). */
  dispatch(action: string, p: Params, nowMs: number, invocationId?: string): Answer {
    switch (action) {
      case 'database.getDocument':
        return this.getDocument(p, nowMs)
      case 'database.insertDocument':
        return this.abortingOnWriteError(p, () => this.insertDocument(p, nowMs))
      case 'database.modifyDocument':
        return this.abortingOnWriteError(p, () => this.modifyDocument(p, nowMs))
      case 'database.removeDocument':
        return this.removeDocument(p, nowMs)
      case 'database.calculateDocument':
        return this.calculateDocument(p, nowMs)
      case 'database.aggregateDocuments':
        return this.aggregateDocuments(p, nowMs)
      case 'database.modifyAndReturnDoc':
        return this.abortingOnWriteError(p, () => this.modifyAndReturnDoc(p, nowMs))
      case 'database.startTransaction': {
        const txn = this.txns.start(this.store.currentSeq, this.realNow(), invocationId)
        return { transactionId: txn.id }
      }
      case 'database.commitTransaction':
        return this.commit(p)
      case 'database.abortTransaction':
        return this.abort(p)
      case 'database.addCollection': {
        const coll = assertCollectionName(p.collectionName)
        if (this.hidden.has(coll)) throw requestFailed(`local cloud: the collection name ${coll} is reserved for the local cloud's own use`)
        if (this.store.exists(coll)) throw requestFailed(`local cloud: collection ${coll} already exists`)
        this.store.ensure(coll)
        return {}
      }
      case 'auth.wsWebSign':
        // @cloudbase/node-sdk's watch() signs in to the realtime WebSocket through the database requester first.
        throw unavailable('watch()', 'realtime database listeners; wx-server-sdk has no watch() on the server')
      default:
        throw requestFailed(`local cloud: unsupported action ${action}`)
    }
  }

  /**
   * MongoDB aborts a transaction when one of its writes fails (a wrong-type update, a duplicate key): its earlier
   * writes are discarded and its commit fails. The caller sees the write error itself.
   */
  private abortingOnWriteError(p: Params, write: () => Answer): Answer {
    try {
      return write()
    } catch (e) {
      if (p.transactionId !== undefined && e instanceof DbError && e.writeError)
        this.abortQuietly(p.transactionId, `aborted by a write error: ${e.message}`)
      throw e
    }
  }

  /** The open transaction named by the request, if any. */
  private txnOf(p: Params): Txn | undefined {
    return p.transactionId === undefined ? undefined : this.txns.get(p.transactionId, this.realNow())
  }

  /**
   * `where().update()`, `where().remove()` and `count()` on a transaction's collection: wx-server-sdk sends them
   * WITHOUT the transactionId (@cloudbase/database query.js), so CloudBase runs them outside the transaction — not
   * isolated, not rolled back, blocked by the transaction's own locks. The seam tags them; the local cloud refuses.
   */
  private static outsideTransaction(what: string, coll: string) {
    return requestFailed(
      `local cloud: ${what} inside a transaction is refused: wx-server-sdk sends it without the transactionId, so CloudBase would run it outside the transaction (not isolated, not rolled back); use doc() operations or where().get() in the transaction, or run it after commit (${coll})`,
    )
  }

  /** A collection the SDK may read: in strict mode it must exist; else a missing one reads as empty. */
  private readable(p: Params): { coll: string; exists: boolean } {
    const coll = this.sdkCollection(p.collectionName)
    const exists = this.store.exists(coll)
    if (!exists && this.strict) throw notExist(coll)
    return { coll, exists }
  }

  private writable(p: Params): string {
    const coll = this.sdkCollection(p.collectionName)
    if (!this.store.exists(coll)) {
      if (this.strict) throw notExist(coll)
      this.store.ensure(coll)
    }
    return coll
  }

  private docIdOf(p: Params, nowMs: number): { id: unknown; key: string } {
    const q = decode(p.query, nowMs) as Doc | undefined
    const id = q?._id
    return { id, key: docKey(id) }
  }

  /** The latest committed version, overlaid with the transaction's own pending write. */
  readDoc(coll: string, key: string, txn?: Txn): Doc | null {
    const pending = txn?.pending.get(pendingKey(coll, key))
    if (pending) return pending.doc && cloneDoc(pending.doc)
    const row = this.store.get(coll, key)
    return row ? decodeDoc(row.doc) : null
  }

  /** The same, as stored EJSON text (no decoding when the caller only needs to answer or compare it). */
  private readDocText(coll: string, key: string, txn?: Txn): string | null {
    return this.readBase(coll, key, txn).text
  }

  /** The text, and the committed row's seq when it was read from storage (saves the conflict check a query). */
  private readBase(coll: string, key: string, txn?: Txn): { text: string | null; seq?: number } {
    const pending = txn?.pending.get(pendingKey(coll, key))
    if (pending) return { text: pending.doc && (pending.text ?? encodeDoc(pending.doc)) }
    const row = this.store.get(coll, key)
    return row ? { text: row.doc, seq: row.seq } : { text: null }
  }

  private indexedFields(coll: string): Set<string> {
    return new Set(this.store.indexesOf(coll).map((ix) => ix.keys[0].field))
  }

  /**
   * Documents matching a WHERE filter, in storage order. Rows are fetched lazily and only the matches are kept,
   * so memory follows the answer, not the collection.
   */
  matching(coll: string, filter: Doc | undefined) {
    const pushdown = choosePushdown(filter, this.indexedFields(coll))
    const test = filter && Object.keys(filter).length > 0 ? compileFilter(filter) : undefined
    const out: { key: string; doc: Doc; seq: number; text: string }[] = []
    for (const row of this.store.scan(coll, pushdown)) {
      const doc = decodeDoc(row.doc)
      if (!test || test.test(doc)) out.push({ key: row.key, doc, seq: row.seq, text: row.doc })
    }
    return out
  }

  /**
   * A WHERE filter's matches as a transaction sees them: committed documents it has not written, and its own
   * pending versions (inserted or updated; removed ones drop out), in storage (primary key) order. Another open
   * transaction's pending writes are invisible, as its reads of single documents are.
   */
  private matchingInTxn(coll: string, filter: Doc | undefined, txn: Txn, exists: boolean): Doc[] {
    const mine = [...txn.pending.values()].filter((w) => w.coll === coll)
    const written = new Set(mine.map((w) => w.key))
    const rows: { key: string; doc: Doc }[] = exists ? this.matching(coll, filter).filter((r) => !written.has(r.key)) : []
    if (mine.length === 0) return rows.map((r) => r.doc)
    const test = filter && Object.keys(filter).length > 0 ? compileFilter(filter) : undefined
    for (const w of mine) if (w.doc && (!test || test.test(w.doc))) rows.push({ key: w.key, doc: cloneDoc(w.doc) })
    rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    return rows.map((r) => r.doc)
  }

  /** How many documents match (SQLite alone counts when the pushdown is the whole filter). */
  private countMatching(coll: string, filter: Doc | undefined): number {
    const pushdown = choosePushdown(filter, this.indexedFields(coll))
    if (!filter || Object.keys(filter).length === 0) return this.store.count(coll)
    let n = 0
    if (pushdownIsWholeFilter(filter, pushdown)) {
      for (const _ of this.store.scan(coll, pushdown)) n++
      return n
    }
    const test = compileFilter(filter)
    for (const row of this.store.scan(coll, pushdown)) if (test.test(decodeDoc(row.doc))) n++
    return n
  }

  /**
   * One page of a WHERE query that needs no sort of its own (no order, or `_id` order under a string `_id` range,
   * which SQLite's primary key gives): rows are fetched in that order and tested until the page is full, so a
   * chunked walk reads about one page of rows per chunk, not the collection. Answers the stored texts.
   */
  private streamPage(
    coll: string,
    filter: Doc | undefined,
    pushdown: ReturnType<typeof choosePushdown>,
    idOrder: 1 | -1 | undefined,
    offset: number,
    lim: number,
  ) {
    const test = filter && Object.keys(filter).length > 0 && !pushdownIsWholeFilter(filter, pushdown) ? compileFilter(filter) : undefined
    const page: { text: string; doc?: Doc }[] = []
    let skipped = 0
    for (const row of this.store.scan(coll, pushdown, idOrder)) {
      let doc: Doc | undefined
      if (test) {
        doc = decodeDoc(row.doc)
        if (!test.test(doc)) continue
      }
      if (skipped < offset) {
        skipped++
        continue
      }
      page.push({ text: row.doc, doc })
      if (page.length >= lim) break
    }
    return page
  }

  private whereFilter(p: Params, coll: string, nowMs: number): Doc | undefined {
    const filter = decode(p.query, nowMs) as Doc | undefined
    validateFilter(filter, coll)
    return filter
  }

  private getDocument(p: Params, nowMs: number): Answer {
    const txn = this.txnOf(p)
    const { coll, exists } = this.readable(p)
    const projection = decode(p.projection, nowMs) as Doc | undefined
    const projected = projection !== undefined && projection !== null && Object.keys(projection).length > 0
    if (p.queryType === 'DOC') {
      const { key } = this.docIdOf(p, nowMs)
      if (!projected) {
        // The stored text is the document's EJSON: answer it as is.
        const text = exists || txn ? this.readDocText(coll, key, txn) : null
        return { data: { list: text === null ? [] : [text] } }
      }
      const doc = exists || txn ? this.readDoc(coll, key, txn) : null
      return { data: { list: shape(doc ? [doc] : [], { projection }).map(encodeDoc) } }
    }
    const filter = this.whereFilter(p, coll, nowMs)
    const order = validateOrder(decode(p.order, nowMs), coll)
    const offset = typeof p.offset === 'number' ? p.offset : undefined
    const limit = typeof p.limit === 'number' ? p.limit : undefined
    checkOffset(offset)
    if (txn) {
      // In the transaction (the SDK sends its id): the committed documents overlaid with its own writes.
      const docs = shape(this.matchingInTxn(coll, filter, txn, exists), { order, offset, limit, projection })
      return { data: { list: docs.map(encodeDoc) } }
    }
    const pushdown = choosePushdown(filter, this.indexedFields(coll))
    const idOrder = idOrderOf(order)
    const unordered = !order || Object.keys(order).length === 0
    const fieldOrder = fieldOrderOf(order, pushdown)
    if (fieldOrder !== undefined && exists) {
      const page = this.streamPage(
        coll,
        filter,
        { ...pushdown!, field: { ...pushdown!.field!, order: fieldOrder } },
        undefined,
        offset ?? 0,
        pageSize(limit),
      )
      if (!projected) return { data: { list: page.map((r) => r.text) } }
      return {
        data: {
          list: shape(
            page.map((r) => r.doc ?? decodeDoc(r.text)),
            { projection },
          ).map(encodeDoc),
        },
      }
    }
    if (unordered || (idOrder !== undefined && pushdown?.idRange)) {
      const page = exists ? this.streamPage(coll, filter, pushdown, unordered ? undefined : idOrder, offset ?? 0, pageSize(limit)) : []
      if (!projected) return { data: { list: page.map((r) => r.text) } }
      return {
        data: {
          list: shape(
            page.map((r) => r.doc ?? decodeDoc(r.text)),
            { projection },
          ).map(encodeDoc),
        },
      }
    }
    const rows = exists ? this.matching(coll, filter) : []
    const docs = shape(
      rows.map((r) => r.doc),
      { order, offset, limit, projection },
    )
    if (projected) return { data: { list: docs.map(encodeDoc) } }
    const textOf = new Map(rows.map((r) => [r.doc, r.text]))
    return { data: { list: docs.map((d) => textOf.get(d) ?? encodeDoc(d)) } }
  }

  private calculateDocument(p: Params, nowMs: number): Answer {
    const txn = this.txnOf(p)
    const { coll, exists } = this.readable(p)
    if (txn) throw Actions.outsideTransaction('count()', coll)
    const filter = this.whereFilter(p, coll, nowMs)
    return { data: { total: exists ? this.countMatching(coll, filter) : 0 } }
  }

  private insertDocument(p: Params, nowMs: number): Answer {
    const txn = this.txnOf(p)
    const coll = this.writable(p)
    if (!Array.isArray(p.data) || p.data.length === 0) throw new DbError('INVALID_PARAM', `local cloud: add() to ${coll} needs data`)
    const docs = p.data.map((d) => prepareNewDoc(decode(d, nowMs), coll))
    if (txn) {
      for (const doc of docs) {
        const key = docKey(doc._id)
        if (this.readDocText(coll, key, txn) !== null) throw duplicateKey(coll, '_id_', `{ _id: ${JSON.stringify(doc._id)} }`)
        this.txnWrite(txn, coll, key, doc, true)
      }
    } else {
      this.apply(docs.map((doc) => ({ coll, key: docKey(doc._id), doc, insert: true })))
    }
    return { data: { insertedIds: docs.map((d) => d._id) } }
  }

  private modifyDocument(p: Params, nowMs: number): Answer {
    const txn = this.txnOf(p)
    const coll = this.writable(p)
    const merge = p.merge !== false
    const upsert = p.upsert === true
    if (p.queryType === 'DOC') {
      const { id, key } = this.docIdOf(p, nowMs)
      const { text: baseText, seq: baseSeq } = this.readBase(coll, key, txn)
      let next: Doc
      if (merge) {
        const upd = validateUpdate(decode(p.data, nowMs), coll)
        if (baseText === null && !upsert) return { data: { updated: 0 } }
        next = baseText === null ? { _id: id } : decodeDoc(baseText)
        applyModifier(next, upd, coll)
      } else {
        if (baseText === null && !upsert) return { data: { updated: 0 } }
        next = replacement(decode(p.data, nowMs), id, coll)
      }
      // `updated` counts documents actually changed (MongoDB's nModified), as CloudBase reports it.
      const text = encodeDoc(next)
      const changed = baseText === null || baseText !== text
      if (txn) {
        if (changed) this.txnWrite(txn, coll, key, next, baseText === null, text, id, baseSeq)
        else this.txnCheck(txn, coll, key, id, baseSeq)
      } else if (changed) {
        this.apply([{ coll, key, doc: next, text }])
      }
      return { data: baseText !== null ? { updated: changed ? 1 : 0 } : { updated: 0, upsert_id: id } }
    }
    if (txn) throw Actions.outsideTransaction('where().update()', coll)
    if (!merge) throw requestFailed(`local cloud: a where() replacement of ${coll} is not supported; use doc().set()`)
    const filter = this.whereFilter(p, coll, nowMs)
    const upd = validateUpdate(decode(p.data, nowMs), coll)
    let matched = this.matching(coll, filter)
    if (p.multi === false) matched = matched.slice(0, 1)
    // MongoDB's multi-update is not atomic: it stops at the first document that fails (a wrong type, a duplicate
    // key); the documents updated before it stay updated, and the caller gets the error (DOCS-14287, SERVER-25716).
    const writes: Write[] = []
    let failed: unknown
    for (const { key, doc, text: before } of matched) {
      try {
        applyModifier(doc, upd, coll)
      } catch (e) {
        failed = e
        break
      }
      const text = encodeDoc(doc)
      if (text !== before) writes.push({ coll, key, doc, text })
    }
    this.applyInOrder(writes)
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows what the failed write threw, as it was
    if (failed !== undefined) throw failed
    return { data: { updated: writes.length } }
  }

  private modifyAndReturnDoc(p: Params, nowMs: number): Answer {
    const txn = this.txnOf(p)
    const coll = this.writable(p)
    const filter = this.whereFilter(p, coll, nowMs)
    const upd = validateUpdate(decode(p.data, nowMs), coll)
    if (txn) {
      // The SDK sends updateAndReturn() with the transactionId: the first match in the transaction's view.
      const [doc] = this.matchingInTxn(coll, filter, txn, true)
      if (!doc) return { data: { updated: 0, doc: null } }
      const key = docKey(doc._id)
      const { text: baseText, seq: baseSeq } = this.readBase(coll, key, txn)
      applyModifier(doc, upd, coll)
      const text = encodeDoc(doc)
      if (text !== baseText) this.txnWrite(txn, coll, key, doc, false, text, doc._id, baseSeq)
      else this.txnCheck(txn, coll, key, doc._id, baseSeq)
      return { data: { updated: text !== baseText ? 1 : 0, doc: text } }
    }
    const [first] = this.matching(coll, filter)
    if (!first) return { data: { updated: 0, doc: null } }
    const before = encodeDoc(first.doc)
    applyModifier(first.doc, upd, coll)
    const changed = encodeDoc(first.doc) !== before
    if (changed) this.apply([{ coll, key: first.key, doc: first.doc }])
    return { data: { updated: changed ? 1 : 0, doc: encodeDoc(first.doc) } }
  }

  private removeDocument(p: Params, nowMs: number): Answer {
    const txn = this.txnOf(p)
    const coll = this.writable(p)
    if (p.queryType === 'DOC') {
      const { id, key } = this.docIdOf(p, nowMs)
      const base = this.readDoc(coll, key, txn)
      if (!base) return { data: { deleted: 0 } }
      if (txn) {
        this.txnWrite(txn, coll, key, null, false, undefined, id)
      } else {
        this.apply([{ coll, key, doc: null }])
      }
      return { data: { deleted: 1 } }
    }
    if (txn) throw Actions.outsideTransaction('where().remove()', coll)
    const filter = this.whereFilter(p, coll, nowMs)
    let matched = this.matching(coll, filter)
    if (p.multi === false) matched = matched.slice(0, 1)
    this.apply(matched.map(({ key }) => ({ coll, key, doc: null })))
    return { data: { deleted: matched.length } }
  }

  private aggregateDocuments(p: Params, nowMs: number): Answer {
    if (p.transactionId !== undefined) this.txnOf(p)
    const { coll, exists } = this.readable(p)
    if (!Array.isArray(p.stages)) throw new DbError('INVALID_PARAM', `local cloud: aggregate on ${coll} needs stages`)
    const pipeline = (p.stages as { stageKey?: unknown; stageValue?: unknown }[]).map((s) => {
      if (typeof s?.stageKey !== 'string') throw new DbError('INVALID_PARAM', `local cloud: bad aggregate stage on ${coll}`)
      return { [s.stageKey]: decode(s.stageValue, nowMs) }
    })
    validatePipeline(pipeline, coll)
    if (!pipeline.some((s) => '$limit' in s)) pipeline.push({ $limit: AGGREGATE_DEFAULT_LIMIT })
    // A leading $match narrows the scan like a query does.
    const first = pipeline[0]?.$match as Doc | undefined
    const input = exists ? this.matching(coll, first).map((r) => r.doc) : []
    const out = new Aggregator(pipeline, {
      scriptEnabled: false,
      collectionResolver: (name: string) => {
        const c = this.sdkCollection(name)
        if (!this.store.exists(c)) {
          if (this.strict) throw notExist(c)
          return []
        }
        return decodeRows(this.store.candidates(c, undefined)).map((r) => r.doc)
      },
    }).run<Doc>(input)
    return { data: { list: out.slice(0, MAX_LIMIT).map(encodeDoc) } }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Transactions

  /** Write-write conflict checks for a transactional write to one document (see transactions.ts). */
  private txnCheck(txn: Txn, coll: string, key: string, id: unknown, committedSeq?: number) {
    const holder = this.txns.lockHolder(coll, key, txn)
    if (holder) throw this.txns.conflictAbort(txn, `${coll}/${String(id)} has a pending write in another transaction`)
    if ((committedSeq ?? this.store.lastWriteSeq(coll, key)) > txn.startSeq)
      throw this.txns.conflictAbort(txn, `${coll}/${String(id)} was modified after this transaction started`)
  }

  private txnWrite(
    txn: Txn,
    coll: string,
    key: string,
    doc: Doc | null,
    created: boolean,
    text?: string,
    id: unknown = doc?._id ?? key,
    committedSeq?: number,
  ) {
    this.txnCheck(txn, coll, key, id, committedSeq)
    if (doc) this.txnUniqueCheck(txn, coll, key, doc)
    this.txns.record(txn, { coll, key, doc, created, text })
  }

  /**
   * Unique indexes inside a transaction: a committed holder of the key is a duplicate (E11000); another open
   * transaction's pending holder is a write conflict, as MongoDB reports for index keys written concurrently.
   */
  private txnUniqueCheck(txn: Txn, coll: string, key: string, doc: Doc) {
    const unique = this.store.indexesOf(coll).filter((ix) => ix.unique)
    if (unique.length === 0) return
    const clash = this.store.uniqueClash(coll, doc, key)
    if (clash && !txn.pending.has(pendingKey(coll, clash.key))) {
      const dup = clash.index.keys.map((k) => `${k.field}: ${JSON.stringify(readPath(doc, k.field) ?? null)}`)
      throw duplicateKey(coll, clash.index.name, `{ ${dup.join(', ')} }`)
    }
    const sameKey = (a: Doc, fields: string[]) =>
      fields.every((f) => encodeDoc({ v: readPath(a, f) ?? null }) === encodeDoc({ v: readPath(doc, f) ?? null }))
    for (const ix of unique) {
      const fields = ix.keys.map((k) => k.field)
      for (const p of txn.pending.values()) {
        if (p.coll === coll && p.key !== key && p.doc && sameKey(p.doc, fields)) {
          const dup = fields.map((f) => `${f}: ${JSON.stringify(readPath(doc, f) ?? null)}`)
          throw duplicateKey(coll, ix.name, `{ ${dup.join(', ')} }`)
        }
      }
      for (const p of this.txns.othersPending(coll, txn)) {
        if (p.key !== key && p.doc && sameKey(p.doc, fields))
          throw this.txns.conflictAbort(txn, `unique index ${ix.name} of ${coll} has a pending write in another transaction`)
      }
    }
  }

  private commit(p: Params): Answer {
    const txn = this.txns.get(p.transactionId, this.realNow())
    for (const w of txn.pending.values()) {
      if (this.store.lastWriteSeq(w.coll, w.key) > txn.startSeq)
        throw this.txns.conflictAbort(txn, `${w.coll}/${w.doc?._id ?? w.key} was modified after this transaction started`)
    }
    const writes: Write[] = [...txn.pending.values()].map((w) => ({ coll: w.coll, key: w.key, doc: w.doc, text: w.text }))
    try {
      this.apply(writes)
    } catch (e) {
      // A non-transactional write took a unique key meanwhile: the transaction lost the race. Re-running it
      // will now see the duplicate at the write itself.
      if (e instanceof DbError && e.message.startsWith('E11000'))
        throw this.txns.conflictAbort(txn, `a unique key was taken by a concurrent write (${e.message})`)
      this.txns.end(txn, 'aborted', (e as Error).message, false)
      throw e
    }
    this.txns.end(txn, 'committed', 'committed', false)
    this.pruneWrites()
    return {}
  }

  private abort(p: Params): Answer {
    try {
      const txn = this.txns.get(p.transactionId, this.realNow())
      this.txns.end(txn, 'aborted', 'rolled back', false)
      this.pruneWrites()
      return {}
    } catch (e) {
      // Rolling back what a conflict or the timeout already aborted is fine (runTransaction does it).
      if (e instanceof DbError && (e.code === 'DATABASE_TRANSACTION_CONFLICT' || /is aborted/.test(e.message))) return {}
      throw e
    }
  }

  abortQuietly(id: unknown, reason: string) {
    try {
      this.txns.end(this.txns.get(id, this.realNow()), 'aborted', reason, false)
    } catch {
      // already gone
    }
  }

  /**
   * Applies a multi-document write's documents in order, as MongoDB does: all at once when they all fit; when one
   * breaks a unique index, those before it are written and its E11000 is thrown.
   */
  private applyInOrder(writes: Write[]) {
    try {
      this.apply(writes)
    } catch (e) {
      if (!(e instanceof DbError && e.writeError) || writes.length < 2) throw e
      for (const w of writes) this.apply([w])
    }
  }

  apply(writes: Write[]) {
    if (writes.length === 0) return
    this.store.apply(writes)
    this.pruneWrites()
  }

  private pruneWrites() {
    const oldest = this.txns.oldestStartSeq()
    this.store.pruneWrites(oldest ?? this.store.currentSeq)
  }
}

export const notExist = (coll: string) =>
  new DbError(
    'DATABASE_COLLECTION_NOT_EXIST',
    `Db or Table not exist: ${coll} (local cloud: declare it in the collections folder, collectionsDir, or create it with db.createCollection)`,
  )

/** A document to insert: a plain object, no `$` field names, with a string or number `_id` (generated if missing). */
export const prepareNewDoc = (value: unknown, coll: string): Doc => {
  if (!isPlainObject(value)) throw new DbError('INVALID_PARAM', `local cloud: a document for ${coll} must be an object`)
  for (const k of Object.keys(value))
    if (k.startsWith('$')) throw requestFailed(`local cloud: field names may not start with $ (${k} in ${coll})`)
  if (value._id === undefined) return { _id: newId(), ...value }
  docKey(value._id)
  return value
}

/** `doc().set()`: the whole document is replaced (only `_id` is kept). */
const replacement = (value: unknown, id: unknown, coll: string): Doc => {
  if (!isPlainObject(value)) throw new DbError('INVALID_PARAM', `local cloud: set() on ${coll} needs an object`)
  const { _id, ...rest } = value
  if (_id !== undefined && _id !== id) throw requestFailed(`local cloud: set() may not change _id (${coll})`)
  for (const k of Object.keys(rest))
    if (k.startsWith('$')) throw requestFailed(`local cloud: set() takes a document, not update operators (${k} in ${coll})`)
  return { _id: id, ...rest }
}

/**
 * Applies validated update operators in place (mingo's updater), refusing a change of `_id`. First MongoDB's type
 * rules (updates.ts): an operator that does not fit the stored value fails the whole update, and nothing changes.
 */
const applyModifier = (doc: Doc, upd: Record<string, unknown>, coll: string) => {
  const id = doc._id
  checkUpdateTypes(doc, upd)
  try {
    applyUpdate(doc, upd, undefined, undefined, { cloneMode: 'deep' })
  } catch (e) {
    throw requestFailed(`local cloud: update of ${coll} failed: ${(e as Error).message}`)
  }
  if (doc._id !== id) throw requestFailed(`local cloud: an update may not change _id (${coll})`)
}
