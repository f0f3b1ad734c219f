/**
 * Fault injection for tests: make the Nth database operation of an invocation fail, or "crash" around a commit.
 * `before` = the request fails and nothing applies; `after` = it applies, then the answer is lost (the caller
 * sees an error although the write happened: the case idempotency keys exist for).
 */
import type { DbErrorCode } from './errors'

export interface FaultSpec {
  /** An invocation id, 'next' (the next invocation to begin), or omitted: any operation. */
  invocation?: string
  /** Only this action counts (e.g. 'database.commitTransaction'); default: any data operation. */
  action?: string
  /** 1-based, among the operations that match. Default 1. */
  nth?: number
  when?: 'before' | 'after'
  code?: DbErrorCode
  message?: string
}

interface Armed extends FaultSpec {
  seen: number
}

export interface FiredFault {
  when: 'before' | 'after'
  code: DbErrorCode
  message: string
}

const TXN_CONTROL = new Set(['database.startTransaction', 'database.commitTransaction', 'database.abortTransaction'])

export class Faults {
  private armed: Armed[] = []

  add(spec: FaultSpec) {
    this.armed.push({ ...spec, seen: 0 })
  }

  clear() {
    this.armed = []
  }

  get size() {
    return this.armed.length
  }

  /** Binds faults aimed at 'next' to the invocation that just began. */
  bindNext(invocationId: string) {
    for (const f of this.armed) if (f.invocation === 'next') f.invocation = invocationId
  }

  /** The fault to fire for this operation, if any (each fires once). */
  take(action: string, invocationId: string | undefined): FiredFault | undefined {
    for (const f of this.armed) {
      if (f.invocation === 'next') continue
      if (f.invocation !== undefined && f.invocation !== invocationId) continue
      if (f.action ? f.action !== action : TXN_CONTROL.has(action)) continue
      f.seen++
      if (f.seen < (f.nth ?? 1)) continue
      this.armed.splice(this.armed.indexOf(f), 1)
      const when = f.when ?? 'before'
      return {
        when,
        code: f.code ?? 'DATABASE_REQUEST_FAILED',
        message: f.message ?? `local cloud: injected fault (${when} ${action})`,
      }
    }
    return undefined
  }
}
