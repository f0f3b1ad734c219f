/**
 * The desk's event dialog over the phone editor's own form (src/ops/events/eventForm.ts: the draft, its checks with
 * the server's schema, the edit's draft): what differs is only that the desk picks a moment as one date-time text.
 */
import type { EventRow } from '../../../../src/api/contract'
import { editDraftOf, type EventDraft, type When } from '../../../../src/ops/events/eventForm'

/** A draft's moment as the desk's date-time picker holds it: "2026-12-05 14:00:00", business time. */
export const whenText = (when: When): string => `${when.date} ${when.time}:00`

/** The picker's "2026-12-05 14:00:00" (or "2026-12-05 14:00") as the draft's date and time; '' clears both. */
export const whenOfText = (text: string): When => {
  const [date = '', time = ''] = text.trim().split(/\s+/)
  return { date, time: time.slice(0, 5) }
}

/**
 * An event being edited, as a whole draft: the words, times and capacity the operator may change, and the store,
 * tiers, points and guests as they stay (shown, not sent: `event.update` keeps what was promised).
 */
export const draftOfRow = (row: EventRow): EventDraft => ({
  ...editDraftOf(row),
  storeId: row.store?.id ?? '',
  tiers: row.tiers,
  pointsText: String(row.attendancePoints),
  guestsText: String(row.maxGuests),
})
