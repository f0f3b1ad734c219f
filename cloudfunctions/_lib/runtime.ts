/**
 * A cloud function is a table of actions. Every call goes the same way:
 * identity (cloud context) → parse (schema) → authorize (role from the database) → run → answer.
 * Timer-triggered functions are a table of jobs instead, and refuse every call that is not a timer's.
 *
 * Callers come two ways. From the mini-program, WeChat puts the user's OPENID in the context. From the operators'
 * desk (a web app on CloudBase's web SDK), the context holds the web user's custom-login uid `desk-<sessionId>`:
 * the session, opened by an operator on the phone (desk function), names that operator's OPENID, and from there
 * the call is authorized exactly as the operator's own phone call would be. One authorization path, no second
 * user table. Operator calls are written to the audit log with their source.
 */
import type { GenericSchema, InferOutput } from 'valibot'
import type { ActionName, ActionOutput, CloudResult, FunctionName } from '../../src/api/contract'
import { check } from '../../src/api/schemas'
import { AppError, invalidInput } from '../../src/domain/errors'
import { holdsArea, missingAreaMessage, type OperatorArea } from '../../src/domain/operators'
import { callerOpenid, invocationSource, now, webCaller } from './cloud'
import type { CallSource, OperatorDoc, StaffDoc } from './collections'
import { data } from './data'
import { redactForLog } from './redact'
import { maskTypedPhones } from './views'

interface BaseContext {
  openid: string
  now: string
}
export type ShopperContext = BaseContext
export type StaffContext = BaseContext & { staff: StaffDoc }
export type OperatorContext = BaseContext & {
  operator: OperatorDoc
  /** Where the call came from; the desk's session id when from the desk. */
  source: CallSource
  deskSessionId: string | null
}
/** A web browser not (yet) signed in as anyone: the desk's sign-in page. `browserUid` is its web user (TCB_UUID). */
export type BrowserContext = { now: string; browserUid: string }

/** `operator:<area>`: an operator holding that area (src/domain/operators.ts); plain `operator`: any operator. */
type Access = 'shopper' | 'staff' | 'manager' | 'operator' | `operator:${OperatorArea}` | 'browser'

const isOperatorAccess = (access: Access) => access === 'operator' || access.startsWith('operator:')

export interface Action<O> {
  access: Access
  schema: GenericSchema
  run: (input: never, ctx: never) => Promise<O>
}

/** An action any WeChat user may call (joining, reading one's own card). */
export const shopperAction = <S extends GenericSchema, O>(
  schema: S,
  run: (input: InferOutput<S>, ctx: ShopperContext) => Promise<O>,
): Action<O> => ({ access: 'shopper', schema, run })

/** An action only active staff may call; their staff record is loaded and passed in. */
export const staffAction = <S extends GenericSchema, O>(
  schema: S,
  run: (input: InferOutput<S>, ctx: StaffContext) => Promise<O>,
): Action<O> => ({ access: 'staff', schema, run })

/** An action only a store's active manager may call (not the assistants). */
export const managerAction = <S extends GenericSchema, O>(
  schema: S,
  run: (input: InferOutput<S>, ctx: StaffContext) => Promise<O>,
): Action<O> => ({ access: 'manager', schema, run })

/**
 * An action only the brand's active operators may call (never shop assistants); with an `area` first, only those
 * holding that permission (src/domain/operators.ts): `operatorAction('catalog', Schema, run)`.
 */
export function operatorAction<S extends GenericSchema, O>(
  schema: S,
  run: (input: InferOutput<S>, ctx: OperatorContext) => Promise<O>,
): Action<O>
export function operatorAction<S extends GenericSchema, O>(
  area: OperatorArea,
  schema: S,
  run: (input: InferOutput<S>, ctx: OperatorContext) => Promise<O>,
): Action<O>
export function operatorAction(...args: [GenericSchema, Action<unknown>['run']] | [OperatorArea, GenericSchema, Action<unknown>['run']]) {
  if (args.length === 2) return { access: 'operator', schema: args[0], run: args[1] }
  return { access: `operator:${args[0]}`, schema: args[1], run: args[2] }
}

