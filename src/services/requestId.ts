/**
 * Request ids: the idempotency keys the till and the operator send with every action that moves points
 * (refund, redemption, adjustment). The server stores each action under its key, so sending the same key
 * again returns the first answer instead of acting twice.
 *
 * The rule: one id per pending action, kept until the server gives a definitive answer.
 * - No answer (network error, timeout, a crashed function: INTERNAL) or BUSY: the action may or may not
 *   have happened, so the retry carries the same id and finds the first result if there was one.
 * - Success, or a refusal the server decided (INVALID_INPUT, INSUFFICIENT_POINTS, ALREADY_REFUNDED, ...):
 *   that action is over; the next one gets a fresh id.
 *
 * An edit between an unanswered attempt and its retry keeps the id on purpose: if the first attempt did land,
 * the server answers IDEMPOTENCY_CONFLICT rather than moving points a second time.
 */
import { useRef } from 'react'
import { AppError } from '../domain/errors'

// WeChat's JS engine has no `crypto.getRandomValues` everywhere: Math.random suffices for a key that must
// be unique, not secret. 32 random bits per chunk, base 36 (7 characters at most).
const randomChunk = (): string =>
  Math.floor(Math.random() * 0x1_0000_0000)
    .toString(36)
    .padStart(7, '0')

/**
 * "lq9x3k2a-0f3kz9p1m2c8qa...": the time in base 36, then 128 random bits. 37 characters of [a-z0-9-], inside
 * the server's 8–64 [A-Za-z0-9_-].
 */
export const newRequestId = (now: number = Date.now()): string =>
  `${now.toString(36)}-${randomChunk()}${randomChunk()}${randomChunk()}${randomChunk()}`

/** Whether a failed call may still have happened on the server: then its retry must repeat the id. */
export const isUnanswered = (error: unknown): boolean => !(error instanceof AppError) || error.code === 'INTERNAL' || error.code === 'BUSY'

/** The rule above, apart from React: holds at most one id, for the action in progress. */
export class PendingRequest {
  private id: string | null = null
  private unanswered = false

  constructor(private readonly generate: () => string = newRequestId) {}

  /** True after an attempt went unanswered: the next `send` repeats its id. */
  get awaitingAnswer(): boolean {
    return this.unanswered
  }

  /** Calls `call` with the pending id (or a fresh one); drops the id once the server has decided. */
  async send<T>(call: (requestId: string) => Promise<T>): Promise<T> {
    this.id ??= this.generate()
    try {
      const result = await call(this.id)
      this.forget()
      return result
    } catch (error) {
      if (isUnanswered(error)) this.unanswered = true
      else this.forget()
      throw error
    }
  }

  /** Starts over with another action (the next customer): its first send gets a fresh id. */
  forget(): void {
    this.id = null
    this.unanswered = false
  }
}

/** One PendingRequest for the life of a page: a re-render never changes the id of the action in progress. */
export const usePendingRequest = (generate?: () => string): PendingRequest => {
  const ref = useRef<PendingRequest | null>(null)
  ref.current ??= new PendingRequest(generate)
  return ref.current
}
