/**
 * The HTTP gateway on 127.0.0.1: `POST /functions/<name>` runs a function (body = the event), `GET /local/health`,
 * and the H5 build as static files. The caller's identity comes from `x-local-openid` — the local stand-in for
 * what WeChat attaches to a callFunction; deployed code never sees this header, only the cloud context.
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { toJsonText } from '../instances/json'
import type { Invocation } from '../instances/pool'
import { serveStatic } from './static'
import type { WebAuth, WebUser } from '../webauth/webauth'
import { bodyLimit, httpAnswer, integrationRequest, type HttpRoute } from './httpAccess'

export const OPENID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/
const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,60}$/
/**
 * CloudBase refuses a cloud function request body over 6 MB (EXCEED_MAX_PAYLOAD_SIZE; text/plain bodies 100 KB).
 * Read as 6,000,000 bytes, the smaller reading, so the local cloud is never kinder; the same limit applies to
 * invoke() (cloud.ts), so tests that skip HTTP meet it too.
 */
export const MAX_FUNCTION_PAYLOAD_BYTES = 6_000_000
/** A client database request body (POST /local/db). */
const MAX_CLIENT_DB_BYTES = 5 * 1024 * 1024
/**
 * After answering 413, the gateway reads and discards what the client still sends (so that it can read the answer
 * instead of meeting a reset connection while it writes) up to this many bytes, then closes the connection.
 */
const DRAIN_AFTER_REFUSAL_BYTES = 64 * 1024 * 1024

/**
 * The deepest event the gateway passes on. CloudBase documents no nesting limit: SDKs send the event as the JSON
 * text `request_data` (their JSON.stringify overflows from ~4,100 levels, so none sends deeper), and the runtime's
 * JSON.parse takes any depth, so a hand-made request reaches the function however deep it nests. This is the
 * local cloud's own bound: far past the ~14,000 frames at which recursing over the event overflows a function's
 * stack (so it hides no such bug), low enough that a hostile 6 MB of brackets (3 million levels, seconds of the
 * one main thread and hundreds of MB) is refused before it is parsed.
 */
export const MAX_EVENT_DEPTH = 100_000

/** What a caller receives for a callFunction payload over the limit, over HTTP (413) and from invoke() alike. */
export const payloadTooLargeBody = (limit = MAX_FUNCTION_PAYLOAD_BYTES) => ({
  errCode: -501007,
  errMsg: `cloud.callFunction:fail Error: errCode: -501007 | errMsg: [EXCEED_MAX_PAYLOAD_SIZE] request body over ${limit.toLocaleString('en-US')} bytes`,
})

/** What a caller receives for an event nested deeper than MAX_EVENT_DEPTH, over HTTP (400) and from invoke(). */
export const eventTooDeepBody = (limit = MAX_EVENT_DEPTH) => ({
  errCode: -501007,
  errMsg: `cloud.callFunction:fail Error: errCode: -501007 invalid parameters | errMsg: [INVALID_PARAM] event nested deeper than ${limit.toLocaleString('en-US')} levels (the local cloud's limit; CloudBase documents none)`,
})

/**
 * Whether JSON text nests arrays and objects deeper than `limit`: one pass over the text, brackets inside strings
 * skipped, nothing allocated. Meant for text that is JSON (or about to be refused as not JSON).
 */
export const jsonNestsDeeperThan = (text: string, limit: number): boolean => {
  let depth = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x22) {
      // a string: skip to its closing quote, over escapes
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i)
        if (d === 0x5c) i++
        else if (d === 0x22) break
      }
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true
    } else if (c === 0x5d || c === 0x7d) depth--
  }
  return false
}

