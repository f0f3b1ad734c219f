/**
 * CloudBase's HTTP access service on the local cloud (gateway/httpAccess.ts): functions declared in config.json
 * `httpAccess` are served under their paths with the integration request as their event, and what they return
 * becomes the HTTP response as the service makes it. The caller has no identity at all.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { type LocalCloud, startLocalCloud } from '../../localcloud'
import { bodyLimit, httpAnswer, httpRoutes, readHttpAccess } from '../../localcloud/gateway/httpAccess'
import { tempDir } from './support'

const ECHO = `
const cloud = require('wx-server-sdk')
exports.main = async (event, context) => {
  const ctx = cloud.getWXContext()
  const q = event.queryStringParameters || {}
  if (q.mode === 'text') return 'hello gateway'
  if (q.mode === 'number') return 42
  if (q.mode === 'html') return { statusCode: 201, headers: { 'content-type': 'text/html', 'x-thing': 7 }, body: '<h1>Hi</h1>' }
  if (q.mode === 'png') return { statusCode: 200, isBase64Encoded: true, headers: { 'content-type': 'image/png' }, body: Buffer.from([137, 80, 78, 71]).toString('base64') }
  if (q.mode === 'bad') return { statusCode: 'two hundred', body: 'x' }
  if (q.mode === 'throw') throw new Error('boom')
  return { event, fn: context.function_name, openid: ctx.OPENID === undefined ? null : ctx.OPENID, source: ctx.SOURCE }
}
`

describe('HTTP access service', () => {
  let dir: string
  let cloud: LocalCloud

  beforeAll(async () => {
    dir = tempDir()
    const fns = join(dir, 'functions')
    for (const [name, config] of [
      ['api', { httpAccess: { paths: ['/api', '/api/v2/special'] } }],
      ['special', { httpAccess: { paths: ['/api/v2/special/deeper'] } }],
      ['plain', {}],
    ] as const) {
      mkdirSync(join(fns, name), { recursive: true })
      writeFileSync(join(fns, name, 'index.js'), ECHO)
      writeFileSync(join(fns, name, 'config.json'), JSON.stringify(config))
    }
    cloud = await startLocalCloud({
      dataDir: join(dir, 'data'),
      functionsDir: fns,
      staticDir: null,
      port: 0,
      poolSize: 1,
      logs: false,
      dbLatencyMs: 0,
      allowClockOverride: true,
    })
  })
  afterAll(async () => {
    await cloud.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('passes the integration request: path, method, headers, query, body as text, and no caller', async () => {
    const res = await fetch(`${cloud.url}/api/v1/items?a=1&b=two`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-thing': 'yes' },
      body: '{"n":1}',
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8')
    const body = (await res.json()) as { event: Record<string, any>; openid: string | null }
    expect(body.event).toMatchObject({
      path: '/api/v1/items',
      httpMethod: 'POST',
      queryStringParameters: { a: '1', b: 'two' },
      body: '{"n":1}',
      isBase64Encoded: false,
      requestContext: { envId: 'local' },
    })
    expect(body.event.headers['x-thing']).toBe('yes')
    expect(body.event.multiValueHeaders['x-thing']).toEqual(['yes'])
    // No OPENID: nobody signed in through WeChat, and no userInfo was injected.
    expect(body.openid).toBeNull()
    expect(body.event.userInfo).toBeUndefined()
  })

  it('hands a binary body over base64-encoded', async () => {
    const res = await fetch(`${cloud.url}/api`, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream' },
      body: new Uint8Array([0, 255, 1]),
    })
    const { event } = (await res.json()) as { event: { body: string; isBase64Encoded: boolean } }
    expect(event.isBase64Encoded).toBe(true)
    expect(Buffer.from(event.body, 'base64')).toEqual(Buffer.from([0, 255, 1]))
  })

  it('routes by the longest declared path, on segment boundaries only', async () => {
    expect(cloud.httpRoutes().map((r) => r.path)).toEqual(['/api/v2/special/deeper', '/api/v2/special', '/api'])
    const at = async (path: string) => {
      const res = await fetch(`${cloud.url}${path}`)
      return { status: res.status, fn: res.status === 200 ? ((await res.json()) as { fn: string }).fn : null }
    }
    expect(await at('/api/v2/special/deeper/x')).toEqual({ status: 200, fn: 'special' })
    expect(await at('/api/v2/special')).toEqual({ status: 200, fn: 'api' })
    // /apix is not under /api: no function, the static fallback (none here) answers 404.
    expect((await at('/apix')).status).toBe(404)
    // A function without httpAccess is not reachable by path.
    expect((await at('/plain')).status).toBe(404)
  })

  it('makes the response from the return value: text, number, integration response, base64, and a malformed one', async () => {
    const get = (mode: string) => fetch(`${cloud.url}/api?mode=${mode}`)
    let res = await get('text')
    expect([res.status, res.headers.get('content-type'), await res.text()]).toEqual([200, 'text/plain; charset=utf-8', 'hello gateway'])
    res = await get('number')
    expect(await res.text()).toBe('42')
    res = await get('html')
    expect([res.status, res.headers.get('content-type'), res.headers.get('x-thing'), await res.text()]).toEqual([
      201,
      'text/html; charset=utf-8',
      '7',
      '<h1>Hi</h1>',
    ])
    res = await get('png')
    expect(res.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await res.arrayBuffer())).toEqual(Buffer.from([137, 80, 78, 71]))
    res = await get('bad')
    expect(res.status).toBe(502)
    res = await get('throw')
    expect(res.status).toBe(500)
    expect(((await res.json()) as { code: string }).code).toBe('FUNCTIONS_EXECUTE_FAIL')
  })

  it('refuses bodies over the service limits before the function runs: 100 KB of text, 6 MB of anything else', async () => {
    const before = cloud.stats() as { functions: Record<string, { invocations?: number }> }
    const res = await fetch(`${cloud.url}/api`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'x'.repeat(100 * 1024 + 1),
    })
    expect(res.status).toBe(413)
    expect(((await res.json()) as { code: string }).code).toBe('EXCEED_MAX_PAYLOAD_SIZE')
    expect(cloud.stats()).toMatchObject({ functions: before.functions })
    expect(bodyLimit('application/json')).toBe(6_000_000)
    expect(bodyLimit('text/plain; charset=utf-8')).toBe(100 * 1024)
  })
})

describe('HTTP access declarations', () => {
  it('refuses paths that are malformed, shadow the gateway, or are declared twice', () => {
    const dir = tempDir()
    const write = (config: unknown) => writeFileSync(join(dir, 'config.json'), JSON.stringify(config))
    write({ httpAccess: { paths: ['/pos'] } })
    expect(readHttpAccess(dir, 'pos')).toEqual(['/pos'])
    write({ httpAccess: { paths: ['pos'] } })
    expect(() => readHttpAccess(dir, 'pos')).toThrow(/must be \/segment/)
    write({ httpAccess: { paths: ['/functions/x'] } })
    expect(() => readHttpAccess(dir, 'pos')).toThrow(/collides/)
    write({ httpAccess: { paths: ['/pos'], auth: true } })
    expect(() => readHttpAccess(dir, 'pos')).toThrow(/not modelled/)
    expect(() =>
      httpRoutes([
        { fn: 'a', paths: ['/x'] },
        { fn: 'b', paths: ['/x'] },
      ]),
    ).toThrow(/both a and b/)
    rmSync(dir, { recursive: true, force: true })
  })

  it('passes a plain object as JSON, and an object with statusCode only when well formed', () => {
    expect(httpAnswer({ foo: 'bar' })).toMatchObject({ status: 200, body: Buffer.from('{"foo":"bar"}') })
    expect(httpAnswer({ statusCode: 404, body: 'no' })).toMatchObject({ status: 404, body: Buffer.from('no') })
    expect(httpAnswer({ statusCode: 200, extra: 1 }).status).toBe(502)
  })
})
