import { useState } from 'react'
import type { OrderView, RefundResult } from '../../api/contract'
import { callCloud, messageOf } from '../../services/cloud'
import { isUnanswered, usePendingRequest } from '../../services/requestId'
import { checkOrderNo, checkRefund, refundableFen, refundErrorsFrom, yuanInputText, type RefundErrors } from './refundForm'

/**
 * A refund at the till: find the order by its number, choose how much (all that is left, unless less),
 * confirm, refund. The refund carries a request id kept until the server answers, so a retry after a
 * network failure cannot refund twice.
 */
export const useRefundDesk = () => {
  const pending = usePendingRequest()
  const [orderText, setOrderText] = useState('')
  const [lookingUp, setLookingUp] = useState(false)
  const [order, setOrder] = useState<OrderView | null>(null)
  const [amountText, setAmountText] = useState('')
  const [errors, setErrors] = useState<RefundErrors>({})
  const [confirming, setConfirming] = useState<{ amountFen: number } | null>(null)
  const [submitting, setSubmitting] = useState(false)
  /** The last attempt went unanswered: the retry repeats its request id (and says so). */
  const [unanswered, setUnanswered] = useState(false)
  const [result, setResult] = useState<RefundResult | null>(null)

  const lookUp = async () => {
    if (lookingUp) return
    const checked = checkOrderNo(orderText)
    if (!checked.ok) return setErrors({ orderNo: checked.message })
    setErrors({})
    setLookingUp(true)
    try {
      const found = (await callCloud('staff', 'lookupOrder', { orderNo: checked.orderNo })).order
      setOrder(found)
      // Most refunds return the whole purchase: offer all that is left.
      setAmountText(yuanInputText(refundableFen(found)))
    } catch (error) {
      setErrors({ orderNo: messageOf(error) })
    } finally {
      setLookingUp(false)
    }
  }

  const review = () => {
    if (!order) return
    const checked = checkRefund(order, amountText)
    if (!checked.ok) return setErrors(checked.errors)
    setErrors({})
    setConfirming({ amountFen: checked.amountFen })
  }

  const confirm = async () => {
    if (!order || !confirming || submitting) return
    setSubmitting(true)
    setErrors({})
    try {
      const input = { orderNo: order.orderNo, amountFen: confirming.amountFen }
      setResult(await pending.send((requestId) => callCloud('staff', 'recordRefund', { ...input, requestId })))
      setUnanswered(false)
    } catch (error) {
      const retryable = isUnanswered(error)
      setUnanswered(retryable)
      setErrors(refundErrorsFrom(error, messageOf(error)))
      // A refusal is about the amount or the order: back to the form, where it is shown.
      if (!retryable) setConfirming(null)
    } finally {
      setSubmitting(false)
    }
  }

  /** Back to the amount; an unanswered attempt keeps its request id (see services/requestId). */
  const back = () => {
    setConfirming(null)
    setErrors({})
  }

  /** Another order (or the next customer): nothing pending carries over. */
  const startOver = () => {
    pending.forget()
    setOrderText('')
    setOrder(null)
    setAmountText('')
    setErrors({})
    setConfirming(null)
    setUnanswered(false)
    setResult(null)
  }

  return {
    orderNo: {
      text: orderText,
      error: errors.orderNo,
      lookingUp,
      change: (text: string) => {
        setOrderText(text)
        setErrors(({ orderNo: _cleared, ...others }) => others)
      },
      lookUp: () => void lookUp(),
    },
    order,
    amount: {
      text: amountText,
      error: errors.amount,
      change: (text: string) => {
        setAmountText(text)
        setErrors(({ amount: _cleared, ...others }) => others)
      },
    },
    formError: errors.form,
    confirming,
    submitting,
    unanswered,
    review,
    confirm: () => void confirm(),
    back,
    result,
    startOver,
  }
}
