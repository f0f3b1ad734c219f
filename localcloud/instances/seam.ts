/**
 * The one place where the local cloud touches wx-server-sdk: every database request of the SDK ends in
 * `TcbDBApiHttpRequester.prototype.send(action, params)` of @cloudbase/node-sdk. Replacing that method runs the
 * real SDK (its serializers, `{ data }` wrappers, errMsgs, runTransaction and its retries) against the local
 * executor. The modules are resolved from wx-server-sdk's own directory so the patch hits the instances it uses.
 */
import { dirname } from 'node:path'
import { isLoopback, unavailable } from './offline'

/** The SDK version the seam was verified against (package.json pins it too). */
export const SDK_VERSION = '4.0.2'

export type Transport = (action: string, params: Record<string, unknown> | undefined) => Promise<unknown>

/** Marks a request object whose query was built inside a transaction (see below). */
const TXN_MARK = Symbol.for('localcloud.transactionId')

interface Requester {
  send(action: string, params?: Record<string, unknown>, opts?: unknown): Promise<unknown>
  [TXN_MARK]?: string
}
interface QueryProto {
  _transactionId?: string
  _request: Requester
  [method: string]: unknown
}

const sdkPaths = () => {
  const sdkMain = require.resolve('wx-server-sdk')
  const nodeSdk = require.resolve('@cloudbase/node-sdk/dist/utils/tcbdbapirequester', { paths: [dirname(sdkMain)] })
  const query = require.resolve('@cloudbase/database/dist/commonjs/query', { paths: [dirname(nodeSdk)] })
  const sdkPkg = require.resolve('wx-server-sdk/package.json')
  return { nodeSdk, query, sdkPkg }
}

/** Where the seam lives, and whether it is still there (a test pins this against SDK upgrades). */
export const inspectSeam = () => {
  const { nodeSdk, query, sdkPkg } = sdkPaths()
  const { TcbDBApiHttpRequester } = require(nodeSdk) as { TcbDBApiHttpRequester?: { prototype: Requester } }
  const { Query } = require(query) as { Query?: { prototype: QueryProto } }
  return {
    sdkVersion: (require(sdkPkg) as { version: string }).version,
    requesterModule: nodeSdk,
    hasSend: typeof TcbDBApiHttpRequester?.prototype.send === 'function',
    hasQuery: typeof Query?.prototype.update === 'function' && typeof Query?.prototype.remove === 'function',
  }
}

/**
 * Routes every SDK database request to `transport`. Returns a function that restores the SDK.
 *
 * One more detail is patched, to be no kinder than CloudBase: inside `runTransaction`, the SDK builds
 * `t.collection(c).where(...).update()/remove()/count()` requests WITHOUT the transactionId (so on CloudBase
 * they silently run outside the transaction). We tag those requests with the transaction so the executor can
 * refuse them, as only single-document operations are allowed in a transaction.
 */
