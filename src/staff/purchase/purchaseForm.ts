/**
 * The till's checks, apart from Taro: a member code before any lookup, and the amount and order number
 * before recording. Amounts go from what was typed straight to integer fen; never a float.
 */
import { check, LookupMemberSchema, RecordPurchaseSchema, type RecordPurchaseInput } from '../../api/schemas'
import { AppError, type FieldError } from '../../domain/errors'
import { isValidMemberNo } from '../../domain/memberNo'
import { parseYuanToFen } from '../../domain/money'

/** The member number from what was typed or scanned, or the reason it cannot be one. */
export const checkMemberCode = (text: string): { ok: true; code: string } | { ok: false; message: string } => {
  const parsed = check(LookupMemberSchema, { code: text })
  if (!parsed.ok) return { ok: false, message: parsed.fields[0].message }
  // The check digit catches a mistyped digit or a swapped pair before asking the server.
  if (!isValidMemberNo(parsed.value.code)) return { ok: false, message: '会员码有误，请核对后重新输入' }
  return { ok: true, code: parsed.value.code }
}

export type PurchaseRow = 'amount' | 'orderNo'
export type PurchaseErrors = Partial<Record<PurchaseRow | 'form', string>>

const ROW_OF_FIELD: Record<string, PurchaseRow> = { amountFen: 'amount', orderNo: 'orderNo' }

/** Schema and server paths → the row that shows them (the member code was confirmed a step earlier). */
const errorsByRow = (fields: readonly FieldError[], errors: PurchaseErrors = {}): PurchaseErrors => {
  for (const { field, message } of fields) errors[ROW_OF_FIELD[field] ?? 'form'] ??= message
  return errors
}

export const checkPurchase = (
  memberCode: string,
  amountText: string,
  orderNo: string,
): { ok: true; input: RecordPurchaseInput } | { ok: false; errors: PurchaseErrors } => {
  const amountFen = parseYuanToFen(amountText)
  const parsed = check(RecordPurchaseSchema, { memberCode, amountFen: amountFen ?? Number.NaN, orderNo }) // NaN fails the schema
  if (parsed.ok) return { ok: true, input: parsed.value }
  // Our own wording for an unparseable amount wins over the schema's "must be a number".
  const amountError = amountFen === null ? { amount: amountText.trim() ? '金额格式不对，例如 520 或 520.50' : '请填写金额' } : {}
  return { ok: false, errors: errorsByRow(parsed.ok ? [] : parsed.fields, amountError) }
}

/** A refused purchase, by row: a reused order number belongs next to the order number. */
export const purchaseErrorsFrom = (error: unknown, fallbackMessage: string): PurchaseErrors => {
  if (!(error instanceof AppError)) return { form: fallbackMessage }
  if (error.code === 'IDEMPOTENCY_CONFLICT') return { orderNo: error.message }
  if (error.code === 'INVALID_INPUT' && error.details?.fields?.length) return errorsByRow(error.details.fields)
  return { form: error.message }
}
