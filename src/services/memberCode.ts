/** The member code as staff scan or operators type it, checked before any lookup (staff and ops pages). */
import { check } from '../api/fields'
import { LookupMemberSchema } from '../api/sharedSchemas'
import { ScanMemberSchema } from '../api/staffSchemas'
import { looksLikeDynamicCode, parseDynamicCode } from '../domain/memberCode'
import { isValidMemberNo } from '../domain/memberNo'

type Checked = { ok: true; code: string } | { ok: false; message: string }

const MISTYPED = '会员码有误，请核对后重新输入'
export const DYNAMIC_CODE_NEEDED = '请扫描顾客会员卡上的动态会员码（18 位）'

/** The member number from what was typed or scanned, or the reason it cannot be one. */
export const checkMemberCode = (text: string): Checked => {
  const parsed = check(LookupMemberSchema, { code: text })
  if (!parsed.ok) return { ok: false, message: parsed.fields[0].message }
  // The check digit catches a mistyped digit or a swapped pair before asking the server.
  if (!isValidMemberNo(parsed.value.code)) return { ok: false, message: MISTYPED }
  return { ok: true, code: parsed.value.code }
}

/**
 * What a till scanned or typed: the member's dynamic code (18 digits, from their card page) or, where no proof
 * of presence is needed (`numberAllowed`), their member number (11). Check digits are checked here first.
 */
export const checkTillCode = (text: string, { numberAllowed }: { numberAllowed: boolean }): Checked => {
  if (!looksLikeDynamicCode(text)) {
    if (numberAllowed) return checkMemberCode(text)
    const parsed = check(ScanMemberSchema, { code: text })
    return { ok: false, message: parsed.ok ? DYNAMIC_CODE_NEEDED : parsed.fields[0].message }
  }
  const parsed = check(ScanMemberSchema, { code: text })
  if (!parsed.ok) return { ok: false, message: parsed.fields[0].message }
  return parseDynamicCode(parsed.value.code).ok ? { ok: true, code: parsed.value.code } : { ok: false, message: MISTYPED }
}
