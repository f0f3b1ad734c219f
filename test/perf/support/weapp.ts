/**
 * The compiled weapp (dist/, from `npm run build:weapp`) run in Node as WeChat runs it: Taro's own runtime,
 * vendors and page bundles are required unchanged; this file provides only what the WeChat client would — the
 * globals `wx`, `App`, `Page`, `Component`, `getApp`, `getCurrentPages` — and records every `setData` a page makes
 * (what crosses from the logic thread to the render thread, the payload WeChat advises keeping ≤ 256 KB).
 * `wx.cloud.callFunction` is answered by a real local cloud, as the caller the test names.
 * Nothing here renders WXML: the payloads are the measure, and their text says what the page would show.
 */
import { join } from 'node:path'

export interface SetDataRecord {
  bytes: number
  json: string
  /** Cloud calls of this page run answered before this setData (0: drawn before the network said anything). */
  answeredBefore: number
}

export interface PageRun {
  route: string
  payloads: SetDataRecord[]
  /** Every string the page's setData carried, joined: what the page would show. */
  text: string
  maxBytes: number
  totalBytes: number
  cloudCalls: string[]
  cloudAnswers: number
}

type CallFunction = (name: string, data: unknown, openid: string) => Promise<unknown>
type PageConfig = Record<string, (...args: unknown[]) => unknown> & { data?: unknown }
type PageInstance = Record<string, unknown> & { route: string; setData: (data: Record<string, unknown>, cb?: () => void) => void }

const SYSTEM_INFO = {
  brand: 'devtools', model: 'iPhone 6/7/8', pixelRatio: 2, screenWidth: 375, screenHeight: 667, windowWidth: 375,
  windowHeight: 603, statusBarHeight: 20, language: 'zh_CN', version: '8.0.50', system: 'iOS 16.0', platform: 'devtools',
  SDKVersion: '3.3.4', fontSizeSetting: 16, safeArea: { top: 20, bottom: 667, left: 0, right: 375, width: 375, height: 647 },
}

/**
 * The text a payload carries: Taro sends text nodes as `{ v: '…' }` (and a changed text as a `….v` path), inputs'
 * values and placeholders as attributes; those are what a user reads.
 */
const TEXT_KEYS = /(^|\.)(v|value|placeholder)$/
export const textOf = (payloads: SetDataRecord[]): string => {
  const strings: string[] = []
  for (const p of payloads) stringsOf(JSON.parse(p.json), strings)
  return strings.join('\n')
}

const stringsOf = (value: unknown, out: string[], key = ''): void => {
  if (typeof value === 'string') {
    if (TEXT_KEYS.test(key)) out.push(value)
  } else if (Array.isArray(value)) for (const v of value) stringsOf(v, out, key)
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) stringsOf(v, out, k)
}

/**
 * Loads dist/app.js (which requires runtime, taro, vendors, common) once, with the WeChat globals installed.
 * One per jest file: the globals and Taro's runtime are process-wide singletons.
 */
