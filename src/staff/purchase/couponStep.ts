/**
 * The till's coupon step, apart from Taro: what a looked-up coupon means for the purchase at hand. The
 * server's lookup says whose it is and whether it applies to the amount it was checked against; the till adds
 * whether that holder is the member at the desk and whether the amount is still the one checked.
 */
import type { MemberSummary } from '../../api/contract'
import { formatYuan } from '../../domain/money'
import type { CouponCheck } from '../shared/useCouponLookup'

export type CouponVerdict =
  /** Checked against this amount for this member: the discount and what to charge. */
  | { kind: 'applies'; discountFen: number; chargeFen: number }
  /** The coupon belongs to someone else: it cannot be used for this member. */
  | { kind: 'otherHolder'; message: string }
  /** The server's reason it cannot be used (used, expired, below the minimum spend, a gift coupon ...). */
  | { kind: 'problem'; message: string }
  /** Not checked against the amount entered (none yet, or it changed since): check again before recording. */
  | { kind: 'unchecked'; message: string }
  /** The assistant chose to use a coupon but has not looked one up yet. */
  | { kind: 'pending' }

export const couponVerdict = (checked: CouponCheck, member: MemberSummary, amountFen: number | null): CouponVerdict => {
  if (checked.holder.memberNo !== member.memberNo) {
    return {
      kind: 'otherHolder',
      message: `该券属于会员 ${checked.holder.name}（${checked.holder.mobileMasked}），不是当前会员的券，不能用于本单`,
    }
  }
  if (checked.problem) return { kind: 'problem', message: checked.problem }
  // The server checks a gift coupon without the amount (it needs no purchase), so it finds nothing wrong here.
  if (checked.coupon.benefit.kind === 'gift') return { kind: 'problem', message: '这是礼品券，请在「礼品券核销」中核销，不随消费使用' }
  if (amountFen === null) return { kind: 'unchecked', message: '填写消费金额后核对优惠券' }
  if (checked.amountFen !== amountFen) {
    return { kind: 'unchecked', message: checked.amountFen === null ? '请按消费金额核对优惠券' : '金额已修改，请重新核对优惠券' }
  }
  return { kind: 'applies', discountFen: checked.discountFen, chargeFen: amountFen - checked.discountFen }
}

/** The record button: what it does next, in words, and whether it can. */
export const recordLabel = (
  amountFen: number | null,
  verdict: CouponVerdict | null,
): { label: string; action: 'record' | 'check' | 'none' } => {
  if (!verdict) return { label: amountFen ? `确认录入 ${formatYuan(amountFen)}` : '确认录入', action: 'record' }
  switch (verdict.kind) {
    case 'applies':
      return { label: `确认录入 应收 ${formatYuan(verdict.chargeFen)}`, action: 'record' }
    case 'unchecked':
      return { label: '核对优惠券', action: 'check' }
    case 'pending':
      return { label: '请先核对优惠券', action: 'none' }
    case 'otherHolder':
    case 'problem':
      return { label: '该券不能用于本单', action: 'none' }
  }
}
