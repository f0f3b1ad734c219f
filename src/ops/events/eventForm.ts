/**
 * The operator's new-event form, apart from Taro: what, where, when, for whom and how many, the RSVP and
 * cancellation deadlines, the attendance points and the guests a member may bring — checked with the
 * server's own schema, each message at its row. Times are business time (Shanghai), picked as date + time.
 */
import type { EventView } from '../../api/contract'
import { CreateEventSchema, UpdateEventSchema, type CreateEventInput, type UpdateEventInput } from '../../api/eventSchemas'
import { check } from '../../api/fields'
import type { TierId } from '../../domain/program'
import { businessTime, isBefore, type Instant } from '../../domain/time'
import { errorsByRow, refusalByRow, type RowErrors } from '../../services/formErrors'
import { DATE_FORMATS } from '../../wording/dates'

/** An uploaded cover: its fileID for the server, and what to show meanwhile (the phone's copy, or the server's link). */
export interface CoverDraft {
  fileID: string
  src: string
}

export const NO_COVER: CoverDraft = { fileID: '', src: '' }

/** A moment as the pickers hold it: "2026-12-05" and "14:00", business time. */
export interface When {
  date: string
  time: string
}

export interface EventDraft {
  title: string
  description: string
  cover: CoverDraft
  storeId: string
  starts: When
  ends: When
  capacityText: string
  tiers: TierId[]
  rsvpDeadline: When
  cancelDeadline: When
  pointsText: string
  guestsText: string
}

export type EventRow =
  | 'title'
  | 'description'
  | 'cover'
  | 'storeId'
  | 'startsAt'
  | 'endsAt'
  | 'capacity'
  | 'tiers'
  | 'rsvpDeadline'
  | 'cancelDeadline'
  | 'attendancePoints'
  | 'maxGuests'
export type EventErrors = RowErrors<EventRow>
export type EventInput = Omit<CreateEventInput, 'requestId'>

const when = (t: ReturnType<typeof businessTime>, time: string): When => ({ date: t.format(DATE_FORMATS.pickerDate), time })

/** A new event: a week from today, 14:00–17:00; RSVPs close the evening before, cancellations at noon. */
export const newEventDraft = (now: Instant): EventDraft => {
  const day = businessTime(now).add(7, 'day')
  const dayBefore = day.subtract(1, 'day')
  return {
    title: '',
    description: '',
    cover: NO_COVER,
    storeId: '',
    starts: when(day, '14:00'),
    ends: when(day, '17:00'),
    capacityText: '30',
    tiers: ['member', 'vip', 'gold'],
    rsvpDeadline: when(dayBefore, '18:00'),
    cancelDeadline: when(dayBefore, '12:00'),
    pointsText: '50',
    guestsText: '0',
  }
}

/** "2026-12-05" + "14:00" in Shanghai → the instant; '' for a cleared picker (the desk's can be), which the schema refuses at its row. */
export const instantOf = ({ date, time }: When): Instant => {
  const at = new Date(`${date}T${time}:00+08:00`)
  return Number.isNaN(at.getTime()) ? '' : at.toISOString()
}

// Each schema path is the row of the same name: the form's rows are the event's fields.
const ROW_OF_FIELD: Record<string, EventRow> = Object.fromEntries(
  (
    [
      'title',
      'description',
      'cover',
      'storeId',
      'startsAt',
      'endsAt',
      'capacity',
      'tiers',
      'rsvpDeadline',
      'cancelDeadline',
      'attendancePoints',
      'maxGuests',
    ] as const
  ).map((row) => [row, row]),
)

// The request id is the page's business, not the operator's: the form is checked with a stand-in, so the
// server's own schema (its rules across fields too: ends after it starts, deadlines not after the start)
// judges everything else.
const STAND_IN_REQUEST_ID = 'form-check'

/** A whole number typed into a row, or why not: empty is asked for, anything else left to the schema. */
const wholeNumber = (text: string): number | undefined => {
  const trimmed = text.trim()
  if (trimmed === '') return undefined
  return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN
}

const NUMBER_ROWS = [
  ['capacity', 'capacityText', '名额'],
  ['attendancePoints', 'pointsText', '签到积分'],
  ['maxGuests', 'guestsText', '可带同伴人数'],
] as const

