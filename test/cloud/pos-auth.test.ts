/**
 * The POS API's door (cloudfunctions/pos/auth.ts, src/domain/pos.ts), through the local cloud's HTTP access
 * service: only a request signed by a live key of an open store gets in, each nonce once, within 300 s of the
 * server's clock, and no more than the key's rate; a refused request writes nothing. Keys are made, listed (never
 * with their secret) and revoked by operators; the function refuses every caller that is not an HTTP access call.
 */
import { DEMO_ASSISTANT, DEMO_STORE, DEMO_STORE_2 } from '../../scripts/demo-data'
import { posRequest } from '../../scripts/pos/client'
import { posSignature } from '../../src/domain/pos'
import { at } from '../support/clock'
import { startTestCloud } from './harness'
import { makeKey, operator, pos, snapshot } from './pos-support'

type Harness = Awaited<ReturnType<typeof startTestCloud>>
let h: Harness
beforeAll(async () => {
  h = await startTestCloud({ functionEnv: { pos: { POS_RATE_PER_MINUTE: '4' } } })
}, 60_000)
afterAll(() => h?.close())

const now = at('2026-12-01T10:00:00')
const later = (clock: string, s: number) => new Date(Date.parse(clock) + s * 1000).toISOString()
/** A sale with no member: the simplest write, so what is refused shows as nothing written. */
const sale = (orderNo: string) => ({ method: 'POST' as const, path: '/pos/v1/purchases', body: { orderNo, amountFen: 1000 } })

