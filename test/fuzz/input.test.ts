/**
 * Input fuzzing of every cloud function on the local cloud, as its legitimate callers (so the schema, not the
 * role check, is what meets the payloads): FUZZ_RUNS payloads per function from fast-check
 * arbitraries that mix valid payloads with the nasty ones (support/nasty.ts) in every field, at any depth, biased
 * to the field's kind; one in twenty goes over the HTTP gateway as JSON, the rest through invoke(). Each answer
 * must be a CloudResult with a known code and a message in words (Chinese), never INTERNAL; no instance may
 * crash, time out or log an error; a value no field may take (an operator object, NaN, a 30 February, invisible
 * characters in a name, ...) must be refused as INVALID_INPUT naming that field; a refused call changes nothing
 * (per invocation, and as a digest of every collection around a replayed batch of refused input); the invariants
 * hold afterwards. Timer-only `jobs` is fuzzed as clients call it, anonymous ones included: always FORBIDDEN.
 *
 * How many: 2,000 per function in a local `npm test` (the fast loop), 10,000 in CI (.ci/run sets FUZZ_RUNS), 40,000
 * under several seeds in `npm run test:deep`. A failure prints its seed:
 *   FUZZ_RUNS=50000 FUZZ_SEED=123 npx jest --selectProjects fuzz --runTestsByPath test/fuzz/input.test.ts
 *   FUZZ_CONCURRENCY=1 FUZZ_SLOWEST=30 ...   (calls one at a time: each action's own cost in the summary)
 */
import fc from 'fast-check'
import type { FunctionName } from '../../src/api/contract'
import { startTestCloud } from '../cloud/harness'
import { violations } from './support/invariants'
import { operatorObject, badShape, badText, badNumber } from './support/nasty'
import { observe, type Observer } from './support/observe'
import { EVENT, EXPORT, IMPORT, MEMBER, OPS, SETUP, STAFF, eventsFor, oversizedCalls, type FuzzCall, type Specs } from './support/payloads'
import { describeFailure, runAll, type Tally } from './support/runner'
import { ASSISTANT, CLOCK, OPERATOR, buildWorld, type Harness, type World } from './support/world'

const RUNS = Number(process.env.FUZZ_RUNS ?? 2_000)
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31)
/** How many refused payloads are sent again between two digests of the whole database. */
const REPLAY = Math.min(1_000, Math.ceil(RUNS / 10))

let h: Harness
let w: World
let observer: Observer
const summary: string[] = []

beforeAll(async () => {
  console.log(`fuzz: ${RUNS} payloads per function, seed ${SEED} (replay with FUZZ_SEED=${SEED})`)
  // No simulated database latency: the run is about inputs, and 60,000 calls must take a minute, not ten.
  h = await startTestCloud({ poolSize: 2, dbLatencyMs: 0, logs: true, isolated: true, prewarm: true })
  w = await buildWorld(h, 'fz')
  observer = observe(h.cloud)
}, 120_000)

afterAll(async () => {
  observer?.stop()
  await h?.close()
  if (summary.length) console.log(`fuzz summary (seed ${SEED}):\n${summary.join('\n')}`)
})

const line = (fn: string, t: Tally, extra = '') =>
  `  ${fn.padEnd(7)} ${String(t.calls).padStart(6)} payloads (${t.viaHttp} over HTTP): ${t.ok} ok, ` +
  Object.entries(t.byCode)
    .sort((a, b) => b[1] - a[1])
    .map(([c, n]) => `${c} ${n}`)
    .join(', ') +
  `; ${t.refusedAsRequired} must-refuse values refused; ${t.failures.length} failures${t.failures.length ? ` (${kinds(t)})` : ''}${extra}` +
  `\n          slowest: ${slowest(t)}`

const slowest = (t: Tally) =>
  Object.entries(t.byAction)
    .sort((a, b) => b[1].ms - a[1].ms)
    .slice(0, Number(process.env.FUZZ_SLOWEST ?? 4))
    .map(([a, { n, ms }]) => `${a} ${n}× ${(ms / n).toFixed(1)} ms`)
    .join(', ')

