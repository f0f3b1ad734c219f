/**
 * The native member-code component (src/components/member-code), as WeChat runs it: loaded with
 * miniprogram-simulate, its own WXML compiled, data flowing through its own setData. It makes the dynamic
 * code on the phone from the kept secret, on the server's time (phone clock + offset), with no network.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { dynamicMemberCode, formatDynamicCode, maskDynamicCode } from '../../src/domain/memberCode'
import { nextQrLayers } from '../../src/components/member-code/face'
import { simulate, type SimulatedComponent } from './support/simulate'

const SOURCE = path.resolve(__dirname, '../../src/components/member-code/index')
const DIST = path.resolve(__dirname, '../../dist')

const MEMBER_NO = '20261123002'
const SECRET = 'c0ffee'.repeat(10) + 'c0ff'
/** The phone's clock, 10 s into a step; the server is 5 minutes and 20 s ahead of it (offset). */
const PHONE_NOW = Date.parse('2026-11-23T06:00:10Z')
const OFFSET_MS = 320_000
const codeAt = (phoneMs: number) => formatDynamicCode(dynamicMemberCode(MEMBER_NO, SECRET, phoneMs + OFFSET_MS))
const maskedAt = (phoneMs: number) => maskDynamicCode(dynamicMemberCode(MEMBER_NO, SECRET, phoneMs + OFFSET_MS))

// The simulator does not know WeChat's built-in <image>: stand one in that keeps its `src`, so the test
// reads what the component bound to the image rather than its internal data.
const loadWithImageStub = (componentPath: string) => {
  const image = simulate.load({
    properties: { src: { type: String, value: '' }, mode: { type: String, value: '' } },
    template: '<view>{{src}}</view>',
  })
  return simulate.load(componentPath, { usingComponents: { image } })
}

const mount = (
  componentId: string,
  properties: Record<string, unknown> = { number: MEMBER_NO, secret: SECRET, offset: OFFSET_MS },
): SimulatedComponent => {
  const code = simulate.render(componentId, properties)
  code.attach(document.createElement('parent-wrapper'))
  return code
}

/** The QR images, bottom first: the current code's is the last (on top). */
const qrLayersOf = (code: SimulatedComponent): string[] =>
  code.querySelectorAll('.member-code__qr-layer').map((image) => (image.data as { src: string }).src)
const qrSrcOf = (code: SimulatedComponent): string => qrLayersOf(code).at(-1)!
/** A tap on the digits shows them (they are masked until then); the simulator delivers it a microtask later. */
const revealDigits = async (code: SimulatedComponent) => {
  code.querySelector('.member-code__digits')!.dispatchEvent('tap')
  for (let i = 0; i < 3; i++) await Promise.resolve()
}
const textOf = (code: SimulatedComponent, selector: string): string | null => code.querySelector(selector)?.dom?.textContent?.trim() ?? null
const darkBars = (code: SimulatedComponent) => code.querySelectorAll('.member-code__bar--dark').length

