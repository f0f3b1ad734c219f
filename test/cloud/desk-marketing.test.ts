/**
 * The desk's 营销 figures on the server: an audience's size before a campaign is saved (the members a campaign of
 * that audience would reach), each campaign's coupons out and audience, and the month's subscribe messages as the
 * functions counted their sends (matching what WeChat's stand-in recorded). Operators with the marketing area
 * only; bad input is refused with every field named and changes nothing.
 */
import { DEMO_ASSISTANT, DEMO_OPERATOR, DEMO_STORE, DEMO_STORE_2 } from '../../scripts/demo-data'
import type { CreateCampaignInput } from '../../src/api/schemas'
import { newMember, type Member } from '../../src/domain/member'
import { at } from '../support/clock'
import { startTestCloud } from './harness'

type Harness = Awaited<ReturnType<typeof startTestCloud>>
let h: Harness
const now = at('2026-11-23T10:00:00')

interface Person {
  id: string
  tier: 'member' | 'vip' | 'gold'
  storeId: string | null
  spendFen: number
  visits: number
}
/** Default class rules: A ≥ ¥10,000 & 6 visits, B ≥ ¥3,000 & 3, C ≥ ¥500 & 1, else D. */
const PEOPLE: Person[] = [
  { id: 'mk-gold', tier: 'gold', storeId: DEMO_STORE._id, spendFen: 1_200_000, visits: 8 },
  { id: 'mk-vip', tier: 'vip', storeId: DEMO_STORE_2._id, spendFen: 400_000, visits: 3 },
  { id: 'mk-member', tier: 'member', storeId: DEMO_STORE._id, spendFen: 60_000, visits: 1 },
  { id: 'mk-none', tier: 'member', storeId: null, spendFen: 0, visits: 0 },
]
const memberNo = (i: number) => `771000${String(i + 1).padStart(5, '0')}`

const memberDoc = (p: Person, i: number): Member => ({
  ...newMember(
    {
      openid: p.id,
      memberNo: memberNo(i),
      name: `营销${i + 1}`,
      mobile: `136${String(i + 1).padStart(8, '0')}`,
      birthday: { month: 12, day: 5 },
      storeId: p.storeId,
      assistantId: null,
      consentVersion: 'v1',
      referralCode: `MKT${String(i + 1).padStart(4, '0')}`,
    },
    at('2025-01-01T10:00:00'),
  ),
  tier: p.tier,
  vipUntil: p.tier === 'vip' ? at('2027-06-30T00:00:00') : null,
  lifetimeSpendFen: p.spendFen,
  purchaseCount: p.visits,
  lastPurchaseAt: p.visits > 0 ? at('2026-11-10T10:00:00') : null,
  // This one switched birthday messages off under 我的资料.
  ...(p.id === 'mk-none' ? { profile: { messages: { newArrivals: true, events: true, birthday: false, pointsExpiry: true } } } : {}),
})

beforeAll(async () => {
  h = await startTestCloud()
  h.cloud.executor.insert('members', PEOPLE.map(memberDoc))
  // The nightly segments (classes), as the hourly upkeep stores them.
  expect((await h.cloud.fireTimer('jobs', 'upkeep', { clock: now })).body).toMatchObject({ ok: true })
}, 60_000)
afterAll(() => h?.close())

const size = async (audience: CreateCampaignInput['audience']) =>
  (await h.ok(DEMO_OPERATOR._id, 'ops', 'audienceSize', { audience }, { clock: now })).members

describe('audienceSize', () => {
  const cases: [string, CreateCampaignInput['audience'], number][] = [
    ['all members', { kind: 'all' }, 4],
    ['VIP and gold', { kind: 'tiers', tiers: ['vip', 'gold'] }, 2],
    ['one store', { kind: 'store', storeId: DEMO_STORE._id }, 2],
    ['a store nobody chose', { kind: 'store', storeId: 'NOPE01' }, 0],
    // A code twice counts once; a code of nobody counts nothing.
    ['a named list', { kind: 'list', memberCodes: [memberNo(1), memberNo(1), memberNo(3), '77100099999'] }, 2],
    ['classes B and C', { kind: 'classes', classes: ['B', 'C'] }, 2],
    ['class D', { kind: 'classes', classes: ['D'] }, 1],
    // Only members who spent anything rank on 主力户: three of them, however many are asked for.
    ['the top 2 by spend', { kind: 'top', list: 'main', count: 2 }, 2],
    ['the top 50 by spend', { kind: 'top', list: 'main', count: 50 }, 3],
  ]
  it.each(cases)('%s: counts the members a campaign would reach', async (_name, audience, expected) => {
    expect(await size(audience)).toBe(expected)
  })

  it('reaches exactly the members an issued campaign gives its coupon to', async () => {
    const audience: CreateCampaignInput['audience'] = { kind: 'tiers', tiers: ['member'] }
    const expected = await size(audience)
    const { campaign } = await h.ok(
      DEMO_OPERATOR._id,
      'ops',
      'createCampaign',
      {
        title: '预览核对',
        templateId: 'welcome-20off200',
        mode: 'issue',
        audience,
        opensAt: now,
        vipEarlyDays: 0,
        endsAt: at('2026-12-31T00:00:00'),
        requestId: 'preview-check-1',
      },
      { clock: now },
    )
    expect(campaign).toMatchObject({ status: 'active', issued: expected, skipped: 0 })
  })
})

