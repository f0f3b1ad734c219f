/**
 * POS API throughput: signed `POST /pos/v1/purchases` through the local cloud's HTTP access service, as `npm start`
 * runs it (a separate process), with the simulated database latency off so the figures are the local cloud's own
 * cost. Prints purchases per second and p50/p99 latency with 1 and 8 concurrent clients, for members' purchases
 * (the staff till's decision: code, points, tier, ledger) and for sales with no member, and the database
 * operations of each (the gateway's x-local-db-ops: the signature's key read, the rate count and the nonce come on
 * top of the till's own). Figures only, nothing asserted. Run after `npm run build:functions`:
 *
 *   npx tsx bench/pos.ts
 *   BENCH_SECONDS=5 BENCH_MEMBERS=200 BENCH_CLIENTS=1,8 BENCH_DB_LATENCY_MS=1-4 npx tsx bench/pos.ts
 */
import { PRIVACY_NOTICE_VERSION } from '../src/api/privacy'
import { DEMO_JOIN_SCENE, DEMO_OPERATOR, DEMO_STORE } from '../scripts/demo-data'
import { signHeaders, type PosCredentials } from '../scripts/pos/client'
import { percentile, spawnLocalCloud } from './localServer'
import { TillCodes } from './tillCodes'

const list = (v: string | undefined, d: number[]) => (v ? v.split(',').map(Number) : d)
const CLIENTS = list(process.env.BENCH_CLIENTS, [1, 8])
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 200)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const DB_LATENCY = process.env.BENCH_DB_LATENCY_MS ?? '0'
/**
 * Keys the load is spread over: each key may send 120 requests a minute (the default rate), as a real till sends
 * a few; hundreds of tills make the throughput. Each request counts its key's requests of the last minute.
 */
const KEYS = Number(process.env.BENCH_KEYS ?? 300)

const main = async () => {
  const { port, stop } = await spawnLocalCloud({
    dataPrefix: 'vipcard-pos-',
    env: {
      LOCAL_CLOUD_DB_LATENCY_MS: DB_LATENCY,
      LOCAL_CLOUD_POOL_SIZE: '2',
      LOCAL_CLOUD_ALLOW_CLOCK: '1', // each member's purchase at the instant of its code (tillCodes.ts)
    },
  })
  const base = `http://127.0.0.1:${port}`
  try {
    const callFn = async (fn: string, openid: string, action: string, input: unknown) => {
      const res = await fetch(`${base}/functions/${fn}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-local-openid': openid },
        body: JSON.stringify({ action, input }),
      })
      const body = (await res.json()) as { ok: boolean; data?: any; error?: unknown }
      if (!body.ok) throw new Error(`${fn}.${action}: ${JSON.stringify(body.error)}`)
      return body.data
    }
    const keys: PosCredentials[] = []
    for (let i = 0; i < KEYS; i++) {
      const made = await callFn('setup', DEMO_OPERATOR._id, 'createPosKey', { storeId: DEMO_STORE._id, label: `bench${i}` })
      keys.push({ keyId: made.key.keyId, secret: made.secret })
    }
    const memberNos: string[] = []
    const codes = new TillCodes()
    for (let i = 0; i < MEMBERS; i++) {
      const openid = `pos-bench-${i}`
      const joined = await callFn('member', openid, 'join', {
        name: `顾客${i}`,
        mobile: `137${String(i).padStart(8, '0')}`,
        birthday: { month: 1 + (i % 12), day: 1 + (i % 28) },
        consent: { accepted: true, version: PRIVACY_NOTICE_VERSION },
        scene: encodeURIComponent(DEMO_JOIN_SCENE),
      })
      memberNos.push(joined.member.memberNo)
      codes.remember(await callFn('member', openid, 'codeSecret', {}))
    }

    let order = 0
    const purchase = async (withMember: boolean) => {
      const memberNo = memberNos[order % memberNos.length]
      const { code, clock } = withMember ? codes.next(memberNo) : { code: undefined, clock: new Date().toISOString() }
      const body = JSON.stringify({ orderNo: `B${++order}`, amountFen: 10_000 + (order % 500), ...(code ? { memberCode: code } : {}) })
      const headers = signHeaders(keys[order % keys.length], {
        method: 'POST',
        path: '/pos/v1/purchases',
        bodyText: body,
        // The signature's time follows the purchase's clock, as a till's would.
        timestamp: Math.floor(Date.parse(clock) / 1000),
      })
      const t = performance.now()
      const res = await fetch(`${base}/pos/v1/purchases`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'x-local-clock': clock },
        body,
      })
      await res.arrayBuffer()
      return { ms: performance.now() - t, status: res.status, ops: res.headers.get('x-local-db-ops') ?? '' }
    }

    const run = async (clients: number, withMember: boolean) => {
      const latencies: number[] = []
      const failures = new Map<number, number>()
      let ops = ''
      const until = performance.now() + SECONDS * 1000
      const started = performance.now()
      await Promise.all(
        Array.from({ length: clients }, async () => {
          while (performance.now() < until) {
            const r = await purchase(withMember)
            latencies.push(r.ms)
            ops = r.ops
            if (r.status !== 200) failures.set(r.status, (failures.get(r.status) ?? 0) + 1)
          }
        }),
      )
      const elapsed = (performance.now() - started) / 1000
      latencies.sort((a, b) => a - b)
      const fails = [...failures].map(([k, n]) => `${k}×${n}`).join(', ') || '0'
      console.log(
        `${(withMember ? 'member purchase' : 'no-member sale').padEnd(16)} ${String(clients).padStart(2)} clients ` +
          `${(latencies.length / elapsed).toFixed(0).padStart(5)}/s  p50 ${percentile(latencies, 50).toFixed(2).padStart(6)} ms  ` +
          `p99 ${percentile(latencies, 99).toFixed(2).padStart(6)} ms  (${latencies.length} calls, failures ${fails}; db ops ${ops})`,
      )
    }

    console.log(
      `POS API on the local cloud: ${MEMBERS} members, ${KEYS} keys, ${SECONDS} s per run, database latency ${DB_LATENCY} ms, pool 2`,
    )
    // Warm both instances before measuring.
    await Promise.all([purchase(false), purchase(false)])
    for (const clients of CLIENTS) {
      await run(clients, true)
      await run(clients, false)
    }
  } finally {
    await stop()
  }
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
