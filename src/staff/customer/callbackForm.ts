/**
 * The monthly callback (回访) as staff log it, apart from Taro: how it went, a note, and when to call next
 * (by default the date the server would pick). Checked with the server's own schema; the server's refusals
 * (a next date not after today) come back to their rows.
 */
import { check } from '../../api/fields'
import { LogCallbackSchema, type LogCallbackInput } from '../../api/staffSchemas'
import { errorsByRow, refusalByRow, type RowErrors } from '../../services/formErrors'
import type { CallbackOutcome } from '../../wording/workbench'

export interface CallbackDraft {
  outcome: CallbackOutcome | null
  note: string
  /** "2026-12-24": business date. */
  nextDate: string
}

export type CallbackRow = 'outcome' | 'note' | 'nextDate'
export type CallbackErrors = RowErrors<CallbackRow>
export type CallbackInput = Omit<LogCallbackInput, 'requestId'>

const ROW_OF_FIELD: Record<string, CallbackRow> = { outcome: 'outcome', note: 'note', nextDate: 'nextDate' }

// The request id is the page's business (kept until answered): the form is checked with a stand-in.
const STAND_IN_REQUEST_ID = 'form-check'

export const newCallbackDraft = (defaultNextDate: string): CallbackDraft => ({ outcome: null, note: '', nextDate: defaultNextDate })

export const checkCallback = (
  draft: CallbackDraft,
  memberCode: string,
): { ok: true; input: CallbackInput } | { ok: false; errors: CallbackErrors } => {
  const parsed = check(LogCallbackSchema, {
    memberCode,
    outcome: draft.outcome ?? undefined,
    note: draft.note,
    nextDate: draft.nextDate || undefined,
    requestId: STAND_IN_REQUEST_ID,
  })
  if (!parsed.ok) return { ok: false, errors: errorsByRow(ROW_OF_FIELD, parsed.fields) }
  const { requestId: _standIn, ...input } = parsed.value
  return { ok: true, input }
}

/** A refused callback, by row: the next date the server refused at its row, anything else at the form. */
export const callbackErrorsFrom = (error: unknown, fallbackMessage: string): CallbackErrors =>
  refusalByRow(error, fallbackMessage, ROW_OF_FIELD)
