/**
 * Cloud function `member`: what a shopper does for themself — join, open their card, read their points
 * history and coupons, exchange points in the catalog, claim campaign coupons, consent to messages.
 */
import { randomInt } from 'node:crypto'
import type { CampaignView, CatalogItemView, InviteView, JoinOfferView } from '../../src/api/contract'
import {
  ClaimCampaignSchema,
  EmptySchema,
  ExchangeSchema,
  JoinOfferSchema,
  JoinSchema,
  PointsHistorySchema,
  RecordSubscriptionSchema,
} from '../../src/api/schemas'
import { accessAt } from '../../src/domain/access'
import { inAudience, needsClass, type AudienceFacts } from '../../src/domain/audience'
import { exchange, exchangeCountId, itemAllowsTier, stockLeftAt, type HandOver } from '../../src/domain/catalog'
import { benefitText, couponStatus } from '../../src/domain/coupons'
import { availablePoints } from '../../src/domain/points'
import type { ProgramRules } from '../../src/domain/program'
import { effectiveTier } from '../../src/domain/tiers'
import { shopperRules } from '../../src/domain/shopperRules'
import { PRIVACY_NOTICE_VERSION } from '../../src/api/privacy'
import { AppError, fieldRefused, invalidInput } from '../../src/domain/errors'
import { birthdayProblem, guardianConsentProblem, REFERRAL_STATUSES, type Member, type ReferralStatus } from '../../src/domain/member'
import { generateReferralCode, isSelfReferral, referralScene, joinSignals, parseReferral, type Joiner } from '../../src/domain/referral'
import { decideJoin, type Invitation, type JoinCoupon } from '../../src/domain/join'
import { claimImported } from '../../src/domain/memberImport'
import { generateMemberNo } from '../../src/domain/memberNo'
import { parseStoreScene } from '../../src/domain/scene'
import { businessTime, isBefore } from '../../src/domain/time'
import { _, callerUnionid, openApi } from '../_lib/cloud'
import type { CampaignDoc, PosterDoc } from '../_lib/collections'
import { data, tx } from '../_lib/data'
import {
  birthdayCouponKey,
  campaignCouponKey,
  couponsOf,
  couponView,
  giftText,
  issueIn,
  loadTemplate,
  newCouponCode,
  welcomeCouponKey,
  withFreshCode,
} from '../_lib/coupons'
import { recordConsent, subscribeTemplates } from '../_lib/messages'
import { historyEntry, ledgerPage } from '../_lib/history'
import { loadMember, readMemberIn, requireMember } from '../_lib/members'
import { duplicateKeyIndex } from '../_lib/errors'
import { writeExchangeIn } from '../_lib/exchanges'
import { writeJoinIn } from '../_lib/joins'
import { unclaimedRecordOf } from '../_lib/memberImports'
import { cached, loadProgram, loadStore } from '../_lib/reference'
import { serve, shopperAction } from '../_lib/runtime'
import { verifiedMobile } from '../_lib/verifiedPhones'
import { imageLinks } from '../_lib/images'
import { inTransaction } from '../_lib/transaction'
import { memberView } from '../_lib/views'
import { codeSecret, codeVersionOf, resetMemberCode } from './memberCode'
import { deleteMembership, myData } from './myData'
import { couponGrant, hadGrant, invitedByGrant, type OnceGrant } from '../../src/domain/onceGrants'
import { keyedHash, priorGrantsOf } from '../_lib/onceGrants'
import { changeMobile, changeStore, handbook, homeStore, profile, updateProfile } from './profile'
import { AcceptInvitationSchema } from '../../src/api/storeAdminSchemas'
import { acceptInvitation as accept } from '../_lib/invitations'

/** The invited person accepts a staff or operator invitation: their OPENID becomes the record's id. */
const acceptInvitation = shopperAction(AcceptInvitationSchema, ({ code }, ctx) => accept(code, ctx.openid, ctx.now))

/** Which store and assistant recruited the shopper. A departed assistant's QR still credits the store. */
const attribution = async (scene: string | undefined): Promise<{ storeId: string | null; assistantId: string | null }> => {
  if (scene === undefined || scene === '') return { storeId: null, assistantId: null }
  const parsed = parseStoreScene(scene)
  const store = parsed && (await loadStore(parsed.storeId))
  // A closed store's codes stop working (setup/storeAdmin.ts): it takes no new members.
  if (!parsed || !store || store.active === false)
    throw invalidInput([{ field: 'scene', message: '该门店二维码已失效，请向店员索取新的二维码' }])
  if (!parsed.assistantId) return { storeId: store._id, assistantId: null }
  const assistant = await data.staff.where({ staffId: parsed.assistantId, storeId: store._id, active: true }).first()
  return { storeId: store._id, assistantId: assistant ? parsed.assistantId : null }
}

