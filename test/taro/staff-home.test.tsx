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
})
