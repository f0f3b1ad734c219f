/**
 * Starts the local cloud on a fresh temporary database with the freshly bundled functions and the demo
 * store and assistant, and offers typed calls as a given caller.
 */
import { cpSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { ActionInput, ActionName, CloudResult, FunctionName, ActionOutput } from '../../src/api/contract'
import { buildFunctions, functionsOutDir } from '../../scripts/build-functions'
import { demoDocuments } from '../../scripts/demo-data'
import { productCloudOptions } from '../../scripts/local-cloud'
import { startLocalCloud } from '../../localcloud'
import { PRIVACY_NOTICE_VERSION } from '../../src/api/privacy'
import { dynamicMemberCode } from '../../src/domain/memberCode'
import { tempDir } from '../support/temp'

export type LocalCloud = Awaited<ReturnType<typeof startLocalCloud>>

let built: Promise<unknown> | null = null

export const startTestCloud = async (
  options: {
    demo?: boolean
    poolSize?: number
    dbLatencyMs?: number | [number, number]
    logs?: boolean
    /** Serve a private copy of the bundles, so a rebuild by another test run cannot swap them mid-run. */
    isolated?: boolean
    /**
     * Start `poolSize` instances of these functions (or of all: true) before the first call, for tests that race
     * calls: cold instances would come up one after another and serve a burst in turn, so nothing would interleave.
     * Other tests start instances on demand, as CloudBase does (a cold start costs ~0.5 s of CPU each).
     */
    prewarm?: boolean | FunctionName[]
    /** More phones for phonenumber.getPhoneNumber codes, by openid, besides the local identities' own. */
    phones?: Record<string, string>
    /** Functions' environment variables, as a deploy sets them (e.g. { pos: { POS_RATE_PER_MINUTE: '5' } }). */
    functionEnv?: Record<string, Record<string, string>>
  } = {},
) => {
  // Jest's globalSetup (test/support/build-functions-once.cjs) bundled them for this run; alone, build here.
  if (process.env.VIPCARD_FUNCTIONS_BUILT !== '1') await (built ??= buildFunctions())
  const dataDir = tempDir('vipcard-test-')
  const functionsDir = options.isolated ? join(dataDir, 'functions') : functionsOutDir
  if (options.isolated) cpSync(functionsOutDir, functionsDir, { recursive: true })
  const cloud = await startLocalCloud({
    dataDir,
    functionsDir,
    ...productCloudOptions(),
    ...(options.phones ? { phones: { ...productCloudOptions().phones, ...options.phones } } : {}),
    port: 0,
    allowClockOverride: true,
    poolSize: options.poolSize ?? 4,
    // A test process starts a local cloud per file: instances start from the runtimes earlier ones left.
    keepRuntimes: true,
    prewarm: options.prewarm === true,
    logs: options.logs ?? process.env.CLOUD_TEST_LOGS === '1',
    ...(options.dbLatencyMs !== undefined ? { dbLatencyMs: options.dbLatencyMs } : {}),
    ...(options.functionEnv ? { functionEnv: { ...productCloudOptions().functionEnv, ...options.functionEnv } } : {}),
  })
  if (Array.isArray(options.prewarm)) for (const name of options.prewarm) await cloud.warm(name)
  if (options.demo !== false) {
    const docs = demoDocuments(new Date('2026-11-01T02:00:00Z'))
    for (const coll of ['stores', 'staff', 'operators', 'settings', 'couponTemplates', 'catalog'] as const)
      await cloud.executor.insert(coll, docs[coll])
  }

  const call = async <F extends FunctionName, A extends ActionName<F>>(
    openid: string,
    fn: F,
    action: A,
    input: ActionInput<F, A> | Record<string, unknown>,
    options: { clock?: string; extra?: Record<string, unknown> } = {},
  ): Promise<CloudResult<ActionOutput<F, A>>> =>
    (await cloud.invoke(fn, { action, input, ...options.extra }, { openid, clock: options.clock })) as CloudResult<ActionOutput<F, A>>

  /** Like `call`, but expects success and returns the data. */
  const ok = async <F extends FunctionName, A extends ActionName<F>>(
    openid: string,
    fn: F,
    action: A,
    input: ActionInput<F, A>,
    options: { clock?: string } = {},
  ): Promise<ActionOutput<F, A>> => {
    const result = await call(openid, fn, action, input, options)
    if (!result.ok) throw new Error(`${fn}.${action} failed: ${result.error.code} ${result.error.message}`)
    return result.data
  }

  /** A shopper who joined (by the demo store QR), with their member number. */
  let shoppers = 0
  const joinedShopper = async (
    prefix = 'shopper',
    options: { birthday?: { month: number; day: number; year?: number }; clock?: string; scene?: string } = {},
  ) => {
    const n = ++shoppers
    const openid = `${prefix}-${n}`
    const { member } = await ok(
      openid,
      'member',
      'join',
      {
        name: `顾客${n}`,
        mobile: `159${String(n).padStart(8, '0')}`, // each harness has a fresh database
        birthday: options.birthday ?? { month: 7, day: 15 },
        consent: { accepted: true, version: PRIVACY_NOTICE_VERSION },
        ...(options.scene ? { scene: options.scene } : {}),
      },
      options.clock ? { clock: options.clock } : {},
    )
    return { openid, memberNo: member.memberNo }
  }

  /**
   * The dynamic member code a shopper's phone shows at `clock` (default: now), made with the secret the
   * phone got from member.codeSecret (asked once per shopper, as a device does; `fresh` asks again, after a
   * reset). Each code is accepted once: a test that pays twice for one member passes two clocks.
   */
  const secrets = new Map<string, { memberNo: string; secret: string }>()
  const tillCode = async (openid: string, clock?: string, options: { fresh?: boolean } = {}) => {
    let kept = secrets.get(openid)
    if (!kept || options.fresh) {
      kept = await ok(openid, 'member', 'codeSecret', {})
      secrets.set(openid, kept)
    }
    return dynamicMemberCode(kept.memberNo, kept.secret, clock ? Date.parse(clock) : Date.now())
  }

  const close = async () => {
    await cloud.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
  return { cloud, call, ok, joinedShopper, tillCode, close }
}
