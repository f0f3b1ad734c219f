/**
 * Calls from one function to another (`cloud.callFunction` in a function): what CloudBase's API answers the
 * SDK's `functions.invokeFunction` action with, and the limits that keep a call chain from hanging the local
 * cloud. wx-server-sdk turns these answers into the result or error the caller sees (seam.ts: installFunctionsSeam).
 */
import { toJsonText } from './json'
import type { Outcome } from './protocol'

/**
 * How many calls deep a chain may go (client → A → B is two deep). CloudBase documents no limit; each level holds
 * an instance while it waits, so unbounded recursion there runs until the first caller's timeout or the
 * concurrency quota. Locally each level is a worker thread (~40 MB): a chain deeper than this fails at once.
 */
export const MAX_CALL_DEPTH = 8

/**
 * How many instances a pool may start beyond its size for calls from functions. Such a call never waits behind
 * busy instances (its caller may be one of them: a pool of two, each waiting on a call to itself, would wait
 * forever), so it gets a fresh instance, as CloudBase scales out; past this many it fails at once.
 */
export const DEFAULT_BURST_INSTANCES = 8

export type CallAnswer = Record<string, unknown>

const failure = (code: string, message: string, requestId = ''): CallAnswer => ({ code, message, requestId })

/**
 * The answer for a finished invocation (pool.ts's Invocation): its result as JSON text, or CloudBase's failure
 * (texts as the client's).
 */
export const callAnswer = (inv: { id: string; outcome: Outcome }): CallAnswer => {
  const o = inv.outcome
  switch (o.kind) {
    case 'ok':
      return { requestId: inv.id, data: { response_data: toJsonText(o.value === undefined ? null : o.value) ?? 'null' } }
    case 'error':
    case 'crash':
      return failure('FUNCTIONS_EXECUTE_FAIL', `errCode: -504002 functions execute fail | errMsg: ${o.message}`, inv.id)
    case 'timeout':
      return failure(
        'FUNCTIONS_TIME_LIMIT_EXCEEDED',
        `errCode: -504003 functions time limit exceeded | errMsg: Invoking task timed out after ${o.timeoutS} seconds`,
        inv.id,
      )
  }
}

export const callNotFound = (name: string): CallAnswer =>
  failure('FUNCTION_NOT_FOUND', `[ResourceNotFound.Function] function ${name} not found`)

export const callTooLarge = (bytes: number, limit: number): CallAnswer =>
  failure('EXCEED_MAX_PAYLOAD_SIZE', `[EXCEED_MAX_PAYLOAD_SIZE] request body of ${bytes} bytes over ${limit.toLocaleString('en-US')} bytes`)

export const callTooDeep = (chain: readonly string[], name: string): CallAnswer =>
  failure(
    'FUNCTIONS_EXECUTE_FAIL',
    `local cloud: call chain deeper than ${MAX_CALL_DEPTH} (${[...chain, name].join(' → ')}): unbounded recursion? ` +
      '(CloudBase would run it until a timeout or the concurrency quota)',
  )

export const callOutsideInvocation = (name: string): CallAnswer =>
  failure('FUNCTIONS_EXECUTE_FAIL', `local cloud: callFunction(${name}) made after the calling invocation ended`)

/** Why a call from a function found no instance (FunctionPool.pump): the pool is at its size plus the burst. */
export const noInstanceLeft = (fn: string, live: number, size: number, burst: number) =>
  `local cloud: function ${fn} already runs ${live} instances (pool ${size} + ${burst} for calls from functions); ` +
  'CloudBase would start another, the local cloud refuses this call rather than make it wait (its caller may be ' +
  'one of the busy instances). Raise burstInstances if a real fan-out needs more.'
