/**
 * SQLite storage: one table per collection (`id`, `doc` as relaxed EJSON text, `seq` = global commit sequence
 * number of the document's last write), expression indexes from the declared collections, and a global
 * commit sequence that transactions use to detect write-write conflicts.
 */
import Database from 'better-sqlite3'
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { DbError, NOT_AVAILABLE } from './errors'
import { type Doc, decodeDoc, encodeDoc } from './ejson'

export interface IndexKey {
  field: string
  direction: 1 | -1
}
export interface IndexSpec {
  name: string
  keys: IndexKey[]
  unique?: boolean
}
export interface CollectionSpec {
  name: string
  indexes: IndexSpec[]
}

/** A stored row. `key` is the primary key derived from `_id` (see docKey). */
export interface Row {
  key: string
  doc: string
  seq: number
}

/** One document write applied at commit: `doc: null` deletes. */
export interface Write {
  coll: string
  key: string
  doc: Doc | null
  /** Insert only (fails on an existing _id, like MongoDB insert), instead of insert-or-replace. */
  insert?: boolean
  /** `encodeDoc(doc)` when the caller has it already (saves encoding the document again). */
  text?: string
}

/** String bounds on `_id` or a field (MongoDB compares a string bound with strings only). */
export interface StringRange {
  gt?: string
  gte?: string
  lt?: string
  lte?: string
}
const RANGE_SQL: Record<keyof StringRange, string> = { gt: '>', gte: '>=', lt: '<', lte: '<=' }

/**
 * What is pushed down to SQLite: `_id` equalities, or an equality on a field leading a declared index (scalars
 * only), and/or a string range on `_id`. All conditions hold together.
 */
export interface NumberRange {
  gt?: number
  gte?: number
  lt?: number
  lte?: number
}

export interface Pushdown {
  ids?: unknown[]
  /**
   * An equality (`values`: scalars), a string range (`range`) or a number range (`numRange`) on a field leading a
   * declared index; with a range the rows may come in that field's order (`order`, ties by `_id`).
   */
  field?: { path: string; values?: unknown[]; range?: StringRange; numRange?: NumberRange; order?: 1 | -1 }
  idRange?: StringRange
}

const NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/
const INDEX_NAME = /^[A-Za-z0-9_.$-]{1,64}$/

export const assertCollectionName = (name: unknown): string => {
  if (typeof name !== 'string' || !NAME.test(name))
    throw new DbError('INVALID_PARAM', `local cloud: invalid collection name ${JSON.stringify(name)}`)
  return name
}

/**
 * The primary key for an `_id`. CloudBase ids are strings (doc() also takes numbers); numbers get a prefix
 * that no real string id carries, so 1 and '1' stay different documents, as in MongoDB.
 */
export const docKey = (id: unknown): string => {
  if (typeof id === 'string') return id
  if (typeof id === 'number' && Number.isFinite(id)) return `\u0000n:${id}`
  throw new DbError('INVALID_PARAM', `local cloud: _id must be a string or a number, got ${JSON.stringify(id)}`)
}

const table = (coll: string) => `"c_${coll}"`
const jsonPath = (field: string) =>
  '$' +
  field
    .split('.')
    .map((seg) => `."${seg.replace(/"/g, '\\"')}"`)
    .join('')
