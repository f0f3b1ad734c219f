/**
 * The 营销 tables' rows: a campaign's state in words (VIPs' early days count as open), the campaigns a filter and
 * search select, paged by offset over the list the server answered whole, and the month's message figures with a
 * total that never adds members reached across kinds.
 */
import type { MessageFigures, OpsCampaignView } from '../../src/api/contract'
import { campaignPage, campaignState, messageRows, pageOf, windowText } from '../../desk/src/pages/marketing/marketingRows'
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

describe('the campaigns a filter selects', () => {
  const all = [
    campaign({ id: 'a', title: '冬季会员日' }),
    campaign({ id: 'b', title: '老客回馈', status: 'closed' }),
    campaign({ id: 'c', title: '生日月', templateId: 'birthday-30off' }),
  ]
  const titles = new Map([
    ['welcome-20off200', '新会员礼券'],
    ['birthday-30off', '生日月7折卡'],
  ])
  const ids = (filter: Parameters<typeof campaignPage>[2]) => campaignPage(all, titles, filter, null, 20, now).rows.map((r) => r.id)

  it('keeps open ones, ended ones, or all', () => {
    expect(ids({ active: true })).toEqual(['a', 'c'])
    expect(ids({ active: false })).toEqual(['b'])
    expect(ids({})).toEqual(['a', 'b', 'c'])
  })

  it('searches the title and the coupon’s name, ignoring case and spaces around', () => {
    expect(ids({ search: ' 7折 ' })).toEqual(['c'])
    expect(ids({ search: '会员' })).toEqual(['a', 'b'])
    expect(ids({ search: '回馈', active: true })).toEqual([])
  })

  it('names the coupon, or shows its id when the template is gone', () => {
    const [row] = campaignPage([campaign({ templateId: 'gone-1' })], titles, {}, null, 20, now).rows
    expect(row).toMatchObject({ templateTitle: 'gone-1', state: 'upcoming', figures: null })
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
