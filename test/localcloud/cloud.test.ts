/**
 * The whole local cloud: fixture function bundles in worker-thread instances, the real wx-server-sdk over the
 * executor, and the HTTP gateway. Identity per call under concurrency, module state, queueing, timeouts,
 * crashes, clocks, operation counts, the gateway's contract, and data that survives a restart.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { type LocalCloud, inspectSeam, seed, startLocalCloud } from '../../localcloud'
import { FIXTURE_COLLECTIONS, FIXTURE_FUNCTIONS, tempDir } from './support'
import { sleep } from '../support/wait'

type Body = Record<string, any>

let cloud: LocalCloud
let dataDir: string
let staticDir: string

const start = (options: { allowClockOverride?: boolean; staticDir?: string | null } = {}) =>
  startLocalCloud({
    dataDir,
    functionsDir: FIXTURE_FUNCTIONS,
    collectionsDir: FIXTURE_COLLECTIONS,
    staticDir: options.staticDir === undefined ? staticDir : options.staticDir,
    port: 0,
    poolSize: 4,
    allowClockOverride: options.allowClockOverride ?? true,
    logs: false,
  })

beforeAll(async () => {
  dataDir = tempDir()
  staticDir = tempDir('localcloud-static-')
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>VIP</title>')
  mkdirSync(join(staticDir, 'js'))
  writeFileSync(join(staticDir, 'js', 'app.js'), 'console.log(1)')
  cloud = await start()
}, 30_000)

afterAll(async () => {
  await cloud?.close()
  rmSync(dataDir, { recursive: true, force: true })
  rmSync(staticDir, { recursive: true, force: true })
})

const call = (action: string, event: object = {}, options: Parameters<LocalCloud['invoke']>[2] = {}) =>
  cloud.invoke('probe', { action, ...event }, options) as Promise<Body>

describe('function instances', () => {
  it('gives each of 20 concurrent calls its own OPENID, before and after awaiting', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => call('whoami', { delayMs: 5 + (i % 4) * 5 }, { openid: `user_${i}` })),
    )
    results.forEach((r, i) => {
      expect(r.before).toEqual({ OPENID: `user_${i}`, APPID: 'wx-local-appid', CLIENTIP: '127.0.0.1', ENV: 'local', SOURCE: 'wx_client' })
      expect(r.after).toEqual(r.before)
    })
    const instances = cloud.instances('probe')
    expect(instances.length).toBeGreaterThan(1)
    expect(instances.length).toBeLessThanOrEqual(4)
  })

  it('injects the caller into the event as userInfo, replacing what the client sent', async () => {
    const event = await call('echo', { userInfo: { openId: 'forged' }, x: 1 }, { openid: 'real_user' })
    expect(event).toEqual({ action: 'echo', x: 1, userInfo: { appId: 'wx-local-appid', openId: 'real_user' } })
    expect((await call('echo', {})).userInfo).toEqual({ appId: 'wx-local-appid' })
  })

  it('runs an anonymous call with an empty OPENID, and no identity leaks from the previous call', async () => {
    await call('whoami', {}, { openid: 'someone' })
    const anonymous = await call('whoami')
    expect(anonymous.after.OPENID).toBe('')
  })

  it('keeps module state between calls of one instance', async () => {
    const first = await call('state')
    const second = await call('state')
    expect(second.threadId).toBe(first.threadId)
    expect(second.calls).toBe(first.calls + 1)
  })

  it('starts fresh instances after a redeploy, as a new deployment does, letting a call in flight finish', async () => {
    const before = await call('state')
    const inFlight = call('sleep', { ms: 200 })
    cloud.redeploy('probe')
    const after = await call('state')
    expect(after.calls).toBe(1) // fresh module state
    expect(after.threadId).not.toBe(before.threadId)
    expect(await inFlight).toMatchObject({ slept: 200 })
    expect((await call('state')).threadId).toBe(after.threadId)
  })

  it('serves one call at a time per instance and queues the rest', async () => {
    const started = Date.now()
    await Promise.all(Array.from({ length: 8 }, () => call('sleep', { ms: 150 })))
    // 8 calls of 150 ms on 4 instances take two rounds.
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
    expect(cloud.instances('probe').length).toBeLessThanOrEqual(4)
  })

  it('answers a throwing function with an error body no client can take for success', async () => {
    const inv = await cloud.invokeDetailed('probe', { action: 'throw', message: 'kaboom' })
    expect(inv.outcome).toMatchObject({ kind: 'error', message: 'kaboom' })
    expect(inv.body).toEqual({ errCode: -504002, errMsg: expect.stringContaining('kaboom') })
    expect(inv.body).not.toHaveProperty('ok')
  })

  it('survives a stray unhandled rejection in a function', async () => {
    const before = cloud.stats().functions as Record<string, { crashes: number }>
    const r = await call('strayRejection')
    expect(r.ok).toBe(true)
    await sleep(50)
    expect((await call('state')).calls).toBeGreaterThan(0)
    expect((cloud.stats().functions as Record<string, { crashes: number }>).probe.crashes).toBe(before.probe.crashes)
  })

  it('kills an instance that runs out of its 128 MB and replaces it', async () => {
    const inv = await cloud.invokeDetailed('probe', { action: 'allocate', mb: 300 })
    expect(inv.outcome.kind).toBe('crash')
    expect(inv.body).toMatchObject({ errCode: -504002, errMsg: expect.stringContaining('memory') })
    expect(await call('allocate', { mb: 20 })).toEqual({ allocated: 20 })
  })

  it('times out after config.json timeout, kills that instance and starts a fresh one', async () => {
    const first = (await cloud.invoke('sleepy', {})) as Body
    const timedOut = await cloud.invokeDetailed('sleepy', { ms: 3000 })
    expect(timedOut.outcome).toEqual({ kind: 'timeout', timeoutS: 1 })
    expect(timedOut.durationMs).toBeLessThan(2000)
    expect(timedOut.body).toEqual({ errCode: -504003, errMsg: expect.stringContaining('timed out after 1 seconds') })
    const next = (await cloud.invoke('sleepy', {})) as Body
    expect(next.threadId).not.toBe(first.threadId)
    expect(next.calls).toBe(1) // fresh module state
    expect((cloud.stats().functions as Record<string, { timeouts: number }>).sleepy.timeouts).toBe(1)
  }, 15_000)
})

describe('clock and database through the instances', () => {
  it('sets LOCAL_CLOUD_NOW only for a call given a clock, and db.serverDate() follows it', async () => {
    expect(await call('now', {}, { clock: '2026-11-23T02:00:00+08:00' })).toEqual({ fakeNow: '2026-11-22T18:00:00.000Z' })
    expect(await call('now')).toEqual({ fakeNow: null })
    const stamped = await call('stamp', {}, { clock: new Date('2027-01-01T00:00:00Z') })
    expect(stamped.at).toBe('2027-01-01T00:00:00.000Z')
    expect(stamped.later).toBe('2027-01-01T00:01:00.000Z')
  })

  it('fires a timer as its trigger would: no caller, source wx_trigger, the chosen clock', async () => {
    const inv = await cloud.fireTimer('probe', 'nightly', { clock: '2026-12-31T16:00:00Z' })
    expect(inv.body).toEqual({
      trigger: 'nightly',
      time: '2026-12-31T16:00:00Z',
      source: 'wx_trigger',
      fakeNow: '2026-12-31T16:00:00.000Z',
    })
  })

  it('refuses to fire a trigger the function does not declare', async () => {
    await expect(cloud.fireTimer('probe', 'hourly')).rejects.toThrow(/declares no timer trigger "hourly".*declared: nightly/)
  })

  it('counts the database operations of each invocation', async () => {
    cloud.executor.insert('members', { _id: 'card-1', memberNo: 'C1', mobile: 'c1' })
    cloud.executor.insert('things', [{ owner: 'card-1' }, { owner: 'card-1' }])
    const inv = await cloud.invokeDetailed('probe', { action: 'readCard', id: 'card-1' })
    expect(inv.body).toMatchObject({ member: { memberNo: 'C1' }, things: 2, total: 2 })
    // docsRead: the member, then 2 things (count() returns none); rowsScanned: things has no index on owner.
    expect(inv.ops).toEqual({ reads: 3, writes: 0, txn: 0, inTxn: 0, maxTxnOps: 0, docsRead: 3, rowsScanned: expect.any(Number) })
    expect(inv.ops.rowsScanned).toBeGreaterThanOrEqual(5)
    const inc = await cloud.invokeDetailed('probe', { action: 'increment', id: 'ops-counter' })
    expect(inc.ops).toEqual({ reads: 1, writes: 1, txn: 2, inTxn: 2, maxTxnOps: 2, docsRead: 0, rowsScanned: 0 })
  })

  it('keeps concurrent increments from warm instances exact, through real conflicts', async () => {
    await cloud.warm('probe')
    expect(cloud.instances('probe').filter((i) => i.state === 'idle')).toHaveLength(4)
    const conflictsBefore = cloud.executor.stats().conflicts
    const results = await Promise.all(Array.from({ length: 12 }, () => call('increment', { id: 'shared' })))
    expect(results.map((r) => r.value).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1))
    expect(cloud.executor.get('counters', 'shared')).toEqual({ _id: 'shared', n: 12 })
    // Instances overlap (the simulated database latency keeps transactions open for milliseconds, as on CloudBase).
    expect(cloud.executor.stats().conflicts).toBeGreaterThan(conflictsBefore)
  })

  it('applies nothing when the commit crashes', async () => {
    cloud.executor.insert('counters', [
      { _id: 'acct-a', n: 10 },
      { _id: 'acct-b', n: 0 },
    ])
    cloud.executor.crashBeforeCommit('next')
    const inv = await cloud.invokeDetailed('probe', { action: 'transfer', from: 'acct-a', to: 'acct-b', amount: 3 })
    expect(inv.body).toMatchObject({ errCode: -504002, errMsg: expect.stringContaining('injected crash before commit') })
    expect([cloud.executor.get('counters', 'acct-a')?.n, cloud.executor.get('counters', 'acct-b')?.n]).toEqual([10, 0])
    expect(await call('transfer', { from: 'acct-a', to: 'acct-b', amount: 3 })).toEqual({ ok: true })
    expect([cloud.executor.get('counters', 'acct-a')?.n, cloud.executor.get('counters', 'acct-b')?.n]).toEqual([7, 3])
  })

  it('hands database errors to the function as SDK errors', async () => {
    expect(await call('dbError')).toMatchObject({ ok: false, errCode: -502002, errMsg: expect.stringContaining('$where') })
  })
})

describe('HTTP gateway', () => {
  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${cloud.url}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } })

  it('runs a function as the caller named by x-local-openid and reports its database operations', async () => {
    const res = await post('/functions/probe', JSON.stringify({ action: 'readCard', id: 'card-1' }), { 'x-local-openid': 'o_abc-123' })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('application/json')
    expect(JSON.parse(res.headers.get('x-local-db-ops')!)).toMatchObject({ reads: 3, writes: 0, txn: 0, inTxn: 0, docsRead: 3 })
    expect(res.headers.get('x-local-outcome')).toBe('ok')
    expect(await res.json()).toMatchObject({ total: 2 })
    const who = await (await post('/functions/probe', '{"action":"whoami"}', { 'x-local-openid': 'o_abc-123' })).json()
    expect(who.after.OPENID).toBe('o_abc-123')
  })

  it('refuses a malformed identity, a non-JSON body and an unknown function', async () => {
    expect((await post('/functions/probe', '{}', { 'x-local-openid': 'bad id!' })).status).toBe(400)
    expect((await post('/functions/probe', '{nope')).status).toBe(400)
    const missing = await post('/functions/nothing-here', '{}')
    expect(missing.status).toBe(404)
    expect(await missing.json()).toMatchObject({ errCode: -501000 })
  })

  it('answers a failed function with HTTP 200 and an errCode body', async () => {
    const res = await post('/functions/probe', '{"action":"throw","message":"nope"}')
    expect(res.status).toBe(200)
    expect(res.headers.get('x-local-outcome')).toBe('error')
    expect(await res.json()).toMatchObject({ errCode: -504002 })
  })

  it('honors x-local-clock when the cloud allows it, and refuses a bad one', async () => {
    const res = await post('/functions/probe', '{"action":"now"}', { 'x-local-clock': '2026-03-01T00:00:00Z' })
    expect(await res.json()).toEqual({ fakeNow: '2026-03-01T00:00:00.000Z' })
    expect((await post('/functions/probe', '{"action":"now"}', { 'x-local-clock': 'yesterday' })).status).toBe(400)
  })

  it('reports health', async () => {
    const health = await (await fetch(`${cloud.url}/local/health`)).json()
    expect(health).toMatchObject({ ok: true, functionNames: ['clock', 'messenger', 'phone', 'probe', 'relay', 'sleepy'] })
    expect(health.db.reads).toBeGreaterThan(0)
  })

  it('serves the H5 build with content types, index.html at /, nothing outside it', async () => {
    const index = await fetch(`${cloud.url}/`)
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(await index.text()).toContain('<title>VIP</title>')
    const js = await fetch(`${cloud.url}/js/app.js`)
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect((await fetch(`${cloud.url}/nope.css`)).status).toBe(404)
    expect([403, 404]).toContain((await fetch(`${cloud.url}/..%2f..%2fetc%2fpasswd`)).status)
  })

  it('allows localhost origins (the Taro H5 dev server) and no others', async () => {
    const ok = await fetch(`${cloud.url}/functions/probe`, { method: 'OPTIONS', headers: { origin: 'http://localhost:10086' } })
    expect(ok.status).toBe(204)
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://localhost:10086')
    expect(ok.headers.get('access-control-allow-headers')).toContain('x-local-openid')
    const foreign = await fetch(`${cloud.url}/functions/probe`, { method: 'OPTIONS', headers: { origin: 'https://evil.example' } })
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('restart', () => {
  it('ignores x-local-clock unless allowed, says so when the H5 build is missing, and keeps the data', async () => {
    const before = cloud.executor.get('counters', 'shared')
    await cloud.close()
    cloud = await start({ allowClockOverride: false, staticDir: join(staticDir, 'missing') })
    expect(cloud.executor.get('counters', 'shared')).toEqual(before)
    const res = await fetch(`${cloud.url}/functions/probe`, {
      method: 'POST',
      body: '{"action":"now"}',
      headers: { 'x-local-clock': '2026-03-01T00:00:00Z' },
    })
    expect(await res.json()).toEqual({ fakeNow: null })
    expect(res.headers.get('x-local-clock-ignored')).toBeTruthy()
    const page = await fetch(`${cloud.url}/`)
    expect(page.status).toBe(404)
    expect(await page.text()).toContain(`the static folder ${join(staticDir, 'missing')} does not exist`)
    expect(await call('increment', { id: 'shared' })).toEqual({ value: 13 })
  }, 20_000)
})

describe('seeding and the SDK seam', () => {
  it('seeds documents once, skipping ids that exist', () => {
    expect(seed(cloud.executor, { things: [{ _id: 'seeded', v: 1 }] })).toEqual({ things: 1 })
    expect(seed(cloud.executor, { things: [{ _id: 'seeded', v: 2 }] })).toEqual({ things: 0 })
    expect(cloud.executor.get('things', 'seeded')).toEqual({ _id: 'seeded', v: 1 })
  })

  it('patches the wx-server-sdk version it was verified against, and the seam is still there', () => {
    expect(inspectSeam()).toMatchObject({ sdkVersion: '4.0.2', hasSend: true, hasQuery: true })
  })
})

describe('runtimes kept between local clouds of one process', () => {
  const startOwn = (dir: string) =>
    startLocalCloud({
      dataDir: dir,
      functionsDir: FIXTURE_FUNCTIONS,
      collectionsDir: FIXTURE_COLLECTIONS,
      port: 0,
      poolSize: 1,
      logs: false,
      keepRuntimes: true,
    })

  it('serves the next local cloud from an idle runtime of a closed one, its function loaded afresh', async () => {
    const dirs = [tempDir(), tempDir()]
    const first = await startOwn(dirs[0])
    await first.invoke('probe', { action: 'state' })
    const before = (await first.invoke('probe', { action: 'state' })) as Body
    expect(before.calls).toBe(2)
    await first.close()
    const next = await startOwn(dirs[1])
    // The same thread (its runtime kept), and the function's module state new: one call so far.
    expect(await next.invoke('probe', { action: 'state' })).toEqual({ calls: 1, threadId: before.threadId })
    // Identity, the instance's context and the database are the new cloud's.
    expect(((await next.invoke('probe', { action: 'whoami' }, { openid: 'next_user' })) as Body).before.OPENID).toBe('next_user')
    await next.close()
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  })

  it('ends, rather than keeps, an instance busy at the close, and answers its call', async () => {
    const dir = tempDir()
    const own = await startOwn(dir)
    const before = (await own.invoke('probe', { action: 'state' })) as Body
    const inFlight = own.invokeDetailed('probe', { action: 'sleep', ms: 2_000 })
    await sleep(100)
    await own.close()
    expect((await inFlight).outcome.kind).toBe('crash')
    const next = await startOwn(dir)
    expect(((await next.invoke('probe', { action: 'state' })) as Body).threadId).not.toBe(before.threadId)
    await next.close()
    rmSync(dir, { recursive: true, force: true })
  })
})

describe("functions' console output", () => {
  it('reaches this process line by line, prefixed with the instance, a last partial line when the instance ends', async () => {
    const dir = tempDir()
    const own = await startLocalCloud({
      dataDir: dir,
      functionsDir: FIXTURE_FUNCTIONS,
      collectionsDir: FIXTURE_COLLECTIONS,
      port: 0,
      poolSize: 1,
    })
    const written: string[] = []
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk))
      return true
    })
    try {
      await own.invoke('probe', { action: 'say', lines: ['one', 'two'], partial: 'last words' })
      expect(written.filter((w) => w.startsWith('[probe#'))).toEqual(['[probe#1] one\n', '[probe#1] two\n'])
      await own.close()
      expect(written.filter((w) => w.startsWith('[probe#'))).toEqual(['[probe#1] one\n', '[probe#1] two\n', '[probe#1] last words\n'])
    } finally {
      spy.mockRestore()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
