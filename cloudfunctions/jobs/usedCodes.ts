import { businessDate } from '../../src/domain/time'
import { removeExpiredCodes } from '../_lib/memberCodes'
import type { JobContext } from '../_lib/runtime'
import type { JobReport } from './index'

/**
 * Accepted dynamic member codes are kept only while a code of their step could still be presented (the
 * look-back for CODE_EXPIRED): past `expiresAt` the step is gone for good, so the record can go too. One
 * indexed range delete per run; running it twice removes nothing twice.
 */
export const usedCodesCleanup = async (ctx: JobContext): Promise<JobReport> => {
  const removed = await removeExpiredCodes(ctx.now)
  return { job: 'used-codes-cleanup', runKey: businessDate(ctx.now), processed: removed, changed: removed, done: true }
}
