/**
 * The join page on Taro's H5 runtime: the store QR's scene, the consent gate, per-row errors from the
 * shared schema and from the server, and where a successful join (or an existing member) lands.
 */
import { screen, waitFor } from '@testing-library/dom'
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

/** A shopper who has not joined; `join` answers as given and, once it succeeds, the card exists. */
const notYetAMember = (join: (input: unknown) => AnswerFor<'member.join'>) => {
  let joinedAs: string | null = null
  return installFakeCloud({
    'member.getCard': () => (joinedAs ? ok(card(joinedAs)) : fail('NOT_A_MEMBER', '您还不是会员，请先注册')),
    'member.join': (input) => {
      const answer = join(input)
      if (!(answer instanceof Error) && answer.ok) joinedAs = (input as { name: string }).name
      return answer
    },
  })
}

const joinCalls = (calls: RecordedCall[]) => calls.filter((c) => c.action === 'join')

const submitButton = () => visiblePage().querySelector('.join-page__submit')!

/** Ticks the consent box and waits for 立即加入 to come alive, as the shopper sees it. */
const acceptPrivacy = async () => {
  tap('我已阅读并同意以上说明')
  await waitFor(() => expect(submitButton().className).not.toContain('btn--disabled'))
}

/** A complete, valid form: 张敏, 13800138000, born 18 June (no year), consent given. */
const fillValidForm = async () => {
  await typeInto('姓名', ' 张敏 ')
  await typeInto('手机号', '13800138000')
  pick('生日', [5, 17]) // 6月18日
  await screen.findByText('6月18日')
  await acceptPrivacy()
}

beforeAll(() => setPhoneClock('2026-11-23T06:00:00.000Z'))
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

  it('shows every missing row at once on submit, without asking the server', async () => {
    const { calls } = notYetAMember(() => ok({}))
    await openPage(JOIN_URL)
    await screen.findByText('立即加入')
    await acceptPrivacy()
    tap('立即加入')
    await screen.findByText('请填写姓名')
    expect(errorOf('手机号')).toBe('请填写 11 位手机号')
    expect(errorOf('生日')).toBe('请选择生日')
    expect(joinCalls(calls)).toHaveLength(0)
  })

  it('shows a row’s problem once the shopper leaves it, and only that row', async () => {
    notYetAMember(() => ok({}))
    await openPage(JOIN_URL)
    await screen.findByText('立即加入')
    await typeInto('手机号', '1380013')
    await waitFor(() => expect(errorOf('手机号')).toBe('请填写 11 位手机号'))
    expect(errorOf('姓名')).toBeNull()
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
    expect(row('手机号').querySelector('.field__hint')?.textContent).toBe(hint)
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
})
