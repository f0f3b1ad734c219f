/**
 * The till and ERP API's rules (cloud function `pos`, served over CloudBase's HTTP access service): how a request
 * is signed, how long a signature and a nonce count, and what a sale's lines must add up to. Pure; the function
 * reads keys and nonces and writes the nonce.
 *
 * A request carries `X-Pos-Key` (the key id), `X-Pos-Timestamp` (unix seconds), `X-Pos-Nonce` and
 * `X-Pos-Signature` = lowercase hex HMAC-SHA256(secret, METHOD\nPATH\nTIMESTAMP\nNONCE\nsha256hex(body)), where PATH
 * is the request path as sent, without the query string, and body the raw bytes (empty for a GET).
 */
import { hmac } from '@noble/hashes/hmac'
import { sha256 } from '@noble/hashes/sha2'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils'
import type { Fen } from './money'

/** A signature is good for this long either side of the server's clock. */
export const POS_TIMESTAMP_WINDOW_SECONDS = 300
/** A nonce may not come back within this long (it is kept at least as long: ids are unique, so forever here). */
export const POS_NONCE_WINDOW_SECONDS = 600
/** Requests per key per minute unless the function's POS_RATE_PER_MINUTE says otherwise. */
export const POS_DEFAULT_RATE_PER_MINUTE = 120

/** `pk_` + 16 lowercase hex: the public half of a key, sent with every request. */
export const POS_KEY_ID = /^pk_[0-9a-f]{16}$/
/** The secret: 32 random bytes as 64 lowercase hex, shown once when the key is made. */
export const POS_SECRET = /^[0-9a-f]{64}$/
export const POS_NONCE = /^[A-Za-z0-9_-]{8,64}$/
const TIMESTAMP = /^\d{1,12}$/
const SIGNATURE = /^[0-9a-f]{64}$/

export const sha256Hex = (body: Uint8Array | string): string => bytesToHex(sha256(typeof body === 'string' ? utf8ToBytes(body) : body))

/** The text a request's signature covers. */
export const posCanonical = (method: string, path: string, timestamp: string, nonce: string, body: Uint8Array | string): string =>
  `${method.toUpperCase()}\n${path}\n${timestamp}\n${nonce}\n${sha256Hex(body)}`

/** What a client sends in X-Pos-Signature (the sample client and tests sign with this too). */
export const posSignature = (
  secret: string,
  req: { method: string; path: string; timestamp: string; nonce: string; body: Uint8Array | string },
): string =>
  bytesToHex(hmac(sha256, utf8ToBytes(secret), utf8ToBytes(posCanonical(req.method, req.path, req.timestamp, req.nonce, req.body))))

/** Equal strings, compared in time independent of where they differ. */
const sameText = (a: string, b: string): boolean => {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return diff === 0
}

export interface PosAuthHeaders {
  keyId: string
  timestamp: string
  nonce: string
  signature: string
}

/** Why a request is not signed well: each a 401 with the code UNAUTHORIZED and these words. */
export type PosAuthProblem = 'HEADERS' | 'UNKNOWN_KEY' | 'REVOKED' | 'STALE' | 'SIGNATURE' | 'NONCE_REUSED'

export const POS_AUTH_MESSAGES: Record<PosAuthProblem, string> = {
  HEADERS: '缺少或格式错误的签名头：X-Pos-Key、X-Pos-Timestamp、X-Pos-Nonce、X-Pos-Signature',
  UNKNOWN_KEY: 'API 密钥不存在',
  REVOKED: 'API 密钥已停用',
  STALE: `时间戳与服务器时间相差超过 ${POS_TIMESTAMP_WINDOW_SECONDS} 秒，请校准收银机时钟`,
  SIGNATURE: '签名不正确',
  NONCE_REUSED: `X-Pos-Nonce 在 ${POS_NONCE_WINDOW_SECONDS / 60} 分钟内已用过，请每次请求换一个`,
}

/** The four headers, read from the integration request's (lower-cased) headers; null when one is missing or malformed. */
export const readPosHeaders = (headers: Record<string, unknown>): PosAuthHeaders | null => {
  const get = (name: string) => {
    const value = headers[name]
    return typeof value === 'string' ? value.trim() : ''
  }
  const h = { keyId: get('x-pos-key'), timestamp: get('x-pos-timestamp'), nonce: get('x-pos-nonce'), signature: get('x-pos-signature') }
  if (!POS_KEY_ID.test(h.keyId) || !TIMESTAMP.test(h.timestamp) || !POS_NONCE.test(h.nonce) || !SIGNATURE.test(h.signature)) return null
  return h
}

/**
 * Judges a signed request against its key (null: no such key), before anything is written: the key, the time,
 * then the signature. The nonce is the caller's to record (its one write), and a nonce seen before is NONCE_REUSED.
 */
export const judgePosRequest = (
  h: PosAuthHeaders,
  key: { secret: string; revoked: boolean } | null,
  req: { method: string; path: string; body: Uint8Array | string },
  nowMs: number,
): PosAuthProblem | null => {
  if (!key) return 'UNKNOWN_KEY'
  if (key.revoked) return 'REVOKED'
  if (Math.abs(nowMs / 1000 - Number(h.timestamp)) > POS_TIMESTAMP_WINDOW_SECONDS) return 'STALE'
  const expected = posSignature(key.secret, { ...req, timestamp: h.timestamp, nonce: h.nonce })
  return sameText(expected, h.signature) ? null : 'SIGNATURE'
}

/** One line of a sale as the POS sends it. */
export interface SaleLine {
  sku: string
  name: string
  qty: number
  unitPriceFen: Fen
  /** The unit cost, when the POS knows it: what makes the order's margin. */
  costFen?: Fen
}

export const MAX_SALE_LINES = 200

/** Σ qty × unit price. */
export const linesTotalFen = (lines: readonly SaleLine[]): Fen => lines.reduce((n, l) => n + l.qty * l.unitPriceFen, 0)

/**
 * What the lines say against the amount: the amount is what the order charges before a member coupon, so it may
 * be less than the lines' total (a promotion on the whole order, 抹零 rounding) but never more — money paid for
 * nothing on the lines is a typo. Null when they agree.
 */
export const linesProblem = (lines: readonly SaleLine[], amountFen: Fen): string | null => {
  const total = linesTotalFen(lines)
  return total < amountFen ? `商品明细合计 ${total} 分少于订单金额 ${amountFen} 分` : null
}

/**
 * The order's gross margin from its lines: the amount charged less the cost of what was sold, known only when every
 * line carries its cost (0 otherwise: an unknown margin, as the staff till records it). Never below 0.
 */
export const linesMarginFen = (lines: readonly SaleLine[], amountFen: Fen): Fen => {
  if (lines.length === 0 || lines.some((l) => l.costFen === undefined)) return 0
  return Math.max(0, amountFen - lines.reduce((n, l) => n + l.qty * (l.costFen ?? 0), 0))
}