export interface GatewayBackend {
  hasFunction(name: string): boolean
  functionNames(): string[]
  run(name: string, event: unknown, caller: { openid: string; unionid?: string; clientIp?: string; clock?: string }): Promise<Invocation>
  health(): unknown
  /** Cloud storage's links and uploads under /local/files/ (storage/storage.ts). */
  files?(req: IncomingMessage, res: ServerResponse): Promise<void>
  /** A client SDK's database request under the security rules (clientdb/clientdb.ts); openid null = anonymous. */
  clientDb?(openid: string | null, body: unknown): unknown
  /** A phonenumber.getPhoneNumber code for the identity (openapi/phone.ts); throws when it has no phone. */
  phoneCode?(openid: string): string
  /** wx.cloud.uploadFile from the mini program as `openid` (storage/storage.ts `clientUpload`). */
  upload?(openid: string, cloudPath: unknown, req: IncomingMessage): Promise<{ status: number; body: Record<string, unknown> }>
  /** The web SDK's sign-in (webauth/webauth.ts); without it `/auth/v1/` and `/v1/functions/` are not served. */
  webAuth?: WebAuth
  /** The web SDK's `uploadFile` asking where to PUT, as a signed-in web user (storage/storage.ts `webUploadInfo`). */
  webUploadInfo?(user: WebUser, body: unknown): { status: number; body: unknown }
  /** The HTTP access service's route for a path (gateway/httpAccess.ts), if a function declares one. */
  httpRoute?(pathname: string): HttpRoute | undefined
  /** A function called through the HTTP access service: no user at all (no OPENID, no web user). */
  runHttp?(name: string, event: unknown, caller: { clock?: string }): Promise<Invocation>
  /** The environment id functions see (requestContext.envId). */
  envId?: string
  /** A web SDK call of a function by a signed-in web user. */
  runWeb?(name: string, event: unknown, caller: { user: WebUser; clientIp?: string; clock?: string }): Promise<Invocation>
}

export interface GatewayOptions {
  port: number
  staticDir?: string
  /** More static folders at their own paths, e.g. `{ '/desk/': '<the desk build>' }` (each path ends in '/'). */
  staticMounts?: Record<string, string>
  allowClockOverride: boolean
}

/**
 * What the client receives. A function's return value as is; any failure as a wx.cloud.callFunction-style error
 * body `{ errCode, errMsg }` that no `{ ok: ... }` result can be mistaken for.
 */
export const responseBody = (inv: Invocation): unknown => {
  const o = inv.outcome
  switch (o.kind) {
    case 'ok':
      return o.value
    case 'error':
    case 'crash':
      return { errCode: -504002, errMsg: `cloud.callFunction:fail Error: errCode: -504002 functions execute fail | errMsg: ${o.message}` }
    case 'timeout':
      return {
        errCode: -504003,
        errMsg: `cloud.callFunction:fail Error: errCode: -504003 functions time limit exceeded | errMsg: Invoking task timed out after ${o.timeoutS} seconds`,
      }
  }
}

export const notFoundBody = (name: string) => ({
  errCode: -501000,
  errMsg: `cloud.callFunction:fail Error: errCode: -501000 | errMsg: [ResourceNotFound.Function] function ${name} not found`,
})

/** Validates a clock: an ISO instant, normalized; throws a message otherwise. */
export const parseClock = (clock: string | Date): string => {
  const ms = clock instanceof Date ? clock.getTime() : Date.parse(clock)
  if (!Number.isFinite(ms)) throw new Error(`invalid clock ${JSON.stringify(clock)}: expected an ISO instant`)
  return new Date(ms).toISOString()
}

const LOCAL_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/

const sendJson = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  // toJsonText: a function's result may nest deeper than this thread's JSON.stringify reaches.
  const text = toJsonText(body === undefined ? null : body) ?? 'null'
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers })
  res.end(text)
}

class TooLarge extends Error {
  constructor() {
    super('too large')
  }
}

/**
 * The body as text; throws TooLarge past `limit` bytes, after answering `tooLarge` at once: as soon as a
 * Content-Length over the limit arrives, or when a body streamed without one crosses it, while the client is still
 * sending. The rest of the body is then read and thrown away, up to DRAIN_AFTER_REFUSAL_BYTES, so that the
 * client reads the answer rather than a reset connection; past that the connection is closed.
 */
