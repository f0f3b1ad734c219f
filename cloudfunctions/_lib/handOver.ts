/**
 * Handing an assistant's customers to a colleague of the same store (ops.handOverCustomers): a walk over the
 * members whose assistant they are, in chunks, recorded in `jobRuns/hand-over:<operatorId>:<requestId>` after every
 * chunk (the jobs framework, _lib/jobs.ts). The operator's call moves what fits in its budget; the same call again
 * (same request id) resumes where it stopped, and the hourly upkeep (jobs) finishes what nobody resumed.
 * Each member moves in its own transaction that re-reads them and is logged on them as the manager's reassignment
 * is (`assignmentLog`), so a second run moves nobody twice.
 */
import type { Member } from '../../src/domain/member'
import type { JobRunDoc } from './collections'
import { data, tx } from './data'
import { inParallel, walkChunks } from './jobs'
import { writeMemberIn } from './members'
import { inTransaction } from './transaction'

export const HAND_OVER_JOB = 'hand-over'
/** Members per chunk: each is a transaction; a chunk's progress is saved before the next starts. */
export const HAND_OVER_CHUNK = 50

export type HandOver = NonNullable<JobRunDoc['handOver']>

/** Moves one member if they are still the old assistant's at that store; answers whether it moved them. */
const moveMember = (memberId: string, h: HandOver, now: string): Promise<boolean> =>
  inTransaction(async (t) => {
    const member = await tx(t).members.get(memberId)
    // Gone (a membership deleted meanwhile) or moved by someone else since the chunk was read: nothing to do.
    if (!member || member.assistantId !== h.fromStaffId || member.storeId !== h.storeId) return false
    const after: Member = {
      ...member,
      assistantId: h.toStaffId,
      assignmentLog: [...(member.assignmentLog ?? []), { from: h.fromStaffId, to: h.toStaffId, by: h.by, at: now }],
    }
    await writeMemberIn(t, after)
    return true
  })

/** Runs (or resumes) the hand-over `runKey` for up to `budgetMs`; answers the run as recorded. */
export const continueHandOver = (runKey: string, h: HandOver, now: string, budgetMs: number): Promise<JobRunDoc> =>
  walkChunks(
    {
      job: HAND_OVER_JOB,
      runKey,
      now,
      // A moved member leaves the match: the walk takes the first chunk again until none is left.
      walk: { kind: 'drain', select: () => data.members.where({ storeId: h.storeId, assistantId: h.fromStaffId }).select('_id') },
      chunkSize: HAND_OVER_CHUNK,
      budgetMs,
      fresh: { handOver: h },
    },
    async (members) => ({ changed: await inParallel(members, 8, (m) => moveMember(m._id, h, now)) }),
  )

/** Hand-overs a call left unfinished (the upkeep resumes them). */
export const unfinishedHandOvers = (): Promise<JobRunDoc[]> => data.jobRuns.where({ job: HAND_OVER_JOB, done: false }).limit(20).get()
