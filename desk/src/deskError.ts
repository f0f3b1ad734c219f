/**
 * A failed desk call, apart from the SDK (cloud.ts): shared parts and their jsdom tests read it without loading
 * CloudBase's web SDK.
 */
import type { ErrorCode, FieldError } from '../../src/domain/errors'

/** A failed call, as the functions answer it (a code and a message in Chinese), or the network's. */
export class DeskError extends Error {
  override name = 'DeskError'
  constructor(
    readonly code: ErrorCode | 'NETWORK' | 'SIGNED_OUT',
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message)
  }
}
