/**
 * Input schemas, checked once at the edge of every cloud function (and reused by forms for instant
 * feedback). Unknown fields are dropped, never trusted: identity comes from the cloud context only.
 */
import * as v from 'valibot'
import { MOBILE_PATTERN, REFERRAL_STATUSES } from '../domain/member'
import { CALLBACK_OUTCOMES } from '../domain/staff'
import { birthdaySchema, boundedArray, int, PLAIN_TEXT, plainText, PROFILE_TEXT, SIZE_TEXT } from './fields'
// The shopper's join form and the shared field rules live in their own modules so the main package carries
// only them, not every staff and operator schema (weapp main package budget: 500 KB).
export { check, int, PLAIN_TEXT, PROFILE_TEXT, SIZE_TEXT } from './fields'
export { JoinSchema, type JoinInput } from './joinSchema'
import { MAX_EXPORT_DAYS, businessDaysIncluded, isBusinessDate } from '../domain/exports'
import { customerSearchProblem, SEARCH_DIGITS_MESSAGE } from '../domain/customerSearch'
import { holdsMobile } from '../domain/phones'

/** What staff scan or type: the member number, spaces allowed. */
const memberCode = v.pipe(
  v.string('请扫描或输入会员码'),
  v.transform((s) => s.replace(/\s+/g, '')),
  v.regex(/^\d{11}$/, '会员码应为 11 位数字'),
)

export const LookupMemberSchema = v.object({ code: memberCode })
export type LookupMemberInput = v.InferInput<typeof LookupMemberSchema>

/**
 * The dynamic member code on the member's phone (src/domain/memberCode.ts): 18 digits, spaces allowed. What
 * moves points or money at the till needs it; the member number alone does not prove the member is there.
 */
const dynamicCode = v.pipe(
  v.string('请扫描顾客会员卡上的动态会员码'),
  v.transform((s) => s.replace(/\s+/g, '')),
  v.regex(/^\d{18}$/, '请扫描顾客会员卡上的动态会员码（18 位）'),
)

/** What a till scans or types to find a member: the dynamic code (18 digits) or the member number (11). */
const tillMemberCode = v.pipe(
  v.string('请扫描或输入会员码'),
  v.transform((s) => s.replace(/\s+/g, '')),
  v.regex(/^(\d{11}|\d{18})$/, '会员码应为 18 位动态码或 11 位会员号'),
)

export const ScanMemberSchema = v.object({ code: tillMemberCode })
export type ScanMemberInput = v.InferInput<typeof ScanMemberSchema>

/** ¥100,000 is far above any single till purchase; larger amounts are typos. */
export const MAX_PURCHASE_FEN = 10_000_000

/**
 * A client-generated idempotency key: made when the shop assistant or operator starts an action and kept
 * until the server answers, so a retry after a timeout carries the same key.
 */
