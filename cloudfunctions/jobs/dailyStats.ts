/** Just after a business day ends, its figures are stored once (stats/day:<date>); later runs find them and stop. */
import { businessTime } from '../../src/domain/time'
import { computeDay, loadDayStats } from '../_lib/dayStats'
import { data } from '../_lib/data'
import type { JobContext } from '../_lib/runtime'

export const storeYesterday = async (ctx: JobContext) => {
  const date = businessTime(ctx.now).subtract(1, 'day').format('YYYY-MM-DD')
  if (await loadDayStats(date)) return { job: 'daily-stats', runKey: date, processed: 0, changed: 0, done: true }
  await data.stats.put(await computeDay(date, ctx.now))
  return { job: 'daily-stats', runKey: date, processed: 1, changed: 1, done: true }
}
