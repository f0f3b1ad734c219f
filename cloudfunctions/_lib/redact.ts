/**
 * Logs never show a phone number in full (PIPL): an unexpected error is logged whole for whoever investigates,
 * and a database error can quote a document (MongoDB's E11000 names the duplicate key's value, a mobile for
 * `mobile_unique`). Masked as screens mask it: 138****5678.
 */
import { maskMobile } from '../../src/domain/member'

/** A mainland mobile number standing on its own in text (not inside a longer run of digits). */
const MOBILE_IN_TEXT = /(?<!\d)1[3-9]\d{9}(?!\d)/g

export const maskMobilesIn = (text: string): string => text.replace(MOBILE_IN_TEXT, (m) => maskMobile(m))

/** What a log line shows of a thrown value: its stack (or message) and the SDK's errCode, phone numbers masked. */
export const redactForLog = (e: unknown): string => {
  if (e instanceof Error) {
    const code = (e as { errCode?: string | number }).errCode
    return maskMobilesIn(`${e.stack ?? `${e.name}: ${e.message}`}${code !== undefined ? ` (errCode ${String(code)})` : ''}`)
  }
  let text: string
  try {
    text = typeof e === 'string' ? e : JSON.stringify(e)
  } catch {
    text = String(e)
  }
  return maskMobilesIn(text)
}
