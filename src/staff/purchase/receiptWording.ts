/** The till receipt's words, apart from Taro: the points in parts, and what an undone coupon use leaves to do. */
import type { RefundResult } from '../../api/contract'
import { formatYuan } from '../../domain/money'
import type { PointsBreakdown } from '../../domain/points'
import { formatPoints } from '../../wording/points'

/**
 * "基础 520 + 等级加赠 105 + 生日月加赠 625": how the points came about, from the parts the server computed with
 * the points (they sum to them). Nothing when there is no bonus: the figure alone says it.
 */
export const pointsBreakdownLine = (breakdown: PointsBreakdown | null): string | null => {
  if (!breakdown || (breakdown.tierBonus === 0 && breakdown.birthdayBonus === 0)) return null
  return [
    `基础 ${formatPoints(breakdown.base)}`,
    breakdown.tierBonus > 0 ? `等级加赠 ${formatPoints(breakdown.tierBonus)}` : null,
    breakdown.birthdayBonus > 0 ? `生日月加赠 ${formatPoints(breakdown.birthdayBonus)}` : null,
  ]
    .filter(Boolean)
    .join(' + ')
}

/**
 * After "撤销核销": what the VIP system undid (the coupon back, the points taken back) and what it cannot do — the
 * money goes back through the till system, so the assistant is told to refund there. An order refunded in full
 * before the undo needs nothing more (its refund was done then).
 */
export const undoneLines = (couponTitle: string, refund: RefundResult | null): { done: string; todo: string | null } => {
  const points = refund ? (refund.refund.pointsReversed > 0 ? `，本单积分已扣回 ${formatPoints(refund.refund.pointsReversed)}` : '') : ''
  const shortfall = refund && refund.refund.shortfall > 0 ? `（另有 ${formatPoints(refund.refund.shortfall)} 已使用，未能扣回）` : ''
  return {
    done: `「${couponTitle}」已退回顾客券包${points}${shortfall}`,
    todo: refund ? `请在收银系统中为顾客办理本单退款 ${formatYuan(refund.refund.amountFen)}` : null,
  }
}
