/**
 * The gift desk's rule, apart from Taro: a looked-up coupon may be handed out here only if it is a gift
 * coupon the server found usable. Other coupons are used with a purchase, at "录入消费".
 */
import { refusalByRow, type RowErrors } from '../../services/formErrors'
import { codeOf, type CouponCheck } from '../shared/useCouponLookup'

export interface GiftHandOut {
  code: string
  giftName: string
}

/** Why this coupon cannot be handed out here, or null. */
export const giftProblem = (checked: CouponCheck): string | null => {
  if (checked.coupon.benefit.kind !== 'gift') return `这是${checked.coupon.benefitText}优惠券，请在「录入消费」中随消费使用`
  return checked.problem
}

export const checkGift = (checked: CouponCheck | null): { ok: true; input: GiftHandOut } | { ok: false; errors: RowErrors<never> } => {
  if (!checked) return { ok: false, errors: { form: '请先查询礼品券' } }
  const problem = giftProblem(checked)
  if (problem || checked.coupon.benefit.kind !== 'gift') return { ok: false, errors: { form: problem ?? '' } }
  // The gift desk looks coupons up by the code shown to it, never by id.
  const code = codeOf(checked)
  if (code === null) return { ok: false, errors: { form: '请扫描或输入礼品券券码' } }
  return { ok: true, input: { code, giftName: checked.coupon.benefit.giftName } }
}

/** Every refusal (used meanwhile, expired) belongs to the whole hand-out. */
export const giftErrorsFrom = (error: unknown, fallbackMessage: string): RowErrors<never> => refusalByRow(error, fallbackMessage, {})
