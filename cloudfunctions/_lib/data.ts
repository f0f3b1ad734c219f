/**
 * Typed access to the database: every read and write of the functions goes through here, typed by the
 * collection → document map in collections.ts. wx-server-sdk types every answer as
 * `Promise<IQueryResult> | void | string`; this is the one place that narrows those answers.
 *
 *   data.members.get(openid)                                  → MemberDoc | null
 *   data.members.where({ memberNo }).first()                  → MemberDoc | null
 *   data.rsvps.where({ eventId }).orderBy('at', 'asc').limit(100).get()
 *   inTransaction(async (t) => { const w = tx(t); await w.coupons.update(id, { status: 'used' }) })
 *
 * Transactions read and write single documents by id (CloudBase cannot query inside one), so `tx(t)` offers
 * no `where`.
 */
import { _, db, type Transaction } from './cloud'
import { COLLECTIONS, type CollectionDocs, type CollectionName } from './collections'

type QueryCommand = ReturnType<typeof _.gt>
type LogicCommand = ReturnType<typeof _.and>
type UpdateCommand = ReturnType<typeof _.inc>
/** `db.RegExp({ regexp })`: a field matching a regular expression (the workbench's name and phone search). */
type RegExpMatch = ReturnType<Database['RegExp']>
type Aggregate = ReturnType<ReturnType<Database['collection']>['aggregate']>
type Database = typeof db

type AnyDoc = { _id: string }

/**
 * A field of the document, or a dotted path into one (`use.at`, `progress.cursor`). In a collection of several kinds
 * of document (`codeGuards`), a field of any kind.
 */
export type FieldPath<D> = (keyof D & string) | (D extends unknown ? keyof D & string : never) | `${string}.${string}`

/**
 * A query: each field equal to a value or matching a command (`_.gt(…)`, or a range `_.gte(…).and(_.lt(…))`), or a
 * whole `_.and`/`_.or`.
 */
export type Filter<D> =
  ({ [K in keyof D]?: D[K] | QueryCommand | LogicCommand | RegExpMatch } & { [path: `${string}.${string}`]: unknown }) | LogicCommand

/**
 * An update: fields set to values or changed by commands (`_.inc(1)`, `_.remove()`); never `_id`. In a collection of
 * several kinds of document, the fields of one kind.
 */
export type Patch<D> = D extends unknown
  ? { [K in Exclude<keyof D, '_id'>]?: D[K] | UpdateCommand } & { [path: `${string}.${string}`]: unknown }
  : never

/** A document as written by `add`: its own `_id` (every collection here names its documents). */
type Body<D> = Omit<D, '_id'>

const bodyOf = <D extends AnyDoc>(doc: D): Body<D> => {
  const { _id, ...rest } = doc
  void _id
  return rest
}

/** The SDK's answer to a call, as the shape CloudBase documents for it (the SDK's typings cannot say). */
const answer = async <T>(call: unknown): Promise<T> => (await call) as T

type SdkQuery = ReturnType<ReturnType<Database['collection']>['where']>

/** A query over one collection; each step answers a new query, as the SDK's does. */
export class Query<D> {
  constructor(private readonly query: SdkQuery) {}

  orderBy(path: FieldPath<D>, order: 'asc' | 'desc'): Query<D> {
    return new Query<D>(this.query.orderBy(path, order))
  }

  skip(count: number): Query<D> {
    return new Query<D>(this.query.skip(count))
  }

  limit(count: number): Query<D> {
    return new Query<D>(this.query.limit(count))
  }

  /** Only these fields (and `_id`) come back: for walks over many documents that need a few fields. */
  select<K extends keyof D>(...fields: K[]): Query<Pick<D, K | Extract<keyof D, '_id'>>> {
    const projection: Record<string, true> = { _id: true }
    for (const f of fields) projection[f as string] = true
    return new Query(this.query.field(projection))
  }

  async get(): Promise<D[]> {
    return (await answer<{ data: D[] }>(this.query.get())).data
  }

  /** The first document in the query's order, or null. */
  async first(): Promise<D | null> {
    const [doc] = await this.limit(1).get()
    return doc ?? null
  }

  async count(): Promise<number> {
    return (await answer<{ total: number }>(this.query.count())).total
  }