const readBody = async (req: IncomingMessage, res: ServerResponse, limit: number, tooLarge: () => unknown): Promise<string> =>
  (await readBytes(req, res, limit, tooLarge)).toString('utf8')

/** readBody's bytes, undecoded (an HTTP access call's body may be binary). */
const readBytes = (req: IncomingMessage, res: ServerResponse, limit: number, tooLarge: () => unknown): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const refuse = () => {
      // No `Connection: close`: with it Node destroys the socket as soon as the answer is written, and a client still
      // sending meets EPIPE before it reads the answer (seen under load). The connection lingers while the rest is
      // drained, as a server's lingering close does, and is closed only past the drain's bound.
      sendJson(res, 413, tooLarge())
      let drained = 0
      req.removeAllListeners('data')
      req.on('data', (c: Buffer) => {
        drained += c.length
        if (drained > DRAIN_AFTER_REFUSAL_BYTES) req.destroy()
      })
      req.resume()
      reject(new TooLarge())
    }
    const declared = Number(req.headers['content-length'])
    if (Number.isFinite(declared) && declared > limit) return refuse()
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size <= limit) chunks.push(c)
      else refuse()
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })

export const startGateway = async (
  backend: GatewayBackend,
  options: GatewayOptions,
): Promise<{ server: Server; url: string; port: number }> => {
  const server = createServer((req, res) => {
    handle(backend, options, req, res).catch((e) => {
      if (!res.headersSent) sendJson(res, 500, { errCode: -501001, errMsg: `local cloud gateway error: ${(e as Error).message}` })
      else res.destroy()
    })
  })
  // Longer than clients keep an idle connection (Node's fetch: 4 s): the client closes first, so a request is never
  // sent on a connection the gateway is closing at that moment (which the client would see as ECONNRESET).
  server.keepAliveTimeout = 65_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return { server, url: `http://127.0.0.1:${port}`, port }
}

/**
 * `POST /local/db`: what `wx.cloud.database()` sends from a client — body `{ action, ...params }`, the caller in
 * `x-local-openid` (absent = anonymous) — answered under the collection's security rules; always HTTP 200 with
 * the database's answer (`{ data }` or `{ code, message }`), as CloudBase's client endpoint answers.
 */
const handleClientDb = async (backend: GatewayBackend, req: IncomingMessage, res: ServerResponse) => {
  if (req.method !== 'POST') return sendJson(res, 405, { errCode: -501007, errMsg: 'use POST /local/db' })
  const openidHeader = req.headers['x-local-openid']
  const openid = typeof openidHeader === 'string' && openidHeader !== '' ? openidHeader : null
  if (openid !== null && !OPENID_PATTERN.test(openid))
    return sendJson(res, 400, { errCode: -501007, errMsg: 'x-local-openid must match ^[A-Za-z0-9_-]{1,64}$' })
  let body: unknown
  try {
    const text = await readBody(req, res, MAX_CLIENT_DB_BYTES, () => ({ errCode: -501007, errMsg: 'request body over 5 MB' }))
    if (jsonNestsDeeperThan(text, MAX_EVENT_DEPTH))
      return sendJson(res, 400, { errCode: -501007, errMsg: `request body nested deeper than ${MAX_EVENT_DEPTH} levels` })
    body = JSON.parse(text)
  } catch (e) {
    if (e instanceof TooLarge) return // answered
    return sendJson(res, 400, { errCode: -501007, errMsg: 'request body is not JSON' })
  }
  return sendJson(res, 200, backend.clientDb!(openid, body))
}

/**
 * `POST /local/phone-code`: the H5 preview's stand-in for `<button open-type="getPhoneNumber">` — a one-time code for
 * the `x-local-openid` identity's phone, `{ code }`, which a function exchanges with phonenumber.getPhoneNumber.
 * No identity: 400; an identity without a phone: 404 (the button gives no code there).
 */
