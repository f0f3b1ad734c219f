/**
 * startLocalCloud: the executor (SQLite), the function instances and the HTTP gateway, started together. It knows
 * no project: the caller names the functions, the collections, the static files and the pages (a project's start
 * script and test helpers do).
 */
import { existsSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Server } from 'node:http'
import { ClientDb, loadRules } from './clientdb/clientdb'
import { Executor, zeroOps } from './executor/executor'
import { toJsonText } from './instances/json'
import {
  MAX_EVENT_DEPTH,
  MAX_FUNCTION_PAYLOAD_BYTES,
  OPENID_PATTERN,
  eventTooDeepBody,
  jsonNestsDeeperThan,
  notFoundBody,
  parseClock,
  payloadTooLargeBody,
  responseBody,
  startGateway,
} from './gateway/http'
import { FunctionPool, type Invocation } from './instances/pool'
import { APPID, type CallerContext, HTTP_ACCESS_SOURCE, WEB_SOURCE } from './instances/protocol'
import { type HttpRoute, httpRoutes, readHttpAccess, routeFor } from './gateway/httpAccess'
import { OpenApi, type OutboxMessage, type Refusal } from './openapi/openapi'
import { type PhoneBook, checkPhoneBook } from './openapi/phone'
import { Storage, cloudPathOf, fileIdOf } from './storage/storage'
import { type TimerRun, TimerScheduler, type TimerTrigger, readTimerTriggers, timerEvent } from './timers'
import { useFunctionTimeZone } from './instances/zone'
import { type CustomLoginKey, WebAuth, type WebUser } from './webauth/webauth'
import {
  type CallAnswer,
  DEFAULT_BURST_INSTANCES,
  MAX_CALL_DEPTH,
  callAnswer,
  callNotFound,
  callOutsideInvocation,
  callTooDeep,
  callTooLarge,
} from './instances/calls'

export const DEFAULT_DB_LATENCY_MS: [number, number] = [1, 4]

export interface LocalCloudOptions {
  /** Folder of the SQLite database (created if missing). */
  dataDir: string
  /** Folder of bundled functions: `<name>/index.js` (+ `config.json`). */
  functionsDir: string
  /** Static files to serve at `/` (a web build: the H5 preview); default none (undefined or null). */
  staticDir?: string | null
  /** More web builds at their own paths, e.g. `{ '/desk/': '<folder>' }` (paths start and end with '/'). */
  staticMounts?: Record<string, string>
  /** Default 8787; 0 = any free port. Always bound to 127.0.0.1. */
  port?: number
  /** Instances per function (default 2). */
  poolSize?: number
  /** Memory of a function instance (default 128 MB, CloudBase's smallest). */
  memoryMb?: number
  /**
   * For a process that starts local clouds one after another (a test runner): at close, idle instances keep their
   * runtime for the next local cloud of the process, which loads its functions into them afresh (instances/
   * runtimes.ts). Off by default: one local cloud per process has no use for it.
   */
  keepRuntimes?: boolean
  /** Honor the `x-local-clock` header (tests only). */
  allowClockOverride?: boolean
  /**
   * Declared collections: a folder of `<name>.json` (`{ name, indexes, rules }`), created at start as a deploy
   * creates them, with their security rules. Default none: no collection exists until a function creates it
   * (db.createCollection) or the caller inserts into it through `executor`, and clients may read or write none.
   */
  collectionsDir?: string
  /** See ExecutorOptions.strictCollections (default true: only collections that exist may be used, as on CloudBase). */
  strictCollections?: boolean
  /** Default 30 s (CloudBase's limit). */
  transactionTimeoutMs?: number
  /** Forward functions' console output, prefixed with the instance (default true). */
  logs?: boolean
  /** Start every function's instances before resolving (see LocalCloud.warm). Default false. */
  prewarm?: boolean
  /**
   * Simulated database round trip per operation, ms: a number or [min, max]; default [1, 4]; 0 = none.
   * CloudBase answers in milliseconds, which is what makes concurrent transactions overlap; answering in
   * microseconds would all but serialize them, and race tests would pass for code that fails in production.
   */
  dbLatencyMs?: number | [number, number]
  /**
   * Run every function's timer triggers (config.json `triggers`, 7-field cron in UTC+8) at their times.
   * Default false (tests fire timers with `fireTimer`); `npm start` turns it on. Triggers are read and checked
   * at start either way: an invalid one fails the start, naming the function and trigger.
   */
  timers?: boolean
  /**
   * The mini program's pages (home first), which the open API stand-ins check pages against (41030 otherwise):
   * e.g. `readAppPages('<project>/app.json')`. Default null: any well-formed page passes, kinder than WeChat,
   * which checks the published version's pages, so a project should pass them.
   */
  miniProgramPages?: string[] | null
  /**
   * Instances a function may start beyond `poolSize` for calls from other functions (cloud.callFunction), which
   * never wait behind busy instances (see instances/calls.ts). Default 8.
   */
  burstInstances?: number
  /**
   * Each identity's phone, for phonenumber.getPhoneNumber: by openid, 11 mainland digits or `+<country code>
   * <number>`; or a function of the openid. Codes come from `phoneCode()` and `POST /local/phone-code`.
   */
  phones?: PhoneBook
  /**
   * The environment's custom-login keys (what CloudBase's console downloads), whose tickets the web SDK's
   * `signInWithCustomTicket` accepts (webauth/webauth.ts). Default none: no ticket signs in.
   */
  customLoginKeys?: CustomLoginKey[]
  /** Each function's environment variables, as deploy sets CloudBase's envVariables; default none. */
  functionEnv?: Record<string, Record<string, string>>
}

