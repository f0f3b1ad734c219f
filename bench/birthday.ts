/**
 * The monthly birthday-coupon job at scale: N members generated straight into the local cloud's executor
 * (realistic documents from `newMember`, birthdays spread over the year as days are), then the `jobs` function's
 * timer trigger `upkeep` fired as CloudBase fires it on the 1st of a month at 00:05 (Asia/Shanghai), and again an
 * hour later each time (the clock moves on as the real trigger's would) until the birthday job reports done, as
 * each run stops after its time budget. The function runs in its worker-thread instance with the real
 * wx-server-sdk, like every local call; the simulated database latency is off, so the figures are the job's and
 * the local cloud's own cost.
 *
 * Prints, per size: members, that month's members, coupons issued, runs, seconds, database work per coupon
 * issued (documents read = what the reads returned to the function; rows scanned = rows the executor fetched
 * from SQLite: with the `birthday.month` index both are ≈ 1 when the job touches only that month's members),
 * subscribe messages sent (members who consented), and peak RSS. Figures only, nothing asserted.
 *
 *   npm run bench:birthday                                       # 100,000 then 1,000,000 members
 *   BENCH_MEMBERS=20000 BENCH_CONSENT=0 npm run bench:birthday   # knobs (see below)
 *
 * BENCH_MEMBERS   sizes, comma-separated (default 100000,1000000)
 * BENCH_MONTH     the month whose 1st the job runs on, "YYYY-MM" (default 2027-05)
 * BENCH_CONSENT   share of members holding a birthday-message consent (default 0.1)
 * BENCH_BATCH     documents per generated batch (default 20000; loaded with executor.bulkInsert)
 * BENCH_DB_LATENCY_MS  simulated database round trip (default 0; "1-4" = CloudBase-like)
 * BENCH_KEEP=1    keep the data folders (printed) instead of deleting them
 * BENCH_LOGS=1    show the function's console output
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type LocalCloud, startLocalCloud } from '../localcloud'
import { envOptions } from '../localcloud/cloud'
import type { OpCounts } from '../localcloud/executor/executor'
import { functionsOutDir } from '../scripts/build-functions'
import { productCloudOptions } from '../scripts/local-cloud'
import { DEMO_ASSISTANT, DEMO_STORE, demoDocuments } from '../scripts/demo-data'
import { type Member, newMember } from '../src/domain/member'
import { fmt, mulberry32, nameOf, openidOf, peakRssMb, referralCodeOf, rssMb } from './generate'

const SIZES = (process.env.BENCH_MEMBERS ?? '100000,1000000').split(',').map(Number)
const MONTH = process.env.BENCH_MONTH ?? '2027-05'
const CONSENT = Number(process.env.BENCH_CONSENT ?? 0.1)
const BATCH = Number(process.env.BENCH_BATCH ?? 20_000)
const KEEP = process.env.BENCH_KEEP === '1'
/** Safety net: a job that never reports done stops the bench after this many firings. */
const MAX_RUNS = 200

const [year, month] = MONTH.split('-').map(Number)
/** 00:05 on the 1st in Shanghai (UTC+8), as an instant. */
const firstRun = Date.UTC(year, month - 1, 1, 0, 5) - 8 * 3600_000
const HOUR = 3600_000