const handlePhoneCode = (backend: GatewayBackend, req: IncomingMessage, res: ServerResponse) => {
  if (req.method !== 'POST') return sendJson(res, 405, { errCode: -501007, errMsg: 'use POST /local/phone-code' })
  const openid = req.headers['x-local-openid']
  if (typeof openid !== 'string' || !OPENID_PATTERN.test(openid))
    return sendJson(res, 400, {
      errCode: -501007,
      errMsg: 'getPhoneNumber:fail x-local-openid must name the identity that taps (^[A-Za-z0-9_-]{1,64}$)',
    })
  req.resume()
  try {
    return sendJson(res, 200, { code: backend.phoneCode!(openid) })
  } catch (e) {
    return sendJson(res, 404, { errCode: -1, errMsg: `getPhoneNumber:fail ${(e as Error).message}` })
  }
}

/**
 * `POST /local/upload?cloudPath=<path>`: the H5 preview's stand-in for `wx.cloud.uploadFile`, the body the file's bytes,
 * uploaded as the `x-local-openid` identity (no identity: 401, as CloudBase refuses a client that is not signed in).
 */
const handleUpload = async (backend: GatewayBackend, req: IncomingMessage, res: ServerResponse) => {
  if (req.method !== 'POST') return sendJson(res, 405, { errCode: -501007, errMsg: 'use POST /local/upload?cloudPath=<path>' })
  const openid = req.headers['x-local-openid']
  if (typeof openid !== 'string' || !OPENID_PATTERN.test(openid)) {
    req.resume()
    return sendJson(res, 401, { errCode: -501007, errMsg: 'uploadFile:fail not signed in: x-local-openid must name the uploader' })
  }
  const cloudPath = new URL(req.url ?? '/', 'http://localhost').searchParams.get('cloudPath')
  const { status, body } = await backend.upload!(openid, cloudPath ?? undefined, req)
  return sendJson(res, status, body)
}

