/**
 * 隐私与个人信息 on Taro's H5 runtime: the policy for anyone; for a member, 导出我的数据 (the file's link) and 注销会员,
 * which says what is lost from the member's own card and coupons, stays off until the phrase is typed, keeps
 * asking while the server says inProgress, and ends on the done screen.
 */
import { screen, waitFor } from '@testing-library/dom'
import { fireEvent } from '@testing-library/dom'
import { DEFAULT_PROGRAM } from '../../src/domain/program'
import { setPhoneClock } from './support/clock'
import { fail, installFakeCloud, ok, type FakeHandlers, type RecordedCall } from './support/fakeCloud'
import { BIRTHDAY_COUPON, SERVER_TIME, memberView } from './support/fixtures'
import { currentRoute, openPage, visiblePage } from './support/harness'
import { tap, typeInto } from './support/interact'

const PRIVACY_URL = '/privacy/index/index'

const vip = memberView({ tier: 'vip', vipUntil: '2027-07-25T16:00:00.000Z', pointsBalance: 1_255 })
const card = { member: vip, program: DEFAULT_PROGRAM, serverTime: SERVER_TIME, birthdayCoupon: null, subscribeTemplates: {} }
const coupons = [
  BIRTHDAY_COUPON,
  { ...BIRTHDAY_COUPON, id: 'welcome:x', status: 'used' as const },
  { ...BIRTHDAY_COUPON, id: 'campaign:y:x', status: 'available' as const },
]

const aMember = (more: FakeHandlers = {}) =>
  installFakeCloud({ 'member.getCard': () => ok(card), 'member.coupons': () => ok({ coupons }), ...more })

const deleteButton = () => Array.from(visiblePage().querySelectorAll('.privacy-page__delete'))[0] as HTMLElement
const calls = (recorded: RecordedCall[], action: string) => recorded.filter((c) => c.action === action)

beforeAll(() => setPhoneClock(SERVER_TIME))
afterAll(() => jest.useRealTimers())

describe('privacy page', () => {
  it('is opened from the foot of the member card', async () => {
    installFakeCloud({
      'member.getCard': () => ok({ ...card, codeVersion: 1 }),
      'member.codeSecret': () => ok({ memberNo: vip.memberNo, secret: 'ab'.repeat(32), version: 1, serverTime: SERVER_TIME }),
      'member.coupons': () => ok({ coupons }),
    })
    await openPage('/pages/card/index')
    fireEvent.click(await screen.findByText('隐私与个人信息 ›'))
    await screen.findByText('1,255 积分将作废')
    expect(currentRoute()).toBe(PRIVACY_URL)
  })

  it('shows the policy to someone who is not a member, and says nothing is held about them', async () => {
    installFakeCloud({
      'member.getCard': () => fail('NOT_A_MEMBER', '您还不是会员，请先注册'),
      'member.coupons': () => fail('NOT_A_MEMBER', '您还不是会员，请先注册'),
    })
    await openPage(PRIVACY_URL)
    await screen.findByText('您还不是会员，我们没有保存您的个人信息。')
    expect(visiblePage().querySelector('.privacy-page__delete')).toBeNull()
    expect(visiblePage().textContent).not.toContain('导出我的数据')
    tap('查看隐私政策 ›')
    await screen.findByText('您的权利')
    expect(visiblePage().textContent).toContain('未满14周岁的儿童需经监护人同意方可成为会员')
    expect(visiblePage().textContent).toContain('版本 2026-11-01')
  })

  it('says what deletion takes away, from the member’s own points, coupons and VIP year', async () => {
    aMember()
    await openPage(PRIVACY_URL)
    await screen.findByText('1,255 积分将作废')
    expect(screen.getByText('2 张未使用的优惠券将作废')).toBeTruthy()
    expect(screen.getByText('VIP会员身份（有效期至 2027-07-25）将失去')).toBeTruthy()
    expect(screen.getByText('会员号 20261123002 和您的邀请码将停用')).toBeTruthy()
    expect(screen.getByText('已报名的会员活动将取消，名额让给候补会员')).toBeTruthy()
  })

  it('exports the member’s data and offers the file', async () => {
    const { calls: recorded } = aMember({
      'member.myData': () =>
        ok({
          fileID: 'cloud://x/mydata/a.json',
          url: 'http://127.0.0.1:8787/local/files/mydata/a.json?t=1&sign=x',
          expiresAt: SERVER_TIME,
          bytes: 900,
          counts: { members: 1, ledger: 6, coupons: 3 },
        }),
    })
    await openPage(PRIVACY_URL)
    await screen.findByText('导出我的数据', { selector: 'taro-button-core, button' })
    fireEvent.click(screen.getByText('导出我的数据', { selector: 'taro-button-core, button' }))
    await screen.findByText('文件已生成：共 10 条记录')
    // The button downloads the file; the page shows no raw link.
    expect(visiblePage().textContent).not.toContain('mydata/a.json')
    const downloaded: string[] = []
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloaded.push(this.href)
    })
    fireEvent.click(screen.getByText('下载文件'))
    click.mockRestore()
    expect(downloaded).toEqual(['http://127.0.0.1:8787/local/files/mydata/a.json?t=1&sign=x'])
    expect(calls(recorded, 'myData')).toHaveLength(1)
  })

  it('keeps 注销会员 off until 确认注销 is typed, then repeats while in progress and ends on the done screen', async () => {
    let rounds = 0
    const { calls: recorded } = aMember({
      'member.deleteMembership': () => (++rounds < 3 ? ok({ status: 'inProgress' }) : ok({ status: 'deleted', pointsForfeited: 1_255 })),
      // Once deleted, the shopper is no member any more.
      'member.getCard': () => (rounds >= 3 ? fail('NOT_A_MEMBER', '您还不是会员，请先注册') : ok(card)),
    })
    await openPage(PRIVACY_URL)
    await screen.findByText('1,255 积分将作废')
    expect(deleteButton().className).toContain('btn--disabled')
    fireEvent.click(deleteButton())
    await typeInto('请输入「确认注销」', '注销')
    expect(deleteButton().className).toContain('btn--disabled')
    expect(calls(recorded, 'deleteMembership')).toHaveLength(0)

    await typeInto('请输入「确认注销」', '确认注销')
    await waitFor(() => expect(deleteButton().className).not.toContain('btn--disabled'))
    fireEvent.click(deleteButton())
    await screen.findByText('会员已注销')
    expect(visiblePage().textContent).toContain('1,255 积分已作废')
    expect(calls(recorded, 'deleteMembership').map((c) => c.input)).toEqual([
      { confirm: '确认注销' },
      { confirm: '确认注销' },
      { confirm: '确认注销' },
    ])

    tap('重新加入会员')
    await screen.findByText('立即加入')
    expect(currentRoute()).toBe('/pages/join/index')
  })

  it('shows a refusal next to the confirmation and stays put', async () => {
    aMember({ 'member.deleteMembership': () => fail('BUSY', '当前操作人数较多，请稍后重试') })
    await openPage(PRIVACY_URL)
    await screen.findByText('1,255 积分将作废')
    await typeInto('请输入「确认注销」', '确认注销')
    await waitFor(() => expect(deleteButton().className).not.toContain('btn--disabled'))
    fireEvent.click(deleteButton())
    await screen.findByText('当前操作人数较多，请稍后重试')
    expect(currentRoute()).toBe(PRIVACY_URL)
  })
})
