/**
 * The staff workbench's lists on Taro's H5 runtime: the way in from the staff home (by role), 我的顾客 (search
 * with its errors at the row, paging, a manager's whole store), 今日与本月 (sections with counts, thresholds
 * from the answer, the server's clock, empty states) and 回访统计 (managers only, month switcher).
 */
import { screen, waitFor } from '@testing-library/dom'
import type { CustomerView } from '../../src/api/contract'
import { setPhoneClock } from './support/clock'
import { fail, installFakeCloud, ok } from './support/fakeCloud'
import { STAFF } from './support/fixtures'
import { currentRoute, openPage, textOf, visiblePage } from './support/harness'
import { errorOf, tap, typeInto } from './support/interact'
import { customer, MANAGER, QIAN_FANG, todayView, WU_QIAN, ZHANG_MIN, ZHAO_YA } from './support/workbench'

// The phone's clock is months off: every "days ago" must come from the server's clock.
beforeAll(() => setPhoneClock('2027-03-02T02:00:00.000Z'))

const texts = (selector: string) => Array.from(visiblePage().querySelectorAll(selector), (e) => e.textContent)
const rowOf = (name: string) =>
  Array.from(visiblePage().querySelectorAll<HTMLElement>('.customer-row')).find(
    (r) => r.querySelector('.customer-row__name')?.textContent === name,
  )!
const linesOf = (name: string) => Array.from(rowOf(name).querySelectorAll('.customer-row__line'), (l) => l.textContent)

describe('the staff home', () => {
  it('offers a shop assistant 今日与本月 and 我的顾客 after the till, and no statistics', async () => {
    installFakeCloud({ 'staff.whoami': () => ok(STAFF), 'staff.today': () => ok(todayView()) })
    await openPage('/staff/index/index')
    await screen.findByText('顾客维护')
    expect(texts('.staff-actions__title').slice(6)).toEqual(['今日与本月', '我的顾客'])
    expect(screen.queryByText('回访统计')).toBeNull()
    tap('今日与本月')
    await waitFor(() => expect(currentRoute()).toBe('/staff/today/index'))
    await screen.findByText('本月生日')
  })

  it('offers a store manager the store’s customers and 回访统计', async () => {
    installFakeCloud({ 'staff.whoami': () => ok(MANAGER), 'staff.callbackStats': () => ok({ month: '2026-11', byAssistant: [] }) })
    await openPage('/staff/index/index')
    await screen.findByText('顾客维护')
    expect(textOf('.role-header__who')).toBe('店长 周慧 · 工号 M01')
    expect(texts('.staff-actions__title').slice(6)).toEqual(['今日与本月', '本店顾客', '回访统计', '本店员工'])
    tap('回访统计')
    await waitFor(() => expect(currentRoute()).toBe('/staff/callbacks/index'))
    await screen.findByText('2026年11月还没有回访记录')
  })
})

