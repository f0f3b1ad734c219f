/**
 * The pos function speaks HTTP through CloudBase's HTTP access service: the event is the service's integration
 * request, the answer an integration response. Only such a call is served — a mini-program's callFunction carries
 * an OPENID, the desk's web SDK a web user, and neither has an integration request — and its statuses say what
 * happened; bodies are `{ ok: true, data }` or `{ ok: false, error: { code, message, fields? } }`.
 */
import type { ErrorCode } from '../../src/domain/errors'
import { AppError } from '../../src/domain/errors'
import { callerOpenid, webCaller } from '../_lib/cloud'
import { redactForLog } from '../_lib/redact'

export interface HttpRequest {
  method: string
  /** As sent, without the query: what the signature covers. */
  path: string
  headers: Record<string, string>
  /** The raw body's bytes (decoded from base64 when the service encoded it). */
  body: Buffer
}

export interface HttpResponse {
  statusCode: number
  headers: Record<string, string>
  body: string
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The HTTP request of an HTTP access call, or null for any other caller or event. */
export const httpRequestOf = (event: unknown): HttpRequest | null => {
  if (callerOpenid() !== '' || webCaller() !== null) return null
  if (!isRecord(event) || 'userInfo' in event) return null
  const { httpMethod, path, headers, body, isBase64Encoded } = event
  if (typeof httpMethod !== 'string' || typeof path !== 'string' || !isRecord(headers)) return null
  const text = typeof body === 'string' ? body : ''
  const lower: Record<string, string> = {}
  for (const [k, v] of Object.entries(headers)) if (typeof v === 'string') lower[k.toLowerCase()] = v
  return {
    method: httpMethod.toUpperCase(),
    path,
    headers: lower,
    body: isBase64Encoded === true ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8'),
  }
}

const STATUS: Partial<Record<ErrorCode, number>> = {
  INVALID_INPUT: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ORDER_NOT_FOUND: 404,
  MEMBER_NOT_FOUND: 404,
  COUPON_NOT_FOUND: 404,
  IDEMPOTENCY_CONFLICT: 409,
  ALREADY_REFUNDED: 409,
  COUPON_ALREADY_USED: 409,
  CODE_ALREADY_USED: 409,
  CODE_LOCKED: 423,
  TILL_PAUSED: 423,
  RATE_LIMITED: 429,
  BUSY: 503,
  INTERNAL: 500,
}

/** What an error code means over HTTP: a refusal of the request as it stands is 422 unless named above. */
export const statusOf = (code: ErrorCode): number => STATUS[code] ?? 422

const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  body: JSON.stringify(body),
})

export const okAnswer = (data: unknown): HttpResponse => json(200, { ok: true, data })

export const errorAnswer = (e: unknown): HttpResponse => {
  if (e instanceof AppError) {
    const fields = e.details?.fields
    const retryAfter = e.details?.retryAfterSeconds
    const status = e.details?.httpStatus
    return json(
      typeof status === 'number' ? status : statusOf(e.code),
      { ok: false, error: { code: e.code, message: e.message, ...(fields ? { fields } : {}) } },
      typeof retryAfter === 'number' ? { 'retry-after': String(retryAfter) } : {},
    )
  }
  console.error('[pos]', redactForLog(e))
  return json(500, { ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } })
}

export const rawAnswer = (statusCode: number, contentType: string, body: string): HttpResponse => ({
  statusCode,
  headers: { 'content-type': contentType },
  body,
})