const MEMBER_NO_ATTEMPTS = 3

/** The imported record a join meant to claim was claimed (or changed hands) since it was read. */
class RecordGone extends Error {
  override name = 'RecordGone'
}

/**
 * A friend's invitation, read at join: bound only to a new member, never to themself (openid or unionid), with
 * the signals that hold it for review (the inviter's own number among them: see isSelfReferral), and the
 * invitee's gift. An unknown code or a self-referral joins unbound.
 */
const invitationFor = async (
  raw: string | undefined,
  joiner: Joiner,
  program: ProgramRules,
  now: string,
  priorGrants: OnceGrant[],
): Promise<{ invitation: Invitation; coupon: JoinCoupon | null } | null> => {
  const code = parseReferral(raw)
  if (!code) return null
  const inviter = await data.members.where({ referralCode: code }).first()
  if (!inviter || isSelfReferral(inviter, joiner)) return null
  // A pair is made once: a rejoiner this inviter brought before joins unbound to them (and pays them nothing).
  if (priorGrants.length > 0 && priorGrants.includes(invitedByGrant(await keyedHash('inviter', inviter._id)))) return null
  const since = new Date(Date.parse(now) - program.referral.burstHours * 3_600_000).toISOString()
  const recentJoins = await data.referrals.where({ inviterId: inviter._id, joinedAt: _.gt(since) }).count()
  const flags = joinSignals(inviter.mobile, joiner.mobile, recentJoins, program.referral)
  const template = program.referral.inviteeCouponTemplateId ? await loadTemplate(program.referral.inviteeCouponTemplateId) : null
  const coupon = template?.active ? { template, key: `referral:${joiner.openid}`, channel: 'referral' as const } : null
  return { invitation: { inviterId: inviter._id, flags }, coupon }
}

/** The coupons a new member receives at join, as the program says. */
const joinCouponTemplates = async (program: ProgramRules, memberId: string, birthMonth: number, now: string): Promise<JoinCoupon[]> => {
  const year = businessTime(now).year()
  const wanted = [
    { id: program.coupons.welcomeTemplateId, key: welcomeCouponKey, channel: 'welcome' as const },
    ...(birthMonth === businessTime(now).month() + 1
      ? [
          {
            id: program.coupons.birthdayTemplateId,
            key: (memberId: string) => birthdayCouponKey(memberId, year),
            channel: 'birthday' as const,
          },
        ]
      : []),
  ]
  const found = await Promise.all(wanted.map(async (w) => ({ ...w, template: w.id ? await loadTemplate(w.id) : null })))
  return found.flatMap((f) => (f.template?.active ? [{ template: f.template, key: f.key(memberId), channel: f.channel }] : []))
}

/** At join, a number WeChat cannot give is typed instead. */
const JOIN_PHONE_WORDS = { askAgain: '请再点一次“立即加入”重新授权，或手动填写手机号', otherwise: '，请手动填写' }

