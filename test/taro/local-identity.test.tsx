/**
 * The H5 preview's identity switcher: every page shows who the local cloud will take the caller for, and
 * switching changes that for every later call (the page reloads to start over as the new identity).
 */
import { fireEvent, screen } from '@testing-library/dom'
import { fail, installFakeCloud, ok } from './support/fakeCloud'
import { openPage, visiblePage } from './support/harness'

const switcher = () => visiblePage().querySelector<HTMLSelectElement>('.local-identity__select')!

describe('local identity switcher (H5 only)', () => {
  it('shows shopper A first, and offers both shoppers, the shop assistant, the store manager and the brand operator', async () => {
    installFakeCloud({ 'member.getCard': () => fail('NOT_A_MEMBER', '您还不是会员，请先注册') })
    await openPage('/pages/join/index')
    await screen.findByText('本地身份：顾客A ▾')
    expect(Array.from(switcher().options).map((o) => [o.value, o.text])).toEqual([
      ['demo-shopper-a', '顾客A'],
      ['demo-shopper-b', '顾客B'],
      ['demo-assistant-1', '导购 王丽'],
      ['demo-manager-1', '店长 周慧'],
      ['demo-operator-1', '品牌运营'],
    ])
  })

  it('makes later calls as the chosen identity and reloads the page', async () => {
    // jsdom cannot navigate: it reports the reload the switcher asks for as "not implemented".
    const jsdomErrors = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    fireEvent.change(switcher(), { target: { value: 'demo-assistant-1' } })
    expect(jsdomErrors).toHaveBeenCalledWith(expect.objectContaining({ message: expect.stringContaining('navigation') }))
    jsdomErrors.mockRestore()

    const { calls } = installFakeCloud({
      'staff.whoami': () => ok({ staffId: 'A01', name: '王丽', role: 'assistant', store: { id: 'SH001', name: '上海静安嘉里中心店' } }),
    })
    await openPage('/staff/purchase/index')
    await screen.findByText('上海静安嘉里中心店')
    expect(screen.getByText('本地身份：导购 王丽 ▾')).toBeTruthy()
    expect(calls.find((call) => call.action === 'whoami')?.openid).toBe('demo-assistant-1')
  })
})
