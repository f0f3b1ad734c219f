/**
 * Function instances, like CloudBase's: per function a pool of worker threads, each serving one invocation at a
 * time and keeping module state between calls. Invocations queue when every instance is busy; instances start
 * on demand up to the pool size. A call that runs past the function's timeout gets the platform's timeout
 * answer and its instance is terminated (a fresh one replaces it when needed).
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { type Executor, type OpCounts, zeroOps } from '../executor/executor'
import type { OpenApi } from '../openapi/openapi'
import type { Storage } from '../storage/storage'
import type { CallerContext, FromWorker, Outcome, ToWorker, WorkerData } from './protocol'
import { type CallAnswer, noInstanceLeft } from './calls'
import { instanceEntry } from './entry'
import { keepRuntime, takeRuntime } from './runtimes'
import { toJsonText } from './json'

/** CloudBase's default function timeout. */
export const DEFAULT_TIMEOUT_S = 3

/**
 * An instance's stack: what V8 gives a Node main thread (984 KB), where CloudBase's runtime runs a function, not a
 * worker's default 4 MB, which let a function recurse four times deeper (over a deep event, say) than it can on
 * CloudBase. Node keeps 192 KB of a worker's stack for itself.
 */
const STACK_SIZE_MB = (984 + 192) / 1024

/** How often a pool looks at its bundle and config.json for changes. */
const BUNDLE_CHECK_MS = 250

export type { Outcome }

export interface Invocation {
  id: string
  fn: string
  outcome: Outcome
  ops: OpCounts
  durationMs: number
  instanceId: string
}

export interface PoolOptions {
  size: number
  memoryMb: number
  /** Take kept runtimes for new instances, and keep idle instances' runtimes at close (runtimes.ts). */
  keepRuntimes?: boolean
  /** Forward instances' console output to this process, prefixed `[fn#n]` (default true). */
  logs: boolean
  /** Simulated database round trip, ms: a number or [min, max] (uniform); half each way. Default 0. */
  dbLatencyMs?: number | [number, number]
  /** Answers the instances' open API calls (cloud.openapi.*); without it they fail with a clear error. */
  openapi?: OpenApi
  /** Answers the instances' cloud storage API actions (cloud.uploadFile & co.); without it they fail clearly. */
  storage?: Storage
  /**
   * Instances the pool may start beyond `size` for calls from functions (cloud.callFunction), which never wait
   * behind busy instances; default 0 (such calls then fail when no instance is idle or can start).
   */
  burst?: number
  /**
   * Runs `cloud.callFunction({ name, data })` made by an instance of `from` during the invocation whose caller is
   * `caller` (undefined: made after it ended); answers as CloudBase's API does (calls.ts). Without it such calls
   * fail clearly.
   */
  callFunction?: (from: string, caller: CallerContext | undefined, name: string, data: string) => Promise<CallAnswer>
  /** Each function's environment variables (CloudBase's envVariables), given to its instances at start. */
  functionEnv?: (name: string) => Record<string, string>
  /** Told when an instance's network guard refuses something (offline.ts). */
  onNetworkRefusal?: (fn: string, what: string, invocationId?: string) => void
}

interface Job {
  id: string
  event: unknown
  caller: CallerContext
  resolve: (inv: Invocation) => void
  /** A call from a function (cloud.callFunction): served first, never waits behind busy instances. */
  nested: boolean
}

let invocationSeq = 0
const newInvocationId = () => `inv-${process.pid}-${++invocationSeq}`

/** A function's config.json: its timeout and the open APIs it may call (`permissions.openapi`). */
export const readFunctionConfig = (dir: string): { timeoutS: number; openapi: string[] } => {
  const file = join(dir, 'config.json')
  if (!existsSync(file)) return { timeoutS: DEFAULT_TIMEOUT_S, openapi: [] }
  const config = JSON.parse(readFileSync(file, 'utf8')) as { timeout?: unknown; permissions?: { openapi?: unknown } }
  const t = config.timeout
  const apis = config.permissions?.openapi
  return {
    timeoutS: typeof t === 'number' && t > 0 ? t : DEFAULT_TIMEOUT_S,
    openapi: Array.isArray(apis) ? apis.filter((a): a is string => typeof a === 'string') : [],
  }
}

