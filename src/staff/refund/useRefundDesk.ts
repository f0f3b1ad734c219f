import { useState } from 'react'
import type { OrderView, RefundResult } from '../../api/contract'
import { callCloud, messageOf } from '../../services/cloud'
import { useConfirmStep } from '../../services/useConfirmStep'
import { checkOrderNo, checkRefund, refundableFen, refundErrorsFrom, yuanInputText, type Refund } from './refundForm'

/**
 * A refund at the till: find the order by its number, choose how much (all that is left, unless less),
 * confirm, refund. The refund carries a request id kept until the server answers, so a retry after a
 * network failure cannot refund twice.
 */
export const useRefundDesk = () => {
  const [orderText, setOrderText] = useState('')
  const [lookingUp, setLookingUp] = useState(false)
  const [order, setOrder] = useState<OrderView | null>(null)
  const [amountText, setAmountText] = useState('')
  const [result, setResult] = useState<RefundResult | null>(null)
  const step = useConfirmStep({
    send: (input: Refund, requestId) => callCloud('staff', 'recordRefund', { ...input, requestId }),
    errorsFrom: refundErrorsFrom,
    onDone: setResult,
  })

  const lookUp = async () => {
    if (lookingUp) return
    const checked = checkOrderNo(orderText)
    if (!checked.ok) return step.showErrors({ orderNo: checked.message })
    step.showErrors({})
    setLookingUp(true)
    try {
      const found = (await callCloud('staff', 'lookupOrder', { orderNo: checked.orderNo })).order
      setOrder(found)
      // Most refunds return the whole purchase: offer all that is left.
      setAmountText(yuanInputText(refundableFen(found)))
    } catch (error) {
      step.showErrors({ orderNo: messageOf(error) })
    } finally {
      setLookingUp(false)
    }
  }

  const review = () => {
    if (order) step.review(checkRefund(order, amountText))
  }

  /** Another order (or the next customer): nothing pending carries over. */
  const startOver = () => {
    step.forget()
    setOrderText('')
    setOrder(null)
    setAmountText('')
    step.clear()
    setResult(null)
  }

  return {
    orderNo: {
      text: orderText,
      error: step.errors.orderNo,
      lookingUp,
      change: (text: string) => {
        setOrderText(text)
        step.clearError('orderNo')
      },
      lookUp: () => void lookUp(),
    },
    order,
    amount: {
      text: amountText,
      error: step.errors.amount,
      change: (text: string) => {
        setAmountText(text)
        step.clearError('amount')
      },
    },
    formError: step.errors.form,
    confirming: step.confirming,
    submitting: step.submitting,
    unanswered: step.unanswered,
    review,
    confirm: step.confirm,
    back: step.back,
    result,
    startOver,
  }
}
