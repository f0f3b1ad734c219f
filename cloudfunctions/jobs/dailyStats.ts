/** Just after a business day ends, its figures are stored once (stats/day:<date>); later runs find them and stop. */
import { businessTime } from '../../src/domain/time'
import { db } from '../_lib/cloud'
import { COLLECTIONS, type DayStatsDoc } from '../_lib/collections'
import { computeDay } from '../_lib/dayStats'
import { readDoc } from '../_lib/docs'
import type { JobContext } from '../_lib/runtime'
import { withoutId } from '../_lib/views'

export const storeYesterday = async (ctx: JobContext) => {
  const date = businessTime(ctx.now).subtract(1, 'day').format('YYYY-MM-DD')
  const ref = db.collection(COLLECTIONS.stats).doc(`day:${date}`)
  if (await readDoc<DayStatsDoc>(ref)) return { job: 'daily-stats', runKey: date, processed: 0, changed: 0, done: true }
  const day = await computeDay(date, ctx.now)
  await ref.set({ data: withoutId(day) })
  return { job: 'daily-stats', runKey: date, processed: 1, changed: 1, done: true }
}
