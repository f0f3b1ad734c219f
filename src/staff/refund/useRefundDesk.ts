import { useState } from 'react'
import type { OrderView, RefundPreview, RefundResult } from '../../api/contract'
import { callCloud, messageOf } from '../../services/cloud'
import { useConfirmStep } from '../../services/useConfirmStep'
import { scanText } from '../shared/scanner'
import { checkOrderNo, checkRefund, refundableFen, refundErrorsFrom, yuanInputText, type Refund } from './refundForm'

/**
 * A refund at the till: find the order by its number, choose how much (all that is left, unless less), see
 * what it will do (the server's dry run of this refund), confirm, refund. The refund carries a request id kept until the server answers, so a retry after a
 * network failure cannot refund twice.
 */
export const useRefundDesk = () => {
  const [orderText, setOrderText] = useState('')
  const [lookingUp, setLookingUp] = useState(false)
  const [order, setOrder] = useState<OrderView | null>(null)
  const [amountText, setAmountText] = useState('')
  const [result, setResult] = useState<RefundResult | null>(null)
  /** The server's dry run of the refund being confirmed. */
  const [preview, setPreview] = useState<RefundPreview | null>(null)
  const [previewing, setPreviewing] = useState(false)
  const step = useConfirmStep({
    send: (input: Refund, requestId) => callCloud('staff', 'recordRefund', { ...input, requestId }),
    errorsFrom: refundErrorsFrom,
    onDone: setResult,
  })

  const lookUp = async (text: string = orderText) => {
    if (lookingUp) return
    const checked = checkOrderNo(text)
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

  /** The form checked here, then the refund previewed by the server: the confirmation says what it will do. */
  const review = async () => {
    if (!order || previewing) return
    const checked = checkRefund(order, amountText)
    if (!checked.ok) return step.review(checked)
    setPreviewing(true)
    try {
      setPreview((await callCloud('staff', 'previewRefund', checked.input)).preview)
      step.review(checked)
    } catch (error) {
      step.showErrors(refundErrorsFrom(error, messageOf(error)))
    } finally {
      setPreviewing(false)
    }
  }

  /** Another order (or the next customer): nothing pending carries over. */
  const startOver = () => {
    step.forget()
    setOrderText('')
    setOrder(null)
    setAmountText('')
    step.clear()
    setResult(null)
    setPreview(null)
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
      /** The order number from the receipt's barcode (WeChat), looked up at once. */
      scan: async () => {
        const scanned = await scanText(['barCode', 'qrCode'])
        if (scanned === null) return
        setOrderText(scanned.trim())
        await lookUp(scanned.trim())
      },
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
    previewing,
    preview,
    review: () => void review(),
    confirm: step.confirm,
    back: step.back,
    result,
    startOver,
  }
}
