/**
 * The 营销 tables' rows: a campaign's state in words (VIPs' early days count as open) on each row of a page, pages
 * of a list answered whole, and the month's message figures with a total that never adds members reached across
 * kinds.
 */
import type { MessageFigures, OpsCampaignView } from '../../src/api/contract'
import { campaignRows, campaignState, messageRows, pageOf, windowText } from '../../desk/src/pages/marketing/marketingRows'
import { at } from '../support/clock'

const now = at('2026-12-07T12:00:00')
const campaign = (over: Partial<OpsCampaignView>): OpsCampaignView => ({
  id: 'cmp-1',
  title: '新季VIP礼遇',
  templateId: 'welcome-20off200',
  mode: 'claim',
  audience: '全部会员',
  opensAt: at('2026-12-08T10:00:00'),
  vipEarlyDays: 0,
  endsAt: at('2027-01-01T00:00:00'),
  status: 'active',
  issued: 0,
  skipped: 0,
  ...over,
})

describe('a campaign’s state', () => {
  it.each([
    ['not yet open to anyone', {}, 'upcoming'],
    ['open to VIPs three days early', { vipEarlyDays: 3 }, 'open'],
    ['issued directly: VIP days do not apply', { mode: 'issue' as const, vipEarlyDays: 3 }, 'upcoming'],
    ['open', { opensAt: at('2026-12-01T10:00:00') }, 'open'],
    ['still issuing', { status: 'issuing' as const, opensAt: at('2026-12-01T10:00:00') }, 'issuing'],
    ['closed by an operator', { status: 'closed' as const }, 'ended'],
    ['past its last day', { opensAt: at('2026-11-01T10:00:00'), endsAt: at('2026-12-07T00:00:00') }, 'ended'],
  ])('%s', (_name, over, state) => expect(campaignState(campaign(over), now)).toBe(state))
})

describe('a page of campaigns', () => {
  it('gives each row its state as of the server’s time, and no figures until they come', () => {
    const rows = campaignRows(
      [
        { ...campaign({ id: 'a' }), templateTitle: '新会员礼券', createdAt: at('2026-12-01T10:00:00') },
        { ...campaign({ id: 'b', status: 'closed' }), templateTitle: 'gone-1', createdAt: at('2026-12-02T10:00:00') },
      ],
      now,
    )
    expect(rows.map((r) => [r.id, r.state, r.templateTitle, r.figures])).toEqual([
      ['a', 'upcoming', '新会员礼券', null],
      ['b', 'ended', 'gone-1', null],
    ])
    // A day later the first has opened.
    expect(campaignRows([{ ...campaign({ id: 'a' }), templateTitle: 't', createdAt: now }], at('2026-12-08T10:00:00'))[0].state).toBe(
      'open',
    )
  })
})

describe('pages of a list answered whole', () => {
  const rows = Array.from({ length: 45 }, (_, i) => i)
  it('walks every row once by cursor, and counts them all', () => {
    const seen: number[] = []
    let cursor: string | null = null
    do {
      const page: ReturnType<typeof pageOf<number>> = pageOf(rows, cursor, 20)
      expect(page.total).toBe(45)
      seen.push(...page.rows)
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toEqual(rows)
  })
  it('treats a cursor it did not make as the first page', () => expect(pageOf(rows, 'x', 5).rows).toEqual([0, 1, 2, 3, 4]))
})

it('writes a campaign’s window in business time, its last day inclusive', () =>
  expect(windowText({ opensAt: '2026-12-08T02:00:00.000Z', endsAt: '2026-12-31T16:00:00.000Z' })).toEqual({
    opens: '2026-12-08 10:00',
    lastDay: '2026-12-31',
  }))

describe('the month’s message figures', () => {
  const kinds: MessageFigures[] = [
    { kind: 'birthdayCoupon', sent: 15, delivered: 12, refused: 2, failed: 1, noConsent: 5, reached: 11 },
    { kind: 'eventReminder', sent: 0, delivered: 0, refused: 0, failed: 0, noConsent: 2, reached: 0 },
  ]
  it('names each kind, gives its delivered share, and adds a total without adding members reached', () => {
    expect(messageRows(kinds).map((r) => [r.name, r.sent, r.deliveredRate, r.noConsent, r.reachedText])).toEqual([
      ['生日礼券到账', 15, '80.0%', 5, '11'],
      ['活动开始提醒', 0, '—', 2, '0'],
      ['合计', 15, '80.0%', 7, '—'],
    ])
  })
})
