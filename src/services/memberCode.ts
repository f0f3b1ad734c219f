/** The member code as staff scan or operators type it, checked before any lookup (staff and ops pages). */
import { check, LookupMemberSchema } from '../api/schemas'
import { isValidMemberNo } from '../domain/memberNo'

/** The member number from what was typed or scanned, or the reason it cannot be one. */
export const checkMemberCode = (text: string): { ok: true; code: string } | { ok: false; message: string } => {
  const parsed = check(LookupMemberSchema, { code: text })
  if (!parsed.ok) return { ok: false, message: parsed.fields[0].message }
  // The check digit catches a mistyped digit or a swapped pair before asking the server.
  if (!isValidMemberNo(parsed.value.code)) return { ok: false, message: '会员码有误，请核对后重新输入' }
  return { ok: true, code: parsed.value.code }
}