const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`

/**
 * An indexed field as two SQL expressions, (JSON type, value), so that 1, '1' and true stay distinct keys and a
 * missing field equals null (MongoDB indexes a missing field as null: a unique index admits one such document).
 */
const keyExprs = (field: string): [string, string] => {
  const p = sqlString(jsonPath(field))
  return [`ifnull(json_type(doc, ${p}), 'null')`, `ifnull(json_extract(doc, ${p}), 0)`]
}

/** The (type, value) SQL pair for a pushed-down scalar, or undefined when it cannot be pushed down. */
const scalarKey = (v: unknown): [string, string | number] | undefined => {
  if (typeof v === 'string') return ['text', v]
  if (typeof v === 'boolean') return [v ? 'true' : 'false', v ? 1 : 0]
  if (typeof v === 'number' && Number.isSafeInteger(v)) return ['integer', v]
  if (typeof v === 'number' && Number.isFinite(v) && !Number.isInteger(v)) return ['real', v]
  return undefined
}
export const canPushDown = (v: unknown) => scalarKey(v) !== undefined

/** Reads `<dir>/*.json` collection declarations (`{ name, indexes, rules }`). */
export const loadCollectionSpecs = (dir: string | undefined): CollectionSpec[] => {
  if (!dir || !existsSync(dir)) return []
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const raw = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Partial<CollectionSpec>
      const name = assertCollectionName(raw.name)
      const indexes = (raw.indexes ?? []).map((ix) => {
        if (!INDEX_NAME.test(ix.name) || !Array.isArray(ix.keys) || ix.keys.length === 0)
          throw new Error(`local cloud: bad index ${JSON.stringify(ix)} in ${f}`)
        // Declarations are JSON: a key may say "2dsphere", "text", "hashed" although the type says 1 | -1.
        const special = (ix.keys as { direction: unknown }[]).find((k) => k.direction !== 1 && k.direction !== -1)?.direction
        if (special !== undefined) {
          const kind = special === '2dsphere' || special === '2d' ? 'geo indexes' : 'index type'
          throw new Error(
            `local cloud: ${NOT_AVAILABLE}: ${kind} (${JSON.stringify(special)}), index ${ix.name} in ${f}; only ascending (1) and descending (-1) keys are modelled`,
          )
        }
        return { name: ix.name, keys: ix.keys, unique: ix.unique === true }
      })
      return { name, indexes }
    })
}

export class Store {
  private readonly db: Database.Database
  private seq: number
  /**
   * The seq of each document's last write or delete, kept while an open transaction may need it for its conflict
   * checks (see lastWriteSeq), in seq order: a document written again moves to the end.
   */
  private readonly recentWrites = new Map<string, number>()
  private readonly specs = new Map<string, CollectionSpec>()
  private readonly tables = new Set<string>()
  private readonly ensured = new Set<string>()
  private readonly statements = new Map<string, Database.Statement>()
  /** SQLite index name → the declared index, to name it in E11000 messages. */
  private readonly indexBySqlName = new Map<string, { coll: string; spec: IndexSpec }>()

  constructor(dataDir: string, specs: CollectionSpec[]) {
    mkdirSync(dataDir, { recursive: true })
    // No busy wait: this connection is the file's only user (see below).
    this.db = new Database(join(dataDir, 'localcloud.sqlite'), { timeout: 0 })
    // One process owns the data folder (its commit sequence and open transactions live in its memory): an
    // exclusive lock makes a second local cloud on the same folder fail at start instead of corrupting the
    // sequence, and keeps SQLite from taking file locks and shared memory around every statement (~18% of
    // the executor's time per purchase, bench/ledger.ts). Set before WAL so the WAL index lives in memory.
    try {
      this.db.pragma('locking_mode = EXCLUSIVE')
      this.db.pragma('journal_mode = WAL')
      // Commits survive a crash of this process (WAL in the OS cache), not of the machine: fine for a local
      // database, and NORMAL's fsync at every checkpoint cost ~25 µs per commit (bench/ledger.ts).
      this.db.pragma('synchronous = OFF')
      // A deleted or replaced document's bytes are overwritten with zeros, not left in free space or on the free
      // list where a hex editor could still read an erased member (test/localcloud/secure-delete.test.ts).
      this.db.pragma('secure_delete = ON')
      this.db.exec('BEGIN IMMEDIATE; CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL); COMMIT')
    } catch (e) {
      this.db.close()
      if ((e as { code?: string }).code === 'SQLITE_BUSY')
        throw new Error(`local cloud: the data folder ${dataDir} is in use by another local cloud (stop it, or use another folder)`)
      throw e
    }
    const row = this.db.prepare("SELECT value FROM meta WHERE key = 'seq'").get() as { value: number } | undefined
    this.seq = row?.value ?? 0
    for (const spec of specs) this.specs.set(spec.name, spec)
    this.loadTables()
    // Declared collections exist from the start, as after a deploy.
    for (const spec of specs) this.ensure(spec.name)
  }

