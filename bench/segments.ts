/**
 * Segments and the dashboard at scale: N members and P purchases generated straight into the local cloud's
 * executor (purchases spread over the year before the run day and skewed towards regulars, as real stores'
 * are; each member's visits, spend, margin and last purchase are the sums of their own generated purchases),
 * then the `jobs` function's `upkeep` trigger fired from 00:05 (Asia/Shanghai) on the run day, hourly, until
 * the segment job reports done. Then the operator's `ops.segments` and `ops.dashboard` are called once each.
 *
 * Prints: seconds, runs, documents read and rows scanned (the job reads each member once and never a purchase;
 * yesterday's figures aggregate only yesterday's purchases), writes, whether the stored class counts equal
 * those computed here from the generated purchases, and peak RSS. Figures only, nothing asserted.
 *
 *   npm run bench:segments                                    # 100,000 members, 1,000,000 purchases
 *   BENCH_MEMBERS=20000 BENCH_PURCHASES=200000 npm run bench:segments
 *
 * BENCH_DAY        the run day, "YYYY-MM-DD" (default 2026-12-01)
 * BENCH_KEEP=1     keep the data folder; BENCH_LOGS=1 show the function's console output
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startLocalCloud, type LocalCloud } from '../localcloud'
import type { OpCounts } from '../localcloud/executor/executor'
import { functionsOutDir } from '../scripts/build-functions'
import { productCloudOptions } from '../scripts/local-cloud'
import { DEMO_ASSISTANT, DEMO_OPERATOR, DEMO_STORE, demoDocuments } from '../scripts/demo-data'
import { type Member, newMember } from '../src/domain/member'
import { DEFAULT_PROGRAM } from '../src/domain/program'
import type { PurchaseRecord } from '../src/domain/purchase'
import { CLASS_NAMES, customerClass, type CustomerClass } from '../src/domain/segments'
import { fmt, mulberry32, nameOf, openidOf, peakRssMb, referralCodeOf, rssMb } from './generate'

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 100_000)
const PURCHASES = Number(process.env.BENCH_PURCHASES ?? 1_000_000)
const DAY = process.env.BENCH_DAY ?? '2026-12-01'
const BATCH = 20_000
const MAX_RUNS = 100
const HOUR = 3600_000
const DAY_MS = 24 * HOUR
const KEEP = process.env.BENCH_KEEP === '1'

/** 00:05 on the run day in Shanghai (UTC+8). */
const firstRun = Date.parse(`${DAY}T00:05:00+08:00`)
const dayStart = Date.parse(`${DAY}T00:00:00+08:00`)

/** Per-member sums of the generated purchases (typed arrays: 100,000 members cost a few MB). */
const visits = new Int32Array(MEMBERS)
const spend = new Float64Array(MEMBERS)
const margin = new Float64Array(MEMBERS)
const last = new Float64Array(MEMBERS)

const openids: string[] = []

const generatePurchases = (cloud: LocalCloud) => {
  const rand = mulberry32(20_261_201)
  const batches = function* () {
    for (let from = 0; from < PURCHASES; from += BATCH) {
      const batch: PurchaseRecord[] = []
      for (let i = from; i < Math.min(PURCHASES, from + BATCH); i++) {
        // Regulars buy more often: the square of a uniform number favours the low member indexes.
        const m = Math.floor(MEMBERS * rand() ** 2)
        const at = dayStart - 1 - Math.floor(rand() * 365 * DAY_MS)
        const amountFen = 5_000 + Math.floor(rand() * 75_000)
        const marginFen = Math.floor(amountFen * (0.3 + rand() * 0.3))
        visits[m]++
        spend[m] += amountFen
        margin[m] += marginFen
        last[m] = Math.max(last[m], at)
        batch.push({
          _id: `${DEMO_STORE._id}:B${i}`,
          memberId: openids[m],
          storeId: DEMO_STORE._id,
          orderNo: `B${i}`,
          amountFen,
          listAmountFen: amountFen,
          coupon: null,
          at: new Date(at).toISOString(),
          recordedBy: DEMO_ASSISTANT.staffId,
          pointsEarned: Math.floor(amountFen / 100),
          expiresAt: `${new Date(at).getUTCFullYear() + 1}-12-31T16:00:00.000Z`,
          marginFen,
          tierChange: null,
          memberAfter: { tier: 'member', vipUntil: null, pointsBalance: 0 },
          programVersion: 1,
          refundedFen: 0,
          pointsReversed: 0,
        })
      }
      if (process.stdout.isTTY) process.stdout.write(`\r  purchases: ${fmt(Math.min(PURCHASES, from + BATCH))} / ${fmt(PURCHASES)}`)
      yield batch
    }
  }
  cloud.executor.bulkInsert('purchases', batches())
  if (process.stdout.isTTY) process.stdout.write('\r')
}

