/**
 * Ledger throughput: `staff.recordPurchase` through the local cloud's HTTP API, as `npm start` runs it (a separate
 * process, scripts/start.ts), with the simulated database latency off so the figures are the local cloud's own
 * cost. Prints purchases per second and p50/p99 latency with 1, 8 and 32 concurrent clients spread over many
 * members, the same with every client on one (hot) member, the database operations per purchase (the gateway's
 * x-local-db-ops header; `inTxn` = operations inside the purchase's transaction), and the CPU each side used.
 * Figures only, nothing asserted. Run after `npm run build:functions`:
 *
 *   npx tsx bench/ledger.ts
 *   BENCH_POOL_SIZES=1,2,3,4 BENCH_SECONDS=5 BENCH_MEMBERS=1000 BENCH_CLIENTS=1,8,32 npx tsx bench/ledger.ts
 *   BENCH_DB_LATENCY_MS=1-4 npx tsx bench/ledger.ts     # with CloudBase-like latency instead
 *
 * Targets (issue): ≥ 2,000 purchases/s and p99 ≤ 10 ms at 8 clients on a 2-core machine; ≤ 5 document
 * operations per purchase in its transaction.
 */
import { spawn } from 'node:child_process'
import { readFileSync, rmSync, mkdtempSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { type Socket, connect } from 'node:net'
import { availableParallelism, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { PRIVACY_NOTICE_VERSION } from '../src/api/privacy'
import { DEMO_ASSISTANT, DEMO_JOIN_SCENE } from '../scripts/demo-data'
import { percentile, spawnLocalCloud } from './localServer'
import { TillCodes } from './tillCodes'

const root = resolve(__dirname, '..')
const list = (v: string | undefined, d: number[]) => (v ? v.split(',').map(Number) : d)
const POOL_SIZES = list(process.env.BENCH_POOL_SIZES, [2])
const CLIENTS = list(process.env.BENCH_CLIENTS, [1, 8, 32])
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 1000)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const DB_LATENCY = process.env.BENCH_DB_LATENCY_MS ?? '0'
const HOT_CLIENTS = Number(process.env.BENCH_HOT_CLIENTS ?? 8)
/** Extra node flags for the server process, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof". */
const SERVER_FLAGS = (process.env.BENCH_SERVER_FLAGS ?? '').split(' ').filter(Boolean)
const CLK_TCK = 100
const cores = availableParallelism()

/** CPU seconds (user + system) from a /proc stat file. */
const cpuOf = (file: string) => {
  const fields = readFileSync(file, 'utf8').split(') ')[1].split(' ')
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK
}
/** CPU seconds of a process: all threads, and its main thread alone (the one that owns HTTP and SQLite). */
const processCpuS = (pid: number) => ({ all: cpuOf(`/proc/${pid}/stat`), main: cpuOf(`/proc/${pid}/task/${pid}/stat`) })
/** Busy CPU seconds of the whole machine (all processes), to tell whether anything else competed for the cores. */
const machineCpuS = () => {
  const [, user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).map(Number)
  return (user + nice + system + irq + softirq + steal) / CLK_TCK
}
const selfCpuS = () => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1e6
}

interface Reply {
  status: number
  body: { ok?: boolean; data?: unknown; error?: { code?: string } }
  ops: string
}

const startServer = async (poolSize: number) => {
  const {
    port,
    pid,
    stop: stopServer,
  } = await spawnLocalCloud({
    dataPrefix: 'vipcard-ledger-',
    nodeFlags: SERVER_FLAGS,
    env: {
      LOCAL_CLOUD_DB_LATENCY_MS: DB_LATENCY,
      LOCAL_CLOUD_POOL_SIZE: String(poolSize),
      LOCAL_CLOUD_ALLOW_CLOCK: '1', // each purchase at the instant of its member code (tillCodes.ts)
    },
  })
  // A lean HTTP/1.1 keep-alive client (one connection per client in flight): Node's http client costs several
  // times more CPU per request, and on a 2-core machine the load generator's CPU is taken from the server.
  const idle: LeanConnection[] = []
  const call = async (fn: string, openid: string, action: string, input: unknown, clock?: string): Promise<Reply> => {
    let conn = idle.pop()
    // The gateway closes connections idle for 65 s (keepAliveTimeout): skip those.
    while (conn?.closed) conn = idle.pop()
    conn ??= new LeanConnection(port)
    const reply = await conn.post(`/functions/${fn}`, openid, JSON.stringify({ action, input }), clock)
    idle.push(conn)
    return reply
  }
  const agent = new Agent({ keepAlive: false })
  const health = async () =>
    await new Promise<{ db: { conflicts: number; commits: number } }>((done, fail) => {
      request({ agent, host: '127.0.0.1', port, path: '/local/health' }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => done(JSON.parse(Buffer.concat(chunks).toString('utf8'))))
        res.on('error', fail)
      })
        .on('error', fail)
        .end()
    })
  const stop = async () => {
    for (const conn of idle) conn.close()
    await stopServer()
  }
  return { pid, call, health, stop }
}

