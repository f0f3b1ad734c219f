/**
 * The operators' dashboard on Taro's H5 runtime: a period switcher asking the server for 7, 30 or 90 days,
 * and every chart's numbers printed as text — tiers over time, new members by store and assistant, member
 * sales by tier in yuan with shares, coupon redemption rates, event attendance. jsdom has no canvas to draw
 * on; the charts' data is checked as the rows F2 is given.
 */
import { fireEvent, screen, waitFor } from '@testing-library/dom'
import type { DashboardView } from '../../src/api/contract'
import { couponsChart, salesChart, tiersChart } from '../../src/ops/dashboard/charts'
import { couponRows, tierSeries } from '../../src/insights/dashboardData'
import { setPhoneClock } from './support/clock'
import { fail, installFakeCloud, ok } from './support/fakeCloud'
import { openPage, textOf, visiblePage } from './support/harness'
import { sleep } from '../support/wait'

const OPERATOR = { operatorId: 'OP01', name: '陈静' }

const VIEW: DashboardView = {
  from: '2026-10-25',
  to: '2026-11-23',
  tiers: [
    { date: '2026-10-25', member: 1_200, vip: 120, gold: 8 },
    { date: '2026-11-08', member: 1_260, vip: 131, gold: 9 },
    { date: '2026-11-23', member: 1_315, vip: 135, gold: 9 },
  ],
  newMembers: {
    daily: [
      { date: '2026-10-25', count: 40 },
      { date: '2026-11-23', count: 75 },
    ],
    byStore: [
      { storeId: 'SH001', name: '上海静安嘉里中心店', count: 90 },
      { storeId: '', name: '未经门店码加入', count: 25 },
    ],
    byAssistant: [
      { staffId: 'A01', name: '王丽', storeName: '上海静安嘉里中心店', count: 60 },
      { staffId: 'A02', name: '刘洋', storeName: '上海静安嘉里中心店', count: 30 },
    ],
  },
  sales: { totalFen: 12_345_600, byTier: { member: 4_000_000, vip: 6_345_600, gold: 2_000_000 }, daily: [], byStore: [] },
  coupons: [
    { templateId: 'birthday-30off', title: '生日月7折卡', issued: 120, used: 30 },
    { templateId: 'welcome-20off200', title: '新会员礼券', issued: 115, used: 0 },
  ],
  events: [{ id: 'ev-1', title: '秋冬搭配会员沙龙', startsAt: '2026-11-21T06:00:00.000Z', confirmed: 12, checkedIn: 10 }],
}

const lines = (panel: string) => {
  const found = Array.from(visiblePage().querySelectorAll<HTMLElement>('.ops-page__panel')).find(
    (p) => p.querySelector('.ops-page__step')?.textContent === panel,
  )
  if (!found) throw new Error(`no panel ${panel}`)
  return Array.from(found.querySelectorAll('.dash-figures__line'), (l) => l.textContent)
}

const period = (words: string) =>
  Array.from(visiblePage().querySelectorAll<HTMLElement>('.ops-direction__option')).find((o) => o.textContent === words)!

beforeAll(() => setPhoneClock('2026-11-23T06:00:00.000Z'))