/**
 * A worker inherits its parent's Node flags, and `npm start` runs under `--require tsx/cjs`: tsx's hooks would then
 * see each of the SDK's several hundred requires in every instance (~110 ms of CPU per cold start). The instance
 * entry is plain JavaScript (entry.ts; its fallback registers tsx itself), so loaders are left out; other flags
 * (--cpu-prof, --inspect, ...) pass on.
 */
export const instanceExecArgv = (argv: readonly string[] = process.execArgv): string[] => {
  const out: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]
    const [name, inline] = flag.split(/=(.*)/s, 2)
    if (['-r', '--require', '--import', '--loader', '--experimental-loader'].includes(name)) {
      const value = inline ?? argv[++i] ?? ''
      if (/(^|[/\\])tsx([/\\]|$)/.test(value)) continue
      out.push(name, value)
      continue
    }
    out.push(flag)
  }
  return out
}

class Instance {
  state: 'starting' | 'idle' | 'busy' | 'dead' = 'starting'
  /** The running call; `asText` once its event went as JSON text. */
  job?: Job & { startedAt: number; timer: NodeJS.Timeout; timeLimitMs: number; asText?: boolean }
  readonly worker: Worker
  invocations = 0
  /** Writers of the function's console output to this process's streams, prefixed `[fn#n] `, line by line. */
  private readonly output: Record<'stdout' | 'stderr', ReturnType<typeof lineWriter>>

  private flushOutput() {
    this.output.stdout.flush()
    this.output.stderr.flush()
  }
  /** Which kept runtimes can serve this instance: those started with the same script and limits. */
  private readonly runtimeKey: string

