/**
 * Hostile input, as anyone on the machine can send it to the gateway: deep nesting, bodies over the cap,
 * malformed names; and the pool's recovery when an instance times out or dies with calls queued behind it.
 * Each is answered with a typed body and the local cloud keeps serving. Its instances are not kinder than
 * CloudBase's runtime to deep input either (the stack of a Node main thread, not a worker's 4 MB).
 */
import { rmSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { type LocalCloud, startLocalCloud } from '../../localcloud'
import { MAX_EVENT_DEPTH, MAX_FUNCTION_PAYLOAD_BYTES } from '../../localcloud/gateway/http'
import { FIXTURES, FIXTURE_COLLECTIONS, tempDir } from './support'

type Body = Record<string, any>

const FUNCTIONS = join(FIXTURES, 'hostile-functions')
const dirs: string[] = []
const clouds: LocalCloud[] = []

/** A fresh local cloud: its pools are cold until called. */
const start = async (poolSize = 1) => {
  const dataDir = tempDir()
  dirs.push(dataDir)
  const cloud = await startLocalCloud({
    dataDir,
    functionsDir: FUNCTIONS,
    collectionsDir: FIXTURE_COLLECTIONS,
    staticDir: null,
    port: 0,
    poolSize,
    logs: false,
  })
  clouds.push(cloud)
  return cloud
}

afterAll(async () => {
  await Promise.all(clouds.map((c) => c.close()))
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

/** Resolves with the promise's value, or 'no answer' if it has none after `ms` (a hang, not a speed check). */
const answered = <T>(p: Promise<T>, ms = 15_000): Promise<T | 'no answer'> =>
  Promise.race([p, new Promise<'no answer'>((resolve) => setTimeout(() => resolve('no answer'), ms).unref())])

const post = async (cloud: LocalCloud, path: string, body: BodyInit, init: RequestInit = {}) => {
  try {
    const res = await fetch(`${cloud.url}${path}`, { method: 'POST', body, ...init })
    const text = await res.text()
    return { status: res.status, outcome: res.headers.get('x-local-outcome'), body: JSON.parse(text) as Body }
  } catch (e) {
    return { status: 0, outcome: null, body: { error: String((e as { cause?: unknown }).cause ?? e) } as Body }
  }
}

const invocations = (cloud: LocalCloud, fn: string) =>
  (cloud.stats().functions as Record<string, { invocations: number } | undefined>)[fn]?.invocations ?? 0

const brackets = (depth: number) => '['.repeat(depth) + ']'.repeat(depth)
const nestedArray = (depth: number): unknown => {
  let v: unknown = []
  for (let i = 1; i < depth; i++) v = [v]
  return v
}
/** Nesting depth of a parsed value, without recursion. */
const depthOf = (value: unknown): number => {
  let depth = 0
  let v = value
  while (Array.isArray(v)) {
    depth++
    v = v[0]
  }
  return depth
}

describe('deep nesting', () => {
  it('a cold pool survives one anonymous 20 KB request of 10,000 nested [] and serves the next call', async () => {
    const cloud = await start()
    const body = brackets(10_000)
    expect(Buffer.byteLength(body)).toBe(20_000)
    expect(await post(cloud, '/functions/deep', body)).toEqual({
      status: 200,
      outcome: 'ok',
      body: expect.objectContaining({ kind: 'array' }),
    })
    expect(await answered(post(cloud, '/functions/deep', '{}'))).toMatchObject({ status: 200, outcome: 'ok', body: { kind: 'object' } })
  })

  it('two such requests on a cold pool of one are both answered, and so is the next call', async () => {
    const cloud = await start()
    const both = await Promise.all([post(cloud, '/functions/deep', brackets(10_000)), post(cloud, '/functions/deep', brackets(10_000))])
    for (const r of both) expect(r).toMatchObject({ status: 200, outcome: 'ok', body: { kind: 'array' } })
    expect(await answered(post(cloud, '/functions/deep', '{}'))).toMatchObject({ status: 200, body: { kind: 'object', calls: 3 } })
  })

  it('delivers an event deeper than an instance can take by structured clone (its stack is smaller than this thread’s)', async () => {
    const cloud = await start()
    let deep: unknown = 1
    for (let i = 0; i < 2_500; i++) deep = { a: deep }
    // This thread clones 2,500 levels; an instance cannot read them back: the event goes again as JSON text.
    expect(await answered(cloud.invokeDetailed('deep', { value: deep }))).toMatchObject({
      outcome: { kind: 'ok', value: { kind: 'object' } },
    })
    const text = `{"value":${'{"a":'.repeat(2_500)}1${'}'.repeat(2_500)}}`
    expect(await answered(post(cloud, '/functions/deep', text))).toMatchObject({ status: 200, outcome: 'ok', body: { kind: 'object' } })
  })

  it(`refuses an event nested deeper than ${MAX_EVENT_DEPTH} levels at the gateway, typed, before queuing it`, async () => {
    expect(MAX_EVENT_DEPTH).toBe(100_000)
    const cloud = await start()
    const refused = { errCode: -501007, errMsg: expect.stringMatching(/INVALID_PARAM.*nested deeper than 100,000 levels/) }
    expect(await post(cloud, '/functions/deep', brackets(100_001))).toEqual({ status: 400, outcome: null, body: refused })
    const objects = `{"action":"echo","value":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`
    expect(await post(cloud, '/functions/deep', objects)).toEqual({ status: 400, outcome: null, body: refused })
    // Brackets inside strings are text, not nesting.
    expect(await post(cloud, '/functions/deep', JSON.stringify({ action: 'echo', value: '['.repeat(200_000) }))).toMatchObject({
      status: 200,
      outcome: 'ok',
    })
    expect(await cloud.invoke('deep', nestedArray(100_001))).toEqual(refused)
    expect(invocations(cloud, 'deep')).toBe(1) // only the string one ran
    // At the limit the event reaches the function, as CloudBase's runtime parses any depth.
    expect(await post(cloud, '/functions/deep', brackets(100_000))).toMatchObject({ status: 200, outcome: 'ok', body: { kind: 'array' } })
    expect(await cloud.invoke('deep', nestedArray(100_000))).toMatchObject({ kind: 'array' })
  })

  it('returns a deep result CloudBase could serialize, and answers a deeper one as the function’s failure', async () => {
    const cloud = await start()
    const ok = await post(cloud, '/functions/deep', '{"action":"nest","depth":3000}')
    expect(ok).toMatchObject({ status: 200, outcome: 'ok' })
    expect(depthOf(ok.body)).toBe(3_000)
    expect(depthOf(await cloud.invoke('deep', { action: 'nest', depth: 3_000 }))).toBe(3_000)
    // Node's JSON.stringify overflows a main thread's stack at ~4,100 levels: CloudBase's runtime cannot send it.
    const deeper = await post(cloud, '/functions/deep', '{"action":"nest","depth":5000}')
    expect(deeper).toEqual({
      status: 200,
      outcome: 'error',
      body: { errCode: -504002, errMsg: expect.stringContaining('Maximum call stack size exceeded') },
    })
    expect(await answered(post(cloud, '/functions/deep', '{}'))).toMatchObject({ status: 200, outcome: 'ok' })
  })

  it('gives a function the stack of a Node main thread (~984 KB), as CloudBase does, not a worker’s 4 MB', async () => {
    const cloud = await start()
    expect(await cloud.invoke('deep', { action: 'recurse', depth: 5_000 })).toEqual({ depth: 5_000 })
    expect(await cloud.invoke('deep', { action: 'recurse', depth: 20_000 })).toEqual({
      errCode: -504002,
      errMsg: expect.stringContaining('Maximum call stack size exceeded'),
    })
  })
})

/** POSTs `declared` bytes of Content-Length, writes `send` of them, and waits for the answer. */
const partialUpload = (cloud: LocalCloud, declared: number, send: number) =>
  new Promise<{ status: number; body: Body } | { error: string }>((resolve) => {
    const req = request(`${cloud.url}/functions/deep`, { method: 'POST', headers: { 'content-length': declared } }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (text += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Body }))
    })
    req.on('error', (e) => resolve({ error: String(e) }))
    let sent = 0
    const write = () => {
      while (sent < send) {
        const n = Math.min(64 * 1024, send - sent)
        sent += n
        if (!req.write(Buffer.alloc(n, 32))) return void req.once('drain', write)
      }
      if (sent >= declared) req.end()
    }
    write()
  })

