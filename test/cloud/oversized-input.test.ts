/**
 * Oversized input on the local cloud, as a client can send it: a 2.4-million-item array used to run an
 * instance out of memory (validation reported every item); now it is one INVALID_INPUT, quickly, and the
 * instance lives on. And the callFunction payload limit is CloudBase's (6 MB, read as 6,000,000 bytes: never
 * kinder), the same over the HTTP gateway and through invoke().
 */
import { MAX_FUNCTION_PAYLOAD_BYTES } from '../../localcloud/gateway/http'
import { startTestCloud } from './harness'

type Harness = Awaited<ReturnType<typeof startTestCloud>>
let h: Harness
let shopper: { openid: string; memberNo: string }
beforeAll(async () => {
  h = await startTestCloud({ poolSize: 1 })
  shopper = await h.joinedShopper('big')
}, 60_000)
afterAll(() => h?.close())

const memberStats = async () =>
  ((await (await fetch(`${h.cloud.url}/local/health`)).json()) as { functions: Record<string, { invocations: number; crashes: number }> })
    .functions.member

/** An updateProfile event whose JSON is exactly `bytes` long: one colour of the length that takes. */
const eventOf = (bytes: number) => {
  const bare = JSON.stringify({ action: 'updateProfile', input: { colours: [''] } })
  const event = { action: 'updateProfile', input: { colours: ['x'.repeat(bytes - Buffer.byteLength(bare))] } }
  expect(Buffer.byteLength(JSON.stringify(event))).toBe(bytes)
  return event
}

const overHttp = async (event: unknown) => {
  const res = await fetch(`${h.cloud.url}/functions/member`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-local-openid': shopper.openid },
    body: JSON.stringify(event),
  })
  return { status: res.status, outcome: res.headers.get('x-local-outcome'), body: (await res.json()) as Record<string, unknown> }
}

describe('a 2.4-million-item array in member.updateProfile', () => {
  it('is refused INVALID_INPUT in one error naming colours, and the instance lives on', async () => {
    const before = h.cloud.executor.get('members', shopper.openid)
    const { crashes } = await memberStats()
    const event = { action: 'updateProfile', input: { colours: Array(2_400_000).fill(1) } }
    expect(Buffer.byteLength(JSON.stringify(event))).toBeLessThan(MAX_FUNCTION_PAYLOAD_BYTES) // a client can send it

    const inv = await h.cloud.invokeDetailed('member', event, { openid: shopper.openid })
    expect(inv.outcome.kind).toBe('ok')
    const body = inv.body as { ok: boolean; error: { code: string; fields: { field: string; message: string }[] } }
    expect(body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(body.error.fields).toHaveLength(1)
    expect(body.error.fields[0].field).toBe('colours')

    expect(h.cloud.executor.get('members', shopper.openid)).toEqual(before)
    expect((await memberStats()).crashes).toBe(crashes)
    // The one instance (pool of one) still answers.
    const next = await h.cloud.invokeDetailed('member', { action: 'profile', input: {} }, { openid: shopper.openid })
    expect(next.instanceId).toBe(inv.instanceId)
    expect(next.body).toMatchObject({ ok: true })
  })
})

describe('10,000-deep nesting', () => {
  it('reaches the function as CloudBase delivers it (parsed JSON) and is refused INVALID_INPUT, over HTTP and through invoke()', async () => {
    let deep: unknown = 1
    for (let i = 0; i < 10_000; i++) deep = { a: deep }
    const event = { action: 'updateProfile', input: { deliveryAddress: deep } }
    // Over HTTP as raw text: JSON.stringify itself overflows at this depth, JSON.parse (what CloudBase runs) does not.
    const text = `{"action":"updateProfile","input":{"deliveryAddress":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}}`
    const res = await fetch(`${h.cloud.url}/functions/member`, {
      method: 'POST',
      headers: { 'x-local-openid': shopper.openid },
      body: text,
    })
    const refused = { ok: false, error: { code: 'INVALID_INPUT', fields: [{ field: expect.stringMatching(/^deliveryAddress\.a\.a/) }] } }
    expect(res.headers.get('x-local-outcome')).toBe('ok')
    expect(await res.json()).toMatchObject(refused)
    expect(await h.cloud.invoke('member', event, { openid: shopper.openid })).toMatchObject(refused)
  })
})

describe('the callFunction payload limit', () => {
  it('is CloudBase’s 6 MB, read as 6,000,000 bytes', () => {
    expect(MAX_FUNCTION_PAYLOAD_BYTES).toBe(6_000_000)
  })

  it('lets a payload at the limit reach the function, over HTTP and through invoke()', async () => {
    const event = eventOf(MAX_FUNCTION_PAYLOAD_BYTES)
    const http = await overHttp(event)
    expect(http).toMatchObject({ status: 200, outcome: 'ok', body: { ok: false, error: { code: 'INVALID_INPUT' } } })
    expect(await h.cloud.invoke('member', event, { openid: shopper.openid })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })

  it('refuses one byte more without running the function, over HTTP and through invoke()', async () => {
    const event = eventOf(MAX_FUNCTION_PAYLOAD_BYTES + 1)
    const { invocations } = await memberStats()
    const http = await overHttp(event)
    expect(http.status).toBe(413)
    expect(http.body).toMatchObject({ errCode: -501007, errMsg: expect.stringContaining('EXCEED_MAX_PAYLOAD_SIZE') })
    const direct = await h.cloud.invokeDetailed('member', event, { openid: shopper.openid })
    expect(direct.body).toEqual(http.body)
    expect((await memberStats()).invocations).toBe(invocations)
  })
})
