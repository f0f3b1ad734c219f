/**
 * The nightly segment computation: every member's class (A–D) and RFM scores from the figures kept on the
 * member (visits, lifetime spend, last purchase — never the purchase history), stored per member where they
 * changed, and added up into the summary operators read (`stats/segments`). One read per member; writes only
 * for members whose segment moved. Resumable: the cursor and the running tally are saved after every chunk.
 */
import type { Member } from '../../src/domain/member'
import { addToTally, emptyTally, segmentOf, type MemberSegment } from '../../src/domain/segments'
import { businessDate } from '../../src/domain/time'
import { _ } from '../_lib/cloud'
import type { SegmentDoc } from '../_lib/collections'
import { data } from '../_lib/data'
import { jobReport, walkChunks, type JobReport } from '../_lib/jobs'
import { loadProgram } from '../_lib/reference'
import type { JobContext } from '../_lib/runtime'

/** A server-side query returns at most 1,000 documents; 500 keeps each round trip modest. */
const CHUNK = 500
const WRITES_IN_FLIGHT = 16

type Figures = Pick<Member, '_id' | 'storeId' | 'lifetimeSpendFen' | 'purchaseCount' | 'lastPurchaseAt'>

const same = (a: MemberSegment, b: SegmentDoc | undefined, rulesVersion: number) =>
  b !== undefined && a.class === b.class && a.r === b.r && a.f === b.f && a.m === b.m && b.rulesVersion === rulesVersion

const writeAll = async (docs: SegmentDoc[]) => {
  for (let i = 0; i < docs.length; i += WRITES_IN_FLIGHT) {
    await Promise.all(docs.slice(i, i + WRITES_IN_FLIGHT).map((d) => data.segments.put(d)))
  }
}

export const computeSegments = async (ctx: JobContext, budgetMs: number): Promise<JobReport> => {
  const program = await loadProgram()
  const run = await walkChunks<Figures>(
    {
      job: 'segments',
      runKey: businessDate(ctx.now),
      now: ctx.now,
      walk: {
        kind: 'cursor',
        select: (cursor) =>
          data.members.where({ _id: _.gt(cursor) }).select('storeId', 'lifetimeSpendFen', 'purchaseCount', 'lastPurchaseAt'),
      },
      chunkSize: CHUNK,
      budgetMs,
      // The tally runs on over the chunks; the summary names the rules version the run started on.
      fresh: { tally: emptyTally(), rulesVersion: program.version },
      onFinish: (done) =>
        data.stats.put({
          _id: 'segments',
          computedAt: done.updatedAt,
          rulesVersion: done.rulesVersion ?? program.version,
          tally: done.tally ?? emptyTally(),
        }),
    },
    async (members, run) => {
      const stored = members.length
        ? await data.segments
            .where({ _id: _.in(members.map((m) => m._id)) })
            .limit(CHUNK)
            .get()
        : []
      const byId = new Map(stored.map((s) => [s._id, s]))
      let tally = run.tally ?? emptyTally()
      const moved: SegmentDoc[] = []
      for (const member of members) {
        const segment = segmentOf(member, ctx.now, program.segments)
        tally = addToTally(tally, segment, member.lifetimeSpendFen)
        if (!same(segment, byId.get(member._id), program.version)) {
          moved.push({ _id: member._id, ...segment, storeId: member.storeId, rulesVersion: program.version, at: ctx.now })
        }
      }
      await writeAll(moved)
      return { changed: moved.length, carry: { tally } }
    },
  )
  return jobReport(run)
}