  constructor(
    readonly id: string,
    readonly generation: number,
    private readonly pool: FunctionPool,
    entry: string,
    options: PoolOptions,
  ) {
    const data: WorkerData = { entry, functionName: pool.name, instanceId: id, env: options.functionEnv?.(pool.name) ?? {} }
    // resourceLimits model a 128 MB function: the heap is what the limit binds in practice. An 8 MB young
    // generation costs a few more scavenges than 16 MB but keeps each instance's resident memory lower, which
    // matters with four or more instances in one local process (bench/load.ts: peak 250 MB vs 281 MB).
    const heapMb = Math.max(32, options.memoryMb - 8)
    const script = instanceEntry()
    const execArgv = instanceExecArgv()
    this.runtimeKey = JSON.stringify([script, heapMb, execArgv])
    const kept = options.keepRuntimes ? takeRuntime(this.runtimeKey) : undefined
    if (kept) kept.postMessage({ type: 'load', ...data } satisfies ToWorker)
    this.worker =
      kept ??
      new Worker(script, {
        workerData: data,
        execArgv,
        resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 8, stackSizeMb: STACK_SIZE_MB },
        stdout: true,
        stderr: true,
      })
    this.output = {
      stdout: lineWriter(process.stdout, `[${id}] `, options.logs),
      stderr: lineWriter(process.stderr, `[${id}] `, options.logs),
    }
    this.listeners = {
      message: (msg: FromWorker) => this.onMessage(msg),
      error: (e: Error) => this.die(`instance ${id} crashed: ${e?.stack ?? String(e)}`),
      exit: (code: number) => {
        this.flushOutput()
        this.die(`instance ${id} exited with code ${code}`)
      },
      // A message this thread could not receive: the call it answers would otherwise wait for its timeout.
      messageerror: (e: Error) => this.die(`instance ${id} sent what could not be received: ${e?.message ?? String(e)}`),
    }
    this.listen('on')
  }

  /** This instance's own listeners on its worker, removed one by one when its runtime is kept (Node's must stay). */
  private readonly listeners: {
    message: (msg: FromWorker) => void
    error: (e: Error) => void
    exit: (code: number) => void
    messageerror: (e: Error) => void
  }

  private listen(how: 'on' | 'off') {
    const { message, error, exit, messageerror } = this.listeners
    this.worker[how]('message', message)[how]('error', error)[how]('exit', exit)[how]('messageerror', messageerror)
  }

  private onMessage(msg: FromWorker) {
    switch (msg.type) {
      case 'ready':
        this.state = 'idle'
        this.pool.pump()
        return
      case 'load-error':
        this.die(`function ${this.pool.name} failed to load: ${msg.message}`)
        return
      case 'db': {
        const execute = () => {
          const answer = this.pool.executor.handle(msg.action, msg.params, { invocationId: msg.invocationId })
          const reply: ToWorker = { type: 'db-answer', id: msg.id, answer }
          this.pool.afterLatency(() => {
            if (this.state !== 'dead') this.worker.postMessage(reply)
          })
        }
        this.pool.afterLatency(execute)
        return
      }
      case 'openapi': {
        const reply = (answer: Uint8Array | { code: string; message: string }) => {
          if (this.state !== 'dead') this.worker.postMessage({ type: 'openapi-answer', id: msg.id, answer } satisfies ToWorker)
        }
        const handler = this.pool.openapi
        if (!handler) {
          reply({ code: 'LOCAL_UNSUPPORTED', message: `local cloud: no open API stand-ins in this pool (openapi.${msg.api})` })
          return
        }
        const call = {
          fn: this.pool.name,
          permissions: this.pool.openapiPermissions,
          invocationId: msg.invocationId,
          api: msg.api,
          requestData: msg.data,
        }
        this.pool.afterLatency(() => void handler.handle(call).then((answer) => this.pool.afterLatency(() => reply(answer))))
        return
      }
      case 'call': {
        const reply = (answer: CallAnswer) => {
          if (this.state !== 'dead') this.worker.postMessage({ type: 'call-answer', id: msg.id, answer } satisfies ToWorker)
        }
        const call = this.pool.callFunction
        if (!call) {
          reply({ code: 'SYS_ERR', message: `local cloud: no function calls in this pool (callFunction ${msg.name})` })
          return
        }
        // The caller's context is the running job's; a call made after it ended (a stray promise) has none.
        const caller = this.job && this.job.id === msg.invocationId ? this.job.caller : undefined
        void call(this.pool.name, caller, msg.name, msg.data).then(reply, (e) =>
          reply({ code: 'SYS_ERR', message: `local cloud: callFunction ${msg.name} failed: ${(e as Error)?.message ?? String(e)}` }),
        )
        return
      }
      case 'refused':
        this.pool.reportRefusal(msg.what, msg.invocationId)
        return
      case 'storage': {
        const storage = this.pool.storage
        const answer = () =>
          storage
            ? storage.handle(msg.action, msg.params)
            : { code: 'SYS_ERR', message: `local cloud: no cloud storage in this pool (${msg.action})` }
        this.pool.afterLatency(() => {
          const reply: ToWorker = { type: 'storage-answer', id: msg.id, answer: answer() }
          this.pool.afterLatency(() => {
            if (this.state !== 'dead') this.worker.postMessage(reply)
          })
        })
        return
      }
      case 'output':
        this.output[msg.stream].write(msg.text)
        return
      case 'unreadable':
        // The instance could not read what this thread sent: structured clone recurses on both sides, and an
        // instance's stack (a main thread's, STACK_SIZE_MB) takes fewer levels than this one (~1,900 objects deep).
        // Answers to an instance carry documents as text, so it was the running call's event: sent again as text.
        if (this.job && !this.job.asText) {
          try {
            this.sendEventAsText()
          } catch (e) {
            this.finish({
              kind: 'error',
              message: `local cloud: the event cannot be passed to the function: ${(e as Error)?.message ?? String(e)}`,
            })
            this.state = 'idle'
            this.pool.pump()
          }
        } else this.die(`instance ${this.id} could not read a message: ${msg.message}`)
        return
      case 'result':
        if (this.job?.id !== msg.id) return
        // JSON text, parsed here: JSON.parse takes any depth, structured clone does not.
        this.finish(msg.ok ? { kind: 'ok', value: JSON.parse(msg.json) } : { kind: 'error', message: msg.message, stack: msg.stack })
        this.state = 'idle'
        this.pool.pump()
    }
  }

  run(job: Job, timeoutS: number) {
    this.state = 'busy'
    this.invocations++
    const timer = setTimeout(() => {
      this.finish({ kind: 'timeout', timeoutS })
      this.kill()
      // The calls queued behind it start on a replacement now, not when the next call happens to arrive.
      this.pool.pump()
    }, timeoutS * 1000)
    this.job = { ...job, startedAt: Date.now(), timer, timeLimitMs: timeoutS * 1000 }
    this.pool.executor.beginInvocation(job.id, { clockMs: job.caller.clock ? Date.parse(job.caller.clock) : undefined })
    const msg: ToWorker = { type: 'invoke', id: job.id, event: job.event, caller: job.caller, timeLimitMs: timeoutS * 1000 }
    try {
      try {
        this.worker.postMessage(msg)
      } catch (e) {
        // By name: the error may come from another realm (a test runner's VM context), where instanceof fails.
        if ((e as Error)?.name !== 'RangeError') throw e
        // Nested too deep for structured clone: sent as the client sent it, JSON text, which the instance parses.
        this.sendEventAsText()
      }
    } catch (e) {
      // An event no instance can be given (a function in it: only invoke() can pass such things) fails this call
      // alone; thrown from here it could reach no caller and would end the process (pump runs on an
      // instance's 'ready' message).
      this.finish({
        kind: 'error',
        message: `local cloud: the event cannot be passed to the function: ${(e as Error)?.message ?? String(e)}`,
      })
      this.state = 'idle'
    }
  }

  /** The running call's event as JSON text (as a client sends it), which the instance parses: JSON.parse takes any depth. */
  private sendEventAsText() {
    const job = this.job
    if (!job) return
    job.asText = true
    const msg: ToWorker = {
      type: 'invoke',
      id: job.id,
      event: undefined,
      eventJson: toJsonText(job.event) ?? 'null',
      caller: job.caller,
      timeLimitMs: job.timeLimitMs,
    }
    this.worker.postMessage(msg)
  }

  private finish(outcome: Outcome) {
    const job = this.job
    if (!job) return
    this.job = undefined
    clearTimeout(job.timer)
    const ops = this.pool.executor.endInvocation(job.id)
    this.pool.recordOutcome(outcome)
    job.resolve({ id: job.id, fn: this.pool.name, outcome, ops, durationMs: Date.now() - job.startedAt, instanceId: this.id })
  }

  /**
   * At the local cloud's close: with `keep`, an idle instance's runtime is kept for the next local cloud of this
   * process (runtimes.ts); anything else ends.
   */
  async retire(keep: boolean) {
    if (keep && this.state === 'idle') {
      this.state = 'dead'
      this.listen('off')
      this.flushOutput()
      if (keepRuntime(this.runtimeKey, this.worker)) return
    }
    await this.worker.terminate()
  }

  /** Terminates the worker; the pool starts a replacement when there is work for it. */
  kill() {
    if (this.state === 'dead') return
    this.state = 'dead'
    this.pool.remove(this)
    void this.worker.terminate()
  }

  private die(message: string) {
    if (this.state === 'dead') return
    this.finish({ kind: 'crash', message })
    this.state = 'dead'
    this.pool.remove(this)
    void this.worker.terminate()
    // A function that cannot load would fail every queued call the same way; answer them rather than loop.
    if (message.includes('failed to load')) this.pool.failQueued(message)
    else this.pool.pump()
  }
}

