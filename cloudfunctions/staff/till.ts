/**
 * The till: the scan that identifies a member, purchases (with the coupon scanned for them) and points spent on
 * gifts or services. Every write is idempotent by a key that is the id of the document it creates: the order
 * number for a purchase, the till's request id for a redemption.
 */
import type { RedemptionResult, StaffCatalogItem } from '../../src/api/contract'
import { EmptySchema, RecordPurchaseSchema, RedeemPointsSchema, ScanMemberSchema } from '../../src/api/schemas'
import { exchangeAtTill, exchangeCountId, stockLeftAt, tillCatalog } from '../../src/domain/catalog'
import { benefitText, usableWithPurchase, type Coupon } from '../../src/domain/coupons'
import { recordTillPurchase } from '../_lib/till'
import { couponsOf, loadTemplate, newCouponCode, tillCouponView, withFreshCode } from '../_lib/coupons'
import { writeExchangeIn } from '../_lib/exchanges'
import { redeemPoints as decideRedemption } from '../../src/domain/balance'
import { AppError } from '../../src/domain/errors'
import { redeemEntryId, type LedgerEntry } from '../../src/domain/ledger'
import { MEMBER_NO_LENGTH } from '../../src/domain/memberNo'
import type { MemberAfter } from '../../src/domain/purchase'
import { spendCode } from '../../src/domain/tillCode'
import { assertTillOpen } from '../_lib/codeGuards'
import { appendEntriesIn, findMemberByCode, readMemberIn, writeMemberIn } from '../_lib/members'
import { acceptScanIn, readScannedCode } from '../_lib/memberCodes'
import { loadProgram, loadStore } from '../_lib/reference'
import { staffAction } from '../_lib/runtime'
import { data, tx } from '../_lib/data'
import { inTransaction } from '../_lib/transaction'
import { memberSummary } from '../_lib/views'
import { actorOf, identityOf, summaryAfter, type Identity } from './answers'

/**
 * The till's scan, which writes: a dynamic code (18 digits) is accepted here, once, and the purchase or
 * redemption that follows spends this acceptance (see _lib/memberCodes). A member number (11 digits) only finds
 * the member, for what needs no proof of presence (a birthday correction; the workbench has its own look-up). A till paused by the
 * brake on guessing (_lib/codeGuards) takes neither, as no action that takes a member code does.
 */
export const scanMember = staffAction(ScanMemberSchema, async ({ code }, ctx) => {
  await assertTillOpen(ctx.staff)
  if (code.length === MEMBER_NO_LENGTH) return { member: memberSummary(await findMemberByCode(code), ctx.now), coupons: [] }
  const scanned = await readScannedCode(code, ctx.now, ctx.staff)
  await inTransaction((t) => acceptScanIn(t, scanned, ctx.staff, ctx.now))
  // The member is at the till (their phone's code): their coupons come with the answer, to tap instead of scan.
  const coupons = usableWithPurchase(await couponsOf(scanned.member._id), scanned.member, ctx.now)
  return { member: memberSummary(scanned.member, ctx.now), coupons: coupons.map((c) => tillCouponView(c, ctx.now)) }
})

/**
 * Records a till purchase (the rules: _lib/till.ts recordTillPurchase, which the POS API runs too). The assistant
 * is the till; their OPENID is the recorder (an inviter recording their own invitee's first purchase is held).
 */
export const recordPurchase = staffAction(RecordPurchaseSchema, async (input, ctx) => {
  await assertTillOpen(ctx.staff)
  return recordTillPurchase(ctx.staff, ctx.openid, input, ctx.now)
})

const redemptionAnswer = (
  entry: LedgerEntry,
  identity: Identity,
  after: MemberAfter,
  replayed: boolean,
  coupon: Coupon | null,
  now: string,
): RedemptionResult => ({
  redemption: { points: -entry.points, reason: entry.reason, at: entry.at, balanceAfter: entry.balanceAfter },
  coupon: coupon ? tillCouponView(coupon, now) : null,
  member: summaryAfter(identity, after),
  replayed,
})

/**
 * The till's points catalog: active items with stock left (at this store, for per-store stock) whose coupon is
 * still issued, cheapest first. Whether the member may have one (their tier, the per-member limit) is decided when
 * it is redeemed.
 */