const join = shopperAction(JoinSchema, async (input, ctx) => {
  // The input first: a birthday still to come is refused as such, even from someone who joined already.
  const today = businessTime(ctx.now)
  const problem = birthdayProblem(input.birthday, { year: today.year(), month: today.month() + 1, day: today.date() })
  if (problem) throw invalidInput([{ field: 'birthday', message: problem }])
  const existing = await loadMember(ctx.openid)
  if (existing) return { member: memberView(existing, existing.storeId ? await loadStore(existing.storeId) : null), created: false }
  const minor = guardianConsentProblem(input.birthday, { year: today.year(), month: today.month() + 1, day: today.date() })
  if (minor) throw invalidInput([{ field: 'birthday.year', message: minor }])
  if (input.consent.version !== PRIVACY_NOTICE_VERSION) {
    throw invalidInput([{ field: 'consent', message: '隐私政策已更新，请重新阅读并同意' }])
  }
  const { storeId, assistantId } = await attribution(input.scene)
  // The code last among the checks: it resolves only once, so a join refused for another reason keeps it usable.
  // It is resolved here, after the consent was given, never before: the number is collected only to join.
  const mobileVerified = input.phoneCode !== undefined
  const mobile = input.phoneCode !== undefined ? await verifiedMobile(input.phoneCode, ctx.openid, JOIN_PHONE_WORDS) : (input.mobile ?? '')
  const program = await loadProgram({ fresh: true })
  const unionid = callerUnionid()
  // Someone who deleted a membership before (known by phone, openid or unionid) gets no once-only grant twice.
  const priorGrants = await priorGrantsOf({ openid: ctx.openid, unionid, mobile })
  const invited = await invitationFor(input.referral, { openid: ctx.openid, unionid, mobile }, program, ctx.now, priorGrants)

  // Set once the number turns out to be another membership's: this one then holds it unconfirmed (Member.mobileClaim).
  let mobileTaken = false
  // A brand's imported member with this number, claimed only through the number WeChat verified: a typed one is
  // nobody's proof (it joins as a new member holding the number unconfirmed, below). Null once someone else won it.
  let record = mobileVerified ? await unclaimedRecordOf(mobile) : null
  for (let attempt = 1; ; attempt++) {
    // Welcome coupon, and the birthday card when joining during the birthday month (the monthly job has run).
    const coupons = [
      ...(await joinCouponTemplates(program, ctx.openid, input.birthday.month, ctx.now)),
      ...(invited?.coupon ? [invited.coupon] : []),
    ]
    const decision = decideJoin(
      {
        openid: ctx.openid,
        memberNo: generateMemberNo(() => randomInt(10)),
        name: input.name,
        mobile,
        mobileVerified,
        birthday: input.birthday,
        storeId,
        assistantId,
        consentVersion: input.consent.version,
        referralCode: generateReferralCode((n) => randomInt(n)),
        unionid,
      },
      { invitation: invited?.invitation ?? null, coupons, priorGrants, mobileTaken },
      ctx.now,
    )
    try {
      // Two taps on "join" race here: the loser's transaction conflicts, re-runs, and finds the winner's member.
      const { member, created } = await inTransaction(async (t) => {
        const w = tx(t)
        const current = await w.members.get(ctx.openid)
        if (current) return { member: current, created: false }
        if (!record) {
          await writeJoinIn(t, decision, ctx.now)
          return { member: decision.member, created: true }
        }
        // The claim: the record read again in the transaction (a second account with the same verified number, or the
        // import updating it, conflicts here), moved to this member with its points, and left as a claim note.
        const fresh = await w.members.get(record._id)
        if (fresh?.unclaimed !== true) throw new RecordGone()
        const claim = claimImported(fresh, decision.member, ctx.now, program.version)
        await w.members.remove(fresh._id)
        await w.memberImports.add(claim.claim)
        for (const entry of claim.entries) await w.ledger.add(entry)
        const claimed = { ...decision, member: claim.member }
        await writeJoinIn(t, claimed, ctx.now)
        return { member: claim.member, created: true }
      })
      return { member: memberView(member, member.storeId ? await loadStore(member.storeId) : null), created }
    } catch (e) {
      // Someone else claimed the record first: this join goes on as anyone's whose number is another membership's.
      if (e instanceof RecordGone) {
        record = null
        continue
      }
      const index = duplicateKeyIndex(e)
      // The number is another membership's. A typed number is nobody's proof, so saying so would tell anyone whose
      // number it is: the joiner gets a membership like any other, holding the number unconfirmed; the store sees
      // which. A verified number goes the same way for now (the earlier membership keeps it), so that a join never
      // moves a number off another member without the store.
      if (index?.startsWith('mobile') && !mobileTaken) {
        mobileTaken = true
        continue
      }
      const retryable = ['memberNo', 'code', 'referralCode'].some((prefix) => index?.startsWith(prefix))
      if (retryable && attempt < MEMBER_NO_ATTEMPTS) continue
      throw e
    }
  }
})

/**
 * The join page's header, for anyone who opens it: the store and assistant of the QR, and the welcome gift. Names
 * only; an unknown or malformed scene is no error here (the join itself refuses it, with the words to show).
 */
const joinOffer = shopperAction(JoinOfferSchema, async (input): Promise<JoinOfferView> => {
  const parsed = input.scene ? parseStoreScene(input.scene) : null
  const [store, program] = await Promise.all([parsed ? loadStore(parsed.storeId) : null, loadProgram()])
  const assistant =
    store && parsed?.assistantId ? await data.staff.where({ staffId: parsed.assistantId, storeId: store._id, active: true }).first() : null
  return {
    storeName: store?.name ?? null,
    assistantName: assistant?.name ?? null,
    assistantLeft: Boolean(store && parsed?.assistantId && !assistant),
    welcomeGift: await giftText(program.coupons.welcomeTemplateId),
  }
})

