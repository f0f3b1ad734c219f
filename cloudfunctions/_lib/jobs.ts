/**
 * The framework the timer jobs run on (cloudfunctions/jobs): chunked walks over members that record their
 * progress in `jobRuns` so a killed run resumes, claim-and-send for messages that must go at most once, and
 * the time budgets that keep one run of every job inside the function's timeout.
 *
 * A query returns at most 1,000 documents in a function, and a function has a timeout, so a job walks the
 * members that need it in chunks, recording where it got to after every chunk (`jobRuns/<job>:<runKey>`): the
 * next trigger resumes from there, and a run that is done is not walked again.
 */
import { randomBytes } from 'node:crypto'
import { _ } from './cloud'
import type { JobRunDoc } from './collections'
import { data, type Collection, type Filter, type Patch, type Query } from './data'

/** Members per chunk unless a job says otherwise. */
export const CHUNK = 100
/** One job's longest turn in a run; the next trigger resumes from its cursor. */
export const BUDGET_MS = 40_000

/** What a job's turn answers: the run's totals so far, and whether the run is finished. */
export interface JobReport {
  /** The job's name, e.g. "points-expiry". */
  job: string
  runKey: string
  processed: number
  changed: number
  done: boolean
}

/**
 * How a job walks its members:
 * - `drain`: the query matches only members the job still has to change, and changing one takes it out of the
 *   match (expired points, a lapsed VIP); the job takes the first chunk again and again until none is left.
 *   No cursor and no sort, so a due list of any size costs an index range read per chunk.
 * - `cursor`: members stay in the match after the job (a birthday month), so it walks them in `_id` order
 *   from the saved cursor (`select` gets the cursor to filter `_id > cursor` with).
 */
export type Walk<M> = { kind: 'drain'; select: () => Query<M> } | { kind: 'cursor'; select: (cursor: string) => Query<M> }

/** One walk: which run it is, how it reads, and how long this turn may take. */
export interface WalkSpec<M> {
  job: string
  /** The run's key, e.g. the business date: one run per key, resumed until done. */
  runKey: string
  /** The trigger's time: a new run's `startedAt`. */
  now: string
  walk: Walk<M>
  chunkSize?: number
  budgetMs?: number
  /** Fields a new run starts with besides the counts (the segment job's tally and rules version, a hand-over's parties). */
  fresh?: Pick<JobRunDoc, 'tally' | 'rulesVersion' | 'handOver'>
  /** Called once, by the turn that finishes the run, after its last chunk is recorded. */
  onFinish?: (run: JobRunDoc) => Promise<void>
}

/** What a chunk's work answers: how many members it changed, and the run's fields it carries on (a tally). */
export interface ChunkOutcome {
  changed: number
  carry?: Pick<JobRunDoc, 'tally'>
}

/** The report of a job that walks as a run: the run's totals. */
export const jobReport = (run: JobRunDoc): JobReport => ({
  job: run.job,
  runKey: run.runKey,
  processed: run.processed,
  changed: run.changed,
  done: run.done,
})

/**
 * Walks the run's members a chunk at a time until the run is done or the budget is spent, handing each chunk to
 * `work` and recording the run after every chunk. Answers the run as recorded.
 */
