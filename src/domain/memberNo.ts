/**
 * Member numbers: 10 random digits (first non-zero) plus a Luhn check digit, so a mistyped digit or a
 * swapped pair at the till is caught before any lookup.
 */

const luhnCheckDigit = (digits: string): number => {
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

/** `random()` returns an integer in [0, 10); injected so tests and the server choose the source. */
export const generateMemberNo = (randomDigit: () => number): string => {
  let body = String(1 + (randomDigit() % 9))
  while (body.length < 10) body += String(randomDigit() % 10)
  return body + luhnCheckDigit(body)
}

export const isValidMemberNo = (text: string): boolean =>
  /^[1-9]\d{10}$/.test(text) && luhnCheckDigit(text.slice(0, 10)) === Number(text[10])

/** "1234 5678 901": easier to read aloud and to type. */
export const formatMemberNo = (memberNo: string): string => memberNo.replace(/^(\d{4})(\d{4})(\d{3})$/, '$1 $2 $3')