describe('我的顾客', () => {
  const page = (from: number, count: number): CustomerView[] =>
    Array.from({ length: count }, (_, i) => customer({ memberNo: String(20000000000 + from + i), name: `顾客${from + i}` }))

  it('lists my customers with tier, grade, last purchase and spend, and loads more until the end', async () => {
    const { calls } = installFakeCloud({
      'staff.whoami': () => ok(STAFF),
      'staff.customers': (input) => {
        const { offset } = input as { offset: number }
        return offset === 0
          ? ok({ customers: [ZHANG_MIN, ZHAO_YA, ...page(2, 48)], more: true })
          : ok({ customers: page(50, 3), more: false })
      },
    })
    await openPage('/staff/customers/index')
    await screen.findByText('张敏')
    expect(textOf('.customer-list__step')).toBe('我的顾客 · 最近到店在前')
    expect(rowOf('赵雅').querySelector('.tier-badge')!.textContent).toBe('VIP会员')
    expect(rowOf('赵雅').querySelector('.class-badge')!.textContent).toBe('C类')
    expect(linesOf('赵雅')).toEqual(['上次消费 2026-10-19 · 累计 ¥879'])
    expect(linesOf('张敏')).toEqual(['上次消费 2026-11-03 · 累计 ¥368'])
    expect(visiblePage().querySelectorAll('.customer-row')).toHaveLength(50)

    tap('加载更多')
    await screen.findByText('顾客52')
    expect(visiblePage().querySelectorAll('.customer-row')).toHaveLength(53)
    expect(calls.filter((c) => c.action === 'customers').map((c) => c.input)).toEqual([{ offset: 0 }, { offset: 50 }])
    expect(screen.queryByText('加载更多')).toBeNull()
  })

  it('marks an imported member who has not opened the card 已导入，未开卡, and only them', async () => {
    const imported = customer({ memberNo: '20261123999', name: '导入顾客', unclaimed: true })
    installFakeCloud({ 'staff.whoami': () => ok(STAFF), 'staff.customers': () => ok({ customers: [ZHANG_MIN, imported], more: false }) })
    await openPage('/staff/customers/index')
    await screen.findByText('导入顾客')
    expect(rowOf('导入顾客').querySelector('.unclaimed-badge')!.textContent).toBe('已导入，未开卡')
    expect(rowOf('张敏').querySelector('.unclaimed-badge')).toBeNull()
  })

  it('shows a store manager the whole store, with who looks after each customer', async () => {
    installFakeCloud({ 'staff.whoami': () => ok(MANAGER), 'staff.customers': () => ok({ customers: [ZHANG_MIN, QIAN_FANG], more: false }) })
    await openPage('/staff/customers/index')
    await screen.findByText('钱芳')
    expect(textOf('.customer-list__step')).toBe('本店顾客 · 最近到店在前')
    expect(linesOf('钱芳')).toEqual(['上次消费 2026-11-03 · 累计 ¥5,600', '负责导购 赵敏'])
    expect(linesOf('张敏')[1]).toBe('负责导购 王丽')
  })

  it('searches by name, the phone’s last 4 digits or both; other digit counts are caught at the row, before asking', async () => {
    const { calls } = installFakeCloud({
      'staff.whoami': () => ok(STAFF),
      'staff.customers': (input) => {
        const { search } = input as { search?: string }
        if (!search) return ok({ customers: [ZHANG_MIN, ZHAO_YA], more: false })
        return ok({ customers: search === '2101' || search === '张2101' ? [ZHANG_MIN] : [], more: false })
      },
    })
    await openPage('/staff/customers/index')
    await screen.findByText('赵雅')
    const searches = () => calls.filter((c) => c.action === 'customers').map((c) => (c.input as { search?: string }).search)

    await typeInto('搜索顾客', '210')
    tap('搜索')
    await waitFor(() => expect(errorOf('搜索顾客')).toBe('手机尾号请输入 4 位'))
    for (const more of ['02101', '13712342101']) {
      await typeInto('搜索顾客', more)
      tap('搜索')
      await waitFor(() => expect(errorOf('搜索顾客')).toBe('手机号只能按后 4 位搜索'))
    }
    expect(searches()).toEqual([undefined])

    await typeInto('搜索顾客', '2101')
    expect(errorOf('搜索顾客')).toBeNull()
    tap('搜索')
    await waitFor(() => expect(textOf('.customer-list__step')).toBe('搜索「2101」'))
    expect(screen.queryByText('赵雅')).toBeNull()
    expect(screen.getByText('张敏')).toBeTruthy()

    await typeInto('搜索顾客', '张2101')
    tap('搜索')
    await waitFor(() => expect(textOf('.customer-list__step')).toBe('搜索「张2101」'))
    expect(screen.getByText('张敏')).toBeTruthy()

    await typeInto('搜索顾客', '欧阳')
    tap('搜索')
    await screen.findByText('没有找到「欧阳」')
    expect(textOf('.wb-section__empty-hint')).toBe('可输入姓名开头，或手机号后 4 位')
    tap('清除搜索')
    await screen.findByText('赵雅')
    expect(searches()).toEqual([undefined, '2101', '张2101', '欧阳', undefined])
  })

  it('says what went wrong and retries', async () => {
    let attempts = 0
    installFakeCloud({
      'staff.whoami': () => ok(STAFF),
      'staff.customers': () => (++attempts === 1 ? new Error('socket hang up') : ok({ customers: [], more: false })),
    })
    await openPage('/staff/customers/index')
    await screen.findByText('网络开小差了，请稍后再试')
    tap('重新加载')
    await screen.findByText('还没有由您负责的顾客')
    expect(textOf('.wb-section__empty-hint')).toBe('顾客扫您的门店码入会后会出现在这里')
  })

  it('opens a customer’s record from the row', async () => {
    installFakeCloud({
      'staff.whoami': () => ok(STAFF),
      'staff.customers': () => ok({ customers: [ZHANG_MIN], more: false }),
      'staff.customer': () => ok({ customer: ZHANG_MIN, callbacks: [], callbackDefaultDate: '2026-12-23' }),
    })
    await openPage('/staff/customers/index')
    tap(await screen.findByText('张敏').then(() => '张敏'))
    await waitFor(() => expect(currentRoute()).toBe('/staff/customer/index'))
    await screen.findByText('顾客资料卡')
    expect(window.location.hash).toContain('no=20261123101')
  })
})