/**
 * The member's usable coupons: what the wallet lists under 可用 (unused and not lapsed, a coupon not yet valid
 * included: usable soon; see walletTabs), so the count on the card is the tab's. Counted by index, no documents.
 */
const usableCouponCount = (memberId: string, now: string): Promise<number> =>
  data.coupons.where({ memberId, state: 'available', validUntil: _.gt(now) }).count()

/**
 * Member events still to come, as event.list shows them. The same for every member, so counted once per instance
 * and kept like the rules (an event an operator opens shows in the count within REFERENCE_TTL_MS).
 */
const upcomingEventCount = (now: string): Promise<number> =>
  cached('upcomingEvents', () => data.events.where({ status: 'open', endsAt: _.gt(now) }).count())

/**
 * The card: one read for the member, then side by side the code secret's version, the count of usable coupons
 * and, in the birthday month, this year's birthday card (rules, stores and the events count are cached).
 */
const getCard = shopperAction(EmptySchema, async (_input, ctx) => {
  const member = await requireMember(ctx.openid)
  const [program, store, birthday, codeVersion, usableCoupons, upcomingEvents] = await Promise.all([
    loadProgram(),
    member.storeId ? loadStore(member.storeId) : null,
    member.birthday.month === businessTime(ctx.now).month() + 1
      ? data.coupons.get(birthdayCouponKey(member._id, businessTime(ctx.now).year()))
      : null,
    codeVersionOf(member._id),
    usableCouponCount(member._id, ctx.now),
    upcomingEventCount(ctx.now),
  ])
  return {
    member: memberView(member, store),
    program: shopperRules(program),
    serverTime: ctx.now,
    birthdayCoupon: birthday && couponStatus(birthday, ctx.now) !== 'expired' ? couponView(birthday, ctx.now) : null,
    subscribeTemplates: subscribeTemplates(),
    codeVersion,
    counts: { usableCoupons, upcomingEvents },
  }
})

/** The shopper's own points history, newest first, a page at a time. */
const pointsHistory = shopperAction(PointsHistorySchema, async ({ cursor }, ctx) => {
  const { page, nextCursor } = await ledgerPage(ctx.openid, cursor)
  return { entries: await Promise.all(page.map(historyEntry)), nextCursor }
})

/** The wallet: every coupon the member holds, newest first; the page sorts them into available / used / expired. */
const coupons = shopperAction(EmptySchema, async (_input, ctx) => {
  await requireMember(ctx.openid)
  return { coupons: (await couponsOf(ctx.openid)).map((c) => couponView(c, ctx.now)) }
})

const catalog = shopperAction(EmptySchema, async (_input, ctx) => {
  const member = await requireMember(ctx.openid)
  const items = await data.catalog.where({ active: true }).orderBy('sort', 'asc').limit(100).get()
  const tier = effectiveTier(member, ctx.now)
  const links = await imageLinks(items.map((item) => item.image ?? ''))
  const views = await Promise.all(
    items.map(async (item): Promise<CatalogItemView | null> => {
      const template = await loadTemplate(item.templateId)
      if (!template?.active || !template.tiers.includes(tier) || !itemAllowsTier(item, tier)) return null
      return {
        id: item._id,
        title: item.title,
        description: item.description,
        imageUrl: links.get(item.image ?? '') ?? '',
        pointsPrice: item.pointsPrice,
        benefitText: benefitText(template.benefit),
        // Per-store stock: what the member's own store (where they collect, unless they pick another) has left.
        stockLeft: stockLeftAt(item, member.storeId),
        perMemberLimit: item.perMemberLimit,
        access: accessAt(item.earlyAccess, tier, ctx.now),
      }
    }),
  )
  return { items: views.filter((v): v is CatalogItemView => v !== null), pointsAvailable: availablePoints(member, ctx.now) }
})

/**
 * Where a shopper collects a gift with per-store stock: the store they pick, else their own store (null: neither,
 * which an item with per-store stock refuses).
 */
const pickupStore = async (pickupStoreId: string | undefined, homeStoreId: string | null): Promise<HandOver | null> => {
  const storeId = pickupStoreId ?? homeStoreId
  if (!storeId) return null
  const store = await loadStore(storeId)
  if (!store) {
    if (pickupStoreId !== undefined) throw fieldRefused('pickupStoreId', '领取门店不存在')
    return null
  }
  return { storeId, storeName: store.name }
}

