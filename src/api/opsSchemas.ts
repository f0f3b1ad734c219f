/** Inputs of the `ops` function: members and points, campaigns, referrals, the dashboard, customers, store codes. */
import * as v from 'valibot'
import { REFERRAL_STATUSES } from '../domain/member'
import { boundedArray, int, PLAIN_TEXT, plainText } from './fields'
import {
  businessDate,
  catalogId,
  cursor,
  customerSearch,
  instant,
  MAX_POINTS_PER_CHANGE,
  memberCode,
  requestId,
  tierList,
  withoutMobile,
} from './sharedSchemas'

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

/** Who a campaign is for: what the form offers (a top list becomes members when the campaign is created). */
const audienceChoice = v.variant(
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
)

export const CreateCampaignSchema = v.object({
  title: plainText('活动名称', 30),
  templateId: catalogId,
  mode: v.picklist(['claim', 'issue'], '请选择领取方式'),
  audience: audienceChoice,
  opensAt: instant('开始时间'),
  vipEarlyDays: int('VIP提前天数', 0, 30),
  endsAt: instant('结束时间'),
  requestId,
})
export type CreateCampaignInput = v.InferInput<typeof CreateCampaignSchema>

export const ReferralsSchema = v.object({ status: v.optional(v.picklist(REFERRAL_STATUSES)) })
export type ReferralsInput = v.InferInput<typeof ReferralsSchema>

export const ReviewReferralSchema = v.object({ inviteeCode: memberCode, decision: v.picklist(['approve', 'reject'], '请选择通过或驳回') })
export type ReviewReferralInput = v.InferInput<typeof ReviewReferralSchema>

const campaignId = v.pipe(v.string('缺少活动编号'), v.regex(/^[A-Za-z0-9_-]{1,80}$/, '活动编号无效'))

export const CampaignIdSchema = v.object({ campaignId })
export type CampaignIdInput = v.InferInput<typeof CampaignIdSchema>

export const UpdateCampaignSchema = v.object({
  campaignId,
  title: v.pipe(
    v.string('活动名称必须是文字'),
    v.trim(),
    v.minLength(1, '请填写活动名称'),
    v.maxLength(30, '活动名称最多 30 个字'),
    v.regex(PLAIN_TEXT, '活动名称含有不可见字符'),
  ),
  endsAt: instant('结束时间'),
})
export type UpdateCampaignInput = v.InferInput<typeof UpdateCampaignSchema>

/** How many members an audience reaches now: the campaign form's preview before saving. */
export const AudienceSizeSchema = v.object({ audience: audienceChoice })
export type AudienceSizeInput = v.InferInput<typeof AudienceSizeSchema>

/** Coupons out and members reached, for the campaigns a desk page shows. */
export const CampaignFiguresSchema = v.object({
  campaignIds: boundedArray(campaignId, 100, '一次最多 100 个活动', '活动编号无效'),
})
export type CampaignFiguresInput = v.InferInput<typeof CampaignFiguresSchema>

/** A business month, "2026-12". */
export const MessageFiguresSchema = v.object({
  month: v.pipe(v.string('请选择月份'), v.regex(/^20\d\d-(0[1-9]|1[0-2])$/, '月份格式应为 2026-12')),
})
export type MessageFiguresInput = v.InferInput<typeof MessageFiguresSchema>

const storeId = v.optional(v.pipe(v.string('门店编号无效'), v.regex(/^[A-Za-z0-9_-]{1,80}$/, '门店编号无效')))

/**
 * The `days` business days up to `to` (a business date, today when absent; never after today, checked by the action
 * that knows today); `storeId` narrows new members and sales to one store.
 */
export const DashboardSchema = v.object({
  days: v.optional(int('天数', 1, 180), 30),
  to: v.optional(businessDate('截止日期')),
  storeId,
})
export type DashboardInput = v.InferInput<typeof DashboardSchema>

/** Operators see every store's customers, or one store's. */
export const OpsCustomersSchema = v.object({
  storeId,
  search: customerSearch,
  offset: v.optional(int('分页', 0, 100_000), 0),
})
export type OpsCustomersInput = v.InferInput<typeof OpsCustomersSchema>

export const OpsTodaySchema = v.object({ storeId })
export type OpsTodayInput = v.InferInput<typeof OpsTodaySchema>

/** Ids as the store QR's scene carries them (src/domain/scene.ts: 1–12 of A–Z a–z 0–9 _ -). */
const sceneId = (what: string) => v.pipe(v.string(`${what}无效`), v.regex(/^[A-Za-z0-9_-]{1,12}$/, `${what}无效`))

/** The printed store QR: one store's code, or one of its assistants' (who then looks after those who join). */
export const StoreCodeSchema = v.object({ storeId: sceneId('门店编号'), assistantId: v.optional(v.nullable(sceneId('导购编号')), null) })
export type StoreCodeInput = v.InferInput<typeof StoreCodeSchema>
