import { useState } from 'react'
import type { PurchaseResult, TillCouponView } from '../../api/contract'
import { parseYuanToFen } from '../../domain/money'
import { callCloud, messageOf } from '../../services/cloud'
import { useCouponLookup, type CouponKey } from '../shared/useCouponLookup'
import { useMemberLookup } from '../shared/useMemberLookup'
import { buzz, scanText } from '../shared/scanner'
import { couponVerdict, recordLabel, type CouponVerdict } from './couponStep'
import { checkPurchase, purchaseErrorsFrom, type PurchaseErrors, type PurchaseRow } from './purchaseForm'
import { useCouponUndo } from './useCouponUndo'

/**
 * The till, one purchase at a time: find the member (the scanner opens with the page; or type), confirm who it
 * is, enter amount and order number (typed, or scanned from the POS receipt), optionally tap one of the member's
 * coupons (they came with the scan) or scan another, check it against the amount, record. The coupon is used in the same call
 * as the purchase; the order number is the idempotency key, so a retried tap cannot count (or redeem) twice.
 * A coupon scanned where the member code goes finds its holder, who becomes the member.
 */
export const usePurchaseDesk = () => {
  const coupon = useCouponLookup()
  const [usingCoupon, setUsingCoupon] = useState(false)
  const lookup = useMemberLookup({
    onCouponCode: async (code) => {
      const answer = await callCloud('staff', 'lookupCoupon', { code })
      coupon.take({ ...answer, key: { code }, amountFen: null })
      setUsingCoupon(true)
      return answer.holder
    },
  })
  const { member } = lookup
  const [amountText, setAmountText] = useState('')
  const [orderNo, setOrderNo] = useState('')
  const [errors, setErrors] = useState<PurchaseErrors>({})
  const [recording, setRecording] = useState(false)
  const [result, setResult] = useState<PurchaseResult | null>(null)
  /** The coupon recorded with the purchase on the receipt, for "撤销核销". */
  const [usedCoupon, setUsedCoupon] = useState<CouponKey | null>(null)
  const undo = useCouponUndo()

  const amountFen = parseYuanToFen(amountText)
  const verdict: CouponVerdict | null =
    !member || !usingCoupon ? null : coupon.checked ? couponVerdict(coupon.checked, member, amountFen) : { kind: 'pending' }
  const next = recordLabel(amountFen, verdict)

  const clearError = (row: PurchaseRow) => setErrors(({ [row]: _cleared, ...others }) => others)

  const record = async () => {
    if (!member || recording) return
    const couponKey = verdict?.kind === 'applies' ? coupon.checked!.key : undefined
    const checked = checkPurchase(lookup.memberCode ?? member.memberNo, amountText, orderNo, couponKey)
    if (!checked.ok) return setErrors(checked.errors)
    setErrors({})
    setRecording(true)
    try {
      const recorded = await callCloud('staff', 'recordPurchase', checked.input)
      setUsedCoupon(recorded.purchase.coupon ? (couponKey ?? null) : null)
      setResult(recorded)
      if (!recorded.replayed) buzz()
    } catch (error) {
      const refused = purchaseErrorsFrom(error, messageOf(error))
      setErrors(refused)
      // The coupon changed since its check (another till used it): check again, so the step shows why.
      if (refused.coupon && couponKey && amountFen !== null) coupon.lookUp(amountFen)
    } finally {
      setRecording(false)
    }
  }

  /** The button under the purchase: check the coupon against the amount, or record. */
  const proceed = () => {
    if (next.action === 'record') return void record()
    if (next.action !== 'check') return
    if (amountFen === null)
      return setErrors((e) => ({ ...e, amount: amountText.trim() ? '金额格式不对，例如 520 或 520.50' : '请先填写消费金额' }))
    clearError('coupon')
    coupon.lookUp(amountFen)
  }

  /** The order number from the POS receipt's barcode (WeChat); a closed scanner changes nothing. */
  const scanOrderNo = async () => {
    const scanned = await scanText(['barCode', 'qrCode'])
    if (scanned === null) return
    setOrderNo(scanned.trim())
    clearError('orderNo')
  }

  const dropCoupon = () => {
    coupon.reset()
    setUsingCoupon(false)
    clearError('coupon')
  }

  /** Back to an empty till for the next customer. */
  const startOver = () => {
    lookup.reset()
    dropCoupon()
    setAmountText('')
    setOrderNo('')
    setErrors({})
    setResult(null)
    setUsedCoupon(null)
    undo.reset()
  }

  return {
    lookup,
    member,
    purchase: {
      amountText,
      amountFen,
      orderNo,
      errors,
      recording,
      changeAmount: (text: string) => {
        setAmountText(text)
        clearError('amount')
      },
      changeOrderNo: (text: string) => {
        setOrderNo(text)
        clearError('orderNo')
      },
      scanOrderNo: () => void scanOrderNo(),
      next,
      proceed,
    },
    coupon: {
      entry: coupon,
      using: usingCoupon,
      verdict,
      error: errors.coupon,
      use: () => setUsingCoupon(true),
      /** The member's coupons that came with the scan, to tap. */
      offered: lookup.coupons,
      /** One of them tapped: looked up against the amount, as a scanned one is. */
      pick: (picked: TillCouponView) => {
        setUsingCoupon(true)
        clearError('coupon')
        coupon.pick(picked.id, amountFen)
      },
      /** Another coupon: back to the code field. */
      change: () => {
        coupon.reset()
        clearError('coupon')
      },
      drop: dropCoupon,
    },
    result,
    undo: {
      ...undo,
      /** Offered on the receipt of a purchase that used a coupon. */
      available: result?.purchase.coupon != null && usedCoupon !== null,
      undo: () => usedCoupon && undo.undo(usedCoupon),
    },
    startOver,
  }
}
