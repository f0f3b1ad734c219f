/**
 * The operators' CSV export at scale: N members (and M ledger entries over a month) generated straight into the
 * local cloud's executor, then `export.members` and `export.ledger` called as the demo operator, in the function's
 * worker-thread instance with the real wx-server-sdk (128 MB, config.json's 60 s timeout), the file uploaded to the
 * local cloud storage and downloaded again through its temporary link. The simulated database latency is off
 * unless asked for, so the figures are the export's and the local cloud's own cost.
 *
 * Prints per export: rows, seconds, file size, database work (reads, documents read, rows scanned), and memory:
 * the process's RSS before the call and the peak sampled during it (the executor on the main thread, the instance
 * thread, the storage writing the upload), and the instance's own limit it ran within. Figures only.
 *
 *   npm run bench:export                                   # 100,000 members, 100,000 ledger entries
 *   BENCH_MEMBERS=20000 BENCH_LEDGER=0 npm run bench:export
 *
 * BENCH_MEMBERS        members (default 100000)
 * BENCH_LEDGER         ledger entries spread over November 2026 (default 100000; 0 = skip the ledger export)
 * BENCH_DB_LATENCY_MS  simulated database round trip (default 0; "1-4" = CloudBase-like)
 * BENCH_LOGS=1         show the function's console output
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type LocalCloud, startLocalCloud } from '../localcloud'
import { envOptions } from '../localcloud/cloud'
import { functionsOutDir } from '../scripts/build-functions'
import { productCloudOptions } from '../scripts/local-cloud'
import { DEMO_ASSISTANT, DEMO_OPERATOR, DEMO_STORE, demoDocuments } from '../scripts/demo-data'
import type { ExportResult } from '../src/api/contract'
import type { LedgerEntry } from '../src/domain/ledger'
import { type Member, newMember } from '../src/domain/member'
import { fmt, mulberry32, nameOf, openidOf, referralCodeOf, rssMb } from './generate'

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 100_000)
const LEDGER = Number(process.env.BENCH_LEDGER ?? 100_000)
const BATCH = 20_000
const NOV_1 = Date.parse('2026-11-01T00:00:00+08:00')
const DAY = 86_400_000

const memberAt = (i: number, rand: () => number): Member => {
  const m = newMember(
    {
      openid: openidOf(rand),
      memberNo: `2026${String(i + 1).padStart(7, '0')}`,
      name: nameOf(rand),
      mobile: `1${3 + Math.floor(i / 100_000_000)}${String(i).padStart(9, '0')}`,
      birthday: { month: 1 + Math.floor(rand() * 12), day: 1 + Math.floor(rand() * 28) },
      storeId: DEMO_STORE._id,
      assistantId: rand() < 0.7 ? DEMO_ASSISTANT.staffId : null,
      consentVersion: '2026-11-01',
      referralCode: referralCodeOf(i),
    },
    new Date(NOV_1 - Math.floor(rand() * 3 * 365) * DAY).toISOString(),
  )
  const spend = Math.floor(rand() * 800_000)
  return { ...m, pointsBalance: Math.floor(spend / 100), lifetimeSpendFen: spend }
}

const generate = (cloud: LocalCloud) => {
  const rand = mulberry32(20_261_101)
  const ids: string[] = []
  cloud.executor.bulkInsert(
    'members',
    (function* () {
      for (let from = 0; from < MEMBERS; from += BATCH) {
        const batch: Member[] = []
        for (let i = from; i < Math.min(MEMBERS, from + BATCH); i++) {
          const m = memberAt(i, rand)
          ids.push(m._id)
          batch.push(m)
        }
        yield batch
      }
    })(),
  )
  if (LEDGER > 0)
    cloud.executor.bulkInsert(
      'ledger',
      (function* () {
        for (let from = 0; from < LEDGER; from += BATCH) {
          const batch: LedgerEntry[] = []
          for (let k = from; k < Math.min(LEDGER, from + BATCH); k++) {
            const points = 1 + Math.floor(rand() * 2000)
            batch.push({
              _id: `earn:bench-${k}`,
              memberId: ids[Math.floor(rand() * ids.length)],
              kind: 'earn',
              points,
              balanceAfter: points,
              reason: '消费积分',
              actor: { type: 'staff', id: DEMO_ASSISTANT.staffId, storeId: DEMO_STORE._id },
              source: { type: 'purchase', id: `bench-${k}`, orderNo: `SO${k}`, storeId: DEMO_STORE._id },
              at: new Date(NOV_1 + Math.floor(rand() * 30 * DAY)).toISOString(),
              programVersion: 1,
            })
          }
          yield batch
        }
      })(),
    )
}

/** Calls an export while sampling the process's RSS, then downloads the file through its link. */
const measure = async (cloud: LocalCloud, label: string, action: 'members' | 'ledger', input: object) => {
  const before = rssMb()
  let peak = before
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb())), 20)
  const started = performance.now()
  const inv = await cloud.invokeDetailed('export', { action, input }, { openid: DEMO_OPERATOR._id })
  const seconds = (performance.now() - started) / 1000
  clearInterval(sampler)
  const body = inv.body as { ok?: boolean; data?: ExportResult }
  if (!body?.ok || !body.data) throw new Error(`${label}: ${inv.outcome.kind} ${JSON.stringify(inv.body).slice(0, 400)}`)
  const downloadStarted = performance.now()
  const res = await fetch(body.data.url)
  const bytes = Buffer.from(await res.arrayBuffer())
  const downloadS = (performance.now() - downloadStarted) / 1000
  const lines = bytes.toString('utf8').split('\r\n').length - 2
  const o = inv.ops
  const rows: [string, string][] = [
    ['rows', `${fmt(body.data.rows)} (file: ${fmt(lines)} lines after the header)`],
    [
      'seconds',
      `${seconds.toFixed(2)} (${fmt(body.data.rows / seconds)} rows/s), function ${(inv.durationMs / 1000).toFixed(2)} s of its 60 s`,
    ],
    ['file', `${(bytes.length / 1048576).toFixed(1)} MB, downloaded through the link in ${downloadS.toFixed(2)} s (HTTP ${res.status})`],
    ['database', `${fmt(o.reads)} reads, ${fmt(o.docsRead)} documents read, ${fmt(o.rowsScanned)} rows scanned, ${fmt(o.writes)} writes`],
    ['RSS', `${fmt(before)} MB before, peak ${fmt(peak)} MB during (whole process; the instance ran within its 128 MB limit)`],
  ]
  console.log(`\n${label}`)
  for (const [k, v] of rows) console.log(`  ${k.padEnd(10)} ${v}`)
}

const main = async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-export-'))
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
    const docs = demoDocuments(new Date(NOV_1))
    for (const coll of ['stores', 'staff', 'operators', 'settings'] as const) cloud.executor.insert(coll, docs[coll])
    const started = performance.now()
    generate(cloud)
    console.log(
      `generated ${fmt(MEMBERS)} members and ${fmt(LEDGER)} ledger entries in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    )
    await cloud.warm('export')
    await measure(cloud, `export.members: ${fmt(MEMBERS)} members`, 'members', {})
    if (LEDGER > 0)
      await measure(cloud, `export.ledger: November 2026 (30 business days, ${fmt(LEDGER)} entries)`, 'ledger', {
        from: '2026-11-01',
        to: '2026-11-30',
      })
  } finally {
    await cloud.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
