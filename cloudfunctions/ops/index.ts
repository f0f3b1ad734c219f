/**
 * Cloud function `ops`: what the brand's operators do day to day (members and points, campaigns, referrals, rules,
 * insights). Setting the program up (templates, catalog, stores, staff, operators) is the `setup` function's.
 * Every action checks, on the server, that the caller is an active operator (never a shop assistant).
 */
import type { AdjustmentResult } from '../../src/api/contract'
import {
  AdjustPointsSchema,
  CreateCampaignSchema,
  EmptySchema,
  LookupMemberSchema,
  MemberLedgerSchema,
  ReferralsSchema,
  ReviewReferralSchema,
} from '../../src/api/schemas'
import { reviewReferral as decideReview } from '../../src/domain/referral'
import { benefitText } from '../../src/domain/coupons'
import { isBefore } from '../../src/domain/time'
import { continueIssuing, opsCampaignView } from '../_lib/campaigns'
import { loadTemplate } from '../_lib/coupons'
import { data, tx } from '../_lib/data'
import { duplicateKeyIndex } from '../_lib/errors'
import { adjustPoints as decideAdjustment } from '../../src/domain/balance'
import { AppError, fieldRefused, invalidInput } from '../../src/domain/errors'
import { areasOf } from '../../src/domain/operators'
import { adjustEntryId, type LedgerEntry } from '../../src/domain/ledger'
import type { CampaignDoc } from '../_lib/collections'
import { auditEntry, ledgerPage } from '../_lib/history'
import { appendEntriesIn, findMemberByCode, readMemberIn, writeMemberIn } from '../_lib/members'
import { loadProgram } from '../_lib/reference'
import { operatorAction, serve } from '../_lib/runtime'
import { inTransaction } from '../_lib/transaction'
import { program, programHistory, updateProgram } from './program'
import { audienceSize, campaignFigures, closeCampaign, messageFigures, resolveAudience, updateCampaign } from './campaignAdmin'
import { dashboard, segments } from './insights'
import { listCampaigns, listReferrals, referralViews } from './marketingLists'
import { customer, customers, today } from './customers'
import { memberSummary } from '../_lib/views'
import { storeCode, storeDirectory } from './storeCodes'
import { correctMemberBirthday, member, memberCoupons, memberPurchases, members, moveMemberStore } from './members'

const whoami = operatorAction(EmptySchema, async (_input, { operator }) => ({
  operatorId: operator.operatorId,
  name: operator.name,
  areas: areasOf(operator),
  exportPII: operator.permissions?.includes('exportPII') === true,
}))

const lookupMember = operatorAction('members', LookupMemberSchema, async ({ code }, ctx) => ({
  member: memberSummary(await findMemberByCode(code), ctx.now),
}))

/** A member's whole ledger with who did what: the audit an operator reads before and after a correction. */
const memberLedger = operatorAction('members', MemberLedgerSchema, async ({ code, cursor }, ctx) => {
  const member = await findMemberByCode(code)
  const { page, nextCursor } = await ledgerPage(member._id, cursor)
  return { member: memberSummary(member, ctx.now), entries: await Promise.all(page.map(auditEntry)), nextCursor }
})

/** A manual correction of a member's points, with a mandatory reason; keyed by the operator's request id. */
const adjustPoints = operatorAction('members', AdjustPointsSchema, async (input, ctx) => {
  const found = await findMemberByCode(input.memberCode)
  const program = await loadProgram({ fresh: true })
  const requestKey = `${ctx.operator.operatorId}:${input.requestId}`

  return inTransaction(async (t): Promise<AdjustmentResult> => {
    const member = await readMemberIn(t, found._id)
    const done = await tx(t).ledger.get(adjustEntryId(requestKey))
    if (done) {
      if (done.memberId !== found._id || done.points !== input.points || done.reason !== input.reason) {
        throw new AppError('IDEMPOTENCY_CONFLICT', '该调整请求已用于另一笔调整，请重新发起')
      }
      return answer(done, memberSummary(member, ctx.now), true)
    }
    const actor = { type: 'operator' as const, id: ctx.operator.operatorId }
    const decision = decideAdjustment(member, { requestKey, points: input.points, reason: input.reason, at: ctx.now, actor }, program)
    await writeMemberIn(t, decision.member)
    await appendEntriesIn(t, decision.entries)
    return answer(decision.entries[decision.entries.length - 1], memberSummary(decision.member, ctx.now), false)
  })
})

const answer = (entry: LedgerEntry, member: AdjustmentResult['member'], replayed: boolean): AdjustmentResult => ({
  adjustment: { points: entry.points, reason: entry.reason, at: entry.at, balanceAfter: entry.balanceAfter },
  member,
  replayed,
})

const couponTemplates = operatorAction(EmptySchema, async () => {
  const templates = await data.couponTemplates.all().limit(100).get()
  return {
    templates: templates.map((t) => ({
      id: t._id,
      title: t.title,
      benefitText: benefitText(t.benefit),
      tiers: t.tiers,
      stockLeft: t.stock.total === null ? null : Math.max(0, t.stock.total - t.stock.issued),
      active: t.active,
    })),
  }
})

/** Issuing to a segment starts in this call and, past its time budget, continues in the hourly upkeep. */
const ISSUE_BUDGET_MS = 5_000