/** An action for a web browser before sign-in (the desk asking to sign in); never for the mini-program. */
export const browserAction = <S extends GenericSchema, O>(
  schema: S,
  run: (input: InferOutput<S>, ctx: BrowserContext) => Promise<O>,
): Action<O> => ({ access: 'browser', schema, run })

type ActionTable<F extends FunctionName> = { [A in ActionName<F>]: Action<ActionOutput<F, A>> }

const loadActive = async <T extends { _id: string; active: boolean }>(
  collection: { get(id: string): Promise<T | null> },
  openid: string,
): Promise<T | null> => {
  const doc = await collection.get(openid)
  return doc?.active ? doc : null
}

/** Who is calling, from the cloud context only. */
type Caller =
  | { kind: 'phone'; openid: string }
  | { kind: 'desk'; sessionId: string; browserUid: string }
  | { kind: 'browser'; browserUid: string }
  | { kind: 'nobody' }

export const DESK_UID_PREFIX = 'desk-'

const callerOf = (): Caller => {
  const openid = callerOpenid()
  if (openid) return { kind: 'phone', openid }
  const web = webCaller()
  if (!web) return { kind: 'nobody' }
  if (web.customUserId?.startsWith(DESK_UID_PREFIX))
    return { kind: 'desk', sessionId: web.customUserId.slice(DESK_UID_PREFIX.length), browserUid: web.uuid }
  return { kind: 'browser', browserUid: web.uuid }
}

/** A desk session's operator, while the session lasts; else the desk must sign in again. */
const deskOperatorOpenid = async (sessionId: string, at: string): Promise<string> => {
  const session = sessionId ? await data.deskSessions.get(sessionId) : null
  if (!session || session.revokedAt !== null || session.expiresAt <= at)
    throw new AppError('SESSION_ENDED', '登录已失效，请用小程序扫码重新登录')
  return session.operatorOpenid
}

type AnyContext = ShopperContext | StaffContext | OperatorContext | BrowserContext

const authorize = async (access: Access, caller: Caller, at: string): Promise<AnyContext> => {
  if (access === 'browser') {
    if (caller.kind !== 'browser' && caller.kind !== 'desk') throw new AppError('FORBIDDEN', '请在电脑浏览器中打开运营后台')
    return { now: at, browserUid: caller.browserUid }
  }
  if (caller.kind === 'nobody' || caller.kind === 'browser') throw new AppError('FORBIDDEN', '请在微信中打开小程序')
  if (caller.kind === 'desk' && !isOperatorAccess(access)) throw new AppError('FORBIDDEN', '运营后台只能办理运营的事务')
  const openid = caller.kind === 'phone' ? caller.openid : await deskOperatorOpenid(caller.sessionId, at)
  const base: BaseContext = { openid, now: at }
  if (access === 'shopper') return base
  if (access === 'staff' || access === 'manager') {
    const staff = await loadActive(data.staff, base.openid)
    if (!staff) throw new AppError('FORBIDDEN', '仅限门店导购使用')
    if (access === 'manager' && staff.role !== 'manager') throw new AppError('FORBIDDEN', '仅限店长操作')
    return { ...base, staff }
  }
  const operator = await loadActive(data.operators, base.openid)
  if (!operator) {
    if (caller.kind === 'desk') throw new AppError('SESSION_ENDED', '该运营账号已停用，后台登录已失效')
    throw new AppError('FORBIDDEN', '仅限品牌运营使用')
  }
  const area = access.startsWith('operator:') ? (access.slice('operator:'.length) as OperatorArea) : null
  if (area && !holdsArea(operator, area)) throw new AppError('FORBIDDEN', missingAreaMessage(area))
  return caller.kind === 'desk'
    ? { ...base, operator, source: 'desk', deskSessionId: caller.sessionId }
    : { ...base, operator, source: 'miniprogram', deskSessionId: null }
}

