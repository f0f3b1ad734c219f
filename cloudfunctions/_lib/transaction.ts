import { AppError } from '../../src/domain/errors'
import { db, type Transaction } from './cloud'
import { isTransactionConflict } from './errors'

const MAX_ATTEMPTS = 8

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Runs `work` in one database transaction, re-running it when another call won an optimistic race.
 *
 * CloudBase transactions are optimistic: the SDK's own runTransaction retries only conflicts reported at
 * commit, while a conflict reported by a write inside the callback surfaces as a plain SDK error. So we
 * retry every conflict here, with jittered backoff, and `work` must be pure apart from its `t` calls.
 */
export const inTransaction = async <T>(work: (t: Transaction) => Promise<T>): Promise<T> => {
  for (let attempt = 1; ; attempt++) {
    try {
      // retry = 0: this loop is the single retry policy.
      return (await db.runTransaction(work, 0)) as T
    } catch (e) {
      if (!isTransactionConflict(e)) throw e
      if (attempt >= MAX_ATTEMPTS) throw new AppError('BUSY', '当前操作人数较多，请稍后重试')
      await pause(Math.random() * 20 * attempt)
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

/** Re-runs `attempt` while it reports a stale read, a bounded number of times. */
export const withFreshReads = async <T>(attempt: () => Promise<T>): Promise<T> => {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt()
    } catch (e) {
      if (!(e instanceof StaleRead)) throw e
      if (tries >= MAX_ATTEMPTS) throw new AppError('BUSY', '当前操作人数较多，请稍后重试')
    }
  }
}