const handle = async (backend: GatewayBackend, options: GatewayOptions, req: IncomingMessage, res: ServerResponse) => {
  const origin = req.headers.origin
  if (origin && LOCAL_ORIGIN.test(origin)) {
    res.setHeader('access-control-allow-origin', origin)
    res.setHeader('vary', 'origin')
    res.setHeader(
      'access-control-allow-headers',
      'content-type, x-local-openid, x-local-unionid, x-local-clock, authorization, x-request-id, x-device-id, x-sdk-version',
    )
    res.setHeader('access-control-expose-headers', 'x-local-db-ops, x-local-outcome, x-local-invocation, x-local-duration-ms')
    res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS')
  }
  if (req.method === 'OPTIONS') {
    res.writeHead(204)
    return res.end()
  }
  let path: string
  try {
    path = new URL(req.url ?? '/', 'http://localhost').pathname
  } catch {
    return sendJson(res, 400, { errCode: -501007, errMsg: 'bad request target' })
  }

  if (path === '/local/health' && req.method === 'GET') return sendJson(res, 200, backend.health())
  // Matched on the raw URL: a normalized path would have resolved "/local/files/../x" before storage could refuse it.
  if (backend.files && (req.url ?? '').startsWith('/local/files/')) return backend.files(req, res)

  if (path === '/local/db' && backend.clientDb) return handleClientDb(backend, req, res)
  if (path === '/local/phone-code' && backend.phoneCode) return handlePhoneCode(backend, req, res)
  if (path === '/local/upload' && backend.upload) return handleUpload(backend, req, res)
  if (backend.webAuth && path.startsWith('/auth/v1/')) return handleWebAuth(backend.webAuth, path, req, res)
  if (backend.webAuth && path.startsWith('/v1/functions/')) return handleWebCall(backend, options, path, req, res)
  if (backend.webAuth && backend.webUploadInfo && path === '/v1/storages/get-objects-upload-info')
    return handleWebUploadInfo(backend, req, res)

  const route = backend.httpRoute?.(path)
  if (route) return handleHttpAccess(backend, options, route, req, res)

  const fn = /^\/functions\/([^/]+)\/?$/.exec(path)
  if (!fn) {
    for (const [mount, dir] of Object.entries(options.staticMounts ?? {})) {
      if (path === mount.slice(0, -1)) {
        res.writeHead(302, { location: mount })
        return res.end()
      }
      if (path.startsWith(mount)) return serveStatic(dir, req, res, mount)
    }
    return serveStatic(options.staticDir, req, res)
  }
  if (req.method !== 'POST') return sendJson(res, 405, { errCode: -501007, errMsg: 'use POST /functions/<name>' })
  let name = fn[1]
  try {
    name = decodeURIComponent(name)
  } catch {
    // not percent-encoding: no function has such a name
  }
  if (!FUNCTION_NAME.test(name) || !backend.hasFunction(name)) return sendJson(res, 404, notFoundBody(name))

  const openidHeader = req.headers['x-local-openid']
  const openid = typeof openidHeader === 'string' ? openidHeader : ''
  if (openid !== '' && !OPENID_PATTERN.test(openid))
    return sendJson(res, 400, { errCode: -501007, errMsg: 'x-local-openid must match ^[A-Za-z0-9_-]{1,64}$' })
  const unionidHeader = req.headers['x-local-unionid']
  const unionid = typeof unionidHeader === 'string' && unionidHeader !== '' ? unionidHeader : undefined
  if (unionid !== undefined && !OPENID_PATTERN.test(unionid))
    return sendJson(res, 400, { errCode: -501007, errMsg: 'x-local-unionid must match ^[A-Za-z0-9_-]{1,64}$' })

  const extra: Record<string, string> = {}
  let clock: string | undefined
  const clockHeader = req.headers['x-local-clock']
  if (typeof clockHeader === 'string' && clockHeader !== '') {
    if (!options.allowClockOverride) extra['x-local-clock-ignored'] = 'clock override is off'
    else {
      try {
        clock = parseClock(clockHeader)
      } catch (e) {
        return sendJson(res, 400, { errCode: -501007, errMsg: (e as Error).message })
      }
    }
  }

  // Over-large and over-deep events are refused here, before anything is parsed or queued.
  let event: unknown
  try {
    const text = await readBody(req, res, MAX_FUNCTION_PAYLOAD_BYTES, payloadTooLargeBody)
    if (jsonNestsDeeperThan(text, MAX_EVENT_DEPTH)) return sendJson(res, 400, eventTooDeepBody())
    event = text.trim() === '' ? {} : JSON.parse(text)
  } catch (e) {
    if (e instanceof TooLarge) return // answered 413
    return sendJson(res, 400, { errCode: -501007, errMsg: 'request body is not JSON' })
  }

  const inv = await backend.run(name, event, { openid, unionid, clientIp: req.socket.remoteAddress, clock })
  sendJson(res, 200, responseBody(inv), {
    ...extra,
    'x-local-db-ops': JSON.stringify(inv.ops),
    'x-local-outcome': inv.outcome.kind,
    'x-local-invocation': inv.id,
    'x-local-duration-ms': String(inv.durationMs),
  })
}

/** `/auth/v1/…`: the web SDK's sign-in, token refresh, user and sign-out (webauth/webauth.ts). */
const handleWebAuth = async (auth: WebAuth, path: string, req: IncomingMessage, res: ServerResponse) => {
  const clientId = new URL(req.url ?? '/', 'http://localhost').searchParams.get('client_id')
  let body: unknown
  try {
    const text = await readBody(req, res, 64 * 1024, () => ({ error: 'invalid_argument', error_description: 'request body too large' }))
    body = text.trim() === '' ? {} : JSON.parse(text)
  } catch (e) {
    if (e instanceof TooLarge) return
    return sendJson(res, 400, { error: 'invalid_argument', error_description: 'request body is not JSON' })
  }
  const authorization = req.headers.authorization
  const answer =
    path === '/auth/v1/signin/custom' && req.method === 'POST'
      ? auth.signInCustom(clientId, body)
      : path === '/auth/v1/signin/anonymously' && req.method === 'POST'
        ? auth.signInAnonymously(clientId)
        : path === '/auth/v1/token' && req.method === 'POST'
          ? auth.token(body)
          : path === '/auth/v1/user/me' && req.method === 'GET'
            ? auth.me(authorization)
            : path === '/auth/v1/user/signout' && req.method === 'POST'
              ? auth.signOut(authorization)
              : { status: 404, body: { error: 'not_found', error_description: `the local cloud does not model ${req.method} ${path}` } }
  sendJson(res, answer.status, answer.body)
}

