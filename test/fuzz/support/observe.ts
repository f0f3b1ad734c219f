/**
 * What the fuzz and fault suites watch on the local cloud besides the answers:
 * - which invocations changed stored state: the executor is single-threaded and answers each database request
 *   synchronously, so the writes applied during one of an invocation's requests were made by it;
 * - what the function instances wrote to stderr (console.error of an INTERNAL error, an unhandled rejection);
 * - a digest of every collection, the stored files and the message outbox, to compare around a batch.
 * Both the per-invocation check and the digest leave out the collections a refused call writes by design
 * (WRITTEN_WHEN_REFUSED), and only those.
 */
import { createHash } from 'node:crypto'
import { ERROR_CODES } from '../../../src/domain/errors'
import type { LocalCloud } from '../../cloud/harness'

export const KNOWN_CODES = ERROR_CODES

/**
 * Collections that a refused call writes by design, exempt by name from "a refused call changes nothing":
 * `codeGuards`, the brake on guessing member codes, counts each wrong dynamic code on the call that refuses it
 * (README, The member code); `posNonces`, the POS API's record of each well-signed request, written before its
 * body is read (cloudfunctions/pos/auth.ts: a replay of a refused request is refused too). Nothing else is exempt.
 */
export const WRITTEN_WHEN_REFUSED: ReadonlySet<string> = new Set(['codeGuards', 'posNonces'])

const HAN = /\p{Script=Han}/u

/** Problems with one answer body: its shape, code and messages. Empty = a well-formed answer. */
export const answerProblems = (body: unknown): string[] => {
  const b = body as { ok?: unknown; data?: unknown; error?: { code?: unknown; message?: unknown; fields?: unknown } } | null
  if (!b || typeof b !== 'object') return ['the answer is not an object']
  if (b.ok === true) return 'data' in b ? [] : ['ok without data']
  if (b.ok !== false || !b.error || typeof b.error !== 'object') return [`not a CloudResult: ${JSON.stringify(body).slice(0, 200)}`]
  const { code, message, fields } = b.error
  const problems: string[] = []
  if (typeof code !== 'string' || !KNOWN_CODES.has(code)) problems.push(`unknown code ${JSON.stringify(code)}`)
  if (code === 'INTERNAL') problems.push('INTERNAL')
  if (typeof message !== 'string' || !HAN.test(message)) problems.push(`message not in words: ${JSON.stringify(message)?.slice(0, 120)}`)
  if (code === 'INVALID_INPUT') {
    if (!Array.isArray(fields) || fields.length === 0) problems.push('INVALID_INPUT without fields')
    else
      for (const f of fields as { field?: unknown; message?: unknown }[]) {
        if (typeof f?.field !== 'string' || f.field === '') problems.push(`a field error without a field: ${JSON.stringify(f)}`)
        if (typeof f?.message !== 'string' || !HAN.test(f.message))
          problems.push(`field ${String(f?.field)}: message not in words: ${JSON.stringify(f?.message)}`)
      }
  }
  return problems
}

export const errorCode = (body: unknown): string | null => {
  const b = body as { ok?: boolean; error?: { code?: string } }
  return b?.ok === false ? (b.error?.code ?? '?') : null
}

export interface Observer {
  /** Whether the invocation changed any stored document (and forgets it). */
  changed(invocationId: string): boolean
  /** Lines the function instances wrote to stderr since the last call (and forgets them). */
  takeErrors(): string[]
  /** A digest of all stored state: every collection, the outbox, the stored files. */
  digest(): string
  /** Puts the executor and the streams back. */
  stop(): void
}

const INSTANCE_LINE = /^\[(\w+)#\d+\] /

export const observe = (cloud: LocalCloud): Observer => {
  const executor = cloud.executor
  const changedBy = new Set<string>()
  // Every write of a function reaches the store through apply(), inside one of the invocation's requests.
  let serving: string | undefined
  const handle = executor.handle
  executor.handle = function (this: typeof executor, action, params, ctx = {}) {
    const outer = serving
    serving = ctx.invocationId
    try {
      return handle.call(executor, action, params, ctx)
    } finally {
      serving = outer
    }
  }
  const store = executor.store
  const apply = store.apply
  store.apply = function (this: typeof store, writes) {
    const seq = apply.call(store, writes)
    if (serving && writes.some((w) => !WRITTEN_WHEN_REFUSED.has(w.coll))) changedBy.add(serving)
    return seq
  }

  // Instances' output is forwarded to this process line by line, prefixed "[fn#n] " (localcloud/instances/pool.ts).
  const errors: string[] = []
  const write = process.stderr.write
  process.stderr.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
    const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : ''
    if (INSTANCE_LINE.test(text)) {
      errors.push(text.trimEnd())
      return true
    }
    return (write as (...a: unknown[]) => boolean).call(process.stderr, chunk, ...rest)
  } as typeof process.stderr.write
  const out = process.stdout.write
  process.stdout.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
    const text = typeof chunk === 'string' ? chunk : ''
    if (INSTANCE_LINE.test(text)) return true // functions' ordinary logs: not asserted on
    return (out as (...a: unknown[]) => boolean).call(process.stdout, chunk, ...rest)
  } as typeof process.stdout.write

  return {
    changed(id) {
      const was = changedBy.has(id)
      changedBy.delete(id)
      return was
    },
    takeErrors: () => errors.splice(0),
    digest() {
      const hash = createHash('sha256')
      for (const coll of executor.collections().sort()) {
        if (WRITTEN_WHEN_REFUSED.has(coll)) continue
        hash.update(`\n#${coll}\n`)
        for (const doc of executor.find(coll, {}, { sort: { _id: 1 } })) hash.update(JSON.stringify(doc))
      }
      hash.update(`\n#files\n${JSON.stringify(cloud.storage.list())}`)
      return hash.digest('hex')
    },
    stop() {
      executor.handle = handle
      store.apply = apply
      process.stderr.write = write
      process.stdout.write = out
    },
  }
}
