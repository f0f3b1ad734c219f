/**
 * The one contract between the mini-program and the cloud functions: every function, its actions, their
 * inputs and outputs. Pages call `callCloud('member', 'getCard', {})` and get these types back.
 */
import type { ErrorCode, FieldError } from '../domain/errors'
import type { LedgerKind } from '../domain/ledger'
import type { Birthday } from '../domain/member'
import type { PointsState } from '../domain/points'
import type { ProgramRules, TierId } from '../domain/program'
import type { TierChange, TierState } from '../domain/tiers'
import type { Instant } from '../domain/time'
import type {
  AdjustPointsInput,
  JoinInput,
  LookupMemberInput,
  LookupOrderInput,
  MemberLedgerInput,
  PointsHistoryInput,
  RecordPurchaseInput,
  RecordRefundInput,
  RedeemPointsInput,
} from './schemas'

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

/**
 * The shopper's own card: tier and points state, so the client computes progress and "N points expire on
 * DATE" with the same domain code as the server.
 */
export interface MemberView extends TierState, Omit<PointsState, 'pointsShortfall'> {
  memberNo: string
  name: string
  mobileMasked: string
  birthday: Birthday
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

/** One line of a points history, in words a shopper reads. */
export interface PointsHistoryEntry {
  id: string
  kind: LedgerKind
  /** Signed. */
  points: number
  balanceAfter: number
  /** What happened, e.g. "消费积分", "兑换：保温杯", "积分过期", an operator's reason. */
  reason: string
  at: Instant
  /** Where it came from, for the second line: "上海静安嘉里中心店 · 订单 SO123". */
  detail: string | null
}

export interface PointsHistoryPage {
  entries: PointsHistoryEntry[]
  /** Pass back to get the next (older) page; null at the end. */
  nextCursor: string | null
}

/** An order as the till sees it before a refund. */
export interface OrderView {
  orderNo: string
  amountFen: number
  refundedFen: number
  at: Instant
  pointsEarned: number
  pointsReversed: number
  member: MemberSummary
}

export interface RefundResult {
  refund: {
    orderNo: string
    amountFen: number
    /** Points taken back by this refund, and points that could not be (the balance had been spent). */
    pointsReversed: number
    shortfall: number
    at: Instant
  }
  tierBefore: TierId
  member: MemberSummary
  replayed: boolean
}

export interface RedemptionResult {
  /** `points` is what was spent, a positive number. */
  redemption: { points: number; reason: string; at: Instant; balanceAfter: number }
  member: MemberSummary
  replayed: boolean
}

export interface OperatorView {
  operatorId: string
  name: string
}

export interface AdjustmentResult {
  /** `points` is signed: positive added, negative taken. */
  adjustment: { points: number; reason: string; at: Instant; balanceAfter: number }
  member: MemberSummary
  replayed: boolean
}

/** A ledger line for the brand's audit: who did it, through what. */
export interface AuditEntry extends PointsHistoryEntry {
  actor: string
  source: string
}

export interface Api {
  member: {
    join: { input: JoinInput; output: { member: MemberView; created: boolean } }
    getCard: { input: Record<string, never>; output: CardView }
    pointsHistory: { input: PointsHistoryInput; output: PointsHistoryPage }
  }
  staff: {
    whoami: { input: Record<string, never>; output: StaffView }
    lookupMember: { input: LookupMemberInput; output: { member: MemberSummary } }
    recordPurchase: { input: RecordPurchaseInput; output: PurchaseResult }
    lookupOrder: { input: LookupOrderInput; output: { order: OrderView } }
    recordRefund: { input: RecordRefundInput; output: RefundResult }
    redeemPoints: { input: RedeemPointsInput; output: RedemptionResult }
  }
  ops: {
    whoami: { input: Record<string, never>; output: OperatorView }
    lookupMember: { input: LookupMemberInput; output: { member: MemberSummary } }
    memberLedger: { input: MemberLedgerInput; output: { member: MemberSummary; entries: AuditEntry[]; nextCursor: string | null } }
    adjustPoints: { input: AdjustPointsInput; output: AdjustmentResult }
  }
}

export type FunctionName = keyof Api
export type ActionName<F extends FunctionName> = keyof Api[F] & string
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends { input: infer I } ? I : never
export type ActionOutput<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends { output: infer O } ? O : never