export const checkEvent = (draft: EventDraft, now: Instant): { ok: true; input: EventInput } | { ok: false; errors: EventErrors } => {
  const startsAt = instantOf(draft.starts)
  const rsvpDeadline = instantOf(draft.rsvpDeadline)
  const numbers = Object.fromEntries(NUMBER_ROWS.map(([row, key]) => [row, wholeNumber(draft[key])]))
  const parsed = check(CreateEventSchema, {
    title: draft.title,
    description: draft.description,
    cover: draft.cover.fileID,
    storeId: draft.storeId.trim(),
    startsAt,
    endsAt: instantOf(draft.ends),
    tiers: draft.tiers,
    rsvpDeadline,
    cancelDeadline: instantOf(draft.cancelDeadline),
    ...numbers,
    requestId: STAND_IN_REQUEST_ID,
  })
  const errors: EventErrors = parsed.ok ? {} : errorsByRow(ROW_OF_FIELD, parsed.fields)
  for (const [row, , label] of NUMBER_ROWS) {
    if (numbers[row] === undefined) errors[row] = `请填写${label}`
    else if (Number.isNaN(numbers[row])) errors[row] = `${label}应为整数`
  }
  if (draft.storeId.trim() === '') errors.storeId = '请填写门店编号'
  // An event in the past, or one nobody can RSVP for any more, is a typo in a date.
  if (!errors.startsAt && !isBefore(now, startsAt)) errors.startsAt = '开始时间应晚于现在'
  if (!errors.rsvpDeadline && !isBefore(now, rsvpDeadline)) errors.rsvpDeadline = '报名截止应晚于现在'
  if (!parsed.ok || Object.keys(errors).length > 0) return { ok: false, errors }
  const { requestId: _standIn, ...input } = parsed.value
  return { ok: true, input }
}

/** A refused event, by row: the server's field errors (an unknown store) at their rows, anything else at the form. */
export const eventErrorsFrom = (error: unknown, fallbackMessage: string): EventErrors => refusalByRow(error, fallbackMessage, ROW_OF_FIELD)

/** Editing an event already announced: its words, times and capacity (store, tiers and points stay as promised). */
export interface EventEditDraft {
  title: string
  description: string
  cover: CoverDraft
  starts: When
  ends: When
  capacityText: string
  rsvpDeadline: When
  cancelDeadline: When
}

export type EventEditRow = 'title' | 'description' | 'cover' | 'startsAt' | 'endsAt' | 'capacity' | 'rsvpDeadline' | 'cancelDeadline'
export type EventEditErrors = RowErrors<EventEditRow>

const whenOf = (at: Instant): When => {
  const t = businessTime(at)
  return { date: t.format(DATE_FORMATS.pickerDate), time: t.format(DATE_FORMATS.pickerTime) }
}

export const editDraftOf = (
  event: Pick<
    EventView,
    'title' | 'description' | 'cover' | 'coverUrl' | 'startsAt' | 'endsAt' | 'capacity' | 'rsvpDeadline' | 'cancelDeadline'
  >,
): EventEditDraft => ({
  title: event.title,
  description: event.description,
  cover: { fileID: event.cover, src: event.coverUrl },
  starts: whenOf(event.startsAt),
  ends: whenOf(event.endsAt),
  capacityText: String(event.capacity),
  rsvpDeadline: whenOf(event.rsvpDeadline),
  cancelDeadline: whenOf(event.cancelDeadline),
})

const EDIT_ROW_OF_FIELD: Record<string, EventEditRow> = Object.fromEntries(
  (['title', 'description', 'cover', 'startsAt', 'endsAt', 'capacity', 'rsvpDeadline', 'cancelDeadline'] as const).map((row) => [row, row]),
)

/** The edit checked with the server's own schema (its order of times too); capacity against seats taken is the server's. */
export const checkEventEdit = (
  eventId: string,
  draft: EventEditDraft,
): { ok: true; input: UpdateEventInput } | { ok: false; errors: EventEditErrors } => {
  const capacity = wholeNumber(draft.capacityText)
  const parsed = check(UpdateEventSchema, {
    eventId,
    title: draft.title,
    description: draft.description,
    cover: draft.cover.fileID,
    startsAt: instantOf(draft.starts),
    endsAt: instantOf(draft.ends),
    capacity,
    rsvpDeadline: instantOf(draft.rsvpDeadline),
    cancelDeadline: instantOf(draft.cancelDeadline),
  })
  const errors: EventEditErrors = parsed.ok ? {} : errorsByRow(EDIT_ROW_OF_FIELD, parsed.fields)
  if (capacity === undefined) errors.capacity = '请填写名额'
  else if (Number.isNaN(capacity)) errors.capacity = '名额应为整数'
  return parsed.ok && Object.keys(errors).length === 0 ? { ok: true, input: parsed.value } : { ok: false, errors }
}

/** A refused edit, by row: "名额不能少于已确认的 12 人" at the capacity, anything else under the form. */
export const eventEditErrorsFrom = (error: unknown, fallbackMessage: string): EventEditErrors =>
  refusalByRow(error, fallbackMessage, EDIT_ROW_OF_FIELD)
