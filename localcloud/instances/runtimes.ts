/**
 * Runtimes kept for the next local cloud in this process. An instance's cold start is mostly its runtime: a
 * thread, Node's bootstrap, wx-server-sdk's several hundred modules and the seams patched into them (~250 ms of
 * CPU); the function's own bundle loads in ~30 ms. When a local cloud closes, each idle instance's runtime forgets
 * its function (the bundle's modules leave the require cache: the next function starts from fresh module state,
 * as after a deploy) and waits here, unreferenced, for a pool of another local cloud to load a function into it.
 * A test run starts a local cloud per file, a few hundred instances in all: most of them now skip the runtime.
 * Opt-in (`keepRuntimes`), for a process that starts local clouds one after another; a kept runtime is
 * unreferenced, so it never keeps its process from exiting.
 *
 * The store hangs on the worker_threads module itself: jest gives each test file its own copies of the project's
 * modules, but Node's built-in modules are shared by every file a jest worker runs.
 */
import type { Worker } from 'node:worker_threads'

/** At most this many kept per process (an idle runtime holds ~30 MB). */
const MAX_KEPT = 8

const STORE = Symbol.for('localcloud.keptRuntimes')

type Kept = { key: string; worker: Worker; onExit: () => void }

const kept = (): Kept[] => {
  const host = require('node:worker_threads') as Record<symbol, Kept[] | undefined>
  return (host[STORE] ??= [])
}

/** The runtime kept last of those started with the same options (`key`), referenced again, or undefined. */
export const takeRuntime = (key: string): Worker | undefined => {
  const all = kept()
  let i = all.length - 1
  while (i >= 0 && all[i].key !== key) i--
  if (i < 0) return undefined
  const [k] = all.splice(i, 1)
  k.worker.off('exit', k.onExit)
  k.worker.ref()
  return k.worker
}

/** Keeps an idle runtime (its listeners already removed) for a later pool; false when the store is full. */
export const keepRuntime = (key: string, worker: Worker): boolean => {
  const all = kept()
  if (all.length >= MAX_KEPT) return false
  // A kept runtime that ends (its process is exiting, say) leaves the store.
  const onExit = () => {
    const i = all.findIndex((k) => k.worker === worker)
    if (i >= 0) all.splice(i, 1)
  }
  worker.on('exit', onExit)
  worker.unref()
  all.push({ key, worker, onExit })
  return true
}

/** How many runtimes wait (diagnostics and tests). */
export const keptRuntimes = (): number => kept().length
