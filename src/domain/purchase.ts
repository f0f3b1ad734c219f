import { settleExpiry } from './balance'
import { couponProblem, discountFor, useCoupon, type Coupon } from './coupons'
import { AppError, invalidInput } from './errors'
import { earnEntryId, reverseEntryId, type Actor, type LedgerEntry } from './ledger'
import { inBirthdayMonth, type Member } from './member'
import { formatYuan, type Fen } from './money'
import type { SaleLine } from './pos'
import { credit, debitUpTo, expiryFor, pointsBreakdown, type PointsBreakdown } from './points'
import type { ProgramRules, TierId } from './program'
import { settleReferralOnPurchase, type PendingReferral, type ReferralOutcome } from './referral'
import { applyPurchaseToTier, effectiveTier, tierFromHistory, type SpendEvent, type TierChange } from './tiers'
import { spendCode, type PresentedCode } from './tillCode'
import type { Instant } from './time'

/** Order numbers are unique per store, so the purchase key is the store plus the order number. */
export const purchaseId = (storeId: string, orderNo: string): string => `${storeId}:${orderNo}`

/** A refund's key: the store plus the till's request id for it. */
export const refundId = (storeId: string, requestId: string): string => `${storeId}:${requestId}`

/** What the till needs back about the member after a change; part of the stored first answer. */
export interface MemberAfter {
  tier: TierId
  vipUntil: Instant | null
  pointsBalance: number
}

/** The purchase document (collection `purchases`), which also remembers the answer given, for retries. */
export interface PurchaseRecord {
  _id: string
  memberId: string
  storeId: string
  orderNo: string
  /** What the member paid: the order amount less the coupon. Spend, points and refunds count this. */
  amountFen: Fen
  /** The order amount before the coupon. */
  listAmountFen: Fen
  /** The coupon used with this purchase, and what it took off. */
  coupon: { id: string; title: string; discountFen: Fen } | null
  at: Instant
  recordedBy: string
  pointsEarned: number
  /** How pointsEarned came about (base, tier, birthday); absent on purchases recorded before it was kept. */
  pointsBreakdown?: PointsBreakdown
  /** The batch the earned points joined (so a reversal takes them back from there first). */
  expiresAt: Instant
  /** Gross margin of the order as the till recorded it (0 when unknown). */
  marginFen: Fen
  tierChange: TierChange | null
  memberAfter: MemberAfter
  programVersion: number
  /** Sum of refunds against this order so far. */
  refundedFen: Fen
  /** Points taken back (or owed, see shortfall) by those refunds: floor(earned × refunded / amount). */
  pointsReversed: number
  /**
   * Of pointsReversed, those no refund could take back (the member had spent them); absent before it was kept.
   * pointsReversed − pointsShortfall is what was really taken back.
   */
  pointsShortfall?: number
  /** The order's lines as the POS sent them (sku, name, qty, unit price, unit cost); absent from the staff till. */
  lines?: SaleLine[]
  /** When the POS says the order was paid (its own clock, kept for reports); the rules count `at`, the server's. */
  paidAt?: Instant
}

export interface PurchaseInput {
  storeId: string
  orderNo: string
  /** The order amount before any coupon. */
  amountFen: Fen
  at: Instant
  actor: Actor & { type: 'staff' }
  /** A coupon scanned with the purchase: used in the same decision, or the purchase is refused. */
  coupon?: Coupon
  /** Gross margin of the order, when the till knows it (for the handbook's 大户 ranking). */
  marginFen?: Fen
  /** The order's lines (the POS API), kept with the purchase. */
  lines?: SaleLine[]
  /** The POS's time of payment, kept with the purchase (the rules count `at`). */
  paidAt?: Instant
}

export interface PurchaseDecision {
  member: Member
  purchase: PurchaseRecord
  entries: LedgerEntry[]
  /** The coupon as used, when one came with the purchase. */
  coupon: Coupon | null
}

const memberAfter = (member: Member, at: Instant): MemberAfter => ({
  tier: effectiveTier(member, at),
  vipUntil: effectiveTier(member, at) === 'vip' ? member.vipUntil : null,
  pointsBalance: member.pointsBalance,
})

/**
 * Decides what one purchase does: points at the rate of the tier the member holds when buying (doubled in
 * their birthday month, by default), the tier rules, and the ledger entries to append. Pure; the adapter
 * writes the result in one transaction.
 */
