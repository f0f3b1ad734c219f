/**
 * The compiled weapp (dist/, from `npm run build:weapp`) run in Node as WeChat runs it: Taro's own runtime,
 * vendors and page bundles are required unchanged; this file provides only what the WeChat client would — the
 * globals `wx`, `App`, `Page`, `Component`, `getApp`, `getCurrentPages` — and keeps what the render layer would
 * hold: each page's data, with every `setData` applied at its paths (`root.cn.[0].cn.[2].v`), each setData's
 * payload recorded (what crosses from the logic thread to the render thread, WeChat advises ≤ 256 KB), the page
 * stack as wx.navigateTo / redirectTo / reLaunch / navigateBack leave it, and the custom components (Taro's
 * `comp`, the native member code) a page's template uses, each an instance with its own data, observers and
 * lifetimes. `wx.cloud.callFunction` is answered by a real local cloud, as the caller the test names.
 * Drawing the data through WeChat's compiled templates is draw.ts; tapping and typing into the drawing is
 * events.ts.
 */
import { readFileSync } from 'node:fs'
import { join, posix } from 'node:path'
import { pageRoutes } from '../../../scripts/weapp/schemas'
import { applySetData, clone } from './setData'

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
type Config = Record<string, unknown> & { data?: Record<string, unknown> }
export type Handler = (event: unknown) => unknown

/** A page on the stack: the config's methods, its data as the render layer holds it, its run's record. */
export interface LivePage {
  route: string
  query: Record<string, string>
  instance: Record<string, unknown> & { data: Record<string, unknown> }
  run: PageRun
  /** Custom component instances drawn on this page, by their place in the drawing. */
  components: Map<string, ComponentInstance>
}

interface PropertySpec {
  type?: unknown
  value?: unknown
  observer?: string | ((next: unknown, previous: unknown) => void)
}

/**
 * A custom component as the base library makes one: data from its `data` and its properties (defaults, then
 * the values its user's template passes), methods on the instance, `observers` called when a field they watch is
 * set, lifetimes `created` / `attached` / `detached`, and its own `setData`.
 */
export class ComponentInstance {
  // Methods from the config and the base library's API land on the instance, as on a phone.
  [member: string]: unknown
  data: Record<string, unknown>
  private readonly observers: [string[], (...values: unknown[]) => void][]
  private readonly properties: Record<string, PropertySpec>
  private attached = false

  constructor(
    readonly path: string,
    readonly config: Config,
    properties: Record<string, unknown>,
    api: Record<string, unknown>,
  ) {
    this.properties = Object.fromEntries(
      Object.entries((config.properties as Record<string, PropertySpec | unknown>) ?? {}).map(([name, spec]) => [
        name,
        typeof spec === 'function' || spec === null ? { type: spec } : (spec as PropertySpec),
      ]),
    )
    this.data = clone(config.data ?? {})
    for (const [name, spec] of Object.entries(this.properties))
      this.data[name] = spec.value !== undefined ? clone(spec.value) : defaultOf(spec.type)
    Object.assign(this, api, (config.methods as object) ?? {})
    this.observers = Object.entries((config.observers as Record<string, (...v: unknown[]) => void>) ?? {}).map(([fields, fn]) => [
      fields.split(',').map((f) => f.trim()),
      fn,
    ])
    this.lifetime('created')
    this.receive(properties, false)
    this.lifetime('attached')
    this.attached = true
  }

  get options() {
    return (this.config.options as { virtualHost?: boolean } | undefined) ?? {}
  }

  /** The values the user's template passes this render: only declared properties, and only changes fire. */
  receive(values: Record<string, unknown>, fire = true) {
    const changed: string[] = []
    for (const [name, spec] of Object.entries(this.properties)) {
      if (!(name in values)) continue
      const next = coerce(values[name], spec.type)
      if (JSON.stringify(next) === JSON.stringify(this.data[name])) continue
      const previous = this.data[name]
      this.data[name] = clone(next)
      changed.push(name)
      const observer = typeof spec.observer === 'string' ? (this[spec.observer] as PropertySpec['observer']) : spec.observer
      if (fire && typeof observer === 'function') observer.call(this, next, previous)
    }
    if (fire) this.fireObservers(changed)
  }

