/**
 * The welcome after joining (src/components/JoinWelcome, mounted on the card page): on `?joined=1` the coupons that
 * arrived with the membership, in one sheet over the card, once; closing it leaves the card with its reminder offer.
 */
import { screen, waitFor } from '@testing-library/dom'
import Taro from '@tarojs/taro'
import { DEFAULT_PROGRAM } from '../../src/domain/program'
import { shopperRules } from '../../src/domain/shopperRules'
import { setPhoneClock } from './support/clock'
import { fail, installFakeCloud, ok } from './support/fakeCloud'
import { couponView, memberView, SERVER_TIME } from './support/fixtures'
import { openPage, visiblePage } from './support/harness'
import { tap } from './support/interact'

const card = () => ({
  member: memberView({ name: '林晓' }),
  program: shopperRules(DEFAULT_PROGRAM),
  serverTime: SERVER_TIME,
  birthdayCoupon: null,
  subscribeTemplates: {
    birthdayCoupon: 'local-birthday-coupon',
    eventReminder: 'local-event-reminder',
    waitlistPromoted: 'local-waitlist-promoted',
  },
  codeVersion: 1,
})
const WELCOME = couponView({ id: 'welcome:o-new', validUntil: '2026-12-23T16:00:00.000Z' })

const newMember = (coupons = [WELCOME]) =>
  installFakeCloud({
    'member.getCard': () => ok(card()),
    'member.codeSecret': () => fail('INTERNAL', 'unused'),
    'member.coupons': () => ok({ coupons }),
  })

const sheet = () => visiblePage().querySelector('.join-welcome')

beforeAll(() => setPhoneClock(SERVER_TIME))
beforeEach(() => localStorage.clear())
afterEach(() => jest.restoreAllMocks())

describe('the welcome after joining', () => {
  it('shows the coupon that arrived, once; closed, the card offers the birthday reminder', async () => {
    const { calls } = newMember()
    await openPage('/pages/card/index?joined=1')
    await screen.findByText('欢迎加入会员')
    expect(sheet()!.textContent).toContain('入会礼已放入您的券包')
    expect(sheet()!.querySelector('.join-welcome__coupon')!.textContent).toBe('满¥200减¥20新会员礼券有效期至 2026-12-23')
    // One welcome at a time: the reminder waits under the sheet, in the card.
    expect(sheet()!.textContent).not.toContain('生日礼券到账提醒')
    tap('好的')
    await waitFor(() => expect(sheet()).toBeNull())
    expect(visiblePage().textContent).toContain('生日礼券到账提醒')
    expect(calls.filter((c) => c.action === 'coupons')).toHaveLength(1)

    // The same page again (a reload, or back to it): no second welcome.
    await openPage('/pages/card/index?joined=1')
    await screen.findByText('林晓')
    await waitFor(() => expect(calls.filter((c) => c.action === 'coupons')).toHaveLength(2))
    expect(sheet()).toBeNull()
  })

  it('opens the coupon wallet from the sheet', async () => {
    newMember()
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never)
    await openPage('/pages/card/index?joined=1')
    await screen.findByText('欢迎加入会员')
    tap('查看我的优惠券 ›')
    expect(navigate).toHaveBeenCalledWith({ url: '/pages/coupons/index' })
    await waitFor(() => expect(sheet()).toBeNull())
  })

  it('says nothing when no coupon arrived, and asks nothing on an ordinary visit', async () => {
    const { calls } = newMember([])
    await openPage('/pages/card/index?joined=1')
    await waitFor(() => expect(calls.filter((c) => c.action === 'coupons')).toHaveLength(1))
    expect(sheet()).toBeNull()
    await openPage('/pages/card/index')
    await screen.findByText('林晓')
    expect(calls.filter((c) => c.action === 'coupons')).toHaveLength(1)
  })
})