export const recordPurchase = (member: Member, input: PurchaseInput, program: ProgramRules): PurchaseDecision => {
  const id = purchaseId(input.storeId, input.orderNo)
  let usedCoupon: Coupon | null = null
  let discountFen = 0
  if (input.coupon) {
    if (input.coupon.memberId !== member._id) throw new AppError('COUPON_NOT_APPLICABLE', '该券不属于这位会员')
    const problem = couponProblem(input.coupon, member, input.amountFen, input.at)
    if (problem) throw new AppError(problem.code, problem.message)
    discountFen = discountFor(input.coupon.benefit, input.amountFen)
    usedCoupon = useCoupon(input.coupon, { at: input.at, by: input.actor.id, storeId: input.storeId, orderId: id, discountFen })
  }
  const paidFen = input.amountFen - discountFen
  const settled = settleExpiry(member, input.at, input.actor, program.version)
  const breakdown = pointsBreakdown(paidFen, effectiveTier(member, input.at), inBirthdayMonth(member.birthday, input.at), program)
  const points = breakdown.total
  const expiresAt = expiryFor(input.at, program)
  const { state: tierState, change } = applyPurchaseToTier(settled.member, paidFen, input.at, program)
  const withTier: Member = {
    ...settled.member,
    ...tierState,
    historyRevision: member.historyRevision + 1,
    purchaseCount: member.purchaseCount + 1,
    marginFen: member.marginFen + (input.marginFen ?? 0),
    lastPurchaseAt: input.at,
    lastSeenAt: input.at,
  }
  const after: Member = points > 0 ? credit(withTier, points, expiresAt) : withTier
  const earn: LedgerEntry[] =
    points > 0
      ? [
          {
            _id: earnEntryId(id),
            memberId: member._id,
            kind: 'earn',
            points,
            balanceAfter: after.pointsBalance,
            reason: '消费积分',
            actor: input.actor,
            source: { type: 'purchase', id, orderNo: input.orderNo, storeId: input.storeId },
            at: input.at,
            programVersion: program.version,
            expiresAt,
          },
        ]
      : []
  return {
    member: after,
    purchase: {
      _id: id,
      memberId: member._id,
      storeId: input.storeId,
      orderNo: input.orderNo,
      amountFen: paidFen,
      listAmountFen: input.amountFen,
      coupon: usedCoupon ? { id: usedCoupon._id, title: usedCoupon.title, discountFen } : null,
      at: input.at,
      recordedBy: input.actor.id,
      pointsEarned: points,
      pointsBreakdown: breakdown,
      expiresAt,
      marginFen: input.marginFen ?? 0,
      tierChange: change,
      memberAfter: memberAfter(after, input.at),
      programVersion: program.version,
      refundedFen: 0,
      pointsReversed: 0,
      pointsShortfall: 0,
      ...(input.lines ? { lines: input.lines } : {}),
      ...(input.paidAt ? { paidAt: input.paidAt } : {}),
    },
    entries: [...settled.entries, ...earn],
    coupon: usedCoupon,
  }
}

/** A retry must carry the same content as the first call; anything else is a different purchase. */
export const isSamePurchase = (
  existing: PurchaseRecord,
  memberId: string,
  listAmountFen: Fen,
  couponId: string | null,
  lines: SaleLine[] | null = null,
): boolean =>
  existing.memberId === memberId &&
  existing.listAmountFen === listAmountFen &&
  (existing.coupon?.id ?? null) === couponId &&
  sameLines(existing.lines ?? null, lines)

/** Lines compare by their fields in order (a store round-trips them as sent; key order may differ). */
const sameLines = (a: SaleLine[] | null, b: SaleLine[] | null): boolean => {
  const key = (l: SaleLine) => [l.sku, l.name, l.qty, l.unitPriceFen, l.costFen ?? null]
  return JSON.stringify(a?.map(key) ?? null) === JSON.stringify(b?.map(key) ?? null)
}

/**
 * A purchase sent again under an order number already recorded: the first answer when it is the same purchase
 * (a retry), refused when it is another one.
 */
export const purchaseReplay = (
  existing: PurchaseRecord,
  request: { orderNo: string; memberId: string; listAmountFen: Fen; couponId: string | null; lines?: SaleLine[] | null },
): PurchaseRecord => {
  if (!isSamePurchase(existing, request.memberId, request.listAmountFen, request.couponId, request.lines ?? null)) {
    throw new AppError('IDEMPOTENCY_CONFLICT', `订单号 ${request.orderNo} 已录入过另一笔消费，请核对订单号`)
  }
  return existing
}