export class FunctionPool {
  private readonly instances: Instance[] = []
  private readonly queue: Job[] = []
  private readonly entry: string
  private generation = 0
  private bundleMtime = 0
  private configMtime = -1
  private timeoutS = DEFAULT_TIMEOUT_S
  /** config.json `permissions.openapi`, re-read with the timeout when config.json changes. */
  openapiPermissions: readonly string[] = []
  private checkedAt = -Infinity
  private instanceSeq = 0
  private closed = false
  private readyWaiters: (() => void)[] = []
  readonly counters = { invocations: 0, errors: 0, timeouts: 0, crashes: 0, instancesStarted: 0 }

  constructor(
    readonly name: string,
    private readonly dir: string,
    readonly executor: Executor,
    private readonly options: PoolOptions,
  ) {
    this.entry = join(dir, 'index.js')
  }

  /** Runs one invocation; always resolves (failures are outcomes). */
  invoke(event: unknown, caller: CallerContext): Promise<Invocation> {
    if (this.closed) return Promise.reject(new Error('local cloud is closed'))
    this.counters.invocations++
    this.checkBundle()
    return new Promise((resolve) => {
      this.queue.push({ id: newInvocationId(), event, caller, resolve, nested: (caller.chain?.length ?? 0) > 0 })
      this.pump()
    })
  }

