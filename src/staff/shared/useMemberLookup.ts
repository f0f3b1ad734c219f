import { useState } from 'react'
import type { MemberSummary, TillCouponView } from '../../api/contract'
import { callCloud, messageOf } from '../../services/cloud'
import { checkCouponCode, looksLikeCouponCode } from '../../services/couponCode'
import { checkTillCode } from '../../services/memberCode'
import { scanText } from './scanner'

interface Options {
  /**
   * A coupon's 12-digit code where a member code was expected (the customer showed the coupon first): the
   * page looks the coupon up and answers with its holder, who becomes the member at the till.
   */
  onCouponCode?: (code: string) => Promise<MemberSummary>
  /**
   * Whether the member number alone will do (a birthday correction). Where points or money move (a purchase,
   * a redemption) it will not: the till needs the dynamic code from the member's phone, which the server
   * accepts once, and which the action then carries.
   */
  numberAllowed?: boolean
}

/**
 * Step one at the till: find the member by the code on their card (scanned on WeChat, typed in the H5
 * preview), for the assistant to confirm with the customer. A second tap while a lookup runs is ignored.
 */
export const useMemberLookup = ({ onCouponCode, numberAllowed = false }: Options = {}) => {
  const [text, setText] = useState('')
  const [error, setError] = useState<string>()
  const [lookingUp, setLookingUp] = useState(false)
  const [member, setMember] = useState<MemberSummary | null>(null)
  /** The code that found the member: what the purchase or redemption carries (a coupon's holder: their number). */
  const [memberCode, setMemberCode] = useState<string | null>(null)
  /** The member's coupons usable with a purchase, as the scan of their dynamic code answered (else none). */
  const [coupons, setCoupons] = useState<TillCouponView[]>([])

  const lookUp = async (codeText: string = text) => {
    if (lookingUp) return
    const asCoupon = onCouponCode !== undefined && looksLikeCouponCode(codeText)
    const code = asCoupon ? checkCouponCode(codeText) : checkTillCode(codeText, { numberAllowed })
    if (!code.ok) return setError(code.message)
    setError(undefined)
    setLookingUp(true)
    try {
      const scanned = asCoupon ? null : await callCloud('staff', 'scanMember', { code: code.code })
      const found = scanned ? scanned.member : await onCouponCode!(code.code)
      setMemberCode(asCoupon ? found.memberNo : code.code)
      setCoupons(scanned?.coupons ?? [])
      setMember(found)
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setLookingUp(false)
    }
  }

  /** WeChat's scanner; a cancelled scan is not an error. */
  const scan = async () => {
    // The member code's QR or its barcode (Code 128), a coupon's QR.
    const scanned = await scanText(['qrCode', 'barCode'])
    if (scanned === null) return
    setText(scanned)
    await lookUp(scanned)
  }

  const reset = () => {
    setText('')
    setError(undefined)
    setMember(null)
    setMemberCode(null)
    setCoupons([])
  }

  return {
    code: { text, error, lookingUp, change: setText, lookUp: () => void lookUp(), scan: () => void scan() },
    /** A scanned coupon also finds its holder here (the purchase till). */
    acceptsCoupons: onCouponCode !== undefined,
    numberAllowed,
    member,
    memberCode,
    coupons,
    /** After a change at the till, the member as the server now has them (new balance, new tier). */
    updateMember: setMember,
    reset,
  }
}
