/**
 * The codes typed or scanned at the till: random digits (first non-zero) plus a Luhn check digit, so a
 * mistyped digit or a swapped pair is caught before any lookup. Member numbers have 11 digits, coupon codes
 * 12, so the till tells them apart by length.
 */

/** The Luhn check digit of `digits` (also the dynamic member code's last digit, see memberCode.ts). */
export const luhnCheckDigit = (digits: string): number => {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    // Double every second digit counting from the right of the final number (check digit included).
    let d = Number(digits[digits.length - 1 - i])
    if (i % 2 === 0) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return (10 - (sum % 10)) % 10
}

/** `randomDigit()` returns an integer in [0, 10); injected so tests and the server choose the source. */
const generateCheckedCode = (length: number, randomDigit: () => number): string => {
  let body = String(1 + (randomDigit() % 9))
  while (body.length < length - 1) body += String(randomDigit() % 10)
  return body + luhnCheckDigit(body)
}

const isValidCheckedCode = (text: string, length: number): boolean =>
  text.length === length && /^[1-9]\d+$/.test(text) && luhnCheckDigit(text.slice(0, -1)) === Number(text[length - 1])

export const MEMBER_NO_LENGTH = 11
export const COUPON_CODE_LENGTH = 12

export const generateMemberNo = (randomDigit: () => number): string => generateCheckedCode(MEMBER_NO_LENGTH, randomDigit)
export const isValidMemberNo = (text: string): boolean => isValidCheckedCode(text, MEMBER_NO_LENGTH)

/** Event tickets: 10 digits, told apart from member numbers (11) and coupon codes (12) by length. */
export const TICKET_CODE_LENGTH = 10
export const generateTicketCode = (randomDigit: () => number): string => generateCheckedCode(TICKET_CODE_LENGTH, randomDigit)
export const isValidTicketCode = (text: string): boolean => isValidCheckedCode(text, TICKET_CODE_LENGTH)

export const generateCouponCode = (randomDigit: () => number): string => generateCheckedCode(COUPON_CODE_LENGTH, randomDigit)
export const isValidCouponCode = (text: string): boolean => isValidCheckedCode(text, COUPON_CODE_LENGTH)

/** "1234 5678 901": easier to read aloud and to type. */
export const formatMemberNo = (memberNo: string): string => memberNo.replace(/^(\d{4})(\d{4})(\d{3})$/, '$1 $2 $3')

/** "1234 5678 9012". */
export const formatCouponCode = (code: string): string => code.replace(/^(\d{4})(\d{4})(\d{4})$/, '$1 $2 $3')