// ---------------------------------------------------------------------------------------------------------------
// Deterministic generation (a seeded PRNG: the same members every run)

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/** Member `i` (0-based): birthday on a uniformly random day of a leap year; some give the year; some consented. */
const memberAt = (i: number, rand: () => number): Member => {
  let dayOfYear = Math.floor(rand() * 366)
  let m = 0
  while (dayOfYear >= DAYS_IN_MONTH[m]) dayOfYear -= DAYS_IN_MONTH[m++]
  const birthday = { month: m + 1, day: dayOfYear + 1, ...(rand() < 0.4 ? { year: 1960 + Math.floor(rand() * 45) } : {}) }
  if (birthday.year !== undefined && birthday.month === 2 && birthday.day === 29 && birthday.year % 4 !== 0)
    birthday.year -= birthday.year % 4
  const joinedAt = new Date(firstRun - Math.floor(rand() * 3 * 365) * 86_400_000 - HOUR).toISOString()
  const member = newMember(
    {
      openid: openidOf(rand),
      memberNo: `2026${String(i + 1).padStart(7, '0')}`,
      name: nameOf(rand),
      mobile: `1${3 + Math.floor(i / 100_000_000)}${String(i).padStart(9, '0')}`,
      birthday,
      storeId: DEMO_STORE._id,
      assistantId: rand() < 0.7 ? DEMO_ASSISTANT.staffId : null,
      consentVersion: '2026-11-01',
      referralCode: referralCodeOf(i),
    },
    joinedAt,
  )
  // Half hold points that expire at the end of next year (the expiry job finds none due), some consented to the
  // birthday message (the job then sends it, spending the consent).
  if (rand() < 0.5) {
    const points = 1 + Math.floor(rand() * 5000)
    const expiresAt = new Date(Date.UTC(year + 1, 11, 31, 16)).toISOString()
    Object.assign(member, { pointsBalance: points, pointBatches: [{ expiresAt, points }], pointsNextExpiry: expiresAt })
  }
  if (rand() < CONSENT) member.subscriptions = { birthdayCoupon: 1 }
  return member
}

// ---------------------------------------------------------------------------------------------------------------

interface JobReport {
  job: string
  runKey: string
  processed: number
  changed: number
  done: boolean
}

/** Generates n members in batches straight into the executor's bulk path (indexes rebuilt once, at the end). */
const generate = (cloud: LocalCloud, n: number) => {
  const rand = mulberry32(20_270_501)
  const started = performance.now()
  let inMonth = 0
  let consented = 0
  const batches = function* () {
    for (let from = 0; from < n; from += BATCH) {
      const batch: Member[] = []
      for (let i = from; i < Math.min(n, from + BATCH); i++) {
        const m = memberAt(i, rand)
        if (m.birthday.month === month) {
          inMonth++
          if (m.subscriptions) consented++
        }
        batch.push(m)
      }
      if (process.stdout.isTTY) process.stdout.write(`\r  generating: ${fmt(Math.min(n, from + BATCH))} / ${fmt(n)}`)
      yield batch
    }
    if (process.stdout.isTTY) process.stdout.write('\r  building indexes…              ')
  }
  cloud.executor.bulkInsert('members', batches())
  if (process.stdout.isTTY) process.stdout.write('\r')
  return { seconds: (performance.now() - started) / 1000, inMonth, consented }
}

const runJob = async (cloud: LocalCloud) => {
  const totals: OpCounts = { reads: 0, writes: 0, txn: 0, inTxn: 0, maxTxnOps: 0, docsRead: 0, rowsScanned: 0 }
  const runs: { ms: number; report?: JobReport; outcome: string }[] = []
  const started = performance.now()
  for (let i = 0; i < MAX_RUNS; i++) {
    const clock = new Date(firstRun + i * HOUR)
    const inv = await cloud.fireTimer('jobs', 'upkeep', { clock })
    for (const k of Object.keys(totals) as (keyof OpCounts)[]) totals[k] += inv.ops[k]
    const body = inv.body as { ok?: boolean; data?: JobReport[]; error?: unknown }
    const report = body?.ok ? body.data?.find((r) => r.job === 'birthday-coupons') : undefined
    runs.push({ ms: inv.durationMs, report, outcome: body?.ok ? 'ok' : `${inv.outcome.kind}: ${JSON.stringify(body).slice(0, 300)}` })
    console.log(
      `  run ${i + 1} at ${clock.toISOString()}: ${(inv.durationMs / 1000).toFixed(1)} s, ${runs[i].outcome === 'ok' ? '' : runs[i].outcome + ' '}` +
        (report ? `birthday-coupons processed ${fmt(report.processed)}, issued ${fmt(report.changed)}, done ${report.done}` : ''),
    )
    if (report?.done) break
  }
  return { totals, runs, seconds: (performance.now() - started) / 1000 }
}

