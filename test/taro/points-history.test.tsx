/**
 * The points history page on Taro's H5 runtime: balance and next expiry by the server's clock, entries
 * grouped by month in Shanghai time with their running balance, paging, and the empty state.
 */
import { screen, waitFor } from '@testing-library/dom'
import type { PointsHistoryEntry, PointsHistoryPage } from '../../src/api/contract'
import { DEFAULT_PROGRAM } from '../../src/domain/program'
import { shopperRules } from '../../src/domain/shopperRules'
import { setPhoneClock } from './support/clock'
import { fail, installFakeCloud, ok } from './support/fakeCloud'
import { END_OF_2026, END_OF_2027, memberView, SERVER_TIME } from './support/fixtures'
import { currentRoute, openPage, visiblePage } from './support/harness'
import { tap } from './support/interact'

const entry = (
  id: string,
  at: string,
  points: number,
  balanceAfter: number,
  reason: string,
  detail: string | null = null,
): PointsHistoryEntry => ({
  id,
  kind: points > 0 ? 'earn' : 'redeem',
  points,
  balanceAfter,
  reason,
  at,
  detail,
})

// Newest first, as the server pages them. Oldest: 1,000 points already, then +400, +55, -200, +520.
const NOVEMBER_PURCHASE = entry('e4', '2026-11-20T06:00:00.000Z', 520, 1775, '消费积分', '上海静安嘉里中心店 · 订单 SO3')
const REDEMPTION = entry('e3', '2026-11-01T01:00:00.000Z', -200, 1255, '兑换：保温杯')
// 01:00 on 1 November in Shanghai, though still 31 October in UTC.
const JUST_AFTER_MIDNIGHT = entry('e2', '2026-10-31T17:00:00.000Z', 55, 1455, '消费积分', '上海静安嘉里中心店 · 订单 SO2')
// 23:00 on 31 October in Shanghai.
const OCTOBER_PURCHASE = entry('e1', '2026-10-31T15:00:00.000Z', 400, 1400, '消费积分', '上海静安嘉里中心店 · 订单 SO1')
const SEPTEMBER_ADJUSTMENT = entry('e0', '2026-09-10T02:00:00.000Z', 1000, 1000, '开卡礼积分')

const card = memberView({
  pointBatches: [
    { expiresAt: END_OF_2026, points: 300 },
    { expiresAt: END_OF_2027, points: 1475 },
  ],
})

const openHistory = async (pages: Record<string, PointsHistoryPage>) => {
  const cloud = installFakeCloud({
    'member.getCard': () => ok({ member: card, program: shopperRules(DEFAULT_PROGRAM), serverTime: SERVER_TIME }),
    'member.pointsHistory': (input) => ok(pages[(input as { cursor: string | null }).cursor ?? 'first']),
  })
  await openPage('/pages/points/index')
  await screen.findByText('当前积分')
  return cloud
}

/** What the page shows, month by month: each entry's reason, time, signed points and balance after. */
const shownMonths = () =>
  Array.from(visiblePage().querySelectorAll('.points-page__month'), (month) => ({
    month: month.querySelector('.points-page__month-title')!.textContent,
    entries: Array.from(month.querySelectorAll('.history-entry'), (row) =>
      [
        row.querySelector('.history-entry__reason')!.textContent,
        row.querySelector('.history-entry__time')!.textContent,
        row.querySelector('.history-entry__points')!.textContent,
        row.querySelector('.history-entry__balance')!.textContent,
      ].join(' | '),
    ),
  }))

beforeAll(() => setPhoneClock('2031-01-01T00:00:00Z'))
afterAll(() => jest.useRealTimers())

