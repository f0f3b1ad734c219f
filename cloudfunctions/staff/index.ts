/**
 * Cloud function `staff`: what shop assistants do at the till. Every action checks, on the server, that
 * the caller is active staff (see `staffAction`).
 */
import type { MemberSummary, PurchaseResult } from '../../src/api/contract'
import { EmptySchema, LookupMemberSchema, RecordPurchaseSchema } from '../../src/api/schemas'
import { AppError } from '../../src/domain/errors'
import type { LedgerEntry } from '../../src/domain/ledger'
import type { Member } from '../../src/domain/member'
import { isValidMemberNo } from '../../src/domain/memberNo'
import { isSamePurchase, purchaseId, recordPurchase as decidePurchase, type PurchaseRecord } from '../../src/domain/purchase'
import { db } from '../_lib/cloud'
import { readDoc, readMany } from '../_lib/docs'
import { COLLECTIONS } from '../_lib/collections'
import { loadProgram, loadStore, storeView } from '../_lib/reference'
import { serve, staffAction } from '../_lib/runtime'
import { inTransaction } from '../_lib/transaction'
import { memberSummary, withoutId } from '../_lib/views'

const findMemberByCode = async (code: string): Promise<Member> => {
  if (!isValidMemberNo(code)) throw new AppError('MEMBER_NOT_FOUND', '会员码有误，请核对后重新输入')
  const [member] = await readMany<Member>(db.collection(COLLECTIONS.members).where({ memberNo: code }).limit(1))
  if (!member) throw new AppError('MEMBER_NOT_FOUND', '未找到该会员')
  return member
}

const whoami = staffAction(EmptySchema, async (_input, { staff }) => {
  const store = storeView(await loadStore(staff.storeId))
  if (!store) throw new AppError('FORBIDDEN', '您所在的门店已停用，请联系品牌总部')
  return { staffId: staff.staffId, name: staff.name, role: staff.role, store }
})

const lookupMember = staffAction(LookupMemberSchema, async ({ code }, ctx) => ({
  member: memberSummary(await findMemberByCode(code), ctx.now),
}))

const replayOf = (purchase: PurchaseRecord, member: Pick<MemberSummary, 'memberNo' | 'name' | 'mobileMasked'>): PurchaseResult => ({
  purchase: {
    orderNo: purchase.orderNo,
    amountFen: purchase.amountFen,
    at: purchase.at,
    pointsEarned: purchase.pointsEarned,
    tierChange: purchase.tierChange,
  },
  member: { ...member, ...purchase.memberAfter },
  replayed: true,
})

/**
 * Records a till purchase: points and tier for the member, one ledger entry. The order number (scoped by
 * store) is the idempotency key: the purchase document's id. A retry gets the first answer; the same order
 * number with another member or amount is refused.
 */
const recordPurchase = staffAction(RecordPurchaseSchema, async (input, ctx) => {
  const found = await findMemberByCode(input.memberCode)
  const program = await loadProgram()
  const id = purchaseId(ctx.staff.storeId, input.orderNo)
  const identity = { memberNo: found.memberNo, name: found.name, mobileMasked: memberSummary(found, ctx.now).mobileMasked }

  return inTransaction(async (t): Promise<PurchaseResult> => {
    const purchases = t.collection(COLLECTIONS.purchases)
    const existing = await readDoc<PurchaseRecord>(purchases.doc(id))
    if (existing) {
      if (!isSamePurchase(existing, found._id, input.amountFen)) {
        throw new AppError('IDEMPOTENCY_CONFLICT', `订单号 ${input.orderNo} 已录入过另一笔消费，请核对订单号`)
      }
      return replayOf(existing, identity)
    }
    const member = await readDoc<Member>(t.collection(COLLECTIONS.members).doc(found._id))
    if (!member) throw new AppError('MEMBER_NOT_FOUND', '未找到该会员')

    const decision = decidePurchase(
      member,
      {
        storeId: ctx.staff.storeId,
        orderNo: input.orderNo,
        amountFen: input.amountFen,
        at: ctx.now,
        actor: { type: 'staff', id: ctx.staff.staffId, storeId: ctx.staff.storeId },
      },
      program,
    )
    await t.collection(COLLECTIONS.members).doc(member._id).set({ data: withoutId(decision.member) })
    await purchases.doc(id).set({ data: withoutId(decision.purchase) })
    if (decision.entry) {
      await t.collection(COLLECTIONS.ledger).doc(decision.entry._id).set({ data: withoutId<LedgerEntry>(decision.entry) })
    }
    return { ...replayOf(decision.purchase, identity), replayed: false }
  })
})

export const main = serve('staff', { whoami, lookupMember, recordPurchase })
