/**
 * The desk's 营销 tables past 100 rows: campaigns and referrals as keyset lists (src/api/lists.ts), in the shape of
 * every other desk list. The phone keeps `ops.campaigns` and `ops.referrals` (the newest 100, answered whole).
 *
 * Indexes (database/collections/campaigns.json, referrals.json) and what they serve; each sort ends with `_id`:
 *   createdAt, earlyAccess.opensAt              every campaign by creation or opening (the state filter is a
 *       residual condition: a brand has hundreds of campaigns, not millions)
 *   status_joinedAt, joinedAt                   one status's referrals, or every referral, latest joined first
 */
import type { OpsCampaignRow, ReferralView } from '../../src/api/contract'
import { ListCampaignsSchema, ListReferralsSchema } from '../../src/api/opsListSchemas'
import type { FraudSignal, Referral } from '../../src/domain/referral'
import type { Instant } from '../../src/domain/time'
import { opsCampaignView } from '../_lib/campaigns'
import { _ } from '../_lib/cloud'
import type { CampaignDoc } from '../_lib/collections'
import { data, type Filter } from '../_lib/data'
import { listPage } from '../_lib/lists'
import { operatorAction } from '../_lib/runtime'
import { containing } from '../_lib/search'

/** Not ended (still open or to come, and not closed by an operator) or ended, as of `now`: the tab's 未结束 / 已结束. */
const stateFilter = (active: boolean, now: Instant): object =>
  active ? { status: _.neq('closed'), endsAt: _.gt(now) } : _.or([{ status: 'closed' }, { endsAt: _.lte(now) }])

/**
 * A title the campaign has, or its coupon's: the templates whose title matches are found first (a brand's templates
 * are hundreds at most), then the campaigns that give one of them.
 */
const searchFilter = async (text: string): Promise<object> => {
  const templates = await data.couponTemplates
    .where({ title: containing(text) })
    .limit(1000)
    .get()
  const byTitle = { title: containing(text) }
  return templates.length ? _.or([byTitle, { templateId: _.in(templates.map((t) => t._id)) }]) : byTitle
}

const templateTitles = async (ids: string[]): Promise<Map<string, string>> => {
  const wanted = [...new Set(ids)]
  if (!wanted.length) return new Map()
  const found = await data.couponTemplates
    .where({ _id: _.in(wanted) })
    .limit(wanted.length)
    .get()
  return new Map(found.map((t) => [t._id, t.title]))
}

export const listCampaigns = operatorAction('marketing', ListCampaignsSchema, async ({ filter = {}, sort, cursor, limit }, ctx) => {
  const conditions: object[] = []
  if (filter.active !== undefined) conditions.push(stateFilter(filter.active, ctx.now))
  if (filter.search) conditions.push(await searchFilter(filter.search))
  const where = (conditions.length === 0 ? {} : conditions.length === 1 ? conditions[0] : _.and(conditions)) as Filter<CampaignDoc>
  const page = await listPage(data.campaigns, {
    where,
    sortBy: sort?.by === 'opensAt' ? 'earlyAccess.opensAt' : 'createdAt',
    order: sort?.order ?? 'desc',
    cursor,
    limit,
    // The state is read against the clock: the next page, asked a moment later, is still the same list.
    listKey: filter,
  })
  const titles = await templateTitles(page.rows.map((c) => c.templateId))
  const rows = page.rows.map((c): OpsCampaignRow => ({
    ...opsCampaignView(c),
    templateTitle: titles.get(c.templateId) ?? c.templateId,
    createdAt: c.createdAt,
  }))
  return { ...page, rows, serverTime: ctx.now }
})

const FLAG_WORDS: Record<FraudSignal, string> = {
  burst: '短时间内大量好友加入',
  relatedPhone: '好友手机号与邀请人号段相同',
  staffSelfRecorded: '邀请人为导购且亲自录入好友首单',
}

/** Referrals as operators review them, the members they name read in one query (a member who left shows as —). */
export const referralViews = async (referrals: Referral[]): Promise<ReferralView[]> => {
  const ids = [...new Set(referrals.flatMap((r) => [r.inviteeId, r.inviterId]))]
  const members = ids.length
    ? await data.members
        .where({ _id: _.in(ids) })
        .limit(ids.length)
        .get()
    : []
  const byId = new Map(members.map((m) => [m._id, m]))
  const person = (id: string) => ({ name: byId.get(id)?.name ?? '—', memberNo: byId.get(id)?.memberNo ?? '' })
  return referrals.map((r) => ({
    invitee: person(r.inviteeId),
    inviter: person(r.inviterId),
    joinedAt: r.joinedAt,
    status: r.status,
    flags: r.flags.map((f) => FLAG_WORDS[f]),
  }))
}

export const listReferrals = operatorAction('marketing', ListReferralsSchema, async ({ filter = {}, sort, cursor, limit }) => {
  const page = await listPage(data.referrals, {
    where: filter.status ? { status: filter.status } : {},
    sortBy: 'joinedAt',
    order: sort?.order ?? 'desc',
    cursor,
    limit,
  })
  return { ...page, rows: await referralViews(page.rows) }
})
