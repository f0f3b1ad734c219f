/**
 * The one typed client for the cloud functions: `callCloud('member', 'getCard', {})` resolves with the
 * action's output from the contract, or rejects with an AppError whose message a page can show as is.
 */
import type { ActionInput, ActionName, ActionOutput, CloudResult, FunctionName } from '../api/contract'
import { AppError, ERROR_CODES } from '../domain/errors'
import { invokeFunction } from './transport'

export const NETWORK_TROUBLE = '网络开小差了，请稍后再试'

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null

/**
 * Only a well-formed CloudResult counts as an answer. A crashed function yields `{ errCode, errMsg }` (or
 * nothing), and an unknown error code would leave pages guessing: both become INTERNAL.
 */
const asCloudResult = (body: unknown): CloudResult<unknown> | null => {
  if (!isObject(body)) return null
  if (body.ok === true && 'data' in body) return body as CloudResult<unknown>
  if (body.ok !== false || !isObject(body.error)) return null
  const { code, message } = body.error
  return typeof code === 'string' && ERROR_CODES.has(code) && typeof message === 'string' ? (body as CloudResult<unknown>) : null
}

export const callCloud = async <F extends FunctionName, A extends ActionName<F>>(
  functionName: F,
  action: A,
  input: ActionInput<F, A>,
): Promise<ActionOutput<F, A>> => {
  let body: unknown
  try {
    body = await invokeFunction(functionName, { action, input })
  } catch (cause) {
    throw new AppError('INTERNAL', NETWORK_TROUBLE, { cause })
  }
  const result = asCloudResult(body)
  if (!result) throw new AppError('INTERNAL', NETWORK_TROUBLE, { body })
  if (!result.ok) {
    const { code, message, fields } = result.error
    throw new AppError(code, message, fields ? { fields } : undefined)
  }
  return result.data as ActionOutput<F, A>
}

/** What a page shows for a failed call: the server's own words, or the network line for anything else. */
export const messageOf = (error: unknown): string => (error instanceof AppError ? error.message : NETWORK_TROUBLE)