/** The environment id functions see (TCB_ENV) and the web SDK names as `client_id`. */
export const LOCAL_ENV_ID = 'local'

/** Something a function's instance tried to reach off this machine, refused (instances/offline.ts). */
export interface NetworkRefusal {
  fn: string
  what: string
  invocationId?: string
  at: string
}

export interface InvokeOptions {
  /** The caller; '' or omitted = anonymous. */
  openid?: string
  unionid?: string
  /** The invocation's "now" (ISO instant or Date): LOCAL_CLOUD_NOW in the function's process.env, and db.serverDate(). */
  clock?: string | Date
  /** TCB_SOURCE; default 'wx_client' (WEB_SOURCE with `web`). */
  source?: string
  /**
   * A web SDK caller instead of a mini-program user (no OPENID): what a call through `POST /v1/functions/<name>`
   * with that user's token carries. For tests of what a function does with such a caller; whether a token signs
   * in is the gateway's (webauth/webauth.ts).
   */
  web?: WebUser
}

export type DetailedInvocation = Invocation & { body: unknown }

export interface LocalCloud {
  url: string
  port: number
  executor: Executor
  /** What a client would receive: the function's result, or an `{ errCode, errMsg }` failure body. */
  invoke(name: string, event: unknown, options?: InvokeOptions): Promise<unknown>
  /** The same, with the outcome, database operation counts, duration and instance. */
  invokeDetailed(name: string, event: unknown, options?: InvokeOptions): Promise<DetailedInvocation>
  /**
   * Runs a function as its timer trigger would (TCB_SOURCE wx_trigger, no caller, event `{ Type: 'Timer',
   * TriggerName, Time, Message }`), once, now. The trigger must be declared in the function's config.json.
   * `clock` is the invocation's "now" (and the event's Time).
   */
  fireTimer(name: string, triggerName: string, options?: { clock?: string | Date }): Promise<DetailedInvocation>
  /** Every declared timer trigger with its next time (and counters when `timers: true` schedules them). */
  nextTimerRuns(): TimerRun[]
  /**
   * Starts the instances of one function (or all) up to the pool size and waits until they are ready. Without
   * it, cold starts stagger the first calls of a burst so that they rarely overlap: warm before testing races.
   */
  warm(name?: string): Promise<void>
  /**
   * Retires the function's instances as a new deployment on CloudBase does: calls from now on start fresh
   * instances (with empty module state: caches, kept connections), calls in flight finish on the old ones.
   */
  redeploy(name: string): void
  /** The open API stand-ins' switches and their outbox (see openapi/openapi.ts). */
  openapi: {
    /**
     * Matching calls of `api` fail as WeChat fails them: `refuse('subscribeMessage.send', { touser })` = that user
     * has no consent left (errCode 43101, "user refuse to accept the msg"); `errCode`/`errMsg`/`times` to vary.
     * Returns a function that lifts this refusal.
     */
    refuse(api: string, refusal?: Refusal): () => void
    /** Lifts every refusal. */
    clearRefusals(): void
    /** Recorded subscribe messages (sent and refused), oldest first; also `executor.find('outbox', ...)`. */
    outbox(filter?: Record<string, unknown>): OutboxMessage[]
  }
  /**
   * A client SDK's database request (`wx.cloud.database()`), answered under the collections' security rules, as
   * `POST /local/db` answers it: `clientDb(openid, 'database.getDocument', { collectionName, queryType, query })`.
   * `openid` null = anonymous. See clientdb/clientdb.ts.
   */
  clientDb(openid: string | null, action: string, params: Record<string, unknown>): Record<string, unknown>
  /** Cloud storage's files under `<dataDir>/storage/objects` (see storage/storage.ts). */
  storage: {
    /** The stored bytes of a fileID (`cloud://local.<bucket>/<cloudPath>`), or null. */
    read(fileID: string): Buffer | null
    /** Stored fileIDs, optionally under a cloudPath prefix. */
    list(prefix?: string): string[]
    /** A signed GET link to a fileID valid until `expiresAt` (past instants make expired links for tests). */
    signedUrl(fileID: string, expiresAt: Date | string): string
    fileIdOf(cloudPath: string): string
    /** Who uploaded a file from the mini program (`POST /local/upload`), or null (a function's file, or none). */
    creatorOf(fileID: string): string | null
    /** Stores bytes at a cloudPath as a function would (demo data, tests): its fileID. */
    write(cloudPath: string, bytes: Buffer): string
  }
  functionNames(): string[]
  /** The HTTP access service's paths (config.json `httpAccess`), longest first: see gateway/httpAccess.ts. */
  httpRoutes(): HttpRoute[]
  instances(name: string): { id: string; threadId: number; state: string; invocations: number }[]
  /** What functions tried to reach off this machine and were refused, oldest first (the last 100). */
  networkRefusals(): NetworkRefusal[]
  /**
   * The code `<button open-type="getPhoneNumber">` gives when `openid` taps it (at `clock`, default now; for mini
   * program `appid`, default this one): it resolves once, within 5 minutes, to that identity's phone (`phones`).
   * Throws for an identity without a phone.
   */
  phoneCode(openid: string, options?: { clock?: string | Date; appid?: string }): string
  /** The web SDK's sign-in service (`/auth/v1/…`). */
  webAuth: WebAuth
  stats(): Record<string, unknown>
  close(): Promise<void>
}

