/**
 * The customer card (顾客资料卡) as staff edit it, apart from Taro: sizes as typed, colours and styles as
 * one line each ("驼色、米白"), notes — checked with the server's own schema, each message at its row.
 */
import { check } from '../../api/fields'
import { CustomerProfileSchema } from '../../api/staffSchemas'
import { AppError, type FieldError } from '../../domain/errors'
import type { CustomerProfile } from '../../domain/member'
import { errorsByRow, refusalByRow, type RowErrors } from '../../services/formErrors'
import { parseTags, tagsText } from '../../wording/workbench'

export interface CardDraft {
  clothingSize: string
  shoeSize: string
  colours: string
  styles: string
  notes: string
}

export type CardRow = keyof CardDraft
export type CardErrors = RowErrors<CardRow>

const ROWS: readonly CardRow[] = ['clothingSize', 'shoeSize', 'colours', 'styles', 'notes']
const ROW_OF_FIELD: Record<string, CardRow> = Object.fromEntries(ROWS.map((row) => [row, row]))

export const draftOf = (p: Pick<CustomerProfile, 'clothingSize' | 'shoeSize' | 'colours' | 'styles' | 'notes'>): CardDraft => ({
  clothingSize: p.clothingSize ?? '',
  shoeSize: p.shoeSize ?? '',
  colours: tagsText(p.colours),
  styles: tagsText(p.styles),
  notes: p.notes ?? '',
})

/** "profile.colours.2" (the server's path) or "colours.2" (the form's) → the row "colours". */
const byRow = (fields: readonly FieldError[]): FieldError[] =>
  fields.map(({ field, message }) => ({ field: field.replace(/^profile\./, '').split('.')[0], message }))

/**
 * Every row is sent, emptied ones too: the server keeps what is not sent, so clearing a size means sending
 * it empty. Children's sizes are not edited here and so are not sent (kept as they are).
 */
export const checkCard = (draft: CardDraft): { ok: true; profile: CustomerProfile } | { ok: false; errors: CardErrors } => {
  const parsed = check(CustomerProfileSchema, {
    clothingSize: draft.clothingSize,
    shoeSize: draft.shoeSize,
    colours: parseTags(draft.colours),
    styles: parseTags(draft.styles),
    notes: draft.notes,
  })
  if (!parsed.ok) return { ok: false, errors: errorsByRow(ROW_OF_FIELD, byRow(parsed.fields)) }
  const { children: _notEdited, ...profile } = parsed.value
  return { ok: true, profile }
}

/** A refused save, by row: the server's field errors at their rows, anything else at the form. */
export const cardErrorsFrom = (error: unknown, fallbackMessage: string): CardErrors =>
  error instanceof AppError && error.code === 'INVALID_INPUT' && error.details?.fields?.length
    ? errorsByRow(ROW_OF_FIELD, byRow(error.details.fields))
    : refusalByRow(error, fallbackMessage, ROW_OF_FIELD)
