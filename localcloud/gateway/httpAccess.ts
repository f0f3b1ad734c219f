/**
 * CloudBase's HTTP access service (HTTP 访问服务, 云接入): a function declared as HTTP-accessed is served under its
 * trigger paths, called with CloudBase's integration request as its event, and its return value becomes the HTTP
 * response. Source: "使用 HTTP 访问云函数" (docs.cloudbase.net/service/access-cloud-function; the same text at
 * cloud.tencent.com/document/product/876/41776) and the body limits of EXCEED_MAX_PAYLOAD_SIZE
 * (docs.cloudbase.net/en/error-code/EXCEED_MAX_PAYLOAD_SIZE).
 *
 * Declared in the function's config.json, which the deploy plan reads too (it creates the paths):
 *   "httpAccess": { "paths": ["/pos"] }
 * A path serves itself and everything under it (`/pos` serves `/pos/v1/members/…`, never `/posx`); the longest
 * declared path wins. CloudBase's per-path authentication switch (鉴权) is not modelled: paths are created with it
 * off and the function authenticates its callers itself.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

export interface HttpRoute {
  path: string
  fn: string
}

/** A trigger path: `/` then segments of URL-safe characters, no trailing slash. */
const TRIGGER_PATH = /^\/[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)*$/
/** Paths of the gateway's own, which a trigger path may not shadow locally. */
const RESERVED = ['/functions', '/local', '/auth', '/v1']

/** The function's declared trigger paths (config.json `httpAccess.paths`); [] when it declares none. */
export const readHttpAccess = (fnDir: string, fn: string): string[] => {
  const file = join(fnDir, 'config.json')
  if (!existsSync(file)) return []
  let config: { httpAccess?: unknown }
  try {
    config = JSON.parse(readFileSync(file, 'utf8')) as { httpAccess?: unknown }
  } catch (e) {
    throw new Error(`local cloud: function ${fn}: config.json is not JSON: ${(e as Error).message}`)
  }
  const access = config?.httpAccess
  if (access === undefined) return []
  return httpAccessPaths(access, `function ${fn}`)
}

/** Checks a config.json `httpAccess` value and returns its paths; throws a message naming `where`. */
export const httpAccessPaths = (access: unknown, where: string): string[] => {
  const paths = (access as { paths?: unknown } | null)?.paths
  if (typeof access !== 'object' || access === null || !Array.isArray(paths) || paths.length === 0)
    throw new Error(`local cloud: ${where}: config.json "httpAccess" must be { "paths": ["/path", ...] }`)
  for (const key of Object.keys(access))
    if (key !== 'paths') throw new Error(`local cloud: ${where}: config.json "httpAccess.${key}" is not modelled (only "paths")`)
  return paths.map((p) => {
    if (typeof p !== 'string' || !TRIGGER_PATH.test(p))
      throw new Error(`local cloud: ${where}: HTTP access path ${JSON.stringify(p)} must be /segment[/segment…] (no trailing /)`)
    if (RESERVED.some((r) => p === r || p.startsWith(`${r}/`)))
      throw new Error(`local cloud: ${where}: HTTP access path ${p} collides with the local gateway's own ${RESERVED.join(', ')}`)
    return p
  })
}

/** Every function's routes, checked for a path declared twice. */
export const httpRoutes = (declared: { fn: string; paths: string[] }[]): HttpRoute[] => {
  const routes: HttpRoute[] = []
  for (const { fn, paths } of declared)
    for (const path of paths) {
      const taken = routes.find((r) => r.path === path)
      if (taken) throw new Error(`local cloud: HTTP access path ${path} is declared by both ${taken.fn} and ${fn}`)
      routes.push({ path, fn })
    }
  // Longest first: the most specific path wins.
  return routes.sort((a, b) => b.path.length - a.path.length)
}

export const routeFor = (routes: readonly HttpRoute[], pathname: string): HttpRoute | undefined =>
  routes.find((r) => pathname === r.path || pathname.startsWith(`${r.path}/`))

/**
 * Request bodies CloudBase passes on: 100 KB for a text body, 6 MB for any other (EXCEED_MAX_PAYLOAD_SIZE: "text
 * type request body 100KB, other type request body 6MB"). Read as `text/*` for the former (the stricter reading) and
 * as 6,000,000 bytes for the latter.
 */
export const HTTP_TEXT_BODY_BYTES = 100 * 1024
export const HTTP_BODY_BYTES = 6_000_000

const TEXTUAL = /^(text\/|application\/(json|javascript|xml|x-www-form-urlencoded)|[^;]*\+(json|xml)\b)/i

