/**
 * The desk's 营销 tables past 100 rows (ops.listCampaigns, ops.listReferrals): keyset pages, small ones, both ways,
 * reach every row once in order; the filters select what the tab offers (not ended / ended as of now, a campaign's
 * or its coupon's title, a referral's status); a cursor of another list or a forged one is refused; only operators
 * with 营销 may ask, and bad input changes nothing.
 */
import { DEMO_ASSISTANT, DEMO_MANAGER, DEMO_OPERATOR } from '../../scripts/demo-data'
import type { OpsCampaignRow, ReferralView } from '../../src/api/contract'
import type { ListPage } from '../../src/api/lists'
import { newMember } from '../../src/domain/member'
import { at } from '../support/clock'
import { startTestCloud } from './harness'

type Harness = Awaited<ReturnType<typeof startTestCloud>>
let h: Harness
const now = at('2026-11-23T10:00:00')
const DAY = 86_400_000
const iso = (ms: number) => new Date(ms).toISOString()
const base = Date.parse(at('2026-06-01T10:00:00'))

/** 130 campaigns: created an hour apart (some at the same instant), opening in a scrambled order, every 4th closed, every 5th over. */
const N = 130
const campaigns = Array.from({ length: N }, (_, i) => {
  const id = `cmp-list-${String(i).padStart(3, '0')}`
  const closed = i % 4 === 0
  const over = i % 5 === 0
  return {
    _id: id,
    title: i % 10 === 3 ? `冬季专享 ${i}` : `活动 ${i}`,
    templateId: i % 7 === 0 ? 'tpl-list-warm' : 'welcome-20off200',
    mode: i % 2 ? 'claim' : 'issue',
    audience: { kind: 'all' },
    earlyAccess: { opensAt: iso(base + ((i * 37) % N) * DAY), vipDays: 0 },
    endsAt: over ? iso(Date.parse(now) - DAY) : iso(Date.parse(now) + 30 * DAY),
    createdBy: 'OP01',
    // Pairs share an instant: ties are broken by the id.
    createdAt: iso(base + Math.floor(i / 2) * 3_600_000),
    status: closed ? 'closed' : 'active',
    progress: { cursor: '', issued: 0, skipped: 0 },
  }
})
const ended = (c: (typeof campaigns)[number]) => c.status === 'closed' || c.endsAt <= now

/** 120 referrals among 12 members; statuses in turn; joined a day apart, pairs at the same instant. */
const M = 12
const members = Array.from({ length: M }, (_, i) =>
  newMember(
    {
      openid: `ref-m${i}`,
      memberNo: `7720000${String(i).padStart(4, '0')}`,
      name: `邀请${i}`,
      mobile: `1370000${String(i).padStart(4, '0')}`,
      birthday: { month: 3, day: 1 },
      storeId: null,
      assistantId: null,
      consentVersion: 'v1',
      referralCode: `RLST${String(i).padStart(2, '0')}`,
    },
    at('2025-01-01T10:00:00'),
  ),
)
const STATUSES = ['held', 'pending', 'rewarded', 'capped', 'rejected'] as const
const referrals = Array.from({ length: 120 }, (_, i) => ({
  _id: `ref-invitee-${String(i).padStart(3, '0')}`,
  inviterId: members[i % M]._id,
  // Most invitees are not in the members collection: they show as —.
  inviteeId: i < M ? members[(i + 1) % M]._id : `ref-invitee-${String(i).padStart(3, '0')}`,
  joinedAt: iso(base + Math.floor(i / 2) * DAY),
  status: STATUSES[i % STATUSES.length],
  flags: i % 5 === 0 ? ['burst'] : [],
  purchaseId: null,
  rewardedAt: null,
  review: null,
}))

beforeAll(async () => {
  h = await startTestCloud()
  h.cloud.executor.insert('couponTemplates', [
    {
      _id: 'tpl-list-warm',
      title: '冬日暖心券',
      note: '',
      benefit: { kind: 'amountOff', amountOffFen: 1_000, minSpendFen: 10_000 },
      validity: { kind: 'days', days: 30 },
      tiers: ['member', 'vip', 'gold'],
      stock: { total: null, issued: 0 },
      combinesWithVipPrice: false,
      active: true,
      createdAt: now,
    },
  ])
  h.cloud.executor.insert('campaigns', campaigns)
  h.cloud.executor.insert('members', members)
  h.cloud.executor.insert('referrals', referrals)
  h.cloud.executor.insert('operators', [{ _id: 'op-members-only', operatorId: 'OP09', name: '只管会员', active: true, areas: ['members'] }])
}, 60_000)
afterAll(() => h?.close())

