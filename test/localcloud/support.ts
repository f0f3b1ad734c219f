/**
 * Helpers for the local cloud's own tests: temporary data folders, the fixture functions and collections, and
 * an in-process database (the real wx-server-sdk with its seam patched straight to an Executor) for executor tests.
 */
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { type LocalCloudOptions, startLocalCloud } from '../../localcloud'
import { Executor, type ExecutorOptions } from '../../localcloud/executor/executor'
import { installOfflineSeam, installSeam } from '../../localcloud/instances/seam'
import { tempDir as makeTempDir } from '../support/temp'

export const FIXTURES = join(__dirname, 'fixtures')
export const FIXTURE_FUNCTIONS = join(FIXTURES, 'functions')
export const FIXTURE_COLLECTIONS = join(FIXTURES, 'collections')

/** A fresh temp folder, named localcloud-test-… unless told otherwise. */
export const tempDir = (prefix = 'localcloud-test-') => makeTempDir(prefix)

/** The local cloud on the fixture functions and collections: one instance each, no latency, quiet, any free port. */
export const startFixtureCloud = (dataDir: string, options: Partial<LocalCloudOptions> = {}) =>
  startLocalCloud({
    dataDir,
    functionsDir: FIXTURE_FUNCTIONS,
    collectionsDir: FIXTURE_COLLECTIONS,
    staticDir: null,
    port: 0,
    poolSize: 1,
    logs: false,
    dbLatencyMs: 0,
    ...options,
  })

/** Yields to the event loop, as a network round trip would: lets concurrent SDK calls interleave. */
const tick = () => new Promise<void>((resolve) => setImmediate(resolve))

// The SDK types are loose on purpose: tests drive it the way untyped function code does.
type Any = any

/**
 * The real wx-server-sdk in this jest module registry, its database requests answered by an Executor on a temp
 * folder. `invocationId` (if set) attributes requests to an invocation, for fault and counting tests.
 */
export const inProcessDb = (options: Partial<ExecutorOptions> = {}) => {
  const dataDir = options.dataDir ?? tempDir()
  const executor = new Executor({ collectionsDir: FIXTURE_COLLECTIONS, ...options, dataDir })
  const state: { invocationId?: string; log: { action: string; params: unknown }[] } = { log: [] }
  // As in an instance: the SDK's probe of Tencent Cloud's metadata service (at init) and its other requests stay here.
  const restoreOffline = installOfflineSeam()
  const restore = installSeam(async (action, params) => {
    await tick()
    state.log.push({ action, params })
    return executor.handle(action, params, { invocationId: state.invocationId })
  })
  const cloud: Any = require('wx-server-sdk')
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV, throwOnNotFound: false })
  const db: Any = cloud.database()
  const close = () => {
    restore()
    restoreOffline()
    executor.close()
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true })
  }
  return { executor, db, _: db.command as Any, cloud, state, dataDir, close }
}

/**
 * A maker of fresh documents in `collection` (ids `<prefix>1`, `<prefix>2`, ...): each call inserts one and returns its
 * id, its SDK reference and a reader of its stored state. `db` is read at each call (it is made in a beforeAll).
 */
export const documentMaker = (db: () => ReturnType<typeof inProcessDb>, collection: string, prefix: string) => {
  let seq = 0
  return (doc: object) => {
    const h = db()
    const id = `${prefix}${++seq}`
    h.executor.insert(collection, { _id: id, ...doc })
    return { id, ref: h.db.collection(collection).doc(id), stored: () => h.executor.get(collection, id) }
  }
}

/** The SDK error's errCode and errMsg (or a marker when the promise unexpectedly resolved). */
export const failure = async (p: Promise<unknown>): Promise<{ errCode?: number; errMsg: string }> => {
  try {
    await p
  } catch (e) {
    const err = e as { errCode?: number; errMsg?: string; message?: string }
    return { errCode: err.errCode, errMsg: err.errMsg ?? err.message ?? String(e) }
  }
  return { errMsg: 'RESOLVED (expected a failure)' }
}