/** What a till purchase is decided on, as read in its transaction. */
export interface TillPurchaseState {
  /** The buyer as the transaction read them. */
  member: Member
  /** Their referral and its inviter, read when the referral is pending (else null). */
  referral: PendingReferral | null
}

export interface TillPurchaseInput extends PurchaseInput {
  /** The dynamic member code scanned for it, spent by this purchase; null when a coupon of the member's stood for it. */
  code: PresentedCode | null
  /** The OPENID of whoever records it: an inviter recording their own invitee's first purchase is held for review. */
  recorderId: string
}

/** Everything one till purchase writes: the buyer (code spent, points, tier), its record, entries, coupon, referral. */
export interface TillPurchaseDecision extends PurchaseDecision {
  /** The referral settled by this purchase (with the inviter paid, when paid); null when none settles. */
  referral: ReferralOutcome | null
}

/**
 * A purchase at the till, decided whole: the member code spent (once, see tillCode.ts), points, tier and coupon
 * (recordPurchase), and the invitee's pending referral settled. Pure; `_lib/purchases.ts` writes the result in the
 * purchase's transaction.
 */
export const purchaseAtTill = (state: TillPurchaseState, input: TillPurchaseInput, program: ProgramRules): TillPurchaseDecision => {
  const { code, recorderId, ...purchase } = input
  const id = purchaseId(input.storeId, input.orderNo)
  const till = { staffId: input.actor.id, storeId: input.storeId }
  // The code is spent on the member document the purchase writes anyway.
  const member = code
    ? { ...state.member, tillCodes: spendCode(state.member.tillCodes, code, till, `purchase:${id}`, input.at) }
    : state.member
  const decision = recordPurchase(member, purchase, program)
  const { invitee, outcome } = settleReferralOnPurchase(
    decision.member,
    state.referral,
    { id: decision.purchase._id, paidFen: decision.purchase.amountFen, recordedBy: recorderId },
    input.at,
    program,
  )
  return { ...decision, member: invitee, referral: outcome }
}

/**
 * Points a refund of `amountFen` takes back from an order: proportional and cumulatively exact, so the
 * refunds of an order together take back exactly what it earned: floor(earned × refunded / amount) less
 * what earlier refunds took.
 */
export const pointsToReverse = (
  purchase: Pick<PurchaseRecord, 'amountFen' | 'refundedFen' | 'pointsEarned' | 'pointsReversed'>,
  amountFen: Fen,
): number => Math.floor((purchase.pointsEarned * (purchase.refundedFen + amountFen)) / purchase.amountFen) - purchase.pointsReversed

/** The order's margin that refunds of `refundedFen` in total take back, floored like points. */
const marginRefunded = (purchase: Pick<PurchaseRecord, 'marginFen' | 'amountFen'>, refundedFen: Fen): Fen =>
  Math.floor(((purchase.marginFen ?? 0) * refundedFen) / purchase.amountFen)

/** The refund document (collection `refunds`, `_id` = refundId): the record and the first answer. */
export interface RefundRecord {
  _id: string
  purchaseId: string
  memberId: string
  storeId: string
  orderNo: string
  amountFen: Fen
  at: Instant
  recordedBy: string
  /** Points this refund took back, and those it could not (the balance had been spent). */
  pointsReversed: number
  shortfall: number
  tierBefore: TierId
  memberAfter: MemberAfter
  programVersion: number
  /** The refunded lines as the POS sent them, when it did. */
  lines?: SaleLine[]
}

export interface RefundInput {
  requestId: string
  amountFen: Fen
  at: Instant
  actor: Actor & { type: 'staff'; storeId: string }
}

export interface RefundDecision {
  member: Member
  purchase: PurchaseRecord
  refund: RefundRecord
  entries: LedgerEntry[]
}

/**
 * A full or partial refund of one purchase. The points that purchase earned are taken back in proportion
 * (cumulatively exact: refunding everything takes back everything), from the batch they joined first; when
 * the balance has been spent, it goes down to zero and the rest is recorded as a shortfall. The tier is
 * recomputed from the member's whole purchase history with this refund applied.
 *
 * `history` is every purchase of the member as stored (this one included, before this refund).
 */