describe('member-code (source component)', () => {
  // The simulator runs a component's JS once per load; one load serves every render.
  let componentId: string
  beforeAll(() => {
    componentId = loadWithImageStub(SOURCE)
  })

  beforeEach(() => {
    jest.useFakeTimers({ now: PHONE_NOW })
  })
  afterEach(() => jest.useRealTimers())

  it('draws the code of the server’s time as a barcode, a QR image and digits masked until tapped', async () => {
    const code = mount(componentId)
    expect(textOf(code, '.member-code__number')).toBe(maskedAt(PHONE_NOW))
    expect(textOf(code, '.member-code__number')).toMatch(/^2026 \*{4} \*{4} \d{4}$/)
    expect(textOf(code, '.member-code__reveal')).toBe('轻触查看数字')
    await revealDigits(code)
    expect(textOf(code, '.member-code__reveal')).toBe('轻触隐藏数字')
    expect(textOf(code, '.member-code__number')).toBe(codeAt(PHONE_NOW))
    expect(textOf(code, '.member-code__number')).toMatch(/^2026 1123 002\d \d{4} \d{2}$/)
    expect(qrSrcOf(code)).toMatch(/^data:image\/gif;base64,[A-Za-z0-9+/]+=*$/)
    // Code 128: every symbol has three bars; 18 digits are start, 9 pairs, check and stop.
    expect(darkBars(code)).toBe(3 * 11 + 4)
    // The server is at 06:05:30: a fresh step, 30 s to go.
    expect(textOf(code, '.member-code__ring-hole')).toBe('30')
  })

  it('hides the digits again on a second tap', async () => {
    const code = mount(componentId)
    await revealDigits(code)
    await revealDigits(code)
    expect(textOf(code, '.member-code__number')).toBe(maskedAt(PHONE_NOW))
  })

  it('counts down every second and changes the code in place when the step turns: the old QR stays under the new', async () => {
    const code = mount(componentId)
    await revealDigits(code)
    const first = textOf(code, '.member-code__number')
    const qr = qrSrcOf(code)
    jest.advanceTimersByTime(1000)
    expect(textOf(code, '.member-code__ring-hole')).toBe('29')
    expect(textOf(code, '.member-code__refresh')).toBe('29 秒后自动更新 · 截图无效')
    jest.advanceTimersByTime(28_000)
    expect(textOf(code, '.member-code__ring-hole')).toBe('1')
    expect(textOf(code, '.member-code__number')).toBe(first)
    jest.advanceTimersByTime(1000)
    expect(textOf(code, '.member-code__ring-hole')).toBe('30')
    expect(textOf(code, '.member-code__number')).toBe(codeAt(PHONE_NOW + 30_000))
    expect(textOf(code, '.member-code__number')).not.toBe(first)
    expect(qrSrcOf(code)).not.toBe(qr)
    // No blank frame: the previous QR is still drawn under the new one while the phone decodes it.
    expect(qrLayersOf(code)).toEqual([qr, qrSrcOf(code)])
    jest.advanceTimersByTime(30_000)
    expect(qrLayersOf(code)).toHaveLength(2)
    expect(qrLayersOf(code)[0]).not.toBe(qr)
  })

  it('redraws at once for another secret (a reset) or clock offset', async () => {
    const code = mount(componentId)
    await revealDigits(code)
    const before = textOf(code, '.member-code__number')
    code.setData({ secret: '5a'.repeat(32) })
    expect(textOf(code, '.member-code__number')).toBe(
      formatDynamicCode(dynamicMemberCode(MEMBER_NO, '5a'.repeat(32), PHONE_NOW + OFFSET_MS)),
    )
    expect(textOf(code, '.member-code__number')).not.toBe(before)
  })

  it('says how to get the code when the phone has no secret yet', () => {
    const code = mount(componentId, { number: MEMBER_NO, secret: '', offset: 0 })
    expect(textOf(code, '.member-code__missing')).toBe('首次使用请连接网络，下拉刷新后显示会员码')
    expect(code.querySelector('.member-code__qr')).toBeUndefined()
  })

  it('stops its timer when detached', () => {
    const code = mount(componentId)
    expect(jest.getTimerCount()).toBe(1)
    code.detach()
    expect(jest.getTimerCount()).toBe(0)
  })
})

// The copy Taro puts in dist/ is the source re-wrapped as a webpack chunk that needs Taro's runtime and the
// shared chunks first (common.js, where the member code's domain lives; vendors.js, where qrcode-generator,
// jsbarcode and @noble/hashes live), as app.js loads them on WeChat.
describe('member-code (the copy in dist/, as shipped)', () => {
  let componentId: string
  beforeAll(() => {
    // No build is a failure, not a skip: the shipped copy is what WeChat runs.
    if (!existsSync(path.join(DIST, 'components/member-code/index.js'))) {
      throw new Error('dist/ has no member-code component: run `npm run build:weapp` first')
    }
    Object.assign(globalThis, { wx: (globalThis as { wx?: object }).wx ?? {} })
    require(path.join(DIST, 'runtime.js'))
    require(path.join(DIST, 'common.js'))
    require(path.join(DIST, 'vendors.js'))
    componentId = loadWithImageStub(path.join(DIST, 'components/member-code/index'))
  })

  it('renders the same code, barcode and countdown, and turns to the next code', async () => {
    jest.useFakeTimers({ now: PHONE_NOW })
    const code = mount(componentId)
    expect(qrSrcOf(code)).toMatch(/^data:image\/gif;base64,/)
    expect(textOf(code, '.member-code__number')).toBe(maskedAt(PHONE_NOW))
    await revealDigits(code)
    expect(textOf(code, '.member-code__number')).toBe(codeAt(PHONE_NOW))
    expect(darkBars(code)).toBe(37)
    jest.advanceTimersByTime(30_000)
    expect(textOf(code, '.member-code__number')).toBe(codeAt(PHONE_NOW + 30_000))
    code.detach()
    expect(jest.getTimerCount()).toBe(0)
    jest.useRealTimers()
  })
})

describe('nextQrLayers (the QR images the face stacks)', () => {
  it('keeps the previous code under the new one, two at most, and one when nothing changed', () => {
    const one = nextQrLayers([], 'a')
    expect(one).toEqual([{ id: 1, src: 'a' }])
    expect(nextQrLayers(one, 'a')).toEqual(one)
    const two = nextQrLayers(one, 'b')
    expect(two).toEqual([
      { id: 1, src: 'a' },
      { id: 2, src: 'b' },
    ])
    expect(nextQrLayers(two, 'c')).toEqual([
      { id: 2, src: 'b' },
      { id: 3, src: 'c' },
    ])
    expect(nextQrLayers(two, 'b')).toEqual([{ id: 2, src: 'b' }])
    expect(nextQrLayers(two, '')).toEqual([])
  })
})
