import { useState } from 'react'
import type { ActionOutput } from '../../api/contract'
import { callCloud, messageOf } from '../../services/cloud'
import { checkCouponCode } from '../../services/couponCode'
import { scanText } from './scanner'

/** What the server said about a coupon, and the amount it was checked against (null: none given). */
export type CouponCheck = ActionOutput<'staff', 'lookupCoupon'> & { code: string; amountFen: number | null }

/**
 * A coupon at the till: its code scanned (WeChat) or typed (H5 preview), then looked up — whose it is,
 * whether it applies and, given an amount, the discount. A second tap while a lookup runs is ignored.
 */
export const useCouponLookup = () => {
  const [text, setText] = useState('')
  const [error, setError] = useState<string>()
  const [lookingUp, setLookingUp] = useState(false)
  const [checked, setChecked] = useState<CouponCheck | null>(null)

  const lookUp = async (codeText: string, amountFen: number | null) => {
    if (lookingUp) return
    const code = checkCouponCode(codeText)
    if (!code.ok) return setError(code.message)
    setError(undefined)
    setLookingUp(true)
    try {
      const answer = await callCloud('staff', 'lookupCoupon', amountFen === null ? { code: code.code } : { code: code.code, amountFen })
      setChecked({ ...answer, code: code.code, amountFen })
    } catch (e) {
      setChecked(null)
      setError(messageOf(e))
    } finally {
      setLookingUp(false)
    }
  }

  /** WeChat's scanner; a cancelled scan is not an error. */
  const scan = async (amountFen: number | null) => {
    const scanned = await scanText(['qrCode'])
    if (scanned === null) return
    setText(scanned)
    await lookUp(scanned, amountFen)
  }

  return {
    text,
    error,
    lookingUp,
    checked,
    change: (value: string) => {
      setText(value)
      setError(undefined)
    },
    lookUp: (amountFen: number | null) => void lookUp(text, amountFen),
    scan: (amountFen: number | null) => void scan(amountFen),
    /** One of the member's coupons tapped in the list: looked up (against the amount, when there is one). */
    pick: (code: string, amountFen: number | null) => {
      setText(code)
      void lookUp(code, amountFen)
    },
    /** A coupon found elsewhere (scanned at the member step) becomes this one. */
    take: (found: CouponCheck) => {
      setText(found.code)
      setError(undefined)
      setChecked(found)
    },
    reset: () => {
      setText('')
      setError(undefined)
      setChecked(null)
    },
  }
}