export const recordRefund = (
  member: Member,
  purchase: PurchaseRecord,
  history: Pick<PurchaseRecord, '_id' | 'at' | 'amountFen' | 'refundedFen'>[],
  input: RefundInput,
  program: ProgramRules,
): RefundDecision => {
  const refundable = purchase.amountFen - purchase.refundedFen
  if (refundable === 0) throw new AppError('ALREADY_REFUNDED', `订单 ${purchase.orderNo} 已全额退款`)
  if (input.amountFen > refundable) {
    throw invalidInput([{ field: 'amountFen', message: `超过该订单可退金额 ${formatYuan(refundable)}` }])
  }
  const id = refundId(input.actor.storeId, input.requestId)
  const settled = settleExpiry(member, input.at, input.actor, program.version)
  const refundedFen = purchase.refundedFen + input.amountFen
  const toReverse = pointsToReverse(purchase, input.amountFen)
  const pointsReversedTotal = purchase.pointsReversed + toReverse
  const { state: pointsState, taken, shortfall } = debitUpTo(settled.member, toReverse, input.at, purchase.expiresAt)

  const spend: SpendEvent[] = history.map((p) => ({
    at: p.at,
    netFen: p.amountFen - (p._id === purchase._id ? refundedFen : p.refundedFen),
  }))
  const after: Member = {
    ...pointsState,
    ...tierFromHistory(spend, program, settled.member),
    pointsShortfall: settled.member.pointsShortfall + shortfall,
    historyRevision: member.historyRevision + 1,
    // A refund takes back its share of the order's margin (the visit still happened).
    marginFen: member.marginFen - (marginRefunded(purchase, refundedFen) - marginRefunded(purchase, purchase.refundedFen)),
  }
  const reversal: LedgerEntry[] =
    toReverse > 0
      ? [
          {
            _id: reverseEntryId(id),
            memberId: member._id,
            kind: 'reverse',
            points: -(toReverse - shortfall),
            balanceAfter: after.pointsBalance,
            reason: shortfall > 0 ? `退货扣回积分（${shortfall} 分因积分不足未能扣回）` : '退货扣回积分',
            actor: input.actor,
            source: { type: 'refund', id, orderNo: purchase.orderNo, storeId: purchase.storeId },
            at: input.at,
            programVersion: program.version,
            reverses: earnEntryId(purchase._id),
            batches: taken,
            ...(shortfall > 0 ? { shortfall } : {}),
          },
        ]
      : []
  const afterView = memberAfter(after, input.at)
  return {
    member: after,
    purchase: {
      ...purchase,
      refundedFen,
      pointsReversed: pointsReversedTotal,
      pointsShortfall: (purchase.pointsShortfall ?? 0) + shortfall,
    },
    refund: {
      _id: id,
      purchaseId: purchase._id,
      memberId: member._id,
      storeId: purchase.storeId,
      orderNo: purchase.orderNo,
      amountFen: input.amountFen,
      at: input.at,
      recordedBy: input.actor.id,
      pointsReversed: toReverse - shortfall,
      shortfall,
      tierBefore: effectiveTier(member, input.at),
      memberAfter: afterView,
      programVersion: program.version,
    },
    entries: [...settled.entries, ...reversal],
  }
}

/** Points an order's refunds really took back: those reversed less those the member had already spent. */
export const pointsTakenBack = (purchase: Pick<PurchaseRecord, 'pointsReversed' | 'pointsShortfall'>): number =>
  purchase.pointsReversed - (purchase.pointsShortfall ?? 0)

/** What a refund does to the member's points and tier: said before it happens, and after. */
export interface RefundOutcome {
  amountFen: Fen
  /** Points taken back from the balance. */
  pointsReversed: number
  /** Points that should have been taken back but were already used. */
  shortfall: number
  tierBefore: TierId
  tierAfter: TierId
}

export const refundOutcome = (decision: RefundDecision): RefundOutcome => ({
  amountFen: decision.refund.amountFen,
  pointsReversed: decision.refund.pointsReversed,
  shortfall: decision.refund.shortfall,
  tierBefore: decision.refund.tierBefore,
  tierAfter: decision.refund.memberAfter.tier,
})

/**
 * A dry run of recordRefund on the same state: what the refund of `amountFen` would do now. The confirmation
 * shows this, and the refund itself makes the same decision, so the two cannot disagree (unless the member's
 * points or purchases change in between, when the refund's own answer says what it did).
 */
export const previewRefund = (
  member: Member,
  purchase: PurchaseRecord,
  history: Pick<PurchaseRecord, '_id' | 'at' | 'amountFen' | 'refundedFen'>[],
  input: Omit<RefundInput, 'requestId'>,
  program: ProgramRules,
): RefundOutcome => refundOutcome(recordRefund(member, purchase, history, { ...input, requestId: 'preview' }, program))