describe('campaignFigures', () => {
  it('answers each campaign its coupons out and its audience now, and nothing for an unknown id', async () => {
    const { campaign } = await h.ok(
      DEMO_OPERATOR._id,
      'ops',
      'createCampaign',
      {
        title: '到店领券',
        templateId: 'welcome-20off200',
        mode: 'claim',
        audience: { kind: 'store', storeId: DEMO_STORE._id },
        opensAt: at('2026-11-20T00:00:00'),
        vipEarlyDays: 0,
        endsAt: at('2026-12-31T00:00:00'),
        requestId: 'figures-claim-1',
      },
      { clock: now },
    )
    await h.ok('mk-gold', 'member', 'claimCampaign', { campaignId: campaign.id }, { clock: now })
    const issued = h.cloud.executor.find('campaigns', { title: '预览核对' })[0]._id as string

    const { figures } = await h.ok(DEMO_OPERATOR._id, 'ops', 'campaignFigures', { campaignIds: [campaign.id, issued, 'cmp-nobody'] })
    expect(figures.sort((a, b) => a.campaignId.localeCompare(b.campaignId))).toEqual(
      [
        { campaignId: campaign.id, coupons: 1, audience: 2 },
        { campaignId: issued, coupons: 2, audience: 2 },
      ].sort((a, b) => a.campaignId.localeCompare(b.campaignId)),
    )
  })
})

describe('messageFigures', () => {
  it('counts each send of the month by outcome, matching what WeChat recorded', async () => {
    // Three consents to the birthday message; WeChat refuses one (43101); one member switched birthday messages off.
    for (const id of ['mk-gold', 'mk-vip', 'mk-member', 'mk-none'])
      await h.ok(id, 'member', 'recordSubscription', { template: 'birthdayCoupon', accepted: true }, { clock: now })
    h.cloud.openapi.refuse('subscribeMessage.send', { touser: 'mk-member' })
    await h.cloud.fireTimer('jobs', 'upkeep', { clock: at('2026-12-01T00:05:00') })
    await h.cloud.fireTimer('jobs', 'upkeep', { clock: at('2026-12-01T01:05:00') })
    h.cloud.openapi.clearRefusals()

    const outbox = PEOPLE.flatMap((p) => h.cloud.openapi.outbox({ touser: p.id }))
    const figures = await h.ok(DEMO_OPERATOR._id, 'ops', 'messageFigures', { month: '2026-12' })
    expect(figures).toEqual({
      month: '2026-12',
      kinds: [
        {
          kind: 'birthdayCoupon',
          sent: outbox.length,
          delivered: outbox.filter((m) => m.status === 'sent').length,
          refused: outbox.filter((m) => m.status === 'refused').length,
          failed: 0,
          noConsent: 1,
          reached: 2,
        },
        { kind: 'eventReminder', sent: 0, delivered: 0, refused: 0, failed: 0, noConsent: 0, reached: 0 },
        { kind: 'waitlistPromoted', sent: 0, delivered: 0, refused: 0, failed: 0, noConsent: 0, reached: 0 },
      ],
    })
    expect(outbox.map((m) => m.status).sort()).toEqual(['refused', 'sent', 'sent'])
    // Another month has its own figures.
    expect((await h.ok(DEMO_OPERATOR._id, 'ops', 'messageFigures', { month: '2026-11' })).kinds.every((k) => k.sent === 0)).toBe(true)
  })
})

describe('who may ask, and what is refused', () => {
  const inputs = {
    audienceSize: { audience: { kind: 'all' } },
    campaignFigures: { campaignIds: [] },
    messageFigures: { month: '2026-12' },
  } as const

  it.each(Object.keys(inputs) as (keyof typeof inputs)[])('%s: refused to staff, shoppers and operators without 营销', async (action) => {
    h.cloud.executor.insert('operators', [
      { _id: 'op-members-only', operatorId: 'OP09', name: '只管会员', active: true, areas: ['members'] },
    ])
    for (const caller of [DEMO_ASSISTANT._id, 'mk-gold', 'op-members-only']) {
      const answer = await h.call(caller, 'ops', action, inputs[action])
      expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
    h.cloud.executor.remove('operators', { _id: 'op-members-only' })
  })

  it('refuses bad input naming each field, and writes nothing', async () => {
    const before = h.cloud.executor.find('stats', {}).length
    const bad: [keyof typeof inputs, Record<string, unknown>, string][] = [
      ['messageFigures', { month: '2026-13' }, 'month'],
      ['messageFigures', {}, 'month'],
      ['audienceSize', { audience: { kind: 'tiers', tiers: [] } }, 'audience.tiers'],
      ['audienceSize', { audience: { kind: 'everyone' } }, 'audience.kind'],
      ['audienceSize', { audience: { kind: 'top', list: 'main', count: 5000 } }, 'audience.count'],
      ['campaignFigures', { campaignIds: Array.from({ length: 101 }, (_, i) => `cmp-${i}`) }, 'campaignIds'],
      ['campaignFigures', { campaignIds: ['../x'] }, 'campaignIds.0'],
    ]
    for (const [action, input, field] of bad) {
      const answer = await h.call(DEMO_OPERATOR._id, 'ops', action, input)
      expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [expect.objectContaining({ field })] } })
      if (!answer.ok) expect(answer.error.message).toMatch(/[\u4e00-\u9fff]/)
    }
    expect(h.cloud.executor.find('stats', {}).length).toBe(before)
  })
})