/** CloudBase's HTTP API error body: `{ code, message, requestId }`. */
const apiError = (res: ServerResponse, status: number, code: string, message: string) =>
  sendJson(res, status, { code, message, requestId: `local-${Date.now().toString(36)}` })

/**
 * The web SDK's and HTTP access's test clock: `x-local-clock` when the gateway allows overrides, else none. Throws
 * on a malformed one (the caller answers 400).
 */
const clockOverride = (req: IncomingMessage, options: GatewayOptions): string | undefined => {
  const header = req.headers['x-local-clock']
  return typeof header === 'string' && header !== '' && options.allowClockOverride ? parseClock(header) : undefined
}

/**
 * `POST /v1/functions/<name>`: a function called by the web SDK, as CloudBase's HTTP API answers it: the caller is
 * the signed-in user of the bearer token (no token, or an unknown or expired one: 401 and the function never runs);
 * the answer is the function's return value, a failure is `{ code, message, requestId }` with an HTTP error status.
 */
const handleWebCall = async (backend: GatewayBackend, options: GatewayOptions, path: string, req: IncomingMessage, res: ServerResponse) => {
  if (req.method !== 'POST') return apiError(res, 405, 'INVALID_REQUEST', 'use POST /v1/functions/<name>')
  const user = backend.webAuth!.caller(req.headers.authorization)
  if (!user) return apiError(res, 401, 'INVALID_ACCESS_TOKEN', 'access token missing, invalid or expired')
  let name = path.slice('/v1/functions/'.length).replace(/\/$/, '')
  try {
    name = decodeURIComponent(name)
  } catch {
    // not percent-encoding: no function has such a name
  }
  if (!FUNCTION_NAME.test(name) || !backend.hasFunction(name)) return apiError(res, 404, 'FUNCTION_NOT_FOUND', `function ${name} not found`)
  let clock: string | undefined
  try {
    clock = clockOverride(req, options)
  } catch (e) {
    return apiError(res, 400, 'INVALID_PARAM', (e as Error).message)
  }
  let event: unknown
  try {
    const text = await readBody(req, res, MAX_FUNCTION_PAYLOAD_BYTES, () => ({
      code: 'EXCEED_MAX_PAYLOAD_SIZE',
      message: `request body over ${MAX_FUNCTION_PAYLOAD_BYTES.toLocaleString('en-US')} bytes`,
    }))
    if (jsonNestsDeeperThan(text, MAX_EVENT_DEPTH)) return apiError(res, 400, 'FUNCTION_PARAM_INVALID', eventTooDeepBody().errMsg)
    event = text.trim() === '' ? {} : JSON.parse(text)
  } catch (e) {
    if (e instanceof TooLarge) return
    return apiError(res, 400, 'FUNCTION_PARAM_INVALID', 'request body is not JSON')
  }
  const inv = await backend.runWeb!(name, event, { user, clientIp: req.socket.remoteAddress, clock })
  const headers = { 'x-local-outcome': inv.outcome.kind, 'x-local-invocation': inv.id }
  const o = inv.outcome
  if (o.kind === 'ok') return sendJson(res, 200, o.value, headers)
  if (o.kind === 'timeout') return apiError(res, 504, 'FUNCTION_TIME_LIMIT_EXCEEDED', `Invoking task timed out after ${o.timeoutS} seconds`)
  apiError(res, 500, 'FUNCTION_INVOCATION_FAILED', o.message)
}