/**
 * Exchanges points for a catalog item: points debited, stock taken (the pickup store's too, for per-store stock),
 * coupon issued — one transaction, keyed by the shopper's request id (the coupon's id), so a retry answers with the
 * coupon issued the first time.
 */
const exchangeItem = shopperAction(ExchangeSchema, async ({ itemId, requestId, pickupStoreId }, ctx) => {
  const handOver = await pickupStore(pickupStoreId, (await requireMember(ctx.openid)).storeId)
  const program = await loadProgram({ fresh: true })
  const requestKey = `${ctx.openid}:${requestId}`
  return withFreshCode(() =>
    inTransaction(async (t) => {
      const w = tx(t)
      const done = await w.coupons.get(`exchange:${requestKey}`)
      const member = await readMemberIn(t, ctx.openid)
      if (done) {
        const item = await w.catalog.get(itemId)
        if (!item || done.templateId !== item.templateId)
          throw new AppError('IDEMPOTENCY_CONFLICT', '该兑换请求已用于另一件商品，请重新兑换')
        return { coupon: couponView(done, ctx.now), pointsBalance: member.pointsBalance, replayed: true }
      }
      const item = await w.catalog.get(itemId)
      if (!item) throw new AppError('OUT_OF_STOCK', '该商品已下架')
      const template = await w.couponTemplates.get(item.templateId)
      if (!template) throw new AppError('OUT_OF_STOCK', '该商品已下架')
      const count = await w.exchangeCounts.get(exchangeCountId(item._id, member._id))
      const d = exchange(member, item, template, count, { requestKey, couponCode: newCouponCode(), at: ctx.now, handOver }, program)
      await writeExchangeIn(t, d)
      return { coupon: couponView(d.coupon, ctx.now), pointsBalance: d.member.pointsBalance, replayed: false }
    }),
  )
})

const campaignView = async (campaign: CampaignDoc, member: Member, now: string): Promise<CampaignView | null> => {
  const template = await loadTemplate(campaign.templateId)
  if (!template?.active || !template.tiers.includes(effectiveTier(member, now))) return null
  const held = await data.coupons.get(campaignCouponKey(campaign._id, member._id))
  return {
    id: campaign._id,
    title: campaign.title,
    benefitText: benefitText(template.benefit),
    note: template.note,
    access: accessAt(campaign.earlyAccess, effectiveTier(member, now), now),
    endsAt: campaign.endsAt,
    stockLeft: template.stock.total === null ? null : Math.max(0, template.stock.total - template.stock.issued),
    claimed: held !== null || hadGrant(member, couponGrant(campaignCouponKey(campaign._id, member._id), member._id, 'campaign')),
  }
}

/**
 * What places the member in a campaign's audience. The class is the one the nightly segments job stored (as
 * when issuing to classes), read only when an audience needs it.
 */
const audienceFacts = async (member: Member, now: string, withClass: boolean): Promise<AudienceFacts> => ({
  tier: effectiveTier(member, now),
  storeId: member.storeId,
  memberNo: member.memberNo,
  customerClass: withClass ? ((await data.segments.get(member._id))?.class ?? null) : null,
})

/** Campaigns a member may claim now, or soon (VIP early access shows when everyone else may); only their own audience's. */
const campaigns = shopperAction(EmptySchema, async (_input, ctx) => {
  const member = await requireMember(ctx.openid)
  const open = await data.campaigns
    .where({ mode: 'claim', status: 'active', endsAt: _.gt(ctx.now) })
    .orderBy('endsAt', 'asc')
    .limit(50)
    .get()
  const facts = await audienceFacts(
    member,
    ctx.now,
    open.some((c) => needsClass(c.audience)),
  )
  const views = await Promise.all(open.filter((c) => inAudience(c.audience, facts)).map((c) => campaignView(c, member, ctx.now)))
  return { campaigns: views.filter((v): v is CampaignView => v !== null) }
})