describe('signed requests', () => {
  it('lets in a request signed by a live key, and writes its nonce', async () => {
    const key = await makeKey(h, DEMO_STORE._id)
    const reply = await pos(h, key, { ...sale('AUTH-OK'), nonce: 'nonce-ok-0001' }, now)
    expect(reply.status).toBe(200)
    expect(reply.body).toMatchObject({ ok: true, data: { purchase: { orderNo: 'AUTH-OK', pointsEarned: 0 }, member: null } })
    expect(h.cloud.executor.get('posNonces', `${key.keyId}:nonce-ok-0001`)).toMatchObject({ keyId: key.keyId, at: now })
  })

  it.each([
    ['a wrong signature', 'SIGNATURE'],
    ['a body changed after signing', 'SIGNATURE'],
    ['a timestamp 301 s old', 'STALE'],
    ['a timestamp 301 s ahead', 'STALE'],
    ['an unknown key', 'UNKNOWN_KEY'],
    ['missing headers', 'HEADERS'],
  ])('refuses %s with 401 and writes nothing', async (what) => {
    const key = await makeKey(h, DEMO_STORE._id)
    const before = snapshot(h)
    const orderNo = `AUTH-${what.length}`
    const send = (): Promise<{ status: number; body: { ok: boolean; error?: { code: string } } }> => {
      const ts = Math.floor(Date.parse(now) / 1000)
      switch (what) {
        case 'a wrong signature':
          return pos(h, { ...key, secret: 'f'.repeat(64) }, sale(orderNo), now)
        case 'a body changed after signing': {
          const headers = {
            'x-pos-key': key.keyId,
            'x-pos-timestamp': String(ts),
            'x-pos-nonce': 'nonce-changed-1',
            'x-pos-signature': posSignature(key.secret, {
              method: 'POST',
              path: '/pos/v1/purchases',
              timestamp: String(ts),
              nonce: 'nonce-changed-1',
              body: JSON.stringify({ orderNo, amountFen: 1000 }),
            }),
          }
          return fetch(`${h.cloud.url}/pos/v1/purchases`, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/json', 'x-local-clock': now },
            body: JSON.stringify({ orderNo, amountFen: 100_000 }),
          }).then(async (r) => ({ status: r.status, body: (await r.json()) as { ok: boolean } }))
        }
        case 'a timestamp 301 s old':
          return pos(h, key, { ...sale(orderNo), timestamp: ts - 301 }, now)
        case 'a timestamp 301 s ahead':
          return pos(h, key, { ...sale(orderNo), timestamp: ts + 301 }, now)
        case 'an unknown key':
          return pos(h, { keyId: 'pk_0000000000000000', secret: key.secret }, sale(orderNo), now)
        default:
          return fetch(`${h.cloud.url}/pos/v1/purchases`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-local-clock': now },
            body: JSON.stringify({ orderNo, amountFen: 1000 }),
          }).then(async (r) => ({ status: r.status, body: (await r.json()) as { ok: boolean } }))
      }
    }
    const reply = await send()
    expect(reply.status).toBe(401)
    expect(reply.body).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
    expect(snapshot(h)).toEqual(before)
  })

  it('takes a timestamp up to 300 s either side of the server clock', async () => {
    const key = await makeKey(h, DEMO_STORE._id)
    const ts = Math.floor(Date.parse(now) / 1000)
    expect((await pos(h, key, { ...sale('AUTH-EDGE-1'), timestamp: ts - 300 }, now)).status).toBe(200)
    expect((await pos(h, key, { ...sale('AUTH-EDGE-2'), timestamp: ts + 300 }, now)).status).toBe(200)
  })

  it('refuses a replayed request (the same nonce) with 401, even minutes later, and writes nothing more', async () => {
    const key = await makeKey(h, DEMO_STORE._id)
    expect((await pos(h, key, { ...sale('AUTH-REPLAY'), nonce: 'nonce-replay-01' }, now)).status).toBe(200)
    const before = snapshot(h)
    // The very same signed request again (a captured one): same timestamp, same nonce.
    const ts = Math.floor(Date.parse(now) / 1000)
    const again = await pos(h, key, { ...sale('AUTH-REPLAY'), nonce: 'nonce-replay-01', timestamp: ts }, later(now, 200))
    expect(again.status).toBe(401)
    expect(again.body.error?.message).toMatch(/Nonce/)
    // A new order under the old nonce: refused too.
    expect((await pos(h, key, { ...sale('AUTH-REPLAY-2'), nonce: 'nonce-replay-01' }, later(now, 5))).status).toBe(401)
    expect(snapshot(h)).toEqual(before)
  })

  it('refuses a revoked key at once; the list never shows a secret', async () => {
    const key = await makeKey(h, DEMO_STORE._id, 'ERP')
    expect((await pos(h, key, sale('AUTH-REVOKE-1'), now)).status).toBe(200)
    const { key: revoked } = await h.ok(operator, 'setup', 'revokePosKey', { keyId: key.keyId }, { clock: now })
    expect(revoked).toMatchObject({ keyId: key.keyId, revoked: true, revokedAt: now, store: { id: DEMO_STORE._id } })
    const before = snapshot(h)
    const reply = await pos(h, key, sale('AUTH-REVOKE-2'), later(now, 1))
    expect([reply.status, reply.body.error?.code]).toEqual([401, 'UNAUTHORIZED'])
    expect(snapshot(h)).toEqual(before)
    const { keys } = await h.ok(operator, 'setup', 'listPosKeys', { storeId: DEMO_STORE._id })
    expect(keys.find((k) => k.keyId === key.keyId)).toMatchObject({ label: 'ERP', revoked: true })
    expect(JSON.stringify(keys)).not.toContain(key.secret)
    // Revoking again changes nothing.
    expect((await h.ok(operator, 'setup', 'revokePosKey', { keyId: key.keyId }, { clock: later(now, 60) })).key.revokedAt).toBe(now)
  })

  it('keeps keys to operators: staff and shoppers may not make, list or revoke them', async () => {
    for (const who of [DEMO_ASSISTANT._id, 'a-stranger']) {
      const made = await h.call(who, 'setup', 'createPosKey', { storeId: DEMO_STORE._id, label: '收银机' })
      expect(made).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
    const bad = await h.call(operator, 'setup', 'createPosKey', { storeId: 'NOPE01', label: '收银机' })
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })

  it('limits each key to its rate per minute: 429 with Retry-After, nothing written, and another key unaffected', async () => {
    const key = await makeKey(h, DEMO_STORE._id)
    const other = await makeKey(h, DEMO_STORE._id)
    const t0 = at('2026-12-02T10:00:00')
    for (let i = 0; i < 4; i++) expect((await pos(h, key, sale(`RATE-${i}`), later(t0, i))).status).toBe(200)
    const before = snapshot(h)
    const limited = await pos(h, key, sale('RATE-4'), later(t0, 10))
    expect(limited.status).toBe(429)
    expect(limited.body.error?.code).toBe('RATE_LIMITED')
    // The first request leaves the minute at t0 + 60 s: 50 s from now.
    expect(limited.headers.get('retry-after')).toBe('50')
    expect(snapshot(h)).toEqual(before)
    expect((await pos(h, other, sale('RATE-OTHER'), later(t0, 10))).status).toBe(200)
    // A minute on, the key may send again.
    expect((await pos(h, key, sale('RATE-5'), later(t0, 61))).status).toBe(200)
  })

  it('acts only for its own store: an order of another store is not there for it', async () => {
    const mine = await makeKey(h, DEMO_STORE._id)
    const theirs = await makeKey(h, DEMO_STORE_2._id)
    expect((await pos(h, theirs, sale('SCOPE-1'), now)).status).toBe(200)
    expect(h.cloud.executor.get('posSales', `${DEMO_STORE_2._id}:SCOPE-1`)).toMatchObject({ storeId: DEMO_STORE_2._id })
    const refund = await pos(
      h,
      mine,
      { method: 'POST', path: '/pos/v1/refunds', body: { orderNo: 'SCOPE-1', refundNo: 'R1', amountFen: 100 } },
      now,
    )
    expect([refund.status, refund.body.error?.code]).toEqual([404, 'ORDER_NOT_FOUND'])
    // The same order number is a different order in each store.
    expect((await pos(h, mine, sale('SCOPE-1'), now)).body).toMatchObject({ ok: true, data: { replayed: false } })
  })

  it('answers unknown endpoints 404 and wrong methods 405, before looking at the signature', async () => {
    const key = await makeKey(h, DEMO_STORE._id)
    expect((await pos(h, key, { method: 'GET', path: '/pos/v1/nothing' }, now)).status).toBe(404)
    expect((await pos(h, key, { method: 'GET', path: '/pos/v1/purchases' }, now)).status).toBe(405)
    const unsigned = await fetch(`${h.cloud.url}/pos/v2/purchases`)
    expect(unsigned.status).toBe(404)
  })

  it('refuses every caller that is not an HTTP access call, whatever its event says', async () => {
    const key = await makeKey(h, DEMO_STORE._id)
    const ts = String(Math.floor(Date.parse(now) / 1000))
    const body = JSON.stringify({ orderNo: 'FORGED-1', amountFen: 1000 })
    const headers = {
      'x-pos-key': key.keyId,
      'x-pos-timestamp': ts,
      'x-pos-nonce': 'nonce-forged-1',
      'x-pos-signature': posSignature(key.secret, {
        method: 'POST',
        path: '/pos/v1/purchases',
        timestamp: ts,
        nonce: 'nonce-forged-1',
        body,
      }),
    }
    const forged = { path: '/pos/v1/purchases', httpMethod: 'POST', headers, body, isBase64Encoded: false }
    const before = snapshot(h)
    // A mini-program's callFunction (an OPENID), an anonymous one, and the desk's web SDK: each with a well-signed event.
    for (const options of [{ openid: 'a-shopper' }, {}, { web: { uuid: 'web-1', customUserId: null, anonymous: true } }]) {
      const result = await h.cloud.invoke('pos', forged, { ...options, clock: now })
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
    expect(snapshot(h)).toEqual(before)
  })

  it('forgets nonces after the nonce window (hourly upkeep), when their signatures are stale anyway', async () => {
    const key = await makeKey(h, DEMO_STORE._id)
    const t0 = at('2026-12-03T10:00:00')
    expect((await pos(h, key, { ...sale('NONCE-OLD'), nonce: 'nonce-old-0001' }, t0)).status).toBe(200)
    expect((await pos(h, key, { ...sale('NONCE-NEW'), nonce: 'nonce-new-0001' }, later(t0, 550))).status).toBe(200)
    const upkeep = await h.cloud.fireTimer('jobs', 'upkeep', { clock: later(t0, 660) })
    expect(upkeep.body).toMatchObject({ ok: true, data: expect.arrayContaining([expect.objectContaining({ job: 'pos-nonces' })]) })
    expect(h.cloud.executor.get('posNonces', `${key.keyId}:nonce-old-0001`)).toBeNull()
    expect(h.cloud.executor.get('posNonces', `${key.keyId}:nonce-new-0001`)).not.toBeNull()
    // The forgotten nonce's request, replayed as captured: stale, refused all the same.
    const ts = Math.floor(Date.parse(t0) / 1000)
    const replay = await pos(h, key, { ...sale('NONCE-OLD'), nonce: 'nonce-old-0001', timestamp: ts }, later(t0, 660))
    expect([replay.status, replay.body.error?.message]).toEqual([401, expect.stringMatching(/时间戳/)])
  })

  it('the sample client signs what the server checks (its own clock, no overrides)', async () => {
    const key = await makeKey(h, DEMO_STORE._id)
    const reply = await posRequest(h.cloud.url, key, sale('CLIENT-1'))
    expect(reply.status).toBe(200)
  })
})