export const walkChunks = async <M extends { _id: string }>(
  spec: WalkSpec<M>,
  work: (members: M[], run: JobRunDoc) => Promise<ChunkOutcome>,
): Promise<JobRunDoc> => {
  const { job, runKey, walk } = spec
  const chunkSize = spec.chunkSize ?? CHUNK
  const runId = `${job}:${runKey}`
  let run: JobRunDoc = (await data.jobRuns.get(runId)) ?? {
    _id: runId,
    job,
    runKey,
    cursor: '',
    processed: 0,
    changed: 0,
    done: false,
    startedAt: spec.now,
    updatedAt: spec.now,
    ...spec.fresh,
  }
  const wasDone = run.done
  const deadline = Date.now() + (spec.budgetMs ?? BUDGET_MS)
  // The ids of the last drained chunk that changed nothing: see `stuck`.
  let unchanged = ''
  while (!run.done && Date.now() < deadline) {
    const query = walk.kind === 'drain' ? walk.select() : walk.select(run.cursor).orderBy('_id', 'asc')
    const members = await query.limit(chunkSize).get()
    const { changed, carry } = await work(members, run)
    // A drained chunk that changed nothing would be read again forever. Once can be a race (another call moved the
    // members between this query and their transactions: the next query no longer finds them); the same chunk
    // twice is stuck: stop, and let the next trigger retry.
    const ids = walk.kind === 'drain' && members.length > 0 && changed === 0 ? members.map((m) => m._id).join(',') : ''
    const stuck = ids !== '' && ids === unchanged
    unchanged = ids
    run = {
      ...run,
      ...carry,
      cursor: members.length > 0 ? members[members.length - 1]._id : run.cursor,
      processed: run.processed + members.length,
      changed: run.changed + changed,
      done: members.length < chunkSize && ids === '',
      updatedAt: new Date().toISOString(),
    }
    await data.jobRuns.put(run)
    if (stuck) {
      console.error(`[jobs] ${job}: ${members.length} members still match but none changed; stopping this run`)
      break
    }
  }
  if (run.done && !wasDone && spec.onFinish) await spec.onFinish(run)
  return run
}

/**
 * Members of a chunk are independent documents: several at a time, within the instance's means. After a
 * failure no new member is started, the ones in flight finish, then the failure ends the run.
 */
export const inParallel = async <T>(items: T[], limit: number, work: (item: T) => Promise<boolean>): Promise<number> => {
  let next = 0
  let changed = 0
  let failed = false
  const lane = async () => {
    while (!failed && next < items.length) {
      try {
        if (await work(items[next++])) changed++
      } catch (e) {
        failed = true
        throw e
      }
    }
  }
  const lanes = await Promise.allSettled(Array.from({ length: Math.min(limit, items.length) }, lane))
  const failure = lanes.find((l): l is PromiseRejectedResult => l.status === 'rejected')
  if (failure) throw failure.reason
  return changed
}

/**
 * A walk that changes members one by one, `concurrency` at a time (8 unless said), each in its own work (a
 * transaction that re-checks the member): `process` answers whether it changed the member.
 */
export const walkMembers = async <M extends { _id: string }>(
  spec: WalkSpec<M> & { concurrency?: number },
  process: (member: M) => Promise<boolean>,
): Promise<JobReport> =>
  jobReport(await walkChunks(spec, async (members) => ({ changed: await inParallel(members, spec.concurrency ?? 8, process) })))

/**
 * A message sent at most once per document (a birthday card, a ticket), and not lost to a failure: the run claims
 * it on the document with a token of its own (a conditional update, so of two runs one wins), sends, and — if it
 * could not send (the claim's or the consent's write failed) — gives the claim back for the next run. Only a run
 * that stops between sending and returning leaves it claimed, as it must: it may have gone out.
 * Answers whether this run claimed (and sent) it.
 */
export const once = async <D extends { _id: string }>(
  collection: Collection<D>,
  id: string,
  field: keyof D & string,
  send: () => Promise<unknown>,
): Promise<boolean> => {
  const token = randomBytes(8).toString('hex')
  // `field` is one of the document's own fields, named by the caller: the filter and patch are built from it.
  const held = { _id: id, [field]: token } as Filter<D>
  const giveBack = async () => {
    try {
      await collection.where(held).update({ [field]: _.remove() } as Patch<D>)
    } catch {
      // the run fails with its own error either way
    }
  }
  let claimed: boolean
  try {
    claimed = (await collection.where({ _id: id, [field]: _.exists(false) } as Filter<D>).update({ [field]: token } as Patch<D>)) === 1
  } catch (e) {
    await giveBack()
    throw e
  }
  if (!claimed) return false
  try {
    await send()
  } catch (e) {
    await giveBack()
    throw e
  }
  return true
}

/**
 * The time of one run of several jobs, `totalMs` from now: `turn(capMs)` is a job's share — its own cap, but never
 * more than what is left of the run, so one backlog cannot starve the run into its timeout.
 */
export const runBudget = (totalMs: number) => {
  const until = Date.now() + totalMs
  return (capMs: number): number => Math.max(0, Math.min(capMs, until - Date.now()))
}
