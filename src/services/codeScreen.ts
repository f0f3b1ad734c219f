/**
 * The screen while the member code is shown full screen, as payment codes do it: full brightness so the till's
 * scanner reads it at once, and kept on while the shopper queues. Both are given back on leaving — closing the
 * code, the page hiding (WeChat sent to the background, another page opened) or unloading — because on iOS a
 * brightness set by a mini-program outlives it. Where the platform lacks the APIs (the H5 preview, an old base
 * library) or refuses them, the code still shows: nothing here throws.
 */
import Taro from '@tarojs/taro'

/** The three WeChat APIs used, as Taro exposes them (promises; `value` 0–1). */
export interface ScreenApi {
  getScreenBrightness?: (options?: object) => Promise<{ value?: unknown }>
  setScreenBrightness?: (options: { value: number }) => Promise<unknown>
  setKeepScreenOn?: (options: { keepScreenOn: boolean }) => Promise<unknown>
}

const FULL = 1

/** Calls a platform API that may be missing or fail, answering undefined then. */
const attempt = async <T>(call: (() => Promise<T>) | undefined): Promise<T | undefined> => {
  try {
    return call ? await call() : undefined
  } catch {
    return undefined
  }
}

export interface CodeScreen {
  /** The code is on screen: brightness up (the shopper's own level remembered), screen kept on. */
  raise: () => Promise<void>
  /** The code left the screen: the shopper's brightness back, the screen free to sleep. Safe to call twice. */
  restore: () => Promise<void>
}

export const codeScreen = (api: ScreenApi = Taro): CodeScreen => {
  let raised = false
  /** The shopper's brightness before raising; null until read (or when it could not be read). */
  let saved: number | null = null
  /** Bumped on every raise and restore: a raise still reading the brightness when restored must not brighten. */
  let turn = 0

  const raise = async () => {
    if (raised) return
    raised = true
    const mine = ++turn
    void attempt(api.setKeepScreenOn && (() => api.setKeepScreenOn!({ keepScreenOn: true })))
    const before = await attempt(api.getScreenBrightness && (() => api.getScreenBrightness!()))
    if (mine !== turn) return
    const value = before?.value
    // Without the shopper's level there is nothing to restore to: leave the brightness alone.
    if (typeof value !== 'number' || !Number.isFinite(value)) return
    saved = value
    await attempt(api.setScreenBrightness && (() => api.setScreenBrightness!({ value: FULL })))
  }

  const restore = async () => {
    if (!raised) return
    raised = false
    turn++
    const level = saved
    saved = null
    void attempt(api.setKeepScreenOn && (() => api.setKeepScreenOn!({ keepScreenOn: false })))
    if (level !== null) await attempt(api.setScreenBrightness && (() => api.setScreenBrightness!({ value: level })))
  }

  return { raise, restore }
}
