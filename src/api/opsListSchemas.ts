/**
 * Inputs of the desk's 营销 lists in the `ops` function (src/api/lists.ts shape). Apart from opsSchemas, which the
 * phone's pages load: the phone keeps `ops.campaigns` and `ops.referrals`, and carries none of these.
 */
import * as v from 'valibot'
import { REFERRAL_STATUSES } from '../domain/member'
import { titleSearch } from './catalogAdminSchemas'
import { listInput } from './lists'

/** The desk's campaign table: not ended (true) or ended (false) as of now, a title or coupon title; newest first. */
export const CAMPAIGN_SORTS = ['createdAt', 'opensAt'] as const
export const ListCampaignsSchema = listInput(
  v.object({
    active: v.optional(v.boolean('请选择活动状态')),
    search: titleSearch,
  }),
  CAMPAIGN_SORTS,
)
export type ListCampaignsInput = v.InferInput<typeof ListCampaignsSchema>

/** The desk's referral table: one status (every status when absent), latest joined first. */
export const ListReferralsSchema = listInput(v.object({ status: v.optional(v.picklist(REFERRAL_STATUSES, '请选择邀请状态')) }), [
  'joinedAt',
] as const)
export type ListReferralsInput = v.InferInput<typeof ListReferralsSchema>
