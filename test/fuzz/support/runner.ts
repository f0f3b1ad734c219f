/**
 * Sends fuzz calls to the local cloud, a few at a time, mostly through `invokeDetailed` (structured clone: NaN,
 * Infinity and own `__proto__` keys arrive as sent) and a share over the HTTP gateway (JSON, as a client's
 * request travels), and checks each answer: the function finished (no crash, no timeout), the answer is a
 * CloudResult with a known code and a message in words (INVALID_INPUT lists each bad field), never INTERNAL,
 * and a refused call changed no stored document.
 */
import { toJsonText } from '../../../localcloud/instances/json'
import type { LocalCloud } from '../../cloud/harness'
import { answerProblems, errorCode, type Observer } from './observe'
import { FRESH, type FuzzCall } from './payloads'
import { CLOCK } from './world'

export interface CallResult {
  call: FuzzCall
  caller: string
  body: unknown
  code: string | null
  problems: string[]
  changed: boolean
  via: 'invoke' | 'http'
  ms: number
  /** Whether the answer had to refuse a value (call.refuse, unless JSON left nothing to refuse). */
  mustRefuse: boolean
}

export interface Tally {
  calls: number
  ok: number
  byCode: Record<string, number>
  viaHttp: number
  failures: CallResult[]
  /** Calls and milliseconds in the function, per action. */
  byAction: Record<string, { n: number; ms: number }>
  /** Inputs the schema had to refuse (a value no field may take), and did. */
  refusedAsRequired: number
}

export const newTally = (): Tally => ({ calls: 0, ok: 0, byCode: {}, viaHttp: 0, failures: [], byAction: {}, refusedAsRequired: 0 })

let fresh = 0

const viaHttp = async (cloud: LocalCloud, fn: string, caller: string, event: unknown, clock: string) => {
  // As a client sends it; JSON.stringify itself overflows on nesting thousands of levels deep.
  const body = event === undefined ? '' : (toJsonText(event) ?? '')
  const res = await fetch(`${cloud.url}/functions/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-local-clock': clock, ...(caller ? { 'x-local-openid': caller } : {}) },
    body,
  })
  const outcome = res.headers.get('x-local-outcome') ?? 'none'
  const ms = Number(res.headers.get('x-local-duration-ms') ?? 0)
  return { id: res.headers.get('x-local-invocation') ?? '', outcome, ms, body: (await res.json()) as unknown }
}

/**
 * Whether the value the schema must refuse does not survive the trip as JSON: a client's callFunction sends JSON, which
 * has no Infinity or NaN (they arrive as null, a value the field may take), so over HTTP nothing is left to refuse.
 */
const lostInJson = (call: FuzzCall): boolean => {
  let v: unknown = (call.event as { input?: unknown } | null)?.input
  for (const key of call.refuse?.field.split('.') ?? [])
    v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined
  return typeof v === 'number' && !Number.isFinite(v)
}

/** Sends one call and checks its answer. */
export const send = async (
  cloud: LocalCloud,
  observer: Observer,
  call: FuzzCall,
  options: { http?: boolean; source?: string } = {},
): Promise<CallResult> => {
  const caller = call.caller === FRESH ? `fz-new-${++fresh}-${process.pid}` : call.caller
  let id: string
  let outcome: string
  let body: unknown
  let ms: number
  if (options.http) {
    ;({ id, outcome, body, ms } = await viaHttp(cloud, call.fn, caller, call.event, call.clock ?? CLOCK))
  } else {
    const inv = await cloud.invokeDetailed(call.fn, call.event, {
      openid: caller,
      clock: call.clock ?? CLOCK,
      ...(options.source ? { source: options.source } : {}),
    })
    id = inv.id
    outcome = inv.outcome.kind
    body = inv.body
    ms = inv.durationMs
  }
  const problems = answerProblems(body)
  if (outcome !== 'ok' && outcome !== 'error') problems.push(`outcome ${outcome}`)
  const code = errorCode(body)
  const changed = observer.changed(id)
  if (code !== null && changed) problems.push(`refused (${code}) but changed stored state`)
  const mustRefuse = call.refuse !== undefined && !(options.http && lostInJson(call))
  if (call.refuse && mustRefuse) {
    const fields = (body as { error?: { fields?: { field: string }[] } }).error?.fields ?? []
    const p = call.refuse.field
    const named = fields.some((f) => f.field === p || f.field.startsWith(`${p}.`) || p.startsWith(`${f.field}.`))
    if (code !== 'INVALID_INPUT' || !named) problems.push(`accepted ${call.refuse.why} in ${p} (answered ${code ?? 'ok'})`)
  }
  return { call, caller, body, code, problems, changed, via: options.http ? 'http' : 'invoke', ms, mustRefuse }
}

export const record = (tally: Tally, r: CallResult) => {
  tally.calls++
  if (r.via === 'http') tally.viaHttp++
  if (r.code === null) tally.ok++
  else tally.byCode[r.code] = (tally.byCode[r.code] ?? 0) + 1
  if (r.problems.length > 0) tally.failures.push(r)
  else if (r.mustRefuse) tally.refusedAsRequired++
  const a = (tally.byAction[r.call.action ?? '(other)'] ??= { n: 0, ms: 0 })
  a.n++
  a.ms += r.ms
}

/** Runs calls `concurrency` at a time; every `httpEvery`-th goes over HTTP. */
export const runAll = async (
  cloud: LocalCloud,
  observer: Observer,
  calls: FuzzCall[],
  options: { concurrency?: number; httpEvery?: number; source?: string; onResult?: (r: CallResult) => void } = {},
): Promise<Tally> => {
  const tally = newTally()
  let next = 0
  const lane = async () => {
    while (next < calls.length) {
      const i = next++
      const http = options.httpEvery ? i % options.httpEvery === 0 : false
      const r = await send(cloud, observer, calls[i], { http, source: options.source })
      record(tally, r)
      options.onResult?.(r)
    }
  }
  // Every lane finishes before a failure is reported: a lane still sending would change the database under the
  // next test's before/after comparison.
  const failed = (await Promise.allSettled(Array.from({ length: options.concurrency ?? 8 }, lane))).find((r) => r.status === 'rejected')
  if (failed) throw failed.reason
  return tally
}

/** A short, readable account of a failing call for the test output. */
export const describeFailure = (r: CallResult) => {
  let event: string | undefined
  try {
    event = JSON.stringify(r.call.event, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v))
  } catch {
    event = toJsonText(r.call.event) // nested too deep for JSON.stringify
  }
  return `${r.call.fn} as ${r.caller} via ${r.via}: ${r.problems.join('; ')}\n  event: ${(event ?? 'undefined').slice(0, 400)}\n  answer: ${JSON.stringify(r.body).slice(0, 400)}`
}
