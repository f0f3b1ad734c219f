/**
 * The screen while the member code is shown full screen (src/services/codeScreen.ts): brightness up and the screen
 * kept on, and the shopper's own brightness given back on leaving; where the platform lacks the APIs or refuses
 * them (the H5 preview, an old base library) nothing throws and nothing is left changed.
 */
import { codeScreen, type ScreenApi } from '../../src/services/codeScreen'

/** A phone's screen as WeChat's APIs see it, recording every call. */
const phoneScreen = (brightness = 0.35) => {
  const state = { brightness, keptOn: false }
  const calls: string[] = []
  const api: Required<ScreenApi> = {
    getScreenBrightness: jest.fn(async () => (calls.push('get'), { value: state.brightness })),
    setScreenBrightness: jest.fn(async ({ value }: { value: number }) => {
      calls.push(`set ${value}`)
      state.brightness = value
    }),
    setKeepScreenOn: jest.fn(async ({ keepScreenOn }: { keepScreenOn: boolean }) => {
      calls.push(`keep ${keepScreenOn}`)
      state.keptOn = keepScreenOn
    }),
  }
  return { state, calls, api }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('codeScreen', () => {
  it('raises the brightness to full and keeps the screen on, then gives back the shopper’s level', async () => {
    const phone = phoneScreen(0.35)
    const screen = codeScreen(phone.api)
    await screen.raise()
    expect(phone.state).toEqual({ brightness: 1, keptOn: true })
    await screen.restore()
    await settle()
    expect(phone.state).toEqual({ brightness: 0.35, keptOn: false })
  })

  it('restores once however often it is told to (close, then the page hides, then unloads)', async () => {
    const phone = phoneScreen(0.6)
    const screen = codeScreen(phone.api)
    await screen.raise()
    await screen.raise()
    await Promise.all([screen.restore(), screen.restore(), screen.restore()])
    await settle()
    expect(phone.calls).toEqual(['keep true', 'get', 'set 1', 'keep false', 'set 0.6'])
  })

  it('raises again after a restore (the page shown again with the code still open)', async () => {
    const phone = phoneScreen(0.2)
    const screen = codeScreen(phone.api)
    await screen.raise()
    await screen.restore()
    await screen.raise()
    expect(phone.state).toEqual({ brightness: 1, keptOn: true })
    await screen.restore()
    await settle()
    expect(phone.state).toEqual({ brightness: 0.2, keptOn: false })
  })

  it('does not brighten when the code was closed while the brightness was still being read', async () => {
    const phone = phoneScreen(0.4)
    let answer: (value: { value: number }) => void = () => undefined
    phone.api.getScreenBrightness = jest.fn(() => new Promise<{ value: number }>((resolve) => (answer = resolve)))
    const screen = codeScreen(phone.api)
    const raising = screen.raise()
    await screen.restore()
    answer({ value: 0.4 })
    await raising
    await settle()
    expect(phone.api.setScreenBrightness).not.toHaveBeenCalled()
    expect(phone.state).toEqual({ brightness: 0.4, keptOn: false })
  })

  it('leaves the brightness alone when it cannot read the shopper’s level (H5: "暂时不支持 API", no value)', async () => {
    const phone = phoneScreen(0.5)
    phone.api.getScreenBrightness = jest.fn(async () => ({ errMsg: '暂时不支持 API' }) as { value?: unknown })
    const screen = codeScreen(phone.api)
    await screen.raise()
    await screen.restore()
    expect(phone.api.setScreenBrightness).not.toHaveBeenCalled()
    expect(phone.state.brightness).toBe(0.5)
  })

  it('never throws when the platform refuses or lacks the APIs', async () => {
    const refusing: ScreenApi = {
      getScreenBrightness: () => Promise.reject(new Error('getScreenBrightness:fail')),
      setScreenBrightness: () => Promise.reject(new Error('setScreenBrightness:fail')),
      setKeepScreenOn: () => Promise.reject(new Error('setKeepScreenOn:fail')),
    }
    for (const api of [refusing, {}]) {
      const screen = codeScreen(api)
      await expect(screen.raise()).resolves.toBeUndefined()
      await expect(screen.restore()).resolves.toBeUndefined()
    }
  })

  it('still brightens when only keeping the screen on is refused', async () => {
    const phone = phoneScreen(0.3)
    phone.api.setKeepScreenOn = jest.fn(() => Promise.reject(new Error('setKeepScreenOn:fail')))
    const screen = codeScreen(phone.api)
    await screen.raise()
    expect(phone.state.brightness).toBe(1)
    await screen.restore()
    expect(phone.state.brightness).toBe(0.3)
  })
})
