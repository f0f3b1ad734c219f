/** Helpers for the POS API's cloud tests: keys made as the desk makes them, and signed requests at a chosen clock. */
import { DEMO_OPERATOR } from '../../scripts/demo-data'
import { posRequest, type PosCall, type PosCredentials } from '../../scripts/pos/client'
import type { startTestCloud } from './harness'

type Harness = Awaited<ReturnType<typeof startTestCloud>>

export const operator = DEMO_OPERATOR._id

/** A new key for a store, as an operator makes it on the desk. */
export const makeKey = async (h: Harness, storeId: string, label = '收银机'): Promise<PosCredentials> => {
  const { key, secret } = await h.ok(operator, 'setup', 'createPosKey', { storeId, label })
  return { keyId: key.keyId, secret }
}

/** A signed request at `clock` (the server's now and, unless given, the request's timestamp). */
export const pos = (h: Harness, credentials: PosCredentials, call: PosCall, clock: string) =>
  posRequest(h.cloud.url, credentials, {
    timestamp: Math.floor(Date.parse(clock) / 1000),
    ...call,
    headers: { 'x-local-clock': clock, ...call.headers },
  })

/** Everything a POS call may write, to assert that a refused one wrote nothing. */
export const snapshot = (h: Harness) =>
  Object.fromEntries(
    (['members', 'purchases', 'ledger', 'refunds', 'coupons', 'posNonces', 'posSales', 'posKeys'] as const).map((c) => [
      c,
      h.cloud.executor.find(c, {}, { sort: { _id: 1 } }),
    ]),
  )