/** A request body of `total` bytes (Infinity: one that never ends), streamed in 64 KB chunks. */
const streamed = (total: number) => {
  let sent = 0
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close()
      const n = Math.min(64 * 1024, total - sent)
      sent += n
      controller.enqueue(new Uint8Array(n).fill(32))
    },
  })
}

describe('bodies over the cap', () => {
  const tooLarge = { errCode: -501007, errMsg: expect.stringContaining('EXCEED_MAX_PAYLOAD_SIZE') }

  it('answers a Content-Length over the cap with a typed 413 at once, while the client is still sending', async () => {
    const cloud = await start()
    expect(await answered(partialUpload(cloud, MAX_FUNCTION_PAYLOAD_BYTES + 1, 1 << 20))).toEqual({ status: 413, body: tooLarge })
    expect(await answered(partialUpload(cloud, 30_000_000, 30_000_000))).toEqual({ status: 413, body: tooLarge })
    expect(invocations(cloud, 'deep')).toBe(0)
  })

  it('answers a streamed body with a typed 413 when it crosses the cap, however much more follows', async () => {
    const cloud = await start()
    for (const total of [MAX_FUNCTION_PAYLOAD_BYTES + 1, 30_000_000, Infinity]) {
      const body = streamed(total)
      const r = await answered(post(cloud, '/functions/deep', body, { duplex: 'half' } as RequestInit))
      void body.cancel().catch(() => undefined)
      expect([total, r]).toEqual([total, { status: 413, outcome: null, body: tooLarge }])
    }
    expect(invocations(cloud, 'deep')).toBe(0)
    expect(await post(cloud, '/functions/deep', '{}')).toMatchObject({ status: 200, outcome: 'ok' })
  })
})

