/** The coupon code as the till scans or types it (12 digits), checked before any lookup (staff pages). */
import { check } from '../api/fields'
import { CouponCodeSchema } from '../api/staffSchemas'
import { COUPON_CODE_LENGTH, isValidCouponCode } from '../domain/memberNo'

/** The coupon code from what was typed or scanned, or the reason it cannot be one. */
export const checkCouponCode = (text: string): { ok: true; code: string } | { ok: false; message: string } => {
  const parsed = check(CouponCodeSchema, { code: text })
  if (!parsed.ok) return { ok: false, message: parsed.fields[0].message }
  // The check digit catches a mistyped digit or a swapped pair before asking the server.
  if (!isValidCouponCode(parsed.value.code)) return { ok: false, message: '券码有误，请核对后重新输入' }
  return { ok: true, code: parsed.value.code }
}

/** Member numbers have 11 digits, coupon codes 12: what the till scanned tells which it is. */
export const looksLikeCouponCode = (text: string): boolean => text.replace(/\s+/g, '').length === COUPON_CODE_LENGTH