/** One coupon per member per campaign: the key is the campaign and the member. */
const claimCampaign = shopperAction(ClaimCampaignSchema, async ({ campaignId }, ctx) => {
  const member = await requireMember(ctx.openid)
  const campaign = await data.campaigns.get(campaignId)
  if (!campaign || campaign.mode !== 'claim' || campaign.status !== 'active' || !isBefore(ctx.now, campaign.endsAt)) {
    throw new AppError('COUPON_NOT_AVAILABLE', '该活动已结束')
  }
  // Outside the audience nothing is written and no stock is touched: the transaction below (which takes the
  // stock) is only entered by members in it. The audience is fixed at creation, so it cannot move meanwhile.
  // One who holds the coupon already (claimed it, then moved store) gets it back, as any retry does.
  if (!inAudience(campaign.audience, await audienceFacts(member, ctx.now, needsClass(campaign.audience)))) {
    const held = await data.coupons.get(campaignCouponKey(campaign._id, member._id))
    if (held) return { coupon: couponView(held, ctx.now), replayed: true }
    throw new AppError('NOT_IN_AUDIENCE', '该活动仅限指定会员参加，您暂不在领取范围内')
  }
  const access = accessAt(campaign.earlyAccess, effectiveTier(member, ctx.now), ctx.now)
  if (!access.open) throw new AppError('COUPON_NOT_AVAILABLE', `活动将于 ${businessTime(access.opensAt).format('M月D日 HH:mm')} 开放`)
  const template = await loadTemplate(campaign.templateId)
  if (!template) throw new AppError('COUPON_NOT_AVAILABLE', '该券已下架')
  const { coupon, issued } = await withFreshCode(() =>
    inTransaction((t) => issueIn(t, template, member, campaignCouponKey(campaign._id, member._id), 'campaign', ctx.now)),
  )
  return { coupon: couponView(coupon, ctx.now), replayed: !issued }
})

/** After the page asked WeChat for consent: one more message of that kind may be sent. */
const recordSubscription = shopperAction(RecordSubscriptionSchema, async ({ template, accepted }, ctx) => {
  await requireMember(ctx.openid)
  return { remaining: await recordConsent(ctx.openid, template, accepted) }
})

/**
 * The invite page: the member's code, the share path, the poster's mini-program code (made once through
 * wxacode.getUnlimited with scene "r=CODE" and kept in `posters`), and how their invitations stand.
 */
const invite = shopperAction(EmptySchema, async (_input, ctx): Promise<InviteView> => {
  const member = await requireMember(ctx.openid)
  const program = await loadProgram()
  const poster = await posterFor(member)
  const count = async (status: ReferralStatus) => [status, await data.referrals.where({ inviterId: member._id, status }).count()] as const
  const counts = Object.fromEntries(await Promise.all(REFERRAL_STATUSES.map(count))) as Record<ReferralStatus, number>
  const { pending, rewarded, held } = counts
  const gift = program.referral.inviteeCouponTemplateId ? await loadTemplate(program.referral.inviteeCouponTemplateId) : null
  return {
    code: member.referralCode,
    sharePath: `/pages/join/index?ref=${member.referralCode}`,
    posterImage: `data:${poster.contentType};base64,${poster.base64}`,
    stats: { joined: REFERRAL_STATUSES.reduce((n, status) => n + counts[status], 0), rewarded, waiting: pending, held },
    rules: {
      minPurchaseFen: program.referral.minPurchaseFen,
      inviterPoints: program.referral.inviterPoints,
      inviteeGift: gift?.active ? `${gift.title}（${benefitText(gift.benefit)}）` : null,
    },
  }
})

/** The poster's code is made once per member: a second call reads it back. */
const posterFor = async (member: Member): Promise<PosterDoc> => {
  const kept = await data.posters.get(member._id)
  if (kept) return kept
  const scene = referralScene(member.referralCode)
  const code = await openApi().wxacode.getUnlimited({ scene, page: 'pages/join/index', width: 430 })
  const poster: PosterDoc = {
    _id: member._id,
    scene,
    contentType: code.contentType,
    base64: Buffer.from(code.buffer).toString('base64'),
    createdAt: new Date().toISOString(),
  }
  try {
    await data.posters.add(poster)
  } catch (e) {
    if (duplicateKeyIndex(e) !== '_id_') throw e // made by a concurrent call: the same code either way
  }
  return poster
}

export const main = serve('member', {
  join,
  joinOffer,
  getCard,
  pointsHistory,
  coupons,
  catalog,
  exchange: exchangeItem,
  campaigns,
  claimCampaign,
  recordSubscription,
  invite,
  codeSecret,
  resetMemberCode,
  myData,
  deleteMembership,
  handbook,
  profile,
  updateProfile,
  homeStore,
  changeStore,
  changeMobile,
  acceptInvitation,
})