/** Failures by kind ("message not in words", "INTERNAL", ...) with a count, for the summary. */
const kinds = (t: Tally) => {
  const count = new Map<string, number>()
  for (const f of t.failures)
    for (const p of new Set(f.problems.map((p) => p.replace(/[:(].*$/, '').trim()))) count.set(p, (count.get(p) ?? 0) + 1)
  return [...count].map(([k, n]) => `${k} ×${n}`).join(', ')
}

/** Sends refused payloads again and proves that nothing stored changed: a digest of everything, before and after. */
const replayRefused = async (refused: FuzzCall[]) => {
  const before = observer.digest()
  const again = await runAll(h.cloud, observer, refused, { concurrency: 8 })
  const after = observer.digest()
  return { again, unchanged: before === after }
}

const fuzz = <F extends FunctionName>(fn: F, specs: Specs<F>, seedOffset: number) =>
  it(`${fn}: ${RUNS} payloads, no INTERNAL, every error coded and worded, refused input changes nothing`, async () => {
    const calls = fc.sample(eventsFor(fn, specs, w), { numRuns: RUNS, seed: SEED + seedOffset })
    const refused: FuzzCall[] = []
    const tally = await runAll(h.cloud, observer, calls, {
      concurrency: Number(process.env.FUZZ_CONCURRENCY ?? 8),
      httpEvery: 20,
      onResult: (r) => {
        // Only payloads carrying a value no field may take: their refusal is the schema's, whatever is stored.
        // (An action may also answer INVALID_INPUT from the state — a save that changes nothing, an end already
        // past — and the same payload may then pass later, once the state has moved on.)
        if (r.code === 'INVALID_INPUT' && r.call.refuse && refused.length < REPLAY) refused.push(r.call)
      },
    })
    const logged = observer.takeErrors()
    const { again, unchanged } = await replayRefused(refused)
    summary.push(
      line(
        fn,
        tally,
        `; ${again.calls} refused payloads replayed (${JSON.stringify(again.byCode)}), database ${unchanged ? 'unchanged' : 'CHANGED'}`,
      ),
    )

    // What the functions logged first: an INTERNAL answer says nothing, its logged error says why.
    expect(logged.slice(0, 8)).toEqual([])
    expect(tally.failures.slice(0, 8).map(describeFailure)).toEqual([])
    expect(again.failures.slice(0, 8).map(describeFailure)).toEqual([])
    // Refused again: the schema's refusals do not depend on the state.
    expect(again.ok).toBe(0)
    expect(again.calls).toBe(refused.length)
    expect(unchanged).toBe(true)
    expect(violations(h.cloud.executor)).toEqual([])
    // The mix reaches both sides of the edge: payloads refused by the schema, and payloads the actions ran.
    expect(tally.calls).toBe(RUNS)
    expect(tally.byCode.INVALID_INPUT ?? 0).toBeGreaterThan(RUNS * 0.3)
    expect(tally.ok).toBeGreaterThan(RUNS * 0.01)
  }, 600_000)

describe('input fuzzing, per function, as its legitimate callers', () => {
  // Exports first: each valid one reads every member, and the member fuzzing adds a few thousand.
  fuzz('export', EXPORT, 5)
  fuzz('member', MEMBER, 1)
  fuzz('staff', STAFF, 2)
  fuzz('event', EVENT, 3)
  fuzz('ops', OPS, 4)
  fuzz('setup', SETUP, 6)
  fuzz('import', IMPORT, 7)

  it(`jobs: ${RUNS} client calls dressed as timers are all FORBIDDEN and run nothing`, async () => {
    const SOURCES = ['wx_client', 'wx_http', 'wx_devtools', 'wx_unknown', 'scf', 'wx_client,scf']
    const callers = fc.constantFrom('', w.shoppers[0].openid, ASSISTANT, OPERATOR)
    const timerish = fc.record(
      {
        Type: fc.oneof(fc.constantFrom('Timer', 'timer', 'TIMER'), badText, operatorObject),
        TriggerName: fc.oneof(fc.constantFrom('upkeep', 'points-expiry', '__proto__', 'constructor'), badText, operatorObject),
        Time: fc.constantFrom(CLOCK, '2026-11-20T16:05:00Z'),
        Message: fc.constantFrom('', '{}'),
        action: fc.constantFrom('upkeep', 'run'),
        userInfo: fc.constant({ openId: '' }),
      },
      { requiredKeys: [] },
    )
    // The exact event a timer sends, and variations of it.
    const exact = fc.constant({ Type: 'Timer', TriggerName: 'upkeep', Time: '2026-11-20T04:05:00Z', Message: '' })
    const event = fc.oneof(
      { arbitrary: exact, weight: 4 },
      { arbitrary: timerish, weight: 5 },
      { arbitrary: fc.oneof(badShape, badNumber), weight: 1 },
    )
    const samples = fc.sample(fc.tuple(callers, event, fc.constantFrom(...SOURCES)), { numRuns: RUNS, seed: SEED + 6 })
    const bySource = new Map<string, FuzzCall[]>()
    for (const [caller, ev, source] of samples)
      bySource.set(source, [...(bySource.get(source) ?? []), { fn: 'jobs', caller, event: ev, action: null }])

    const before = observer.digest()
    const tallies: Tally[] = []
    for (const [source, calls] of bySource) tallies.push(await runAll(h.cloud, observer, calls, { concurrency: 8, source }))
    const after = observer.digest()
    const codes = tallies.flatMap((t) => Object.entries(t.byCode))
    const total = tallies.reduce((s, t) => s + t.calls, 0)
    summary.push(
      `  jobs    ${String(total).padStart(6)} client calls from ${SOURCES.length} sources, anonymous included: ${codes.map(([c, n]) => `${c} ${n}`).join(', ')}`,
    )

    expect(
      tallies
        .flatMap((t) => t.failures)
        .slice(0, 8)
        .map(describeFailure),
    ).toEqual([])
    expect(observer.takeErrors()).toEqual([])
    expect(total).toBe(RUNS)
    expect(tallies.reduce((s, t) => s + (t.byCode.FORBIDDEN ?? 0), 0)).toBe(RUNS)
    expect(after).toBe(before)
    // The timer itself still runs.
    expect((await h.cloud.fireTimer('jobs', 'upkeep', { clock: CLOCK })).body).toMatchObject({ ok: true })
  }, 600_000)
})

describe('oversized input, every action', () => {
  // The slowest refusal is printed (a figure, not a test: a loaded machine is slow): the edge walks at most its
  // limits, whatever was sent.
  it('1 MB arrays (many small items, one huge string) and 10,000-deep nesting anywhere: INVALID_INPUT naming it, no crash, nothing changed', async () => {
    const calls = [
      ...oversizedCalls('member', MEMBER, w),
      ...oversizedCalls('staff', STAFF, w),
      ...oversizedCalls('event', EVENT, w),
      ...oversizedCalls('ops', OPS, w),
      ...oversizedCalls('setup', SETUP, w),
      ...oversizedCalls('export', EXPORT, w),
      ...oversizedCalls('import', IMPORT, w),
    ]
    let slowest = { ms: 0, what: '' }
    const before = observer.digest()
    const tally = await runAll(h.cloud, observer, calls, {
      concurrency: 2,
      httpEvery: 10,
      onResult: (r) => {
        if (r.ms > slowest.ms)
          slowest = { ms: r.ms, what: `${r.call.fn}.${r.call.action} ${r.call.refuse?.why} in ${r.call.refuse?.field}` }
      },
    })
    const after = observer.digest()
    summary.push(
      `  oversized ${calls.length} payloads (${tally.viaHttp} over HTTP): ${JSON.stringify(tally.byCode)}; slowest ${slowest.ms} ms (${slowest.what})`,
    )

    expect(observer.takeErrors().slice(0, 8)).toEqual([])
    expect(tally.failures.slice(0, 8).map(describeFailure)).toEqual([])
    expect(tally.byCode).toEqual({ INVALID_INPUT: calls.length })
    expect(tally.refusedAsRequired).toBe(calls.length)
    expect(after).toBe(before)
  }, 600_000)
})
