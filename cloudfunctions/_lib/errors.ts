import { AppError } from '../../src/domain/errors'

/** CloudBase reports a lost optimistic race either by error code or, once wrapped by wx-server-sdk, in errMsg. */
export const isTransactionConflict = (e: unknown): boolean => {
  const err = e as { code?: unknown; errMsg?: unknown; message?: unknown } | null
  if (!err) return false
  if (err.code === 'DATABASE_TRANSACTION_CONFLICT') return true
  const text = `${typeof err.errMsg === 'string' ? err.errMsg : ''} ${typeof err.message === 'string' ? err.message : ''}`
  return /transaction conflict/i.test(text)
}

/** A unique index refused a write (MongoDB's E11000); names the index so callers can tell which. */
export const duplicateKeyIndex = (e: unknown): string | null => {
  const err = e as { errMsg?: unknown; message?: unknown } | null
  const text = `${typeof err?.errMsg === 'string' ? err.errMsg : ''} ${typeof err?.message === 'string' ? err.message : ''}`
  if (!/E11000|duplicate key/i.test(text)) return null
  return /index: ([\w.$-]+)/.exec(text)?.[1] ?? '_id_'
}

export const toAppError = (e: unknown): AppError | null => (e instanceof AppError ? e : null)
