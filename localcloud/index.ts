/** The local cloud: the real function bundles and wx-server-sdk over a local SQLite executor. See README.md. */
export { LOCAL_ENV_ID, startLocalCloud } from './cloud'
export { makeCustomLoginKey, WebAuth } from './webauth/webauth'
export type { CustomLoginKey, WebUser } from './webauth/webauth'
export type { DetailedInvocation, InvokeOptions, LocalCloud, LocalCloudOptions, NetworkRefusal } from './cloud'
export { Executor, newId } from './executor/executor'
export type { Answer, ExecutorOptions, OpContext, OpCounts } from './executor/executor'
export type { FaultSpec } from './executor/faults'
export type { CollectionSpec, IndexSpec } from './executor/store'
export {
  installFunctionsSeam,
  installOfflineSeam,
  installOpenApiSeam,
  installSeam,
  installStorageSeam,
  inspectFunctionsSeam,
  inspectOpenApiSeam,
  inspectSeam,
  inspectStorageSeam,
  SDK_VERSION,
} from './instances/seam'
export { installNetworkGuard, isLoopback, OFFLINE_CODE, unavailable, UNAVAILABLE } from './instances/offline'
export type { NetworkGuard } from './instances/offline'
export { DEFAULT_BURST_INSTANCES, MAX_CALL_DEPTH } from './instances/calls'
export { Storage, cloudPathOf, cloudPathProblem, fileIdOf, FILE_ID_PREFIX, STORAGE_BUCKET, STORAGE_ENV } from './storage/storage'
export { OpenApi, OUTBOX, NO_PERMISSION, WECHAT_ERRORS } from './openapi/openapi'
export type { OutboxMessage, Refusal } from './openapi/openapi'
export { PHONE_CODE_LIFETIME_MS, phoneInfoOf } from './openapi/phone'
export type { PhoneBook, PhoneInfo } from './openapi/phone'
export { pagesOf, readAppPages } from './openapi/pages'
export type { Invocation, Outcome } from './instances/pool'
export { seed } from './seed'
export { parseTimerCron, readTimerTriggers, timerEvent, TIMER_UTC_OFFSET_MINUTES } from './timers'
export type { TimerRun, TimerTrigger } from './timers'
