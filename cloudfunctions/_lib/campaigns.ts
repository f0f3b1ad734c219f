/**
 * Issuing a campaign's coupon to a segment (all members, tiers, a store's members, a list), in chunks within a
 * time budget, with the cursor saved on the campaign after every chunk: the operator's call issues what it can,
 * the hourly upkeep job finishes the rest. Each coupon's key is campaign + member, so nothing is issued twice.
 */
import type { OpsCampaignView } from '../../src/api/contract'
import { audienceWords } from '../../src/domain/audience'
import { AppError } from '../../src/domain/errors'
import type { Member } from '../../src/domain/member'
import { _ } from './cloud'
import type { CampaignDoc } from './collections'
import { campaignCouponKey, issueIn, loadTemplate, withFreshCode } from './coupons'
import { data } from './data'
import { inTransaction } from './transaction'

const CHUNK = 100

export const opsCampaignView = (c: CampaignDoc): OpsCampaignView => ({
  id: c._id,
  title: c.title,
  templateId: c.templateId,
  mode: c.mode,
  audience: audienceWords(c.audience),
  opensAt: c.earlyAccess.opensAt,
  vipEarlyDays: c.earlyAccess.vipDays,
  endsAt: c.endsAt,
  status: c.status,
  issued: c.progress.issued,
  skipped: c.progress.skipped,
})

/** The next chunk of the segment after `cursor`: members in `_id` order, or the list's next slice. */
const nextChunk = async (c: CampaignDoc): Promise<{ members: Member[]; cursor: string; done: boolean }> => {
  const members = data.members
  if (c.audience.kind === 'list') {
    const start = Number(c.progress.cursor || 0)
    const codes = c.audience.memberCodes.slice(start, start + CHUNK)
    const found = codes.length
      ? await members
          .where({ memberNo: _.in(codes) })
          .limit(CHUNK)
          .get()
      : []
    return { members: found, cursor: String(start + codes.length), done: start + codes.length >= c.audience.memberCodes.length }
  }
  if (c.audience.kind === 'classes') {
    // Classes as the nightly job last stored them: walk the segment docs, then read those members.
    const picked = await data.segments
      .where({ class: _.in(c.audience.classes), _id: _.gt(c.progress.cursor) })
      .orderBy('_id', 'asc')
      .select()
      .limit(CHUNK)
      .get()
    const ids = picked.map((p) => p._id)
    const found = ids.length
      ? await members
          .where({ _id: _.in(ids) })
          .limit(CHUNK)
          .get()
      : []
    return { members: found, cursor: ids.length ? ids[ids.length - 1] : c.progress.cursor, done: ids.length < CHUNK }
  }
  const after = { _id: _.gt(c.progress.cursor) }
  const filter =
    c.audience.kind === 'tiers'
      ? { ...after, tier: _.in(c.audience.tiers) }
      : c.audience.kind === 'store'
        ? { ...after, storeId: c.audience.storeId }
        : after
  const found = await members.where(filter).orderBy('_id', 'asc').limit(CHUNK).get()
  return { members: found, cursor: found.length ? found[found.length - 1]._id : c.progress.cursor, done: found.length < CHUNK }
}

/** Issues as much of an `issue` campaign as fits in `budgetMs`; returns the campaign as saved. */
export const continueIssuing = async (campaignId: string, now: string, budgetMs: number): Promise<CampaignDoc> => {
  let campaign = await data.campaigns.get(campaignId)
  if (!campaign) throw new AppError('COUPON_NOT_AVAILABLE', '活动不存在')
  const template = await loadTemplate(campaign.templateId)
  if (!template) throw new AppError('COUPON_NOT_AVAILABLE', `活动的券模板 ${campaign.templateId} 不存在`)
  const deadline = Date.now() + budgetMs
  while (campaign.status === 'issuing' && Date.now() < deadline) {
    const chunk = await nextChunk(campaign)
    let issued = 0
    let skipped = 0
    for (const member of chunk.members) {
      try {
        await withFreshCode(() =>
          inTransaction((t) => issueIn(t, template, member, campaignCouponKey(campaign!._id, member._id), 'campaign', now)),
        )
        // Issued now, or found: issued by a run of this chunk that stopped before saving its progress (the chunk
        // is walked again from the saved cursor), so the count still says how many members hold the coupon.
        issued++
      } catch (e) {
        // A member whose tier may not hold it, or stock run out: skipped and counted, never retried forever.
        if (e instanceof AppError && (e.code === 'COUPON_NOT_AVAILABLE' || e.code === 'OUT_OF_STOCK')) skipped++
        else throw e
      }
    }
    campaign = {
      ...campaign,
      status: chunk.done ? 'active' : 'issuing',
      progress: { cursor: chunk.cursor, issued: campaign.progress.issued + issued, skipped: campaign.progress.skipped + skipped },
    }
    await data.campaigns.put(campaign)
  }
  return campaign
}

export const campaignsIssuing = (): Promise<CampaignDoc[]> => data.campaigns.where({ status: 'issuing' }).limit(20).get()
