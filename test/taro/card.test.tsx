/**
 * The card page on Taro's H5 runtime: what a shopper sees for each tier, computed with the server's clock,
 * and where the page sends someone who has not joined.
 */
import { fireEvent, screen, waitFor } from '@testing-library/dom'
import Taro from '@tarojs/taro'
import type { CardView, MemberCodeSecret, MemberView } from '../../src/api/contract'
import { dynamicMemberCode, formatDynamicCode, maskDynamicCode } from '../../src/domain/memberCode'
import { DEFAULT_PROGRAM } from '../../src/domain/program'
import { shopperRules } from '../../src/domain/shopperRules'
import { NETWORK_TROUBLE } from '../../src/services/cloud'
import { setPhoneClock } from './support/clock'
import { currentRoute, openPage, textOf, visiblePage } from './support/harness'
import { fail, installFakeCloud, ok, type HandlerFor, type AnswerFor } from './support/fakeCloud'
import { BIRTHDAY_COUPON, END_OF_2026, END_OF_2027, memberView } from './support/fixtures'

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
/** The code a phone shows at a server instant, grouped as under the barcode once its digits are tapped. */
const codeAt = (serverMs: number, secret = SECRET) => formatDynamicCode(dynamicMemberCode('20261123002', secret, serverMs))

const tap = (selector: string) => fireEvent.click(visiblePage().querySelector(selector)!)

/** One tap on the card face's 会员码 opens the code full screen; a tap on its digits shows them. */
const showCode = async () => {
  await waitFor(() => expect(visiblePage().querySelector('.member-card__code-button')).not.toBeNull())
  tap('.member-card__code-button')
  await waitFor(() => expect(visiblePage().querySelector('.member-code__digits')).not.toBeNull())
  tap('.member-code__digits')
  await waitFor(() => expect(textOf('.member-code__reveal')).toBe('轻触隐藏数字'))
}
const closeCode = () => screen.getByText('完成').click()
const codeClosed = () => waitFor(() => expect(visiblePage().querySelector('.code-view')).toBeNull())
const qrLayers = () => Array.from(visiblePage().querySelectorAll('.member-code__qr-layer'), (image) => image.getAttribute('src'))