export const redeemCatalog = staffAction(EmptySchema, async (_input, ctx) => {
  const storeId = ctx.staff.storeId
  const items = tillCatalog(await data.catalog.where({ active: true }).orderBy('sort', 'asc').limit(100).get(), storeId)
  const views = await Promise.all(
    items.map(async (item): Promise<StaffCatalogItem | null> => {
      const template = await loadTemplate(item.templateId)
      if (!template?.active) return null
      return {
        id: item._id,
        title: item.title,
        pointsPrice: item.pointsPrice,
        benefitText: benefitText(template.benefit),
        gift: template.benefit.kind === 'gift',
        stockLeft: stockLeftAt(item, storeId),
      }
    }),
  )
  return { items: views.filter((v): v is StaffCatalogItem => v !== null) }
})

/**
 * Spends points at the till: on a catalog item (price, stock, per-member limit and access as in the shopper's
 * exchange; a gift handed over at once), or on something a store manager types in. Keyed by the till's request
 * id, scoped by the staff member; the member's dynamic code is spent by it.
 */
export const redeemPoints = staffAction(RedeemPointsSchema, async (input, ctx) => {
  await assertTillOpen(ctx.staff)
  // Free text names its own price: only a store manager may (the catalog's prices are the brand's).
  if (input.itemId === undefined && ctx.staff.role !== 'manager')
    throw new AppError('FORBIDDEN', '自定义兑换仅限店长，请从积分商城选择礼品')
  const code = await readScannedCode(input.memberCode, ctx.now, ctx.staff)
  const found = code.member
  const program = await loadProgram({ fresh: true })
  const requestKey = `${ctx.staff.staffId}:${input.requestId}`
  const entryId = redeemEntryId(requestKey)
  const identity = identityOf(found, ctx.now)

  if (input.itemId !== undefined) {
    const itemId = input.itemId
    // The gift changes hands here: an item with per-store stock takes this store's count.
    const handOver = { storeId: ctx.staff.storeId, storeName: (await loadStore(ctx.staff.storeId))?.name ?? ctx.staff.storeId }
    return withFreshCode(() =>
      inTransaction(async (t): Promise<RedemptionResult> => {
        const w = tx(t)
        const member = await readMemberIn(t, found._id)
        const item = await w.catalog.get(itemId)
        const done = await w.ledger.get(entryId)
        if (done) {
          const coupon = await w.coupons.get(`exchange:${requestKey}`)
          if (done.memberId !== found._id || !item || coupon?.templateId !== item.templateId) {
            throw new AppError('IDEMPOTENCY_CONFLICT', '该兑换请求已用于另一笔兑换，请重新发起')
          }
          return redemptionAnswer(done, identity, memberSummary(member, ctx.now), true, coupon, ctx.now)
        }
        if (!item) throw new AppError('OUT_OF_STOCK', '该礼品已下架')
        const template = await w.couponTemplates.get(item.templateId)
        if (!template) throw new AppError('OUT_OF_STOCK', '该礼品已下架')
        const count = await w.exchangeCounts.get(exchangeCountId(item._id, member._id))
        const tillCodes = spendCode(member.tillCodes, code, ctx.staff, `redeem:${entryId}`, ctx.now)
        const d = exchangeAtTill(
          { ...member, tillCodes },
          item,
          template,
          count,
          { requestKey, couponCode: newCouponCode(), at: ctx.now, actor: actorOf(ctx), handOver },
          program,
        )
        await writeExchangeIn(t, d)
        const entry = d.entries[d.entries.length - 1]
        return redemptionAnswer(entry, identity, memberSummary(d.member, ctx.now), false, d.coupon, ctx.now)
      }),
    )
  }

  const reason = `兑换：${input.reason}`
  const points = input.points!
  return inTransaction(async (t): Promise<RedemptionResult> => {
    const member = await readMemberIn(t, found._id)
    const done = await tx(t).ledger.get(entryId)
    if (done) {
      if (done.memberId !== found._id || done.points !== -points || done.reason !== reason) {
        throw new AppError('IDEMPOTENCY_CONFLICT', '该兑换请求已用于另一笔兑换，请重新发起')
      }
      return redemptionAnswer(done, identity, memberSummary(member, ctx.now), true, null, ctx.now)
    }
    const tillCodes = spendCode(member.tillCodes, code, ctx.staff, `redeem:${entryId}`, ctx.now)
    const decision = decideRedemption({ ...member, tillCodes }, { requestKey, points, reason, at: ctx.now, actor: actorOf(ctx) }, program)
    await writeMemberIn(t, decision.member)
    await appendEntriesIn(t, decision.entries)
    const entry = decision.entries[decision.entries.length - 1]
    return redemptionAnswer(entry, identity, memberSummary(decision.member, ctx.now), false, null, ctx.now)
  })
})