const benchOne = async (n: number) => {
  const dataDir = mkdtempSync(join(tmpdir(), `bench-birthday-${n}-`))
  const cloud = await startLocalCloud({
    dataDir,
    functionsDir: functionsOutDir,
    ...productCloudOptions(),
    port: 0,
    poolSize: 1,
    logs: process.env.BENCH_LOGS === '1',
    dbLatencyMs: envOptions({ ...process.env, LOCAL_CLOUD_DB_LATENCY_MS: process.env.BENCH_DB_LATENCY_MS ?? '0' }).dbLatencyMs,
  })
  try {
    const docs = demoDocuments(new Date(firstRun - 30 * 86_400_000))
    for (const coll of ['stores', 'staff', 'operators', 'settings', 'couponTemplates', 'catalog'] as const)
      cloud.executor.insert(coll, docs[coll])

    console.log(`\n${fmt(n)} members, job on ${MONTH}-01 00:05 (Asia/Shanghai)`)
    const gen = generate(cloud, n)
    const fileMb = statSync(join(dataDir, 'localcloud.sqlite')).size / 1048576
    console.log(
      `  generated and loaded in ${gen.seconds.toFixed(1)} s (${fmt(n / gen.seconds)} members/s), database ${fmt(fileMb)} MB, ` +
        `RSS ${fmt(rssMb())} MB; born in month ${month}: ${fmt(gen.inMonth)} (${fmt(gen.consented)} with a message consent)`,
    )

    await cloud.warm('jobs')
    const job = await runJob(cloud)
    const issued = cloud.executor.count('coupons', { channel: 'birthday' })
    const messages = cloud.openapi.outbox({ status: 'sent' }).length
    const t = job.totals
    const per = (x: number) => (issued > 0 ? (x / issued).toFixed(2) : 'n/a')
    const lines: [string, string][] = [
      ['members', fmt(n)],
      [`born in month ${month}`, fmt(gen.inMonth)],
      ['coupons issued', `${fmt(issued)}${issued === gen.inMonth ? '' : `  (≠ members born that month!)`}`],
      ['runs', `${job.runs.length} (each stops after the job's time budget; the next hourly firing resumes)`],
      ['seconds', `${job.seconds.toFixed(1)} in all; per run ${job.runs.map((r) => (r.ms / 1000).toFixed(1)).join(', ')}`],
      ['coupons per second', fmt(issued / job.seconds)],
      ['documents read per coupon', `${per(t.docsRead)}  (${fmt(t.docsRead)} documents in ${fmt(t.reads)} reads)`],
      ['rows scanned per coupon', `${per(t.rowsScanned)}  (${fmt(t.rowsScanned)} rows fetched from SQLite)`],
      [
        'operations per coupon',
        `${per(t.reads + t.writes + t.txn)}  (reads ${fmt(t.reads)}, writes ${fmt(t.writes)}, transaction control ${fmt(t.txn)})`,
      ],
      [
        'subscribe messages sent',
        `${fmt(messages)} of ${fmt(gen.consented)} consented` +
          (messages < gen.consented ? " (the rest were refused by the open API stand-in: see the function's log with BENCH_LOGS=1)" : ''),
      ],
      ['peak RSS', `${fmt(peakRssMb())} MB (whole process: executor, instance threads, generator)`],
    ]
    for (const [k, v] of lines) console.log(`  ${k.padEnd(28)} ${v}`)
  } finally {
    await cloud.close()
    if (KEEP) console.log(`  data kept in ${dataDir}`)
    else rmSync(dataDir, { recursive: true, force: true })
  }
}

const main = async () => {
  for (const n of SIZES) await benchOne(n)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
