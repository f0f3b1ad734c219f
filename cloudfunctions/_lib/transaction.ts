import { AppError } from '../../src/domain/errors'
import { db, type Transaction } from './cloud'
import { isTransactionConflict } from './errors'

/** Give up on a hot document with time to spare before config.json's 10 s function timeout. */
const RETRY_BUDGET_MS = 6_000
const BACKOFF_BASE_MS = 5
const BACKOFF_CAP_MS = 250

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Runs `work` in one database transaction, re-running it when another call won an optimistic race.
 *
 * CloudBase transactions are optimistic: the SDK's own runTransaction retries only conflicts reported at
 * commit, while a conflict reported by a write inside the callback surfaces as a plain SDK error. So we
 * retry every conflict here, with exponential backoff and full jitter (so racing callers spread out instead
 * of colliding again), within a time budget; `work` must be pure apart from its `t` calls.
 */
export const inTransaction = async <T>(work: (t: Transaction) => Promise<T>): Promise<T> => {
  const started = Date.now()
  for (let attempt = 0; ; attempt++) {
    try {
      // retry = 0: this loop is the single retry policy.
      return (await db.runTransaction(work, 0)) as T
    } catch (e) {
      if (!isTransactionConflict(e)) throw e
      if (Date.now() - started > RETRY_BUDGET_MS) throw new AppError('BUSY', '当前操作人数较多，请稍后重试')
      await pause(Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt))
    }
  }
}

/**
 * Thrown inside a transaction when something read before it (a query, which a transaction cannot run)
 * turned out to be out of date; the caller reads again and retries.
 */
export class StaleRead extends Error {
  override name = 'StaleRead'
}

/** Re-runs `attempt` while it reports a stale read, within the same time budget as conflicts. */
export const withFreshReads = async <T>(attempt: () => Promise<T>): Promise<T> => {
  const started = Date.now()
  for (;;) {
    try {
      return await attempt()
    } catch (e) {
      if (!(e instanceof StaleRead)) throw e
      if (Date.now() - started > RETRY_BUDGET_MS) throw new AppError('BUSY', '当前操作人数较多，请稍后重试')
    }
  }
}