/** Every page to the end with one filter, sort and page size, as the desk (and an export) pages. */
const pageAll = async <R>(action: 'listCampaigns' | 'listReferrals', input: Record<string, unknown>) => {
  const rows: R[] = []
  const totals = new Set<number>()
  let cursor: string | null = null
  for (let pages = 0; pages < 200; pages++) {
    const page = (await h.ok(DEMO_OPERATOR._id, 'ops', action, { ...input, cursor } as never, { clock: now })) as ListPage<R>
    expect(page.rows.length).toBeLessThanOrEqual((input.limit as number) ?? 20)
    rows.push(...page.rows)
    totals.add(page.total)
    if (page.nextCursor === null) return { rows, totals: [...totals] }
    cursor = page.nextCursor
  }
  throw new Error('the list never reached its end')
}

const byKeyThenId = <T extends { _id: string }>(docs: T[], key: (d: T) => string, order: 'asc' | 'desc') => {
  const ids = [...docs].sort((a, b) => key(a).localeCompare(key(b)) || a._id.localeCompare(b._id)).map((d) => d._id)
  return order === 'asc' ? ids : ids.reverse()
}

describe('listCampaigns', () => {
  it.each([
    ['createdAt', 'desc', 7],
    ['createdAt', 'asc', 9],
    ['opensAt', 'desc', 11],
    ['opensAt', 'asc', 100],
  ] as const)('pages every campaign once by %s %s, %d a page', async (by, order, limit) => {
    const { rows, totals } = await pageAll<OpsCampaignRow>('listCampaigns', { sort: { by, order }, limit })
    const key =
      by === 'createdAt' ? (c: (typeof campaigns)[number]) => c.createdAt : (c: (typeof campaigns)[number]) => c.earlyAccess.opensAt
    expect(rows.map((r) => r.id)).toEqual(byKeyThenId(campaigns, key, order))
    expect(totals).toEqual([N])
  })

  it('selects the campaigns not ended, and the ended ones, as of now', async () => {
    for (const active of [true, false]) {
      const { rows, totals } = await pageAll<OpsCampaignRow>('listCampaigns', { filter: { active }, limit: 13 })
      const expected = campaigns.filter((c) => ended(c) !== active)
      expect(rows.map((r) => r.id).sort()).toEqual(expected.map((c) => c._id).sort())
      expect(totals).toEqual([expected.length])
    }
  })

  it('finds a campaign by its own title or its coupon’s, and names the coupon', async () => {
    const { rows } = await pageAll<OpsCampaignRow>('listCampaigns', { filter: { search: '冬' }, limit: 5 })
    const expected = campaigns.filter((c) => c.title.includes('冬') || c.templateId === 'tpl-list-warm')
    expect(rows.map((r) => r.id).sort()).toEqual(expected.map((c) => c._id).sort())
    const warm = rows.find((r) => r.id === 'cmp-list-007')
    expect(warm).toMatchObject({ templateTitle: '冬日暖心券', createdAt: campaigns[7].createdAt, status: 'active' })
    expect(rows.find((r) => r.id === 'cmp-list-003')).toMatchObject({ templateTitle: '新会员礼券' })
    // Both filters at once: not ended, and 冬 in a title.
    const open = await pageAll<OpsCampaignRow>('listCampaigns', { filter: { search: '冬', active: true }, limit: 5 })
    expect(open.rows.map((r) => r.id).sort()).toEqual(
      expected
        .filter((c) => !ended(c))
        .map((c) => c._id)
        .sort(),
    )
    // A search is text, never a pattern.
    expect((await h.ok(DEMO_OPERATOR._id, 'ops', 'listCampaigns', { filter: { search: '.*' } })).total).toBe(0)
  })

  it('answers the server time its states were read at', async () => {
    const page = await h.ok(DEMO_OPERATOR._id, 'ops', 'listCampaigns', { limit: 1 }, { clock: now })
    expect(page.serverTime).toBe(now)
  })
})

