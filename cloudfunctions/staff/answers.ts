/** What the staff actions answer about a member after a change, and who acted: shared by the till, refunds and coupons. */
import type { StaffContext } from '../_lib/runtime'

export { identityOf, refundAnswer, summaryAfter, type Identity } from '../_lib/tillAnswers'

export const actorOf = (ctx: StaffContext) => ({ type: 'staff' as const, id: ctx.staff.staffId, storeId: ctx.staff.storeId })
