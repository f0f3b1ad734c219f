/**
 * A claim campaign reaches only its audience: a member outside it neither sees it (member.campaigns) nor
 * gets its coupon (member.claimCampaign answers NOT_IN_AUDIENCE and writes nothing) — for every audience the
 * campaign form offers (all, tiers, one store, a named list, customer classes, a top list of key customers),
 * and under a race of claims for the last coupons of a limited template, members in and out of it mixed.
 */
import { DEMO_OPERATOR, DEMO_STORE, DEMO_STORE_2 } from '../../scripts/demo-data'
import type { CreateCampaignInput } from '../../src/api/schemas'
import { DEFAULT_COUPON_TEMPLATES } from '../../src/domain/defaultOffers'
import { newMember, type Member } from '../../src/domain/member'
import { startTestCloud } from './harness'
import { at } from '../support/clock'

type Harness = Awaited<ReturnType<typeof startTestCloud>>
let h: Harness
const now = at('2026-11-23T10:00:00')
const daysAgo = (days: number) => new Date(Date.parse(now) - days * 86_400_000).toISOString()

/**
 * Who is who (default class rules: A ≥ ¥10,000 & 6 visits, B ≥ ¥3,000 & 3, C ≥ ¥500 & 1, else D):
 *   gold-sh1    gold,   store SH001, ¥12,000 in 8 visits → A, the biggest spender
 *   vip-sh2     VIP,    store SH002, ¥4,000 in 3 visits  → B, the second biggest
 *   member-sh1  member, store SH001, ¥600 in 1 visit     → C
 *   member-none member, no store,    nothing bought      → D
 */
interface Person {
  id: string
  tier: 'member' | 'vip' | 'gold'
  storeId: string | null
  spendFen: number
  visits: number
}
const PEOPLE: Person[] = [
  { id: 'gold-sh1', tier: 'gold', storeId: DEMO_STORE._id, spendFen: 1_200_000, visits: 8 },
  { id: 'vip-sh2', tier: 'vip', storeId: DEMO_STORE_2._id, spendFen: 400_000, visits: 3 },
  { id: 'member-sh1', tier: 'member', storeId: DEMO_STORE._id, spendFen: 60_000, visits: 1 },
  { id: 'member-none', tier: 'member', storeId: null, spendFen: 0, visits: 0 },
]

let serial = 0
const memberDoc = (p: Person): Member => {
  const n = ++serial
  return {
    ...newMember(
      {
        openid: p.id,
        memberNo: `770000${String(n).padStart(5, '0')}`,
        name: `受众${n}`,
        mobile: `137${String(n).padStart(8, '0')}`,
        birthday: { month: 5, day: 5 },
        storeId: p.storeId,
        assistantId: null,
        consentVersion: 'v1',
        referralCode: `AUD${String(n).padStart(4, '0')}`,
      },
      at('2025-01-01T10:00:00'),
    ),
    tier: p.tier,
    vipUntil: p.tier === 'vip' ? at('2027-06-30T00:00:00') : null,
    lifetimeSpendFen: p.spendFen,
    purchaseCount: p.visits,
    lastPurchaseAt: p.visits > 0 ? daysAgo(10) : null,
  }
}
const memberNoOf = (id: string) => (h.cloud.executor.get('members', id) as unknown as Member).memberNo

beforeAll(async () => {
  h = await startTestCloud({ prewarm: ['member'] })
  h.cloud.executor.insert('members', PEOPLE.map(memberDoc))
  // The nightly segments (classes) as the hourly upkeep stores them.
  expect((await h.cloud.fireTimer('jobs', 'upkeep', { clock: now })).body).toMatchObject({ ok: true })
}, 60_000)
afterAll(() => h?.close())

let seq = 0
const createClaim = async (audience: CreateCampaignInput['audience'], templateId = 'welcome-20off200') =>
  (
    await h.ok(
      DEMO_OPERATOR._id,
      'ops',
      'createCampaign',
      {
        title: `受众活动${++seq}`,
        templateId,
        mode: 'claim',
        audience,
        opensAt: at('2026-11-20T00:00:00'),
        vipEarlyDays: 0,
        endsAt: at('2026-12-31T23:59:59'),
        requestId: `audience-${seq}-${Date.now()}`,
      },
      { clock: now },
    )
  ).campaign

const campaignCoupons = (campaignId: string) =>
  h.cloud.executor.find('coupons', { channel: 'campaign' }).filter((c) => String(c._id).startsWith(`campaign:${campaignId}:`))

const seesIt = async (memberId: string, campaignId: string) =>
  (await h.ok(memberId, 'member', 'campaigns', {}, { clock: now })).campaigns.some((c) => c.id === campaignId)

/** Every person: who sees the campaign, and what claiming answers; returns who got it. */
const tryEveryone = async (campaignId: string) => {
  const seen: string[] = []
  const claimed: string[] = []
  for (const p of PEOPLE) {
    const sees = await seesIt(p.id, campaignId)
    const answer = await h.call(p.id, 'member', 'claimCampaign', { campaignId }, { clock: now })
    if (sees) seen.push(p.id)
    if (answer.ok) claimed.push(p.id)
    else {
      expect(answer.error.code).toBe('NOT_IN_AUDIENCE')
      expect(answer.error.message).toMatch(/[\u4e00-\u9fff]/)
    }
  }
  const holders = campaignCoupons(campaignId).map((c) => c.memberId as string)
  return { seen, claimed, holders: holders.sort() }
}

