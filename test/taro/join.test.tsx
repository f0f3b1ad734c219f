/**
 * The join page on Taro's H5 runtime: the store QR's scene, the consent gate, the phone WeChat verifies (the H5
 * preview's stand-in for WeChat's sheet) or a typed one, per-row errors from the shared schema and from the server,
 * and where a successful join (or an existing member) lands.
 */
import { screen, waitFor } from '@testing-library/dom'
import Taro from '@tarojs/taro'
import type { JoinOfferView } from '../../src/api/contract'
import { PRIVACY_NOTICE_VERSION } from '../../src/api/privacy'
import { DEFAULT_PROGRAM } from '../../src/domain/program'
import { setPhoneClock } from './support/clock'
import { fail, installFakeCloud, ok, type RecordedCall, type AnswerFor } from './support/fakeCloud'
import { memberView } from './support/fixtures'
import { currentRoute, openPage, visiblePage } from './support/harness'
import { errorOf, pick, row, tap, typeInto } from './support/interact'

const JOIN_URL = '/pages/join/index?scene=s%3DSH001%26a%3DA01'

const card = (name: string) => ({
  member: memberView({ name, mobileMasked: '138****5678', joinedAt: '2026-11-23T06:00:00.000Z' }),
  program: DEFAULT_PROGRAM,
  serverTime: '2026-11-23T06:00:00.000Z',
})

const OFFER: JoinOfferView = {
  storeName: '上海南京西路店',
  assistantName: '王丽',
  assistantLeft: false,
  welcomeGift: '新会员礼券（满¥200减¥20）',
}

/**
 * A shopper who has not joined; `join` answers as given and, once it succeeds, the card exists. The local cloud's
 * `/local/phone-code` (what WeChat's sheet gives on 允许) answers `phoneCode`, counted in `phoneCodeAsks`.
 */
const notYetAMember = (
  join: (input: unknown) => AnswerFor<'member.join'>,
  options: { phoneCode?: string | null; offer?: JoinOfferView } = {},
) => {
  let joinedAs: string | null = null
  const cloud = installFakeCloud({
    'member.getCard': () => (joinedAs !== null ? ok(card(joinedAs || '会员8903')) : fail('NOT_A_MEMBER', '您还不是会员，请先注册')),
    'member.joinOffer': () => ok(options.offer ?? OFFER),
    'member.join': (input) => {
      const answer = join(input)
      if (!(answer instanceof Error) && answer.ok) joinedAs = (input as { name: string }).name
      return answer
    },
  })
  const cloudFetch = globalThis.fetch
  const phoneCodeAsks: string[] = []
  globalThis.fetch = (async (url: string, init: { headers: Record<string, string> }) => {
    if (url !== '/local/phone-code') return cloudFetch(url as never, init as never)
    phoneCodeAsks.push(init.headers['x-local-openid'])
    const code = options.phoneCode === undefined ? 'c0de-1' : options.phoneCode
    return code === null ? { ok: false, status: 404, json: async () => ({}) } : { ok: true, status: 200, json: async () => ({ code }) }
  }) as unknown as typeof fetch
  return { ...cloud, phoneCodeAsks }
}

/** The H5 stand-in for WeChat's sheet, answered 允许 (true) or 拒绝 (false); returns the spy to read what it said. */
const phoneSheetAnswers = (allow: boolean) => jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: allow, cancel: !allow } as never)

const joinCalls = (calls: RecordedCall[]) => calls.filter((c) => c.action === 'join')

const submitButton = () => visiblePage().querySelector('.join-page__submit')!

/** Ticks the consent box and waits for 立即加入 to come alive, as the shopper sees it. */
const acceptPrivacy = async () => {
  tap('我已阅读并同意')
  await waitFor(() => expect(submitButton().className).not.toContain('btn--disabled'))
}

/** A complete, valid form with a typed number: 张敏, 13800138000, born 18 June (no year), consent given. */
const fillValidForm = async () => {
  if (screen.queryByText('手动填写')) tap('手动填写')
  await typeInto('称呼', ' 张敏 ')
  await typeInto('手机号', '13800138000')
  pick('生日', [5, 17]) // 6月18日
  await screen.findByText('6月18日')
  await acceptPrivacy()
}

