/**
 * The till's checks, apart from Taro: the amount and order number before recording (the member code is
 * checked by ../shared/memberCode). Amounts go from what was typed straight to integer fen; never a float.
 */
import { check, RecordPurchaseSchema, type RecordPurchaseInput } from '../../api/schemas'
import { AppError, type FieldError } from '../../domain/errors'
import { parseYuanToFen } from '../../domain/money'

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
