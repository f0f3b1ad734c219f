/**
 * Open API stand-ins: fixture functions call cloud.openapi.* through the real wx-server-sdk, whose requests the
 * local cloud answers in CloudBase's wire format, so every result and error below is shaped by the SDK itself.
 * Permissions from config.json, subscribeMessage.send's checks, outbox and refusals (43101), and
 * wxacode.getUnlimited's checks and its QR code of the local H5 URL.
 */
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { type LocalCloud, inspectOpenApiSeam } from '../../localcloud'
import { pagesOf, readAppPages } from '../../localcloud/openapi/pages'
import { FIXTURES, startFixtureCloud, tempDir } from './support'

type Body = Record<string, any>

let cloud: LocalCloud
let dataDir: string

// Rendering and decoding QR PNGs takes a few seconds on a busy machine: more than jest's default 5 s per test.
jest.setTimeout(30_000)

const PAGES = ['pages/card/index', 'pages/join/index', 'staff/index/index']

beforeAll(async () => {
  dataDir = tempDir()
  cloud = await startFixtureCloud(dataDir, {
    miniProgramPages: PAGES,
  })
}, 30_000)

afterAll(async () => {
  await cloud?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

afterEach(() => cloud.openapi.clearRefusals())

const call = (action: string, event: object = {}, options: Parameters<LocalCloud['invoke']>[2] = {}) =>
  cloud.invoke('messenger', { action, ...event }, options) as Promise<Body>

const message = (over: object = {}) => ({
  touser: 'user_a',
  templateId: 'TPL_birthday-coupon_01',
  page: 'pages/card/index',
  data: { thing1: { value: '生日券已到账' }, amount2: { value: '¥50.00' }, date3: { value: '2026年5月31日' } },
  miniprogramState: 'developer',
  ...over,
})

const RID = / rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/

/** The text of the QR code in a PNG, and the PNG's size. */
const readQr = (base64: string) => {
  const png = PNG.sync.read(Buffer.from(base64, 'base64'))
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)
  return { text: code?.data, width: png.width, height: png.height }
}

describe('the seam', () => {
  it('still exists in the pinned wx-server-sdk', () => {
    expect(inspectOpenApiSeam().hasCall).toBe(true)
  })
})

describe('permissions (config.json permissions.openapi)', () => {
  it('refuses an API a function does not declare, as CloudBase does (-604101)', async () => {
    const undeclared = await call('undeclared')
    expect(undeclared).toMatchObject({ ok: false, isError: true, errCode: -604101, errMsg: 'system error: error code: -604101' })
    expect(undeclared.message).toBe(
      'errCode: -604101 function has no permission to call this API | errMsg: system error: error code: -604101',
    )

    // probe's config.json has no permissions at all; nothing is recorded.
    const probe = (await cloud.invoke('probe', { action: 'sendMessage', message: message({ touser: 'nobody_sends' }) })) as Body
    expect(probe).toMatchObject({ ok: false, errCode: -604101 })
    expect(cloud.openapi.outbox({ touser: 'nobody_sends' })).toEqual([])
  })

  it('fails a declared API that has no local stand-in loudly, without the network', async () => {
    const r = await call('secCheck')
    expect(r).toMatchObject({ ok: false, errCode: -501001 })
    // The SDK names the API without "openapi." in this path (CloudBase's own refusals).
    expect(r.errMsg).toMatch(/^security\.msgSecCheck:fail not available on the local cloud: openapi\.security\.msgSecCheck/)
  })
})

describe('subscribeMessage.send', () => {
  it("answers as the SDK does and records the message in the local cloud's outbox", async () => {
    const clock = '2026-05-01T00:05:00.000Z'
    const inv = await cloud.invokeDetailed('messenger', { action: 'send', message: message() }, { clock })
    expect(inv.body).toEqual({ ok: true, keys: ['errCode', 'errMsg'], errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' })
    const [sent] = cloud.openapi.outbox({ touser: 'user_a', status: 'sent' })
    expect(sent).toMatchObject({
      api: 'subscribeMessage.send',
      touser: 'user_a',
      templateId: 'TPL_birthday-coupon_01',
      page: 'pages/card/index',
      data: message().data,
      miniprogramState: 'developer',
      lang: 'zh_CN',
      function: 'messenger',
      invocation: inv.id,
      status: 'sent',
      errCode: 0,
    })
    expect(sent.at).toEqual(new Date(clock))
    // The same collection through the executor's API.
    expect(cloud.executor.find('outbox', { invocation: inv.id })).toHaveLength(1)
  })

  it.each([
    ['no touser', { touser: undefined }, 40003, 'invalid openid'],
    ['an empty touser', { touser: '' }, 40003, 'invalid openid'],
    ['no templateId', { templateId: undefined }, 40037, 'invalid template_id'],
    ['no data', { data: undefined }, 47003, 'argument invalid! data is empty'],
    ['empty data', { data: {} }, 47003, 'argument invalid! data is empty'],
    ['an empty value', { data: { thing1: { value: '' } } }, 47003, 'argument invalid! data.thing1.value is empty'],
    [
      'a thing over 20 characters',
      { data: { thing1: { value: '一二三四五六七八九十一二三四五六七八九十一' } } },
      47003,
      'argument invalid! data.thing1.value invalid',
    ],
    [
      'a phrase that is not 1-5 Han characters',
      { data: { phrase2: { value: 'done' } } },
      47003,
      'argument invalid! data.phrase2.value invalid',
    ],
    ['a number with letters', { data: { number3: { value: '12a' } } }, 47003, 'argument invalid! data.number3.value invalid'],
    // The SDK snake_cases every key it sends, data's keys included.
    ['a key with no type', { data: { 'thing1.DATA': { value: 'x' } } }, 47003, 'argument invalid! data.thing1._d_a_t_a.value invalid'],
    ['a page the mini program lacks', { page: 'pages/nowhere/index' }, 41030, 'invalid page'],
    ['a bad miniprogramState', { miniprogramState: 'prod' }, 47003, 'argument invalid! miniprogram_state invalid'],
  ])('refuses %s as WeChat does', async (_what, over, errCode, errmsg) => {
    const touser = `bad_${errCode}`
    const r = await call('send', { message: message({ touser, ...over }) })
    expect(r).toMatchObject({ ok: false, isError: true, errCode })
    expect(r.errMsg.startsWith(`openapi.subscribeMessage.send:fail ${errmsg} rid: `)).toBe(true)
    expect(r.errMsg).toMatch(RID)
    expect(r.message).toBe(`errCode: ${errCode}  | errMsg: ${r.errMsg}`) // the SDK's own format (two spaces: no ERR_CODE text)
    expect(cloud.openapi.outbox({ touser })).toEqual([])
  })

  it('accepts a page with a query and a value of every common type', async () => {
    const data = {
      thing1: { value: 'Your coupon is ready' }, // 20 characters: the limit
      number2: { value: 3 },
      character_string3: { value: 'BDAY-2026-05' },
      time4: { value: '2026年5月1日 00:05' },
      phrase5: { value: '已到账' },
      name6: { value: '张三' },
      phone_number7: { value: '+86-138-0000-0000' },
    }
    const r = await call('send', { message: message({ touser: 'user_types', page: 'staff/index/index?from=msg', data }) })
    expect(r).toMatchObject({ ok: true, errCode: 0 })
  })

  it('fails a refused user with 43101 exactly as wx-server-sdk surfaces it, and records the refusal', async () => {
    cloud.openapi.refuse('subscribeMessage.send', { touser: 'no_consent' })
    const refused = await call('send', { message: message({ touser: 'no_consent' }) })
    expect(refused).toMatchObject({ ok: false, isError: true, errCode: 43101 })
    expect(refused.errMsg).toContain('user refuse to accept the msg')
    expect(refused.errMsg).toMatch(/^openapi\.subscribeMessage\.send:fail user refuse to accept the msg rid: /)
    expect(refused.message).toBe(`errCode: 43101  | errMsg: ${refused.errMsg}`)
    // Others still receive theirs.
    expect(await call('send', { message: message({ touser: 'has_consent' }) })).toMatchObject({ ok: true, errCode: 0 })
    expect(cloud.openapi.outbox({ touser: 'no_consent' })).toEqual([
      expect.objectContaining({ status: 'refused', errCode: 43101, templateId: 'TPL_birthday-coupon_01' }),
    ])
    expect(cloud.openapi.outbox({ touser: 'has_consent' })).toEqual([expect.objectContaining({ status: 'sent' })])
  })

  it('refuses only as often as asked, by template, and until lifted', async () => {
    cloud.openapi.refuse('subscribeMessage.send', { touser: 'once', times: 1 })
    const [first, second] = (await call('sendMany', {
      messages: [message({ touser: 'once' }), message({ touser: 'once' })],
    })) as unknown as Body[]
    expect([first.errCode, second.errCode]).toEqual([43101, 0])

    const lift = cloud.openapi.refuse('subscribeMessage.send', {
      templateId: 'TPL_other',
      errCode: 47003,
      errMsg: 'argument invalid! data.thing1.value invalid',
    })
    expect(await call('send', { message: message({ touser: 'by_tpl', templateId: 'TPL_other' }) })).toMatchObject({ errCode: 47003 })
    expect(await call('send', { message: message({ touser: 'by_tpl' }) })).toMatchObject({ errCode: 0 })
    lift()
    expect(await call('send', { message: message({ touser: 'by_tpl', templateId: 'TPL_other' }) })).toMatchObject({ errCode: 0 })
    expect(cloud.openapi.outbox({ touser: 'by_tpl' }).map((m) => m.status)).toEqual(['refused', 'sent', 'sent'])
  })
})

describe('wxacode.getUnlimited', () => {
  it('answers a PNG of a QR code encoding the local H5 URL of the page with the scene', async () => {
    const r = await call('code', { options: { scene: 's=S001&a=A01', page: 'pages/join/index', checkPath: true, envVersion: 'develop' } })
    expect(r).toMatchObject({
      ok: true,
      keys: ['buffer', 'contentType', 'errCode', 'errMsg'],
      errCode: 0,
      errMsg: 'openapi.wxacode.getUnlimited:ok',
    })
    expect(r).toMatchObject({ isBuffer: true, contentType: 'image/png' })
    const qr = readQr(r.base64)
    expect(qr.text).toBe(`${cloud.url}/#/pages/join/index?scene=${encodeURIComponent('s=S001&a=A01')}`)
    expect([qr.width, qr.height]).toEqual([430, 430])
  })

  it('opens the home page without a page, and honours width within 280-1280', async () => {
    const home = await call('code', { options: { scene: 'x', width: 300 } })
    expect(readQr(home.base64)).toMatchObject({ text: `${cloud.url}/#/pages/card/index?scene=x`, width: 300 })
    expect(readQr((await call('code', { options: { scene: 'x', width: 100 } })).base64).width).toBe(280)
  })

  it('takes any well-formed page with checkPath false', async () => {
    const r = await call('code', { options: { scene: 'draft', page: 'pages/draft/index', checkPath: false } })
    expect(readQr(r.base64).text).toBe(`${cloud.url}/#/pages/draft/index?scene=draft`)
  })

  it.each([
    ['a scene over 32 characters', { scene: 'x'.repeat(33) }, 40129, 'invalid scene'],
    ['an empty scene', { scene: '' }, 40129, 'invalid scene'],
    ['no scene', {}, 40129, 'invalid scene'],
    ['a scene with %', { scene: 'a%20b' }, 40129, 'invalid scene'],
    ['a scene in Chinese', { scene: '门店' }, 40129, 'invalid scene'],
    ['a page with a leading /', { scene: 'x', page: '/pages/join/index' }, 41030, 'invalid page'],
    ['a page with a query', { scene: 'x', page: 'pages/join/index?a=1' }, 41030, 'invalid page'],
    ['a page the mini program lacks', { scene: 'x', page: 'pages/nowhere/index' }, 41030, 'invalid page'],
    ['an unknown envVersion', { scene: 'x', envVersion: 'beta' }, 40097, 'invalid args'],
  ])('refuses %s', async (_what, options, errCode, errmsg) => {
    const r = await call('code', { options })
    expect(r).toMatchObject({ ok: false, isError: true, errCode })
    expect(r.errMsg.startsWith(`openapi.wxacode.getUnlimited:fail ${errmsg} rid: `)).toBe(true)
  })

  it('32 visible characters from the allowed set are fine', async () => {
    const scene = "!#$&'()*+,/:;=?@-._~0123456789aZ"
    expect(scene).toHaveLength(32)
    const r = await call('code', { options: { scene } })
    expect(readQr(r.base64).text).toBe(`${cloud.url}/#/pages/card/index?scene=${encodeURIComponent(scene)}`)
  })
})

describe('the outbox collection', () => {
  it('exists without being declared, and the SDK cannot see it (CloudBase has no such collection)', async () => {
    expect(cloud.executor.collections()).toContain('outbox')
    expect(await call('readOutbox')).toMatchObject({ ok: false, errCode: -502005 })
  })

  it('survives reset() empty', () => {
    const executor = cloud.executor
    expect(executor.count('outbox')).toBeGreaterThan(0)
    executor.reset()
    expect(executor.collections()).toContain('outbox')
    expect(executor.count('outbox')).toBe(0)
  })
})

describe('pages', () => {
  it("are read from a project's app.json or Taro app.config.ts, subpackages included, home first", () => {
    const expected = ['pages/home/index', 'pages/join/index', 'staff/index/index']
    expect(readAppPages(join(FIXTURES, 'app', 'app.json'))).toEqual(expected)
    expect(readAppPages(join(FIXTURES, 'app', 'app.config.ts'))).toEqual(expected)
    expect(readAppPages(join(FIXTURES, 'app', 'missing.json'))).toBeNull()
    expect(pagesOf({ pages: ['a/b'], subPackages: [{ root: 'sub', pages: ['c/d'] }] })).toEqual(['a/b', 'sub/c/d'])
  })
})