/**
 * Creates a campaign: `claim` (members claim it, VIP and gold `vipEarlyDays` early) or `issue` (its coupon is
 * issued to the audience now). Keyed by the operator's request id: the campaign's id.
 */
const createCampaign = operatorAction('marketing', CreateCampaignSchema, async (input, ctx) => {
  const id = `cmp-${input.requestId}`
  const existing = await data.campaigns.get(id)
  if (existing) {
    if (existing.title !== input.title || existing.templateId !== input.templateId) {
      throw new AppError('IDEMPOTENCY_CONFLICT', '该请求已用于创建另一个活动，请重新创建')
    }
    // The retry of a call that failed while issuing goes on issuing where it stopped (else only the hourly upkeep would).
    const saved = existing.status === 'issuing' ? await continueIssuing(id, ctx.now, ISSUE_BUDGET_MS) : existing
    return { campaign: opsCampaignView(saved), replayed: true }
  }
  if (!isBefore(input.opensAt, input.endsAt)) throw invalidInput([{ field: 'endsAt', message: '结束时间应晚于开始时间' }])
  if (!(await loadTemplate(input.templateId))) throw invalidInput([{ field: 'templateId', message: '券模板不存在' }])
  const campaign: CampaignDoc = {
    _id: id,
    title: input.title,
    templateId: input.templateId,
    mode: input.mode,
    audience: await resolveAudience(input.audience),
    earlyAccess: { opensAt: new Date(input.opensAt).toISOString(), vipDays: input.vipEarlyDays },
    endsAt: new Date(input.endsAt).toISOString(),
    createdBy: ctx.operator.operatorId,
    createdAt: ctx.now,
    status: input.mode === 'issue' ? 'issuing' : 'active',
    progress: { cursor: '', issued: 0, skipped: 0 },
  }
  try {
    await data.campaigns.add(campaign)
  } catch (e) {
    // A racing retry of the same request created it first: answer with that one.
    if (duplicateKeyIndex(e) !== '_id_') throw e
    return { campaign: opsCampaignView((await data.campaigns.get(id))!), replayed: true }
  }
  const saved = campaign.mode === 'issue' ? await continueIssuing(id, ctx.now, ISSUE_BUDGET_MS) : campaign
  return { campaign: opsCampaignView(saved), replayed: false }
})

const campaigns = operatorAction('marketing', EmptySchema, async () => {
  const all = await data.campaigns.all().orderBy('createdAt', 'desc').limit(100).get()
  return { campaigns: all.map(opsCampaignView) }
})

const stores = operatorAction(EmptySchema, async () => ({
  stores: (await data.stores.all().orderBy('_id', 'asc').limit(1000).get()).map((s) => ({
    id: s._id,
    name: s.name,
  })),
}))

/** Referrals by status (default: held for review), newest first. */
const referrals = operatorAction('marketing', ReferralsSchema, async ({ status }) => {
  const found = await data.referrals
    .where({ status: status ?? 'held' })
    .orderBy('joinedAt', 'desc')
    .limit(100)
    .get()
  return { referrals: await referralViews(found) }
})

/** An operator approves (pays, or lets the first purchase pay) or rejects a held referral. */
const reviewReferral = operatorAction('marketing', ReviewReferralSchema, async ({ inviteeCode, decision }, ctx) => {
  const invitee = await findMemberByCode(inviteeCode)
  const program = await loadProgram({ fresh: true })
  const reviewed = await inTransaction(async (t) => {
    const referral = await tx(t).referrals.get(invitee._id)
    if (!referral) throw new AppError('MEMBER_NOT_FOUND', '该会员不是通过邀请加入的')
    if (referral.status !== 'held') throw fieldRefused('inviteeCode', '该邀请不在待审核状态')
    const inviter = await readMemberIn(t, referral.inviterId)
    const member = await readMemberIn(t, invitee._id)
    const outcome = decideReview(referral, inviter, decision, ctx.operator.operatorId, ctx.now, program)
    await tx(t).referrals.put(outcome.referral)
    await writeMemberIn(t, { ...member, referredBy: { inviterId: referral.inviterId, status: outcome.referral.status } })
    if (outcome.inviter) {
      await writeMemberIn(t, outcome.inviter)
      await appendEntriesIn(t, outcome.entries)
    }
    return outcome.referral
  })
  const [view] = await referralViews([reviewed])
  return { referral: view }
})

export const main = serve('ops', {
  whoami,
  lookupMember,
  memberLedger,
  adjustPoints,
  couponTemplates,
  createCampaign,
  campaigns,
  stores,
  referrals,
  reviewReferral,
  program,
  updateProgram,
  programHistory,
  segments,
  dashboard,
  updateCampaign,
  closeCampaign,
  // The desk's 营销: an audience's size before saving, campaigns' figures, subscribe messages by month.
  audienceSize,
  campaignFigures,
  messageFigures,
  // The desk's 营销 tables past 100 rows (./marketingLists.ts); the phone keeps campaigns and referrals.
  listCampaigns,
  listReferrals,
  customers,
  customer,
  today,
  storeDirectory,
  storeCode,
  // The desk's 会员 pages (issue 21): ./members.ts
  members,
  member,
  memberPurchases,
  memberCoupons,
  correctMemberBirthday,
  moveMemberStore,
})
