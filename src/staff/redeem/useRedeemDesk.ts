import { useState } from 'react'
import type { RedeemPointsInput } from '../../api/schemas'
import type { RedemptionResult } from '../../api/contract'
import { callCloud, messageOf } from '../../services/cloud'
import { isUnanswered, usePendingRequest } from '../../services/requestId'
import { useMemberLookup } from '../shared/useMemberLookup'
import { checkRedemption, redeemErrorsFrom, type RedeemErrors } from './redeemForm'

/**
 * Points for a gift or a service at the till: find the member (scan or type), say what and how many
 * points, confirm, redeem. The redemption carries a request id kept until the server answers, so a retry
 * after a network failure cannot spend the points twice.
 */
export const useRedeemDesk = () => {
  const lookup = useMemberLookup()
  const { member } = lookup
  const pending = usePendingRequest()
  const [reasonText, setReasonText] = useState('')
  const [pointsText, setPointsText] = useState('')
  const [errors, setErrors] = useState<RedeemErrors>({})
  const [confirming, setConfirming] = useState<Omit<RedeemPointsInput, 'requestId'> | null>(null)
  const [submitting, setSubmitting] = useState(false)
  const [unanswered, setUnanswered] = useState(false)
  const [result, setResult] = useState<RedemptionResult | null>(null)

  const review = () => {
    if (!member) return
    const checked = checkRedemption(member, reasonText, pointsText)
    if (!checked.ok) return setErrors(checked.errors)
    setErrors({})
    setConfirming(checked.input)
  }

  const confirm = async () => {
    if (!confirming || submitting) return
    setSubmitting(true)
    setErrors({})
    try {
      setResult(await pending.send((requestId) => callCloud('staff', 'redeemPoints', { ...confirming, requestId })))
      setUnanswered(false)
    } catch (error) {
      const retryable = isUnanswered(error)
      setUnanswered(retryable)
      setErrors(redeemErrorsFrom(error, messageOf(error)))
      if (!retryable) setConfirming(null)
    } finally {
      setSubmitting(false)
    }
  }

  const clearForm = () => {
    setReasonText('')
    setPointsText('')
    setErrors({})
    setConfirming(null)
    setUnanswered(false)
    setResult(null)
  }

  /** Another gift for the same customer, from their new balance. */
  const again = () => {
    if (result) lookup.updateMember(result.member)
    clearForm()
  }

  /** The next customer: nothing pending carries over. */
  const startOver = () => {
    pending.forget()
    lookup.reset()
    clearForm()
  }

  return {
    lookup,
    member,
    form: {
      reasonText,
      pointsText,
      errors,
      changeReason: (text: string) => {
        setReasonText(text)
        setErrors(({ reason: _cleared, ...others }) => others)
      },
      changePoints: (text: string) => {
        setPointsText(text)
        setErrors(({ points: _cleared, ...others }) => others)
      },
    },
    confirming,
    submitting,
    unanswered,
    review,
    confirm: () => void confirm(),
    back: () => {
      setConfirming(null)
      setErrors({})
    },
    result,
    again,
    startOver,
  }
}
