/**
 * Where a till or operator form shows what is wrong: each message at the row (the field) it is about,
 * anything no row shows above the button ('form'). Apart from Taro; each form names its rows as data.
 */
import { AppError, type ErrorCode, type FieldError } from '../domain/errors'

export type RowErrors<Row extends string> = Partial<Record<Row | 'form', string>>

/** Schema or server field paths → the rows that show them. The first message for a row wins. */
export const errorsByRow = <Row extends string>(
  rowOfField: Readonly<Record<string, Row>>,
  fields: readonly FieldError[],
  errors: RowErrors<Row> = {},
): RowErrors<Row> => {
  for (const { field, message } of fields) errors[rowOfField[field] ?? 'form'] ??= message
  return errors
}

/**
 * A refused action, by row: bad fields (INVALID_INPUT) at their rows, a code a row answers for at that row
 * (too few points at the points), any other refusal at the form. No AppError means no answer from the
 * server: `fallbackMessage` at the form.
 */
export const refusalByRow = <Row extends string>(
  error: unknown,
  fallbackMessage: string,
  rowOfField: Readonly<Record<string, Row>>,
  rowOfCode: Readonly<Partial<Record<ErrorCode, NoInfer<Row>>>> = {},
): RowErrors<Row> => {
  const errors: RowErrors<Row> = {}
  if (!(error instanceof AppError)) errors.form = fallbackMessage
  else if (error.code === 'INVALID_INPUT' && error.details?.fields?.length) errorsByRow(rowOfField, error.details.fields, errors)
  else errors[rowOfCode[error.code] ?? 'form'] = error.message
  return errors
}
