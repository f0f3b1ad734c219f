/** Messages between the main thread (which owns SQLite) and a function instance (a worker thread). */

/** How an invocation ended. */
export type Outcome =
  | { kind: 'ok'; value: unknown }
  /** main() threw or rejected. */
  | { kind: 'error'; message: string; stack?: string }
  | { kind: 'timeout'; timeoutS: number }
  /** The instance died (load failure, uncaught exception, out of memory). */
  | { kind: 'crash'; message: string }

export interface CallerContext {
  /** '' = anonymous client call; undefined = no caller at all (timers): WX_OPENID is not set. */
  openid?: string
  unionid?: string
  clientIp?: string
  /**
   * A web client signed in through CloudBase's auth (webauth/webauth.ts): its user, as a function reads it in
   * TCB_UUID, TCB_CUSTOM_USER_ID and TCB_ISANONYMOUS_USER. Such a call has no OPENID.
   */
  web?: { uuid: string; customUserId: string | null; anonymous: boolean }
  /** 'wx_client' for gateway calls, 'wx_trigger' for timers, WEB_SOURCE for web SDK calls. */
  source: string
  /** ISO instant: the invocation's "now" (LOCAL_CLOUD_NOW and db.serverDate()). */
  clock?: string
  /**
   * For a call from a function (cloud.callFunction): the functions above it, outermost first (its depth). Such
   * calls never wait behind busy instances (see FunctionPool.pump).
   */
  chain?: string[]
}

export type ToWorker =
  /** `eventJson` instead of `event` when the event nests too deep for structured clone (instances/json.ts). */
  | { type: 'invoke'; id: string; event: unknown; eventJson?: string; caller: CallerContext; timeLimitMs: number }
  | { type: 'db-answer'; id: number; answer: unknown }
  /** A Buffer arrives as a Uint8Array (structured clone); an object is CloudBase's own `{ code, message }`. */
  | { type: 'openapi-answer'; id: number; answer: Uint8Array | { code: string; message: string } }
  /** CloudBase's storage API answer (storage/storage.ts). */
  | { type: 'storage-answer'; id: number; answer: Record<string, unknown> }
  /** CloudBase's answer to `functions.invokeFunction` (instances/calls.ts). */
  | { type: 'call-answer'; id: number; answer: Record<string, unknown> }
  /** A kept runtime's next function (instances/runtimes.ts): answered, like a start, by `ready` or `load-error`. */
  | ({ type: 'load' } & WorkerData)

export type FromWorker =
  | { type: 'ready'; loadMs: number }
  | { type: 'load-error'; message: string }
  | { type: 'db'; id: number; invocationId?: string; action: string; params: Record<string, unknown> | undefined }
  | { type: 'openapi'; id: number; invocationId?: string; api: string; data: Uint8Array }
  | { type: 'storage'; id: number; invocationId?: string; action: string; params: Record<string, unknown> }
  /** cloud.callFunction({ name, data }): `data` as the SDK sends it, JSON text ('' = none). */
  | { type: 'call'; id: number; invocationId?: string; name: string; data: string }
  /** The network guard refused something (offline.ts); reported for `networkRefusals()`. */
  | { type: 'refused'; invocationId?: string; what: string }
  /** What the function wrote to its console (instances do not pipe their stdio: worker.ts). */
  | { type: 'output'; stream: 'stdout' | 'stderr'; text: string }
  /** A message from the main thread could not be read here (nested deeper than this thread's stack takes). */
  | { type: 'unreadable'; message: string }
  /** The return value as JSON text, as the platform sends it. */
  | { type: 'result'; id: string; ok: true; json: string }
  | { type: 'result'; id: string; ok: false; message: string; stack?: string }

export interface WorkerData {
  entry: string
  functionName: string
  instanceId: string
  /** The function's environment variables (CloudBase's envVariables, which deploy sets per function). */
  env: Record<string, string>
}

/** The cloud context every instance has, like CloudBase's. */
export const APPID = 'wx-local-appid'
export const CONTEXT_KEYS = 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP'
/** The web caller's keys, which @cloudbase/node-sdk reads through TCB_CONTEXT_KEYS (its getCloudbaseContext). */
export const TCB_CONTEXT_KEYS = 'TCB_UUID,TCB_CUSTOM_USER_ID,TCB_ISANONYMOUS_USER,TCB_SOURCE_IP'
export const PER_CALL_ENV = [
  'WX_OPENID',
  'WX_UNIONID',
  'WX_CLIENTIP',
  'TCB_SOURCE',
  'LOCAL_CLOUD_NOW',
  'TCB_UUID',
  'TCB_CUSTOM_USER_ID',
  'TCB_ISANONYMOUS_USER',
  'TCB_SOURCE_IP',
] as const
/** TCB_SOURCE of a call from the web SDK. CloudBase documents no value for it; nothing here relies on this one. */
export const WEB_SOURCE = 'tcb_web'
/**
 * TCB_SOURCE of a call through the HTTP access service. CloudBase documents no value for it (wx-server-sdk's SOURCE
 * lists WeChat's sources and "other: from Tencent Cloud"); nothing may rely on this one: such a call is known by
 * having no user at all and an integration request as its event.
 */
export const HTTP_ACCESS_SOURCE = 'tcb_http_access'