/** `POST /v1/storages/get-objects-upload-info`: where a signed-in web user may PUT a file (storage/storage.ts). */
const handleWebUploadInfo = async (backend: GatewayBackend, req: IncomingMessage, res: ServerResponse) => {
  if (req.method !== 'POST') return apiError(res, 405, 'INVALID_REQUEST', 'use POST')
  const user = backend.webAuth!.caller(req.headers.authorization)
  if (!user) return apiError(res, 401, 'INVALID_ACCESS_TOKEN', 'access token missing, invalid or expired')
  let body: unknown
  try {
    const text = await readBody(req, res, 1024 * 1024, () => ({ code: 'INVALID_PARAM', message: 'request body too large' }))
    body = JSON.parse(text)
  } catch (e) {
    if (e instanceof TooLarge) return
    return apiError(res, 400, 'INVALID_PARAM', 'request body is not JSON')
  }
  const answer = backend.webUploadInfo!(user, body)
  sendJson(res, answer.status, answer.body)
}

let httpRequests = 0

/**
 * A request under a function's HTTP access path (gateway/httpAccess.ts): the integration request as the event, the
 * function's return value as the response. Bodies over CloudBase's limits (100 KB text, 6 MB other) are refused
 * with 413 before the function runs; so is an event that would exceed the 6 MB event limit once base64-encoded.
 * Failures answer CloudBase's API error shape `{ code, message, requestId }`: 500 when the function failed, 504 on
 * its timeout (CloudBase documents no body for these; the codes are its error codes).
 */
const handleHttpAccess = async (
  backend: GatewayBackend,
  options: GatewayOptions,
  route: HttpRoute,
  req: IncomingMessage,
  res: ServerResponse,
) => {
  const requestId = `local-http-${Date.now().toString(36)}-${(++httpRequests).toString(36)}`
  if (!backend.hasFunction(route.fn)) return apiError(res, 404, 'FUNCTION_NOT_FOUND', `function ${route.fn} not found`)
  let clock: string | undefined
  try {
    clock = clockOverride(req, options)
  } catch (e) {
    return apiError(res, 400, 'INVALID_PARAM', (e as Error).message)
  }
  const contentType = req.headers['content-type']
  const limit = bodyLimit(contentType)
  let body: Buffer
  try {
    body = await readBytes(req, res, limit, () => ({
      code: 'EXCEED_MAX_PAYLOAD_SIZE',
      message: `request body over ${limit.toLocaleString('en-US')} bytes`,
      requestId,
    }))
  } catch (e) {
    if (e instanceof TooLarge) return
    throw e
  }
  const url = new URL(req.url ?? '/', 'http://localhost')
  const event = integrationRequest({
    method: req.method ?? 'GET',
    pathname: url.pathname,
    search: url.searchParams,
    rawHeaders: req.rawHeaders,
    body,
    requestId,
    envId: backend.envId ?? 'local',
    drop: options.allowClockOverride ? ['x-local-clock'] : [],
  })
  const size = Buffer.byteLength(JSON.stringify(event))
  if (size > MAX_FUNCTION_PAYLOAD_BYTES)
    return apiError(
      res,
      413,
      'EXCEED_MAX_PAYLOAD_SIZE',
      `event of ${size.toLocaleString('en-US')} bytes over ${MAX_FUNCTION_PAYLOAD_BYTES.toLocaleString('en-US')}`,
    )
  const inv = await backend.runHttp!(route.fn, event, { clock })
  const diagnostics = { 'x-local-outcome': inv.outcome.kind, 'x-local-invocation': inv.id, 'x-local-db-ops': JSON.stringify(inv.ops) }
  const o = inv.outcome
  if (o.kind === 'timeout')
    return apiError(res, 504, 'FUNCTIONS_TIME_LIMIT_EXCEEDED', `Invoking task timed out after ${o.timeoutS} seconds`)
  if (o.kind !== 'ok') return apiError(res, 500, 'FUNCTIONS_EXECUTE_FAIL', o.message)
  const answer = httpAnswer(o.value)
  res.writeHead(answer.status, { ...answer.headers, 'content-length': answer.body.length, ...diagnostics })
  res.end(req.method === 'HEAD' ? undefined : answer.body)
}
