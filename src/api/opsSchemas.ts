/** Inputs of the operators' campaign management and dashboard. */
import * as v from 'valibot'
import { customerSearch, instant, int, PLAIN_TEXT } from './schemas'

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

export const DashboardSchema = v.object({ days: v.optional(int('天数', 7, 180), 30) })
export type DashboardInput = v.InferInput<typeof DashboardSchema>

const storeId = v.optional(v.pipe(v.string('门店编号无效'), v.regex(/^[A-Za-z0-9_-]{1,80}$/, '门店编号无效')))

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
