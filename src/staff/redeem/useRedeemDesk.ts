import { useState } from 'react'
import type { RedemptionResult } from '../../api/contract'
import { callCloud } from '../../services/cloud'
import { useConfirmStep } from '../../services/useConfirmStep'
import { useMemberLookup } from '../shared/useMemberLookup'
import { checkRedemption, redeemErrorsFrom, type Redemption } from './redeemForm'

/**
 * Points for a gift or a service at the till: find the member (scan or type), say what and how many
 * points, confirm, redeem. The redemption carries a request id kept until the server answers, so a retry
 * after a network failure cannot spend the points twice.
 */
export const useRedeemDesk = () => {
  const lookup = useMemberLookup()
  const { member } = lookup
  const [reasonText, setReasonText] = useState('')
  const [pointsText, setPointsText] = useState('')
  const [result, setResult] = useState<RedemptionResult | null>(null)
  const step = useConfirmStep({
    send: (input: Redemption, requestId) => callCloud('staff', 'redeemPoints', { ...input, requestId }),
    errorsFrom: redeemErrorsFrom,
    onDone: setResult,
  })

  const review = () => {
    if (member && lookup.memberCode) step.review(checkRedemption(member, lookup.memberCode, reasonText, pointsText))
  }

  const clearForm = () => {
    setReasonText('')
    setPointsText('')
    step.clear()
    setResult(null)
  }

  /** Another gift for the same customer: a code pays once, so their code is scanned again. */
  const again = () => {
    step.forget()
    lookup.reset()
    clearForm()
  }

  /** The next customer: nothing pending carries over. */
  const startOver = () => {
    step.forget()
    lookup.reset()
    clearForm()
  }

  return {
    lookup,
    member,
    form: {
      reasonText,
      pointsText,
      errors: step.errors,
      changeReason: (text: string) => {
        setReasonText(text)
        step.clearError('reason')
      },
      changePoints: (text: string) => {
        setPointsText(text)
        step.clearError('points')
      },
    },
    confirming: step.confirming,
    submitting: step.submitting,
    unanswered: step.unanswered,
    review,
    confirm: step.confirm,
    back: step.back,
    result,
    again,
    startOver,
  }
}
