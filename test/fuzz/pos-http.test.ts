/**
 * Fuzzing the POS API over HTTP (cloudfunctions/pos, through the local cloud's HTTP access service): FUZZ_RUNS
 * requests (2,000 locally, 10,000 in CI) mixing methods, paths, content types, signatures (valid, wrong, stale,
 * missing, a nonce used before) and bodies (valid purchases and refunds with one field made nasty, nasty shapes,
 * random JSON, not JSON). Each answer must be JSON `{ ok, data | error }` with a known code and words for people,
 * a status that is not a server error, no crashed or timed-out instance and nothing on stderr; a refused request
 * changes nothing but its nonce (per request, and as a digest of every collection around a replayed batch).
 *   FUZZ_RUNS=10000 FUZZ_SEED=123 npx jest --selectProjects fuzz --runTestsByPath test/fuzz/pos-http.test.ts
 */
import { randomBytes } from 'node:crypto'
import fc from 'fast-check'
import { DEMO_STORE } from '../../scripts/demo-data'
import { signHeaders, type PosCredentials } from '../../scripts/pos/client'
import { startTestCloud } from '../cloud/harness'
import { makeKey } from '../cloud/pos-support'
import { anyNasty, badShape, nastyFor, operatorObject } from './support/nasty'
import { answerProblems, errorCode, observe, type Observer } from './support/observe'

const RUNS = Number(process.env.FUZZ_RUNS ?? 2_000)
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31)
const STATUSES = new Set([200, 400, 401, 403, 404, 405, 409, 422, 423, 429])

type Harness = Awaited<ReturnType<typeof startTestCloud>>
let h: Harness
let key: PosCredentials
let code: string
let observer: Observer

beforeAll(async () => {
  console.log(`fuzz pos over HTTP: ${RUNS} requests, seed ${SEED} (replay with FUZZ_SEED=${SEED})`)
  // A rate the run never reaches: the rate limit has its own test (test/cloud/pos-auth.test.ts).
  h = await startTestCloud({
    poolSize: 2,
    dbLatencyMs: 0,
    logs: true,
    isolated: true,
    functionEnv: { pos: { POS_RATE_PER_MINUTE: '1000000' } },
  })
  await h.cloud.warm('pos')
  key = await makeKey(h, DEMO_STORE._id)
  const shopper = await h.joinedShopper('fuzz-pos')
  code = await h.tillCode(shopper.openid)
  observer = observe(h.cloud)
}, 120_000)

afterAll(async () => {
  observer?.stop()
  await h?.close()
})

const validPurchase = () => ({
  orderNo: `F${randomBytes(6).toString('hex')}`,
  memberCode: code,
  amountFen: 12_000,
  lines: [{ sku: 'A-1', name: '衬衫', qty: 1, unitPriceFen: 12_000, costFen: 5_000 }],
})
const validRefund = () => ({ orderNo: 'NOPE', refundNo: `R${randomBytes(4).toString('hex')}`, amountFen: 100 })

/** A valid body with one field (at any depth) replaced by a nasty value, or dropped. */
const nastyField = (base: Record<string, unknown>): fc.Arbitrary<unknown> => {
  const paths: (string | number)[][] = []
  const walk = (v: unknown, at: (string | number)[]) => {
    if (at.length) paths.push(at)
    if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...at, Array.isArray(v) ? Number(k) : k])
  }
  walk(base, [])
  return fc.constantFrom(...paths).chain((path) =>
    nastyFor(path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], base)).map((bad) => {
      const copy = structuredClone(base) as Record<string | number, unknown>
      let parent = copy
      for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>
      parent[path[path.length - 1]] = bad
      return copy
    }),
  )
}

interface Req {
  method: string
  path: string
  contentType: string | null
  body: unknown
  raw: string | null
  signing: 'valid' | 'wrong' | 'stale' | 'none' | 'reused'
}

const bodies = fc.oneof(
  { arbitrary: fc.constant(null).map(() => validPurchase()), weight: 2 },
  { arbitrary: fc.constant(null).chain(() => nastyField(validPurchase())), weight: 6 },
  { arbitrary: fc.constant(null).chain(() => nastyField(validRefund())), weight: 3 },
  { arbitrary: badShape, weight: 1 },
  { arbitrary: operatorObject, weight: 1 },
  { arbitrary: anyNasty, weight: 1 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 1 },
)
const common = {
  contentType: fc.constantFrom('application/json', 'application/json', 'application/json', 'text/plain', 'application/octet-stream', null),
  body: bodies,
  raw: fc.oneof(
    { arbitrary: fc.constant(null), weight: 19 },
    { arbitrary: fc.constantFrom('{', 'not json', '\u0000', '{"a":1}{', ''), weight: 1 },
  ),
  signing: fc.constantFrom<Req['signing']>('valid', 'valid', 'valid', 'valid', 'wrong', 'stale', 'none', 'reused'),
}
/** Mostly the endpoints as a POS calls them; now and then a wrong method or a path that is not there. */
const request: fc.Arbitrary<Req> = fc.oneof(
  { arbitrary: fc.record({ method: fc.constant('POST'), path: fc.constant('/pos/v1/purchases'), ...common }), weight: 6 },
  { arbitrary: fc.record({ method: fc.constant('POST'), path: fc.constant('/pos/v1/refunds'), ...common }), weight: 3 },
  {
    arbitrary: fc.record({
      method: fc.constant('GET'),
      path: fc.oneof(
        fc.constant('/pos/v1/members/__CODE__'),
        fc.string({ maxLength: 40 }).map((x) => `/pos/v1/members/${encodeURIComponent(x)}`),
      ),
      ...common,
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
      path: fc.constantFrom(
        '/pos',
        '/pos/',
        '/pos/v1',
        '/pos/v1/purchases/',
        '/pos/v1/../v1/purchases',
        '/pos/v2/purchases',
        '/pos/v1/members/',
        '/pos/v1/openapi.json',
      ),
      ...common,
    }),
    weight: 1,
  },
)