describe('a claim campaign reaches only its audience', () => {
  const everyone = PEOPLE.map((p) => p.id)
  const cases: [string, () => CreateCampaignInput['audience'], (p: Person) => boolean][] = [
    ['all members', () => ({ kind: 'all' }), () => true],
    ['gold only', () => ({ kind: 'tiers', tiers: ['gold'] }), (p) => p.tier === 'gold'],
    ['VIP and gold', () => ({ kind: 'tiers', tiers: ['vip', 'gold'] }), (p) => p.tier !== 'member'],
    ['one store', () => ({ kind: 'store', storeId: DEMO_STORE._id }), (p) => p.storeId === DEMO_STORE._id],
    ['the other store', () => ({ kind: 'store', storeId: DEMO_STORE_2._id }), (p) => p.storeId === DEMO_STORE_2._id],
    [
      'a named list',
      () => ({ kind: 'list', memberCodes: [memberNoOf('vip-sh2'), memberNoOf('member-none')] }),
      (p) => ['vip-sh2', 'member-none'].includes(p.id),
    ],
    ['class A', () => ({ kind: 'classes', classes: ['A'] }), (p) => p.spendFen >= 1_000_000 && p.visits >= 6],
    ['classes B and C', () => ({ kind: 'classes', classes: ['B', 'C'] }), (p) => p.id === 'vip-sh2' || p.id === 'member-sh1'],
    // 主力户 = most spend: the two biggest spenders when the campaign is made.
    ['the top 2 key customers by spend', () => ({ kind: 'top', list: 'main', count: 2 }), (p) => p.spendFen >= 400_000],
  ]

  it.each(cases)('%s: listed and claimable for those in it, refused NOT_IN_AUDIENCE to the others', async (_name, audience, inIt) => {
    const campaign = await createClaim(audience())
    const expected = PEOPLE.filter(inIt).map((p) => p.id)
    expect(expected.length).toBeGreaterThan(0)
    const { seen, claimed, holders } = await tryEveryone(campaign.id)
    expect(seen).toEqual(expected)
    expect(claimed).toEqual(expected)
    expect(holders).toEqual([...expected].sort())
    expect(everyone.filter((id) => !expected.includes(id)).every((id) => !holders.includes(id))).toBe(true)
  })

  it('answers a member who holds the coupon with it (a retry), even after they left the audience', async () => {
    const campaign = await createClaim({ kind: 'store', storeId: DEMO_STORE_2._id })
    const first = await h.ok('vip-sh2', 'member', 'claimCampaign', { campaignId: campaign.id }, { clock: now })
    await h.ok('vip-sh2', 'member', 'changeStore', { storeId: DEMO_STORE._id }, { clock: now })
    try {
      expect(await h.ok('vip-sh2', 'member', 'claimCampaign', { campaignId: campaign.id }, { clock: now })).toMatchObject({
        replayed: true,
        coupon: { id: first.coupon.id },
      })
      expect(await seesIt('vip-sh2', campaign.id)).toBe(false)
    } finally {
      await h.ok('vip-sh2', 'member', 'changeStore', { storeId: DEMO_STORE_2._id }, { clock: now })
    }
  })
})

describe('the last coupons of a limited campaign', () => {
  it('go only to members in its audience, exactly the stock, when many claim at once', async () => {
    const STOCK = 3
    const template = {
      ...DEFAULT_COUPON_TEMPLATES.find((t) => t._id === 'welcome-20off200')!,
      _id: 'audience-limited',
      stock: { total: STOCK, issued: 0 },
    }
    h.cloud.executor.insert('couponTemplates', [template])
    const racers = (prefix: string, storeId: string) =>
      Array.from({ length: 8 }, (_, i): Person => ({ id: `${prefix}-${i}`, tier: 'member', storeId, spendFen: 0, visits: 0 }))
    const inside = racers('race-in', DEMO_STORE_2._id)
    const outside = racers('race-out', DEMO_STORE._id)
    h.cloud.executor.insert('members', [...inside, ...outside].map(memberDoc))
    const campaign = await createClaim({ kind: 'store', storeId: DEMO_STORE_2._id }, template._id)

    // Those outside go first in each pair, so a leak would take stock before the audience gets there.
    const order = outside.flatMap((o, i) => [o, inside[i]])
    const answers = await Promise.all(
      order.map((p) => h.call(p.id, 'member', 'claimCampaign', { campaignId: campaign.id }, { clock: now })),
    )
    const by = (ids: Person[]) => answers.filter((_a, i) => ids.includes(order[i]))
    const codes = (list: typeof answers) => list.map((a) => (a.ok ? 'ok' : a.error.code)).sort()

    expect(codes(by(outside))).toEqual(outside.map(() => 'NOT_IN_AUDIENCE'))
    expect(codes(by(inside))).toEqual([...Array(STOCK).fill('ok'), ...Array(inside.length - STOCK).fill('OUT_OF_STOCK')].sort())
    const holders = campaignCoupons(campaign.id).map((c) => c.memberId as string)
    expect(holders).toHaveLength(STOCK)
    expect(holders.every((id) => inside.some((p) => p.id === id))).toBe(true)
    expect(h.cloud.executor.get('couponTemplates', template._id)).toMatchObject({ stock: { total: STOCK, issued: STOCK } })
  })
})
