/**
 * CloudBase runs Node functions in UTC. The local cloud's instances are worker threads, and a worker thread fixes
 * its time zone when it starts, from the process: a TZ set inside it (or in its `env` option) changes nothing
 * (measured, Node 20). So the whole process goes to UTC before any instance starts; its main thread runs in UTC
 * too. Under jest, `process` is a per-test-file copy whose env writes reach neither Node's time zone nor new
 * threads: Node's own process object is the one of the main context, which vm.runInThisContext evaluates in.
 */
import { runInThisContext } from 'node:vm'

export const FUNCTION_TIME_ZONE = 'UTC'

export const useFunctionTimeZone = (): void => {
  const host = runInThisContext('process') as NodeJS.Process
  if (host.env.TZ !== FUNCTION_TIME_ZONE) host.env.TZ = FUNCTION_TIME_ZONE
  if (process.env.TZ !== FUNCTION_TIME_ZONE) process.env.TZ = FUNCTION_TIME_ZONE
}
