/**
 * The card page on Taro's H5 runtime: what a shopper sees for each tier, computed with the server's clock,
 * and where the page sends someone who has not joined.
 */
import { screen, waitFor } from '@testing-library/dom'
import Taro from '@tarojs/taro'
import type { CardView, MemberCodeSecret, MemberView } from '../../src/api/contract'
import { dynamicMemberCode, formatDynamicCode } from '../../src/domain/memberCode'
import { DEFAULT_PROGRAM } from '../../src/domain/program'
import { shopperRules } from '../../src/domain/shopperRules'
import { NETWORK_TROUBLE } from '../../src/services/cloud'
import { setPhoneClock } from './support/clock'
import { currentRoute, openPage, textOf, visiblePage } from './support/harness'
import { fail, installFakeCloud, ok, type HandlerFor, type AnswerFor } from './support/fakeCloud'
import { END_OF_2026, END_OF_2027, memberView } from './support/fixtures'

// 2026-11-23 14:00 in Shanghai. The phone's own clock is deliberately far off: the card must not use it.
const SERVER_TIME = '2026-11-23T06:00:00.000Z'
// VIP through 2027-09-24 (exclusive end: the start of 25 September, Shanghai).
const VIP_UNTIL = '2027-09-24T16:00:00.000Z'

const member = memberView

