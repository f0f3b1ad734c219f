/** Inputs of the `event` function: RSVPs, the door, and the operators' event editor. */
import * as v from 'valibot'
import { EVENT_PHASES, RSVP_STATUSES } from '../domain/events'
import { imageFileIdPattern } from '../domain/images'
import { titleSearch } from './catalogAdminSchemas'
import { int, PLAIN_TEXT, plainText } from './fields'
import { listInput } from './lists'
import { catalogId, instant, requestId, tierList } from './sharedSchemas'

const eventId = v.pipe(v.string('缺少活动编号'), v.regex(/^[A-Za-z0-9_-]{1,80}$/, '活动编号无效'))

export const EventIdSchema = v.object({ eventId })
export type EventIdInput = v.InferInput<typeof EventIdSchema>

export const RsvpSchema = v.object({ eventId, guests: v.optional(int('同行人数', 0, 5), 0) })
export type RsvpInput = v.InferInput<typeof RsvpSchema>

export const CheckInSchema = v.object({
  ticketCode: v.pipe(
    v.string('请扫描或输入票码'),
    v.transform((s) => s.replace(/\s+/g, '')),
    v.regex(/^\d{10}$/, '票码应为 10 位数字'),
  ),
})
export type CheckInInput = v.InferInput<typeof CheckInSchema>

const eventWords = {
  title: plainText('活动名称', 30),
  description: v.pipe(v.string(), v.trim(), v.maxLength(500, '活动介绍最多 500 字'), v.regex(PLAIN_TEXT, '活动介绍含有不可见字符')),
  // An uploaded picture's fileID (services/imageUpload), never a link: the function checks it exists and links it.
  cover: v.union([v.literal(''), v.pipe(v.string(), v.maxLength(300), v.regex(imageFileIdPattern('events'), '封面图片无效，请重新上传'))]),
  startsAt: instant('开始时间'),
  endsAt: instant('结束时间'),
  capacity: int('名额', 1, 10_000),
  rsvpDeadline: instant('报名截止时间'),
  cancelDeadline: instant('取消截止时间'),
}

/** The order of an event's times, for creating and editing alike. */
type EventTimes = { startsAt: string; endsAt: string; rsvpDeadline: string; cancelDeadline: string }
const eventTimesInOrder = <T extends EventTimes>() =>
  [
    v.forward<T, v.CheckIssue<T>, readonly ['endsAt']>(
      v.check((e: T) => Date.parse(e.startsAt) < Date.parse(e.endsAt), '结束时间应晚于开始时间'),
      ['endsAt'] as never,
    ),
    v.forward<T, v.CheckIssue<T>, readonly ['rsvpDeadline']>(
      v.check((e: T) => Date.parse(e.rsvpDeadline) <= Date.parse(e.startsAt), '报名截止应不晚于活动开始'),
      ['rsvpDeadline'] as never,
    ),
    v.forward<T, v.CheckIssue<T>, readonly ['cancelDeadline']>(
      v.check((e: T) => Date.parse(e.cancelDeadline) <= Date.parse(e.startsAt), '取消截止应不晚于活动开始'),
      ['cancelDeadline'] as never,
    ),
  ] as const

const createEventObject = v.object({
  ...eventWords,
  storeId: catalogId,
  tiers: v.pipe(tierList, v.minLength(1, '至少选择一个等级')),
  attendancePoints: int('签到积分', 0, 10_000),
  maxGuests: int('可带同伴人数', 0, 5),
  requestId,
})
export const CreateEventSchema = v.pipe(createEventObject, ...eventTimesInOrder<v.InferOutput<typeof createEventObject>>())
export type CreateEventInput = v.InferInput<typeof CreateEventSchema>

/** An operator's edit of an event: its words, times and capacity; store, tiers and points stay as promised. */
const updateEventObject = v.object({ eventId, ...eventWords })
export const UpdateEventSchema = v.pipe(updateEventObject, ...eventTimesInOrder<v.InferOutput<typeof updateEventObject>>())
export type UpdateEventInput = v.InferInput<typeof UpdateEventSchema>

/** The operators' table of every event: by phase (as of now), store and title; by start (default) or creation. */
export const EVENT_SORTS = ['startsAt', 'createdAt'] as const
export const ListEventsSchema = listInput(
  v.object({
    phase: v.optional(v.picklist(EVENT_PHASES, '请选择活动状态')),
    storeId: v.optional(catalogId),
    search: titleSearch,
  }),
  EVENT_SORTS,
)
export type ListEventsInput = v.InferInput<typeof ListEventsSchema>

/** One event's RSVPs for operators: by status and check-in; in RSVP order (default) or by check-in time. */
export const EVENT_GUEST_SORTS = ['createdAt', 'checkedInAt'] as const
export const EventGuestsSchema = v.object({
  eventId,
  ...listInput(
    v.object({
      status: v.optional(v.picklist(RSVP_STATUSES, '请选择报名状态')),
      checkedIn: v.optional(v.boolean('请选择是否已签到')),
    }),
    EVENT_GUEST_SORTS,
  ).entries,
})
export type EventGuestsInput = v.InferInput<typeof EventGuestsSchema>
