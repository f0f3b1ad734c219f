/**
 * Errors the executor answers with. The SDK turns an answer `{ code, message }` into an SDK error whose errCode
 * comes from wx-server-sdk's TCB_ERR_CODE (unknown codes become -501001 SYS_ERR), so the codes here are the
 * CloudBase ones the SDK knows, spelled as CloudBase spells them (OPERRATOR, sic).
 */
export type DbErrorCode =
  | 'DATABASE_REQUEST_FAILED' // -502001
  | 'DATABASE_INVALID_OPERRATOR' // -502002
  | 'DATABASE_COLLECTION_NOT_EXIST' // -502005
  | 'DATABASE_TRANSACTION_CONFLICT' // not in TCB_ERR_CODE → -501001; runTransaction retries on it at commit
  | 'INVALID_PARAM' // -501007

export class DbError extends Error {
  override name = 'DbError' as const
  constructor(
    readonly code: DbErrorCode,
    message: string,
    /**
     * MongoDB refused a write (a wrong-type update, a duplicate key): inside a transaction such an error aborts the
     * transaction, as MongoDB aborts one on any write error (SERVER-34059, SERVER-72990).
     */
    readonly writeError = false,
  ) {
    super(message)
  }
}

/** MongoDB's refusal of one document's write, answered as CloudBase does: DATABASE_REQUEST_FAILED with MongoDB's message. */
export const writeError = (message: string) => new DbError('DATABASE_REQUEST_FAILED', message, true)

export const conflict = (detail: string) => new DbError('DATABASE_TRANSACTION_CONFLICT', `database transaction conflict: ${detail}`)

export const invalidOperator = (message: string) => new DbError('DATABASE_INVALID_OPERRATOR', `local cloud: ${message}`)

export const requestFailed = (message: string) => new DbError('DATABASE_REQUEST_FAILED', message)

/**
 * A CloudBase feature the local cloud does not model: refused loudly, naming it, never approximated (the list is
 * the fidelity table in localcloud/README.md).
 */
export const NOT_AVAILABLE = 'not available on the local cloud'
export const unavailable = (feature: string, detail = '', code: DbErrorCode = 'DATABASE_INVALID_OPERRATOR') =>
  new DbError(code, `${NOT_AVAILABLE}: ${feature}${detail ? ` (${detail})` : ''}`)