const generateMembers = (cloud: LocalCloud) => {
  const rand = mulberry32(20_261_202)
  const batches = function* () {
    for (let from = 0; from < MEMBERS; from += BATCH) {
      const batch: Member[] = []
      for (let i = from; i < Math.min(MEMBERS, from + BATCH); i++) {
        const lastAt = visits[i] ? new Date(last[i]).toISOString() : null
        const joinedAt = new Date(dayStart - 400 * DAY_MS - Math.floor(rand() * 700) * DAY_MS).toISOString()
        const member = newMember(
          {
            openid: openids[i],
            memberNo: `2026${String(i + 1).padStart(7, '0')}`,
            name: nameOf(rand),
            mobile: `13${String(i).padStart(9, '0')}`,
            birthday: { month: 1 + Math.floor(rand() * 12), day: 1 + Math.floor(rand() * 28) },
            storeId: DEMO_STORE._id,
            assistantId: rand() < 0.7 ? DEMO_ASSISTANT.staffId : null,
            consentVersion: '2026-11-01',
            referralCode: referralCodeOf(i),
          },
          joinedAt,
        )
        const gold = spend[i] >= DEFAULT_PROGRAM.gold.lifetimeFen
        const vipUntil =
          !gold && spend[i] >= DEFAULT_PROGRAM.vip.cumulativeFen && lastAt ? new Date(last[i] + 365 * DAY_MS).toISOString() : null
        batch.push({
          ...member,
          tier: gold ? 'gold' : vipUntil && Date.parse(vipUntil) > firstRun ? 'vip' : 'member',
          vipUntil: vipUntil && Date.parse(vipUntil) > firstRun ? vipUntil : null,
          vipYearEnd: vipUntil && Date.parse(vipUntil) > firstRun ? vipUntil : null,
          goldSince: gold ? lastAt : null,
          lifetimeSpendFen: spend[i],
          purchaseCount: visits[i],
          marginFen: margin[i],
          lastPurchaseAt: lastAt,
          lastSeenAt: lastAt ?? joinedAt,
        })
      }
      yield batch
    }
  }
  cloud.executor.bulkInsert('members', batches())
}

const zero = (): OpCounts => ({ reads: 0, writes: 0, txn: 0, inTxn: 0, maxTxnOps: 0, docsRead: 0, rowsScanned: 0 })
const add = (into: OpCounts, ops: OpCounts) => {
  for (const k of Object.keys(into) as (keyof OpCounts)[]) into[k] += ops[k]
}

