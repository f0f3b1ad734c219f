/**
 * Cloud function `jobs`: timer-triggered upkeep. CloudBase allows one timer trigger per function, so its
 * single trigger `upkeep` (config.json: every hour at :05, Asia/Shanghai) runs every job in turn:
 * - vip-sweep: lapses VIPs whose year ran out and rolls renewed VIP years, so stored tiers (which staff
 *   lists and segments query) match the rules.
 * - points-expiry: expires every batch of points that has reached its expiry.
 * Each job finishes its work for a business day once; the hourly trigger only resumes unfinished runs.
 * Each job walks the members that need it in `_id` order, in chunks (a query returns at most 1,000 documents
 * in a function, and a function has a timeout), recording its cursor after every chunk, so a run that is
 * killed resumes where it stopped. Each member is changed in its own transaction that re-checks the member,
 * and expiry entries have ids derived from member and batch, so running a job twice changes nothing twice.
 */
import type { Member } from '../../src/domain/member'
import { settleExpiry } from '../../src/domain/balance'
import { normalizeTier } from '../../src/domain/tiers'
import { businessDate } from '../../src/domain/time'
import { _, db } from '../_lib/cloud'
import { COLLECTIONS, type JobRunDoc } from '../_lib/collections'
import { readDoc, readMany } from '../_lib/docs'
import { appendEntriesIn, readMemberIn, writeMemberIn } from '../_lib/members'
import { loadProgram } from '../_lib/reference'
import { serveTimers, type JobContext } from '../_lib/runtime'
import { inTransaction } from '../_lib/transaction'
import { withoutId } from '../_lib/views'

const CHUNK = 100
/** Stop taking new chunks well before config.json's 60 s timeout; the next trigger resumes from the cursor. */
const BUDGET_MS = 40_000

export interface JobReport {
  /** The job's name, e.g. "points-expiry". */
  job: string
  runKey: string
  processed: number
  changed: number
  done: boolean
}

type MemberQuery = { orderBy(field: string, order: string): { limit(n: number): { get(): unknown } } }

const runChunked = async (
  job: string,
  ctx: JobContext,
  select: (cursor: string) => MemberQuery,
  process: (memberId: string) => Promise<boolean>,
): Promise<JobReport> => {
  const runKey = businessDate(ctx.now)
  const runs = db.collection(COLLECTIONS.jobRuns)
  const runId = `${job}:${runKey}`
  let run: JobRunDoc = (await readDoc<JobRunDoc>(runs.doc(runId))) ?? {
    _id: runId,
    job,
    runKey,
    cursor: '',
    processed: 0,
    changed: 0,
    done: false,
    startedAt: ctx.now,
    updatedAt: ctx.now,
  }
  const deadline = Date.now() + BUDGET_MS
  while (!run.done && Date.now() < deadline) {
    const members = await readMany<Pick<Member, '_id'>>(select(run.cursor).orderBy('_id', 'asc').limit(CHUNK))
    let changed = 0
    for (const member of members) if (await process(member._id)) changed++
    run = {
      ...run,
      cursor: members.length > 0 ? members[members.length - 1]._id : run.cursor,
      processed: run.processed + members.length,
      changed: run.changed + changed,
      done: members.length < CHUNK,
      updatedAt: new Date().toISOString(),
    }
    await runs.doc(runId).set({ data: withoutId(run) })
  }
  return { job: run.job, runKey, processed: run.processed, changed: run.changed, done: run.done }
}

const pointsExpiry = async (ctx: JobContext) => {
  const program = await loadProgram()
  const actor = { type: 'job' as const, id: 'points-expiry' }
  return runChunked(
    'points-expiry',
    ctx,
    (cursor) => db.collection(COLLECTIONS.members).where({ pointsNextExpiry: _.lte(ctx.now), _id: _.gt(cursor) }) as MemberQuery,
    (memberId) =>
      inTransaction(async (t) => {
        const settled = settleExpiry(await readMemberIn(t, memberId), ctx.now, actor, program.version)
        if (settled.entries.length === 0) return false
        await writeMemberIn(t, settled.member)
        await appendEntriesIn(t, settled.entries)
        return true
      }),
  )
}

const vipSweep = async (ctx: JobContext) => {
  const program = await loadProgram()
  return runChunked(
    'vip-sweep',
    ctx,
    // vipYearEnd ≤ vipUntil, so this finds both lapsed VIPs and renewed years to roll.
    (cursor) => db.collection(COLLECTIONS.members).where({ tier: 'vip', vipYearEnd: _.lte(ctx.now), _id: _.gt(cursor) }) as MemberQuery,
    (memberId) =>
      inTransaction(async (t) => {
        const member = await readMemberIn(t, memberId)
        const normalized = normalizeTier(member, ctx.now, program)
        if (normalized.tier === member.tier && normalized.vipYearEnd === member.vipYearEnd) return false
        await writeMemberIn(t, { ...member, ...normalized })
        return true
      }),
  )
}

/** VIP first: it changes no points, and the expiry job then sees members as they stand today. */
const upkeep = async (ctx: JobContext): Promise<JobReport[]> => [await vipSweep(ctx), await pointsExpiry(ctx)]

export const main = serveTimers('jobs', { upkeep })