  /**
   * Starts instances up to the pool size and resolves when none is still starting. Cold starts (~250 ms,
   * mostly loading wx-server-sdk) otherwise stagger the first calls of a burst so much that they never overlap;
   * tests of races warm the pool first.
   */
  warm(): Promise<void> {
    if (this.closed) return Promise.resolve()
    this.checkBundle()
    while (this.instances.filter((i) => i.state !== 'dead').length < this.options.size) this.spawn()
    return new Promise((resolve) => {
      this.readyWaiters.push(resolve)
      this.pump()
    })
  }

  /**
   * Dispatches queued jobs to idle instances, starting instances up to the pool size. Calls from functions go
   * first and never wait behind busy instances: the caller may be one of them, and a pool whose every instance
   * waits on a call to its own function would wait forever. Such a call gets a fresh instance beyond the pool
   * size (CloudBase scales out) up to `burst` more, and past that fails at once. Instances beyond the size retire
   * when the queue is empty.
   */
  pump() {
    if (this.closed) return this.releaseWaiters()
    while (this.queue.length > 0) {
      const idle = this.instances.find((i) => i.state === 'idle' && i.generation === this.generation)
      if (idle) {
        idle.run(this.takeNext(), this.timeoutS)
        continue
      }
      // Instances of an older bundle retire once idle.
      for (const old of this.instances.filter((i) => i.state === 'idle' && i.generation !== this.generation)) old.kill()
      const live = this.instances.filter((i) => i.state !== 'dead')
      const starting = live.filter((i) => i.state === 'starting').length
      if (live.length < this.options.size && starting < this.queue.length) {
        this.spawn()
        continue
      }
      const nested = this.queue.filter((j) => j.nested)
      if (starting < nested.length) {
        const burst = this.options.burst ?? 0
        if (live.length < this.options.size + burst) {
          this.spawn()
          continue
        }
        // The newest calls from functions that no starting instance will serve.
        const message = noInstanceLeft(this.name, live.length, this.options.size, burst)
        for (const job of nested.slice(starting)) {
          this.queue.splice(this.queue.indexOf(job), 1)
          this.recordOutcome({ kind: 'crash', message })
          job.resolve({ id: job.id, fn: this.name, outcome: { kind: 'crash', message }, ops: zeroOps(), durationMs: 0, instanceId: '' })
        }
        continue
      }
      break
    }
    if (this.queue.length === 0) {
      const live = this.instances.filter((i) => i.state !== 'dead')
      const extra = live.length - this.options.size
      if (extra > 0) for (const spare of live.filter((i) => i.state === 'idle').slice(0, extra)) spare.kill()
    }
    if (!this.instances.some((i) => i.state === 'starting')) this.releaseWaiters()
  }

  /** The next job: the oldest call from a function, else the oldest job. */
  private takeNext(): Job {
    const i = this.queue.findIndex((j) => j.nested)
    return this.queue.splice(i >= 0 ? i : 0, 1)[0]
  }

  private releaseWaiters() {
    for (const resolve of this.readyWaiters.splice(0)) resolve()
  }

  private spawn() {
    this.counters.instancesStarted++
    const id = `${this.name}#${++this.instanceSeq}`
    this.instances.push(new Instance(id, this.generation, this, this.entry, this.options))
  }