describe('malformed requests', () => {
  it('answers a function name that is not valid percent-encoding with a typed 404, not a 500', async () => {
    const cloud = await start()
    expect(await post(cloud, '/functions/%E0%A4%A', '{}')).toEqual({
      status: 404,
      outcome: null,
      body: { errCode: -501000, errMsg: expect.stringContaining('not found') },
    })
  })
})

describe('an event no instance can take', () => {
  it('fails that call alone, typed, on a cold pool and a warm one, and the pool serves on', async () => {
    const cloud = await start()
    const unclonable = { action: 'echo', value: () => 'a function' }
    const failed = { errCode: -504002, errMsg: expect.stringContaining('cannot be passed to the function') }
    expect(await cloud.invoke('deep', unclonable)).toEqual(failed) // cold: dispatched when the instance is ready
    expect(await cloud.invoke('deep', unclonable)).toEqual(failed) // warm
    expect(await answered(cloud.invoke('deep', {}))).toMatchObject({ kind: 'object' })
  })
})

describe('the pool after a timeout or a crash', () => {
  it('runs the calls queued behind an instance that timed out on its replacement, with no further request', async () => {
    const cloud = await start(1)
    const first = cloud.invokeDetailed('slow', { ms: 5_000 })
    const queued = cloud.invokeDetailed('slow', { ms: 0 })
    expect((await first).outcome).toEqual({ kind: 'timeout', timeoutS: 1 })
    const next = await answered(queued)
    expect(next).toMatchObject({ outcome: { kind: 'ok', value: { calls: 1 } } })
  })

  it('runs the calls queued behind an instance that died on its replacement', async () => {
    const cloud = await start(1)
    const first = cloud.invokeDetailed('deep', { action: 'allocate', mb: 300 })
    const queued = cloud.invokeDetailed('deep', { action: 'sleep', ms: 0 })
    expect((await first).outcome.kind).toBe('crash')
    expect(await answered(queued)).toMatchObject({ outcome: { kind: 'ok', value: { calls: 1 } } })
  })
})