export const bodyLimit = (contentType: string | undefined): number =>
  /^text\//i.test(contentType ?? '') ? HTTP_TEXT_BODY_BYTES : HTTP_BODY_BYTES

/** Whether a body of this type reaches the function as text (else base64, isBase64Encoded: true). No type: text. */
export const isTextual = (contentType: string | undefined): boolean => !contentType || TEXTUAL.test(contentType)

export interface IntegrationRequest {
  path: string
  httpMethod: string
  headers: Record<string, string>
  multiValueHeaders: Record<string, string[]>
  queryStringParameters: Record<string, string>
  requestContext: { requestId: string; envId: string; appId: number; uin: number }
  body: string
  isBase64Encoded: boolean
}

/** The integration request (集成请求) for one HTTP request. */
export const integrationRequest = (o: {
  method: string
  pathname: string
  search: URLSearchParams
  rawHeaders: string[]
  body: Buffer
  requestId: string
  envId: string
  /** Headers of the local cloud's own (x-local-clock), not passed on. */
  drop?: string[]
}): IntegrationRequest => {
  const multi: Record<string, string[]> = {}
  for (let i = 0; i + 1 < o.rawHeaders.length; i += 2) {
    const name = o.rawHeaders[i].toLowerCase()
    if (o.drop?.includes(name)) continue
    ;(multi[name] ??= []).push(o.rawHeaders[i + 1])
  }
  const headers = Object.fromEntries(Object.entries(multi).map(([k, v]) => [k, v.join(',')]))
  const query: Record<string, string> = {}
  // A repeated key: the last value (the documented shape is key → value).
  for (const [k, v] of o.search) query[k] = v
  const text = isTextual(headers['content-type'])
  return {
    path: o.pathname,
    httpMethod: o.method,
    headers,
    multiValueHeaders: multi,
    queryStringParameters: query,
    requestContext: { requestId: o.requestId, envId: o.envId, appId: 0, uin: 0 },
    body: text ? o.body.toString('utf8') : o.body.toString('base64'),
    isBase64Encoded: !text,
  }
}

export interface HttpAnswer {
  status: number
  headers: Record<string, string>
  body: Buffer
}

const INTEGRATION_KEYS = new Set(['statusCode', 'headers', 'multiValueHeaders', 'body', 'isBase64Encoded'])

const withCharset = (type: string) => (/charset=/i.test(type) || !isTextual(type) ? type : `${type}; charset=utf-8`)

/**
 * The HTTP response for a function's return value, as the service makes it: a string or number → 200 text/plain;
 * an integration response (an object with a `statusCode`) → that status, headers and body (base64-decoded when
 * isBase64Encoded); any other value → 200 application/json of the value. An object with a `statusCode` that is not
 * a well-formed integration response is not passed through as JSON: it answers 502 saying why (never kinder than
 * a gateway that cannot read the response).
 */
export const httpAnswer = (value: unknown): HttpAnswer => {
  if (typeof value === 'string' || typeof value === 'number')
    return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: Buffer.from(String(value)) }
  if (value === undefined || value === null)
    return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: Buffer.alloc(0) }
  if (typeof value === 'object' && !Array.isArray(value) && Object.prototype.hasOwnProperty.call(value, 'statusCode')) {
    const r = value as Record<string, unknown>
    const bad = (why: string): HttpAnswer => ({
      status: 502,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: Buffer.from(JSON.stringify({ code: 'INVALID_INTEGRATION_RESPONSE', message: `the function's integration response ${why}` })),
    })
    const status = r.statusCode
    if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) return bad('has no valid statusCode')
    const extra = Object.keys(r).find((k) => !INTEGRATION_KEYS.has(k))
    if (extra) return bad(`has an unknown field ${extra}`)
    if (r.body !== undefined && typeof r.body !== 'string') return bad('body is not a string')
    if (r.isBase64Encoded !== undefined && typeof r.isBase64Encoded !== 'boolean') return bad('isBase64Encoded is not a boolean')
    const headers: Record<string, string> = {}
    if (r.headers !== undefined) {
      if (typeof r.headers !== 'object' || r.headers === null || Array.isArray(r.headers)) return bad('headers is not an object')
      for (const [k, v] of Object.entries(r.headers)) {
        if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return bad(`header ${k} is not a string`)
        headers[k.toLowerCase()] = String(v)
      }
    }
    if (headers['content-type']) headers['content-type'] = withCharset(headers['content-type'])
    const body = typeof r.body === 'string' ? Buffer.from(r.body, r.isBase64Encoded === true ? 'base64' : 'utf8') : Buffer.alloc(0)
    return { status, headers, body }
  }
  return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: Buffer.from(JSON.stringify(value)) }
}
