/**
 * Cloud function `export`: the operators' CSV exports — every member, or every ledger entry of a range of
 * business days — written to cloud storage and answered with a temporary link. A function of its own (60 s,
 * config.json) so that reading a whole collection never holds up `ops`.
 *
 * - Reads in pages: a query returns at most 1,000 documents in a function, so members are walked by `_id`
 *   (`_id > cursor`, ordered by `_id`) and the ledger a business day at a time through its `at` index, each day by
 *   (`at`, `_id`). Nothing is read unbounded.
 * - Memory stays flat: each page becomes CSV lines appended to a file in /tmp (CloudBase gives functions a
 *   writable /tmp), which is uploaded as a stream.
 * - Phone numbers are masked unless the operator's document grants `exportPII`; every export is logged in
 *   `exports` (who, what, rows, with personal data or not) before the link is handed out.
 */
import { randomBytes } from 'node:crypto'
import { createReadStream, createWriteStream, rmSync, type WriteStream } from 'node:fs'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ExportResult } from '../../src/api/contract'
import { EmptySchema, LedgerExportSchema } from '../../src/api/schemas'
import { CSV_BOM, csvLine } from '../../src/domain/csv'
import {
  LEDGER_COLUMNS,
  MEMBER_COLUMNS,
  MEMBER_EXPORT_FIELDS,
  type ExportNames,
  businessDays,
  ledgerRow,
  memberRow,
} from '../../src/domain/exports'
import type { LedgerEntry } from '../../src/domain/ledger'
import { businessTime } from '../../src/domain/time'
import { _, cloud } from '../_lib/cloud'
import type { ExportDoc } from '../_lib/collections'
import { data, type Filter, type Query } from '../_lib/data'
import { type OperatorContext, operatorAction, serve } from '../_lib/runtime'

/** CloudBase's most documents per query in a cloud function. */
const PAGE = 1000
/** The link is for downloading now; the file stays in storage (and the log names it). */
const LINK_MAX_AGE_S = 3600

type Doc = { _id: string }

/**
 * Every document of a collection in `_id` order, a page at a time: `after(cursor)` is the collection's query for the
 * documents with `_id > cursor`, with a `select` so that a page carries only the exported fields.
 */
async function* pagesById<T extends Doc>(after: (cursor: string) => Query<T>): AsyncGenerator<T[]> {
  let cursor = ''
  for (;;) {
    const page = await after(cursor).orderBy('_id', 'asc').limit(PAGE).get()
    if (page.length > 0) yield page
    if (page.length < PAGE) return
    cursor = page[page.length - 1]._id
  }
}

/** Store, assistant and operator names for the rows, read once per export. */
const loadNames = async (): Promise<ExportNames> => {
  const stores = new Map<string, string>()
  const staff = new Map<string, string>()
  const operators = new Map<string, string>()
  for await (const page of pagesById((cursor) => data.stores.where({ _id: _.gt(cursor) }).select('name')))
    for (const s of page) stores.set(s._id, s.name)
  for await (const page of pagesById((cursor) => data.staff.where({ _id: _.gt(cursor) }).select('staffId', 'name')))
    for (const s of page) staff.set(s.staffId, s.name)
  for await (const page of pagesById((cursor) => data.operators.where({ _id: _.gt(cursor) }).select('operatorId', 'name')))
    for (const o of page) operators.set(o.operatorId, o.name)
  return { stores, staff, operators }
}

/** A CSV file in /tmp, written a page at a time. */
class CsvFile {
  readonly path = join(tmpdir(), `export-${randomBytes(8).toString('hex')}.csv`)
  rows = 0
  bytes = 0
  private readonly out: WriteStream = createWriteStream(this.path)
  /** A write that failed (the disk), or writes still queued when the file was removed after a failed export. */
  private failed: Error | null = null

  constructor(columns: readonly string[]) {
    // Without a listener, an error event — e.g. ERR_STREAM_DESTROYED for lines still queued when remove()
    // destroys the stream of an export that failed halfway — is an uncaught exception that kills the instance.
    this.out.on('error', (e) => {
      this.failed ??= e
    })
    this.write(CSV_BOM + csvLine(columns))
  }

  /** Appends lines; waits when the disk is behind, so that pages never pile up in memory. */
  async add(lines: string[]) {
    if (this.failed) throw this.failed
    if (lines.length === 0) return
    this.rows += lines.length
    if (!this.write(lines.join(''))) await once(this.out, 'drain')
  }

  private write(text: string): boolean {
    const buf = Buffer.from(text, 'utf8')
    this.bytes += buf.length
    return this.out.write(buf)
  }

  async finish() {
    if (this.failed) throw this.failed
    this.out.end()
    await once(this.out, 'finish')
  }

  remove() {
    this.out.destroy()
    rmSync(this.path, { force: true })
  }
}

/** `exports/OP01/20261120-103000-7f3a-members.csv`: business time; the random part keeps two exports in one second apart. */
const cloudPathFor = (operatorId: string, now: string, name: string) =>
  `exports/${operatorId.replace(/[^A-Za-z0-9_-]/g, '_')}/${businessTime(now).format('YYYYMMDD-HHmmss')}-${randomBytes(2).toString('hex')}-${name}.csv`

