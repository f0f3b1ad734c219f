/**
 * Load on the local cloud as `npm start` runs it (a separate process, driven over HTTP): shoppers join, a shop
 * assistant records purchases (and retries some), shoppers open their cards. Prints database operations per
 * action from the gateway's x-local-db-ops header (budgets: open card ≤ 3 reads; record purchase ≤ 5 document
 * operations in its transaction), throughput, latency, and the server process's peak RSS read from the kernel
 * (VmHWM; budget < 300 MB). Run after `npm run build:functions`. Figures only, nothing asserted.
 */
import { readFileSync } from 'node:fs'
import { PRIVACY_NOTICE_VERSION } from '../src/api/privacy'
import { DEMO_ASSISTANT, DEMO_JOIN_SCENE } from '../scripts/demo-data'
import { percentile, spawnLocalCloud } from './localServer'
import { TillCodes } from './tillCodes'

export interface LoadOptions {
  shoppers: number
  purchases: number
  concurrency: number
}

export interface LoadPhase {
  label: string
  calls: number
  perSecond: number
  p50Ms: number
  p95Ms: number
  failures: number
  /** "R reads, W writes" → calls that made them. */
  dbOps: Record<string, number>
}

export interface LoadFigures {
  options: LoadOptions
  phases: LoadPhase[]
  idleRssMb: number
  peakRssMb: number
}

const optionsFromEnv = (): LoadOptions => ({
  shoppers: Number(process.env.BENCH_SHOPPERS ?? 300),
  purchases: Number(process.env.BENCH_PURCHASES ?? 1500),
  concurrency: Number(process.env.BENCH_CONCURRENCY ?? 16),
})

const kernelMemory = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0)
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 }
}

export const loadBench = async (options: LoadOptions = optionsFromEnv()): Promise<LoadFigures> => {
  const { shoppers: SHOPPERS, purchases: PURCHASES, concurrency: CONCURRENCY } = options
  const phases: LoadPhase[] = []
  // One node process, as npm start runs it, so the RSS measured is the cloud's own.
  const server = await spawnLocalCloud({ dataPrefix: 'vipcard-bench-', env: { LOCAL_CLOUD_ALLOW_CLOCK: '1' } })
  const url = `http://127.0.0.1:${server.port}`

  const call = async (fn: string, openid: string, action: string, input: unknown, clock?: string) => {
    const response = await fetch(`${url}/functions/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-local-openid': openid, ...(clock ? { 'x-local-clock': clock } : {}) },
      body: JSON.stringify({ action, input }),
    })
    const body = (await response.json()) as { ok?: boolean; data?: unknown }
    const ops = JSON.parse(response.headers.get('x-local-db-ops') ?? '{}') as { reads?: number; writes?: number }
    return { body, ops }
  }

  const phase = async (label: string, total: number, run: (i: number) => ReturnType<typeof call>) => {
    const latencies: number[] = []
    const opsSeen = new Map<string, number>()
    let failures = 0
    let next = 0
    const started = performance.now()
    const lane = async () => {
      while (next < total) {
        const i = next++
        const t = performance.now()
        const { body, ops } = await run(i)
        latencies.push(performance.now() - t)
        if (body.ok !== true) failures++
        const key = `${ops.reads} reads, ${ops.writes} writes`
        opsSeen.set(key, (opsSeen.get(key) ?? 0) + 1)
      }
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, lane))
    const seconds = (performance.now() - started) / 1000
    latencies.sort((a, b) => a - b)
    const { rssMb } = kernelMemory(server.pid)
    console.log(
      `${label.padEnd(28)} ${String(total).padStart(5)} calls ${(total / seconds).toFixed(0).padStart(5)}/s  p50 ${percentile(latencies, 50).toFixed(0)} ms` +
        `  p95 ${percentile(latencies, 95).toFixed(0)} ms  failures ${failures}  server RSS ${rssMb.toFixed(0)} MB`,
    )
    for (const [key, n] of [...opsSeen].sort((a, b) => b[1] - a[1])) console.log(`${''.padEnd(30)}db ops per call: ${key} (${n} calls)`)
    phases.push({
      label,
      calls: total,
      perSecond: total / seconds,
      p50Ms: percentile(latencies, 50),
      p95Ms: percentile(latencies, 95),
      failures,
      dbOps: Object.fromEntries(opsSeen),
    })
  }

  try {
    const idleRssMb = kernelMemory(server.pid).rssMb
    console.log(`local cloud idle RSS: ${idleRssMb.toFixed(0)} MB; ${CONCURRENCY} calls in flight`)
    const memberNos: string[] = []
    await phase('member.join', SHOPPERS, async (i) => {
      const result = await call('member', `bench-shopper-${i}`, 'join', {
        name: `顾客${i}`,
        mobile: `137${String(i).padStart(8, '0')}`,
        birthday: { month: 1 + (i % 12), day: 1 + (i % 28) },
        consent: { accepted: true, version: PRIVACY_NOTICE_VERSION },
        scene: encodeURIComponent(DEMO_JOIN_SCENE),
      })
      memberNos[i] = (result.body.data as { member: { memberNo: string } } | undefined)?.member.memberNo ?? ''
      return result
    })
    // Each purchase with the member's code of its own half minute (bench/tillCodes.ts); a retry repeats it.
    const codes = new TillCodes()
    for (let i = 0; i < SHOPPERS; i++) {
      const answer = await call('member', `bench-shopper-${i}`, 'codeSecret', {})
      codes.remember(answer.body.data as { memberNo: string; secret: string })
    }
    const scanned: { code: string; clock: string }[] = []
    const purchase = (i: number) => {
      scanned[i] ??= codes.next(memberNos[i % SHOPPERS])
      return call(
        'staff',
        DEMO_ASSISTANT._id,
        'recordPurchase',
        { memberCode: scanned[i].code, amountFen: 5_000 + ((i * 7919) % 80_000), orderNo: `B${i}` },
        scanned[i].clock,
      )
    }
    await phase('staff.recordPurchase', PURCHASES, purchase)
    await phase('staff.recordPurchase retried', 200, purchase)
    await phase('member.getCard', PURCHASES, (i) => call('member', `bench-shopper-${i % SHOPPERS}`, 'getCard', {}))
    const peakRssMb = kernelMemory(server.pid).peakMb
    console.log(`local cloud peak RSS: ${peakRssMb.toFixed(0)} MB (budget 300 MB)`)
    return { options, phases, idleRssMb, peakRssMb }
  } finally {
    await server.stop()
  }
}

if (require.main === module) {
  loadBench().catch((e) => {
    console.error(e)
    process.exit(1)
  })
}
