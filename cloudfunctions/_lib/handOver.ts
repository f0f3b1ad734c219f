/**
 * Handing an assistant's customers to colleagues of the same store (setup.handOverCustomers for operators,
 * staff.handOverCustomers for the store's manager), dealt in turn when several take them: a walk over the
 * members whose assistant they are, in chunks, recorded in `jobRuns/hand-over:<operatorId>:<requestId>` after every
 * chunk (the jobs framework, _lib/jobs.ts). The operator's call moves what fits in its budget; the same call again
 * (same request id) resumes where it stopped, and the hourly upkeep (jobs) finishes what nobody resumed.
 * Each member moves in its own transaction that re-reads them and is logged on them as the manager's reassignment
 * is (`assignmentLog`), so a second run moves nobody twice.
 */
import type { Member } from '../../src/domain/member'
import { receiverAt } from '../../src/domain/staff'
import type { JobRunDoc } from './collections'
import { data, tx } from './data'
import { inParallel, walkChunks } from './jobs'
import { writeMemberIn } from './members'
import { inTransaction } from './transaction'

export const HAND_OVER_JOB = 'hand-over'
/** Members per chunk: each is a transaction; a chunk's progress is saved before the next starts. */
export const HAND_OVER_CHUNK = 50

export type HandOver = NonNullable<JobRunDoc['handOver']>

/** Moves one member to `to` if they are still the old assistant's at that store; answers whether it moved them. */
const moveMember = (memberId: string, to: string, h: HandOver, now: string): Promise<boolean> =>
  inTransaction(async (t) => {
    const member = await tx(t).members.get(memberId)
    // Gone (a membership deleted meanwhile) or moved by someone else since the chunk was read: nothing to do.
    if (!member || member.assistantId !== h.fromStaffId || member.storeId !== h.storeId) return false
    const after: Member = {
      ...member,
      assistantId: to,
      assignmentLog: [...(member.assignmentLog ?? []), { from: h.fromStaffId, to, by: h.by, at: now }],
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
    // Dealt by position in the walk (recorded with the run), so a resumed run goes on dealing where it stopped.
    async (members, run) => ({
      changed: await inParallel(
        members.map((m, i) => ({ id: m._id, to: receiverAt(run.processed + i, h.toStaffIds) })),
        8,
        (m) => moveMember(m.id, m.to, h, now),
      ),
    }),
  )

/** Hand-overs a call left unfinished (the upkeep resumes them). */
export const unfinishedHandOvers = (): Promise<JobRunDoc[]> => data.jobRuns.where({ job: HAND_OVER_JOB, done: false }).limit(20).get()
