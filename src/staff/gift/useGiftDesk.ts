import { useState } from 'react'
import type { ActionOutput } from '../../api/contract'
import { callCloud } from '../../services/cloud'
import { useConfirmStep } from '../../services/useConfirmStep'
import { useCouponLookup } from '../shared/useCouponLookup'
import { checkGift, giftErrorsFrom, giftProblem, type GiftHandOut } from './giftForm'

export type GiftResult = ActionOutput<'staff', 'redeemGiftCoupon'> & { giftName: string }

/**
 * A gift coupon (from the points catalog) handed out at the counter: scan or type its code, see whose it is
 * and what gift, confirm, redeem. The redemption carries a request id kept until the server answers, so a
 * retry after a lost answer is told it was done rather than refused as "already used".
 */
export const useGiftDesk = () => {
  const coupon = useCouponLookup()
  const [result, setResult] = useState<GiftResult | null>(null)
  const step = useConfirmStep({
    send: async ({ code, giftName }: GiftHandOut, requestId) => ({
      ...(await callCloud('staff', 'redeemGiftCoupon', { code, requestId })),
      giftName,
    }),
    errorsFrom: giftErrorsFrom,
    onDone: setResult,
  })

  /** The next customer: nothing pending carries over. */
  const startOver = () => {
    step.forget()
    step.clear()
    coupon.reset()
    setResult(null)
  }

  return {
    coupon,
    problem: coupon.checked ? giftProblem(coupon.checked) : null,
    error: step.errors.form,
    confirming: step.confirming,
    submitting: step.submitting,
    unanswered: step.unanswered,
    review: () => step.review(checkGift(coupon.checked)),
    confirm: step.confirm,
    back: step.back,
    /** Another coupon: back to the code field. */
    change: () => {
      step.forget()
      step.clear()
      coupon.reset()
    },
    result,
    startOver,
  }
}