export const installSeam = (transport: Transport): (() => void) => {
  const info = inspectSeam()
  if (!info.hasSend || !info.hasQuery)
    throw new Error(`local cloud: wx-server-sdk ${info.sdkVersion} no longer has the database seam this local cloud patches`)
  const { nodeSdk, query } = sdkPaths()
  const requester = (require(nodeSdk) as { TcbDBApiHttpRequester: { prototype: Requester } }).TcbDBApiHttpRequester.prototype
  const Query = (require(query) as { Query: { prototype: QueryProto } }).Query.prototype

  const originalSend = requester.send
  requester.send = async function (this: Requester, action: string, params?: Record<string, unknown>) {
    const txn = this[TXN_MARK]
    const p = txn && params && params.transactionId === undefined ? { ...params, transactionId: txn } : params
    return transport(action, p)
  }

  const tagged = ['update', 'remove', 'count'] as const
  const originals = tagged.map((m) => Query[m] as (...a: unknown[]) => unknown)
  tagged.forEach((m, i) => {
    Query[m] = function (this: QueryProto, ...args: unknown[]) {
      if (this._transactionId && this._request) this._request[TXN_MARK] = this._transactionId
      return originals[i].apply(this, args)
    }
  })

  return () => {
    requester.send = originalSend
    tagged.forEach((m, i) => (Query[m] = originals[i]))
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Open API calls (cloud.openapi.*, and the SDK's other WeChat calls: getOpenData, CloudID, ...)

/**
 * What CloudBase's gateway answers `callCompatibleWxOpenApi`: a Buffer holding a `CommOpenApiResp` protobuf
 * (WeChat's answer inside), or a JSON-ish `{ code, message }` when CloudBase itself refuses the call.
 */
export type OpenApiAnswer = Buffer | { code: string; message: string }
export type OpenApiTransport = (apiName: string, requestData: Buffer) => Promise<OpenApiAnswer>

interface OpenApiHost {
  callCompatibleWxOpenApi(options: { apiName: string; requestData: Buffer; cgiName?: string }, opts?: unknown): Promise<unknown>
}

const cloudbasePath = () => require.resolve('@cloudbase/node-sdk/dist/cloudbase', { paths: [dirname(require.resolve('wx-server-sdk'))] })

/** Where the open API seam lives, and whether it is still there (a test pins this against SDK upgrades). */
export const inspectOpenApiSeam = () => {
  const module = cloudbasePath()
  const { CloudBase } = require(module) as { CloudBase?: { prototype: OpenApiHost } }
  return { module, hasCall: typeof CloudBase?.prototype.callCompatibleWxOpenApi === 'function' }
}

/**
 * Routes every WeChat open API call of the SDK to `transport`. wx-server-sdk encodes `cloud.openapi.x.y(data)`
 * (data snake_cased, each field JSON) as a `CommApiData` protobuf and hands it to
 * `CloudBase.prototype.callCompatibleWxOpenApi({ apiName, requestData })` of @cloudbase/node-sdk, which POSTs it
 * to CloudBase; whatever comes back, the SDK itself decodes and turns into results or errors. Replacing that one
 * method keeps all of the SDK's own encoding, decoding and error shaping. Returns a function that restores it.
 */
export const installOpenApiSeam = (transport: OpenApiTransport): (() => void) => {
  const info = inspectOpenApiSeam()
  if (!info.hasCall) throw new Error('local cloud: wx-server-sdk no longer has the open API seam this local cloud patches')
  const host = (require(info.module) as { CloudBase: { prototype: OpenApiHost } }).CloudBase.prototype
  const original = host.callCompatibleWxOpenApi
  host.callCompatibleWxOpenApi = async function (options) {
    const data = Buffer.isBuffer(options?.requestData) ? options.requestData : Buffer.from(options?.requestData ?? [])
    return transport(String(options?.apiName ?? ''), data)
  }
  return () => {
    host.callCompatibleWxOpenApi = original
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Cloud storage (cloud.uploadFile, getTempFileURL, deleteFile, downloadFile)

/** CloudBase's storage API answer (@cloudbase/node-sdk reads `data` and turns a `code` into its TcbError). */
export type StorageTransport = (action: string, params: Record<string, unknown>) => Promise<Record<string, unknown>>

interface TcbApiModule {
  request(args: { params?: { action?: unknown } & Record<string, unknown> }): Promise<unknown>
}

const nodeSdkPaths = () => {
  const base = { paths: [dirname(require.resolve('wx-server-sdk'))] }
  return {
    tcbApi: require.resolve('@cloudbase/node-sdk/dist/utils/tcbapirequester', base),
    utils: require.resolve('@cloudbase/node-sdk/dist/utils/utils', base),
    storage: require.resolve('@cloudbase/node-sdk/dist/storage', base),
  }
}

/** Where the storage seam lives, and whether it is still there (a test pins this against SDK upgrades). */
export const inspectStorageSeam = () => {
  const paths = nodeSdkPaths()
  const tcbApi = require(paths.tcbApi) as Partial<TcbApiModule>
  const storage = require(paths.storage) as Record<string, unknown>
  return {
    module: paths.tcbApi,
    hasRequest: typeof tcbApi.request === 'function',
    hasStorage: ['uploadFile', 'getTempFileURL', 'deleteFile', 'downloadFile'].every((f) => typeof storage[f] === 'function'),
  }
}

/**
 * Routes the SDK's storage API actions (`storage.*`) to `transport`. wx-server-sdk's `cloud.uploadFile` & co. call
 * @cloudbase/node-sdk's storage module, which sends each CloudBase API action through the module function
 * `request(args)` of utils/tcbapirequester (looked up on the module at every call) — the storage counterpart of
 * the database requester's `send`. Replacing it for `storage.*` keeps the SDK's own argument checks, result
 * shaping and errors; other actions go on as before. The bytes themselves travel as the SDK sends them: an HTTP
 * PUT to the upload URL and a GET of the temporary link, both on the local gateway. Returns a restore function.
 */
export const installStorageSeam = (transport: StorageTransport): (() => void) => {
  const info = inspectStorageSeam()
  if (!info.hasRequest || !info.hasStorage)
    throw new Error('local cloud: wx-server-sdk no longer has the storage seam this local cloud patches')
  const paths = nodeSdkPaths()
  const tcbApi = require(paths.tcbApi) as TcbApiModule
  const { processReturn } = require(paths.utils) as { processReturn: (r: unknown) => unknown }
  const original = tcbApi.request
  tcbApi.request = async function (this: unknown, args) {
    const action = args?.params?.action
    if (typeof action !== 'string' || !action.startsWith('storage.')) return original.call(this, args)
    const { action: _action, ...params } = args.params ?? {}
    const result = await transport(action, params)
    // What the original does with an answer carrying a code (throws a TcbError unless throwOnCode is off).
    return result && result.code ? processReturn(result) : result
  }
  return () => {
    tcbApi.request = original
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Calls between functions (cloud.callFunction)

/** CloudBase's answer to `functions.invokeFunction`: `{ requestId, data: { response_data } }` or `{ code, message }`. */
export type FunctionsTransport = (name: string, requestData: string) => Promise<Record<string, unknown>>

/** Where the callFunction seam lives, and whether it is still there (a test pins this against SDK upgrades). */
export const inspectFunctionsSeam = () => {
  const base = { paths: [dirname(require.resolve('wx-server-sdk'))] }
  const tcbApi = require(require.resolve('@cloudbase/node-sdk/dist/utils/tcbapirequester', base)) as Partial<TcbApiModule>
  const functions = require(require.resolve('@cloudbase/node-sdk/dist/functions', base)) as Record<string, unknown>
  return { hasRequest: typeof tcbApi.request === 'function', hasCallFunction: typeof functions.callFunction === 'function' }
}

/**
 * Routes `cloud.callFunction({ name, data })` to `transport`. wx-server-sdk calls @cloudbase/node-sdk's
 * `callFunction`, which sends the CloudBase API action `functions.invokeFunction { function_name, request_data
 * (the data as JSON) }` through the same module function `request(args)` as storage (see installStorageSeam), and
 * parses `data.response_data` of the answer; an answer with a `code` becomes the SDK's own error. Other actions go
 * on as before. Returns a restore function.
 */
export const installFunctionsSeam = (transport: FunctionsTransport): (() => void) => {
  const info = inspectFunctionsSeam()
  if (!info.hasRequest || !info.hasCallFunction)
    throw new Error('local cloud: wx-server-sdk no longer has the callFunction seam this local cloud patches')
  const paths = nodeSdkPaths()
  const tcbApi = require(paths.tcbApi) as TcbApiModule
  const { processReturn } = require(paths.utils) as { processReturn: (r: unknown) => unknown }
  const original = tcbApi.request
  tcbApi.request = async function (this: unknown, args) {
    const params = args?.params ?? {}
    if (params.action !== 'functions.invokeFunction') return original.call(this, args)
    const result = await transport(String(params.function_name ?? ''), typeof params.request_data === 'string' ? params.request_data : '')
    return result && result.code ? processReturn(result) : result
  }
  return () => {
    tcbApi.request = original
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Everything else the SDK would send to Tencent Cloud

/** The API a CloudBase API action stands for, as the function author wrote it. */
const apiOfAction = (params: Record<string, unknown>): string => {
  const action = String(params.action ?? 'unknown')
  if (action === 'wx.wxPayApi') return `cloudPay.${String(params.apiName ?? '')}`
  if (action.startsWith('wx.') && typeof params.apiName === 'string') return `${action} ${params.apiName}`
  return action
}

/**
 * Makes the SDK's own ways out fail loudly, naming the API: "not available on the local cloud: <api>".
 * - Every CloudBase API action sent through node-sdk's `request(args)` (utils/tcbapirequester): cloudPay.* (as
 *   `wx.wxPayApi`), `wx.api` (callOpenAPI), `wx.wxCallContainerApi`, `auth.*`, `analytics.*`, ... The storage and
 *   functions seams, installed after this one, answer theirs before it is reached.
 * - node-sdk's lowest HTTP function, `extraRequest` (utils/request; callApis, AI, cloud run), for any URL whose
 *   host is not the loopback.
 * - The probe of Tencent Cloud's metadata service that `CloudBase.init` starts (`metadata.lookupAppId`, an HTTP GET
 *   to metadata.tencentyun.com) answers "not on Tencent Cloud" ('') without a request, as a lookup that fails
 *   does; credential lookups fail.
 * The network guard (offline.ts) stops what remains. Returns a restore function.
 */
export const installOfflineSeam = (): (() => void) => {
  const base = { paths: [dirname(require.resolve('wx-server-sdk'))] }
  const tcbApi = require(nodeSdkPaths().tcbApi) as TcbApiModule
  const http = require(require.resolve('@cloudbase/node-sdk/dist/utils/request', base)) as {
    extraRequest: (opts: { url?: string }, extra?: { op?: string }) => Promise<unknown>
  }
  const metadata = require(require.resolve('@cloudbase/node-sdk/dist/utils/metadata', base)) as Record<string, unknown>

  const originals = { request: tcbApi.request, extraRequest: http.extraRequest, metadata: { ...metadata } }
  tcbApi.request = async (args) => {
    throw unavailable(apiOfAction(args?.params ?? {}))
  }
  http.extraRequest = async function (this: unknown, opts, extra) {
    let host: string | undefined
    try {
      host = new URL(String(opts?.url)).hostname
    } catch {
      host = undefined
    }
    if (!isLoopback(host)) throw unavailable(extra?.op ?? String(opts?.url))
    return originals.extraRequest.call(this, opts, extra)
  }
  metadata.lookupAppId = async () => ''
  metadata.lookupCredentials = async () => {
    throw unavailable('metadata.tencentyun.com credentials')
  }
  metadata.lookup = async (path: unknown) => {
    throw unavailable(`http://metadata.tencentyun.com/latest/${String(path)}`)
  }
  return () => {
    tcbApi.request = originals.request
    http.extraRequest = originals.extraRequest
    Object.assign(metadata, originals.metadata)
  }
}
