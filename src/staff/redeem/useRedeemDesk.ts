import { useEffect, useState } from 'react'
import type { RedemptionResult, StaffCatalogItem } from '../../api/contract'
import { callCloud, messageOf } from '../../services/cloud'
import { useConfirmStep } from '../../services/useConfirmStep'
import { useMemberLookup } from '../shared/useMemberLookup'
import { checkRedemption, redeemErrorsFrom, type RedeemChoice, type Redemption } from './redeemForm'

/**
 * Points for a gift or a coupon at the till: find the member (scan or type), pick from the points catalog (a
 * store manager may type something else in), confirm, redeem. The redemption carries a request id kept until
 * the server answers, so a retry after a network failure cannot spend the points twice.
 */
export const useRedeemDesk = () => {
  const lookup = useMemberLookup()
  const { member } = lookup
  const [catalog, setCatalog] = useState<StaffCatalogItem[] | null>(null)
  const [catalogError, setCatalogError] = useState<string | null>(null)
  const [picked, setPicked] = useState<StaffCatalogItem | null>(null)
  /** A store manager's own redemption instead of a catalog item. */
  const [free, setFree] = useState(false)
  const [reasonText, setReasonText] = useState('')
  const [pointsText, setPointsText] = useState('')
  const [result, setResult] = useState<RedemptionResult | null>(null)
  const step = useConfirmStep({
    send: (input: Redemption, requestId) => callCloud('staff', 'redeemPoints', { ...input.request, requestId }),
    errorsFrom: (error, message) => redeemErrorsFrom(error, message, free),
    onDone: setResult,
  })

  useEffect(() => {
    callCloud('staff', 'redeemCatalog', {})
      .then(({ items }) => setCatalog(items))
      .catch((error) => setCatalogError(messageOf(error)))
  }, [])

  const choice: RedeemChoice | null = free ? { kind: 'free', reasonText, pointsText } : picked ? { kind: 'item', item: picked } : null

  const review = () => {
    if (member && lookup.memberCode) step.review(checkRedemption(member, lookup.memberCode, choice))
  }

  const clearForm = () => {
    setPicked(null)
    setFree(false)
    setReasonText('')
    setPointsText('')
    step.clear()
    setResult(null)
  }

  /** Another redemption for the same customer, or the next customer: a code pays once, so it is scanned again. */
  const startOver = () => {
    step.forget()
    lookup.reset()
    clearForm()
  }

  return {
    lookup,
    member,
    catalog,
    catalogError,
    form: {
      picked,
      free,
      reasonText,
      pointsText,
      errors: step.errors,
      pick: (item: StaffCatalogItem) => {
        setPicked(item)
        setFree(false)
        step.clearError('item')
      },
      /** Store managers: a redemption of their own words instead (the server checks the role too). */
      writeOwn: (on: boolean) => {
        setFree(on)
        setPicked(null)
        step.showErrors({})
      },
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
    again: startOver,
    startOver,
  }
}