  setData(patch: Record<string, unknown>, callback?: () => void) {
    applySetData(this.data, patch)
    this.fireObservers(Object.keys(patch).map((key) => key.split(/[.[]/)[0]))
    if (callback) setTimeout(callback, 0)
  }

  detach() {
    if (!this.attached) return
    this.attached = false
    this.lifetime('detached')
  }

  private fireObservers(fields: string[]) {
    for (const [watched, fn] of this.observers) {
      if (watched.some((w) => w === '**' || fields.includes(w.split('.')[0])))
        fn.apply(
          this,
          watched.map((w) => this.data[w.split('.')[0]]),
        )
    }
  }

  private lifetime(name: 'created' | 'attached' | 'detached') {
    const fn = ((this.config.lifetimes as Record<string, unknown> | undefined)?.[name] ?? this.config[name]) as (() => void) | undefined
    fn?.call(this)
  }
}

const defaultOf = (type: unknown) =>
  type === String ? '' : type === Number ? 0 : type === Boolean ? false : type === Array ? [] : type === Object ? null : null

const coerce = (value: unknown, type: unknown) => {
  if (type === Number) return Number(value)
  if (type === String) return value === undefined || value === null ? '' : String(value)
  if (type === Boolean) return Boolean(value)
  return value
}

const SYSTEM_INFO = {
  brand: 'devtools',
  model: 'iPhone 6/7/8',
  pixelRatio: 2,
  screenWidth: 375,
  screenHeight: 667,
  windowWidth: 375,
  windowHeight: 603,
  statusBarHeight: 20,
  language: 'zh_CN',
  version: '8.0.50',
  system: 'iOS 16.0',
  platform: 'devtools',
  SDKVersion: '3.3.4',
  fontSizeSetting: 16,
  safeArea: { top: 20, bottom: 667, left: 0, right: 375, width: 375, height: 647 },
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

/** `/pages/card/index?a=1` → route and query, as WeChat hands them to onLoad (values not decoded). */
const parseUrl = (url: string, from: string) => {
  const [path, search = ''] = url.split('?')
  const route = path.startsWith('/') ? path.slice(1) : posix.normalize(posix.join(posix.dirname(from), path))
  const query = Object.fromEntries(
    search
      .split('&')
      .filter(Boolean)
      .map((pair) => [pair.split('=')[0], pair.slice(pair.indexOf('=') + 1)]),
  )
  return { route: route.replace(/^\.\//, ''), query }
}

/**
 * Loads dist/app.js (which requires runtime, taro, vendors, common) once, with the WeChat globals installed.
 * One per jest file: the globals and Taro's runtime are process-wide singletons.
 */
export const loadWeapp = (distDir: string, callFunction: CallFunction) => {
  const pageConfigs = new Map<string, Config>()
  const componentConfigs = new Map<string, Config>()
  const stack: LivePage[] = []
  const storage = new Map<string, unknown>()
  /** wx APIs the pages called that do something on a phone (navigation, toasts, scans…), in order. */
  const calls: { api: string; options: unknown }[] = []
  let requiring = ''
  let openid = ''
  let inFlight = 0
  let lastActivity = Date.now()
  let lastAnswer = 0
  let lastSetData = 0
  const touch = () => (lastActivity = Date.now())

  const succeed = <T>(options: { success?: (r: T) => void; complete?: (r: T) => void } | undefined, result: T) => {
    options?.success?.(result)
    options?.complete?.(result)
    return Promise.resolve(result)
  }

  const current = () => stack[stack.length - 1]
  const target = (options: { url?: string }) => parseUrl(options.url ?? '', current()?.route ?? '')

  // Taro wraps each wx API it knows by name: answer the ones the pages call, the rest succeed quietly. Each is one
  // WeChat has (a test checks the names against miniprogram-api-typings, WeChat's own types).
  const wxApis: Record<string, unknown> = {
    cloud: {
      init: () => undefined,
      callFunction: (options: {
        name: string
        data: unknown
        success?: (r: unknown) => void
        fail?: (e: unknown) => void
        complete?: (r: unknown) => void
      }) => {
        inFlight++
        touch()
        const run = current()?.run
        const action = (options.data as { action?: string })?.action
        run?.cloudCalls.push(`${options.name}.${action}`)
        const promise = callFunction(options.name, options.data, openid).then((result) => ({ result, errMsg: 'cloud.callFunction:ok' }))
        promise
          .then(
            (r) => {
              options.success?.(r)
              options.complete?.(r)
            },
            (e) => {
              options.fail?.(e)
              options.complete?.(e)
            },
          )
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
    // The shopper's own brightness (0–1), which the full-screen member code raises and gives back.
    getScreenBrightness: (o: never) => (
      calls.push({ api: 'getScreenBrightness', options: o }),
      succeed(o, { value: 0.4, errMsg: 'getScreenBrightness:ok' })
    ),
    setScreenBrightness: (o: never) => (
      calls.push({ api: 'setScreenBrightness', options: o }),
      succeed(o, { errMsg: 'setScreenBrightness:ok' })
    ),
    setKeepScreenOn: (o: never) => (calls.push({ api: 'setKeepScreenOn', options: o }), succeed(o, { errMsg: 'setKeepScreenOn:ok' })),
    getStorageSync: (key: string) => storage.get(key) ?? '',
    setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
    removeStorageSync: (key: string) => void storage.delete(key),
    getStorage: (o: { key: string }) =>
      storage.has(o.key) ? succeed(o as never, { data: storage.get(o.key) }) : Promise.reject(new Error('getStorage:fail data not found')),
    setStorage: (o: { key: string; data: unknown }) => (storage.set(o.key, o.data), succeed(o as never, { errMsg: 'setStorage:ok' })),
    nextTick: (fn: () => void) => setTimeout(fn, 0),
    createSelectorQuery: () => {
      const query = {
        in: () => query,
        select: () => query,
        selectAll: () => query,
        selectViewport: () => query,
        boundingClientRect: () => query,
        fields: () => query,
        scrollOffset: () => query,
        node: () => query,
        exec: (cb?: (r: unknown[]) => void) => cb?.([]),
      }
      return query
    },
    createCanvasContext: () => new Proxy({}, { get: () => () => undefined }),
    // The user taps 确定 on every modal (a test that needs 取消 reads `calls` and drives the page itself).
    showModal: (o: never) => (
      calls.push({ api: 'showModal', options: o }),
      succeed(o, { confirm: true, cancel: false, errMsg: 'showModal:ok' })
    ),
  }
  // The base library's own hooks Taro calls, which WeChat does not document.
  const known: Record<string, unknown> = { ...wxApis, onAppRoute: () => undefined }
  // Navigation changes the stack after the call returns, as on a phone; the success callback follows it.
  const stackChange = {
    navigateTo: (options: { url?: string }) => {
      const { route, query } = target(options)
      if (current()) lifecycle(current(), 'onHide')
      open(route, query)
    },
    redirectTo: (options: { url?: string }) => {
      const { route, query } = target(options)
      const top = stack.pop()
      if (top) unload(top)
      open(route, query)
    },
    reLaunch: (options: { url?: string }) => {
      const { route, query } = target(options)
      while (stack.length) unload(stack.pop()!)
      open(route, query)
    },
    navigateBack: (options: { delta?: number }) => {
      for (let i = 0; i < (options.delta ?? 1) && stack.length > 1; i++) unload(stack.pop()!)
      lifecycle(current(), 'onShow')
    },
  }
  const routes = new Set(pageRoutes(JSON.parse(readFileSync(join(distDir, 'app.json'), 'utf8'))))
  for (const [api, change] of Object.entries(stackChange)) {
    known[api] = (options: {
      url?: string
      delta?: number
      success?: (r: unknown) => void
      fail?: (r: unknown) => void
      complete?: (r: unknown) => void
    }) => {
      calls.push({ api, options })
      touch()
      // As WeChat answers a page app.json does not declare.
      if (options.url !== undefined && !routes.has(target(options).route)) {
        const failure = { errMsg: `${api}:fail page "${target(options).route}" is not found` }
        options.fail?.(failure)
        options.complete?.(failure)
        return Promise.reject(failure)
      }
      return new Promise((resolve) =>
        setTimeout(() => {
          change(options)
          resolve(succeed(options, { errMsg: `${api}:ok` }))
        }, 0),
      )
    }
  }
  known.switchTab = known.reLaunch

  const wx = new Proxy(known, {
    get(target, key) {
      if (key in target) return target[key as string]
      // webpack's chunk list lives on wx (wx.webpackJsonp): plain property, never a stand-in.
      if (typeof key !== 'string' || key.startsWith('webpack')) return undefined
      return (options?: { success?: (r: unknown) => void; complete?: (r: unknown) => void }) => {
        calls.push({ api: key, options })
        return succeed(options, { errMsg: `${key}:ok` })
      }
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
    Page: (config: Config) => void pageConfigs.set(requiring, config),
    Component: (config: Config) => void componentConfigs.set(requiring, config),
    Behavior: (b: unknown) => b,
    getApp: () => app,
    getCurrentPages: () => stack.map((p) => p.instance),
    requirePlugin: () => ({}),
  }
  Object.assign(globalThis, globals)
  requiring = 'app'
  require(join(distDir, 'app.js'))
  ;(app.onLaunch as (o: unknown) => void)?.call(app, { path: 'pages/card/index', query: {}, scene: 1001 })
  ;(app.onShow as (o: unknown) => void)?.call(app, { path: 'pages/card/index', query: {}, scene: 1001 })

  const load = (path: string, registry: Map<string, Config>, kind: string) => {
    if (!registry.has(path)) {
      requiring = path
      require(join(distDir, `${path}.js`))
    }
    const config = registry.get(path)
    if (!config) throw new Error(`${path}.js did not call ${kind}()`)
    return config
  }

  const lifecycle = (page: LivePage, name: string, ...args: unknown[]) =>
    (page.instance[name] as ((...a: unknown[]) => void) | undefined)?.call(page.instance, ...args)

  const unload = (page: LivePage) => {
    lifecycle(page, 'onUnload')
    for (const component of page.components.values()) component.detach()
    page.components.clear()
  }

  /** Creates the page instance and runs onLoad, onShow and onReady, as WeChat does on opening it. */
  const open = (route: string, query: Record<string, string>): LivePage => {
    const config = load(route, pageConfigs, 'Page')
    const run: PageRun = { route, payloads: [], text: '', maxBytes: 0, totalBytes: 0, cloudCalls: [], cloudAnswers: 0 }
    const instance = Object.assign(Object.create(config) as LivePage['instance'], {
      route,
      __route__: route,
      options: query,
      data: clone(config.data ?? {}),
      setData(data: Record<string, unknown>, cb?: () => void) {
        const json = JSON.stringify(data)
        run.payloads.push({ bytes: Buffer.byteLength(json, 'utf8'), json, answeredBefore: run.cloudAnswers })
        // What crosses to the render layer is a copy: later changes on the logic side do not reach it.
        applySetData(instance.data, JSON.parse(json) as Record<string, unknown>)
        lastSetData = touch()
        setTimeout(() => cb?.(), 0)
      },
    })
    const page: LivePage = { route, query, instance, run, components: new Map() }
    stack.push(page)
    lifecycle(page, 'onLoad', { ...query })
    lifecycle(page, 'onShow')
    lifecycle(page, 'onReady')
    return page
  }

  /**
   * Waits until no cloud call is in flight and nothing has happened for `quietMs` — and, after the last answer,
   * until a setData has followed it or `answerGraceMs` have passed (a loaded machine may be slow to render it).
   * 100 ms of quiet is ample: what a page does next (React's scheduler, Taro's setData batching) is queued with
   * zero-delay timers, which run long before.
   */
  const settled = async (quietMs = 100, answerGraceMs = 3_000, timeoutMs = 20_000, firstRender = false) => {
    const started = Date.now()
    while (Date.now() - started < timeoutMs) {
      await new Promise((r) => setTimeout(r, 50))
      const rendered = lastSetData >= lastAnswer || Date.now() - lastAnswer >= answerGraceMs
      // A page just opened has drawn nothing until its first setData, however quiet a loaded machine keeps it.
      if (firstRender && lastSetData === 0) continue
      if (inFlight === 0 && rendered && Date.now() - lastActivity >= quietMs) return
    }
    throw new Error(`page did not settle within ${timeoutMs} ms`)
  }

  const finish = (run: PageRun) => {
    run.text = textOf(run.payloads)
    run.maxBytes = Math.max(0, ...run.payloads.map((p) => p.bytes))
    run.totalBytes = run.payloads.reduce((sum, p) => sum + p.bytes, 0)
    return run
  }

  /**
   * Opens a page as WeChat does after a reLaunch (the pages below are unloaded, then onLoad with its query,
   * onShow, onReady) as `caller`, waits until it has settled, and returns every setData it made.
   */
  const openPage = async (route: string, query: Record<string, string>, caller: string): Promise<PageRun> => {
    while (stack.length) unload(stack.pop()!)
    await new Promise((r) => setTimeout(r, 0))
    openid = caller
    lastAnswer = lastSetData = 0
    const page = open(route, query)
    await settled(undefined, undefined, undefined, true)
    return finish(page.run)
  }

  /** A custom component's instance for one place in a page's drawing, made on first use as the base library does. */
  const componentAt = (page: LivePage, key: string, path: string, properties: Record<string, unknown>) => {
    let instance = page.components.get(key)
    if (instance && instance.path !== path) {
      instance.detach()
      instance = undefined
    }
    if (!instance) {
      const config = load(path, componentConfigs, 'Component')
      instance = new ComponentInstance(path, config, properties, {
        createSelectorQuery: known.createSelectorQuery,
        triggerEvent: () => undefined,
      })
      page.components.set(key, instance)
    } else instance.receive(properties)
    return instance
  }

  /** Unloads every page (detaching their components, whose timers would keep jest waiting). */
  const close = () => {
    while (stack.length) unload(stack.pop()!)
  }

  return {
    openPage,
    settled,
    storage,
    calls,
    close,
    componentAt,
    /** The wx APIs this stand-in answers itself (others answer with a plain success). */
    answeredApis: () => Object.keys(wxApis),
    current: () => current(),
    stack: () => [...stack],
    /** Who the cloud sees calling from now on (the local identity switcher of the H5 preview does the same). */
    setCaller: (caller: string) => void (openid = caller),
    finish,
  }
}

export type Weapp = ReturnType<typeof loadWeapp>