const cardOf = (m: MemberView): CardView => ({
  member: m,
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

const SECRET = 'c0ffee'.repeat(10) + 'c0ff'
const NEW_SECRET = '5a'.repeat(32)
const secretOf = (secret = SECRET, version = 1): MemberCodeSecret => ({ memberNo: '20261123002', secret, version, serverTime: SERVER_TIME })
/** The code a phone shows at a server instant, grouped as under the barcode. */
const codeAt = (serverMs: number, secret = SECRET) => formatDynamicCode(dynamicMemberCode('20261123002', secret, serverMs))

const openCard = async (answer: HandlerFor<'member.getCard'>, more: Parameters<typeof installFakeCloud>[0] = {}) => {
  const cloud = installFakeCloud({
    'member.getCard': answer,
    'member.join': () => fail('INTERNAL', 'unused'),
    'member.codeSecret': () => ok(secretOf()),
    ...more,
  })
  await openPage('/pages/card/index')
  return cloud
}

beforeAll(() => setPhoneClock('2031-01-01T00:00:00Z'))
// Each test starts as a fresh install: nothing kept on the phone.
beforeEach(() => localStorage.clear())

describe('card page', () => {
  it('shows a member how far VIP is, in yuan, with a bar', async () => {
    await openCard(() => ok(cardOf(member({ name: '张敏', pointsBalance: 520, qualifyingSpendFen: 52_000, lifetimeSpendFen: 52_000 }))))
    await screen.findByText('张敏')
    expect(textOf('.tier-badge')).toBe('普通会员')
    expect(textOf('.member-card__points')).toBe('520')
    expect(textOf('.member-card__validity')).toBeNull()
    expect(textOf('.tier-progress__headline')).toBe('再消费 ¥1,280 或单笔消费满 ¥500，即可成为VIP会员')
    expect(visiblePage().querySelector<HTMLElement>('.tier-progress__fill')!.style.width).toBe('29%')
  })

  it('shows a VIP the valid-until date and what renews the VIP year', async () => {
    await openCard(() =>
      ok(
        cardOf(
          member({
            tier: 'vip',
            vipUntil: VIP_UNTIL,
            vipYearEnd: VIP_UNTIL,
            vipYearSpendFen: 25_800,
            lifetimeSpendFen: 125_500,
            pointsBalance: 1255,
          }),
        ),
      ),
    )
    await screen.findByText('李娜')
    expect(textOf('.member-card')).toContain('VIP会员')
    expect(visiblePage().querySelector('.member-card--vip')).not.toBeNull()
    expect(textOf('.member-card__validity')).toBe('VIP有效期至 2027-09-24')
    // Every member's card: no VIP in its wordmark, and the number labelled in words.
    expect(textOf('.member-card__brand')).toBe('MEMBER CARD')
    expect(textOf('.member-card__number')).toBe('会员号 2026 1123 002')
    expect(textOf('.member-card__points')).toBe('1,255')
    expect(textOf('.tier-progress__headline')).toBe('本年度再消费 ¥242，VIP有效期将延长至 2028-09-24')
    expect(textOf('.tier-progress__detail')).toBe('累计再消费 ¥3,745 成为终身金卡会员')
  })

  it('shows gold as permanent, with nothing left to reach', async () => {
    await openCard(() =>
      ok(cardOf(member({ tier: 'gold', goldSince: '2026-10-01T02:00:00.000Z', lifetimeSpendFen: 612_300, pointsBalance: 12_480 }))),
    )
    await screen.findByText('永久有效')
    expect(visiblePage().querySelector('.member-card--gold')).not.toBeNull()
    expect(textOf('.tier-badge')).toBe('金卡会员')
    expect(textOf('.member-card__points')).toBe('12,480')
    expect(textOf('.tier-progress__headline')).toBe('您已是终身金卡会员')
    expect(visiblePage().querySelector('.tier-progress__track')).toBeNull()
  })

  it('shows a VIP whose year ran out (by the server clock) as a member again', async () => {
    const lapsedAt = '2026-11-20T16:00:00.000Z'
    await openCard(() => ok(cardOf(member({ tier: 'vip', vipUntil: lapsedAt, vipYearEnd: lapsedAt, lifetimeSpendFen: 60_000 }))))
    await screen.findByText('李娜')
    expect(textOf('.tier-badge')).toBe('普通会员')
    expect(textOf('.member-card__validity')).toBeNull()
    expect(textOf('.tier-progress__headline')).toBe('再消费 ¥1,800 或单笔消费满 ¥500，即可成为VIP会员')
  })

  it('shows the dynamic member code for the till, made on the phone on the server’s time: barcode, QR, digits', async () => {
    await openCard(() => ok(cardOf(member({}))))
    await screen.findByText('会员码')
    // The phone's clock says 2031; the code is the one for the server's 14:00:00.
    await waitFor(() => expect(textOf('.member-code__number')).toBe(codeAt(Date.parse(SERVER_TIME))))
    expect(textOf('.member-code__number')).toMatch(/^2026 1123 002\d \d{4} \d{2}$/)
    // Taro's H5 <Image> is a web component carrying `src`; it draws its own <img> later, on the next frame.
    expect(visiblePage().querySelector('.member-code__qr')?.getAttribute('src')).toMatch(/^data:image\/gif;base64,/)
    expect(visiblePage().querySelectorAll('.member-code__bar--dark').length).toBeGreaterThan(20)
    expect(textOf('.member-code__refresh')).toMatch(/秒后自动更新 · 截图无效$/)
  })

  it('counts down and draws a new code when the 30-second step turns', async () => {
    await openCard(() => ok(cardOf(member({}))))
    const first = codeAt(Date.parse(SERVER_TIME))
    await waitFor(() => expect(textOf('.member-code__number')).toBe(first))
    const qrBefore = visiblePage().querySelector('.member-code__qr')!.getAttribute('src')
    jest.setSystemTime(new Date('2031-01-01T00:00:12Z')) // the phone's clock 12 s on: 18 s left of this code
    await waitFor(() => expect(textOf('.member-code__ring-hole')).toBe('18'))
    expect(textOf('.member-code__number')).toBe(first)
    jest.setSystemTime(new Date('2031-01-01T00:00:31Z')) // the next step, 29 s left
    await waitFor(() => expect(textOf('.member-code__number')).toBe(codeAt(Date.parse(SERVER_TIME) + 30_000)))
    expect(textOf('.member-code__ring-hole')).toBe('29')
    expect(visiblePage().querySelector('.member-code__qr')!.getAttribute('src')).not.toBe(qrBefore)
    setPhoneClock('2031-01-01T00:00:00Z')
  })

  it('asks for the code’s secret once per install, and again only when the card names another version', async () => {
    const first = await openCard(() => ok(cardOf(member({}))))
    await waitFor(() => expect(textOf('.member-code__number')).toBe(codeAt(Date.parse(SERVER_TIME))))
    const again = await openCard(() => ok(cardOf(member({}))))
    await waitFor(() => expect(textOf('.member-code__number')).toBe(codeAt(Date.parse(SERVER_TIME))))
    expect(first.calls.filter((c) => c.action === 'codeSecret')).toHaveLength(1)
    expect(again.calls.filter((c) => c.action === 'codeSecret')).toHaveLength(0)
    // Reset on another phone: the card says version 2, so this phone asks for the new secret.
    const reset = await openCard(() => ok({ ...cardOf(member({})), codeVersion: 2 }), {
      'member.codeSecret': () => ok(secretOf(NEW_SECRET, 2)),
    })
    await waitFor(() => expect(textOf('.member-code__number')).toBe(codeAt(Date.parse(SERVER_TIME), NEW_SECRET)))
    expect(reset.calls.filter((c) => c.action === 'codeSecret')).toHaveLength(1)
  })

  it('works with no network: the last card marked offline with the time of its balance, and the code as ever', async () => {
    await openCard(() => ok(cardOf(member({ name: '王芳', pointsBalance: 880 }))))
    await waitFor(() => expect(textOf('.member-code__number')).toBe(codeAt(Date.parse(SERVER_TIME))))
    expect(textOf('.card-page__offline')).toBeNull()
    // In the store, no signal, half a minute later.
    jest.setSystemTime(new Date('2031-01-01T00:00:30Z'))
    const { calls } = await openCard(() => new Error('request:fail'), { 'member.codeSecret': () => new Error('request:fail') })
    await screen.findByText('离线 · 余额更新于 14:00')
    expect(textOf('.member-card__points')).toBe('880')
    await waitFor(() => expect(textOf('.member-code__number')).toBe(codeAt(Date.parse(SERVER_TIME) + 30_000)))
    expect(calls.filter((c) => c.action === 'codeSecret')).toHaveLength(0)
    setPhoneClock('2031-01-01T00:00:00Z')
  })

  it('draws the card this phone kept before the network answers, then the answer', async () => {
    await openCard(() => ok(cardOf(member({ name: '王芳', pointsBalance: 880 }))))
    await waitFor(() => expect(textOf('.member-code__number')).toBe(codeAt(Date.parse(SERVER_TIME))))
    // The next visit: the network takes its time, and the balance has changed at the till meanwhile.
    let answer: (value: AnswerFor<'member.getCard'>) => void = () => undefined
    await openCard(() => new Promise((resolve) => (answer = resolve)))
    await screen.findByText('王芳')
    expect(textOf('.member-card__points')).toBe('880')
    expect(textOf('.card-page__offline')).toBeNull()
    expect(textOf('.member-code__number')).toBe(codeAt(Date.parse(SERVER_TIME)))
    answer(ok(cardOf(member({ name: '王芳', pointsBalance: 1_080 }))))
    await waitFor(() => expect(textOf('.member-card__points')).toBe('1,080'))
  })

  it('forgets the kept card when the server says this is no longer a member', async () => {
    await openCard(() => ok(cardOf(member({ name: '王芳' }))))
    await screen.findByText('王芳')
    await openCard(() => fail('NOT_A_MEMBER', '您还不是会员，请先注册'))
    await screen.findByText('立即加入')
    expect(currentRoute()).toBe('/pages/join/index')
    expect(Object.keys(localStorage).filter((key) => key.startsWith('vipcard.card'))).toEqual([])
  })

  it('says how to get the code when a fresh install opens the card without it', async () => {
    await openCard(() => ok(cardOf(member({ name: '周婷' }))), { 'member.codeSecret': () => new Error('request:fail') })
    await screen.findByText('周婷')
    await screen.findByText('首次使用请连接网络，下拉刷新后显示会员码')
    expect(visiblePage().querySelector('.member-code__qr')).toBeNull()
  })

  it('resets the code for a lost phone, after confirming, and shows the new one', async () => {
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false } as never)
    const { calls } = await openCard(() => ok(cardOf(member({}))), { 'member.resetMemberCode': () => ok(secretOf(NEW_SECRET, 2)) })
    await waitFor(() => expect(textOf('.member-code__number')).toBe(codeAt(Date.parse(SERVER_TIME))))
    screen.getByText('手机丢失或更换？重置会员码').click()
    await waitFor(() => expect(textOf('.member-code__number')).toBe(codeAt(Date.parse(SERVER_TIME), NEW_SECRET)))
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '重置会员码' }))
    expect(calls.filter((c) => c.action === 'resetMemberCode')).toHaveLength(1)
    // Kept: the next show uses the new secret without asking.
    const next = await openCard(() => ok({ ...cardOf(member({})), codeVersion: 2 }))
    await waitFor(() => expect(textOf('.member-code__number')).toBe(codeAt(Date.parse(SERVER_TIME), NEW_SECRET)))
    expect(next.calls.filter((c) => c.action === 'codeSecret')).toHaveLength(0)
    modal.mockRestore()
  })

  it('says how many points expire next and on which day, under the points', async () => {
    await openCard(() =>
      ok(
        cardOf(
          member({
            pointBatches: [
              { expiresAt: END_OF_2026, points: 120 },
              { expiresAt: END_OF_2027, points: 400 },
            ],
          }),
        ),
      ),
    )
    await screen.findByText('李娜')
    expect(textOf('.member-card__points')).toBe('520')
    // The batch ends at the first instant of 2027 in Shanghai: its last day is 2026-12-31.
    expect(textOf('.member-card__expiry')).toBe('120 积分将于 2026-12-31 过期')
  })

  it('no longer counts a batch past its expiry, even before the expiry job has run', async () => {
    const expiredLastNight = '2026-11-22T16:00:00.000Z'
    await openCard(() =>
      ok(
        cardOf(
          member({
            pointBatches: [
              { expiresAt: expiredLastNight, points: 50 },
              { expiresAt: END_OF_2027, points: 400 },
            ],
          }),
        ),
      ),
    )
    await screen.findByText('李娜')
    expect(textOf('.member-card__points')).toBe('400')
    expect(textOf('.member-card__expiry')).toBe('400 积分将于 2027-12-31 过期')
  })

  it('says nothing about expiry when there are no points', async () => {
    await openCard(() => ok(cardOf(member({ name: '周婷' }))))
    await screen.findByText('周婷')
    expect(textOf('.member-card__points')).toBe('0')
    expect(textOf('.member-card__expiry')).toBeNull()
  })

  it('shows the balance as sent by a cloud function from before point batches', async () => {
    const { pointBatches: _none, pointsNextExpiry: _either, ...older } = member({ name: '吴静', pointsBalance: 880 })
    await openCard(() => ok({ ...cardOf(member({})), member: older }))
    await screen.findByText('吴静')
    expect(textOf('.member-card__points')).toBe('880')
    expect(textOf('.member-card__expiry')).toBeNull()
  })

  it('opens the points history when the points are tapped', async () => {
    installFakeCloud({
      'member.getCard': () => ok(cardOf(member({ name: '陈晨', pointsBalance: 300 }))),
      'member.pointsHistory': () => ok({ entries: [], nextCursor: null }),
    })
    await openPage('/pages/card/index')
    await screen.findByText('陈晨')
    screen.getByText('明细 ›').click()
    await screen.findByText('还没有积分记录')
    expect(currentRoute()).toBe('/pages/points/index')
  })

  it('sends a shopper who has not joined to the join page', async () => {
    await openCard(() => fail('NOT_A_MEMBER', '您还不是会员，请先注册'))
    await screen.findByText('立即加入')
    expect(currentRoute()).toBe('/pages/join/index')
  })

  it('says the network failed and loads again on retry', async () => {
    let attempts = 0
    await openCard(() => (++attempts === 1 ? new Error('socket hang up') : ok(cardOf(member({ name: '王芳' })))))
    await screen.findByText('会员卡暂时打不开')
    expect(screen.getByText(NETWORK_TROUBLE)).toBeTruthy()
    screen.getByText('重新加载').click()
    await screen.findByText('王芳')
  })
})

afterAll(() => jest.useRealTimers())