  private loadTables() {
    this.tables.clear()
    const rows = this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'c\\_%' ESCAPE '\\'").all() as {
      name: string
    }[]
    for (const r of rows) this.tables.add(r.name.slice(2))
  }

  get currentSeq() {
    return this.seq
  }

  exists(coll: string) {
    return this.tables.has(coll)
  }

  collections(): string[] {
    return [...this.tables].sort()
  }

  indexesOf(coll: string): IndexSpec[] {
    return this.specs.get(coll)?.indexes ?? []
  }

  /** Creates the collection's table and its declared indexes (and drops indexes no longer declared). */
  ensure(coll: string) {
    if (this.ensured.has(coll)) return
    assertCollectionName(coll)
    if (!this.tables.has(coll)) {
      this.db.exec(`CREATE TABLE IF NOT EXISTS ${table(coll)} (id TEXT PRIMARY KEY, doc TEXT NOT NULL, seq INTEGER NOT NULL)`)
      this.tables.add(coll)
    }
    const wanted = new Set<string>()
    for (const spec of this.indexesOf(coll)) {
      // A non-unique index ends with the primary key, so that an equality on its fields plus a range or order on
      // `_id` (the chunked cursor: where({ f: v, _id: _.gt(cursor) }).orderBy('_id')) is one index range scan.
      // (The suffix renames older data files' indexes, which the loop below then drops.)
      const sqlName = spec.unique ? `ix__${coll}__${spec.name}` : `ix__${coll}__${spec.name}__id`
      wanted.add(sqlName)
      this.indexBySqlName.set(sqlName, { coll, spec })
      const cols = [...spec.keys.flatMap((k) => keyExprs(k.field)), ...(spec.unique ? [] : ['id'])].join(', ')
      try {
        this.db.exec(`CREATE ${spec.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS "${sqlName}" ON ${table(coll)} (${cols})`)
      } catch (e) {
        throw new Error(`local cloud: cannot create index ${spec.name} on ${coll}: ${(e as Error).message}`)
      }
    }
    const existing = this.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND name LIKE 'ix\\_\\_%' ESCAPE '\\'")
      .all(`c_${coll}`) as { name: string }[]
    for (const { name } of existing) if (!wanted.has(name)) this.db.exec(`DROP INDEX "${name}"`)
    this.ensured.add(coll)
  }

  /** Prepared statements are cached: the same few shapes run thousands of times. */
  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql)
    if (!s) {
      s = this.db.prepare(sql)
      this.statements.set(sql, s)
    }
    return s
  }

  /** Rows fetched by get() and candidates() so far (the executor attributes the difference to each request). */
  rowsScanned = 0

  get(coll: string, key: string): Row | undefined {
    if (!this.tables.has(coll)) return undefined
    const row = this.stmt(`SELECT id AS key, doc, seq FROM ${table(coll)} WHERE id = ?`).get(key) as Row | undefined
    if (row) this.rowsScanned++
    return row
  }

  /**
   * The seq of a document's last write or delete, or 0 when that is at or before every open transaction's start
   * (no conflict check can then tell it from 0: they compare it with a start seq). Answered from memory: writes
   * are remembered until pruneWrites() says no open transaction started before them.
   */
  lastWriteSeq(coll: string, key: string): number {
    return this.recentWrites.get(`${coll}\u0000${key}`) ?? 0
  }

  /**
   * Rows that may match, lazily (a caller that has enough stops early, and only the rows it took are fetched):
   * narrowed by the pushdown (ids, an indexed equality, a string range on `_id`), in `_id` order when `order` is
   * given (SQLite's BINARY order of UTF-8 = code point order, MongoDB's order for strings). A superset of the
   * matches: the caller evaluates the full filter on each row.
   */
  *scan(coll: string, pushdown: Pushdown | undefined, order?: 1 | -1): Generator<Row, void, undefined> {
    const q = this.scanQuery(coll, pushdown, order)
    if (!q) return
    for (const row of this.stmt(q.sql).iterate(...q.args) as IterableIterator<Row>) {
      this.rowsScanned++
      yield row
    }
  }

  /** All rows that may match (see scan). */
  candidates(coll: string, pushdown: Pushdown | undefined): Row[] {
    return [...this.scan(coll, pushdown)]
  }

  /** SQLite's plan for a scan (tests pin that the indexes are used). */
  explainScan(coll: string, pushdown: Pushdown | undefined, order?: 1 | -1): string {
    const q = this.scanQuery(coll, pushdown, order)
    if (!q) return 'nothing to scan'
    return (this.db.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.args) as { detail: string }[]).map((r) => r.detail).join('; ')
  }

  /** The SQL of a scan, or null when nothing can match (no such table, an empty id list). */
  private scanQuery(coll: string, pushdown: Pushdown | undefined, order?: 1 | -1): { sql: string; args: (string | number)[] } | null {
    if (!this.tables.has(coll)) return null
    const where: string[] = []
    const args: (string | number)[] = []
    if (pushdown?.ids) {
      const keys = pushdown.ids.map(docKey)
      if (keys.length === 0) return null
      where.push(`id IN (${keys.map(() => '?').join(',')})`)
      args.push(...keys)
    }
    if (pushdown?.field?.values) {
      const [t, v] = keyExprs(pushdown.field.path)
      const pairs = pushdown.field.values.map(scalarKey).filter((p): p is [string, string | number] => !!p)
      if (pairs.length === 0) return null
      where.push(pairs.length === 1 ? `${t} = ? AND ${v} = ?` : `(${pairs.map(() => `(${t} = ? AND ${v} = ?)`).join(' OR ')})`)
      args.push(...pairs.flat())
    } else if (pushdown?.field?.range) {
      // Only strings compare with a string bound; SQLite orders text by code point, as MongoDB does.
      const [t, v] = keyExprs(pushdown.field.path)
      where.push(`${t} = 'text'`)
      for (const [op, bound] of Object.entries(pushdown.field.range) as [keyof StringRange, string][]) {
        where.push(`${v} ${RANGE_SQL[op]} ?`)
        args.push(bound)
      }
    }
    if (pushdown?.field?.numRange) {
      // Only numbers compare with a number bound; integers and reals both, compared by value.
      const [t, v] = keyExprs(pushdown.field.path)
      where.push(`${t} IN ('integer', 'real')`)
      for (const [op, bound] of Object.entries(pushdown.field.numRange) as [keyof NumberRange, number][]) {
        where.push(`${v} ${RANGE_SQL[op]} ?`)
        args.push(bound)
      }
    }
    for (const [op, bound] of Object.entries(pushdown?.idRange ?? {}) as [keyof StringRange, string][]) {
      where.push(`id ${RANGE_SQL[op]} ?`)
      args.push(bound)
    }
    const sql =
      `SELECT id AS key, doc, seq FROM ${table(coll)}` +
      (where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '') +
      ((pushdown?.field?.numRange || pushdown?.field?.range) && pushdown.field.order
        ? ` ORDER BY ${keyExprs(pushdown.field.path)[1]} ${pushdown.field.order === 1 ? 'ASC' : 'DESC'}, id ASC`
        : order
          ? ` ORDER BY id ${order === 1 ? 'ASC' : 'DESC'}`
          : '')
    return { sql, args }
  }

  /** Rows of `coll` last written after commit `seq` (a full scan that hands over only those). */
  rowsWrittenAfter(coll: string, seq: number): Row[] {
    if (!this.tables.has(coll)) return []
    return this.stmt(`SELECT id AS key, doc, seq FROM ${table(coll)} WHERE seq > ?`).all(seq) as Row[]
  }

  /** Every document key of `coll`, without reading the documents. */
  keys(coll: string): string[] {
    if (!this.tables.has(coll)) return []
    return this.stmt(`SELECT id FROM ${table(coll)}`)
      .pluck()
      .all() as string[]
  }

  count(coll: string): number {
    if (!this.tables.has(coll)) return 0
    return (this.stmt(`SELECT count(*) AS n FROM ${table(coll)}`).get() as { n: number }).n
  }

  /**
   * Rows other than `exceptKey` that hold the same unique-index key as `doc`, for the duplicate-key check
   * done at a transactional write (the commit re-checks through SQLite's own constraint).
   */
  uniqueClash(coll: string, doc: Doc, exceptKey: string): { index: IndexSpec; key: string } | undefined {
    if (!this.tables.has(coll)) return undefined
    for (const spec of this.indexesOf(coll)) {
      if (!spec.unique) continue
      const sql: string[] = []
      const args: (string | number)[] = []
      for (const k of spec.keys) {
        const [t, v] = keyExprs(k.field)
        const value = readPath(doc, k.field)
        const pair = value === undefined || value === null ? (['null', 0] as const) : scalarKey(value)
        if (!pair) return undefined // objects/dates: leave it to the constraint at commit
        sql.push(`${t} = ? AND ${v} = ?`)
        args.push(pair[0], pair[1])
      }
      const hit = this.stmt(`SELECT id AS key FROM ${table(coll)} WHERE ${sql.join(' AND ')} AND id <> ? LIMIT 1`).get(
        ...args,
        exceptKey,
      ) as { key: string } | undefined
      if (hit) return { index: spec, key: hit.key }
    }
    return undefined
  }

  /**
   * Applies writes atomically, bumping the global seq once; all rows written carry the new seq.
   * Throws DbError E11000 on a unique-index or _id violation (nothing applies then).
   */
  apply(writes: Write[]): number {
    if (writes.length === 0) return this.seq
    for (const w of writes) {
      this.ensure(w.coll) // DDL outside the transaction, so a rolled-back write cannot un-create a table we track
      if (w.doc) this.checkIndexedPaths(w.coll, w.doc)
    }
    const next = this.seq + 1
    try {
      this.applyAtomically(writes, next)
    } catch (e) {
      throw this.translateConstraint(e, writes)
    }
    this.seq = next
    for (const w of writes) {
      const k = `${w.coll}\u0000${w.key}`
      this.recentWrites.delete(k)
      this.recentWrites.set(k, next)
    }
    return next
  }

  /** One SQLite transaction for a batch of writes (built once: better-sqlite3 wraps the function per call otherwise). */
  private readonly applyAtomically = (writes: Write[], next: number) => {
    this.applyTxn ??= this.db.transaction((ws: Write[], seq: number) => {
      for (const w of ws) {
        if (w.doc === null) {
          this.stmt(`DELETE FROM ${table(w.coll)} WHERE id = ?`).run(w.key)
        } else if (w.insert) {
          this.stmt(`INSERT INTO ${table(w.coll)} (id, doc, seq) VALUES (?, ?, ?)`).run(w.key, w.text ?? encodeDoc(w.doc), seq)
        } else {
          this.stmt(
            `INSERT INTO ${table(w.coll)} (id, doc, seq) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET doc = excluded.doc, seq = excluded.seq`,
          ).run(w.key, w.text ?? encodeDoc(w.doc), seq)
        }
      }
      this.stmt("INSERT INTO meta (key, value) VALUES ('seq', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(seq)
    })
    this.applyTxn(writes, next)
  }
  private applyTxn?: (writes: Write[], next: number) => void

  /**
   * Loads many new documents into one collection at once (seeding large data sets): one SQLite transaction that
   * drops the collection's declared indexes, inserts every batch, and builds the indexes again — building an index
   * over sorted keys is several times faster than updating six indexes per row in random order. A duplicate `_id`
   * or unique key fails the whole load (E11000) and nothing applies. Every row gets one new seq. The caller
   * makes sure no transaction is open (the conflict checks would not see these writes).
   */
  bulkInsert(coll: string, batches: Iterable<{ key: string; doc: Doc; text: string }[]>): number {
    this.ensure(coll)
    const next = this.seq + 1
    let count = 0
    let inserting: Doc | undefined
    let building: string | undefined
    const indexSql = this.db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND name LIKE 'ix\\_\\_%' ESCAPE '\\'")
      .all(`c_${coll}`) as { name: string; sql: string }[]
    const insert = this.db.prepare(`INSERT INTO ${table(coll)} (id, doc, seq) VALUES (?, ?, ?)`)
    const load = this.db.transaction(() => {
      for (const { name } of indexSql) this.db.exec(`DROP INDEX "${name}"`)
      for (const batch of batches) {
        for (const w of batch) {
          this.checkIndexedPaths(coll, w.doc)
          inserting = w.doc
          insert.run(w.key, w.text, next)
        }
        count += batch.length
      }
      inserting = undefined
      for (const { name, sql } of indexSql) {
        building = name
        this.db.exec(sql)
      }
      this.db.prepare("INSERT INTO meta (key, value) VALUES ('seq', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(next)
    })
    try {
      load()
    } catch (e) {
      const code = (e as { code?: string }).code ?? ''
      if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw duplicateKey(coll, '_id_', `{ _id: ${JSON.stringify(inserting?._id ?? '?')} }`)
      if (code.startsWith('SQLITE_CONSTRAINT') && building) {
        const spec = this.indexBySqlName.get(building)?.spec
        throw duplicateKey(
          coll,
          spec?.name ?? building,
          `{ ${(spec?.keys ?? []).map((k) => `${k.field}: ?`).join(', ')} } (found while building the index after a bulk load)`,
        )
      }
      throw e
    } finally {
      // Indexes were dropped and created: statements prepared before may hold stale plans.
      this.statements.clear()
    }
    this.seq = next
    return count
  }

  /** Forgets the writes at or before `seq` (the oldest open transaction's start, or the current seq if none). */
  pruneWrites(seq: number) {
    for (const [k, s] of this.recentWrites) {
      if (s > seq) break
      this.recentWrites.delete(k)
    }
  }

  /**
   * Indexes here are on the whole value of a path; MongoDB's multikey indexes (arrays) are not modelled, so a
   * write that puts an array on an indexed path is refused rather than silently mis-indexed.
   */
  private checkIndexedPaths(coll: string, doc: Doc) {
    for (const spec of this.indexesOf(coll)) {
      for (const { field } of spec.keys) {
        let cur: unknown = doc
        for (const seg of field.split('.')) {
          if (Array.isArray(cur) || cur === null || typeof cur !== 'object') break
          cur = (cur as Record<string, unknown>)[seg]
          if (Array.isArray(cur))
            throw new DbError(
              'DATABASE_REQUEST_FAILED',
              `${NOT_AVAILABLE}: indexes on array fields (multikey); ${coll}.${field} is indexed (${spec.name}) and this write puts an array there`,
            )
        }
      }
    }
  }

  private translateConstraint(e: unknown, writes: Write[]): unknown {
    const err = e as { code?: string; message?: string }
    if (err.code !== 'SQLITE_CONSTRAINT_UNIQUE' && err.code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') return e
    const ix = /index '([^']+)'/.exec(err.message ?? '')?.[1]
    const declared = ix ? this.indexBySqlName.get(ix) : undefined
    if (declared) {
      const doc =
        writes.find((w) => w.coll === declared.coll && w.doc && this.uniqueClash(w.coll, w.doc, w.key))?.doc ??
        writes.find((w) => w.coll === declared.coll && w.doc)?.doc
      const dup = declared.spec.keys.map((k) => `${k.field}: ${JSON.stringify(doc ? (readPath(doc, k.field) ?? null) : '?')}`)
      return duplicateKey(declared.coll, declared.spec.name, `{ ${dup.join(', ')} }`)
    }
    const m = /failed: c_([^.]+)\.id/.exec(err.message ?? '')
    const coll = m?.[1] ?? writes[0].coll
    // The existing holder is either committed or an earlier document of the same batch.
    const seen = new Set<string>()
    const w = writes.find((x) => {
      if (x.coll !== coll || !x.insert) return false
      const dup = seen.has(x.key) || !!this.get(coll, x.key)
      seen.add(x.key)
      return dup
    })
    return duplicateKey(coll, '_id_', `{ _id: ${JSON.stringify(w?.doc?._id ?? '?')} }`)
  }

  /** Deletes every collection (keeps the declared ones, empty). */
  reset() {
    this.statements.clear()
    this.ensured.clear()
    for (const coll of [...this.tables]) this.db.exec(`DROP TABLE IF EXISTS ${table(coll)}`)
    this.db.exec('DELETE FROM meta')
    this.tables.clear()
    this.recentWrites.clear()
    this.seq = 0
    for (const spec of this.specs.values()) this.ensure(spec.name)
  }

  /** Drops one collection (CloudBase deletes collections in the console only; tests use this). */
  drop(coll: string) {
    this.statements.clear()
    this.ensured.delete(coll)
    this.db.exec(`DROP TABLE IF EXISTS ${table(coll)}`)
    this.tables.delete(coll)
  }

  close() {
    if (this.db.open) this.db.close()
  }
}

export const duplicateKey = (coll: string, index: string, dup: string) =>
  new DbError('DATABASE_REQUEST_FAILED', `E11000 duplicate key error collection: ${coll} index: ${index} dup key: ${dup}`, true)

export const readPath = (doc: unknown, path: string): unknown => {
  let cur: unknown = doc
  for (const seg of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Record<string, unknown>)[seg]
  }
  return cur
}

export { decodeDoc }
