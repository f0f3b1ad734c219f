/**
 * Cloud function `import`: operators import a brand's existing members from an .xlsx or .csv file (issue 22 §2).
 *
 * Where the file goes: the desk (or `npm run import`) uploads it to cloud storage under `imports/` and passes its
 * fileID. A callFunction body is capped at 100 KB of text by CloudBase (EXCEED_MAX_PAYLOAD_SIZE), where a 100,000-row
 * file is 5–10 MB: rows in the call would take a hundred calls just to arrive, each holding a slice the function
 * could not check against the others (duplicates within the file). Storage takes the whole file at once.
 *
 * How it runs: a job document per file (`importJobs`).
 * 1. `dryRun({ fileID })` reads the file once, checks every row (domain/memberImport), stores the valid rows
 *    normalized (gzipped JSON beside the upload) and creates the job; then, and on each `dryRun({ jobId })`, it checks
 *    a bounded slice of rows against the members already there (new / already imported / changed / refused).
 * 2. `run({ jobId })` writes a bounded slice of rows (one transaction per row: the member document and its opening
 *    ledger entry) and moves the job's cursor; the caller loops until `next` is null. A call stops well within the
 *    function's time limit, and every write is idempotent by id (the record's id derives from the phone), so a call
 *    that died mid-slice is simply repeated: nothing is written twice.
 * Every call is in the operators' audit log (runtime.ts); the job document keeps who imported what and its counts.
 */
import { randomBytes, randomInt } from 'node:crypto'
import type { ImportJobView } from '../../src/api/import'
import { ImportDryRunSchema, ImportRunSchema } from '../../src/api/importSchemas'
import { AppError, invalidInput } from '../../src/domain/errors'
import type { Member } from '../../src/domain/member'
import {
  checkSheet,
  classifyRow,
  ImportFileProblem,
  openImportedMember,
  reimportMember,
  type ImportLookups,
  type ImportRow,
  type RowError,
  type RowOutcome,
} from '../../src/domain/memberImport'
import { generateMemberNo } from '../../src/domain/memberNo'
import { generateReferralCode } from '../../src/domain/referral'
import { _, cloud } from '../_lib/cloud'
import type { ImportJobDoc } from '../_lib/collections'
import { data, tx } from '../_lib/data'
import { duplicateKeyIndex } from '../_lib/errors'
import { importedRecordId } from '../_lib/memberImports'
import { loadProgram } from '../_lib/reference'
import { type OperatorContext, operatorAction, serve } from '../_lib/runtime'
import { inTransaction } from '../_lib/transaction'
import { RowFile, packRows } from './rowFile'
import { readMemberFile } from './sheet'

/** Rows checked or written together: one query per kind of fact for the lot (CloudBase: at most 1,000 per query). */
const BATCH = 200
/** A call starts no new batch after this long: well within config.json's 60 s, whatever the database's pace. */
const CALL_BUDGET_MS = 20_000
/** Rows a call does unless the caller asks for fewer. */
const DEFAULT_ROWS_PER_CALL = 20_000
/** The largest file read (a 200,000-row CSV is about 20 MB). */
const MAX_FILE_BYTES = 30 * 1024 * 1024
/** Errors kept on the job and shown; the count covers them all. */
export const IMPORT_ERRORS_KEPT = 1000
const PAGE = 1000

const emptyCounts = () => ({ new: 0, unchanged: 0, changed: 0, refused: 0 })
const emptyWritten = () => ({ created: 0, updated: 0, unchanged: 0, refused: 0 })

const view = (job: ImportJobDoc): ImportJobView => ({
  jobId: job._id,
  fileName: job.fileName,
  phase: job.phase,
  total: job.total,
  valid: job.valid,
  done: job.cursor,
  dryRun: job.dryRun,
  written: job.written,
  errors: job.errors,
  errorCount: job.errorCount,
  next: job.phase === 'checking' ? 'dryRun' : job.phase === 'done' ? null : 'run',
  createdAt: job.createdAt,
  updatedAt: job.updatedAt,
})

// ---------------------------------------------------------------------------------------------------------------
// Reading

