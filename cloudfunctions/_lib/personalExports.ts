/**
 * Export files that hold personal data, from the moment they are made until they are deleted:
 *
 * - `personalExports/<id>`: each 导出我的数据 file (member.myData), recorded before it is uploaded, so no file
 *   exists that the collection does not name. It expires EXPORT_TTL_DAYS after it was made: the hourly upkeep
 *   deletes the file and then its record; deleting the membership deletes them all at once.
 * - `exports/<id>`: the operators' CSV exports (member lists with names and phone numbers, ledgers with the
 *   operators' reasons). Their files expire after EXPORT_TTL_DAYS too; the log entry stays, marked
 *   `fileDeletedAt`, as the record of who exported what.
 *
 * The links handed out last an hour (the files serve nothing after that but a new link), so 7 days is a margin,
 * not a feature.
 */
import { randomBytes } from 'node:crypto'
import { _, cloud } from './cloud'
import type { ExportDoc, PersonalExportDoc } from './collections'
import { data } from './data'

export const EXPORT_TTL_DAYS = 7
const TTL_MS = EXPORT_TTL_DAYS * 86_400_000

export const expiryOf = (at: string): string => new Date(Date.parse(at) + TTL_MS).toISOString()

/** Records an export about to be uploaded; the caller uploads to `cloudPath`, then calls `uploaded`. */
export const recordExport = async (memberId: string, cloudPath: string, now: string): Promise<string> => {
  const _id = randomBytes(12).toString('hex')
  const doc: PersonalExportDoc = { _id, memberId, cloudPath, fileID: null, at: now, expiresAt: expiryOf(now) }
  await data.personalExports.add(doc)
  return _id
}

export const uploaded = async (id: string, fileID: string): Promise<void> => {
  await data.personalExports.update(id, { fileID })
}

/** CloudBase's answer for a file that is gone already: as good as deleted. */
const FILE_GONE = -503003
/** At most 50 files per deleteFile call. */
const BATCH = 50

/** Deletes the files (those already gone count as deleted); returns the fileIDs that are gone now. */
export const deleteFiles = async (fileIDs: string[]): Promise<Set<string>> => {
  const gone = new Set<string>()
  for (let i = 0; i < fileIDs.length; i += BATCH) {
    const { fileList } = (await cloud.deleteFile({ fileList: fileIDs.slice(i, i + BATCH) })) as {
      fileList: { fileID: string; status: number }[]
    }
    for (const f of fileList) if (f.status === 0 || f.status === FILE_GONE) gone.add(f.fileID)
  }
  return gone
}

/**
 * Deletes member exports: the files first, then the records of those that are gone (a record outlives its file
 * only until the next try). Returns how many were deleted.
 */
export const deletePersonalExports = async (docs: Pick<PersonalExportDoc, '_id' | 'fileID'>[]): Promise<number> => {
  const gone = await deleteFiles(docs.flatMap((d) => (d.fileID ? [d.fileID] : [])))
  let deleted = 0
  for (const d of docs) {
    if (d.fileID && !gone.has(d.fileID)) continue
    await data.personalExports.remove(d._id)
    deleted++
  }
  return deleted
}

/** Deletes operators' export files and marks their log entries; returns how many. */
export const deleteOperatorExportFiles = async (docs: Pick<ExportDoc, '_id' | 'fileID'>[], now: string): Promise<number> => {
  const gone = await deleteFiles(docs.map((d) => d.fileID))
  let deleted = 0
  for (const d of docs) {
    if (!gone.has(d.fileID)) continue
    await data.exports.update(d._id, { fileDeletedAt: now })
    deleted++
  }
  return deleted
}

/** Operators' export files still in storage that were made at or after `since` (before `until`, when given). */
export const operatorExportFiles = (range: { since?: string; until?: string }, limit: number): Promise<ExportDoc[]> => {
  const at = range.since && range.until ? _.gte(range.since).and(_.lt(range.until)) : range.since ? _.gte(range.since) : _.lt(range.until!)
  return data.exports
    .where({ fileDeletedAt: _.exists(false), at })
    .orderBy('at', 'asc')
    .limit(limit)
    .get()
}

const PAGE = 100

/**
 * The upkeep's turn: every expired member export and every operator export file older than EXPORT_TTL_DAYS
 * deleted, a page at a time within `budgetMs`. Returns how many files it looked at and deleted, and whether it
 * got through them all.
 */
export const expireExports = async (now: string, budgetMs: number): Promise<{ processed: number; changed: number; done: boolean }> => {
  const deadline = Date.now() + budgetMs
  let processed = 0
  let changed = 0
  for (;;) {
    if (Date.now() > deadline) return { processed, changed, done: false }
    const due = await data.personalExports
      .where({ expiresAt: _.lte(now) })
      .orderBy('expiresAt', 'asc')
      .limit(PAGE)
      .get()
    processed += due.length
    const deleted = await deletePersonalExports(due)
    changed += deleted
    // A page none of whose files could be deleted would be read again forever: the next run tries again.
    if (due.length < PAGE || deleted === 0) break
  }
  const cutoff = new Date(Date.parse(now) - TTL_MS).toISOString()
  for (;;) {
    if (Date.now() > deadline) return { processed, changed, done: false }
    const due = await operatorExportFiles({ until: cutoff }, PAGE)
    processed += due.length
    const deleted = await deleteOperatorExportFiles(due, now)
    changed += deleted
    if (due.length < PAGE || deleted === 0) break
  }
  return { processed, changed, done: true }
}
