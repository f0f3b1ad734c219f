/**
 * Who is calling the POS API: the key that signed the request (src/domain/pos.ts has the rules). Nothing is
 * written for a request that fails here, and for one that passes only its nonce — the nonce's unique id is what
 * refuses a replay, and the key's nonces of the last minute are what the rate limit counts.
 */
import { AppError } from '../../src/domain/errors'
import { judgePosRequest, POS_AUTH_MESSAGES, POS_DEFAULT_RATE_PER_MINUTE, readPosHeaders, type PosAuthProblem } from '../../src/domain/pos'
import { _ } from '../_lib/cloud'
import type { PosKeyDoc } from '../_lib/collections'
import { data } from '../_lib/data'
import { duplicateKeyIndex } from '../_lib/errors'
import { loadStore } from '../_lib/reference'
import type { HttpRequest } from './http'

const refuse = (problem: PosAuthProblem) => new AppError('UNAUTHORIZED', POS_AUTH_MESSAGES[problem], { problem })

const RATE_WINDOW_MS = 60_000

/** Requests per key per minute: the function's POS_RATE_PER_MINUTE (an environment variable set at deploy), else the default. */
const ratePerMinute = (): number => {
  const n = Number(process.env.POS_RATE_PER_MINUTE)
  return Number.isInteger(n) && n > 0 ? n : POS_DEFAULT_RATE_PER_MINUTE
}

/** The key of a well-signed request, its nonce recorded; else UNAUTHORIZED (401), RATE_LIMITED (429) or FORBIDDEN. */
export const authenticate = async (req: HttpRequest, now: string): Promise<PosKeyDoc> => {
  const headers = readPosHeaders(req.headers)
  if (!headers) throw refuse('HEADERS')
  const key = await data.posKeys.get(headers.keyId)
  const nowMs = Date.parse(now)
  const problem = judgePosRequest(headers, key, req, nowMs)
  if (problem || !key) throw refuse(problem ?? 'UNKNOWN_KEY')
  const store = await loadStore(key.storeId)
  if (!store || store.active === false) throw new AppError('FORBIDDEN', '该密钥所属门店已停业')

  const windowStart = new Date(nowMs - RATE_WINDOW_MS).toISOString()
  const recent = await data.posNonces.where({ keyId: key._id, at: _.gt(windowStart) }).count()
  if (recent >= ratePerMinute()) {
    // The window frees a place when its oldest request leaves it.
    const oldest = await data.posNonces
      .where({ keyId: key._id, at: _.gt(windowStart) })
      .orderBy('at', 'asc')
      .first()
    const wait = oldest ? Math.max(1, Math.ceil((Date.parse(oldest.at) + RATE_WINDOW_MS - nowMs) / 1000)) : 1
    throw new AppError('RATE_LIMITED', `请求过于频繁：每个密钥每分钟最多 ${ratePerMinute()} 次，请 ${wait} 秒后重试`, {
      retryAfterSeconds: wait,
    })
  }
  try {
    await data.posNonces.add({ _id: `${key._id}:${headers.nonce}`, keyId: key._id, at: now })
  } catch (e) {
    if (duplicateKeyIndex(e) === '_id_') throw refuse('NONCE_REUSED')
    throw e
  }
  return key
}
