/**
 * phonenumber.getPhoneNumber: the code the mini program's <button open-type="getPhoneNumber"> gives names the user
 * who tapped; a function exchanges it once, within 5 minutes, for that user's verified phone. The local cloud knows
 * each local identity's phone (the `phones` option), mints codes (`cloud.phoneCode`, `POST /local/phone-code`), and
 * answers through the real wx-server-sdk, which shapes the result and the errors.
 */
import { rmSync } from 'node:fs'
import { type LocalCloud, startLocalCloud } from '../../localcloud'
import { FIXTURE_FUNCTIONS, startFixtureCloud, tempDir } from './support'

type Body = Record<string, any>

let cloud: LocalCloud
let dataDir: string

const PHONES = { user_a: '13800001111', user_b: '13900001234', user_hk: '+852 61234567' }
const INVALID_CODE =
  /^openapi\.phonenumber\.getPhoneNumber:fail invalid code hint: \[[A-Za-z0-9-]+\] rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/

beforeAll(async () => {
  dataDir = tempDir()
  cloud = await startFixtureCloud(dataDir, {
    phones: PHONES,
  })
}, 30_000)

afterAll(async () => {
  await cloud?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

const exchange = (code: unknown, options: Parameters<LocalCloud['invoke']>[2] = {}, extra: object = {}) =>
  cloud.invoke('phone', { code, ...extra }, { openid: 'user_b', ...options }) as Promise<Body>

describe('a valid code', () => {
  it("resolves to the phone of the identity it was minted for, in WeChat's shape as the SDK returns it", async () => {
    const clock = '2026-11-23T08:00:00.000Z'
    const code = cloud.phoneCode('user_b', { clock })
    expect(code).toMatch(/^[0-9a-f]{64}$/)
    const out = await exchange(code, { clock: '2026-11-23T08:01:00.000Z' })
    expect(out).toEqual({
      ok: true,
      caller: 'user_b',
      result: {
        errCode: 0,
        errMsg: 'openapi.phonenumber.getPhoneNumber:ok',
        phoneInfo: {
          phoneNumber: '13900001234',
          purePhoneNumber: '13900001234',
          countryCode: '86',
          watermark: { timestamp: Date.parse(clock) / 1000, appid: 'wx-local-appid' },
        },
      },
    })
  })

  it('gives a number outside the mainland with its country code', async () => {
    const out = await exchange(cloud.phoneCode('user_hk'), { openid: 'user_hk' })
    expect(out.result.phoneInfo).toMatchObject({ phoneNumber: '+85261234567', purePhoneNumber: '61234567', countryCode: '852' })
  })

  it('names the user who tapped, whoever calls the function with it', async () => {
    const out = await exchange(cloud.phoneCode('user_a'), { openid: 'user_b' })
    expect(out.result.phoneInfo.phoneNumber).toBe('13800001111')
  })
})

describe('codes that do not resolve (40029, as WeChat answers expired, used and foreign codes alike)', () => {
  it('works once: the second exchange of a code fails', async () => {
    const code = cloud.phoneCode('user_b')
    expect((await exchange(code)).ok).toBe(true)
    const again = await exchange(code)
    expect(again).toMatchObject({ ok: false, isError: true, errCode: 40029 })
    expect(again.errMsg).toMatch(INVALID_CODE)
  })

  it('lives five minutes from the tap', async () => {
    const minted = '2026-11-23T08:00:00.000Z'
    const inTime = await exchange(cloud.phoneCode('user_b', { clock: minted }), { clock: '2026-11-23T08:04:59.000Z' })
    expect(inTime.ok).toBe(true)
    const late = await exchange(cloud.phoneCode('user_b', { clock: minted }), { clock: '2026-11-23T08:05:01.000Z' })
    expect(late).toMatchObject({ ok: false, errCode: 40029 })
    expect(late.errMsg).toMatch(INVALID_CODE)
  })

  it('refuses a code it never issued, and one issued for another mini program', async () => {
    const unknown = await exchange('e31968a7f94cc5ee25fafc2aef2773f0bb8c3937b22520eb8ee345274d00c144')
    expect(unknown).toMatchObject({ ok: false, errCode: 40029 })
    expect(unknown.errMsg).toMatch(INVALID_CODE)
    const foreign = await exchange(cloud.phoneCode('user_b', { appid: 'wx-another-app' }))
    expect(foreign).toMatchObject({ ok: false, errCode: 40029 })
  })

  it("checks the optional openid against the code's user", async () => {
    const code = cloud.phoneCode('user_a')
    const mismatch = await exchange(code, {}, { openid: 'user_b' })
    expect(mismatch).toMatchObject({ ok: false, errCode: 40029 })
    const matching = await exchange(cloud.phoneCode('user_a'), {}, { openid: 'user_a' })
    expect(matching.result.phoneInfo.phoneNumber).toBe('13800001111')
  })

  it('refuses a missing code as malformed (47001)', async () => {
    const out = await exchange(undefined)
    expect(out).toMatchObject({ ok: false, errCode: 47001 })
  })
})

describe('minting codes', () => {
  it('refuses an identity without a phone, as the button does not give a code there', () => {
    expect(() => cloud.phoneCode('nobody')).toThrow('local cloud: identity nobody has no phone')
  })

  it('serves POST /local/phone-code for the H5 preview: a code for the x-local-openid identity', async () => {
    const res = await fetch(`${cloud.url}/local/phone-code`, { method: 'POST', headers: { 'x-local-openid': 'user_a' } })
    expect(res.status).toBe(200)
    const { code } = (await res.json()) as { code: string }
    const out = await exchange(code, { openid: 'user_a' })
    expect(out.result.phoneInfo.phoneNumber).toBe('13800001111')

    const anonymous = await fetch(`${cloud.url}/local/phone-code`, { method: 'POST' })
    expect(anonymous.status).toBe(400)
    expect(await anonymous.json()).toMatchObject({ errMsg: expect.stringContaining('x-local-openid') })
    const phoneless = await fetch(`${cloud.url}/local/phone-code`, { method: 'POST', headers: { 'x-local-openid': 'nobody' } })
    expect(phoneless.status).toBe(404)
    expect(await phoneless.json()).toMatchObject({ errMsg: 'getPhoneNumber:fail local cloud: identity nobody has no phone' })
    const get = await fetch(`${cloud.url}/local/phone-code`, { headers: { 'x-local-openid': 'user_a' } })
    expect(get.status).toBe(405)
  })

  it('refuses a malformed phone at start', async () => {
    await expect(
      startLocalCloud({
        dataDir: tempDir(),
        functionsDir: FIXTURE_FUNCTIONS,
        staticDir: null,
        port: 0,
        logs: false,
        phones: { user_x: '12-34' },
      }),
    ).rejects.toThrow('local cloud: phone of user_x must be 11 mainland digits or "+<country code> <number>", got "12-34"')
  })
})
