/**
 * Figures for the local cloud (run: `npx tsx localcloud/bench.ts`): executor throughput by operation, the real
 * SDK over the seam, and whole invocations through worker-thread instances (cold start, calls/s, memory).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startLocalCloud } from './cloud'
import { Executor } from './executor/executor'

const COLLECTIONS = [
  { name: 'members', indexes: [{ name: 'memberNo_unique', keys: [{ field: 'memberNo', direction: 1 as const }], unique: true }] },
]

const rate = (label: string, n: number, ms: number) =>
  console.log(`${label.padEnd(46)} ${String(Math.round((n / ms) * 1000)).padStart(8)} /s   (${(ms / n).toFixed(3)} ms each)`)

const time = async (label: string, n: number, op: (i: number) => unknown) => {
  const t = performance.now()
  for (let i = 0; i < n; i++) await op(i)
  rate(label, n, performance.now() - t)
}

const FUNCTION = `
const cloud = require('wx-server-sdk')
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
const db = cloud.database()
exports.main = async (event) => {
  if (event.read) await db.collection('members').doc(event.read).get()
  if (event.mem) { const m = process.memoryUsage(); return { heapUsedMb: m.heapUsed / 2 ** 20, heapTotalMb: m.heapTotal / 2 ** 20 } }
  return { ok: true }
}`

const main = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'localcloud-bench-'))
  try {
    // 1. The executor alone (what every SDK call costs on the main thread).
    const ex = new Executor({ dataDir: join(dir, 'ex'), collections: COLLECTIONS })
    const N = 10_000
    const docs = Array.from({ length: N }, (_, i) => ({ _id: `m${i}`, memberNo: `N${i}`, points: i % 100, tier: i % 7 ? 'member' : 'vip' }))
    let t = performance.now()
    ex.insert('members', docs)
    rate('executor: bulk insert (one SQLite transaction)', N, performance.now() - t)
    const get = (i: number) => ({ collectionName: 'members', queryType: 'DOC', query: `{"_id":"m${i % N}"}` })
    await time('executor: doc().get()', 20_000, (i) => ex.handle('database.getDocument', get(i)))
    await time('executor: where({ memberNo }) (index push-down)', 20_000, (i) =>
      ex.handle('database.getDocument', { collectionName: 'members', queryType: 'WHERE', query: `{"memberNo":"N${i % N}"}`, limit: 1 }),
    )
    await time('executor: doc().update({ points: _.inc(1) })', 10_000, (i) =>
      ex.handle('database.modifyDocument', { ...get(i), data: '{"$inc":{"points":1}}', merge: true, multi: false }),
    )
    await time('executor: add()', 10_000, (i) =>
      ex.handle('database.insertDocument', { collectionName: 'members', data: [`{"memberNo":"X${i}"}`] }),
    )
    await time('executor: transaction (start, get, update, commit)', 5_000, (i) => {
      const { transactionId } = ex.handle('database.startTransaction', undefined) as { transactionId: string }
      ex.handle('database.getDocument', { ...get(i), transactionId })
      ex.handle('database.modifyDocument', { ...get(i), transactionId, data: '{"$inc":{"points":1}}', merge: true })
      ex.handle('database.commitTransaction', { transactionId })
    })
    await time('executor: where({ tier: "vip" }) full scan of 20k', 20, () =>
      ex.handle('database.getDocument', { collectionName: 'members', queryType: 'WHERE', query: '{"tier":"vip"}', limit: 1000 }),
    )
    ex.close()

    // 2. Whole invocations through worker instances and the HTTP-free invoke().
    mkdirSync(join(dir, 'fns', 'bench'), { recursive: true })
    writeFileSync(join(dir, 'fns', 'bench', 'index.js'), FUNCTION)
    for (const latency of [0, undefined] as const) {
      const rssBefore = process.memoryUsage().rss
      const cloud = await startLocalCloud({
        dataDir: join(dir, `cloud-${latency}`),
        functionsDir: join(dir, 'fns'),
        staticDir: null,
        port: 0,
        poolSize: 2,
        logs: false,
        strictCollections: false,
        dbLatencyMs: latency,
      })
      cloud.executor.insert('members', { _id: 'm1', memberNo: 'N1' })
      const label = latency === 0 ? 'no db latency' : 'default db latency 1-4 ms'
      t = performance.now()
      await cloud.invoke('bench', {})
      console.log(`cold start (spawn + load wx-server-sdk + first call): ${Math.round(performance.now() - t)} ms`)
      await cloud.warm()
      await time(`invoke, 1 read, sequential (${label})`, 500, () => cloud.invoke('bench', { read: 'm1' }))
      t = performance.now()
      await Promise.all(Array.from({ length: 1000 }, () => cloud.invoke('bench', { read: 'm1' })))
      rate(`invoke, 1 read, 1000 concurrent on 2 instances (${label})`, 1000, performance.now() - t)
      if (latency === 0) {
        const mem = (await cloud.invoke('bench', { mem: true })) as { heapUsedMb: number; heapTotalMb: number }
        const rssPerInstance = (process.memoryUsage().rss - rssBefore) / 2 / 2 ** 20
        console.log(
          `instance heap: ${mem.heapUsedMb.toFixed(1)} MB used of ${mem.heapTotalMb.toFixed(1)} MB; process RSS grew ~${rssPerInstance.toFixed(0)} MB per instance`,
        )
      }
      await cloud.close()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
