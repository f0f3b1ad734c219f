/**
 * The dynamic member code shown at the till: screenshot-proof like a payment code, and made on the phone with
 * no network.
 *
 * Shape (18 digits, digits only, so a till can also type it):
 *
 *     member number (11, Luhn-checked) · one-time password (6) · Luhn check digit over the 17 before (1)
 *     1234 5678 903 · 492 039 · 7
 *
 * - The member number in front identifies the member without searching secrets: the server finds the member
 *   by the indexed number, then checks the password against that member's secret only.
 * - The one-time password is RFC 6238 TOTP (HOTP of RFC 4226 over the 30-second step since the Unix epoch),
 *   HMAC-SHA-256 keyed by a 32-byte secret per member, truncated to 6 digits. The HMAC is @noble/hashes:
 *   audited, plain JavaScript, the same code in the mini-program (which has no WebCrypto) and in Node.
 * - The last digit is a Luhn check over the other 17: a mistyped digit or a swapped pair is caught before any
 *   lookup, and told apart from a forged code.
 * - Lengths keep the codes apart at the till: tickets 10, member numbers 11, coupons 12, dynamic codes 18.
 *
 * What the server accepts (see `judgeCode`): a password of the current step or the one before or after it
 * (±1 step, so a phone clock off by up to 30 s still works; the phone also corrects its clock by the server's
 * time from its last online visit); a password of an older step (up to two hours back) is `expired` — an old
 * screenshot; anything else is `invalid` (tampered, forged, or made with a secret the member has since reset).
 * Each code is accepted once: the server records member + secret version + step when it accepts it.
 *
 * The static member number: printed on the card for reading aloud, and still typed by staff and operators
 * for the customer records (workbench look-ups, callbacks, corrections, ledger audits). Anything that moves
 * points or money for the member at the till — a purchase, a points redemption — needs the dynamic code,
 * i.e. the member's phone at the till. One exception: a purchase that uses the member's own coupon may name
 * the member by number, because that coupon (shown from the same phone, and used up in that purchase) is the
 * proof of presence.
 */
import { hmac } from '@noble/hashes/hmac'
import { sha256 } from '@noble/hashes/sha2'
import { bytesToHex, hexToBytes } from '@noble/hashes/utils'
import { isValidMemberNo, luhnCheckDigit, MEMBER_NO_LENGTH } from './memberNo'

/** RFC 6238's default time step. */
export const CODE_STEP_SECONDS = 30
export const OTP_DIGITS = 6
export const DYNAMIC_CODE_LENGTH = MEMBER_NO_LENGTH + OTP_DIGITS + 1
/** 32 bytes: the key length RFC 4226 recommends for HMAC-SHA-256 (at least the hash's output). */
export const SECRET_BYTES = 32
/** Steps either side of the server's that are accepted. */
export const ACCEPTED_STEPS = 1
/** How far back a password still reads as an old screenshot (CODE_EXPIRED) rather than a forgery. */
export const EXPIRED_LOOKBACK_STEPS = (2 * 60 * 60) / CODE_STEP_SECONDS

/** A hash @noble/hashes can key an HMAC with (sha256 here; sha1/sha512 for the RFC's test vectors). */
export type HashFunction = Parameters<typeof hmac>[0]

const STEP_MS = CODE_STEP_SECONDS * 1000

/** The 30-second step an instant falls in (RFC 6238's T with T0 = 0). */
export const codeStep = (instantMs: number, stepSeconds = CODE_STEP_SECONDS): number => Math.floor(instantMs / (stepSeconds * 1000))

/** Seconds until the code changes (30 … 1). */
export const secondsLeftInStep = (instantMs: number): number => Math.ceil((STEP_MS - (((instantMs % STEP_MS) + STEP_MS) % STEP_MS)) / 1000)

/** The counter as 8 bytes, big-endian (RFC 4226 §5.1); numbers up to 2^53 are exact. */
const counterBytes = (counter: number): Uint8Array => {
  const bytes = new Uint8Array(8)
  let high = Math.floor(counter / 2 ** 32)
  let low = counter >>> 0
  for (let i = 7; i >= 4; i--) {
    bytes[i] = low & 0xff
    low >>>= 8
  }
  for (let i = 3; i >= 0; i--) {
    bytes[i] = high & 0xff
    high = Math.floor(high / 256)
  }
  return bytes
}

/** RFC 4226 HOTP: HMAC of the counter, dynamic truncation, the last `digits` decimal digits. */
export const hotp = (key: Uint8Array, counter: number, digits = OTP_DIGITS, hash: HashFunction = sha256): string => {
  const mac = hmac(hash, key, counterBytes(counter))
  const offset = mac[mac.length - 1] & 0x0f
  const binary = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3]
  // 10^8 still fits a double exactly; the modulo of a 31-bit integer is exact.
  return String(binary % 10 ** digits).padStart(digits, '0')
}

