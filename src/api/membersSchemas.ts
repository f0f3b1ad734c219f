/** Inputs of the desk's 会员 pages (`ops` function): the member table, a member's page, and the record corrections. */
import * as v from 'valibot'
import { MEMBER_SORT_KEYS, memberSearchProblem } from '../domain/memberList'
import { birthdaySchema, int, PLAIN_TEXT, plainText } from './fields'
import { listInput, MAX_PAGE_ROWS } from './lists'
import { businessDate, catalogId, MAX_POINTS_PER_CHANGE, memberCode, requestId, withoutMobile } from './sharedSchemas'

/** Store and staff ids as the store QR carries them (src/domain/scene.ts). */
const recordId = (what: string) => v.pipe(v.string(`${what}无效`), v.regex(/^[A-Za-z0-9_-]{1,80}$/, `${what}无效`))

/** A whole member number, or the workbench's customer search (src/domain/memberList.ts parseMemberSearch). */
const memberSearch = v.pipe(
  v.string('搜索必须是文字'),
  v.trim(),
  v.maxLength(20, '搜索最多 20 个字'),
  v.regex(PLAIN_TEXT, '搜索含有不可见字符'),
  v.check(
    (s) => memberSearchProblem(s) === null,
    (issue) => memberSearchProblem(String(issue.input)) ?? '搜索无效',
  ),
)

export const MembersFilterSchema = v.pipe(
  v.object({
    storeId: v.optional(recordId('门店编号')),
    /** The responsible shop assistant's staffId. */
    assistantId: v.optional(recordId('导购编号')),
    /** The tier as of now (a VIP whose year ran out is a member, before the nightly job writes it). */
    tier: v.optional(v.picklist(['member', 'vip', 'gold'], '等级无效')),
    /** The class as of now, from the member's spend and visits and the live rules. */
    customerClass: v.optional(v.picklist(['A', 'B', 'C', 'D'], '客户类别无效')),
    /** Joined on or after this business day. */
    joinedFrom: v.optional(businessDate('入会开始日期')),
    /** Joined on or before this business day. */
    joinedTo: v.optional(businessDate('入会结束日期')),
    /** Win-back: last seen (joined or bought) before this business day. */
    lastVisitBefore: v.optional(businessDate('最近到店日期')),
    birthdayMonth: v.optional(int('生日月份', 1, 12)),
    /**
     * The stored balance (as the points sort reads it): points past their expiry count until the daily upkeep
     * removes them, while the row shows the usable balance.
     */
    pointsAtLeast: v.optional(int('积分下限', 0, MAX_POINTS_PER_CHANGE * 100)),
    search: v.optional(memberSearch),
  }),
  v.forward(
    v.check((f) => !f.joinedFrom || !f.joinedTo || f.joinedFrom <= f.joinedTo, '入会结束日期不能早于开始日期'),
    ['joinedTo'],
  ),
)
export type MembersFilter = v.InferOutput<typeof MembersFilterSchema>

/** The member table: filter, sort (default: newest joined first), cursor, page size. */
export const MembersSchema = listInput(MembersFilterSchema, MEMBER_SORT_KEYS)
export type MembersInput = v.InferInput<typeof MembersSchema>

/** A member's page, by member number. */
export const MemberPageSchema = v.object({ code: memberCode })
export type MemberPageInput = v.InferInput<typeof MemberPageSchema>

const pageLimit = v.optional(int('每页条数', 1, MAX_PAGE_ROWS))
const pageCursor = v.optional(v.nullable(v.pipe(v.string('翻页位置无效'), v.maxLength(400, '翻页位置无效'))))

/** The next pages of a member's purchases or coupons (newest first). */
export const MemberRecordsSchema = v.object({ code: memberCode, cursor: pageCursor, limit: pageLimit })
export type MemberRecordsInput = v.InferInput<typeof MemberRecordsSchema>

const reason = v.pipe(plainText('原因', 100), v.minLength(4, '请写明原因（至少 4 个字）'), withoutMobile('原因'))

/** An operator corrects a member's birthday, with a reason; keyed by the operator's request id. */
export const CorrectMemberBirthdaySchema = v.object({ memberCode, birthday: birthdaySchema, reason, requestId })
export type CorrectMemberBirthdayInput = v.InferInput<typeof CorrectMemberBirthdaySchema>

/** An operator moves a member to another store, and to one of its assistants or none; keyed by request id. */
export const MoveMemberStoreSchema = v.object({
  memberCode,
  storeId: catalogId,
  assistantId: v.optional(v.nullable(recordId('导购编号')), null),
  reason,
  requestId,
})
export type MoveMemberStoreInput = v.InferInput<typeof MoveMemberStoreSchema>
