import { useState } from 'react'
import type { PurchaseResult } from '../../api/contract'
import { callCloud, messageOf } from '../../services/cloud'
import { useMemberLookup } from '../shared/useMemberLookup'
import { checkPurchase, purchaseErrorsFrom, type PurchaseErrors } from './purchaseForm'

/**
 * The till, one purchase at a time: find the member (scan or type), confirm who it is, enter amount and
 * order number, record. The order number is the idempotency key, so a retried tap cannot count twice.
 */
export const usePurchaseDesk = () => {
  const lookup = useMemberLookup()
  const { member } = lookup
  const [amountText, setAmountText] = useState('')
  const [orderNo, setOrderNo] = useState('')
  const [errors, setErrors] = useState<PurchaseErrors>({})
  const [recording, setRecording] = useState(false)
  const [result, setResult] = useState<PurchaseResult | null>(null)

  const record = async () => {
    if (!member || recording) return
    const checked = checkPurchase(member.memberNo, amountText, orderNo)
    if (!checked.ok) return setErrors(checked.errors)
    setErrors({})
    setRecording(true)
    try {
      setResult(await callCloud('staff', 'recordPurchase', checked.input))
    } catch (error) {
      setErrors(purchaseErrorsFrom(error, messageOf(error)))
    } finally {
      setRecording(false)
    }
  }

  /** Back to an empty till for the next customer. */
  const startOver = () => {
    lookup.reset()
    setAmountText('')
    setOrderNo('')
    setErrors({})
    setResult(null)
  }

  return {
    lookup,
    member,
    purchase: {
      amountText,
      orderNo,
      errors,
      recording,
      changeAmount: (text: string) => {
        setAmountText(text)
        setErrors(({ amount: _cleared, ...others }) => others)
      },
      changeOrderNo: (text: string) => {
        setOrderNo(text)
        setErrors(({ orderNo: _cleared, ...others }) => others)
      },
      record,
    },
    result,
    startOver,
  }
}
