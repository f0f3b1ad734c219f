/**
 * A stand-in for the local cloud gateway at the HTTP boundary: the app's real client and H5 transport run,
 * and each test says what each action answers. Records every call with the identity header it carried.
 */
import type { ActionInput, ActionName, ActionOutput, CloudResult, FunctionName } from '../../../src/api/contract'
import type { ErrorCode } from '../../../src/domain/errors'

/** What an action answers: its result, a platform failure (errCode/errMsg), or an Error (rejects like a dead network). */
type Answer<T> = CloudResult<T> | { errCode: number; errMsg: string } | Error
/** The contract's output with every field optional, all the way down: a test answers only what the page reads. */
type DeepPartial<T> = T extends readonly (infer E)[]
  ? readonly DeepPartial<E>[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T
type Handler<F extends FunctionName, A extends ActionName<F>> = (
  input: ActionInput<F, A>,
) => Answer<DeepPartial<ActionOutput<F, A>>> | Promise<Answer<DeepPartial<ActionOutput<F, A>>>>

/** Every action of the contract (src/api/contract.ts) as "function.action", with its handler typed by the contract. */
type Entry = { [F in FunctionName]: { [A in ActionName<F>]: { key: `${F}.${A}`; handler: Handler<F, A> } }[ActionName<F>] }[FunctionName]

/**
 * Answers by "function.action": only actions the contract has, each taking its contract input and answering its
 * contract output, so a change to the contract breaks the fake (and the tests that lean on it) at compile time.
 */
export type FakeHandlers = { [E in Entry as E['key']]?: E['handler'] }
/** One action's handler, for a test helper that takes it as a parameter: `HandlerFor<'staff.redeemPoints'>`. */
export type HandlerFor<K extends keyof FakeHandlers> = NonNullable<FakeHandlers[K]>
/** One action's result (or a dead network), for a test helper that passes an answer through. */
export type AnswerFor<K extends keyof FakeHandlers> = Exclude<Awaited<ReturnType<HandlerFor<K>>>, { errCode: number }>

export interface RecordedCall {
  functionName: string
  action: string
  input: unknown
  openid: string | null
}

export const ok = <T>(data: T): CloudResult<T> => ({ ok: true, data })
export const fail = (code: ErrorCode, message: string, fields?: { field: string; message: string }[]) =>
  ({ ok: false, error: { code, message, ...(fields ? { fields } : {}) } }) as CloudResult<never>

/** Replaces fetch; `handlers` maps "function.action" to its answer. An Error rejects like a dead network. */
export const installFakeCloud = (handlers: FakeHandlers) => {
  const calls: RecordedCall[] = []
  const fetchImpl = async (url: string, init: { body: string; headers: Record<string, string> }) => {
    const functionName = /\/functions\/(\w+)$/.exec(url)?.[1] ?? '?'
    const { action, input } = JSON.parse(init.body) as { action: string; input: unknown }
    calls.push({ functionName, action, input, openid: init.headers['x-local-openid'] ?? null })
    // The request is untyped JSON here: the handler's contract types are for the tests that write them.
    const handler = (handlers as Record<string, ((input: unknown) => Answer<unknown> | Promise<Answer<unknown>>) | undefined>)[
      `${functionName}.${action}`
    ]
    if (!handler) throw new Error(`fake cloud has no answer for ${functionName}.${action}`)
    const answer = await handler(input)
    if (answer instanceof Error) throw answer
    return { ok: true, status: 200, json: async () => answer }
  }
  globalThis.fetch = jest.fn(fetchImpl) as unknown as typeof fetch
  return { calls }
}
