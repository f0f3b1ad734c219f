/** What the staff actions answer about a member after a change, and who acted: shared by the till, refunds and coupons. */
import type { MemberSummary, RefundResult } from '../../src/api/contract'
import type { Member } from '../../src/domain/member'
import type { MemberAfter, RefundRecord } from '../../src/domain/purchase'
import type { StaffContext } from '../_lib/runtime'
import { memberSummary } from '../_lib/views'

export type Identity = Pick<MemberSummary, 'memberNo' | 'name' | 'mobileMasked' | 'birthday'>
export const identityOf = (member: Member, now: string): Identity => {
  const { memberNo, name, mobileMasked, birthday } = memberSummary(member, now)
  return { memberNo, name, mobileMasked, birthday }
}
export const summaryAfter = (identity: Identity, after: MemberAfter): MemberSummary => ({ ...identity, ...after })

export const actorOf = (ctx: StaffContext) => ({ type: 'staff' as const, id: ctx.staff.staffId, storeId: ctx.staff.storeId })

export const refundAnswer = (refund: RefundRecord, identity: Identity, replayed: boolean): RefundResult => ({
  refund: {
    orderNo: refund.orderNo,
    amountFen: refund.amountFen,
    pointsReversed: refund.pointsReversed,
    shortfall: refund.shortfall,
    at: refund.at,
  },
  tierBefore: refund.tierBefore,
  member: summaryAfter(identity, refund.memberAfter),
  replayed,
})