describe('the dashboard', () => {
  it('prints every chart’s numbers as text', async () => {
    installFakeCloud({ 'ops.whoami': () => ok(OPERATOR), 'ops.dashboard': () => ok(VIEW) })
    await openPage('/ops/dashboard/index')
    await screen.findByText('会员销售额')
    expect(textOf('.dash-range')).toBe('2026-10-25 至 2026-11-23（今天为实时数据）')
    expect(lines('会员等级')).toEqual(['普通会员 1200 → 1315（+115）', 'VIP会员 120 → 135（+15）', '金卡会员 8 → 9（+1）'])
    expect(lines('新会员')).toEqual([
      '上海静安嘉里中心店：90 人',
      '未经门店码加入：25 人',
      '王丽（上海静安嘉里中心店）：60 人',
      '刘洋（上海静安嘉里中心店）：30 人',
    ])
    expect(Array.from(visiblePage().querySelectorAll('.dash-total'), (t) => t.textContent)).toEqual(['115 人', '¥123,456'])
    expect(lines('会员销售额')).toEqual(['普通会员 ¥40,000 · 32.4%', 'VIP会员 ¥63,456 · 51.4%', '金卡会员 ¥20,000 · 16.2%'])
    expect(lines('券核销率')).toEqual(['生日月7折卡：发放 120 · 使用 30 · 核销率 25.0%', '新会员礼券：发放 115 · 使用 0 · 核销率 0.0%'])
    expect(lines('活动到场')).toEqual(['秋冬搭配会员沙龙（11月21日）：签到 10 / 确认 12 · 到场率 83.3%'])
    // A canvas per chart, each named in words.
    expect(Array.from(visiblePage().querySelectorAll('canvas'), (c) => c.getAttribute('aria-label'))).toEqual([
      '各等级会员人数变化',
      '各门店新会员人数',
      '各导购邀请的新会员人数',
      '会员销售额按等级占比',
      '各券模板核销率',
      '各活动确认与签到人数',
    ])
  })

  it('asks for the chosen period, and shows only the latest answer', async () => {
    let answered = 0
    const cloud = installFakeCloud({
      'ops.whoami': () => ok(OPERATOR),
      'ops.dashboard': async (input) => {
        const { days } = input as { days: number }
        // The 7-day answer is slow: the 90 days asked after it must not be replaced by it.
        if (days === 7) await sleep(300)
        answered++
        return ok({ ...VIEW, from: days === 7 ? '2026-11-17' : days === 90 ? '2026-08-26' : VIEW.from })
      },
    })
    await openPage('/ops/dashboard/index')
    await screen.findByText('2026-10-25 至 2026-11-23（今天为实时数据）')
    expect(period('近 30 天').className).toContain('--on')
    fireEvent.click(period('近 7 天'))
    await waitFor(() => expect(cloud.calls.filter((c) => c.action === 'dashboard')).toHaveLength(2))
    fireEvent.click(period('近 90 天'))
    await screen.findByText('2026-08-26 至 2026-11-23（今天为实时数据）')
    await waitFor(() => expect(answered).toBe(3))
    expect(textOf('.dash-range')).toBe('2026-08-26 至 2026-11-23（今天为实时数据）')
    expect(cloud.calls.filter((c) => c.action === 'dashboard').map((c) => c.input)).toEqual([{ days: 30 }, { days: 7 }, { days: 90 }])
  })

  it('says what is empty, and offers a retry when the server fails', async () => {
    let attempts = 0
    installFakeCloud({
      'ops.whoami': () => ok(OPERATOR),
      'ops.dashboard': () =>
        ++attempts === 1
          ? fail('INTERNAL', '服务繁忙，请稍后再试')
          : ok({
              ...VIEW,
              tiers: [],
              newMembers: { daily: [], byStore: [], byAssistant: [] },
              sales: { totalFen: 0, byTier: { member: 0, vip: 0, gold: 0 }, daily: [] },
              coupons: [],
              events: [],
            }),
    })
    await openPage('/ops/dashboard/index')
    await screen.findByText('数据暂时打不开')
    fireEvent.click(screen.getByText('重新加载'))
    await screen.findByText('期间没有新会员')
    expect(screen.getByText('暂无每日统计')).toBeTruthy()
    expect(screen.getByText('期间没有发券')).toBeTruthy()
    expect(screen.getByText('期间没有活动')).toBeTruthy()
    expect(lines('会员销售额')).toEqual(['普通会员 ¥0 · —', 'VIP会员 ¥0 · —', '金卡会员 ¥0 · —'])
    expect(visiblePage().querySelectorAll('canvas')).toHaveLength(0)
  })

  it('gives F2 the same numbers as the text', () => {
    expect(tierSeries(VIEW).slice(0, 3)).toEqual([
      { date: '2026-10-25', tier: '普通会员', members: 1_200 },
      { date: '2026-10-25', tier: 'VIP会员', members: 120 },
      { date: '2026-10-25', tier: '金卡会员', members: 8 },
    ])
    expect(couponRows(VIEW).map((c) => c.rate)).toEqual([25, 0])
    expect(tiersChart(VIEW).props.data).toHaveLength(9)
    expect(salesChart(VIEW).props.data.map((d: { fen: number }) => d.fen)).toEqual([4_000_000, 6_345_600, 2_000_000])
    expect(couponsChart(VIEW).props.scale.rate).toMatchObject({ min: 0, max: 100 })
  })
})