describe('listReferrals', () => {
  it.each([
    ['desc', 8],
    ['asc', 13],
  ] as const)('pages every referral once, joined %s, %d a page', async (order, limit) => {
    const { rows, totals } = await pageAll<ReferralView>('listReferrals', { sort: { by: 'joinedAt', order }, limit })
    // Two referrals share each instant, never a status: instant and status name each one.
    const named = (r: { joinedAt: string; status: string }) => `${r.joinedAt} ${r.status}`
    const ids = byKeyThenId(referrals, (r) => r.joinedAt, order)
    expect(rows.map(named)).toEqual(ids.map((id) => named(referrals.find((r) => r._id === id)!)))
    expect(new Set(rows.map(named)).size).toBe(referrals.length)
    expect(totals).toEqual([referrals.length])
  })

  it.each(STATUSES)('selects the %s referrals only, with who invited whom', async (status) => {
    const { rows, totals } = await pageAll<ReferralView>('listReferrals', { filter: { status }, limit: 6 })
    const expected = referrals.filter((r) => r.status === status)
    expect(rows).toHaveLength(expected.length)
    expect(totals).toEqual([expected.length])
    expect(rows.every((r) => r.status === status)).toBe(true)
    expect(rows.map((r) => r.inviter.name).sort()).toEqual(expected.map((r) => `邀请${Number(r.inviterId.slice(5))}`).sort())
  })

  it('names both members when they are members, and — when the friend left', async () => {
    const { rows } = await pageAll<ReferralView>('listReferrals', {
      filter: { status: 'held' },
      sort: { by: 'joinedAt', order: 'asc' },
      limit: 50,
    })
    // referrals[0] (held): member 0 invited member 1; referrals[20] (held): the friend is no member.
    expect(rows[0]).toEqual({
      invitee: { name: '邀请1', memberNo: members[1].memberNo },
      inviter: { name: '邀请0', memberNo: members[0].memberNo },
      joinedAt: referrals[0].joinedAt,
      status: 'held',
      flags: ['短时间内大量好友加入'],
    })
    expect(rows.find((r) => r.joinedAt === referrals[20].joinedAt)?.invitee).toEqual({ name: '—', memberNo: '' })
  })
})

describe('cursors, roles and bad input', () => {
  it('refuses a cursor of another list, and a forged one, and writes nothing', async () => {
    const first = await h.ok(DEMO_OPERATOR._id, 'ops', 'listCampaigns', { filter: { active: true }, limit: 5 }, { clock: now })
    const refs = await h.ok(DEMO_OPERATOR._id, 'ops', 'listReferrals', { filter: { status: 'held' }, limit: 5 })
    expect(first.nextCursor).not.toBeNull()
    const before = h.cloud.executor.find('campaigns', {}).length + h.cloud.executor.find('referrals', {}).length
    const refused = [
      // The same cursor under another filter, another sort, or the other list.
      ['listCampaigns', { filter: { active: false }, limit: 5, cursor: first.nextCursor }],
      ['listCampaigns', { filter: { active: true }, sort: { by: 'opensAt', order: 'desc' }, limit: 5, cursor: first.nextCursor }],
      ['listReferrals', { filter: { status: 'held' }, limit: 5, cursor: first.nextCursor }],
      ['listReferrals', { filter: { status: 'pending' }, limit: 5, cursor: refs.nextCursor }],
      ['listCampaigns', { cursor: 'not-a-cursor' }],
      ['listReferrals', { cursor: Buffer.from(JSON.stringify([{ $gt: '' }, 'x', 'y'])).toString('base64url') }],
    ] as const
    for (const [action, input] of refused) {
      const answer = await h.call(DEMO_OPERATOR._id, 'ops', action, input, { clock: now })
      expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [expect.objectContaining({ field: 'cursor' })] } })
    }
    expect(h.cloud.executor.find('campaigns', {}).length + h.cloud.executor.find('referrals', {}).length).toBe(before)
  })

  it.each(['listCampaigns', 'listReferrals'] as const)('%s is refused to staff, shoppers and operators without 营销', async (action) => {
    for (const caller of [DEMO_ASSISTANT._id, DEMO_MANAGER._id, members[0]._id, 'op-members-only']) {
      expect(await h.call(caller, 'ops', action, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
  })

  it('refuses bad input naming each field', async () => {
    const bad: ['listCampaigns' | 'listReferrals', Record<string, unknown>, string][] = [
      ['listCampaigns', { limit: 101 }, 'limit'],
      ['listCampaigns', { limit: 0 }, 'limit'],
      ['listCampaigns', { sort: { by: 'endsAt', order: 'asc' } }, 'sort.by'],
      ['listCampaigns', { filter: { active: 'yes' } }, 'filter.active'],
      ['listCampaigns', { filter: { search: 'x'.repeat(31) } }, 'filter.search'],
      ['listReferrals', { filter: { status: 'paid' } }, 'filter.status'],
      ['listReferrals', { sort: { by: 'joinedAt', order: 'sideways' } }, 'sort.order'],
    ]
    for (const [action, input, field] of bad) {
      const answer = await h.call(DEMO_OPERATOR._id, 'ops', action, input)
      expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [expect.objectContaining({ field })] } })
      if (!answer.ok) expect(answer.error.message).toMatch(/[\u4e00-\u9fff]/)
    }
  })
})