/** Uploads the file, logs the export, and answers the link. */
const publish = async (
  file: CsvFile,
  ctx: OperatorContext,
  what: { kind: ExportDoc['kind']; name: string; range: ExportDoc['range']; pii: boolean },
): Promise<ExportResult> => {
  await file.finish()
  const cloudPath = cloudPathFor(ctx.operator.operatorId, ctx.now, what.name)
  const { fileID } = await cloud.uploadFile({ cloudPath, fileContent: createReadStream(file.path) })
  const links = (await cloud.getTempFileURL({ fileList: [{ fileID, maxAge: LINK_MAX_AGE_S }] })) as {
    fileList: { status: number; tempFileURL: string; errMsg: string }[]
  }
  const link = links.fileList[0]
  if (!link || link.status !== 0) throw new Error(`getTempFileURL for ${fileID}: ${link?.errMsg ?? 'no answer'}`)
  // Storage signs links with its own (real) clock, so the expiry is counted from the real time too.
  const expiresAt = new Date(Date.now() + LINK_MAX_AGE_S * 1000).toISOString()
  const log: Omit<ExportDoc, '_id'> = {
    operatorId: ctx.operator.operatorId,
    operatorName: ctx.operator.name,
    kind: what.kind,
    range: what.range,
    rows: file.rows,
    pii: what.pii,
    fileID,
    bytes: file.bytes,
    at: ctx.now,
  }
  await data.exports.addWithNewId(log)
  return { fileID, url: link.tempFileURL, rows: file.rows, expiresAt, pii: what.pii }
}

/** Writes, publishes, and always removes the temporary file. */
const exporting = async (
  columns: readonly string[],
  write: (file: CsvFile) => Promise<void>,
  finish: (file: CsvFile) => Promise<ExportResult>,
) => {
  const file = new CsvFile(columns)
  try {
    await write(file)
    return await finish(file)
  } finally {
    file.remove()
  }
}

const members = operatorAction('exports', EmptySchema, async (_input, ctx) => {
  const pii = ctx.operator.permissions?.includes('exportPII') === true
  const names = await loadNames()
  return exporting(
    MEMBER_COLUMNS,
    async (file) => {
      for await (const page of pagesById((cursor) => data.members.where({ _id: _.gt(cursor) }).select(...MEMBER_EXPORT_FIELDS)))
        await file.add(page.map((m) => csvLine(memberRow(m, names, ctx.now, pii))))
    },
    (file) => publish(file, ctx, { kind: 'members', name: 'members', range: null, pii }),
  )
})

/** Member numbers of the entries' members not looked up yet (one `_id in` query per page). */
const addMemberNos = async (memberNos: Map<string, string>, entries: LedgerEntry[]) => {
  const missing = [...new Set(entries.map((e) => e.memberId))].filter((id) => !memberNos.has(id))
  if (missing.length === 0) return
  const found = await data.members
    .where({ _id: _.in(missing) })
    .select('memberNo')
    .limit(PAGE)
    .get()
  for (const m of found) memberNos.set(m._id, m.memberNo)
  // A deleted membership's entries stand under its pseudonym; its tombstone keeps the member number.
  const erased = missing.filter((id) => !memberNos.has(id))
  if (erased.length > 0) {
    const tombstones = await data.erasedMembers
      .where({ _id: _.in(erased) })
      .select('memberNo')
      .limit(PAGE)
      .get()
    for (const m of tombstones) memberNos.set(m._id, m.memberNo)
  }
  for (const id of missing) if (!memberNos.has(id)) memberNos.set(id, '')
}

const ledger = operatorAction('exports', LedgerExportSchema, async ({ from, to }, ctx) => {
  const names = await loadNames()
  const memberNos = new Map<string, string>()
  return exporting(
    LEDGER_COLUMNS,
    async (file) => {
      // A day at a time through the `at` index, each day in (at, _id) order: a query never reaches past the
      // day it reads, however long the range.
      for (const day of businessDays(from, to)) {
        let after: LedgerEntry | null = null
        for (;;) {
          // After a full page: from the last entry on. The plain `at >= last` narrows the indexed range; the `$or`
          // breaks ties between entries of the same instant by `_id`.
          const filter: Filter<LedgerEntry> = after
            ? _.and([
                { at: _.gte(after.at) },
                { at: _.lt(day.end) },
                _.or([{ at: _.gt(after.at) }, { at: after.at, _id: _.gt(after._id) }]),
              ])
            : _.and([{ at: _.gte(day.start) }, { at: _.lt(day.end) }])
          const page: LedgerEntry[] = await data.ledger.where(filter).orderBy('at', 'asc').orderBy('_id', 'asc').limit(PAGE).get()
          await addMemberNos(memberNos, page)
          await file.add(page.map((e) => csvLine(ledgerRow(e, memberNos.get(e.memberId) ?? '', names))))
          if (page.length < PAGE) break
          after = page[page.length - 1]
        }
      }
    },
    (file) =>
      publish(file, ctx, {
        kind: 'ledger',
        name: `ledger-${from.replace(/-/g, '')}-${to.replace(/-/g, '')}`,
        range: { from, to },
        pii: false,
      }),
  )
})

export const main = serve('export', { members, ledger })