describe('points history page', () => {
  it('shows the balance and the next expiry by the server clock', async () => {
    await openHistory({ first: { entries: [NOVEMBER_PURCHASE], nextCursor: null } })
    expect(visiblePage().querySelector('.points-page__balance')!.textContent).toBe('1,775')
    expect(visiblePage().querySelector('.points-page__expiry')!.textContent).toBe('300 积分将于 2026-12-31 过期')
    expect(visiblePage().querySelector('.points-page__rule')!.textContent).toBe('每年获得的积分有效期至次年年底')
  })

  it('groups entries by month in Shanghai time, each with its signed points and the balance after it', async () => {
    await openHistory({ first: { entries: [NOVEMBER_PURCHASE, REDEMPTION, JUST_AFTER_MIDNIGHT, OCTOBER_PURCHASE], nextCursor: null } })
    expect(shownMonths()).toEqual([
      {
        month: '2026年11月',
        entries: [
          '消费积分 | 11-20 14:00 | +520 | 剩余 1,775',
          '兑换：保温杯 | 11-01 09:00 | -200 | 剩余 1,255',
          '消费积分 | 11-01 01:00 | +55 | 剩余 1,455',
        ],
      },
      { month: '2026年10月', entries: ['消费积分 | 10-31 23:00 | +400 | 剩余 1,400'] },
    ])
    expect(screen.getAllByText('上海静安嘉里中心店 · 订单 SO3')).toHaveLength(1)
    // Points in are green, points out muted.
    expect(screen.getByText('+520').className).toContain('history-entry__points--in')
    expect(screen.getByText('-200').className).toContain('history-entry__points--out')
    expect(screen.getByText('没有更多记录了')).toBeTruthy()
  })

  it('loads older entries on "加载更多", passing the cursor back, and keeps one group per month', async () => {
    const { calls } = await openHistory({
      first: { entries: [NOVEMBER_PURCHASE, REDEMPTION, JUST_AFTER_MIDNIGHT], nextCursor: 'after-e2' },
      'after-e2': { entries: [OCTOBER_PURCHASE, SEPTEMBER_ADJUSTMENT], nextCursor: null },
    })
    expect(shownMonths().map((m) => m.month)).toEqual(['2026年11月'])
    tap('加载更多')
    await screen.findByText('开卡礼积分')
    expect(calls.filter((c) => c.action === 'pointsHistory').map((c) => c.input)).toEqual([{ cursor: null }, { cursor: 'after-e2' }])
    expect(shownMonths().map((m) => [m.month, m.entries.length])).toEqual([
      ['2026年11月', 3],
      ['2026年10月', 1],
      ['2026年9月', 1],
    ])
    expect(screen.queryByText('加载更多')).toBeNull()
    expect(screen.getByText('没有更多记录了')).toBeTruthy()
  })

  it('keeps what is shown when the next page fails, and retries it', async () => {
    let failOnce = true
    const cloud = installFakeCloud({
      'member.getCard': () => ok({ member: card, program: shopperRules(DEFAULT_PROGRAM), serverTime: SERVER_TIME }),
      'member.pointsHistory': (input) => {
        if ((input as { cursor: string | null }).cursor === null) return ok({ entries: [NOVEMBER_PURCHASE], nextCursor: 'c1' })
        if (failOnce) {
          failOnce = false
          return new Error('socket hang up')
        }
        return ok({ entries: [OCTOBER_PURCHASE], nextCursor: null })
      },
    })
    await openPage('/pages/points/index')
    await screen.findByText('加载更多')
    tap('加载更多')
    await screen.findByText('网络开小差了，请稍后再试')
    expect(shownMonths()[0].entries).toHaveLength(1)
    tap('重试')
    await screen.findByText('10-31 23:00')
    expect(cloud.calls.filter((c) => c.action === 'pointsHistory')).toHaveLength(3)
  })

  it('says there is nothing yet, and how points are earned, for a new member', async () => {
    await openHistory({ first: { entries: [], nextCursor: null } })
    expect(screen.getByText('还没有积分记录')).toBeTruthy()
    expect(screen.getByText('在门店结账时出示会员码，消费即可累积积分')).toBeTruthy()
    expect(screen.queryByText('加载更多')).toBeNull()
  })

  it('sends someone who has not joined to the join page', async () => {
    installFakeCloud({
      'member.getCard': () => fail('NOT_A_MEMBER', '您还不是会员，请先注册'),
      'member.pointsHistory': () => fail('NOT_A_MEMBER', '您还不是会员，请先注册'),
    })
    await openPage('/pages/points/index')
    await waitFor(() => expect(currentRoute()).toBe('/pages/join/index'))
  })
})
