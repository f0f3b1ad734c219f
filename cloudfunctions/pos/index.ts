/**
 * Cloud function `pos`: the till and ERP API (issue 22 §3), served by CloudBase's HTTP access service under /pos
 * (config.json `httpAccess`; the deploy creates the path, the local cloud's gateway serves it). A store's POS or
 * the brand's ERP records purchases and refunds server to server, signed with the store's API key (auth.ts; the
 * keys are made on the desk, setup.createPosKey). docs/pos-api.yaml describes it for POS vendors.
 *
 *   GET  /pos/v1/members/{code}   the scanned dynamic member code → masked name, tier, points, coupons, birthday month
 *   POST /pos/v1/purchases        { orderNo, memberCode?, amountFen, lines?, couponCode?, paidAt? }
 *   POST /pos/v1/refunds          { orderNo, refundNo, amountFen, lines? }
 *   GET  /pos/v1/openapi.json     this API's OpenAPI 3.1 document (src/api/posOpenApi.ts; docs/pos-api.yaml)
 *
 * Anything but an HTTP access call is refused: the mini-program and the desk have their own functions.
 */
import { POS_OPENAPI } from '../../src/api/posOpenApi'
import { AppError } from '../../src/domain/errors'
import { now } from '../_lib/cloud'
import { authenticate } from './auth'
import { jsonBody, lookupMember, recordPosPurchase, recordPosRefund } from './endpoints'
import { errorAnswer, httpRequestOf, okAnswer, rawAnswer, type HttpRequest, type HttpResponse } from './http'

const MEMBER_PATH = /^\/pos\/v1\/members\/([^/]+)$/

const route = async (req: HttpRequest, at: string): Promise<HttpResponse> => {
  // The API's description is public: no key, nothing written.
  if (req.path === '/pos/v1/openapi.json') {
    if (req.method !== 'GET') throw new AppError('NOT_FOUND', `${req.path} 只接受 GET`, { httpStatus: 405 })
    return rawAnswer(200, 'application/json; charset=utf-8', JSON.stringify(POS_OPENAPI))
  }
  const member = MEMBER_PATH.exec(req.path)
  const known = member !== null || req.path === '/pos/v1/purchases' || req.path === '/pos/v1/refunds'
  if (!known) throw new AppError('NOT_FOUND', `没有这个接口：${req.method} ${req.path}`)
  const method = member ? 'GET' : 'POST'
  if (req.method !== method) throw new AppError('NOT_FOUND', `${req.path} 只接受 ${method}`, { httpStatus: 405 })
  // Who first (a signature over the raw bytes), then what.
  const key = await authenticate(req, at)
  if (member) {
    let code: string
    try {
      code = decodeURIComponent(member[1])
    } catch {
      code = member[1]
    }
    return okAnswer(await lookupMember(key, code, at))
  }
  const body = jsonBody(req.body)
  return okAnswer(req.path === '/pos/v1/purchases' ? await recordPosPurchase(key, body, at) : await recordPosRefund(key, body, at))
}

export const main = async (event: unknown): Promise<HttpResponse | { ok: false; error: { code: string; message: string } }> => {
  const req = httpRequestOf(event)
  if (!req) return { ok: false, error: { code: 'FORBIDDEN', message: '收银接口仅供门店收银系统通过 HTTPS 调用' } }
  try {
    return await route(req, now())
  } catch (e) {
    return errorAnswer(e)
  }
}