/**
 * CloudBase injects the caller into a client call's event as `userInfo: { appId, openId }`, replacing whatever
 * the client sent under that name (trusted, like getWXContext()). Timer events carry none.
 */
const withUserInfo = (event: unknown, caller: CallerContext): unknown => {
  if (caller.source !== 'wx_client' || typeof event !== 'object' || event === null || Array.isArray(event)) return event
  const userInfo = caller.openid ? { appId: APPID, openId: caller.openid } : { appId: APPID }
  return { ...event, userInfo }
}

/**
 * Defaults from the environment, for processes started by scripts (npm start, bench/): an option passed to
 * startLocalCloud always wins. LOCAL_CLOUD_DB_LATENCY_MS = "0" | "2" | "1-4"; LOCAL_CLOUD_POOL_SIZE = 1..64.
 */
export const envOptions = (env: NodeJS.ProcessEnv = process.env): { dbLatencyMs?: number | [number, number]; poolSize?: number } => {
  const out: { dbLatencyMs?: number | [number, number]; poolSize?: number } = {}
  const latency = env.LOCAL_CLOUD_DB_LATENCY_MS?.trim()
  if (latency) {
    const m = /^(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?$/.exec(latency)
    if (!m || (m[2] !== undefined && Number(m[2]) < Number(m[1])))
      throw new Error(`local cloud: LOCAL_CLOUD_DB_LATENCY_MS must be "0", "N" or "MIN-MAX" (ms), got ${JSON.stringify(latency)}`)
    out.dbLatencyMs = m[2] === undefined ? Number(m[1]) : [Number(m[1]), Number(m[2])]
  }
  const pool = env.LOCAL_CLOUD_POOL_SIZE?.trim()
  if (pool) {
    const n = Number(pool)
    if (!Number.isInteger(n) || n < 1 || n > 64)
      throw new Error(`local cloud: LOCAL_CLOUD_POOL_SIZE must be 1-64, got ${JSON.stringify(pool)}`)
    out.poolSize = n
  }
  return out
}

const FUNCTION_CHECK_MS = 250

const isFunction = (functionsDir: string, name: string) =>
  /^[A-Za-z0-9_-]{1,60}$/.test(name) && existsSync(join(functionsDir, name, 'index.js'))
const listFunctions = (functionsDir: string) =>
  existsSync(functionsDir)
    ? readdirSync(functionsDir)
        .filter((n) => isFunction(functionsDir, n))
        .sort()
    : []

export const startLocalCloud = async (options: LocalCloudOptions): Promise<LocalCloud> => {
  const functionsDir = resolve(options.functionsDir)
  // Triggers first: a bad config.json fails the start before anything is opened.
  const triggers: TimerTrigger[] = listFunctions(functionsDir).flatMap((n) => readTimerTriggers(join(functionsDir, n), n))
  // HTTP access paths too, read at start as CloudBase creates them at deploy (a path declared twice fails the start).
  const routes = httpRoutes(listFunctions(functionsDir).map((n) => ({ fn: n, paths: readHttpAccess(join(functionsDir, n), n) })))
  // Security rules too: one the local cloud cannot evaluate exactly fails the start. And phones that are not.
  const rules = loadRules(options.collectionsDir)
  checkPhoneBook(options.phones)
  const env = envOptions()
  const executor = new Executor({
    dataDir: options.dataDir,
    collectionsDir: options.collectionsDir,
    strictCollections: options.strictCollections,
    transactionTimeoutMs: options.transactionTimeoutMs,
  })
  // CloudBase runs functions in UTC; instances (worker threads) take the process's zone when they start. Put back
  // when the last local cloud of the process closes.
  const releaseTimeZone = useFunctionTimeZone()
  const clientDb = new ClientDb(executor, rules)
  const pools = new Map<string, FunctionPool>()
  let baseUrl = ''
  const openapi = new OpenApi(executor, {
    baseUrl: () => baseUrl,
    pages: options.miniProgramPages ?? null,
    phones: options.phones,
  })
  const storage = new Storage({ dataDir: options.dataDir, baseUrl: () => baseUrl })
  const poolOptions = {
    openapi,
    storage,
    size: options.poolSize ?? env.poolSize ?? 2,
    memoryMb: options.memoryMb ?? 128,
    keepRuntimes: options.keepRuntimes ?? false,
    logs: options.logs ?? true,
    dbLatencyMs: options.dbLatencyMs ?? env.dbLatencyMs ?? DEFAULT_DB_LATENCY_MS,
    burst: options.burstInstances ?? DEFAULT_BURST_INSTANCES,
    callFunction: (from: string, caller: CallerContext | undefined, name: string, data: string) =>
      callFromFunction(from, caller, name, data),
    functionEnv: (name: string) => options.functionEnv?.[name] ?? {},
    onNetworkRefusal: (fn: string, what: string, invocationId?: string) => {
      refusals.push({ fn, what, invocationId, at: new Date().toISOString() })
      if (refusals.length > 100) refusals.shift()
      if (options.logs !== false) console.warn(`[${fn}] local cloud: refused ${what} (nothing leaves the machine)`)
    },
  }
  const refusals: NetworkRefusal[] = []
  const startedAt = Date.now()

  // Function lookups are cached briefly (an existsSync per request showed in profiles), and a function whose
  // instances are alive keeps serving while a rebuild replaces its files, as CloudBase serves the old version
  // during a deploy.
  const seen = new Map<string, number>()
  const hasFunction = (name: string) => {
    const now = performance.now()
    const at = seen.get(name)
    if (at !== undefined && now - at < FUNCTION_CHECK_MS) return true
    if (isFunction(functionsDir, name) || pools.get(name)?.live) {
      seen.set(name, now)
      return true
    }
    seen.delete(name)
    return false
  }
  const functionNames = () => listFunctions(functionsDir)
  const pool = (name: string) => {
    let p = pools.get(name)
    if (!p) {
      p = new FunctionPool(name, join(functionsDir, name), executor, poolOptions)
      pools.set(name, p)
    }
    return p
  }

  const run = async (name: string, event: unknown, caller: CallerContext): Promise<DetailedInvocation> => {
    if (!hasFunction(name)) {
      const body = notFoundBody(name)
      const outcome = { kind: 'crash' as const, message: body.errMsg }
      return { id: '', fn: name, outcome, ops: zeroOps(), durationMs: 0, instanceId: '', body }
    }
    const inv = await pool(name).invoke(withUserInfo(event, caller), caller)
    return { ...inv, body: responseBody(inv) }
  }

  /**
   * cloud.callFunction in a function: the named local function runs with the caller's context — OPENID, APPID,
   * UNIONID and the clock of the calling invocation, SOURCE `<caller's>,scf` — and the event is the data as sent
   * (no userInfo injected). Answered as CloudBase's API answers `functions.invokeFunction` (instances/calls.ts).
   */
  const callFromFunction = async (from: string, caller: CallerContext | undefined, name: string, data: string): Promise<CallAnswer> => {
    if (!caller) return callOutsideInvocation(name)
    const chain = [...(caller.chain ?? []), from]
    if (chain.length > MAX_CALL_DEPTH) return callTooDeep(chain, name)
    if (!hasFunction(name)) return callNotFound(name)
    const bytes = Buffer.byteLength(data)
    if (bytes > MAX_FUNCTION_PAYLOAD_BYTES) return callTooLarge(bytes, MAX_FUNCTION_PAYLOAD_BYTES)
    const event = data === '' ? {} : (JSON.parse(data) as unknown)
    const nested: CallerContext = {
      openid: caller.openid,
      unionid: caller.unionid,
      web: caller.web,
      source: `${caller.source},scf`,
      clock: caller.clock,
      chain,
    }
    return callAnswer(await pool(name).invoke(event, nested))
  }

  /**
   * invoke() as a client's callFunction: a payload over CloudBase's limit, or nested deeper than the gateway's,
   * never reaches the function (the gateway measures the HTTP body; here the event as JSON, as the client SDK sends
   * it). An event JSON cannot carry (a BigInt, a cycle) is passed on as before: only tests build those, to reach
   * the functions with them.
   */
  const runAsClient = async (name: string, event: unknown, caller: CallerContext): Promise<DetailedInvocation> => {
    let text = ''
    try {
      text = toJsonText(event) ?? ''
    } catch {
      // not JSON (a BigInt, a cycle): measured by nothing
    }
    const refusal =
      Buffer.byteLength(text) > MAX_FUNCTION_PAYLOAD_BYTES
        ? payloadTooLargeBody()
        : jsonNestsDeeperThan(text, MAX_EVENT_DEPTH)
          ? eventTooDeepBody()
          : undefined
    if (!refusal) return run(name, event, caller)
    return {
      id: '',
      fn: name,
      outcome: { kind: 'crash', message: refusal.errMsg },
      ops: zeroOps(),
      durationMs: 0,
      instanceId: '',
      body: refusal,
    }
  }

  const callerOf = (o: InvokeOptions = {}): CallerContext => {
    const openid = o.openid ?? ''
    if (openid !== '' && !OPENID_PATTERN.test(openid)) throw new Error(`invalid openid ${JSON.stringify(openid)}`)
    if (o.web && openid !== '') throw new Error('a web SDK caller has no openid')
    return {
      openid: o.web ? undefined : openid,
      unionid: o.unionid,
      web: o.web,
      clientIp: '127.0.0.1',
      source: o.source ?? (o.web ? WEB_SOURCE : 'wx_client'),
      clock: o.clock === undefined ? undefined : parseClock(o.clock),
    }
  }

  const fireTimer = (name: string, triggerName: string, o: { clock?: string | Date } = {}) => {
    const declared = hasFunction(name) ? readTimerTriggers(join(functionsDir, name), name) : []
    if (hasFunction(name) && !declared.some((t) => t.name === triggerName))
      throw new Error(
        `local cloud: function ${name} declares no timer trigger ${JSON.stringify(triggerName)} in config.json ` +
          `(declared: ${declared.map((t) => t.name).join(', ') || 'none'}); CloudBase would never fire it`,
      )
    const clock = o.clock === undefined ? undefined : parseClock(o.clock)
    return run(name, timerEvent(triggerName, clock), { source: 'wx_trigger', clock })
  }

  const logTimer = options.logs === false ? () => undefined : (line: string) => console.log(line)
  // A scheduled firing runs at the real time (no clock override); Time is the scheduled instant.
  const scheduler = new TimerScheduler(triggers, (fn, trigger, at) => run(fn, timerEvent(trigger, at), { source: 'wx_trigger' }), logTimer)

  const stats = () => ({
    uptimeS: Math.round((Date.now() - startedAt) / 1000),
    db: executor.stats(),
    storage: storage.stats(),
    functions: Object.fromEntries([...pools].map(([n, p]) => [n, p.stats()])),
    timers: scheduler.runs(),
  })

  const webAuth = new WebAuth(LOCAL_ENV_ID, options.customLoginKeys ?? [])

  let gateway: { server: Server; url: string; port: number }
  try {
    gateway = await startGateway(
      {
        hasFunction,
        functionNames,
        run: (name, event, caller) => run(name, event, { ...caller, source: 'wx_client' }),
        health: () => ({ ok: true, functionNames: functionNames(), ...stats() }),
        files: (req, res) => storage.serve(req, res),
        clientDb: (openid, body) => clientDb.handle(openid, body),
        phoneCode: (openid) => openapi.phoneCode(openid),
        upload: (openid, cloudPath, req) => storage.clientUpload(openid, cloudPath, req),
        webAuth,
        // CloudBase keeps one user per custom uid: the web user's uuid names the creator of what they upload.
        webUploadInfo: (user, body) => storage.webUploadInfo(`web:${user.uuid}`, body),
        runWeb: (name, event, { user, clientIp, clock }) => run(name, event, { web: user, clientIp, clock, source: WEB_SOURCE }),
        httpRoute: (pathname) => routeFor(routes, pathname),
        // No user: no OPENID (WX_OPENID unset), no web user; the event is the integration request as built.
        runHttp: (name, event, { clock }) => run(name, event, { source: HTTP_ACCESS_SOURCE, clock }),
        envId: LOCAL_ENV_ID,
      },
      {
        port: options.port ?? 8787,
        staticDir: options.staticDir ?? undefined,
        staticMounts: options.staticMounts,
        allowClockOverride: options.allowClockOverride ?? false,
      },
    )
  } catch (e) {
    executor.close()
    releaseTimeZone()
    throw e
  }

  baseUrl = gateway.url

  const warm = async (name?: string) => {
    const names = name === undefined ? functionNames() : [name]
    for (const n of names) if (!hasFunction(n)) throw new Error(`local cloud: no function ${n} in ${functionsDir}`)
    await Promise.all(names.map((n) => pool(n).warm()))
  }
  if (options.prewarm) await warm()
  if (options.timers) scheduler.start()

  let closing: Promise<void> | undefined
  return {
    url: gateway.url,
    port: gateway.port,
    executor,
    invoke: async (name, event, o) => (await runAsClient(name, event, callerOf(o))).body,
    invokeDetailed: (name, event, o) => runAsClient(name, event, callerOf(o)),
    fireTimer: async (name, triggerName, o) => fireTimer(name, triggerName, o),
    nextTimerRuns: () => scheduler.runs(),
    openapi: {
      refuse: (api, refusal) => openapi.refuse(api, refusal),
      clearRefusals: () => openapi.clearRefusals(),
      outbox: (filter) => openapi.outbox(filter),
    },
    clientDb: (openid, action, params) => clientDb.handle(openid, { ...params, action }),
    storage: {
      read: (fileID) => storage.read(fileID),
      list: (prefix) => storage.list(prefix),
      signedUrl: (fileID, expiresAt) => {
        const cloudPath = cloudPathOf(fileID)
        if (cloudPath === null) throw new Error(`local cloud: ${JSON.stringify(fileID)} is not a fileID of this environment`)
        return storage.signedUrl(cloudPath, Math.floor(new Date(expiresAt).getTime() / 1000))
      },
      fileIdOf,
      creatorOf: (fileID) => storage.creatorOf(fileID),
      write: (cloudPath, bytes) => storage.write(cloudPath, bytes),
    },
    warm,
    redeploy: (name) => pool(name).redeploy(),
    functionNames,
    httpRoutes: () => [...routes],
    instances: (name) => pools.get(name)?.instanceIds() ?? [],
    networkRefusals: () => [...refusals],
    phoneCode: (openid, o = {}) =>
      openapi.phoneCode(openid, { clockMs: o.clock === undefined ? undefined : Date.parse(parseClock(o.clock)), appid: o.appid }),
    webAuth,
    stats,
    close: () =>
      (closing ??= (async () => {
        scheduler.stop()
        await new Promise<void>((resolve) => {
          gateway.server.close(() => resolve())
          gateway.server.closeAllConnections()
        })
        await Promise.all([...pools.values()].map((p) => p.close()))
        executor.close()
        releaseTimeZone()
      })()),
  }
}