export const loadWeapp = (distDir: string, callFunction: CallFunction) => {
  const pageConfigs = new Map<string, PageConfig>()
  const stack: PageInstance[] = []
  const storage = new Map<string, unknown>()
  let requiring = ''
  let openid = ''
  let inFlight = 0
  let lastActivity = Date.now()
  let lastAnswer = 0
  let lastSetData = 0
  let run: PageRun | null = null
  const touch = () => (lastActivity = Date.now())

  const succeed = <T>(options: { success?: (r: T) => void; complete?: (r: T) => void } | undefined, result: T) => {
    options?.success?.(result)
    options?.complete?.(result)
    return Promise.resolve(result)
  }
  // Taro wraps each wx API it knows by name: answer the ones the pages call, the rest succeed quietly.
  const known: Record<string, unknown> = {
    cloud: {
      init: () => undefined,
      callFunction: (options: { name: string; data: unknown; success?: (r: unknown) => void; fail?: (e: unknown) => void; complete?: (r: unknown) => void }) => {
        inFlight++
        touch()
        const action = (options.data as { action?: string })?.action
        run?.cloudCalls.push(`${options.name}.${action}`)
        const promise = callFunction(options.name, options.data, openid).then((result) => ({ result, errMsg: 'cloud.callFunction:ok' }))
        promise
          .then((r) => { options.success?.(r); options.complete?.(r) }, (e) => { options.fail?.(e); options.complete?.(e) })
          .finally(() => {
            inFlight--
            lastAnswer = touch()
            if (run) run.cloudAnswers++
          })
        return promise
      },
    },
    getSystemInfoSync: () => SYSTEM_INFO,
    getSystemInfo: (o: never) => succeed(o, SYSTEM_INFO),
    getWindowInfo: () => SYSTEM_INFO,
    getDeviceInfo: () => SYSTEM_INFO,
    getAppBaseInfo: () => SYSTEM_INFO,
    getMenuButtonBoundingClientRect: () => ({ width: 87, height: 32, top: 24, right: 365, bottom: 56, left: 278 }),
    getStorageSync: (key: string) => storage.get(key) ?? '',
    setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
    removeStorageSync: (key: string) => void storage.delete(key),
    getStorage: (o: { key: string }) => (storage.has(o.key) ? succeed(o as never, { data: storage.get(o.key) }) : Promise.reject(new Error('getStorage:fail data not found'))),
    setStorage: (o: { key: string; data: unknown }) => (storage.set(o.key, o.data), succeed(o as never, { errMsg: 'setStorage:ok' })),
    nextTick: (fn: () => void) => setTimeout(fn, 0),
    createSelectorQuery: () => {
      const query = { in: () => query, select: () => query, selectAll: () => query, selectViewport: () => query, boundingClientRect: () => query, fields: () => query, scrollOffset: () => query, node: () => query, exec: (cb?: (r: unknown[]) => void) => cb?.([]) }
      return query
    },
    createCanvasContext: () => new Proxy({}, { get: () => () => undefined }),
    onAppRoute: () => undefined,
  }
  const wx = new Proxy(known, {
    get(target, key) {
      if (key in target) return target[key as string]
      // webpack's chunk list lives on wx (wx.webpackJsonp): plain property, never a stand-in.
      if (typeof key !== 'string' || key.startsWith('webpack')) return undefined
      return (options?: { success?: (r: unknown) => void; complete?: (r: unknown) => void }) => succeed(options, { errMsg: `${key}:ok` })
    },
    set(target, key, value) {
      target[key as string] = value
      return true
    },
  })

  let app: Record<string, unknown> = {}
  const globals: Record<string, unknown> = {
    wx,
    App: (config: Record<string, unknown>) => (app = Object.create(config)),
    Page: (config: PageConfig) => void pageConfigs.set(requiring, config),
    // Native components (the member code) render on WeChat's side from their own WXML: not driven here.
    Component: () => undefined,
    Behavior: (b: unknown) => b,
    getApp: () => app,
    getCurrentPages: () => stack,
    requirePlugin: () => ({}),
  }
  Object.assign(globalThis, globals)
  requiring = 'app'
  require(join(distDir, 'app.js'))
  ;(app.onLaunch as (o: unknown) => void)?.call(app, { path: 'pages/card/index', query: {}, scene: 1001 })
  ;(app.onShow as (o: unknown) => void)?.call(app, { path: 'pages/card/index', query: {}, scene: 1001 })

  /**
   * Waits until no cloud call is in flight and nothing has happened for `quietMs` — and, after the last answer,
   * until a setData has followed it or `answerGraceMs` have passed (a loaded machine may be slow to render it).
   */
  const settled = async (quietMs = 300, answerGraceMs = 3_000, timeoutMs = 20_000) => {
    const started = Date.now()
    while (Date.now() - started < timeoutMs) {
      await new Promise((r) => setTimeout(r, 50))
      const rendered = lastSetData >= lastAnswer || Date.now() - lastAnswer >= answerGraceMs
      if (inFlight === 0 && rendered && Date.now() - lastActivity >= quietMs) return
    }
    throw new Error(`page did not settle within ${timeoutMs} ms`)
  }

  /**
   * Opens a page as WeChat does (onLoad with its query, onShow, onReady) as `caller`, waits until it has
   * settled, and returns every setData it made. The previous page is unloaded first (a reLaunch).
   */
  const openPage = async (route: string, query: Record<string, string>, caller: string): Promise<PageRun> => {
    while (stack.length) {
      const old = stack.pop()!
      ;(old.onUnload as () => void)?.call(old)
    }
    await new Promise((r) => setTimeout(r, 0))
    openid = caller
    lastAnswer = lastSetData = 0
    if (!pageConfigs.has(route)) {
      requiring = route
      require(join(distDir, `${route}.js`))
    }
    const config = pageConfigs.get(route)
    if (!config) throw new Error(`${route}.js did not call Page()`)
    const current: PageRun = { route, payloads: [], text: '', maxBytes: 0, totalBytes: 0, cloudCalls: [], cloudAnswers: 0 }
    run = current
    const page = Object.assign(Object.create(config) as PageInstance, {
      route,
      __route__: route,
      options: query,
      data: JSON.parse(JSON.stringify(config.data ?? {})),
      setData(data: Record<string, unknown>, cb?: () => void) {
        const json = JSON.stringify(data)
        current.payloads.push({ bytes: Buffer.byteLength(json, 'utf8'), json, answeredBefore: current.cloudAnswers })
        lastSetData = touch()
        setTimeout(() => cb?.(), 0)
      },
    })
    stack.push(page)
    ;(page.onLoad as (q: unknown) => void).call(page, { ...query })
    ;(page.onShow as () => void)?.call(page)
    ;(page.onReady as () => void)?.call(page)
    await settled()
    run = null
    current.text = textOf(current.payloads)
    current.maxBytes = Math.max(0, ...current.payloads.map((p) => p.bytes))
    current.totalBytes = current.payloads.reduce((sum, p) => sum + p.bytes, 0)
    return current
  }

  return { openPage, storage }
}
