/**
 * The invite page on Taro's H5 runtime: the member's code, progress in the words, the rules as the
 * program says them (not hard-coded), the share card WeChat sends (the join page with the code), the
 * browser's copy of the link, and the way in from the card.
 */
import Taro from '@tarojs/taro'
import { fireEvent, screen, waitFor } from '@testing-library/dom'
import type { CardView, InviteView } from '../../src/api/contract'
import { DEFAULT_PROGRAM } from '../../src/domain/program'
import { shopperRules } from '../../src/domain/shopperRules'
import { setPhoneClock } from './support/clock'
import { fail, installFakeCloud, ok, type AnswerFor } from './support/fakeCloud'
import { memberView, SERVER_TIME } from './support/fixtures'
import { currentRoute, openPage, textOf, visiblePage } from './support/harness'

const CARD: CardView = {
  member: memberView({ name: '李娜' }),
  program: shopperRules(DEFAULT_PROGRAM),
  serverTime: SERVER_TIME,
  birthdayCoupon: null,
  subscribeTemplates: { birthdayCoupon: 'tmpl-birthday', eventReminder: 'tmpl-event', waitlistPromoted: 'tmpl-waitlist' },
}

const POSTER = 'data:image/png;base64,iVBORw0KGgo='

const invite = (overrides: Partial<InviteView> = {}): InviteView => ({
  code: 'LNAB88',
  sharePath: '/pages/join/index?ref=LNAB88',
  posterImage: POSTER,
  stats: { joined: 5, rewarded: 3, waiting: 2, held: 0 },
  rules: { minPurchaseFen: 10_000, inviterPoints: 200, inviteeGift: '好友邀请礼券（满¥200减¥20）' },
  ...overrides,
})

const openInvite = async (view: InviteView | (() => AnswerFor<'member.invite'>)) => {
  const cloud = installFakeCloud({
    'member.invite': typeof view === 'function' ? view : () => ok(view),
    'member.getCard': () => ok(CARD),
    'member.join': () => fail('INTERNAL', 'unused'),
  })
  await openPage('/pages/invite/index')
  return cloud
}

const ruleLines = () => Array.from(visiblePage().querySelectorAll('.invite-page__rule-text'), (l) => l.textContent)

/** What WeChat asks the page for when the shopper taps 邀请好友 (a share button) or 转发 in the menu. */
const shareCard = () => {
  const pages = Taro.getCurrentPages() as unknown as { onShareAppMessage?: (options: object) => { title: string; path: string } }[]
  const top = pages[pages.length - 1]
  if (!top.onShareAppMessage) throw new Error('the page offers no share card')
  return top.onShareAppMessage({ from: 'button' })
}

beforeAll(() => setPhoneClock('2026-11-23T06:00:00.000Z'))

describe('invite page', () => {
  it('shows the code and the progress in the issue’s words', async () => {
    await openInvite(invite())
    await screen.findByText('LNAB88')
    expect(textOf('.invite-page__stats')).toBe('5 位好友已加入 · 3 位已奖励 · 2 位待首次消费')
  })

  it('counts held invitations as under review, and invites the first friend when there is none', async () => {
    await openInvite(invite({ stats: { joined: 4, rewarded: 1, waiting: 2, held: 1 } }))
    await screen.findByText('LNAB88')
    expect(textOf('.invite-page__stats')).toBe('4 位好友已加入 · 1 位已奖励 · 2 位待首次消费 · 1 位审核中')

    await openInvite(invite({ stats: { joined: 0, rewarded: 0, waiting: 0, held: 0 } }))
    await screen.findByText('LNAB88')
    expect(textOf('.invite-page__stats')).toBe('还没有好友通过你的邀请加入')
  })

  it('states the rules the program holds: the threshold, the points and the friend’s gift', async () => {
    await openInvite(invite())
    await screen.findByText('LNAB88')
    expect(textOf('.invite-page__reward')).toBe('好友首次消费满 ¥100，你得 200 积分')
    expect(ruleLines()).toEqual([
      '好友通过你的邀请加入会员后，首次消费满 ¥100，你得 200 积分',
      '好友入会即得 好友邀请礼券（满¥200减¥20）',
      '每位好友只奖励一次；同一手机号或同一微信不能邀请自己',
    ])

    // Another program: other amounts, no gift for the friend.
    await openInvite(invite({ rules: { minPurchaseFen: 30_000, inviterPoints: 1_500, inviteeGift: null } }))
    await screen.findByText('LNAB88')
    expect(textOf('.invite-page__reward')).toBe('好友首次消费满 ¥300，你得 1,500 积分')
    expect(ruleLines()[0]).toBe('好友通过你的邀请加入会员后，首次消费满 ¥300，你得 1,500 积分')
    expect(ruleLines()[1]).toBe('好友入会即可享受会员积分与生日礼遇')
    expect(textOf('.invite-poster__subline')).toBe('消费累积分 · 满额升级VIP · 生日月专享礼遇')
  })

  it('shares the join page with the member’s code, in the inviter’s name', async () => {
    await openInvite(invite())
    await screen.findByText('LNAB88')
    expect(shareCard()).toEqual({
      title: '李娜邀请你加入会员，入会即得好友邀请礼券（满¥200减¥20）',
      path: `/pages/join/index?ref=LNAB88&from=${encodeURIComponent('李娜')}`,
    })
  })

  it('puts the poster together from the inviter’s name, the friend’s gift and the code image', async () => {
    await openInvite(invite())
    await screen.findByText('LNAB88')
    // The poster leads with the friend's gift, the inviter's name under it.
    expect(textOf('.invite-poster__headline')).toBe('入会即得 好友邀请礼券（满¥200减¥20）')
    expect(textOf('.invite-poster__subline')).toBe('李娜 邀请你加入会员')
    expect(visiblePage().querySelector('.invite-poster__code')?.getAttribute('src')).toBe(POSTER)
    expect(screen.getByText('下载海报')).toBeTruthy()
  })

  it('copies the invitation link in the browser, where there is no WeChat to share with', async () => {
    await openInvite(invite())
    await screen.findByText('LNAB88')
    fireEvent.click(visiblePage().querySelector('.invite-page__share')!)
    const link = await waitFor(() => {
      const url = textOf('.invite-page__link-url')
      if (!url) throw new Error('no link yet')
      return url
    })
    expect(link).toBe(
      `${window.location.origin}${window.location.pathname}#/pages/join/index?ref=LNAB88&from=${encodeURIComponent('李娜')}`,
    )
  })

  it('is opened from the card', async () => {
    installFakeCloud({ 'member.getCard': () => ok(CARD), 'member.invite': () => ok(invite()) })
    await openPage('/pages/card/index')
    await screen.findByText('李娜')
    expect(textOf('.card-page__invite-hint')).toBe('好友首次消费，你得 200 积分')
    fireEvent.click(visiblePage().querySelector('.card-page__invite')!)
    await screen.findByText('LNAB88')
    expect(currentRoute()).toBe('/pages/invite/index')
  })

  it('sends someone who has not joined to the join page', async () => {
    await openInvite(() => fail('NOT_A_MEMBER', '您还不是会员，请先注册'))
    await waitFor(() => expect(currentRoute()).toBe('/pages/join/index'))
  })
})
