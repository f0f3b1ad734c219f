/**
 * CloudBase runs Node functions in UTC. The local cloud's instances are worker threads, and a worker thread fixes
 * its time zone when it starts, from the process: a TZ set inside it (or in its `env` option) changes nothing
 * (measured, Node 20). So the whole process goes to UTC while a local cloud runs; its main thread runs in UTC too.
 * When the last local cloud of the process closes (its workers gone), the process's own zone comes back, so a test
 * runner's next file runs in the zone it had. Under jest, `process` is a per-test-file copy whose env writes reach
 * neither Node's time zone nor new threads: Node's own process object is the one of the main context, which
 * vm.runInThisContext evaluates in.
 */
import { runInThisContext } from 'node:vm'

export const FUNCTION_TIME_ZONE = 'UTC'

const ZONE = Symbol.for('localcloud.timeZone')
/** Shared by every copy of this module in the process (jest loads one per test file). */
type Holder = { [ZONE]?: { clouds: number; hostZone: string | undefined } }

const hostProcess = () => runInThisContext('process') as NodeJS.Process & Holder

const setZone = (env: NodeJS.ProcessEnv, zone: string | undefined) => {
  if (zone === undefined) delete env.TZ
  else if (env.TZ !== zone) env.TZ = zone
}

/** Puts the process in UTC for a local cloud; returns the function that puts its own zone back after the last one. */
export const useFunctionTimeZone = (): (() => void) => {
  const host = hostProcess()
  const state = (host[ZONE] ??= { clouds: 0, hostZone: host.env.TZ })
  if (state.clouds++ === 0) state.hostZone = host.env.TZ
  setZone(host.env, FUNCTION_TIME_ZONE)
  setZone(process.env, FUNCTION_TIME_ZONE)
  let released = false
  return () => {
    if (released) return
    released = true
    if (--state.clouds > 0) return
    setZone(host.env, state.hostZone)
    setZone(process.env, state.hostZone)
  }
}