/** Stores and staff by their ids, for the rows' 门店编号 and 导购工号 (walked in pages: no query returns them all). */
const loadLookups = async (): Promise<ImportLookups> => {
  const stores = new Map<string, { active: boolean }>()
  const staff = new Map<string, { storeId: string; active: boolean }>()
  for (let cursor = ''; ;) {
    const page = await data.stores
      .where({ _id: _.gt(cursor) })
      .orderBy('_id', 'asc')
      .limit(PAGE)
      .select('active')
      .get()
    for (const s of page) stores.set(s._id, { active: s.active !== false })
    if (page.length < PAGE) break
    cursor = page[page.length - 1]._id
  }
  for (let cursor = ''; ;) {
    const page = await data.staff
      .where({ _id: _.gt(cursor) })
      .orderBy('_id', 'asc')
      .limit(PAGE)
      .select('staffId', 'storeId', 'active')
      .get()
    for (const s of page) staff.set(s.staffId, { storeId: s.storeId, active: s.active })
    if (page.length < PAGE) break
    cursor = page[page.length - 1]._id
  }
  return { stores, staff }
}

const download = async (fileID: string): Promise<Buffer> => {
  let content: Buffer
  try {
    content = (await cloud.downloadFile({ fileID })).fileContent
  } catch {
    throw invalidInput([{ field: 'fileID', message: '找不到上传的文件，请重新上传' }])
  }
  if (content.length > MAX_FILE_BYTES) throw invalidInput([{ field: 'fileID', message: '文件超过 30 MB，请拆分后导入' }])
  return content
}

/** The job's valid rows: kept by this instance between calls (CloudBase instances keep module state), else re-read. */
const rowsCache = new Map<string, RowFile>()
const jobRows = async (job: ImportJobDoc): Promise<RowFile> => {
  const kept = rowsCache.get(job._id)
  if (kept) return kept
  rowsCache.clear()
  const rows = new RowFile(await download(job.rowsFileID))
  rowsCache.set(job._id, rows)
  return rows
}

const recordId = importedRecordId

interface Facts {
  ids: string[]
  existing: Map<string, Member>
  claimed: Set<string>
  /** Phones held by members other than the row's own record. */
  heldPhones: Set<string>
}

/** What the database holds for a batch of rows: three queries, whatever the batch. */
const factsFor = async (rows: ImportRow[]): Promise<Facts> => {
  const ids = await Promise.all(rows.map((r) => recordId(r.mobile)))
  const mobiles = rows.map((r) => r.mobile)
  const [existing, claimed, holders] = await Promise.all([
    data.members
      .where({ _id: _.in(ids) })
      .limit(BATCH)
      .get(),
    data.memberImports
      .where({ _id: _.in(ids) })
      .limit(BATCH)
      .select('memberNo')
      .get(),
    // Several memberships may hold one number (unconfirmed ones): up to 1,000 is plenty to know whether any does.
    data.members
      .where({ mobile: _.in(mobiles) })
      .limit(PAGE)
      .select('mobile')
      .get(),
  ])
  const idSet = new Set(ids)
  return {
    ids,
    existing: new Map(existing.filter((m) => m.unclaimed === true).map((m) => [m._id, m])),
    claimed: new Set(claimed.map((c) => c._id)),
    heldPhones: new Set(holders.filter((h) => !idSet.has(h._id)).map((h) => h.mobile)),
  }
}

const outcomeOf = (row: ImportRow, id: string, facts: Facts): RowOutcome =>
  classifyRow(row, {
    existing: facts.existing.get(id) ?? null,
    claimed: facts.claimed.has(id),
    phoneHeldByMember: facts.heldPhones.has(row.mobile),
  })

const refusal = (row: ImportRow, message: string): RowError => ({ line: row.line, column: '手机号', message })

// ---------------------------------------------------------------------------------------------------------------
// Writing one row

const MEMBER_NO_ATTEMPTS = 3

/**
 * Writes one row in its own transaction: reads the record and the claim note again inside it, so a shopper claiming
 * the record meanwhile wins (the row is then refused), and a repeated call finds its own earlier write.
 */