const openCard = async (
  answer: HandlerFor<'member.getCard'>,
  more: Parameters<typeof installFakeCloud>[0] = {},
  url = '/pages/card/index',
) => {
  const cloud = installFakeCloud({
    'member.getCard': answer,
    'member.join': () => fail('INTERNAL', 'unused'),
    'member.codeSecret': () => ok(secretOf()),
    ...more,
  })
  await openPage(url)
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

  it('shows the member code full screen one tap from the card: barcode, QR, digits masked until tapped', async () => {
    await openCard(() => ok(cardOf(member({}))))
    await screen.findByText('李娜')
    // The card page itself draws no code: the full-screen view is where it is shown.
    expect(visiblePage().querySelector('.member-code')).toBeNull()
    tap('.member-card__code-button')
    await waitFor(() => expect(textOf('.code-view__who')).toBe('李娜 · 普通会员'))
    // The phone's clock says 2031; the code is the one for the server's 14:00:00. Masked until tapped.
    const code = dynamicMemberCode('20261123002', SECRET, Date.parse(SERVER_TIME))
    await waitFor(() => expect(textOf('.member-code__number')).toBe(maskDynamicCode(code)))
    expect(textOf('.member-code__number')).toMatch(/^2026 \*{4} \*{4} \d{4}$/)
    expect(textOf('.member-code__reveal')).toBe('轻触查看数字')
    tap('.member-code__digits')
    await waitFor(() => expect(textOf('.member-code__number')).toBe(codeAt(Date.parse(SERVER_TIME))))
    expect(textOf('.member-code__reveal')).toBe('轻触隐藏数字')
    // Taro's H5 <Image> is a web component carrying `src`; it draws its own <img> later, on the next frame.
    expect(qrLayers()).toEqual([expect.stringMatching(/^data:image\/gif;base64,/)])
    expect(visiblePage().querySelectorAll('.member-code__bar--dark').length).toBeGreaterThan(20)
    expect(textOf('.member-code__refresh')).toMatch(/秒后自动更新 · 截图无效$/)
    closeCode()
    await codeClosed()
  })

  it('opens the code from the 出示会员码 bar too, masked again each time it opens', async () => {
    await openCard(() => ok(cardOf(member({}))))
    await screen.findByText('李娜')
    screen.getByText('出示会员码').click()
    const code = dynamicMemberCode('20261123002', SECRET, Date.parse(SERVER_TIME))
    await waitFor(() => expect(textOf('.member-code__number')).toBe(maskDynamicCode(code)))
    closeCode()
    await codeClosed()
  })

  it('counts down and changes the code in place when the 30-second step turns: the old QR stays under the new', async () => {
    await openCard(() => ok(cardOf(member({}))))
    const first = codeAt(Date.parse(SERVER_TIME))
    await showCode()
    await waitFor(() => expect(textOf('.member-code__number')).toBe(first))
    const [qrBefore] = qrLayers()
    jest.setSystemTime(new Date('2031-01-01T00:00:12Z')) // the phone's clock 12 s on: 18 s left of this code
    await waitFor(() => expect(textOf('.member-code__ring-hole')).toBe('18'))
    expect(textOf('.member-code__number')).toBe(first)
    jest.setSystemTime(new Date('2031-01-01T00:00:31Z')) // the next step, 29 s left
    await waitFor(() => expect(textOf('.member-code__number')).toBe(codeAt(Date.parse(SERVER_TIME) + 30_000)))
    expect(textOf('.member-code__ring-hole')).toBe('29')
    // The new QR on top, the previous one under it (it shows through until the new image is decoded).
    const [under, top] = qrLayers()
    expect(under).toBe(qrBefore)
    expect(top).toMatch(/^data:image\/gif;base64,/)
    expect(top).not.toBe(qrBefore)
    // The same view, not a new one: the digits stay revealed across the change.
    expect(textOf('.member-code__reveal')).toBe('轻触隐藏数字')
    setPhoneClock('2031-01-01T00:00:00Z')
  })

  it('raises the screen brightness while the code shows and gives the shopper’s level back on close and on leaving', async () => {
    const brightness = { value: 0.3 }
    const get = jest.spyOn(Taro, 'getScreenBrightness').mockImplementation((async () => ({ ...brightness })) as never)
    const set = jest.spyOn(Taro, 'setScreenBrightness').mockImplementation((async ({ value }: { value: number }) => {
      brightness.value = value
    }) as never)
    const keepOn = jest.spyOn(Taro, 'setKeepScreenOn').mockImplementation((async () => undefined) as never)
    installFakeCloud({
      'member.getCard': () => ok(cardOf(member({}))),
      'member.codeSecret': () => ok(secretOf()),
      'member.pointsHistory': () => ok({ entries: [], nextCursor: null }),
    })
    await openPage('/pages/card/index')
    await screen.findByText('李娜')
    tap('.member-card__code-button')
    await waitFor(() => expect(brightness.value).toBe(1))
    expect(keepOn).toHaveBeenLastCalledWith({ keepScreenOn: true })
    closeCode()
    await waitFor(() => expect(brightness.value).toBe(0.3))
    expect(keepOn).toHaveBeenLastCalledWith({ keepScreenOn: false })

    // Open again, then another page comes on top (the page hides): given back though the code is still open.
    tap('.member-card__code-button')
    await waitFor(() => expect(brightness.value).toBe(1))
    void Taro.navigateTo({ url: '/pages/points/index' })
    await screen.findByText('还没有积分记录')
    await waitFor(() => expect(brightness.value).toBe(0.3))
    expect(keepOn).toHaveBeenLastCalledWith({ keepScreenOn: false })
    // Back on the card with the code still open: bright again.
    void Taro.navigateBack()
    await waitFor(() => expect(brightness.value).toBe(1))
    closeCode()
    await waitFor(() => expect(brightness.value).toBe(0.3))
    expect(get).toHaveBeenCalledTimes(3)
    expect(set.mock.calls.map(([options]) => (options as { value: number }).value)).toEqual([1, 0.3, 1, 0.3, 1, 0.3])
    ;[get, set, keepOn].forEach((spy) => spy.mockRestore())
  })

  it('shows the code without a fuss where the phone has no brightness API (the H5 preview)', async () => {
    await openCard(() => ok(cardOf(member({}))))
    await showCode()
    await waitFor(() => expect(textOf('.member-code__number')).toBe(codeAt(Date.parse(SERVER_TIME))))
    closeCode()
    await codeClosed()
  })

  it('asks for the code’s secret once per install, and again only when the card names another version', async () => {
    const first = await openCard(() => ok(cardOf(member({}))))
    await showCode()
    await waitFor(() => expect(textOf('.member-code__number')).toBe(codeAt(Date.parse(SERVER_TIME))))
    const again = await openCard(() => ok(cardOf(member({}))))
    await showCode()
    await waitFor(() => expect(textOf('.member-code__number')).toBe(codeAt(Date.parse(SERVER_TIME))))
    expect(first.calls.filter((c) => c.action === 'codeSecret')).toHaveLength(1)
    expect(again.calls.filter((c) => c.action === 'codeSecret')).toHaveLength(0)
    // Reset on another phone: the card says version 2, so this phone asks for the new secret.
    const reset = await openCard(() => ok({ ...cardOf(member({})), codeVersion: 2 }), {
      'member.codeSecret': () => ok(secretOf(NEW_SECRET, 2)),
    })
    await showCode()
    await waitFor(() => expect(textOf('.member-code__number')).toBe(codeAt(Date.parse(SERVER_TIME), NEW_SECRET)))
    expect(reset.calls.filter((c) => c.action === 'codeSecret')).toHaveLength(1)
  })

  it('works with no network: the last card marked offline with the time of its balance, and the code as ever', async () => {
    await openCard(() => ok(cardOf(member({ name: '王芳', pointsBalance: 880 }))))
    await showCode()
    await waitFor(() => expect(textOf('.member-code__number')).toBe(codeAt(Date.parse(SERVER_TIME))))
    expect(textOf('.card-page__offline')).toBeNull()
    // In the store, no signal, half a minute later.
    jest.setSystemTime(new Date('2031-01-01T00:00:30Z'))
    const { calls } = await openCard(() => new Error('request:fail'), { 'member.codeSecret': () => new Error('request:fail') })
    await screen.findByText('离线 · 会员卡更新于 14:00')
    expect(textOf('.member-card__points')).toBe('880')
    await showCode()
    await waitFor(() => expect(textOf('.member-code__number')).toBe(codeAt(Date.parse(SERVER_TIME) + 30_000)))
    expect(calls.filter((c) => c.action === 'codeSecret')).toHaveLength(0)
    setPhoneClock('2031-01-01T00:00:00Z')
  })

  it('draws the card this phone kept before the network answers, then the answer', async () => {
    await openCard(() => ok(cardOf(member({ name: '王芳', pointsBalance: 880 }))))
    await showCode()
    await waitFor(() => expect(textOf('.member-code__number')).toBe(codeAt(Date.parse(SERVER_TIME))))
    // The next visit: the network takes its time, and the balance has changed at the till meanwhile.
    let answer: (value: AnswerFor<'member.getCard'>) => void = () => undefined
    await openCard(() => new Promise((resolve) => (answer = resolve)))
    await screen.findByText('王芳')
    expect(textOf('.member-card__points')).toBe('880')
    expect(textOf('.card-page__offline')).toBeNull()
    await showCode()
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
    tap('.member-card__code-button')
    await screen.findByText('首次使用请连接网络，下拉刷新后显示会员码')
    expect(visiblePage().querySelector('.member-code__qr')).toBeNull()
  })

  it('resets the code for a lost phone, after confirming, and shows the new one', async () => {
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false } as never)
    const { calls } = await openCard(() => ok(cardOf(member({}))), { 'member.resetMemberCode': () => ok(secretOf(NEW_SECRET, 2)) })
    await showCode()
    await waitFor(() => expect(textOf('.member-code__number')).toBe(codeAt(Date.parse(SERVER_TIME))))
    closeCode()
    await codeClosed()
    screen.getByText('手机丢失或更换？重置会员码').click()
    await screen.findByText('手机丢失或更换？重置会员码')
    await waitFor(() => expect(calls.filter((c) => c.action === 'resetMemberCode')).toHaveLength(1))
    await showCode()
    await waitFor(() => expect(textOf('.member-code__number')).toBe(codeAt(Date.parse(SERVER_TIME), NEW_SECRET)))
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '重置会员码' }))
    expect(calls.filter((c) => c.action === 'resetMemberCode')).toHaveLength(1)
    // Kept: the next show uses the new secret without asking.
    const next = await openCard(() => ok({ ...cardOf(member({})), codeVersion: 2 }))
    await showCode()
    await waitFor(() => expect(textOf('.member-code__number')).toBe(codeAt(Date.parse(SERVER_TIME), NEW_SECRET)))
    expect(next.calls.filter((c) => c.action === 'codeSecret')).toHaveLength(0)
    modal.mockRestore()
  })

  it('warns of points expiring within 90 days in the one banner, not again on the card face', async () => {
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
    // The batch ends at the first instant of 2027 in Shanghai: its last day is 2026-12-31, 38 days away.
    expect(textOf('.card-page__expiry-title')).toBe('120 积分将于 2026-12-31 过期')
    expect(textOf('.member-card__expiry')).toBeNull()
    expect(visiblePage().querySelectorAll('.card-page__birthday, .card-page__expiry, .birthday-reminder')).toHaveLength(1)
    // The banner leads where the points can be spent.
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never)
    screen.getByText('去兑换 ›').click()
    expect(navigate).toHaveBeenCalledWith({ url: '/pages/catalog/index' })
    navigate.mockRestore()
  })

  it('with this month’s birthday card, shows that banner alone and keeps expiring points on the card face', async () => {
    await openCard(
      () =>
        ok({
          ...cardOf(member({ pointBatches: [{ expiresAt: END_OF_2026, points: 120 }] })),
          birthdayCoupon: BIRTHDAY_COUPON,
        }),
      {},
      '/pages/card/index?joined=1',
    )
    await screen.findByText('李娜')
    expect(textOf('.card-page__birthday-title')).not.toBeNull()
    expect(textOf('.member-card__expiry')).toBe('120 积分将于 2026-12-31 过期')
    // Just joined in the birthday month: the card has arrived, so no offer to be told when it arrives.
    expect(visiblePage().querySelector('.card-page__expiry')).toBeNull()
    expect(visiblePage().querySelector('.birthday-reminder')).toBeNull()
  })

  it('offers the birthday reminder after joining when nothing more pressing is there', async () => {
    await openCard(() => ok(cardOf(member({}))), {}, '/pages/card/index?joined=1')
    await screen.findByText('生日礼券到账提醒')
    expect(visiblePage().querySelectorAll('.card-page__birthday, .card-page__expiry, .birthday-reminder')).toHaveLength(1)
  })

  it('counts usable coupons and upcoming events on the quick actions, and nothing when none (or not sent)', async () => {
    await openCard(() => ok({ ...cardOf(member({})), counts: { usableCoupons: 3, upcomingEvents: 2 } }))
    await screen.findByText('李娜')
    const countOf = (title: string) =>
      Array.from(visiblePage().querySelectorAll('.card-page__perk'))
        .find((perk) => perk.querySelector('.card-page__perk-title')?.textContent === title)!
        .querySelector('.card-page__perk-count')?.textContent ?? null
    expect(countOf('我的优惠券')).toBe('3')
    expect(countOf('会员活动')).toBe('2')
    expect(countOf('积分兑换')).toBeNull()
    await openCard(() => ok({ ...cardOf(member({})), counts: { usableCoupons: 0, upcomingEvents: 120 } }))
    await waitFor(() => expect(countOf('会员活动')).toBe('99+'))
    expect(countOf('我的优惠券')).toBeNull()
    // From a server (or a card kept) before the counts: no count at all rather than a wrong one.
    await openCard(() => ok(cardOf(member({ name: '吴静' }))))
    await screen.findByText('吴静')
    expect(visiblePage().querySelectorAll('.card-page__perk-count')).toHaveLength(0)
  })

  it('shows shoppers no staff or operator links', async () => {
    await openCard(() => ok(cardOf(member({}))))
    await screen.findByText('李娜')
    expect(screen.queryByText('导购入口')).toBeNull()
    expect(screen.queryByText('运营')).toBeNull()
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
    // The next batch expires in more than a year: nothing to warn about yet.
    expect(textOf('.member-card__expiry')).toBeNull()
    expect(textOf('.card-page__expiry-title')).toBeNull()
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
