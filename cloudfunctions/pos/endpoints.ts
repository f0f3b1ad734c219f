/**
 * The POS API's endpoints, for the store of the key that signed the request. A member's purchase and refund are
 * the staff till's own (_lib/till.ts: same reads, decisions, writers and answers, the key standing for the
 * assistant); a sale with no member is recorded on its own (posSales), earning nothing, so reports can put member
 * sales against all sales.
 */
import type { MemberSummary } from '../../src/api/contract'
import type { PosMemberLookup, PosMemberView, PosPurchaseResult, PosRefundResult } from '../../src/api/pos'
import { PosLookupSchema, PosPurchaseSchema, PosRefundSchema, type PosPurchaseInput, type PosRefundInput } from '../../src/api/posSchemas'
import { check } from '../../src/api/schemas'
import { usableWithPurchase } from '../../src/domain/coupons'
import { AppError, invalidInput } from '../../src/domain/errors'
import { inBirthdayMonth } from '../../src/domain/member'
import { linesMarginFen, linesProblem, POS_TIMESTAMP_WINDOW_SECONDS, type SaleLine } from '../../src/domain/pos'
import { purchaseId } from '../../src/domain/purchase'
import { acceptScan, type Till } from '../../src/domain/tillCode'
import { _ } from '../_lib/cloud'
import { assertTillOpen } from '../_lib/codeGuards'
import type { PosKeyDoc, PosSaleDoc } from '../_lib/collections'
import { couponsOf, tillCouponView } from '../_lib/coupons'
import { data, tx } from '../_lib/data'
import { readScannedCode } from '../_lib/memberCodes'
import { loadProgram } from '../_lib/reference'
import { recordTillPurchase, recordTillRefund } from '../_lib/till'
import { inTransaction } from '../_lib/transaction'
import { memberSummary } from '../_lib/views'

/** The key acts as a till of its store: its wrong codes pause it like an assistant's (a manager resumes it). */
export const tillOf = (key: PosKeyDoc): Till => ({ staffId: `pos:${key._id}`, storeId: key.storeId })

/** 张三 → 张*, 欧阳娜娜 → 欧***: the first character, the rest hidden. */
export const maskName = (name: string): string => {
  const chars = [...name]
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(chars.length - 1)
}

const posMember = (m: Pick<MemberSummary, 'memberNo' | 'name' | 'tier' | 'vipUntil' | 'pointsBalance'>): PosMemberView => ({
  memberNo: m.memberNo,
  name: maskName(m.name),
  tier: m.tier,
  vipUntil: m.vipUntil,
  pointsBalance: m.pointsBalance,
})

const parse = <T>(schema: Parameters<typeof check>[0], input: unknown): T => {
  const parsed = check(schema, input)
  if (!parsed.ok) throw invalidInput(parsed.fields)
  return parsed.value as T
}

/** The body as JSON; not JSON is INVALID_INPUT like any bad field. */
export const jsonBody = (body: Buffer): unknown => {
  try {
    return JSON.parse(body.toString('utf8')) as unknown
  } catch {
    throw invalidInput([{ field: '(body)', message: '请求体必须是 JSON' }])
  }
}

/**
 * `GET /pos/v1/members/{code}`: who the scanned code is, as the staff till's scan answers it. The code is accepted
 * for this key's till, as the staff till's scan accepts it, so the purchase that follows within the till session
 * spends it; nothing is spent here. Asked again for the same code by the same key, it answers again.
 */
export const lookupMember = async (key: PosKeyDoc, code: string, now: string): Promise<PosMemberLookup> => {
  const till = tillOf(key)
  const { code: dynamic } = parse<{ code: string }>(PosLookupSchema, { code })
  await assertTillOpen(till)
  const scanned = await readScannedCode(dynamic, now, till)
  await inTransaction(async (t) => {
    const members = tx(t).members
    const member = await members.get(scanned.member._id)
    if (!member) throw new AppError('CODE_INVALID', '会员码无效，请顾客打开会员卡刷新后重新出示')
    const kept = member.tillCodes ?? []
    const mine = kept.find((c) => c.version === scanned.version && c.step === scanned.step)
    if (mine && mine.staffId === till.staffId && mine.usedFor === null) return
    await members.update(member._id, { tillCodes: _.set(acceptScan(kept, scanned, till, now)) })
  })
  const [program, coupons] = await Promise.all([loadProgram(), couponsOf(scanned.member._id)])
  return {
    member: posMember(memberSummary(scanned.member, now)),
    coupons: usableWithPurchase(coupons, scanned.member, now).map((c) => tillCouponView(c, now)),
    birthdayMonth: { now: inBirthdayMonth(scanned.member.birthday, now), pointsPercent: program.earning.birthdayMonthPercent },
  }
}

const checkLines = (lines: SaleLine[] | undefined, amountFen: number) => {
  const problem = lines ? linesProblem(lines, amountFen) : null
  if (problem) throw invalidInput([{ field: 'lines', message: problem }])
}

/** paidAt is the POS's clock: not in the future past the signature's window, nor older than 30 days. */
const checkPaidAt = (paidAt: string | undefined, now: string) => {
  if (paidAt === undefined) return
  const ms = Date.parse(paidAt)
  const nowMs = Date.parse(now)
  if (ms > nowMs + POS_TIMESTAMP_WINDOW_SECONDS * 1000) throw invalidInput([{ field: 'paidAt', message: '付款时间晚于当前时间' }])
  if (ms < nowMs - 30 * 86_400_000) throw invalidInput([{ field: 'paidAt', message: '付款时间早于 30 天前，请联系品牌运营补录' }])
}

