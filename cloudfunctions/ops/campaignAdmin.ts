/**
 * Managing campaigns: fixing a top list into members, editing the words and end, closing; and the desk's figures —
 * an audience's size before saving, each campaign's coupons out and audience, the month's subscribe messages.
 */
import type { MessageFigures, OpsCampaignView } from '../../src/api/contract'
import {
  AudienceSizeSchema,
  CampaignFiguresSchema,
  CampaignIdSchema,
  MessageFiguresSchema,
  UpdateCampaignSchema,
} from '../../src/api/opsSchemas'
import { SUBSCRIPTION_KINDS } from '../../src/domain/messagePrefs'
import { topListLabel, type Audience, type AudienceChoice } from '../../src/domain/audience'
import { AppError, invalidInput } from '../../src/domain/errors'
import { isBefore } from '../../src/domain/time'
import { opsCampaignView } from '../_lib/campaigns'
import type { CampaignDoc, MessageStatsDoc } from '../_lib/collections'
import { operatorAction } from '../_lib/runtime'
import { inTransaction } from '../_lib/transaction'
import { topListSize, topMembers } from './insights'
import { _ } from '../_lib/cloud'
import { data, tx } from '../_lib/data'

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

/**
 * How many members an audience has now, each kind one count query (the same members issuing walks: a list counts
 * the codes that are members, classes the members the nightly job classed).
 */
const audienceCount = (audience: AudienceChoice): Promise<number> => {
  switch (audience.kind) {
    case 'all':
      return data.members.all().count()
    case 'tiers':
      return data.members.where({ tier: _.in(audience.tiers) }).count()
    case 'store':
      return data.members.where({ storeId: audience.storeId }).count()
    case 'list':
      return data.members.where({ memberNo: _.in([...new Set(audience.memberCodes)]) }).count()
    case 'classes':
      return data.segments.where({ class: _.in(audience.classes) }).count()
    case 'top':
      return topListSize(audience.list, audience.count)
  }
}

export const audienceSize = operatorAction('marketing', AudienceSizeSchema, async ({ audience }) => ({
  members: await audienceCount(audience),
}))

/** Per campaign: coupons held under its keys (`campaign:<id>:<member>`, one `_id` range count) and its audience now. */
export const campaignFigures = operatorAction('marketing', CampaignFiguresSchema, async ({ campaignIds }) => {
  const ids = [...new Set(campaignIds)]
  const found = ids.length
    ? await data.campaigns
        .where({ _id: _.in(ids) })
        .limit(ids.length)
        .get()
    : []
  return {
    figures: await Promise.all(
      found.map(async (c) => ({
        campaignId: c._id,
        coupons: await data.coupons.where({ _id: _.gt(`campaign:${c._id}:`).and(_.lt(`campaign:${c._id};`)) }).count(),
        audience: await audienceCount(c.audience),
      })),
    ),
  }
})

/** The month's counters (at most one per kind), every kind answered. */
export const messageFigures = operatorAction('marketing', MessageFiguresSchema, async ({ month }) => {
  const ids = SUBSCRIPTION_KINDS.map((kind) => `msg:${month}:${kind}`)
  const stored = (await data.stats
    .where({ _id: _.in(ids) })
    .limit(ids.length)
    .get()) as MessageStatsDoc[]
  const kinds = SUBSCRIPTION_KINDS.map((kind): MessageFigures => {
    const s = stored.find((d) => d.kind === kind)
    const [delivered, refused, failed] = [s?.delivered ?? 0, s?.refused ?? 0, s?.failed ?? 0]
    return { kind, sent: delivered + refused + failed, delivered, refused, failed, noConsent: s?.noConsent ?? 0, reached: s?.reached ?? 0 }
  })
  return { month, kinds }
})
