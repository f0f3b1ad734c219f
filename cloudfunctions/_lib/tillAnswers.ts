/** What the till's actions answer about a member after a change: shared by the staff till and the POS API. */
import type { MemberSummary, RefundResult } from '../../src/api/contract'
import type { Member } from '../../src/domain/member'
import type { MemberAfter, RefundRecord } from '../../src/domain/purchase'
import { memberSummary } from './views'

export type Identity = Pick<MemberSummary, 'memberNo' | 'name' | 'mobileMasked' | 'birthday'>
export const identityOf = (member: Member, now: string): Identity => {
  const { memberNo, name, mobileMasked, birthday } = memberSummary(member, now)
  return { memberNo, name, mobileMasked, birthday }
}
export const summaryAfter = (identity: Identity, after: MemberAfter): MemberSummary => ({ ...identity, ...after })

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