describe('今日与本月', () => {
  const sectionOf = (key: string) => visiblePage().querySelector<HTMLElement>(`.today-section--${key}`)!
  const sectionText = (key: string, selector: string) => sectionOf(key).querySelector(selector)?.textContent

  it('lists this month’s birthdays, lapsing VIPs, the win-back lists and callbacks due, with counts, by the server’s day', async () => {
    installFakeCloud({ 'staff.whoami': () => ok(STAFF), 'staff.today': () => ok(todayView()) })
    await openPage('/staff/today/index')
    await screen.findByText('本月生日')
    expect(textOf('.today-date')).toBe('11月23日 · 我负责的顾客')
    expect(texts('.wb-section__title')).toEqual(['本月生日', '即将到期VIP', '90天未到店', '180天未到店', '待回访'])
    expect(texts('.wb-section__count')).toEqual(['1', '1', '1', '1', '1'])
    expect(sectionText('birthdays', '.customer-row__line')).toBe('生日 11月27日')
    expect(sectionText('lapsing', '.customer-row__line')).toBe('VIP有效期至 2026-12-13 · 还剩 20 天')
    expect(sectionText('drifting', '.customer-row__line')).toBe('上次到店 2026-08-15 · 100 天未到店')
    expect(sectionText('lost', '.customer-row__line')).toBe('上次到店 2026-05-07 · 200 天未到店')
    expect(sectionText('callbacksDue', '.customer-row__line')).toBe('今天应回访')
    // An assistant's own customers: no "who looks after them" line.
    expect(visiblePage().querySelectorAll('.customer-row__line')).toHaveLength(5)
  })

  it('takes the thresholds from the answer, and says so in words when a list is empty', async () => {
    installFakeCloud({
      'staff.whoami': () => ok(STAFF),
      'staff.today': () =>
        ok(
          todayView({
            birthdays: [],
            lapsing: [],
            drifting: [],
            lost: [],
            callbacksDue: [],
            thresholds: { lapseWarningDays: 45, winBackDays: [60, 120] },
          }),
        ),
    })
    await openPage('/staff/today/index')
    await screen.findByText('本月没有顾客过生日')
    expect(texts('.wb-section__title')).toEqual(['本月生日', '即将到期VIP', '60天未到店', '120天未到店', '待回访'])
    expect(texts('.wb-section__count')).toEqual(['0', '0', '0', '0', '0'])
    expect(texts('.wb-section__empty')).toEqual([
      '本月没有顾客过生日',
      '45 天内没有VIP到期',
      '没有 60–120 天未到店的顾客',
      '没有 120 天以上未到店的顾客',
      '今天没有待回访的顾客',
    ])
    expect(sectionText('drifting', '.wb-section__hint')).toBe('60–120 天没有到店：新品或活动邀请回店')
  })

  it('shows a store manager whose customer each one is, and opens the record from a row', async () => {
    installFakeCloud({
      'staff.whoami': () => ok(MANAGER),
      'staff.today': () =>
        ok(todayView({ birthdays: [ZHANG_MIN, QIAN_FANG], callbacksDue: [{ ...WU_QIAN, nextCallbackAt: '2026-11-19T01:00:00.000Z' }] })),
      'staff.customer': () => ok({ customer: QIAN_FANG, callbacks: [], callbackDefaultDate: '2026-12-23' }),
    })
    await openPage('/staff/today/index')
    await screen.findByText('钱芳')
    expect(textOf('.today-date')).toBe('11月23日 · 本店全部顾客')
    expect(sectionText('birthdays', '.wb-section__count')).toBe('2')
    expect(linesOf('钱芳')).toEqual(['生日 11月30日', '负责导购 赵敏'])
    expect(linesOf('吴倩')[0]).toBe('应于 11月19日 回访 · 已过 4 天')
    tap('钱芳')
    await waitFor(() => expect(currentRoute()).toBe('/staff/customer/index'))
    await screen.findByText('顾客资料卡')
  })

  it('shows a store manager the brake’s alerts above the lists, and resumes a paused till from there', async () => {
    const brake = { member: { wrongCodes: 5, withinMinutes: 10, lockMinutes: 15 }, till: { wrongCodes: 30, withinMinutes: 60 } }
    const locked = {
      id: 'alert:member:20261123002:1:SH001',
      kind: 'memberLocked' as const,
      at: '2026-11-23T02:05:00.000Z',
      staff: { staffId: 'A03', name: '赵敏' },
      memberNo: '20261123002',
      until: '2026-11-23T02:20:00.000Z',
      open: false,
      resolvedAt: null,
      resolvedBy: null,
    }
    const paused = {
      ...locked,
      id: 'alert:till:A03:1',
      kind: 'tillPaused' as const,
      at: '2026-11-23T03:00:00.000Z',
      memberNo: null,
      until: null,
      open: true,
    }
    let resumed = false
    const { calls } = installFakeCloud({
      'staff.whoami': () => ok(MANAGER),
      'staff.today': () => ok(todayView()),
      'staff.codeAlerts': () =>
        ok({
          alerts: resumed
            ? [{ ...paused, open: false, resolvedAt: '2026-11-23T03:10:00.000Z', resolvedBy: '周慧' }, locked]
            : [paused, locked],
          brake,
        }),
      'staff.resumeTill': () => {
        resumed = true
        return ok({ resumed: true })
      },
    })
    await openPage('/staff/today/index')
    await screen.findByText('安全提醒')
    expect(texts('.code-alert__title')).toEqual(['导购 赵敏 的收银台已暂停扫码', '会员 2026 1123 002 的动态码已锁定至 10:20'])
    expect(texts('.code-alert__line')[1]).toBe('11月23日 10:05 · 赵敏 的收银台多次输错该会员的会员码')
    tap('恢复收银')
    await screen.findByText('导购 赵敏 的收银台曾暂停扫码')
    expect(calls.filter((c) => c.action === 'resumeTill').map((c) => c.input)).toEqual([{ staffId: 'A03' }])
    expect(texts('.code-alert__line')[0]).toBe('11月23日 11:00 暂停 · 周慧 于 11月23日 11:10 恢复')
    expect(screen.queryByText('恢复收银')).toBeNull()
  })

  it('asks an assistant for no alerts, and shows a manager none when all is quiet', async () => {
    const assistant = installFakeCloud({ 'staff.whoami': () => ok(STAFF), 'staff.today': () => ok(todayView()) })
    await openPage('/staff/today/index')
    await screen.findByText('本月生日')
    expect(assistant.calls.map((c) => c.action)).not.toContain('codeAlerts')
    const manager = installFakeCloud({
      'staff.whoami': () => ok(MANAGER),
      'staff.today': () => ok(todayView()),
      'staff.codeAlerts': () => ok({ alerts: [], brake: {} }),
    })
    await openPage('/staff/today/index')
    await screen.findByText('本店全部顾客', { exact: false })
    await waitFor(() => expect(manager.calls.map((c) => c.action)).toContain('codeAlerts'))
    expect(screen.queryByText('安全提醒')).toBeNull()
  })

  it('offers a retry when the lists cannot be read', async () => {
    installFakeCloud({ 'staff.whoami': () => ok(STAFF), 'staff.today': () => fail('INTERNAL', '系统繁忙，请稍后再试') })
    await openPage('/staff/today/index')
    await screen.findByText('今日名单暂时打不开')
    expect(screen.getByText('系统繁忙，请稍后再试')).toBeTruthy()
  })
})

