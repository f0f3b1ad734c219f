/**
 * The nightly segment computation: every member's class (A–D) and RFM scores from the figures kept on the
 * member (visits, lifetime spend, last purchase — never the purchase history), stored per member where they
 * changed, and added up into the summary operators read (`stats/segments`). One read per member; writes only
 * for members whose segment moved. Resumable: the cursor and the running tally are saved after every chunk.
 */
import type { Member } from '../../src/domain/member'
import { addToTally, emptyTally, segmentOf, type MemberSegment, type SegmentTally } from '../../src/domain/segments'
import { businessDate } from '../../src/domain/time'
import { _, db } from '../_lib/cloud'
import { COLLECTIONS, type JobRunDoc, type SegmentDoc, type SegmentStatsDoc } from '../_lib/collections'
import { readDoc, readMany } from '../_lib/docs'
import { loadProgram } from '../_lib/reference'
import type { JobContext } from '../_lib/runtime'
import { withoutId } from '../_lib/views'

/** A server-side query returns at most 1,000 documents; 500 keeps each round trip modest. */
const CHUNK = 500
const WRITES_IN_FLIGHT = 16

type SegmentRun = JobRunDoc & { tally: SegmentTally; rulesVersion: number }
type Figures = Pick<Member, '_id' | 'storeId' | 'lifetimeSpendFen' | 'purchaseCount' | 'lastPurchaseAt'>

const same = (a: MemberSegment, b: SegmentDoc | undefined, rulesVersion: number) =>
  b !== undefined && a.class === b.class && a.r === b.r && a.f === b.f && a.m === b.m && b.rulesVersion === rulesVersion

const writeAll = async (docs: SegmentDoc[]) => {
  for (let i = 0; i < docs.length; i += WRITES_IN_FLIGHT) {
    const writes = docs.slice(i, i + WRITES_IN_FLIGHT).map((d) =>
      db
        .collection(COLLECTIONS.segments)
        .doc(d._id)
        .set({ data: withoutId(d) }),
    )
    // eslint-disable-next-line @typescript-eslint/await-thenable -- the SDK types set() with its callback form too (void); without one it is a Promise
    await Promise.all(writes)
  }
}

export const computeSegments = async (ctx: JobContext, budgetMs: number) => {
  const runKey = businessDate(ctx.now)
  const runs = db.collection(COLLECTIONS.jobRuns)
  const runId = `segments:${runKey}`
  const program = await loadProgram()
  let run: SegmentRun = (await readDoc<SegmentRun>(runs.doc(runId))) ?? {
    _id: runId,
    job: 'segments',
    runKey,
    cursor: '',
    processed: 0,
    changed: 0,
    done: false,
    startedAt: ctx.now,
    updatedAt: ctx.now,
    tally: emptyTally(),
    rulesVersion: program.version,
  }
  if (run.done) return { job: 'segments', runKey, processed: run.processed, changed: run.changed, done: true }
  const deadline = Date.now() + budgetMs
  while (!run.done && Date.now() < deadline) {
    const members = await readMany<Figures>(
      db
        .collection(COLLECTIONS.members)
        .where({ _id: _.gt(run.cursor) })
        .orderBy('_id', 'asc')
        .field({ _id: true, storeId: true, lifetimeSpendFen: true, purchaseCount: true, lastPurchaseAt: true })
        .limit(CHUNK),
    )
    const stored = members.length
      ? await readMany<SegmentDoc>(
          db
            .collection(COLLECTIONS.segments)
            .where({ _id: _.in(members.map((m) => m._id)) })
            .limit(CHUNK),
        )
      : []
    const byId = new Map(stored.map((s) => [s._id, s]))
    let tally = run.tally
    const moved: SegmentDoc[] = []
    for (const member of members) {
      const segment = segmentOf(member, ctx.now, program.segments)
      tally = addToTally(tally, segment, member.lifetimeSpendFen)
      if (!same(segment, byId.get(member._id), program.version)) {
        moved.push({ _id: member._id, ...segment, storeId: member.storeId, rulesVersion: program.version, at: ctx.now })
      }
    }
    await writeAll(moved)
    run = {
      ...run,
      tally,
      cursor: members.length ? members[members.length - 1]._id : run.cursor,
      processed: run.processed + members.length,
      changed: run.changed + moved.length,
      done: members.length < CHUNK,
      updatedAt: new Date().toISOString(),
    }
    await runs.doc(runId).set({ data: withoutId(run) })
  }
  if (run.done) {
    const summary: SegmentStatsDoc = { _id: 'segments', computedAt: run.updatedAt, rulesVersion: run.rulesVersion, tally: run.tally }
    await db
      .collection(COLLECTIONS.stats)
      .doc('segments')
      .set({ data: withoutId(summary) })
  }
  return { job: 'segments', runKey, processed: run.processed, changed: run.changed, done: run.done }
}
