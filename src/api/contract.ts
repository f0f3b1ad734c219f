/**
 * The one contract between the mini-program and the cloud functions: every function, its actions, their
 * inputs and outputs. Pages call `callCloud('member', 'getCard', {})` and get these types back.
 */
import type { ErrorCode, FieldError } from '../domain/errors'
import type { Birthday } from '../domain/member'
import type { ProgramRules, TierId } from '../domain/program'
import type { TierChange, TierState } from '../domain/tiers'
import type { Instant } from '../domain/time'
import type { JoinInput, LookupMemberInput, RecordPurchaseInput } from './schemas'

/** What every cloud function answers. */
export type CloudResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: { code: ErrorCode; message: string; fields?: FieldError[] } }

/** A request to a function: which action, with what input. Identity never travels here. */
export interface CloudRequest<A extends string = string, I = unknown> {
  action: A
  input: I
}

export interface StoreView {
  id: string
  name: string
}

/** The shopper's own card: tier state (so the client computes progress with the same domain code). */
export interface MemberView extends TierState {
  memberNo: string
  name: string
  mobileMasked: string
  birthday: Birthday
  pointsBalance: number
  joinedAt: Instant
  store: StoreView | null
}

export interface CardView {
  member: MemberView
  program: ProgramRules
  /** The server's clock, so progress and expiry read the same on a phone with a wrong clock. */
  serverTime: Instant
}

export interface StaffView {
  staffId: string
  name: string
  role: 'assistant' | 'manager'
  store: StoreView
}

/** What the till sees about a member: enough to confirm who it is, no more. */
export interface MemberSummary {
  memberNo: string
  name: string
  mobileMasked: string
  tier: TierId
  vipUntil: Instant | null
  pointsBalance: number
}

export interface PurchaseResult {
  purchase: {
    orderNo: string
    amountFen: number
    at: Instant
    pointsEarned: number
    tierChange: TierChange | null
  }
  member: MemberSummary
  /** True when this order number was already recorded with the same content: nothing new happened. */
  replayed: boolean
}

export interface Api {
  member: {
    join: { input: JoinInput; output: { member: MemberView; created: boolean } }
    getCard: { input: Record<string, never>; output: CardView }
  }
  staff: {
    whoami: { input: Record<string, never>; output: StaffView }
    lookupMember: { input: LookupMemberInput; output: { member: MemberSummary } }
    recordPurchase: { input: RecordPurchaseInput; output: PurchaseResult }
  }
}

export type FunctionName = keyof Api
export type ActionName<F extends FunctionName> = keyof Api[F] & string
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends { input: infer I } ? I : never
export type ActionOutput<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends { output: infer O } ? O : never
