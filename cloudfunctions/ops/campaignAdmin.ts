/** Managing campaigns after creation: fixing a top list into members, editing the words and end, closing. */
import type { OpsCampaignView } from '../../src/api/contract'
import { CampaignIdSchema, UpdateCampaignSchema } from '../../src/api/opsSchemas'
import { topListLabel, type Audience, type AudienceChoice } from '../../src/domain/audience'
import { AppError, invalidInput } from '../../src/domain/errors'
import { isBefore } from '../../src/domain/time'
import { opsCampaignView } from '../_lib/campaigns'
import type { CampaignDoc } from '../_lib/collections'
import { tx } from '../_lib/data'
import { operatorAction } from '../_lib/runtime'
import { inTransaction } from '../_lib/transaction'
import { topMembers } from './insights'

/** A top list becomes the members on it now, so the audience does not move while coupons go out. */
export const resolveAudience = async (choice: AudienceChoice): Promise<Audience> => {
  if (choice.kind !== 'top') return choice
  const members = await topMembers(choice.list, choice.count)
  if (members.length === 0) throw invalidInput([{ field: 'audience.list', message: '该名单暂无会员' }])
  return { kind: 'list', memberCodes: members.map((m) => m.memberNo), label: topListLabel(choice.list, choice.count) }
}

const change = (campaignId: string, edit: (c: CampaignDoc) => CampaignDoc): Promise<OpsCampaignView> =>
  inTransaction(async (t) => {
    const campaigns = tx(t).campaigns
    const campaign = await campaigns.get(campaignId)
    if (!campaign) throw new AppError('COUPON_NOT_AVAILABLE', '活动不存在')
    const next = edit(campaign)
    await campaigns.put(next)
    return opsCampaignView(next)
  })

/** Title and end date; an end before the opening, or an edit of a closed campaign, is refused. */
export const updateCampaign = operatorAction('marketing', UpdateCampaignSchema, async ({ campaignId, title, endsAt }, ctx) => ({
  campaign: await change(campaignId, (c) => {
    if (c.status === 'closed') throw new AppError('COUPON_NOT_AVAILABLE', '活动已结束，不能再修改')
    const end = new Date(endsAt).toISOString()
    if (!isBefore(c.earlyAccess.opensAt, end)) throw invalidInput([{ field: 'endsAt', message: '结束时间应晚于开始时间' }])
    if (!isBefore(ctx.now, end)) throw invalidInput([{ field: 'endsAt', message: '结束时间应晚于现在；要立即结束请用“结束活动”' }])
    return { ...c, title, endsAt: end }
  }),
}))

/** Stops claims and any issuing still under way; coupons already held stay valid until their own end. */
export const closeCampaign = operatorAction('marketing', CampaignIdSchema, async ({ campaignId }, ctx) => ({
  campaign: await change(campaignId, (c) =>
    c.status === 'closed' ? c : { ...c, status: 'closed', closedAt: ctx.now, closedBy: ctx.operator.operatorId },
  ),
}))