describe('回访统计', () => {
  const STATS = {
    '2026-11': [
      { staffId: 'A01', name: '王丽', callbacks: 3, customers: 2 },
      { staffId: 'A03', name: '赵敏', callbacks: 1, customers: 1 },
      { staffId: 'M01', name: '周慧', callbacks: 0, customers: 0 },
    ],
    '2026-10': [
      { staffId: 'A01', name: '王丽', callbacks: 0, customers: 0 },
      { staffId: 'A03', name: '赵敏', callbacks: 0, customers: 0 },
      { staffId: 'M01', name: '周慧', callbacks: 0, customers: 0 },
    ],
  } as const

  const tableRows = () =>
    Array.from(visiblePage().querySelectorAll('.stats-table__row:not(.stats-table__row--head)'), (r) =>
      Array.from(r.children, (c) => c.textContent).join(' '),
    )

  it('is for store managers only: an assistant is told so and nothing is asked', async () => {
    const { calls } = installFakeCloud({ 'staff.whoami': () => ok(STAFF) })
    await openPage('/staff/callbacks/index')
    await screen.findByText('仅限店长查看')
    expect(calls.map((c) => c.action)).toEqual(['whoami'])
  })

  it('shows callbacks and customers reached per assistant, month by month, never past the current month', async () => {
    const { calls } = installFakeCloud({
      'staff.whoami': () => ok(MANAGER),
      'staff.callbackStats': (input) => {
        const month = (input as { month?: string }).month ?? '2026-11'
        return ok({ month, byAssistant: STATS[month as keyof typeof STATS] })
      },
    })
    await openPage('/staff/callbacks/index')
    await screen.findByText('2026年11月')
    expect(tableRows()).toEqual(['王丽 3 次 2 位', '赵敏 1 次 1 位', '周慧 0 次 0 位'])
    expect(textOf('.stats-total')).toBe('2026年11月共回访 4 次')
    tap('下月 ›')
    tap('‹ 上月')
    await screen.findByText('2026年10月')
    expect(textOf('.stats-total')).toBe('2026年10月还没有回访记录')
    tap('下月 ›')
    await screen.findByText('2026年11月')
    expect(calls.filter((c) => c.action === 'callbackStats').map((c) => c.input)).toEqual([{}, { month: '2026-10' }, { month: '2026-11' }])
  })

  it('shows the server’s refusal', async () => {
    installFakeCloud({ 'staff.whoami': () => ok(MANAGER), 'staff.callbackStats': () => fail('FORBIDDEN', '仅限店长操作') })
    await openPage('/staff/callbacks/index')
    await screen.findByText('仅限店长操作')
    expect(screen.getByText('重新加载')).toBeTruthy()
  })
})