const sameLines = (a: SaleLine[] | undefined, b: SaleLine[] | undefined) => {
  const key = (l: SaleLine) => [l.sku, l.name, l.qty, l.unitPriceFen, l.costFen ?? null]
  return JSON.stringify(a?.map(key) ?? null) === JSON.stringify(b?.map(key) ?? null)
}

/** `POST /pos/v1/purchases`. */
export const recordPosPurchase = async (key: PosKeyDoc, body: unknown, now: string): Promise<PosPurchaseResult> => {
  const input = parse<PosPurchaseInput>(PosPurchaseSchema, body)
  checkLines(input.lines, input.amountFen)
  checkPaidAt(input.paidAt, now)
  const till = tillOf(key)
  const marginFen = input.lines ? linesMarginFen(input.lines, input.amountFen) : undefined
  if (input.memberCode !== undefined) {
    await assertTillOpen(till)
    // An order number the POS recorded as a no-member sale is that sale: with a member now, it is another one. Read
    // before the purchase's transaction, which keeps to the till's five document operations (a sale with no member
    // and a member's purchase racing on one order number write different documents either way).
    if (await data.posSales.get(purchaseId(key.storeId, input.orderNo)))
      throw new AppError('IDEMPOTENCY_CONFLICT', `订单号 ${input.orderNo} 已作为非会员消费录入，请核对订单号`)
    const answer = await recordTillPurchase(
      till,
      till.staffId,
      {
        orderNo: input.orderNo,
        memberCode: input.memberCode,
        amountFen: input.amountFen,
        ...(input.couponCode !== undefined ? { couponCode: input.couponCode } : {}),
        ...(marginFen !== undefined ? { marginFen } : {}),
        ...(input.lines ? { lines: input.lines } : {}),
        ...(input.paidAt ? { paidAt: input.paidAt } : {}),
      },
      now,
    )
    return { ...answer, member: posMember(answer.member) }
  }
  const id = purchaseId(key.storeId, input.orderNo)
  const sale: PosSaleDoc = {
    _id: id,
    storeId: key.storeId,
    orderNo: input.orderNo,
    amountFen: input.amountFen,
    ...(input.lines ? { lines: input.lines } : {}),
    marginFen: marginFen ?? 0,
    at: now,
    paidAt: input.paidAt ?? null,
    recordedBy: till.staffId,
    refundedFen: 0,
    refunds: [],
  }
  const saleAnswer = (s: PosSaleDoc, replayed: boolean): PosPurchaseResult => ({
    purchase: {
      orderNo: s.orderNo,
      amountFen: s.amountFen,
      listAmountFen: s.amountFen,
      coupon: null,
      at: s.at,
      pointsEarned: 0,
      pointsBreakdown: null,
      tierChange: null,
    },
    member: null,
    replayed,
  })
  return inTransaction(async (t) => {
    const w = tx(t)
    if (await w.purchases.get(id)) throw new AppError('IDEMPOTENCY_CONFLICT', `订单号 ${input.orderNo} 已作为会员消费录入，请核对订单号`)
    const existing = await w.posSales.get(id)
    if (existing) {
      if (existing.amountFen !== input.amountFen || !sameLines(existing.lines, input.lines))
        throw new AppError('IDEMPOTENCY_CONFLICT', `订单号 ${input.orderNo} 已录入过另一笔消费，请核对订单号`)
      return saleAnswer(existing, true)
    }
    await w.posSales.put(sale)
    return saleAnswer(sale, false)
  })
}

/** `POST /pos/v1/refunds`: of a member's purchase (the staff till's refund), or of a no-member sale. */
export const recordPosRefund = async (key: PosKeyDoc, body: unknown, now: string): Promise<PosRefundResult> => {
  const input = parse<PosRefundInput>(PosRefundSchema, body)
  checkLines(input.lines, input.amountFen)
  const till = tillOf(key)
  const id = purchaseId(key.storeId, input.orderNo)
  if (!(await data.posSales.get(id))) {
    // Keyed apart from the staff till's request ids (8+ random characters) by its prefix.
    const answer = await recordTillRefund(
      till,
      {
        orderNo: input.orderNo,
        requestId: `pos-${input.refundNo}`,
        amountFen: input.amountFen,
        ...(input.lines ? { lines: input.lines } : {}),
      },
      now,
    )
    return { ...answer, member: posMember(answer.member) }
  }
  return inTransaction(async (t): Promise<PosRefundResult> => {
    const w = tx(t)
    const sale = await w.posSales.get(id)
    if (!sale) throw new AppError('ORDER_NOT_FOUND', `本店没有订单 ${input.orderNo} 的消费记录`)
    const answer = (r: { amountFen: number; at: string }, replayed: boolean): PosRefundResult => ({
      refund: { orderNo: sale.orderNo, amountFen: r.amountFen, pointsReversed: 0, shortfall: 0, at: r.at },
      tierBefore: null,
      member: null,
      replayed,
    })
    const done = sale.refunds.find((r) => r.refundNo === input.refundNo)
    if (done) {
      if (done.amountFen !== input.amountFen) throw new AppError('IDEMPOTENCY_CONFLICT', '该退款单号已用于另一笔退款，请核对退款单号')
      return answer(done, true)
    }
    const refundable = sale.amountFen - sale.refundedFen
    if (refundable === 0) throw new AppError('ALREADY_REFUNDED', `订单 ${sale.orderNo} 已全额退款`)
    if (input.amountFen > refundable) throw invalidInput([{ field: 'amountFen', message: `超过该订单可退金额 ${refundable} 分` }])
    const refund = { refundNo: input.refundNo, amountFen: input.amountFen, at: now, ...(input.lines ? { lines: input.lines } : {}) }
    await w.posSales.put({ ...sale, refundedFen: sale.refundedFen + input.amountFen, refunds: [...sale.refunds, refund] })
    return answer(refund, false)
  })
}
