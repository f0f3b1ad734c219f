import { useState } from 'react'
import type { ActionOutput } from '../../api/contract'
import { callCloud, messageOf } from '../../services/cloud'
import { checkCouponCode } from '../../services/couponCode'
import { scanText } from './scanner'

/**
 * How the till names a coupon to the server: by the code scanned or typed, or by the id of one of the member's
 * coupons the scan listed (the till never gets their codes). Spread as is into lookupCoupon and undoCouponUse.
 */
export type CouponKey = { code: string } | { couponId: string }

/** What the server said about a coupon, how it was named, and the amount it was checked against (null: none). */
export type CouponCheck = ActionOutput<'staff', 'lookupCoupon'> & { key: CouponKey; amountFen: number | null }

/** The code a coupon was looked up by; null for one tapped in the member's list. */
export const codeOf = (check: Pick<CouponCheck, 'key'>): string | null => ('code' in check.key ? check.key.code : null)

/**
 * A coupon at the till: its code scanned (WeChat) or typed (H5 preview), or one of the member's tapped, then
 * looked up — whose it is, whether it applies and, given an amount, the discount. A second tap while a lookup
 * runs is ignored.
 */
export const useCouponLookup = () => {
  const [text, setText] = useState('')
  const [error, setError] = useState<string>()
  const [lookingUp, setLookingUp] = useState(false)
  const [checked, setChecked] = useState<CouponCheck | null>(null)

  const lookUpKey = async (key: CouponKey, amountFen: number | null) => {
    if (lookingUp) return
    setError(undefined)
    setLookingUp(true)
    try {
      const answer = await callCloud('staff', 'lookupCoupon', amountFen === null ? key : { ...key, amountFen })
      setChecked({ ...answer, key, amountFen })
    } catch (e) {
      setChecked(null)
      setError(messageOf(e))
    } finally {
      setLookingUp(false)
    }
  }

  const lookUpText = async (codeText: string, amountFen: number | null) => {
    const code = checkCouponCode(codeText)
    if (!code.ok) return setError(code.message)
    await lookUpKey({ code: code.code }, amountFen)
  }

  /** WeChat's scanner; a cancelled scan is not an error. */
  const scan = async (amountFen: number | null) => {
    const scanned = await scanText(['qrCode'])
    if (scanned === null) return
    setText(scanned)
    await lookUpText(scanned, amountFen)
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
    /** Checks the coupon (again) against an amount: the one tapped by its id, else the code in the field. */
    lookUp: (amountFen: number | null) =>
      void (checked && 'couponId' in checked.key ? lookUpKey(checked.key, amountFen) : lookUpText(text, amountFen)),
    scan: (amountFen: number | null) => void scan(amountFen),
    /** One of the member's coupons tapped in the list: looked up by its id (against the amount, when there is one). */
    pick: (couponId: string, amountFen: number | null) => {
      setText('')
      void lookUpKey({ couponId }, amountFen)
    },
    /** A coupon found elsewhere (scanned at the member step) becomes this one. */
    take: (found: CouponCheck) => {
      setText(codeOf(found) ?? '')
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