export const requestId = v.pipe(v.string('缺少请求编号'), v.regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号无效'))

const orderNo = v.pipe(v.string('请填写订单号'), v.trim(), v.regex(/^[A-Za-z0-9_-]{1,32}$/, '订单号应为 1–32 位字母、数字、- 或 _'))

const amountFen = (label: string) =>
  v.pipe(
    v.number(`${label}必须是数字`),
    v.integer(`${label}必须是整数（分）`),
    v.minValue(1, `${label}必须大于 0`),
    v.maxValue(MAX_PURCHASE_FEN, `${label}超过单笔上限 ¥100,000`),
  )

/** Larger point movements than this are typos, not gifts. */
export const MAX_POINTS_PER_CHANGE = 1_000_000

const cursor = v.optional(v.nullable(v.pipe(v.string(), v.maxLength(200))))

export const PointsHistorySchema = v.object({ cursor })
export type PointsHistoryInput = v.InferInput<typeof PointsHistorySchema>

export const LookupOrderSchema = v.object({ orderNo })
export type LookupOrderInput = v.InferInput<typeof LookupOrderSchema>

export const RecordRefundSchema = v.object({ orderNo, amountFen: amountFen('退款金额'), requestId })
export type RecordRefundInput = v.InferInput<typeof RecordRefundSchema>

export const RedeemPointsSchema = v.object({
  memberCode: dynamicCode,
  points: int('兑换积分', 1, MAX_POINTS_PER_CHANGE),
  reason: plainText('兑换内容', 40),
  requestId,
})
export type RedeemPointsInput = v.InferInput<typeof RedeemPointsSchema>

/**
 * What staff and operators write about a member (a reason, a note) holds no phone number: the member's own is on
 * record (and shown to them masked), a family member's is not the store's to keep.
 */
const withoutMobile = (label: string) => v.check((s: string) => !holdsMobile(s), `${label}中请勿填写手机号（顾客手机号已在会员档案中）`)

export const AdjustPointsSchema = v.object({
  memberCode,
  points: v.pipe(
    int('调整积分', -MAX_POINTS_PER_CHANGE, MAX_POINTS_PER_CHANGE),
    v.check((n) => n !== 0, '调整积分不能为 0'),
  ),
  reason: v.pipe(plainText('调整原因', 100), v.minLength(4, '请写明调整原因（至少 4 个字）'), withoutMobile('调整原因')),
  requestId,
})
export type AdjustPointsInput = v.InferInput<typeof AdjustPointsSchema>

export const MemberLedgerSchema = v.object({ code: memberCode, cursor })
export type MemberLedgerInput = v.InferInput<typeof MemberLedgerSchema>

/** What the till scans or types from a coupon: 12 digits, spaces allowed. */
const couponCode = v.pipe(
  v.string('请扫描或输入券码'),
  v.transform((s) => s.replace(/\s+/g, '')),
  v.regex(/^\d{12}$/, '券码应为 12 位数字'),
)

export const RecordPurchaseSchema = v.pipe(
  v.object({
    /** The dynamic code; the member number only with that member's coupon (checked by the server). */
    memberCode: tillMemberCode,
    amountFen: amountFen('金额'),
    orderNo,
    couponCode: v.optional(couponCode),
    /** The order's gross margin, when the till knows it. */
    marginFen: v.optional(v.pipe(v.number('毛利必须是数字'), v.integer('毛利必须是整数（分）'), v.minValue(0, '毛利不能为负'))),
  }),
  v.forward(
    v.check((p) => p.marginFen === undefined || p.marginFen <= p.amountFen, '毛利不能超过金额'),
    ['marginFen'],
  ),
  v.forward(
    v.check((p) => p.memberCode.length === 18 || p.couponCode !== undefined, '请扫描顾客会员卡上的动态会员码（18 位）'),
    ['memberCode'],
  ),
)
export type RecordPurchaseInput = v.InferInput<typeof RecordPurchaseSchema>

export const LookupCouponSchema = v.object({ code: couponCode, amountFen: v.optional(amountFen('金额')) })
export type LookupCouponInput = v.InferInput<typeof LookupCouponSchema>

export const RedeemGiftCouponSchema = v.object({ code: couponCode, requestId })
export type RedeemGiftCouponInput = v.InferInput<typeof RedeemGiftCouponSchema>

export const UndoCouponUseSchema = v.object({ code: couponCode })
export type UndoCouponUseInput = v.InferInput<typeof UndoCouponUseSchema>

/** Ids made of a prefix and a client request id (up to 64 characters) fit too. */
const catalogId = v.pipe(v.string('缺少编号'), v.regex(/^[A-Za-z0-9_-]{1,80}$/, '编号无效'))

export const ExchangeSchema = v.object({ itemId: catalogId, requestId })
export type ExchangeInput = v.InferInput<typeof ExchangeSchema>

export const ClaimCampaignSchema = v.object({ campaignId: catalogId })
export type ClaimCampaignInput = v.InferInput<typeof ClaimCampaignSchema>

export const RecordSubscriptionSchema = v.object({
  template: v.picklist(['birthdayCoupon', 'eventReminder', 'waitlistPromoted'], '未知的订阅消息'),
  accepted: v.boolean('请说明是否同意'),
})
export type RecordSubscriptionInput = v.InferInput<typeof RecordSubscriptionSchema>

export const CorrectBirthdaySchema = v.object({
  memberCode,
  birthday: birthdaySchema,
  reason: v.pipe(plainText('修改原因', 100), v.minLength(4, '请写明修改原因（至少 4 个字）'), withoutMobile('修改原因')),
})
export type CorrectBirthdayInput = v.InferInput<typeof CorrectBirthdaySchema>

/** Whether an ISO timestamp names a day the calendar has: valibot's isoTimestamp takes "2026-02-30T10:00:00Z". */
const onTheCalendar = (text: string): boolean => {
  const [y, m, d] = text.slice(0, 10).split('-').map(Number)
  const day = new Date(0)
  day.setUTCFullYear(y, m - 1, d) // not Date.UTC, which reads years 0–99 as 1900–1999
  return day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d
}

/** An ISO timestamp that Date can read too (valibot's isoTimestamp also takes "+08", which Date.parse cannot). */
const readableTimestamp = (text: string): boolean => v.ISO_TIMESTAMP_REGEX.test(text) && Number.isFinite(Date.parse(text))

/**
 * An instant as clients send it (ISO 8601 with an offset). Each check passes what an earlier one refused, so a
 * bad value gets one message: the format, the calendar (no 30 February), then a range any program date falls in.
 */
export const instant = (label: string) =>
  v.pipe(
    v.string(`请填写${label}`),
    v.check(readableTimestamp, `${label}格式无效`),
    v.check((s) => !readableTimestamp(s) || onTheCalendar(s), `${label}不存在（请检查月份和日期）`),
    v.check((s) => !readableTimestamp(s) || !onTheCalendar(s) || (s >= '2000' && s < '2100'), `${label}应在 2000–2099 年之间`),
  )

/** Tiers to pick, each at most once in practice: three at most. */
const tierList = boundedArray(v.picklist(['member', 'vip', 'gold']), 3, '等级最多 3 个', '等级格式不对')

export const CreateCampaignSchema = v.object({
  title: plainText('活动名称', 30),
  templateId: catalogId,
  mode: v.picklist(['claim', 'issue'], '请选择领取方式'),
  audience: v.variant(
    'kind',
    [
      v.object({ kind: v.literal('all') }),
      v.object({ kind: v.literal('tiers'), tiers: v.pipe(tierList, v.minLength(1, '至少选择一个等级')) }),
      v.object({ kind: v.literal('store'), storeId: catalogId }),
      v.object({
        kind: v.literal('list'),
        memberCodes: v.pipe(boundedArray(memberCode, 1000, '名单最多 1,000 人', '名单格式不对'), v.minLength(1, '名单为空')),
      }),
      /** Customer classes as the last nightly computation put them. */
      v.object({
        kind: v.literal('classes'),
        classes: v.pipe(
          boundedArray(v.picklist(['A', 'B', 'C', 'D']), 4, '客户类别最多 4 个', '客户类别格式不对'),
          v.minLength(1, '至少选择一个客户类别'),
        ),
      }),
      /** The top of 忠实户 / 主力户 / 大户 at the moment the campaign is created. */
      v.object({ kind: v.literal('top'), list: v.picklist(['loyal', 'main', 'big'], '请选择名单'), count: int('人数', 1, 1000) }),
    ],
    '请选择发放对象',
  ),
  opensAt: instant('开始时间'),
  vipEarlyDays: int('VIP提前天数', 0, 30),
  endsAt: instant('结束时间'),
  requestId,
})
export type CreateCampaignInput = v.InferInput<typeof CreateCampaignSchema>

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
  coverUrl: v.union([
    v.literal(''),
    v.pipe(v.string(), v.url('封面图片地址无效'), v.startsWith('https://', '封面图片须为 https 地址'), v.maxLength(500)),
  ]),
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

export const ReferralsSchema = v.object({ status: v.optional(v.picklist(REFERRAL_STATUSES)) })
export type ReferralsInput = v.InferInput<typeof ReferralsSchema>

export const ReviewReferralSchema = v.object({ inviteeCode: memberCode, decision: v.picklist(['approve', 'reject'], '请选择通过或驳回') })
export type ReviewReferralInput = v.InferInput<typeof ReviewReferralSchema>

/** Staff's words about a member, optional: plain text without a phone number (withoutMobile). */
const optionalNote = (label: string, max: number) =>
  v.optional(
    v.pipe(
      v.string(`${label}必须是文字`),
      v.trim(),
      v.maxLength(max, `${label}最多 ${max} 个字`),
      v.regex(PLAIN_TEXT, `${label}含有不可见字符`),
      withoutMobile(label),
    ),
  )

/** A name's start, the phone's last 4 digits, or both; never more digits (src/domain/customerSearch.ts says why). */
export const customerSearch = v.optional(
  v.pipe(
    v.string('搜索必须是文字'),
    v.trim(),
    v.maxLength(20, '搜索最多 20 个字'),
    v.regex(PLAIN_TEXT, '搜索含有不可见字符'),
    v.check(
      (s) => customerSearchProblem(s) === null,
      (issue) => customerSearchProblem(String(issue.input)) ?? SEARCH_DIGITS_MESSAGE,
    ),
  ),
)

export const CustomersSchema = v.object({
  search: customerSearch,
  offset: v.optional(int('分页', 0, 100_000), 0),
})
export type CustomersInput = v.InferInput<typeof CustomersSchema>

const businessDateText = (label: string) =>
  v.pipe(
    v.string(`请选择${label}`),
    v.regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`),
    v.check((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s) || isBusinessDate(s), `${label}不存在（请检查月份和日期）`),
  )

export const LogCallbackSchema = v.object({
  memberCode,
  outcome: v.picklist(CALLBACK_OUTCOMES, '请选择回访结果'),
  note: v.optional(optionalNote('回访记录', 200), ''),
  /** The next callback's business date; omitted: the program's monthly rhythm. */
  nextDate: v.optional(businessDateText('下次回访日期')),
  requestId,
})
export type LogCallbackInput = v.InferInput<typeof LogCallbackSchema>

const tagList = (label: string) =>
  v.optional(
    boundedArray(
      v.pipe(
        v.string(`${label}必须是文字`),
        v.trim(),
        v.minLength(1, `${label}不能为空`),
        v.maxLength(10, `${label}每项最多 10 个字`),
        v.regex(PROFILE_TEXT, `${label}不能含表情或特殊字符`),
      ),
      10,
      `${label}最多 10 项`,
      `${label}格式不对`,
    ),
  )

/** A size, or empty (cleared): letters, digits and a few marks ("L/170", "38.5", "均码"). */
const sizeText = (label: string) =>
  v.pipe(
    v.string(`${label}必须是文字`),
    v.trim(),
    v.maxLength(10, `${label}最多 10 个字`),
    v.regex(SIZE_TEXT, `${label}只能填写字母、数字或汉字，如 M、L/170、38.5、均码`),
  )

const profileText = (label: string, max: number, min = 0) =>
  v.pipe(
    v.string(`${label}必须是文字`),
    v.trim(),
    v.minLength(min, min > 0 ? `请填写${label}` : `${label}格式不对`),
    v.maxLength(max, `${label}最多 ${max} 个字`),
    v.regex(PROFILE_TEXT, `${label}不能含表情或特殊字符`),
  )

/** Children's sizes, one row per child (for children's-wear brands). */
const childrenSizes = boundedArray(
  v.object(
    { name: profileText('孩子称呼', 10, 1), size: v.pipe(sizeText('童装尺码'), v.minLength(1, '请填写童装尺码')) },
    '孩子的尺码格式不对',
  ),
  5,
  '最多 5 个孩子',
  '孩子的尺码格式不对',
)

/**
 * The fields of the customer card that a member and the store's staff both keep (one set, see
 * cloudfunctions/member/profile.ts): the same checks whoever types them.
 */
const sharedProfileFields = {
  clothingSize: v.optional(sizeText('服装尺码')),
  shoeSize: v.optional(sizeText('鞋码')),
  children: v.optional(childrenSizes),
  colours: tagList('喜欢的颜色'),
  styles: tagList('喜欢的风格'),
}

export const CustomerProfileSchema = v.object({
  ...sharedProfileFields,
  notes: optionalNote('备注', 500),
})

export const CustomerCardSchema = v.object({ memberCode, profile: CustomerProfileSchema })
export type CustomerCardInput = v.InferInput<typeof CustomerCardSchema>

export const ReassignSchema = v.object({
  memberCode,
  staffId: v.pipe(v.string('请选择导购'), v.regex(/^[A-Za-z0-9_-]{1,12}$/, '导购编号无效')),
})
export type ReassignInput = v.InferInput<typeof ReassignSchema>

/** A store manager resumes a till the brake on guessing paused (src/domain/codeGuard.ts). */
export const ResumeTillSchema = v.object({ staffId: v.pipe(v.string('请选择导购'), v.regex(/^[A-Za-z0-9_-]{1,12}$/, '导购编号无效')) })
export type ResumeTillInput = v.InferInput<typeof ResumeTillSchema>

export const CallbackStatsSchema = v.object({
  month: v.optional(
    v.pipe(
      v.string('月份格式应为 YYYY-MM'),
      v.regex(/^\d{4}-\d{2}$/, '月份格式应为 YYYY-MM'),
      v.check((s) => !/^\d{4}-\d{2}$/.test(s) || (Number(s.slice(5)) >= 1 && Number(s.slice(5)) <= 12), '月份不存在'),
    ),
  ),
})
export type CallbackStatsInput = v.InferInput<typeof CallbackStatsSchema>

export const EmptySchema = v.object({})

/** A business date for an export range: the format, then the calendar (no 30 February). */
const exportDate = (label: string) =>
  v.pipe(
    v.string(`请选择${label}`),
    v.regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`),
    v.check(isBusinessDate, `${label}不存在`),
  )