const writeRow = async (
  row: ImportRow,
  id: string,
  job: ImportJobDoc,
  programVersion: number,
  now: string,
): Promise<{ kind: 'created' | 'updated' | 'unchanged' } | { kind: 'refused'; message: string }> => {
  const actor = { operatorId: job.operatorId, jobId: job._id }
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(async (t) => {
        const w = tx(t)
        if (await w.memberImports.get(id)) return { kind: 'refused' as const, message: '该会员已用此手机号开卡，不再导入' }
        const before = await w.members.get(id)
        if (before && before.unclaimed !== true) return { kind: 'refused' as const, message: '该会员已开卡，不再导入' }
        const outcome = classifyRow(row, { existing: before, claimed: false, phoneHeldByMember: false })
        if (outcome.kind === 'unchanged') return { kind: 'unchanged' as const }
        const decision = before
          ? reimportMember(before, row, actor, now, programVersion)
          : openImportedMember(
              row,
              { memberId: id, memberNo: generateMemberNo(() => randomInt(10)), referralCode: generateReferralCode((n) => randomInt(n)) },
              actor,
              now,
              programVersion,
            )
        await w.members.put(decision.member)
        for (const entry of decision.entries) await w.ledger.add(entry)
        return { kind: before ? ('updated' as const) : ('created' as const) }
      })
    } catch (e) {
      const index = duplicateKeyIndex(e)
      // The phone became a member's between the batch's read and this write (the unique mobile index says so).
      if (index?.startsWith('mobile')) return { kind: 'refused', message: '该手机号已是会员，未导入' }
      if ((index?.startsWith('memberNo') || index?.startsWith('referralCode')) && attempt < MEMBER_NO_ATTEMPTS) continue
      throw e
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Jobs

const newJobId = () => `imp-${randomBytes(12).toString('hex')}`

/** Reads, checks and stores a file's rows, and creates its job (or finds the job a retried start made). */
const startJob = async (input: { fileID: string; fileName: string; requestId: string }, ctx: OperatorContext): Promise<ImportJobDoc> => {
  const requestKey = `${ctx.operator.operatorId}:${input.requestId}`
  const earlier = await data.importJobs.where({ requestKey }).first()
  if (earlier) {
    if (earlier.fileID !== input.fileID) throw new AppError('IDEMPOTENCY_CONFLICT', '该请求已用于另一个文件，请重新上传')
    return earlier
  }
  const bytes = await download(input.fileID)
  let checked
  try {
    checked = checkSheet(await readMemberFile(bytes), await loadLookups(), ctx.now)
  } catch (e) {
    if (e instanceof ImportFileProblem) throw invalidInput([{ field: 'fileID', message: e.message }])
    throw e
  }
  const _id = newJobId()
  const packed = packRows(checked.rows)
  const { fileID: rowsFileID } = await cloud.uploadFile({ cloudPath: `imports/jobs/${_id}.jsonl.gz`, fileContent: packed })
  const job: ImportJobDoc = {
    _id,
    requestKey,
    operatorId: ctx.operator.operatorId,
    fileID: input.fileID,
    fileName: input.fileName,
    rowsFileID,
    phase: 'checking',
    total: checked.total,
    valid: checked.rows.length,
    cursor: 0,
    dryRun: { ...emptyCounts(), refused: checked.refused },
    written: emptyWritten(),
    errors: checked.errors.slice(0, IMPORT_ERRORS_KEPT),
    errorCount: checked.errors.length,
    fileRefused: checked.refused,
    fileErrorCount: checked.errors.length,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    finishedAt: null,
  }
  await data.importJobs.add(job)
  rowsCache.clear()
  rowsCache.set(_id, new RowFile(packed))
  return job
}

const loadJob = async (jobId: string): Promise<ImportJobDoc> => {
  const job = await data.importJobs.get(jobId)
  if (!job) throw invalidInput([{ field: 'jobId', message: '找不到这个导入任务，请重新上传文件' }])
  return job
}

/**
 * Moves a job on by one batch: only from the cursor it was read at, so of two calls racing over the same batch (a
 * double click, a retried call) one moves it and the other reads the job again. Answers the job as it now stands.
 */
const advance = async (
  job: ImportJobDoc,
  done: number,
  patch: Partial<Pick<ImportJobDoc, 'dryRun' | 'written' | 'phase' | 'finishedAt'>>,
  errors: RowError[],
  now: string,
): Promise<{ job: ImportJobDoc; moved: boolean }> => {
  const kept = [...job.errors, ...errors].slice(0, IMPORT_ERRORS_KEPT)
  const next: ImportJobDoc = {
    ...job,
    ...patch,
    cursor: job.cursor + done,
    errors: kept,
    errorCount: job.errorCount + errors.length,
    updatedAt: now,
  }
  const moved = await data.importJobs.where({ _id: job._id, cursor: job.cursor, phase: job.phase }).update({
    ...patch,
    cursor: next.cursor,
    errors: kept,
    errorCount: next.errorCount,
    updatedAt: now,
  })
  return moved === 1 ? { job: next, moved: true } : { job: await loadJob(job._id), moved: false }
}

/** Checks slices of the job's rows against the database until the rows, the rows asked for or the time run out. */
const checkSlices = async (start: ImportJobDoc, maxRows: number, now: string): Promise<ImportJobDoc> => {
  const started = Date.now()
  let job = start
  let rowsDone = 0
  const rows = await jobRows(job)
  while (job.phase === 'checking' && rowsDone < maxRows && Date.now() - started < CALL_BUDGET_MS) {
    const batch = rows.slice(job.cursor, job.cursor + Math.min(BATCH, maxRows - rowsDone))
    const facts = await factsFor(batch)
    const counts = { ...job.dryRun }
    const errors: RowError[] = []
    batch.forEach((row, i) => {
      const outcome = outcomeOf(row, facts.ids[i], facts)
      counts[outcome.kind]++
      if (outcome.kind === 'refused') errors.push(refusal(row, outcome.message))
    })
    const finished = job.cursor + batch.length >= rows.length
    const { job: next, moved } = await advance(
      job,
      batch.length,
      finished ? { dryRun: counts, phase: 'checked' } : { dryRun: counts },
      errors,
      now,
    )
    // The dry run's report done, the import starts from the first row again.
    job = finished && moved ? await resetCursor(next, now) : next
    rowsDone += batch.length
  }
  return job
}

const resetCursor = async (job: ImportJobDoc, now: string): Promise<ImportJobDoc> => {
  await data.importJobs.update(job._id, { cursor: 0, updatedAt: now })
  return { ...job, cursor: 0 }
}

/** Writes slices of the job's rows, like checkSlices. */
const runSlices = async (start: ImportJobDoc, maxRows: number, now: string): Promise<ImportJobDoc> => {
  const started = Date.now()
  let job = start
  let rowsDone = 0
  const rows = await jobRows(job)
  const program = await loadProgram({ fresh: true })
  while (job.phase === 'running' && rowsDone < maxRows && Date.now() - started < CALL_BUDGET_MS) {
    const batch = rows.slice(job.cursor, job.cursor + Math.min(BATCH, maxRows - rowsDone))
    const ids = await Promise.all(batch.map((r) => recordId(r.mobile)))
    // A phone another member holds is refused before any write (the write would only meet the unique index).
    const held = new Set(
      (
        await data.members
          .where({ mobile: _.in(batch.map((r) => r.mobile)) })
          .limit(PAGE)
          .select('mobile')
          .get()
      )
        .filter((m) => !ids.includes(m._id))
        .map((m) => m.mobile),
    )
    const results = await Promise.all(
      batch.map((row, i) =>
        held.has(row.mobile)
          ? Promise.resolve({ kind: 'refused' as const, message: '该手机号已是会员，未导入' })
          : writeRow(row, ids[i], job, program.version, now),
      ),
    )
    const written = { ...job.written }
    const errors: RowError[] = []
    results.forEach((r, i) => {
      written[r.kind]++
      if (r.kind === 'refused') errors.push(refusal(batch[i], r.message))
    })
    const finished = job.cursor + batch.length >= rows.length
    job = (await advance(job, batch.length, finished ? { written, phase: 'done', finishedAt: now } : { written }, errors, now)).job
    rowsDone += batch.length
  }
  return job
}

const dryRun = operatorAction('members', ImportDryRunSchema, async (input, ctx) => {
  const job =
    input.jobId !== undefined
      ? await loadJob(input.jobId)
      : await startJob({ fileID: input.fileID!, fileName: input.fileName, requestId: input.requestId! }, ctx)
  if (job.operatorId !== ctx.operator.operatorId) throw new AppError('FORBIDDEN', '这是另一位运营的导入任务')
  return view(job.phase === 'checking' ? await checkSlices(job, input.maxRows ?? DEFAULT_ROWS_PER_CALL, ctx.now) : job)
})

const run = operatorAction('members', ImportRunSchema, async (input, ctx) => {
  let job = await loadJob(input.jobId)
  if (job.operatorId !== ctx.operator.operatorId) throw new AppError('FORBIDDEN', '这是另一位运营的导入任务')
  if (job.phase === 'checking') throw invalidInput([{ field: 'jobId', message: '请先完成预检查，再开始导入' }])
  if (job.phase === 'checked') {
    // The import counts for itself what the dry run expected: from the file's own refusals (its first errors) on.
    await data.importJobs.where({ _id: job._id, phase: 'checked' }).update({
      phase: 'running',
      cursor: 0,
      written: { ...emptyWritten(), refused: job.fileRefused },
      errors: job.errors.slice(0, job.fileErrorCount),
      errorCount: job.fileErrorCount,
      updatedAt: ctx.now,
    })
    job = await loadJob(job._id)
  }
  return view(job.phase === 'running' ? await runSlices(job, input.maxRows ?? DEFAULT_ROWS_PER_CALL, ctx.now) : job)
})

export const main = serve('import', { dryRun, run })