  /** Updates every matching document; answers how many changed (0 when the filter no longer matches). */
  async update(patch: Patch<D>): Promise<number> {
    return (await answer<{ stats: { updated: number } }>(this.query.update({ data: patch }))).stats.updated
  }

  /** Removes every matching document; answers how many were removed. */
  async remove(): Promise<number> {
    return (await answer<{ stats: { removed: number } }>(this.query.remove())).stats.removed
  }
}

/** One collection outside a transaction: documents by id, and queries. */
export class Collection<D extends AnyDoc> {
  constructor(readonly name: CollectionName) {}

  private get ref() {
    return db.collection(this.name)
  }

  async get(id: string): Promise<D | null> {
    return (await answer<{ data: D | null }>(this.ref.doc(id).get())).data ?? null
  }

  /** Adds a new document under its own `_id`; fails (duplicate key) when one with that id exists. */
  async add(doc: D): Promise<void> {
    await this.ref.add({ data: doc })
  }

  /** Writes the whole document under its `_id`, creating or replacing it. */
  async put(doc: D): Promise<void> {
    await this.ref.doc(doc._id).set({ data: bodyOf(doc) })
  }

  /** Adds a new document under an id the database picks (a log entry nobody looks up by id); answers that id. */
  async addWithNewId(doc: Body<D>): Promise<string> {
    return (await answer<{ _id: string }>(this.ref.add({ data: doc })))._id
  }

  /** Changes fields of one document; answers how many changed (0 when it does not exist). */
  async update(id: string, patch: Patch<D>): Promise<number> {
    return (await answer<{ stats: { updated: number } }>(this.ref.doc(id).update({ data: patch }))).stats.updated
  }

  async remove(id: string): Promise<number> {
    return (await answer<{ stats: { removed: number } }>(this.ref.doc(id).remove())).stats.removed
  }

  where(filter: Filter<D>): Query<D> {
    return new Query<D>(this.ref.where(filter as object))
  }

  /** The whole collection as a query (to order, page or count without a filter). */
  all(): Query<D> {
    return new Query<D>(this.ref)
  }

  /**
   * An aggregation pipeline built by `build`; its rows are typed by the caller, since a pipeline reshapes
   * the documents (a `group` answers its own fields).
   */
  async aggregate<Row>(build: (pipeline: Aggregate) => Aggregate): Promise<Row[]> {
    return (await answer<{ list: Row[] }>(build(this.ref.aggregate()).end())).list
  }
}

/** One collection inside a transaction: documents by id only. */
export class TxCollection<D extends AnyDoc> {
  constructor(
    private readonly t: Transaction,
    readonly name: CollectionName,
  ) {}

  private doc(id: string) {
    return this.t.collection(this.name).doc(id)
  }

  async get(id: string): Promise<D | null> {
    return (await answer<{ data: D | null }>(this.doc(id).get())).data ?? null
  }

  /** Adds a new document under its own `_id`; the transaction fails when one with that id exists. */
  async add(doc: D): Promise<void> {
    await this.t.collection(this.name).add({ data: doc })
  }

  /** Writes the whole document under its `_id`, creating or replacing it. */
  async put(doc: D): Promise<void> {
    await this.doc(doc._id).set({ data: bodyOf(doc) })
  }

  async update(id: string, patch: Patch<D>): Promise<void> {
    await this.doc(id).update({ data: patch })
  }

  async remove(id: string): Promise<void> {
    await this.doc(id).remove()
  }
}

export type Collections = { [N in CollectionName]: Collection<CollectionDocs[N]> }
export type TxCollections = { [N in CollectionName]: TxCollection<CollectionDocs[N]> }

const names = Object.values(COLLECTIONS) as CollectionName[]

/** Every collection, outside a transaction. */
export const data = Object.fromEntries(names.map((name) => [name, new Collection(name)])) as unknown as Collections

const inTransactions = new WeakMap<Transaction, TxCollections>()

/** Every collection, inside transaction `t` (made once per transaction: readers and writers each ask for it). */
export const tx = (t: Transaction): TxCollections => {
  let collections = inTransactions.get(t)
  if (!collections) {
    collections = Object.fromEntries(names.map((name) => [name, new TxCollection(t, name)])) as unknown as TxCollections
    inTransactions.set(t, collections)
  }
  return collections
}