/** A ledger export: business days (Asia/Shanghai), both included, at most a year. */
export const LedgerExportSchema = v.pipe(
  v.object({ from: exportDate('开始日期'), to: exportDate('结束日期') }),
  v.forward(
    v.check((r) => r.from <= r.to, '结束日期不能早于开始日期'),
    ['to'],
  ),
  v.forward(
    v.check((r) => r.from > r.to || businessDaysIncluded(r.from, r.to) <= MAX_EXPORT_DAYS, `一次最多导出 ${MAX_EXPORT_DAYS} 天`),
    ['to'],
  ),
)
export type LedgerExportInput = v.InferInput<typeof LedgerExportSchema>

/** A delivery address: whom to, their phone, and where. All three, or none (null clears it). */
const deliveryAddressSchema = v.nullable(
  v.object(
    {
      recipient: profileText('收件人', 20, 1),
      phone: v.pipe(v.string('请填写收件人手机号'), v.trim(), v.regex(MOBILE_PATTERN, '请填写 11 位手机号')),
      address: profileText('收货地址', 120, 5),
    },
    '收货地址格式不对',
  ),
)

/** The kinds of messages a member wants (the subscribe consents themselves are WeChat's, asked per message). */
const messageKindsSchema = v.object(
  {
    newArrivals: v.boolean('请选择是否接收新品通知'),
    events: v.boolean('请选择是否接收活动通知'),
    birthday: v.boolean('请选择是否接收生日祝福'),
    pointsExpiry: v.boolean('请选择是否接收积分到期提醒'),
  },
  '消息偏好格式不对',
)

/**
 * The member's own edit of their profile: what is sent is replaced, what is not sent stays. The name is
 * required whenever sent; the birthday only as it already stands (set once at join; staff correct it).
 */
export const UpdateProfileSchema = v.object({
  name: v.optional(profileText('姓名', 20, 1)),
  birthday: v.optional(birthdaySchema),
  ...sharedProfileFields,
  deliveryAddress: v.optional(deliveryAddressSchema),
  messages: v.optional(messageKindsSchema),
})
export type UpdateProfileInput = v.InferInput<typeof UpdateProfileSchema>

export const ChangeStoreSchema = v.object({ storeId: v.pipe(v.string('请选择门店'), v.regex(/^[A-Za-z0-9_-]{1,40}$/, '门店编号无效')) })
export type ChangeStoreInput = v.InferInput<typeof ChangeStoreSchema>