let usedNonce: string | null = null

const send = async (r: Req) => {
  const path = r.path.replace('__CODE__', code)
  const text = r.raw ?? (r.body === undefined ? '' : JSON.stringify(r.body))
  const bodyText = r.method === 'GET' || r.method === 'DELETE' ? '' : text
  const now = Math.floor(Date.now() / 1000)
  let headers: Record<string, string> = {}
  if (r.signing !== 'none') {
    const nonce = r.signing === 'reused' && usedNonce ? usedNonce : randomBytes(12).toString('hex')
    headers = signHeaders(key, { method: r.method as 'GET', path, bodyText, nonce, timestamp: r.signing === 'stale' ? now - 900 : now })
    if (r.signing === 'wrong') headers['x-pos-signature'] = randomBytes(32).toString('hex')
    if (r.signing === 'valid') usedNonce = nonce
  }
  const res = await fetch(`${h.cloud.url}${path}`, {
    method: r.method,
    headers: { ...headers, ...(r.contentType ? { 'content-type': r.contentType } : {}) },
    ...(bodyText !== '' ? { body: bodyText } : {}),
  })
  const raw = await res.text()
  const body = ((): unknown => {
    try {
      return JSON.parse(raw)
    } catch {
      return raw
    }
  })()
  return {
    status: res.status,
    outcome: res.headers.get('x-local-outcome'),
    invocation: res.headers.get('x-local-invocation') ?? '',
    body,
    path,
  }
}

const problemsOf = (reply: Awaited<ReturnType<typeof send>>): string[] => {
  const problems: string[] = []
  // The HTTP access service's own refusal of a body over its limit: the function never ran.
  if (reply.status === 413)
    return (reply.body as { code?: string }).code === 'EXCEED_MAX_PAYLOAD_SIZE' ? [] : [`413 ${JSON.stringify(reply.body).slice(0, 200)}`]
  if (!STATUSES.has(reply.status)) problems.push(`status ${reply.status}`)
  if (reply.outcome !== 'ok') problems.push(`outcome ${String(reply.outcome)}`)
  if (reply.path !== '/pos/v1/openapi.json' || reply.status !== 200) problems.push(...answerProblems(reply.body))
  if (errorCode(reply.body) !== null && observer.changed(reply.invocation)) problems.push('a refused request changed stored state')
  const errors = observer.takeErrors()
  if (errors.length) problems.push(`stderr: ${errors.join(' | ').slice(0, 300)}`)
  return problems
}

it(`answers ${RUNS} hostile requests in words, never a server error, and a refused one changes nothing`, async () => {
  const tally: Record<string, number> = {}
  const refused: Req[] = []
  await fc.assert(
    fc.asyncProperty(request, async (r) => {
      const reply = await send(r)
      const problems = problemsOf(reply)
      const label = `${reply.status} ${errorCode(reply.body) ?? 'ok'}`
      tally[label] = (tally[label] ?? 0) + 1
      if (errorCode(reply.body) !== null && reply.status !== 413 && refused.length < 500) refused.push(r)
      if (problems.length)
        throw new Error(
          `${r.method} ${reply.path} (${r.signing}): ${problems.join('; ')}\nbody: ${JSON.stringify(reply.body).slice(0, 300)}`,
        )
    }),
    { numRuns: RUNS, seed: SEED, endOnFailure: true },
  )
  console.log(
    `fuzz pos: ${Object.entries(tally)
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k} ×${n}`)
      .join(', ')}`,
  )
  // Some of each kind came through: valid purchases recorded, bodies refused field by field, signatures refused.
  expect(Object.keys(tally).some((k) => k.startsWith('200'))).toBe(true)
  expect(Object.keys(tally).some((k) => k.startsWith('400 INVALID_INPUT'))).toBe(true)
  expect(Object.keys(tally).some((k) => k.startsWith('401'))).toBe(true)

  // The refused requests again (the validly signed ones with fresh nonces): refused again, the stored state as it was.
  const before = observer.digest()
  for (const r of refused.slice(0, 200)) {
    const reply = await send(r)
    expect(errorCode(reply.body)).not.toBeNull()
  }
  expect(observer.digest()).toBe(before)
}, 600_000)
