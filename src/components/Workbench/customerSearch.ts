/**
 * What staff type into the customer search, checked before asking with the server's own schema: a name's start,
 * the phone's last 4 digits, or both ("王2101"); never more digits than a masked phone shows
 * (src/domain/customerSearch.ts). Apart from Taro.
 */
import { check } from '../../api/fields'
import { CustomersSchema } from '../../api/staffSchemas'

export type SearchCheck = { ok: true; search: string | undefined } | { ok: false; message: string }

export const checkSearch = (text: string): SearchCheck => {
  const trimmed = text.trim()
  if (trimmed === '') return { ok: true, search: undefined }
  const parsed = check(CustomersSchema, { search: trimmed })
  return parsed.ok ? { ok: true, search: parsed.value.search } : { ok: false, message: parsed.fields[0].message }
}
