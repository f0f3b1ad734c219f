/**
 * What staff and operators type to find a customer: a name's start, the phone's last 4 digits, or both ("钱5678",
 * "钱 5678"). The last 4 digits are what every screen shows of a phone (139****5678), so a search by them tells
 * nothing a list row does not. More digits would: each further digit tried ten ways is a yes-or-no question about
 * the masked middle, and 40 searches rebuilt the whole number. So 4 digits exactly, never a full number — at the
 * counter the customer says their last 4 digits (or shows the card), and their surname narrows a common ending.
 */

export const PHONE_SEARCH_DIGITS = 4

export interface CustomerSearch {
  /** The start of the name. */
  name?: string
  /** The phone's last 4 digits. */
  phoneLast4?: string
}

export const SEARCH_DIGITS_MESSAGE = '手机号只能按后 4 位搜索'

/** The search as typed (already trimmed) → what to match, or the message for the search row. */
export const parseCustomerSearch = (text: string): { ok: true; search: CustomerSearch } | { ok: false; message: string } => {
  const [, head, digits] = /^(.*?)\s*(\d*)$/su.exec(text) ?? ['', text, '']
  const name = head.trim()
  // Digits before the last run ("138 1234 5678") are more of the phone, not a name.
  if (/\d/.test(name)) return { ok: false, message: SEARCH_DIGITS_MESSAGE }
  if (digits.length > 0 && digits.length !== PHONE_SEARCH_DIGITS) {
    return { ok: false, message: digits.length < PHONE_SEARCH_DIGITS && name === '' ? '手机尾号请输入 4 位' : SEARCH_DIGITS_MESSAGE }
  }
  return { ok: true, search: { ...(name ? { name } : {}), ...(digits ? { phoneLast4: digits } : {}) } }
}

/** The message for a search that may not be run, or null. */
export const customerSearchProblem = (text: string): string | null => {
  const parsed = parseCustomerSearch(text.trim())
  return parsed.ok ? null : parsed.message
}
