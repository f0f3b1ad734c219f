/**
 * Field rules more than one function's inputs share: the member number, the request id, instants, tiers, the
 * customer search and the customer-card fields a member and the store's staff both keep.
 */
import * as v from 'valibot'
import { isBusinessDate } from '../domain/exports'
import { customerSearchProblem, SEARCH_DIGITS_MESSAGE } from '../domain/customerSearch'
import { holdsMobile } from '../domain/phones'
import { boundedArray, PLAIN_TEXT, PROFILE_TEXT, SIZE_TEXT } from './fields'

/** What staff scan or type: the member number, spaces allowed. */
export const memberCode = v.pipe(
  v.string('请扫描或输入会员码'),
  v.transform((s) => s.replace(/\s+/g, '')),
  v.regex(/^\d{11}$/, '会员码应为 11 位数字'),
)

export const LookupMemberSchema = v.object({ code: memberCode })
export type LookupMemberInput = v.InferInput<typeof LookupMemberSchema>

/**
 * A client-generated idempotency key: made when the shop assistant or operator starts an action and kept
 * until the server answers, so a retry after a timeout carries the same key.
 */
export const requestId = v.pipe(v.string('缺少请求编号'), v.regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号无效'))

/** Larger point movements than this are typos, not gifts. */
export const MAX_POINTS_PER_CHANGE = 1_000_000

export const cursor = v.optional(v.nullable(v.pipe(v.string(), v.maxLength(200))))

/**
 * What staff and operators write about a member (a reason, a note) holds no phone number: the member's own is on
 * record (and shown to them masked), a family member's is not the store's to keep.
 */
export const withoutMobile = (label: string) =>
  v.check((s: string) => !holdsMobile(s), `${label}中请勿填写手机号（顾客手机号已在会员档案中）`)

/** Ids made of a prefix and a client request id (up to 64 characters) fit too. */
export const catalogId = v.pipe(v.string('缺少编号'), v.regex(/^[A-Za-z0-9_-]{1,80}$/, '编号无效'))

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
export const tierList = boundedArray(v.picklist(['member', 'vip', 'gold']), 3, '等级最多 3 个', '等级格式不对')

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

export const profileText = (label: string, max: number, min = 0) =>
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
export const sharedProfileFields = {
  clothingSize: v.optional(sizeText('服装尺码')),
  shoeSize: v.optional(sizeText('鞋码')),
  children: v.optional(childrenSizes),
  colours: tagList('喜欢的颜色'),
  styles: tagList('喜欢的风格'),
}

export const EmptySchema = v.object({})

/** A business date (Asia/Shanghai), "YYYY-MM-DD", that the calendar has. */
export const businessDate = (label: string) =>
  v.pipe(
    v.string(`请选择${label}`),
    v.regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`),
    v.check(isBusinessDate, `${label}不存在（请检查月份和日期）`),
    v.check((s) => s >= '2000' && s < '2100', `${label}应在 2000–2099 年之间`),
  )
