/**
 * The native member-code component (src/components/member-code), as WeChat runs it: loaded with
 * miniprogram-simulate, its own WXML compiled, data flowing through its own setData.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { simulate, type SimulatedComponent } from './support/simulate'

const SOURCE = path.resolve(__dirname, '../../src/components/member-code/index')
const DIST = path.resolve(__dirname, '../../dist')

// The simulator does not know WeChat's built-in <image>: stand one in that keeps its `src`, so the test
// reads what the component bound to the image rather than its internal data.
const loadWithImageStub = (componentPath: string) => {
  const image = simulate.load({
    properties: { src: { type: String, value: '' }, mode: { type: String, value: '' } },
    template: '<view>{{src}}</view>',
  })
  return simulate.load(componentPath, { usingComponents: { image } })
}

const mount = (componentId: string, memberNo: string): SimulatedComponent => {
  const code = simulate.render(componentId, { value: memberNo })
  code.attach(document.createElement('parent-wrapper'))
  return code
}

const qrSrcOf = (code: SimulatedComponent): string => (code.querySelector('.member-code__qr')?.data as { src: string }).src
const textOf = (code: SimulatedComponent, selector: string): string => code.querySelector(selector)!.dom!.textContent!.trim()

describe('member-code (source component)', () => {
  // The simulator runs a component's JS once per load; one load serves every render.
  let componentId: string
  beforeAll(() => {
    componentId = loadWithImageStub(SOURCE)
  })

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date(2026, 10, 23, 14, 5, 9) })
  })
  afterEach(() => jest.useRealTimers())

  it('draws the member number as a QR image from a data URL, with the number grouped for reading', () => {
    const code = mount(componentId, '20261123002')
    expect(qrSrcOf(code)).toMatch(/^data:image\/gif;base64,[A-Za-z0-9+/]+=*$/)
    expect(textOf(code, '.member-code__number')).toBe('2026 1123 002')
  })

  it('redraws the QR and the number when its value changes', () => {
    const code = mount(componentId, '20261123002')
    const before = qrSrcOf(code)
    code.setData({ value: '31415926535' })
    expect(qrSrcOf(code)).toMatch(/^data:image\/gif;base64,/)
    expect(qrSrcOf(code)).not.toBe(before)
    expect(textOf(code, '.member-code__number')).toBe('3141 5926 535')
  })

  it('shows a clock that ticks every second on its own', () => {
    const code = mount(componentId, '20261123002')
    expect(textOf(code, '.member-code__clock')).toBe('14:05:09')
    jest.advanceTimersByTime(1000)
    expect(textOf(code, '.member-code__clock')).toBe('14:05:10')
    jest.advanceTimersByTime(60_000)
    expect(textOf(code, '.member-code__clock')).toBe('14:06:10')
  })

  it('stops its timer when detached', () => {
    const code = mount(componentId, '20261123002')
    expect(jest.getTimerCount()).toBe(1)
    code.detach()
    expect(jest.getTimerCount()).toBe(0)
  })
})

// The copy Taro puts in dist/ is the source re-wrapped as a webpack chunk that needs Taro's runtime and the
// shared chunks first (common.js, where formatMemberNo lives; vendors.js, where qrcode-generator lives since
// the coupon page draws QR codes too), as app.js loads them on WeChat.
const built = existsSync(path.join(DIST, 'components/member-code/index.js')) ? describe : describe.skip
built('member-code (the copy in dist/, as shipped)', () => {
  let componentId: string
  beforeAll(() => {
    Object.assign(globalThis, { wx: (globalThis as { wx?: object }).wx ?? {} })
    require(path.join(DIST, 'runtime.js'))
    require(path.join(DIST, 'common.js'))
    require(path.join(DIST, 'vendors.js'))
    componentId = loadWithImageStub(path.join(DIST, 'components/member-code/index'))
  })

  it('renders the same QR, number and ticking clock', () => {
    jest.useFakeTimers({ now: new Date(2026, 10, 23, 14, 5, 9) })
    const code = mount(componentId, '20261123002')
    expect(qrSrcOf(code)).toMatch(/^data:image\/gif;base64,/)
    expect(textOf(code, '.member-code__number')).toBe('2026 1123 002')
    jest.advanceTimersByTime(1000)
    expect(textOf(code, '.member-code__clock')).toBe('14:05:10')
    code.detach()
    expect(jest.getTimerCount()).toBe(0)
    jest.useRealTimers()
  })
})
