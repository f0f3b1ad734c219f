/**
 * The member import at scale: a CSV of N rows (the 100,000 by default: names, phones, birthdays, tiers, VIP
 * dates, points with their expiry, lifetime spend, the demo store and assistant) uploaded to the local cloud's
 * storage, then `import.dryRun` and `import.run` called as the demo operator, slice after slice as the desk does, in
 * the function's worker-thread instance with the real wx-server-sdk. Each call stays within its time budget (20 s of
 * config.json's 60 s); the figures say how many calls it took and the longest one.
 *
 * Prints: rows/s of the dry run and of the import, calls and the longest call, database work, the process's peak RSS
 * (executor, instance thread and storage together). Figures only.
 *
 *   npm run bench:import                      # 100,000 rows
 *   BENCH_ROWS=20000 npm run bench:import
 *
 * BENCH_ROWS           rows in the file (default 100000)
 * BENCH_DB_LATENCY_MS  simulated database round trip (default 0; "1-4" = CloudBase-like)
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type LocalCloud, startLocalCloud } from '../localcloud'
import { envOptions } from '../localcloud/cloud'
import { functionsOutDir } from '../scripts/build-functions'
import { productCloudOptions } from '../scripts/local-cloud'
import { DEMO_ASSISTANT, DEMO_OPERATOR, DEMO_STORE, demoDocuments } from '../scripts/demo-data'
import type { ImportJobView } from '../src/api/contract'
import { csvLine } from '../src/domain/csv'
import { IMPORT_COLUMNS } from '../src/domain/memberImport'
import { fmt, mulberry32, nameOf, peakRssMb, rssMb } from './generate'

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000)
const CLOCK = '2026-12-07T04:00:00.000Z'
const TIERS = ['会员', '会员', '会员', 'VIP', '金卡']

const csv = (): Buffer => {
  const rand = mulberry32(20_261_207)
  const lines = [csvLine(Object.values(IMPORT_COLUMNS))]
  for (let i = 0; i < ROWS; i++) {
    const tier = TIERS[Math.floor(rand() * TIERS.length)]
    const points = Math.floor(rand() * 5000)
    lines.push(
      csvLine([
        nameOf(rand),
        `13${String(i).padStart(9, '0')}`,
        `${1960 + Math.floor(rand() * 45)}-${1 + Math.floor(rand() * 12)}-${1 + Math.floor(rand() * 28)}`,
        tier,
        tier === 'VIP' ? '2027-06-30' : '',
        points,
        points > 0 ? '2027-12-31' : '',
        (Math.floor(rand() * 1_000_000) / 100).toFixed(2),
        DEMO_STORE._id,
        rand() < 0.7 ? DEMO_ASSISTANT.staffId : '',
      ]),
    )
  }
  return Buffer.from(lines.join(''), 'utf8')
}

const loop = async (cloud: LocalCloud, label: string, first: object, action: 'dryRun' | 'run', jobId?: string) => {
  let calls = 0
  let longest = 0
  let reads = 0
  let writes = 0
  const started = performance.now()
  let input: object = first
  let job: ImportJobView
  for (;;) {
    const inv = await cloud.invokeDetailed('import', { action, input }, { openid: DEMO_OPERATOR._id, clock: CLOCK })
    const body = inv.body as { ok?: boolean; data?: ImportJobView }
    if (!body?.ok || !body.data) throw new Error(`${label}: ${inv.outcome.kind} ${JSON.stringify(inv.body).slice(0, 400)}`)
    calls++
    longest = Math.max(longest, inv.durationMs)
    reads += inv.ops.reads
    writes += inv.ops.writes
    job = body.data
    input = { jobId: job.jobId }
    if (job.next !== action) break
  }
  const seconds = (performance.now() - started) / 1000
  console.log(`\n${label}`)
  console.log(`  seconds    ${seconds.toFixed(1)} (${fmt(ROWS / seconds)} rows/s)`)
  console.log(`  calls      ${calls}, the longest ${(longest / 1000).toFixed(1)} s of its 60 s`)
  console.log(`  database   ${fmt(reads)} reads, ${fmt(writes)} writes`)
  console.log(`  result     ${JSON.stringify(action === 'dryRun' ? job.dryRun : job.written)}`)
  console.log(`  RSS        now ${fmt(rssMb())} MB, peak so far ${fmt(peakRssMb())} MB (whole process)`)
  void jobId
  return job
}

const main = async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-import-'))
  const cloud = await startLocalCloud({
    dataDir,
    functionsDir: functionsOutDir,
    ...productCloudOptions(),
    port: 0,
    poolSize: 1,
    allowClockOverride: true,
    logs: process.env.BENCH_LOGS === '1',
    dbLatencyMs: envOptions({ ...process.env, LOCAL_CLOUD_DB_LATENCY_MS: process.env.BENCH_DB_LATENCY_MS ?? '0' }).dbLatencyMs,
  })
  try {
    const docs = demoDocuments(new Date(CLOCK))
    for (const coll of ['stores', 'staff', 'operators', 'settings'] as const) cloud.executor.insert(coll, docs[coll])
    const bytes = csv()
    const fileID = cloud.storage.write('imports/bench/members.csv', bytes)
    console.log(`member import: ${fmt(ROWS)} rows, a ${(bytes.length / 1048576).toFixed(1)} MB CSV`)
    await cloud.warm('import')
    const checked = await loop(
      cloud,
      'import.dryRun (read, check, then against the members there)',
      { fileID, fileName: 'members.csv', requestId: 'bench-import-1' },
      'dryRun',
    )
    const done = await loop(cloud, 'import.run (one transaction per row)', { jobId: checked.jobId }, 'run')
    console.log(
      `\nmembers ${fmt(cloud.executor.count('members', {}))}, ledger entries ${fmt(cloud.executor.count('ledger', {}))}, phase ${done.phase}`,
    )
    console.log(`peak RSS ${fmt(peakRssMb())} MB (whole process: generator, executor, instance thread, storage)`)
  } finally {
    await cloud.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