beforeAll(() => setPhoneClock('2026-11-23T06:00:00.000Z'))
afterEach(() => jest.restoreAllMocks())
afterAll(() => jest.useRealTimers())

describe('join page', () => {
  it('sends someone who is already a member straight to their card', async () => {
    installFakeCloud({ 'member.getCard': () => ok(card('李娜')) })
    await openPage(JOIN_URL)
    await screen.findByText('李娜')
    expect(currentRoute()).toBe('/pages/card/index')
  })

  it('keeps 立即加入 disabled until the privacy notice is accepted', async () => {
    const { calls } = notYetAMember(() => ok({}))
    await openPage(JOIN_URL)
    await screen.findByText('立即加入')
    expect(submitButton().className).toContain('btn--disabled')
    tap('立即加入')
    await acceptPrivacy()
    expect(joinCalls(calls)).toHaveLength(0)
  })

  it('shows every missing row at once on submit, without asking the server or WeChat', async () => {
    const { calls, phoneCodeAsks } = notYetAMember(() => ok({}))
    const sheet = phoneSheetAnswers(true)
    await openPage(JOIN_URL)
    await screen.findByText('立即加入')
    await acceptPrivacy()
    tap('立即加入')
    // WeChat gives the number; the name is optional: the birthday is all that is missing.
    await waitFor(() => expect(errorOf('生日')).toBe('请选择生日'))
    expect(errorOf('手机号')).toBeNull()
    expect(errorOf('称呼')).toBeNull()
    expect(sheet).not.toHaveBeenCalled()
    expect(phoneCodeAsks).toHaveLength(0)
    // Typing the number instead, it is missing too.
    tap('手动填写')
    tap('立即加入')
    await waitFor(() => expect(errorOf('手机号')).toBe('请填写 11 位手机号'))
    expect(joinCalls(calls)).toHaveLength(0)
  })

  it('shows a row’s problem once the shopper leaves it, and only that row', async () => {
    notYetAMember(() => ok({}))
    await openPage(JOIN_URL)
    await screen.findByText('立即加入')
    tap('手动填写')
    await typeInto('手机号', '1380013')
    await waitFor(() => expect(errorOf('手机号')).toBe('请填写 11 位手机号'))
    expect(errorOf('生日')).toBeNull()
    await typeInto('手机号', '13800138000')
    await waitFor(() => expect(errorOf('手机号')).toBeNull())
  })

  it('refuses 29 February in a year that has none', async () => {
    notYetAMember(() => ok({}))
    await openPage(JOIN_URL)
    await screen.findByText('立即加入')
    pick('生日', [1, 28]) // 2月29日
    await screen.findByText('2月29日')
    expect(errorOf('生日')).toBeNull() // without a year, 29 February is a birthday
    pick('生日', 1 + (2026 - 2023), 1) // 2023年 (index 0 is 不填写)
    await waitFor(() => expect(errorOf('生日')).toBe('日期无效'))
  })

  it('says before submitting that a child under 14 joins in a store with a guardian, and sends nothing', async () => {
    const { calls } = notYetAMember(() => ok({ created: true }))
    await openPage(JOIN_URL)
    await screen.findByText('立即加入')
    expect(visiblePage().textContent).toContain('未满14周岁的儿童需经监护人同意方可成为会员')
    await fillValidForm()
    // Born 18 June 2013: 13 on the phone's date (23 November 2026).
    pick('生日', 1 + (2026 - 2013), 1)
    await waitFor(() => expect(errorOf('生日')).toBe('未满14周岁需监护人同意，请由监护人陪同到店办理'))
    tap('立即加入')
    expect(joinCalls(calls)).toHaveLength(0)
    // Born 18 June 2012: 14 already, so the form goes through.
    pick('生日', 1 + (2026 - 2012), 1)
    await waitFor(() => expect(errorOf('生日')).toBeNull())
    tap('立即加入')
    await waitFor(() => expect(joinCalls(calls)).toHaveLength(1))
    expect(joinCalls(calls)[0].input).toMatchObject({ birthday: { month: 6, day: 18, year: 2012 } })
    await screen.findByText('张敏')
  })

  it('shows the server’s guardian-consent refusal (birthday.year) at the birthday row', async () => {
    notYetAMember(() =>
      fail('INVALID_INPUT', 'birthday.year: 未满14周岁需监护人同意', [
        { field: 'birthday.year', message: '未满14周岁需监护人同意，请由监护人陪同到店办理' },
      ]),
    )
    await openPage(JOIN_URL)
    await screen.findByText('立即加入')
    await fillValidForm()
    tap('立即加入')
    await waitFor(() => expect(errorOf('生日')).toBe('未满14周岁需监护人同意，请由监护人陪同到店办理'))
  })

  it('joins with the decoded store scene and the consent version, then opens the new card', async () => {
    const { calls } = notYetAMember(() => ok({ created: true }))
    await openPage(JOIN_URL)
    await screen.findByText('立即加入')
    await fillValidForm()
    tap('立即加入')
    await screen.findByText('张敏')
    expect(currentRoute()).toBe('/pages/card/index')
    expect(joinCalls(calls)[0].input).toEqual({
      name: '张敏',
      mobile: '13800138000',
      birthday: { month: 6, day: 18 },
      consent: { accepted: true, version: PRIVACY_NOTICE_VERSION },
      scene: 's=SH001&a=A01',
    })
  })

  it('tells everyone, before joining, that a member who changed WeChat goes to the store: the join never says whose a number is', async () => {
    const hint = '曾是会员、换了微信？新注册的会员卡不带原有积分和等级，请先到店由导购核实身份'
    notYetAMember(() => ok({ created: true }))
    await openPage(JOIN_URL)
    await screen.findByText('立即加入')
    tap('手动填写')
    await waitFor(() => expect(row('手机号').querySelector('.field__hint')?.textContent).toBe(hint))
    // A number that is another member's answers as any other: the new card opens.
    await fillValidForm()
    tap('立即加入')
    await screen.findByText('张敏')
    expect(currentRoute()).toBe('/pages/card/index')
  })

  it('puts the server’s refusals next to the rows they concern', async () => {
    let answer = fail('INVALID_INPUT', 'birthday: 生日不能晚于今天', [{ field: 'birthday', message: '生日不能晚于今天' }])
    notYetAMember(() => answer)
    await openPage(JOIN_URL)
    await screen.findByText('立即加入')
    await fillValidForm()

    tap('立即加入')
    await waitFor(() => expect(errorOf('生日')).toBe('生日不能晚于今天'))

    answer = fail('INVALID_INPUT', 'scene: 该门店二维码已失效', [{ field: 'scene', message: '该门店二维码已失效，请向店员索取新的二维码' }])
    tap('立即加入')
    await screen.findByText('该门店二维码已失效，请向店员索取新的二维码')
    expect(currentRoute()).toBe('/pages/join/index')
  })

  it('says where the shopper joins and what arrives now, from the store QR', async () => {
    const { calls } = notYetAMember(() => ok({}))
    await openPage(JOIN_URL)
    await screen.findByText('立即加入')
    await waitFor(() => expect(visiblePage().querySelector('.join-page__where')?.textContent).toBe('上海南京西路店 · 导购 王丽 为您办理'))
    expect(visiblePage().querySelector('.join-page__gift')?.textContent).toBe('入会即得新会员礼券（满¥200减¥20）')
    expect(calls.find((c) => c.action === 'joinOffer')?.input).toEqual({ scene: 's=SH001&a=A01' })
    // Shoppers see no staff links.
    expect(visiblePage().textContent).not.toContain('导购入口')
  })

  it('says so when the QR’s assistant no longer serves at the store', async () => {
    notYetAMember(() => ok({}), { offer: { ...OFFER, assistantName: null, assistantLeft: true } })
    await openPage(JOIN_URL)
    await screen.findByText('立即加入')
    await waitFor(() =>
      expect(visiblePage().querySelector('.join-page__where')?.textContent).toBe('上海南京西路店 · 该导购已不在本店，由门店为您服务'),
    )
  })

  it('offers 《会员协议》 and 《隐私政策》 on the consent line, unticked, each opening its text without ticking', async () => {
    notYetAMember(() => ok({}))
    await openPage(JOIN_URL)
    await screen.findByText('立即加入')
    expect(submitButton().className).toContain('btn--disabled')
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never)
    tap('《会员协议》')
    tap('《隐私政策》')
    // No separate terms page: the member handbook is the program's terms.
    expect(navigate.mock.calls.map(([options]) => options.url)).toEqual(['/me/handbook/index', '/privacy/index/index'])
    expect(visiblePage().querySelector('.join-page__checkbox--checked')).toBeNull()
    expect(submitButton().className).toContain('btn--disabled')
  })

  it('joins with the phone WeChat verifies: no typing, the sheet last, the code sent instead of a number', async () => {
    const { calls, phoneCodeAsks } = notYetAMember(() => ok({ created: true }), { phoneCode: 'c0de-42' })
    const sheet = phoneSheetAnswers(true)
    await openPage(JOIN_URL)
    await screen.findByText('立即加入')
    pick('生日', [5, 17]) // 6月18日
    await screen.findByText('6月18日')
    await acceptPrivacy()
    tap('立即加入')
    await screen.findByText('会员8903')
    expect(currentRoute()).toBe('/pages/card/index')
    expect(sheet).toHaveBeenCalledWith(
      expect.objectContaining({ title: '申请获取并验证你的手机号', confirmText: '允许', cancelText: '拒绝' }),
    )
    expect(phoneCodeAsks).toEqual(['demo-shopper-a'])
    expect(joinCalls(calls)[0].input).toEqual({
      name: '',
      phoneCode: 'c0de-42',
      birthday: { month: 6, day: 18 },
      consent: { accepted: true, version: PRIVACY_NOTICE_VERSION },
      scene: 's=SH001&a=A01',
    })
  })

  it('lets the shopper type the number after refusing WeChat’s sheet, and sends nothing until then', async () => {
    const { calls, phoneCodeAsks } = notYetAMember(() => ok({ created: true }))
    phoneSheetAnswers(false)
    await openPage(JOIN_URL)
    await screen.findByText('立即加入')
    pick('生日', [5, 17])
    await screen.findByText('6月18日')
    await acceptPrivacy()
    tap('立即加入')
    await screen.findByText('未能获取微信手机号，请填写手机号')
    expect(phoneCodeAsks).toHaveLength(0)
    expect(joinCalls(calls)).toHaveLength(0)
    await typeInto('手机号', '13800138000')
    tap('立即加入')
    await waitFor(() => expect(joinCalls(calls)).toHaveLength(1))
    await screen.findByText('会员8903')
    expect(joinCalls(calls)[0].input).toMatchObject({ mobile: '13800138000' })
    expect(joinCalls(calls)[0].input).not.toHaveProperty('phoneCode')
  })

  it('asks WeChat again after the server refuses an expired code, on the phone row', async () => {
    let answer: AnswerFor<'member.join'> = fail('PHONE_CODE_INVALID', '手机号授权已过期，请再点一次“立即加入”重新授权，或手动填写手机号')
    const { calls, phoneCodeAsks } = notYetAMember(() => answer)
    phoneSheetAnswers(true)
    await openPage(JOIN_URL)
    await screen.findByText('立即加入')
    pick('生日', [5, 17])
    await screen.findByText('6月18日')
    await acceptPrivacy()
    tap('立即加入')
    await waitFor(() => expect(errorOf('手机号')).toBe('手机号授权已过期，请再点一次“立即加入”重新授权，或手动填写手机号'))
    answer = ok({ created: true })
    tap('立即加入')
    await screen.findByText('会员8903')
    expect(phoneCodeAsks).toHaveLength(2)
    expect(joinCalls(calls).map((c) => (c.input as { phoneCode?: string }).phoneCode)).toEqual(['c0de-1', 'c0de-1'])
  })
})
