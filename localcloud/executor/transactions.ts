/**
 * Optimistic transactions, MongoDB-like and deliberately NOT serialized:
 *  - start records the global commit seq;
 *  - reads see the latest committed version overlaid with the transaction's own pending writes (read
 *    committed: never more isolation than CloudBase promises, so write skew is possible, as there);
 *  - a write to a document that another open transaction has a pending write on, or that was committed after
 *    this one started, fails at once with DATABASE_TRANSACTION_CONFLICT and aborts this transaction;
 *  - commit re-checks every written document (seq > start → conflict) and applies all writes atomically;
 *    first committer wins.
 *
 * How the SDK surfaces this: `db.runTransaction` re-runs its callback only when the COMMIT answers
 * DATABASE_TRANSACTION_CONFLICT. A conflict answered to an operation inside the callback surfaces as an SDK
 * error (errCode -501001, errMsg containing "database transaction conflict"), exactly as a lost race does on
 * CloudBase; so cloud-function code wraps runTransaction in its own retry (cloudfunctions/_lib/transaction.ts).
 */
import { randomBytes } from 'node:crypto'
import type { Doc } from './ejson'
import { DbError, conflict } from './errors'

/** CloudBase aborts a transaction that has not committed within 30 s. */
export const TRANSACTION_TIMEOUT_MS = 30_000

export interface Pending {
  coll: string
  key: string
  /** The document after this transaction's writes; null = deleted. */
  doc: Doc | null
  /** The document did not exist when this transaction first wrote it (commit inserts it). */
  created: boolean
  /** `encodeDoc(doc)`, when known. */
  text?: string
}

export interface Txn {
  id: string
  startSeq: number
  startedAtMs: number
  invocationId?: string
  pending: Map<string, Pending>
}

type Ended = { state: 'committed' | 'aborted'; reason: string; conflict: boolean }

/** Transaction ids: a random prefix per process and a counter (24 hex characters, like before; no RNG per start). */
const ID_PREFIX = randomBytes(8).toString('hex')

export const pendingKey = (coll: string, key: string) => `${coll}\u0000${key}`

export class Transactions {
  private readonly open = new Map<string, Txn>()
  /** Which open transaction holds a pending write on a document. */
  private readonly locks = new Map<string, string>()
  /** Recently ended transactions, so a late op or commit gets a clear answer. */
  private readonly ended = new Map<string, Ended>()
  commits = 0
  conflicts = 0
  aborts = 0
  private idSeq = 0

  constructor(private readonly timeoutMs = TRANSACTION_TIMEOUT_MS) {}

  get openCount() {
    return this.open.size
  }

  /** The oldest start seq among open transactions (writes at or before it no longer matter to conflict checks). */
  oldestStartSeq(): number | undefined {
    let min: number | undefined
    for (const t of this.open.values()) if (min === undefined || t.startSeq < min) min = t.startSeq
    return min
  }

  start(startSeq: number, nowMs: number, invocationId?: string): Txn {
    const txn: Txn = {
      id: `${ID_PREFIX}${(++this.idSeq).toString(16).padStart(8, '0')}`,
      startSeq,
      startedAtMs: nowMs,
      invocationId,
      pending: new Map(),
    }
    this.open.set(txn.id, txn)
    return txn
  }

  /** The open transaction, or a clear error for an unknown, ended or expired one. */
  get(id: unknown, nowMs: number): Txn {
    if (typeof id !== 'string') throw new DbError('INVALID_PARAM', 'local cloud: missing transactionId')
    this.expire(nowMs)
    const txn = this.open.get(id)
    if (txn) return txn
    const ended = this.ended.get(id)
    if (!ended) throw new DbError('DATABASE_REQUEST_FAILED', `local cloud: unknown transaction ${id}`)
    if (ended.conflict) throw conflict(`transaction ${id} was aborted by an earlier conflict (${ended.reason})`)
    throw new DbError('DATABASE_REQUEST_FAILED', `local cloud: transaction ${id} is ${ended.state} (${ended.reason})`)
  }

  /** Aborts transactions older than the timeout (CloudBase's 30 s limit), releasing their pending writes. */
  expire(nowMs: number) {
    for (const txn of this.open.values()) {
      if (nowMs - txn.startedAtMs > this.timeoutMs) this.end(txn, 'aborted', `not committed within ${this.timeoutMs / 1000} s`, false)
    }
  }

  /** The id of another open transaction holding a pending write on this document. */
  lockHolder(coll: string, key: string, except: Txn): string | undefined {
    const holder = this.locks.get(pendingKey(coll, key))
    return holder && holder !== except.id ? holder : undefined
  }

  /** Pending documents of other open transactions in a collection (for the unique-key conflict check). */
  *othersPending(coll: string, except: Txn): Iterable<Pending> {
    for (const t of this.open.values()) {
      if (t === except) continue
      for (const p of t.pending.values()) if (p.coll === coll && p.doc) yield p
    }
  }

  record(txn: Txn, write: Pending) {
    const k = pendingKey(write.coll, write.key)
    const prior = txn.pending.get(k)
    txn.pending.set(k, prior ? { ...write, created: prior.created } : write)
    this.locks.set(k, txn.id)
  }

  /** Aborts a transaction because of a conflict and returns the error to answer. */
  conflictAbort(txn: Txn, detail: string): DbError {
    this.conflicts++
    this.end(txn, 'aborted', detail, true)
    return conflict(detail)
  }

  end(txn: Txn, state: Ended['state'], reason: string, isConflict: boolean) {
    if (!this.open.delete(txn.id)) return
    for (const k of txn.pending.keys()) if (this.locks.get(k) === txn.id) this.locks.delete(k)
    if (state === 'committed') this.commits++
    else this.aborts++
    this.ended.set(txn.id, { state, reason, conflict: isConflict })
    if (this.ended.size > 1000) this.ended.delete(this.ended.keys().next().value as string)
  }

  /** Ends every open transaction (reset). */
  clear() {
    for (const txn of [...this.open.values()]) this.end(txn, 'aborted', 'local cloud reset', false)
  }
}