const main = async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-segments-'))
  const cloud = await startLocalCloud({
    dataDir,
    functionsDir: functionsOutDir,
    ...productCloudOptions(),
    port: 0,
    poolSize: 1,
    logs: process.env.BENCH_LOGS === '1',
  })
  try {
    const docs = demoDocuments(new Date(firstRun - 30 * DAY_MS))
    for (const coll of ['stores', 'staff', 'operators', 'settings', 'couponTemplates', 'catalog'] as const)
      cloud.executor.insert(coll, docs[coll])
    console.log(`\n${fmt(MEMBERS)} members, ${fmt(PURCHASES)} purchases over the year before ${DAY}`)
    const rand = mulberry32(7)
    for (let i = 0; i < MEMBERS; i++) openids.push(openidOf(rand))
    const genStarted = performance.now()
    generatePurchases(cloud)
    generateMembers(cloud)
    const fileMb = statSync(join(dataDir, 'localcloud.sqlite')).size / 1048576
    console.log(
      `  generated and loaded in ${((performance.now() - genStarted) / 1000).toFixed(1)} s, database ${fmt(fileMb)} MB, RSS ${fmt(rssMb())} MB`,
    )

    await cloud.warm('jobs')
    const totals = zero()
    const runMs: number[] = []
    let report: { processed: number; changed: number; done: boolean } | undefined
    for (let i = 0; i < MAX_RUNS && !report?.done; i++) {
      const inv = await cloud.fireTimer('jobs', 'upkeep', { clock: new Date(firstRun + i * HOUR) })
      add(totals, inv.ops)
      runMs.push(inv.durationMs)
      const body = inv.body as { ok?: boolean; data?: { job: string; processed: number; changed: number; done: boolean }[] }
      if (!body.ok) throw new Error(`upkeep failed: ${JSON.stringify(body).slice(0, 400)}`)
      report = body.data?.find((r) => r.job === 'segments')
      console.log(
        `  run ${i + 1}: ${(inv.durationMs / 1000).toFixed(1)} s, segments processed ${fmt(report?.processed ?? 0)}, done ${report?.done}`,
      )
    }

    // The same classes, computed here from the generated purchases' sums.
    const expected: Record<CustomerClass, number> = { A: 0, B: 0, C: 0, D: 0 }
    for (let i = 0; i < MEMBERS; i++)
      expected[customerClass({ lifetimeSpendFen: spend[i], purchaseCount: visits[i], lastPurchaseAt: null }, DEFAULT_PROGRAM.segments)]++

    await cloud.warm('ops')
    const call = async (action: 'segments' | 'dashboard', input: object) => {
      const inv = await cloud.invokeDetailed(
        'ops',
        { action, input },
        { openid: DEMO_OPERATOR._id, clock: new Date(firstRun + 10 * HOUR).toISOString() },
      )
      return inv
    }
    const seg = await call('segments', {})
    const segData = (seg.body as { data: { classes: { name: CustomerClass; members: number }[]; members: number } }).data
    const dash = await call('dashboard', { days: 30 })
    const dashData = (dash.body as { ok: boolean; data?: { sales: { totalFen: number } } }).data
    const stored = Object.fromEntries(segData.classes.map((c) => [c.name, c.members])) as Record<CustomerClass, number>
    const same = CLASS_NAMES.every((c) => stored[c] === expected[c])

    const seconds = runMs.reduce((a, b) => a + b, 0) / 1000
    const lines: [string, string][] = [
      ['members / purchases', `${fmt(MEMBERS)} / ${fmt(PURCHASES)}`],
      [
        'upkeep runs to finish',
        `${runMs.length} (segments take 15 s of each hourly run; per run ${runMs.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s)`,
      ],
      ['seconds (all upkeep jobs)', `${seconds.toFixed(1)}  (${fmt(MEMBERS / seconds)} members/s)`],
      [
        'documents read',
        `${fmt(totals.docsRead)} in ${fmt(totals.reads)} reads (${(totals.docsRead / MEMBERS).toFixed(2)} per member; purchases are never read one by one)`,
      ],
      ['rows scanned', fmt(totals.rowsScanned)],
      ['writes', `${fmt(totals.writes)} (a segment document per member on the first night; later nights only those that moved)`],
      [
        'classes A/B/C/D',
        `${CLASS_NAMES.map((c) => fmt(stored[c])).join(' / ')}  ${same ? '= computed from the purchases' : `≠ expected ${CLASS_NAMES.map((c) => fmt(expected[c])).join(' / ')}`}`,
      ],
      ['ops.segments', `${seg.durationMs} ms, ${fmt(seg.ops.docsRead)} documents read`],
      [
        'ops.dashboard (30 days)',
        `${dash.durationMs} ms, ${fmt(dash.ops.docsRead)} documents read, rows scanned ${fmt(dash.ops.rowsScanned)}; sales ¥${fmt((dashData?.sales.totalFen ?? 0) / 100)}`,
      ],
      ['peak RSS', `${fmt(peakRssMb())} MB (whole process)`],
    ]
    for (const [k, v] of lines) console.log(`  ${k.padEnd(28)} ${v}`)
  } finally {
    await cloud.close()
    if (KEEP) console.log(`  data kept in ${dataDir}`)
    else rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
