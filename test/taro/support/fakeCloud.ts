/**
 * A stand-in for the local cloud gateway at the HTTP boundary: the app's real client and H5 transport run,
 * and each test says what each action answers. Records every call with the identity header it carried.
 */
import type { CloudResult } from '../../../src/api/contract'

type Answer = CloudResult<unknown> | { errCode: number; errMsg: string } | Error
type Handler = (input: unknown) => Answer | Promise<Answer>

export interface RecordedCall {
  functionName: string
  action: string
  input: unknown
  openid: string | null
}

export const ok = <T>(data: T): CloudResult<T> => ({ ok: true, data })
export const fail = (code: string, message: string, fields?: { field: string; message: string }[]) =>
  ({ ok: false, error: { code, message, ...(fields ? { fields } : {}) } }) as CloudResult<never>

/** Replaces fetch; `handlers` maps "function.action" to its answer. An Error rejects like a dead network. */
export const installFakeCloud = (handlers: Record<string, Handler>) => {
  const calls: RecordedCall[] = []
  const fetchImpl = async (url: string, init: { body: string; headers: Record<string, string> }) => {
    const functionName = /\/functions\/(\w+)$/.exec(url)?.[1] ?? '?'
    const { action, input } = JSON.parse(init.body) as { action: string; input: unknown }
    calls.push({ functionName, action, input, openid: init.headers['x-local-openid'] ?? null })
    const handler = handlers[`${functionName}.${action}`]
    if (!handler) throw new Error(`fake cloud has no answer for ${functionName}.${action}`)
    const answer = await handler(input)
    if (answer instanceof Error) throw answer
    return { ok: true, status: 200, json: async () => answer }
  }
  globalThis.fetch = jest.fn(fetchImpl) as unknown as typeof fetch
  return { calls }
}