  /**
   * A rebuilt bundle (npm run build:functions while running) is picked up by new instances, and a changed
   * config.json timeout by the next calls. Checked at most every BUNDLE_CHECK_MS, not on every call (two file
   * system calls per invocation were a visible share of the main thread's time under load).
   */
  private checkBundle() {
    const now = performance.now()
    if (now - this.checkedAt < BUNDLE_CHECK_MS) return
    this.checkedAt = now
    const mtime = statSync(this.entry, { throwIfNoEntry: false })?.mtimeMs ?? 0
    if (this.bundleMtime !== 0 && mtime !== 0 && mtime !== this.bundleMtime) this.generation++
    if (mtime !== 0) this.bundleMtime = mtime
    const configMtime = statSync(join(this.dir, 'config.json'), { throwIfNoEntry: false })?.mtimeMs ?? 0
    if (configMtime !== this.configMtime) {
      this.configMtime = configMtime
      try {
        const config = readFunctionConfig(this.dir)
        this.timeoutS = config.timeoutS
        this.openapiPermissions = config.openapi
      } catch {
        // a config.json being rewritten: keep the last timeout until it parses
      }
    }
  }

  /** As after a new deployment: calls from now on go to fresh instances; the current ones finish and are retired. */
  redeploy() {
    this.generation++
    this.pump()
  }

  get openapi(): OpenApi | undefined {
    return this.options.openapi
  }

  get storage(): Storage | undefined {
    return this.options.storage
  }

  get callFunction() {
    return this.options.callFunction
  }

  reportRefusal(what: string, invocationId?: string) {
    this.options.onNetworkRefusal?.(this.name, what, invocationId)
  }

  /** Whether any instance of the pool is alive (a deployed function keeps serving while its files are replaced). */
  get live() {
    return this.instances.some((i) => i.state !== 'dead')
  }

  /**
   * Runs `fn` after half a simulated database round trip (immediately without latency). On CloudBase each
   * database call takes milliseconds, so concurrent transactions overlap; locally they take microseconds.
   */
  afterLatency(fn: () => void) {
    const l = this.options.dbLatencyMs
    if (!l) return fn()
    const [min, max] = typeof l === 'number' ? [l, l] : l
    const ms = (min + Math.random() * (max - min)) / 2
    if (ms <= 0) fn()
    else setTimeout(fn, ms)
  }

  remove(instance: Instance) {
    const i = this.instances.indexOf(instance)
    if (i >= 0) this.instances.splice(i, 1)
  }

  failQueued(message: string) {
    for (const job of this.queue.splice(0)) {
      this.recordOutcome({ kind: 'crash', message })
      job.resolve({ id: job.id, fn: this.name, outcome: { kind: 'crash', message }, ops: zeroOps(), durationMs: 0, instanceId: '' })
    }
  }

  recordOutcome(outcome: Outcome) {
    if (outcome.kind === 'error') this.counters.errors++
    if (outcome.kind === 'timeout') this.counters.timeouts++
    if (outcome.kind === 'crash') this.counters.crashes++
  }

  stats() {
    return {
      ...this.counters,
      instances: this.instances.filter((i) => i.state !== 'dead').length,
      busy: this.instances.filter((i) => i.state === 'busy').length,
      queued: this.queue.length,
    }
  }

  /** Per-instance ids and thread ids (diagnostics and tests). */
  instanceIds() {
    return this.instances.map((i) => ({ id: i.id, threadId: i.worker.threadId, state: i.state, invocations: i.invocations }))
  }

  async close() {
    this.closed = true
    this.failQueued('local cloud is closing')
    await Promise.all(this.instances.splice(0).map((i) => i.retire(this.options.keepRuntimes === true)))
  }
}

/**
 * Writes text to `to` line by line with a prefix, a partial line held until its end or until `flush` (the
 * instance's last words), or discards it all.
 */
const lineWriter = (to: NodeJS.WritableStream, prefix: string, enabled: boolean) => {
  let partial = ''
  return {
    write: (text: string) => {
      if (!enabled) return
      const lines = (partial + text).split('\n')
      partial = lines.pop() ?? ''
      for (const line of lines) to.write(prefix + line + '\n')
    },
    flush: () => {
      if (partial) to.write(prefix + partial + '\n')
      partial = ''
    },
  }
}
