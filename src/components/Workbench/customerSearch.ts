/**
 * What staff type into the customer search, checked before asking: a name's start, or the last digits of a
 * phone number (at least 4, as the server matches them). Apart from Taro.
 */
import { check, CustomersSchema } from '../../api/schemas'

export type SearchCheck = { ok: true; search: string | undefined } | { ok: false; message: string }

export const checkSearch = (text: string): SearchCheck => {
  const trimmed = text.trim()
  if (trimmed === '') return { ok: true, search: undefined }
  if (/^\d+$/.test(trimmed)) {
    if (trimmed.length < 4) return { ok: false, message: '手机尾号请至少输入 4 位' }
    if (trimmed.length > 11) return { ok: false, message: '手机号最多 11 位' }
  }
  const parsed = check(CustomersSchema, { search: trimmed })
  return parsed.ok ? { ok: true, search: parsed.value.search } : { ok: false, message: parsed.fields[0].message }
}
