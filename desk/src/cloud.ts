/**
 * The desk's one way to the cloud: CloudBase's web SDK, signed in as an operator by a custom-login ticket, calling
 * the same functions the mini-program calls. On the local cloud the SDK is pointed at the host that serves the
 * desk (`registerHost`), whose gateway models CloudBase's web sign-in and HTTP function calls.
 */
import cloudbase from '@cloudbase/js-sdk/app'
import '@cloudbase/js-sdk/auth'
import '@cloudbase/js-sdk/functions'
import '@cloudbase/js-sdk/storage'
import type { ActionInput, ActionName, ActionOutput, CloudResult, FunctionName } from '../../src/api/contract'
import { DeskError } from './deskError'

const ENV = import.meta.env.VITE_CLOUDBASE_ENV
/** Built without a CloudBase environment: the local cloud serves this desk and answers for CloudBase. */
export const ON_LOCAL_CLOUD = !ENV

/**
 * The parts of the SDK the desk uses, typed here: the package's own typings reach types its dist does not ship, so
 * type-aware lint reads them as errors.
 */
interface DeskAuth {
  getLoginState(): Promise<unknown>
  signInAnonymously(): Promise<unknown>
  signInWithCustomTicket(getTicket: () => Promise<string>): Promise<{ error?: unknown } | undefined>
  signOut(): Promise<unknown>
}
interface DeskApp {
  registerHost(host: string, protocol: 'http' | 'https'): void
  auth(options: { persistence: 'local' | 'session' | 'none' }): DeskAuth
  callFunction(options: { name: string; data: unknown }): Promise<{ result?: unknown }>
  uploadFile(options: { cloudPath: string; filePath: File }): Promise<{ fileID: string }>
}
const sdk = cloudbase as unknown as { init(config: { env: string; region: string }): DeskApp }

const app = sdk.init({ env: ENV ?? 'local', region: import.meta.env.VITE_CLOUDBASE_REGION ?? 'ap-shanghai' })
if (ON_LOCAL_CLOUD) app.registerHost(window.location.host, window.location.protocol === 'https:' ? 'https' : 'http')

export const auth = app.auth({ persistence: 'local' })

export { DeskError }

const signedOutListeners = new Set<() => void>()
/** Called when a call finds the desk signed out (session ended, revoked, or the SDK's token refused). */
export const onSignedOut = (listener: () => void) => {
  signedOutListeners.add(listener)
  return () => void signedOutListeners.delete(listener)
}
const signedOut = (error: DeskError) => {
  for (const listener of signedOutListeners) listener()
  return error
}

const isUnauthenticated = (e: unknown) =>
  /INVALID_ACCESS_TOKEN|unauthenticated|credentials not found|token/i.test(String((e as Error)?.message ?? e))

export const call = async <F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  input: ActionInput<F, A>,
): Promise<ActionOutput<F, A>> => {
  let answer: { result?: unknown }
  try {
    answer = await app.callFunction({ name: fn, data: { action, input } })
  } catch (e) {
    if (isUnauthenticated(e)) throw signedOut(new DeskError('SIGNED_OUT', '登录已失效，请重新扫码登录'))
    throw new DeskError('NETWORK', '网络异常，请检查网络后重试')
  }
  const result = answer.result as CloudResult<ActionOutput<F, A>> | undefined
  if (!result || typeof result !== 'object' || !('ok' in result)) throw new DeskError('INTERNAL', '系统繁忙，请稍后再试')
  if (result.ok) return result.data
  const error = new DeskError(result.error.code, result.error.message, result.error.fields ?? [])
  throw result.error.code === 'SESSION_ENDED' ? signedOut(error) : error
}

/** Uploads a file to cloud storage as the signed-in operator (the storage rule makes them its creator): its fileID. */
export const uploadFile = async (cloudPath: string, file: File): Promise<string> => {
  try {
    return (await app.uploadFile({ cloudPath, filePath: file })).fileID
  } catch (e) {
    if (isUnauthenticated(e)) throw signedOut(new DeskError('SIGNED_OUT', '登录已失效，请重新扫码登录'))
    throw new DeskError('NETWORK', '图片上传失败，请检查网络后重试')
  }
}