/**
 * One line in the audit log per operator call that ran: who, which action, from where. A refused call changes
 * nothing and is not logged (bad input changes nothing, the log included). Written after the answer is decided and
 * outside its transaction: a failed write is logged and does not turn a done action into a failure the caller
 * would retry.
 */
const audit = async (fn: string, action: string, ctx: OperatorContext) => {
  try {
    await data.auditLog.addWithNewId({
      at: ctx.now,
      operatorId: ctx.operator.operatorId,
      fn,
      action,
      source: ctx.source,
      deskSessionId: ctx.deskSessionId,
    })
  } catch (e) {
    console.error(`[${fn}] audit log write failed`, redactForLog(e))
  }
}

const failure = (e: unknown, name: string): CloudResult<never> => {
  if (e instanceof AppError) {
    return { ok: false, error: { code: e.code, message: e.message, ...(e.details?.fields ? { fields: e.details.fields } : {}) } }
  }
  // Unexpected: log the whole error for the function's logs, tell the caller nothing internal.
  console.error(`[${name}]`, redactForLog(e))
  return { ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } }
}

/** Builds `exports.main` for one function from its action table. */
export const serve =
  <F extends FunctionName>(name: F, actions: ActionTable<F>) =>
  async (event: unknown): Promise<CloudResult<unknown>> => {
    let operatorCtx: OperatorContext | null = null
    try {
      const caller = callerOf()
      const { action, input } = (event ?? {}) as { action?: unknown; input?: unknown }
      const spec =
        typeof action === 'string' && Object.prototype.hasOwnProperty.call(actions, action)
          ? (actions as Record<string, Action<unknown>>)[action]
          : undefined
      if (!spec) throw invalidInput([{ field: 'action', message: `${name} 没有这个操作` }])
      // Who first, then what: a caller without the role learns nothing about the action's input.
      const ctx = await authorize(spec.access, caller, now())
      if (isOperatorAccess(spec.access)) operatorCtx = ctx as OperatorContext
      const parsed = check(spec.schema, input ?? {})
      if (!parsed.ok) throw invalidInput(parsed.fields)
      const run = spec.run as (input: unknown, ctx: AnyContext) => Promise<unknown>
      const data = await run(parsed.value, ctx)
      if (operatorCtx) await audit(name, action as string, operatorCtx)
      // Staff and operators see phone numbers masked, also those typed into notes and reasons (a shopper's
      // answers are their own).
      return { ok: true, data: spec.access === 'shopper' ? data : maskTypedPhones(data) }
    } catch (e) {
      return failure(e, name)
    }
  }

export interface JobContext {
  now: string
  /** The trigger's name from config.json, e.g. "points-expiry". */
  trigger: string
}

/**
 * Builds `exports.main` for a timer-triggered function. Only the platform's timer trigger may run it: its
 * SOURCE is `wx_trigger` and it carries no user. Anything else is a client and is refused, whatever its event
 * claims — with an OPENID, and also without one (an HTTP API or web call has none).
 */
export const serveTimers =
  <R>(name: string, jobs: Record<string, (ctx: JobContext) => Promise<R>>) =>
  async (event: unknown): Promise<CloudResult<R>> => {
    try {
      const { Type, TriggerName } = (event ?? {}) as { Type?: unknown; TriggerName?: unknown }
      if (invocationSource() !== 'wx_trigger' || callerOpenid() !== '' || Type !== 'Timer')
        throw new AppError('FORBIDDEN', '仅限定时任务调用')
      const job = typeof TriggerName === 'string' && Object.prototype.hasOwnProperty.call(jobs, TriggerName) ? jobs[TriggerName] : undefined
      if (!job) throw invalidInput([{ field: 'TriggerName', message: `${name} 没有这个定时任务` }])
      return { ok: true, data: await job({ now: now(), trigger: TriggerName as string }) }
    } catch (e) {
      return failure(e, name)
    }
  }
