/**
 * One function instance: loads the bundled function once and serves one invocation at a time, keeping module
 * state between calls as a CloudBase instance does. A runtime kept from a closed local cloud (runtimes.ts) is told
 * to load its next function, whose bundle it then requires afresh. Its database requests go to the main thread over the
 * seam; its caller identity lives in this thread's own process.env (worker_threads copy env per thread), which
 * is what `cloud.getWXContext()` reads.
 */
import { dirname, sep } from 'node:path'
import { parentPort, workerData } from 'node:worker_threads'
import { installNetworkGuard } from './offline'
import { installFunctionsSeam, installOfflineSeam, installOpenApiSeam, installSeam, installStorageSeam, type OpenApiAnswer } from './seam'
import { APPID, CONTEXT_KEYS, type FromWorker, PER_CALL_ENV, TCB_CONTEXT_KEYS, type ToWorker, type WorkerData } from './protocol'

let { entry, functionName, instanceId, env: functionEnv } = workerData as WorkerData
const port = parentPort!
const post = (msg: FromWorker) => port.postMessage(msg)

// The function's console output goes to the main thread as messages, which prefixes it with the instance or drops
// it. (Piped worker stdio, once read, holds a reference that keeps the process alive while a runtime is kept.)
for (const name of ['stdout', 'stderr'] as const) {
  const stream = process[name]
  stream.write = (chunk: string | Uint8Array, encoding?: unknown, callback?: unknown) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')
    post({ type: 'output', stream: name, text })
    const done = typeof encoding === 'function' ? encoding : callback
    if (typeof done === 'function') queueMicrotask(() => (done as () => void)())
    return true
  }
}

let currentInvocation: string | undefined
let nextRequest = 0
const waiting = new Map<number, (answer: unknown) => void>()

// Every function gets the one wx-server-sdk whose seam is patched here, wherever its bundle lives (a temp folder
// in tests) and even if a node_modules of its own holds another copy: otherwise it would try the real cloud.
const SDK_ENTRY = require.resolve('wx-server-sdk')
const Module = require('node:module') as { _resolveFilename: (request: string, ...rest: unknown[]) => string }
const resolveFilename = Module._resolveFilename
Module._resolveFilename = function (request: string, ...rest: unknown[]) {
  return request === 'wx-server-sdk' ? SDK_ENTRY : resolveFilename.call(this, request, ...rest)
}

installSeam(
  (action, params) =>
    new Promise((resolve) => {
      const id = ++nextRequest
      waiting.set(id, resolve)
      post({ type: 'db', id, invocationId: currentInvocation, action, params })
    }),
)

// Open API calls (cloud.openapi.*) are answered by the main thread's stand-ins, never by the network.
const waitingOpenApi = new Map<number, (answer: OpenApiAnswer) => void>()
installOpenApiSeam(
  (api, data) =>
    new Promise((resolve) => {
      const id = ++nextRequest
      waitingOpenApi.set(id, resolve)
      post({ type: 'openapi', id, invocationId: currentInvocation, api, data })
    }),
)

// Whatever the SDK would send to Tencent Cloud and no seam below answers fails loudly (installed first: the
// storage and functions seams wrap it).
installOfflineSeam()

// Cloud storage API actions are answered by the main thread's stand-in; the file bytes go over HTTP to the
// gateway, as the SDK sends them to COS.
const waitingStorage = new Map<number, (answer: Record<string, unknown>) => void>()
installStorageSeam(
  (action, params) =>
    new Promise((resolve) => {
      const id = ++nextRequest
      waitingStorage.set(id, resolve)
      post({ type: 'storage', id, invocationId: currentInvocation, action, params })
    }),
)

// cloud.callFunction runs the named local function through the main thread's pools, with this call's context.
const waitingCalls = new Map<number, (answer: Record<string, unknown>) => void>()
installFunctionsSeam(
  (name, data) =>
    new Promise((resolve) => {
      const id = ++nextRequest
      waitingCalls.set(id, resolve)
      post({ type: 'call', id, invocationId: currentInvocation, name, data })
    }),
)

// Nothing leaves the machine: Node's own network APIs refuse anything but the loopback (offline.ts).
installNetworkGuard().listeners.add((what) => post({ type: 'refused', invocationId: currentInvocation, what }))

// A function's stray promise must not take the instance down (on CloudBase it is only logged).
process.on('unhandledRejection', (reason) => {
  console.error(`[${functionName}] unhandled rejection:`, reason)
})

process.env.TCB_ENV = 'local'
process.env.WX_CONTEXT_KEYS = CONTEXT_KEYS
process.env.TCB_CONTEXT_KEYS = TCB_CONTEXT_KEYS
process.env.WX_APPID = APPID
for (const k of PER_CALL_ENV) delete process.env[k]

