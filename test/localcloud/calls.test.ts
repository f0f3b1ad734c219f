/**
 * Nothing leaves the machine. `cloud.callFunction` in a function runs the named local function, with the
 * caller's context, through the real wx-server-sdk (which shapes results and errors); a call chain cannot
 * deadlock a pool or recurse forever. Every other SDK call that would reach the network, and Node's own network
 * APIs, fail loudly with "not available on the local cloud: <api>".
 */
import { lookup } from 'node:dns/promises'
import { rmSync } from 'node:fs'
import { connect } from 'node:net'
import { type LocalCloud, MAX_CALL_DEPTH, UNAVAILABLE, inspectFunctionsSeam, installNetworkGuard } from '../../localcloud'
import { startFixtureCloud, tempDir } from './support'

type Body = Record<string, any>

let cloud: LocalCloud
let dataDir: string

beforeAll(async () => {
  dataDir = tempDir()
  cloud = await startFixtureCloud(dataDir, {
    // One instance per function, two more for calls from functions: small enough to exhaust in a test.
    burstInstances: 2,
  })
}, 30_000)

afterAll(async () => {
  await cloud?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

const relay = (event: object, options: Parameters<LocalCloud['invoke']>[2] = {}) => cloud.invoke('relay', event, options) as Promise<Body>

describe('cloud.callFunction between local functions', () => {
  it('has its seam in the pinned wx-server-sdk', () => {
    expect(inspectFunctionsSeam()).toMatchObject({ hasRequest: true, hasCallFunction: true })
  })

  it("runs the named local function and answers in wx-server-sdk's shape", async () => {
    const out = await relay({ action: 'call', name: 'probe', data: { action: 'echo', n: 1, text: '会员' } })
    expect(out.ok).toBe(true)
    expect(Object.keys(out.value).sort()).toEqual(['errMsg', 'requestID', 'result'])
    expect(out.value.errMsg).toBe('callFunction:ok')
    expect(out.value.requestID).toMatch(/^inv-/)
    expect(out.value.result).toEqual({ action: 'echo', n: 1, text: '会员' })
  })

  it("gives the callee the caller's OPENID, APPID and UNIONID, SOURCE '<caller's>,scf', and the caller's clock", async () => {
    const clock = '2026-11-23T08:00:00.000Z'
    const out = await relay(
      { action: 'call', name: 'relay', data: { action: 'context', sent: 'x' } },
      { openid: 'user_a', unionid: 'union_a', clock },
    )
    expect(out.ok).toBe(true)
    const { context, fakeNow, event } = out.value.result
    expect(context).toMatchObject({ OPENID: 'user_a', APPID: 'wx-local-appid', UNIONID: 'union_a', SOURCE: 'wx_client,scf' })
    expect(fakeNow).toBe(clock)
    // The event is the data as sent: no userInfo is injected into a call from a function.
    expect(event).toEqual({ action: 'context', sent: 'x' })
  })

  it('gives a callee of a timer no OPENID, and SOURCE wx_trigger,scf', async () => {
    const fired = await cloud.fireTimer('relay', 'hourly')
    const { context } = (fired.body as Body).value.result
    expect(context.SOURCE).toBe('wx_trigger,scf')
    expect(context.OPENID).toBeUndefined()
  })

  it("raises the callee's failure as wx-server-sdk raises CloudBase's answer", async () => {
    const thrown = await relay({ action: 'call', name: 'probe', data: { action: 'throw', message: 'boom' } })
    expect(thrown).toMatchObject({
      ok: false,
      isError: true,
      errCode: -1,
      message: 'callFunction:fail errCode: -504002 functions execute fail | errMsg: boom',
    })

    const missing = await relay({ action: 'call', name: 'nowhere', data: {} })
    expect(missing).toMatchObject({ ok: false, isError: true, errCode: -1 })
    expect(missing.message).toBe('callFunction:fail [ResourceNotFound.Function] function nowhere not found')

    const late = await relay({ action: 'call', name: 'sleepy', data: { ms: 1500 } })
    expect(late).toMatchObject({ ok: false, isError: true })
    expect(late.message).toBe(
      'callFunction:fail errCode: -504003 functions time limit exceeded | errMsg: Invoking task timed out after 1 seconds',
    )
  })
})

describe('call chains cannot deadlock or recurse forever', () => {
  it('gives a function that calls itself on a busy pool a fresh instance, as CloudBase scales out', async () => {
    // Pool of 1: relay's only instance waits on a call to relay, which needs another instance.
    const out = await relay({ action: 'recurse', depth: 2 })
    expect(out).toEqual({ depth: 2, below: { depth: 1, below: { bottom: true } } })
  })

  it('fails a call from a function clearly when the pool has no instance left to start, instead of hanging', async () => {
    // probe: 1 instance + 2 for calls from functions; four slow calls at once leave the fourth without one.
    const out = (await relay({ action: 'callMany', name: 'probe', data: { action: 'sleep', ms: 1500 }, times: 4 })) as unknown as Body[]
    const ok = out.filter((r) => r.ok)
    const refused = out.filter((r) => !r.ok)
    expect(ok).toHaveLength(3)
    expect(refused).toHaveLength(1)
    expect(refused[0].message).toMatch(/^callFunction:fail .*local cloud: function probe already runs 3 instances/)
  })

  it('ends infinite recursion with an error, not a hang', async () => {
    const out = await relay({ action: 'forever' })
    expect(out.errCode).toBe(-504002)
    expect(out.errMsg).toContain('local cloud: function relay already runs 3 instances')
  })
})

describe('nothing leaves the machine', () => {
  it('fails cloud.cloudPay.* loudly, naming the API', async () => {
    const out = await relay({ action: 'pay' })
    expect(out).toMatchObject({ ok: false, isError: true })
    expect(out.message).toContain(`${UNAVAILABLE}cloudPay.unifiedOrder`)
  })

  it("fails the SDK's other CloudBase API calls loudly, naming them", async () => {
    const out = await relay({ action: 'openapiV1' })
    expect(out).toMatchObject({ ok: false })
    expect(out.message).toContain(`${UNAVAILABLE}wx.api wxacode.get`)
  })

  it('fails getOpenData (CloudID) loudly, naming it', async () => {
    const out = await relay({ action: 'openData' })
    expect(out).toMatchObject({ ok: false })
    expect(`${out.errMsg} ${out.message}`).toContain(`${UNAVAILABLE}getOpenData (CloudID)`)
  })

  it('refuses fetch, https, net, dns and dgram to anything but the loopback', async () => {
    const fetched = await relay({ action: 'fetch', url: 'https://api.weixin.qq.com/cgi-bin/token' })
    expect(fetched).toMatchObject({ ok: false, message: `${UNAVAILABLE}fetch https://api.weixin.qq.com/cgi-bin/token` })

    const https = await relay({ action: 'https', url: 'https://api.weixin.qq.com/sns/jscode2session' })
    expect(https).toMatchObject({ ok: false, message: `${UNAVAILABLE}a connection to api.weixin.qq.com:443` })

    const tcp = await relay({ action: 'net', host: '1.1.1.1', port: 80 })
    expect(tcp).toMatchObject({ ok: false, message: `${UNAVAILABLE}a connection to 1.1.1.1:80` })

    const lookup = await relay({ action: 'dns', host: 'api.weixin.qq.com' })
    expect(lookup).toMatchObject({ ok: false, message: `${UNAVAILABLE}dns.lookup api.weixin.qq.com` })
    const lookupCallback = await relay({ action: 'dnsCallback', host: 'api.weixin.qq.com' })
    expect(lookupCallback).toMatchObject({ ok: false, message: `${UNAVAILABLE}dns.lookup api.weixin.qq.com` })
    const resolved = await relay({ action: 'resolve', host: 'api.weixin.qq.com' })
    expect(resolved).toMatchObject({ ok: false, message: `${UNAVAILABLE}dns.resolve4 api.weixin.qq.com` })

    const udp = await relay({ action: 'udp', host: '8.8.8.8' })
    expect(udp).toMatchObject({ ok: false, message: `${UNAVAILABLE}a datagram to 8.8.8.8:53` })
  })

  it('guards the test process too (no-network.setup.ts): a test cannot reach past the loopback by accident', async () => {
    const guard = installNetworkGuard()
    const before = guard.refusals.length
    await expect(fetch('https://api.weixin.qq.com/cgi-bin/token')).rejects.toThrow(
      `${UNAVAILABLE}fetch https://api.weixin.qq.com/cgi-bin/token`,
    )
    const socket = await new Promise<Error>((resolve) => connect(443, 'api.weixin.qq.com').on('error', resolve))
    expect(socket.message).toBe(`${UNAVAILABLE}a connection to api.weixin.qq.com:443`)
    await expect(lookup('api.weixin.qq.com')).rejects.toThrow(`${UNAVAILABLE}dns.lookup api.weixin.qq.com`)
    // Refused on purpose: taken off the list the setup file checks after this file.
    expect(guard.refusals.splice(before)).toEqual([
      'fetch https://api.weixin.qq.com/cgi-bin/token',
      'a connection to api.weixin.qq.com:443',
      'dns.lookup api.weixin.qq.com',
    ])
  })

  it('records each refusal, and still lets a function reach the local cloud itself on 127.0.0.1', async () => {
    const before = cloud.networkRefusals().length
    await relay({ action: 'net', host: '203.0.113.7', port: 443 })
    const after = cloud.networkRefusals()
    expect(after).toHaveLength(before + 1)
    expect(after[after.length - 1]).toMatchObject({ fn: 'relay', what: 'a connection to 203.0.113.7:443' })

    const health = await relay({ action: 'fetch', url: `${cloud.url}/local/health` })
    expect(health).toEqual({ ok: true, value: 200 })
    expect(cloud.networkRefusals()).toHaveLength(before + 1)
  })
})

describe(`a call chain deeper than ${MAX_CALL_DEPTH}`, () => {
  let deep: LocalCloud
  let deepDir: string

  beforeAll(async () => {
    deepDir = tempDir()
    // The default burst (8) leaves room for 9 instances of relay: the depth limit is what stops the chain.
    deep = await startFixtureCloud(deepDir)
  }, 30_000)

  afterAll(async () => {
    await deep?.close()
    rmSync(deepDir, { recursive: true, force: true })
  })

  it('fails at once, naming the chain, and every level fails in turn', async () => {
    const out = (await deep.invoke('relay', { action: 'forever' })) as Body
    expect(out.errCode).toBe(-504002)
    expect(out.errMsg).toContain(
      `local cloud: call chain deeper than ${MAX_CALL_DEPTH} (${Array(MAX_CALL_DEPTH + 2)
        .fill('relay')
        .join(' → ')})`,
    )
    // The chain's instances are free again: the next call is served.
    expect(await deep.invoke('relay', { action: 'recurse', depth: 0 })).toEqual({ bottom: true })
  }, 60_000)
})