/** RFC 6238 TOTP at an instant. */
export const totp = (
  key: Uint8Array,
  instantMs: number,
  options: { digits?: number; hash?: HashFunction; stepSeconds?: number } = {},
): string => hotp(key, codeStep(instantMs, options.stepSeconds), options.digits ?? OTP_DIGITS, options.hash ?? sha256)

export const isSecretHex = (text: unknown): text is string => typeof text === 'string' && /^[0-9a-f]{64}$/.test(text)

/** A new secret from the caller's random bytes (the server's crypto.randomBytes), as 64 hex digits. */
export const secretToHex = (bytes: Uint8Array): string => {
  if (bytes.length !== SECRET_BYTES) throw new Error(`a member code secret has ${SECRET_BYTES} bytes`)
  return bytesToHex(bytes)
}

const keyOf = (secretHex: string): Uint8Array => {
  if (!isSecretHex(secretHex)) throw new Error('malformed member code secret')
  return hexToBytes(secretHex)
}

/** The code of one step: member number, password, check digit. */
export const dynamicCodeForStep = (memberNo: string, secretHex: string, step: number): string => {
  const body = memberNo + hotp(keyOf(secretHex), step)
  return body + luhnCheckDigit(body)
}

/** The code a member's phone shows at `instantMs` (server time: the phone adds its known clock offset). */
export const dynamicMemberCode = (memberNo: string, secretHex: string, instantMs: number): string =>
  dynamicCodeForStep(memberNo, secretHex, codeStep(instantMs))

/** "1234 5678 9034 9203 97": groups of four, to read and type. */
export const formatDynamicCode = (code: string): string => code.replace(/(\d{4})(?=\d)/g, '$1 ')

/**
 * "2026 **** **** 0397": the code as the full-screen view shows it until tapped, so the people behind in the
 * queue cannot read the digits off the phone (the barcode and QR are what the till scans).
 */
export const maskDynamicCode = (code: string): string => (code.length > 8 ? `${code.slice(0, 4)} **** **** ${code.slice(-4)}` : code)

export const looksLikeDynamicCode = (text: string): boolean => text.replace(/\s+/g, '').length === DYNAMIC_CODE_LENGTH

export type ParsedCode = { ok: true; memberNo: string; otp: string } | { ok: false; problem: 'shape' | 'check' }

/**
 * What a till scanned or typed, taken apart. `shape`: not 18 digits; `check`: a digit is wrong (the check
 * digit or the member number's own check digit disagrees) — a typo or a crude edit, never worth a lookup.
 */
export const parseDynamicCode = (text: string): ParsedCode => {
  const code = text.replace(/\s+/g, '')
  if (!new RegExp(`^\\d{${DYNAMIC_CODE_LENGTH}}$`).test(code)) return { ok: false, problem: 'shape' }
  const body = code.slice(0, -1)
  if (luhnCheckDigit(body) !== Number(code[code.length - 1])) return { ok: false, problem: 'check' }
  const memberNo = code.slice(0, MEMBER_NO_LENGTH)
  if (!isValidMemberNo(memberNo)) return { ok: false, problem: 'check' }
  return { ok: true, memberNo, otp: code.slice(MEMBER_NO_LENGTH, MEMBER_NO_LENGTH + OTP_DIGITS) }
}

export type CodeJudgement =
  /** Within ±1 step of the server's: acceptable (if not used before). */
  | { verdict: 'fresh'; step: number }
  /** Made for an older step: an old screenshot. `step` lets a till session made with it be found. */
  | { verdict: 'expired'; step: number }
  | { verdict: 'invalid' }

/** Equal-length strings compared without an early exit. */
const sameDigits = (a: string, b: string): boolean => {
  let diff = a.length ^ b.length
  for (let i = 0; i < a.length && i < b.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return diff === 0
}

/**
 * Which step a password belongs to, judged at the server's `nowMs`: the current step first, then one back,
 * one ahead, then older steps up to the look-back. A forged 6-digit password has a 3 in a million chance of
 * being taken as fresh, and about 240 in a million of being reported as expired instead of invalid.
 */
export const judgeCode = (secretHex: string, otp: string, nowMs: number): CodeJudgement => {
  const key = keyOf(secretHex)
  const now = codeStep(nowMs)
  for (const step of [now, now - 1, now + 1]) if (sameDigits(hotp(key, step), otp)) return { verdict: 'fresh', step }
  for (let back = ACCEPTED_STEPS + 1; back <= EXPIRED_LOOKBACK_STEPS; back++) {
    if (sameDigits(hotp(key, now - back), otp)) return { verdict: 'expired', step: now - back }
  }
  return { verdict: 'invalid' }
}
