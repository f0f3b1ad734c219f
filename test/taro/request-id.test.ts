/**
 * Request ids: one per pending action, re-sent until the server gives a definitive answer, so a retry after
 * a network failure finds the first attempt's result instead of moving points twice.
 */
import { check, RecordRefundSchema } from '../../src/api/schemas'
import { AppError, type ErrorCode } from '../../src/domain/errors'
import { isUnanswered, newRequestId, PendingRequest } from '../../src/services/requestId'

const refusal = (code: ErrorCode) => new AppError(code, code)

/** A PendingRequest whose ids are easy to read: id-1, id-2, ... */
const pendingWithCountedIds = () => {
  let n = 0
  return new PendingRequest(() => `id-${++n}`)
}

/** Sends once through `pending`, answering as given; returns the id that was sent. */
const attempt = async (pending: PendingRequest, answer: 'ok' | Error): Promise<string> => {
  let sent = ''
  await pending
    .send(async (requestId) => {
      sent = requestId
      if (answer !== 'ok') throw answer
    })
    .catch(() => undefined)
  return sent
}

describe('newRequestId', () => {
  it('makes ids the server accepts as idempotency keys', () => {
    const id = newRequestId()
    expect(id).toMatch(/^[A-Za-z0-9_-]{8,64}$/)
    expect(check(RecordRefundSchema, { orderNo: 'SO1', amountFen: 100, requestId: id }).ok).toBe(true)
  })

  it('never repeats, even for ids made in the same millisecond', () => {
    const ids = Array.from({ length: 10_000 }, () => newRequestId(1_795_000_000_000))
    expect(new Set(ids).size).toBe(ids.length)
  })
})

describe('the pending request id', () => {
  it('re-sends the same id after a network failure, and again after a second one', async () => {
    const pending = pendingWithCountedIds()
    expect(await attempt(pending, new AppError('INTERNAL', '网络开小差了，请稍后再试'))).toBe('id-1')
    expect(pending.awaitingAnswer).toBe(true)
    expect(await attempt(pending, new TypeError('Failed to fetch'))).toBe('id-1')
    expect(await attempt(pending, 'ok')).toBe('id-1')
  })

  it('re-sends the same id when the server was too busy to decide', async () => {
    const pending = pendingWithCountedIds()
    await attempt(pending, refusal('BUSY'))
    expect(await attempt(pending, 'ok')).toBe('id-1')
  })

  it('starts a fresh id after a success', async () => {
    const pending = pendingWithCountedIds()
    expect(await attempt(pending, 'ok')).toBe('id-1')
    expect(pending.awaitingAnswer).toBe(false)
    expect(await attempt(pending, 'ok')).toBe('id-2')
  })

  it.each<ErrorCode>(['INVALID_INPUT', 'INSUFFICIENT_POINTS', 'ALREADY_REFUNDED', 'ORDER_NOT_FOUND', 'IDEMPOTENCY_CONFLICT', 'FORBIDDEN'])(
    'starts a fresh id after the server refused with %s',
    async (code) => {
      const pending = pendingWithCountedIds()
      expect(await attempt(pending, refusal(code))).toBe('id-1')
      expect(pending.awaitingAnswer).toBe(false)
      expect(await attempt(pending, 'ok')).toBe('id-2')
    },
  )

  it('starts a fresh id for another action, even with an attempt unanswered', async () => {
    const pending = pendingWithCountedIds()
    await attempt(pending, refusal('INTERNAL'))
    pending.forget()
    expect(await attempt(pending, 'ok')).toBe('id-2')
  })

  it('passes on what the call answered or threw', async () => {
    const pending = pendingWithCountedIds()
    await expect(pending.send(async () => 42)).resolves.toBe(42)
    await expect(pending.send(async () => Promise.reject(refusal('INSUFFICIENT_POINTS')))).rejects.toMatchObject({
      code: 'INSUFFICIENT_POINTS',
    })
  })
})

describe('isUnanswered', () => {
  it('is true only when the server may not have decided', () => {
    expect(isUnanswered(refusal('INTERNAL'))).toBe(true)
    expect(isUnanswered(refusal('BUSY'))).toBe(true)
    expect(isUnanswered(new Error('socket hang up'))).toBe(true)
    expect(isUnanswered(refusal('INSUFFICIENT_POINTS'))).toBe(false)
    expect(isUnanswered(refusal('INVALID_INPUT'))).toBe(false)
  })
})
