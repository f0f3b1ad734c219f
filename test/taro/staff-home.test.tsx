/** The staff home: who is at the till, the till actions and the workbench, and who may not enter. */
import { screen, waitFor } from '@testing-library/dom'
import { fail, installFakeCloud, ok } from './support/fakeCloud'
import { STAFF } from './support/fixtures'
import { currentRoute, openPage, textOf } from './support/harness'
import { tap } from './support/interact'

describe('staff home', () => {
  it('tells a shopper it is for shop assistants only, and what to do about it', async () => {
    installFakeCloud({ 'staff.whoami': () => fail('FORBIDDEN', '仅限门店导购使用') })
    await openPage('/staff/index/index')
    await screen.findByText('仅限门店导购使用')
    expect(screen.getByText(/如您是本店导购，请联系店长开通权限/)).toBeTruthy()
    expect(screen.queryByText('录入消费')).toBeNull()
  })

  it('offers a retry when the check itself failed', async () => {
    let attempts = 0
    installFakeCloud({ 'staff.whoami': () => (++attempts === 1 ? new Error('socket hang up') : ok(STAFF)) })
    await openPage('/staff/index/index')
    await screen.findByText('暂时无法打开')
    tap('重试')
    await screen.findByText('上海静安嘉里中心店')
  })

  it('shows the store and the assistant, and opens each till action', async () => {
    installFakeCloud({ 'staff.whoami': () => ok(STAFF), 'staff.scanMember': () => fail('INTERNAL', 'unused') })
    await openPage('/staff/index/index')
    await screen.findByText('上海静安嘉里中心店')
    expect(textOf('.role-header__who')).toBe('导购 王丽 · 工号 A01')
    expect(Array.from(document.querySelectorAll('.staff-actions__title'), (t) => t.textContent)).toEqual([
      '录入消费',
      '退货退款',
      '积分兑换',
      '礼品券核销',
      '修改生日',
      '活动签到',
      '今日与本月',
      '我的顾客',
    ])

    tap('退货退款')
    await waitFor(() => expect(currentRoute()).toBe('/staff/refund/index'))
    await screen.findByText('查询订单')
  })

  it('shows on the workbench tile how many customers each of today’s lists holds', async () => {
    const cloud = installFakeCloud({
      'staff.whoami': () => ok(STAFF),
      'staff.todayCounts': () => ok({ birthdays: 3, lapsing: 0, winBack: 12, callbacksDue: 2 }),
    })
    await openPage('/staff/index/index')
    await waitFor(() => expect(document.querySelectorAll('.staff-actions__count')).toHaveLength(4))
    const counts = Array.from(document.querySelectorAll('.staff-actions__count'), (c) => ({
      text: c.textContent,
      some: c.classList.contains('staff-actions__count--some'),
    }))
    expect(counts).toEqual([
      { text: '本月生日 3', some: true },
      { text: 'VIP将到期 0', some: false },
      { text: '久未到店 12', some: true },
      { text: '待回访 2', some: true },
    ])
    // On the tile they stand for, and asked only once the caller is known to be staff.
    expect(document.querySelector('.staff-workbench .staff-actions__item')!.textContent).toContain('今日与本月')
    expect(document.querySelector('.staff-workbench .staff-actions__item .staff-actions__counts')).not.toBeNull()
    expect(cloud.calls.map((c) => c.action)).toEqual(['whoami', 'todayCounts'])
  })

  it('keeps the tiles working without figures when the counts fail', async () => {
    installFakeCloud({ 'staff.whoami': () => ok(STAFF), 'staff.todayCounts': () => fail('INTERNAL', '系统繁忙，请稍后再试') })
    await openPage('/staff/index/index')
    await screen.findByText('今日与本月')
    expect(document.querySelector('.staff-actions__counts')).toBeNull()
    expect(screen.queryByText('系统繁忙，请稍后再试')).toBeNull()
    expect(document.querySelector('.staff-workbench .staff-actions__hint')!.textContent).toBe('本月生日、即将到期VIP、久未到店、待回访')
  })
})
