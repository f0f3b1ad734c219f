/**
 * A cloud function is a table of actions. Every call goes the same way:
 * identity (cloud context) → parse (schema) → authorize (role from the database) → run → answer.
 * Timer-triggered functions are a table of jobs instead, and refuse every call that is not a timer's.
 */
import type { GenericSchema, InferOutput } from 'valibot'
import type { ActionName, ActionOutput, CloudResult, FunctionName } from '../../src/api/contract'
import { check } from '../../src/api/schemas'
import { AppError, invalidInput } from '../../src/domain/errors'
import { holdsArea, missingAreaMessage, type OperatorArea } from '../../src/domain/operators'
import { callerOpenid, invocationSource, now } from './cloud'
import type { OperatorDoc, StaffDoc } from './collections'
import { data } from './data'
import { redactForLog } from './redact'
import { maskTypedPhones } from './views'

interface BaseContext {
  openid: string
  now: string
}
export type ShopperContext = BaseContext
export type StaffContext = BaseContext & { staff: StaffDoc }
export type OperatorContext = BaseContext & { operator: OperatorDoc }

/** `operator:<area>`: an operator holding that area (src/domain/operators.ts); plain `operator`: any operator. */
type Access = 'shopper' | 'staff' | 'manager' | 'operator' | `operator:${OperatorArea}`

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

type ActionTable<F extends FunctionName> = { [A in ActionName<F>]: Action<ActionOutput<F, A>> }

const loadActive = async <T extends { _id: string; active: boolean }>(
  collection: { get(id: string): Promise<T | null> },
  openid: string,
): Promise<T | null> => {
  const doc = await collection.get(openid)
  return doc?.active ? doc : null
}

const authorize = async (access: Access, base: BaseContext): Promise<ShopperContext | StaffContext | OperatorContext> => {
  if (!base.openid) throw new AppError('FORBIDDEN', '请在微信中打开小程序')
  if (access === 'shopper') return base
  if (access === 'staff' || access === 'manager') {
    const staff = await loadActive(data.staff, base.openid)
    if (!staff) throw new AppError('FORBIDDEN', '仅限门店导购使用')
    if (access === 'manager' && staff.role !== 'manager') throw new AppError('FORBIDDEN', '仅限店长操作')
    return { ...base, staff }
  }
  const operator = await loadActive(data.operators, base.openid)
  if (!operator) throw new AppError('FORBIDDEN', '仅限品牌运营使用')
  const area = access.startsWith('operator:') ? (access.slice('operator:'.length) as OperatorArea) : null
  if (area && !holdsArea(operator, area)) throw new AppError('FORBIDDEN', missingAreaMessage(area))
  return { ...base, operator }
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
    try {
      const openid = callerOpenid()
      const { action, input } = (event ?? {}) as { action?: unknown; input?: unknown }
      const spec =
        typeof action === 'string' && Object.prototype.hasOwnProperty.call(actions, action)
          ? (actions as Record<string, Action<unknown>>)[action]
          : undefined
      if (!spec) throw invalidInput([{ field: 'action', message: `${name} 没有这个操作` }])
      // Who first, then what: a caller without the role learns nothing about the action's input.
      const ctx = await authorize(spec.access, { openid, now: now() })
      const parsed = check(spec.schema, input ?? {})
      if (!parsed.ok) throw invalidInput(parsed.fields)
      const run = spec.run as (input: unknown, ctx: ShopperContext | StaffContext | OperatorContext) => Promise<unknown>
      const data = await run(parsed.value, ctx)
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