type Server = Awaited<ReturnType<typeof startServer>>

/** POST over one keep-alive socket; reads status, content-length and x-local-db-ops, parses the JSON body. */
class LeanConnection {
  private readonly socket: Socket
  private buffer: Buffer = Buffer.alloc(0)
  private waiting?: { done: (r: Reply) => void; fail: (e: Error) => void }
  closed = false

  constructor(port: number) {
    this.socket = connect(port, '127.0.0.1')
    this.socket.setNoDelay(true)
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk))
    this.socket.on('error', (e) => this.waiting?.fail(e))
    this.socket.on('close', () => {
      this.closed = true
      this.waiting?.fail(new Error('connection closed'))
    })
  }

  post(path: string, openid: string, body: string, clock?: string): Promise<Reply> {
    return new Promise((done, fail) => {
      this.waiting = { done, fail }
      this.socket.write(
        `POST ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\nx-local-openid: ${openid}\r\n` +
          (clock ? `x-local-clock: ${clock}\r\n` : '') +
          `content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      )
    })
  }

  private onData(chunk: Buffer) {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk])
    const head = this.buffer.indexOf('\r\n\r\n')
    if (head < 0) return
    const lines = this.buffer.toString('latin1', 0, head).split('\r\n')
    const headers = new Map(lines.slice(1).map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]))
    const length = Number(headers.get('content-length') ?? 0)
    if (this.buffer.length < head + 4 + length) return
    const body = this.buffer.toString('utf8', head + 4, head + 4 + length)
    this.buffer = this.buffer.subarray(head + 4 + length)
    const waiting = this.waiting
    this.waiting = undefined
    waiting?.done({ status: Number(lines[0].split(' ')[1]), body: JSON.parse(body), ops: headers.get('x-local-db-ops') ?? '' })
  }

  close() {
    this.socket.destroy()
  }
}

/** `clients` loops calling `run(i)` for `seconds` (or `total` calls); latency, outcomes, ops and CPU. */
const drive = async (server: Server, clients: number, limit: { seconds?: number; total?: number }, run: (i: number) => Promise<Reply>) => {
  const latencies: number[] = []
  const ops = new Map<string, number>()
  const failures = new Map<string, number>()
  let next = 0
  const started = performance.now()
  const until = limit.seconds ? started + limit.seconds * 1000 : Infinity
  const cpu0 = { server: processCpuS(server.pid), self: selfCpuS(), machine: machineCpuS() }
  const lane = async () => {
    while (performance.now() < until && (limit.total === undefined || next < limit.total)) {
      const i = next++
      const t = performance.now()
      const reply = await run(i)
      latencies.push(performance.now() - t)
      if (reply.body?.ok !== true) {
        const code = reply.body?.error?.code ?? `HTTP ${reply.status} ${JSON.stringify(reply.body).slice(0, 80)}`
        failures.set(code, (failures.get(code) ?? 0) + 1)
      }
      ops.set(reply.ops, (ops.get(reply.ops) ?? 0) + 1)
    }
  }
  await Promise.all(Array.from({ length: clients }, lane))
  const seconds = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  return {
    calls: latencies.length,
    perS: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    failures,
    ops,
    serverCpu: (processCpuS(server.pid).all - cpu0.server.all) / seconds,
    mainCpu: (processCpuS(server.pid).main - cpu0.server.main) / seconds,
    clientCpu: (selfCpuS() - cpu0.self) / seconds,
    machineCpu: (machineCpuS() - cpu0.machine) / seconds,
  }
}

const report = (label: string, r: Awaited<ReturnType<typeof drive>>, extra = '') => {
  const fails = [...r.failures].map(([k, n]) => `${k}×${n}`).join(', ') || '0'
  console.log(
    `${label.padEnd(26)} ${r.perS.toFixed(0).padStart(6)} purchases/s  p50 ${r.p50.toFixed(2).padStart(6)} ms  p99 ${r.p99.toFixed(2).padStart(6)} ms` +
      `  (${r.calls} calls; failures ${fails}; CPU server ${(r.serverCpu * 100).toFixed(0)}% (main thread ${(r.mainCpu * 100).toFixed(0)}%) client ${(r.clientCpu * 100).toFixed(0)}% ` +
      `other processes ${(Math.max(0, r.machineCpu - r.serverCpu - r.clientCpu) * 100).toFixed(0)}% of ${cores * 100}%)${extra}`,
  )
}

/**
 * Where a purchase's CPU goes, without threads or HTTP: the staff and member bundles loaded in this process with
 * the SDK's seam wired straight to an Executor (as the local cloud's own tests do), purchases run one after
 * another. Splits a purchase into the executor's time (main thread's database work) and the rest (wx-server-sdk
 * and the function's own code, i.e. what an instance does). Run in a child process (BENCH_BREAKDOWN=1).
 */
const breakdown = async () => {
  const { Executor, installSeam } = require('../localcloud') as typeof import('../localcloud')
  const { demoDocuments } = require('../scripts/demo-data') as typeof import('../scripts/demo-data')
  const { COLLECTIONS_DIR } = require('../scripts/local-cloud') as typeof import('../scripts/local-cloud')
  const dataDir = mkdtempSync(join(tmpdir(), 'vipcard-ledger-inproc-'))
  const executor = new Executor({ dataDir, collectionsDir: COLLECTIONS_DIR })
  try {
    for (const [coll, docs] of Object.entries(demoDocuments())) executor.insert(coll, docs)
    let inExecutor = 0
    let ops = 0
    const byAction = new Map<string, { n: number; ms: number }>()
    installSeam(async (action, params) => {
      const t = performance.now()
      const answer = executor.handle(action, params)
      const ms = performance.now() - t
      inExecutor += ms
      ops++
      const kind = `${action.replace('database.', '')}${(params as { transactionId?: unknown })?.transactionId ? ' (in txn)' : ''}`
      const a = byAction.get(kind) ?? { n: 0, ms: 0 }
      a.n++
      a.ms += ms
      byAction.set(kind, a)
      return answer
    })
    const fns = join(root, 'build/cloudfunctions')
    const member = require(join(fns, 'member/index.js')) as { main: (e: unknown) => Promise<{ ok: boolean; data?: any }> }
    const staff = require(join(fns, 'staff/index.js')) as { main: (e: unknown) => Promise<{ ok: boolean }> }
    // What an instance sets (localcloud/instances/worker.ts): getWXContext() reads these.
    process.env.WX_CONTEXT_KEYS = 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP'
    process.env.WX_APPID = 'wx-local-appid'
    process.env.TCB_ENV = 'local'
    process.env.TCB_SOURCE = 'wx_client'
    const memberNos: string[] = []
    const codes = new TillCodes()
    for (let i = 0; i < MEMBERS; i++) {
      process.env.WX_OPENID = `inproc-shopper-${i}`
      const r = await member.main({
        action: 'join',
        input: {
          name: `顾客${i}`,
          mobile: `138${String(i).padStart(8, '0')}`,
          birthday: { month: 1 + (i % 12), day: 1 + (i % 28) },
          consent: { accepted: true, version: PRIVACY_NOTICE_VERSION },
          scene: encodeURIComponent(DEMO_JOIN_SCENE),
        },
      })
      if (!r.ok) throw new Error(`join failed: ${JSON.stringify(r)}`)
      memberNos.push(r.data?.member?.memberNo)
      codes.remember((await member.main({ action: 'codeSecret', input: {} })).data)
    }
    process.env.WX_OPENID = DEMO_ASSISTANT._id
    const run = async (n: number, offset: number) => {
      for (let i = 0; i < n; i++) {
        const { code, clock } = codes.next(memberNos[((i + offset) * 7919) % MEMBERS])
        process.env.LOCAL_CLOUD_NOW = clock // what the local cloud sets for a call with a clock
        const r = await staff.main({
          action: 'recordPurchase',
          input: { memberCode: code, amountFen: 12345, orderNo: `P${i + offset}` },
        })
        delete process.env.LOCAL_CLOUD_NOW
        if (!r.ok) throw new Error(`purchase failed: ${JSON.stringify(r)}`)
      }
    }
    await run(1000, 0) // warm up
    const N = 5000
    inExecutor = 0
    ops = 0
    byAction.clear()
    const cpu0 = process.cpuUsage()
    const t0 = performance.now()
    await run(N, 1000)
    const wall = performance.now() - t0
    const cpu = process.cpuUsage(cpu0)
    const us = (ms: number) => `${((ms / N) * 1000).toFixed(0)} µs`
    console.log(
      `in-process, sequential, no threads/HTTP: ${(N / (wall / 1000)).toFixed(0)} purchases/s on one core; per purchase ${us(wall)} ` +
        `= executor ${us(inExecutor)} (${(ops / N).toFixed(0)} requests) + wx-server-sdk and the function ${us(wall - inExecutor)}` +
        ` (process CPU ${us((cpu.user + cpu.system) / 1000)} incl. GC threads)`,
    )
    console.log(
      `  executor per purchase: ${[...byAction].map(([k, a]) => `${k} ${(a.n / N).toFixed(0)}× ${((a.ms / a.n) * 1000).toFixed(0)} µs`).join(', ')}`,
    )
  } finally {
    executor.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/**
 * The next layer: the same purchases through worker-thread instances with `cloud.invoke()` (no HTTP), 8 at a
 * time, to separate the cost of instances (thread hops per database request) from the gateway's.
 */
const throughInstances = async (poolSize: number) => {
  const { startLocalCloud } = require('../localcloud') as typeof import('../localcloud')
  const { demoDocuments } = require('../scripts/demo-data') as typeof import('../scripts/demo-data')
  const { productCloudOptions } = require('../scripts/local-cloud') as typeof import('../scripts/local-cloud')
  const dataDir = mkdtempSync(join(tmpdir(), 'vipcard-ledger-invoke-'))
  const cloud = await startLocalCloud({
    dataDir,
    functionsDir: join(root, 'build/cloudfunctions'),
    ...productCloudOptions(),
    port: 0,
    poolSize,
    logs: false,
    dbLatencyMs: Number(DB_LATENCY) || 0,
    prewarm: true,
  })
  try {
    for (const [coll, docs] of Object.entries(demoDocuments())) cloud.executor.insert(coll, docs)
    const memberNos: string[] = []
    const codes = new TillCodes()
    for (let i = 0; i < MEMBERS; i++) {
      const r = (await cloud.invoke(
        'member',
        {
          action: 'join',
          input: {
            name: `顾客${i}`,
            mobile: `137${String(i).padStart(8, '0')}`,
            birthday: { month: 1 + (i % 12), day: 1 + (i % 28) },
            consent: { accepted: true, version: PRIVACY_NOTICE_VERSION },
            scene: encodeURIComponent(DEMO_JOIN_SCENE),
          },
        },
        { openid: `invoke-shopper-${i}` },
      )) as { data?: { member?: { memberNo?: string } } }
      memberNos.push(r.data?.member?.memberNo ?? '')
      const secret = (await cloud.invoke('member', { action: 'codeSecret', input: {} }, { openid: `invoke-shopper-${i}` })) as {
        data: { memberNo: string; secret: string }
      }
      codes.remember(secret.data)
    }
    let order = 0
    const buy = async (i: number) => {
      const { code, clock } = codes.next(memberNos[(i * 7919) % MEMBERS])
      const input = { memberCode: code, amountFen: 12345, orderNo: `I${++order}` }
      const r = (await cloud.invoke('staff', { action: 'recordPurchase', input }, { openid: DEMO_ASSISTANT._id, clock })) as {
        ok?: boolean
      }
      if (r.ok !== true) throw new Error(`purchase failed: ${JSON.stringify(r)}`)
    }
    const lanes = async (clients: number, until: () => boolean) => {
      let next = 0
      await Promise.all(
        Array.from({ length: clients }, async () => {
          while (!until()) await buy(next++)
        }),
      )
      return next
    }
    let warm = 0
    await lanes(8, () => warm++ >= 500)
    const pid = process.pid
    const cpu0 = processCpuS(pid)
    const t0 = performance.now()
    const n = await lanes(8, () => performance.now() - t0 > SECONDS * 1000)
    const s = (performance.now() - t0) / 1000
    const cpu = processCpuS(pid)
    console.log(
      `through ${poolSize} instances with invoke(), 8 at a time, no HTTP: ${(n / s).toFixed(0)} purchases/s; ` +
        `CPU ${(((cpu.all - cpu0.all) / n) * 1e6).toFixed(0)} µs per purchase (main thread ${(((cpu.main - cpu0.main) / n) * 1e6).toFixed(0)} µs)`,
    )
  } finally {
    await cloud.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

const main = async () => {
  if (process.env.BENCH_BREAKDOWN === '1') {
    await breakdown()
    for (const poolSize of POOL_SIZES) await throughInstances(poolSize)
    return
  }
  console.log(
    `bench/ledger: staff.recordPurchase over HTTP; ${MEMBERS} members; ${SECONDS} s per phase; db latency ${DB_LATENCY} ms; ` +
      `pool sizes ${POOL_SIZES.join(', ')}; node ${process.version}`,
  )
  // The same purchase without threads or HTTP, in a child process (its module state must not leak into ours).
  await new Promise<void>((done, fail) => {
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', __filename], {
      env: { ...process.env, BENCH_BREAKDOWN: '1' },
      stdio: ['ignore', 'inherit', 'inherit'],
    })
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`breakdown exited with ${code}`))))
  })
  for (const poolSize of POOL_SIZES) {
    const server = await startServer(poolSize)
    try {
      console.log(`\n-- pool size ${poolSize} (instances per function)`)
      const memberNos: string[] = []
      const join = await drive(server, 16, { total: MEMBERS }, async (i) => {
        const reply = await server.call('member', `ledger-shopper-${i}`, 'join', {
          name: `顾客${i}`,
          mobile: `139${String(i).padStart(8, '0')}`,
          birthday: { month: 1 + (i % 12), day: 1 + (i % 28) },
          consent: { accepted: true, version: PRIVACY_NOTICE_VERSION },
          scene: encodeURIComponent(DEMO_JOIN_SCENE),
        })
        memberNos[i] = (reply.body.data as { member?: { memberNo?: string } } | undefined)?.member?.memberNo ?? ''
        return reply
      })
      report('setup: member.join ×16', join)
      if (memberNos.filter(Boolean).length !== MEMBERS) throw new Error('some joins failed; see above')
      const codes = new TillCodes()
      await drive(server, 16, { total: MEMBERS }, async (i) => {
        const reply = await server.call('member', `ledger-shopper-${i}`, 'codeSecret', {})
        codes.remember(reply.body.data as { memberNo: string; secret: string })
        return reply
      })

      let order = 0
      const purchase = (memberNo: string) => () => {
        const { code, clock } = codes.next(memberNo)
        return server.call(
          'staff',
          DEMO_ASSISTANT._id,
          'recordPurchase',
          { memberCode: code, amountFen: 12345, orderNo: `L${poolSize}-${++order}` },
          clock,
        )
      }
      // Scattered over the members (a stride coprime with their count), so clients rarely share one.
      const spread = (i: number) => purchase(memberNos[(i * 7919) % MEMBERS])()
      await drive(server, 32, { total: 500 }, spread) // warm every instance and V8's JIT; not reported

      for (const clients of CLIENTS) {
        const r = await drive(server, clients, { seconds: SECONDS }, spread)
        report(`${clients} client${clients === 1 ? '' : 's'}, ${MEMBERS} members`, r)
        if (clients === CLIENTS[0])
          for (const [ops, n] of [...r.ops].sort((a, b) => b[1] - a[1]))
            console.log(`${''.padEnd(28)}db ops per purchase: ${ops} (${n} calls)`)
      }
      const before = await server.health()
      const hot = await drive(server, HOT_CLIENTS, { seconds: SECONDS }, purchase(memberNos[0]))
      const after = await server.health()
      const conflicts = after.db.conflicts - before.db.conflicts
      report(`${HOT_CLIENTS} clients, 1 hot member`, hot, `; ${conflicts} transaction conflicts retried`)
    } finally {
      await server.stop()
    }
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