type Main = (event: unknown, context: unknown) => unknown
let main: Main
/** The folder of the function loaded last: its modules are forgotten before the next function loads. */
let loadedDir: string | undefined

/** The environment variables of the function loaded last, removed before the next one loads. */
let appliedEnv: string[] = []

/** Requires the function's bundle, fresh: nothing of a function this runtime served before stays cached. */
const load = () => {
  const started = Date.now()
  for (const k of appliedEnv) delete process.env[k]
  appliedEnv = Object.keys(functionEnv)
  Object.assign(process.env, functionEnv)
  try {
    if (loadedDir !== undefined) {
      const cache = require.cache as Record<string, unknown>
      for (const path of Object.keys(cache)) if (path.startsWith(loadedDir + sep)) delete cache[path]
    }
    loadedDir = dirname(entry)
    const mod = require(entry) as { main?: unknown }
    if (typeof mod.main !== 'function') throw new Error(`${entry} does not export main(event, context)`)
    main = mod.main as Main
    post({ type: 'ready', loadMs: Date.now() - started })
  } catch (e) {
    post({ type: 'load-error', message: (e as Error)?.stack ?? String(e) })
  }
}
load()

const invoke = async (msg: Extract<ToWorker, { type: 'invoke' }>) => {
  const { caller } = msg
  currentInvocation = msg.id
  if (caller.openid !== undefined) process.env.WX_OPENID = caller.openid
  if (caller.unionid) process.env.WX_UNIONID = caller.unionid
  if (caller.clientIp && !caller.web) process.env.WX_CLIENTIP = caller.clientIp
  process.env.TCB_SOURCE = caller.source
  if (caller.web) {
    process.env.TCB_UUID = caller.web.uuid
    if (caller.web.customUserId) process.env.TCB_CUSTOM_USER_ID = caller.web.customUserId
    process.env.TCB_ISANONYMOUS_USER = String(caller.web.anonymous)
    if (caller.clientIp) process.env.TCB_SOURCE_IP = caller.clientIp
  }
  if (caller.clock) process.env.LOCAL_CLOUD_NOW = caller.clock
  const context = {
    request_id: msg.id,
    function_name: functionName,
    function_version: '$LATEST',
    namespace: 'local',
    memory_limit_in_mb: 128,
    time_limit_in_ms: msg.timeLimitMs,
    instance_id: instanceId,
  }
  try {
    const value = await main(msg.eventJson === undefined ? msg.event : JSON.parse(msg.eventJson), context)
    // The platform sends the result as JSON: Dates become strings, undefined becomes null.
    const json = JSON.stringify(value === undefined ? null : value)
    // As text: structured clone overflows on nesting that JSON.parse, in the main thread, takes.
    post({ type: 'result', id: msg.id, ok: true, json: json ?? 'null' })
  } catch (e) {
    const err = e as { message?: unknown; stack?: unknown; errMsg?: unknown }
    const message = typeof err?.message === 'string' ? err.message : typeof err?.errMsg === 'string' ? err.errMsg : String(e)
    post({ type: 'result', id: msg.id, ok: false, message, stack: typeof err?.stack === 'string' ? err.stack : undefined })
  } finally {
    for (const k of PER_CALL_ENV) delete process.env[k]
    currentInvocation = undefined
  }
}

// What this thread cannot deserialize (structured clone recurses; this stack is a main thread's) the main thread
// sends again as JSON text.
port.on('messageerror', (e) => post({ type: 'unreadable', message: e?.message ?? String(e) }))

port.on('message', (msg: ToWorker) => {
  if (msg.type === 'db-answer') {
    const resolve = waiting.get(msg.id)
    waiting.delete(msg.id)
    resolve?.(msg.answer)
  } else if (msg.type === 'openapi-answer') {
    const resolve = waitingOpenApi.get(msg.id)
    waitingOpenApi.delete(msg.id)
    const a = msg.answer
    resolve?.(a instanceof Uint8Array ? Buffer.from(a.buffer, a.byteOffset, a.byteLength) : a)
  } else if (msg.type === 'storage-answer') {
    const resolve = waitingStorage.get(msg.id)
    waitingStorage.delete(msg.id)
    resolve?.(msg.answer)
  } else if (msg.type === 'call-answer') {
    const resolve = waitingCalls.get(msg.id)
    waitingCalls.delete(msg.id)
    resolve?.(msg.answer)
  } else if (msg.type === 'invoke') {
    void invoke(msg)
  } else if (msg.type === 'load') {
    ;({ entry, functionName, instanceId, env: functionEnv } = msg)
    load()
  }
})
