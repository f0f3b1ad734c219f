/**
 * The member's own pages (the `me` subpackage) on Taro's H5 runtime: the handbook is generated from the rules
 * it is given (a non-default program: VIP at ¥3,000), marks the reader's place and dates rule changes; my
 * profile edits round-trip, each refusal shows at its row and nothing is sent half-checked; my home store
 * calls and navigates through Taro's APIs.
 */
import Taro from '@tarojs/taro'
import { fireEvent, screen, waitFor } from '@testing-library/dom'
import type { HandbookView, HomeStoreView, ProfileView } from '../../src/api/contract'
import { DEFAULT_PROGRAM, type ProgramRules } from '../../src/domain/program'
import { INITIAL_TIER_STATE } from '../../src/domain/tiers'
import { fail, installFakeCloud, ok, type AnswerFor } from './support/fakeCloud'
import { currentRoute, openPage, textOf, visiblePage } from './support/harness'
import { errorOf, tap, typeInto } from './support/interact'

const NOW = '2026-11-23T06:00:00.000Z'

/** A brand whose VIP costs more: every threshold differs from the defaults. */
const PRICIER: ProgramRules = {
  ...DEFAULT_PROGRAM,
  version: 4,
  vip: { cumulativeFen: 300_000, singlePurchaseFen: 80_000, validMonths: 18, renewFen: 120_000 },
  gold: { lifetimeFen: 1_000_000, keptWhenRefundsUnqualify: true },
  earning: { pointsPer100YuanByTier: { member: 100, vip: 150, gold: 200 }, birthdayMonthPercent: 300 },
  referral: { ...DEFAULT_PROGRAM.referral, minPurchaseFen: 88_800, inviterPoints: 666 },
  serviceBenefits: [
    { title: '免费熨烫', detail: '随时到店', tiers: ['vip', 'gold'] },
    { title: '私人造型师', detail: '', tiers: ['gold'] },
  ],
}

const HANDBOOK: HandbookView = {
  rules: PRICIER,
  changes: [{ path: 'vip.cumulativeFen', from: 180_000, to: 300_000, at: '2026-11-20T02:00:00.000Z' }],
  standing: { ...INITIAL_TIER_STATE, qualifyingSpendFen: 120_000, lifetimeSpendFen: 120_000 },
  serverTime: NOW,
  gifts: { welcome: '入会礼（满¥200减¥20）', birthday: '生日7折卡（7折）', referral: null },
}

const pageText = () => visiblePage().textContent ?? ''

describe('会员手册', () => {
  it('renders the exact thresholds of the program it is given, not copy', async () => {
    installFakeCloud({ 'member.handbook': () => ok(HANDBOOK) })
    await openPage('/me/handbook/index')
    await screen.findByText('VIP会员手册')
    const text = pageText()
    expect(text).toContain('累计消费满 ¥3,000，或单笔消费满 ¥800')
    expect(text).toContain('有效期内消费满 ¥1,200，再延长18个月')
    expect(text).toContain('终身累计消费满 ¥10,000')
    expect(text).toContain('每消费1元得1.5积分')
    expect(text).toContain('生日当月消费积分 3 倍')
    expect(text).toContain('首次消费满 ¥888，你得 666 积分')
    expect(text).toContain('生日7折卡（7折）')
    // The ladder's VIP step reads the given rules, not the defaults (¥1,800 / ¥500).
    const vip = visiblePage().querySelector('.ladder__step--vip')?.textContent ?? ''
    expect(vip).toContain('¥3,000')
    expect(vip).not.toMatch(/¥1,800|¥500/)
  })

  it('marks the reader’s place on the ladder and what is next', async () => {
    installFakeCloud({ 'member.handbook': () => ok(HANDBOOK) })
    await openPage('/me/handbook/index')
    await screen.findByText('我在这里')
    const mine = visiblePage().querySelector('.ladder__step--mine')
    expect(mine?.querySelector('.ladder__name')?.textContent).toBe('普通会员')
    expect(textOf('.handbook__position')).toBe('您当前是普通会员')
    expect(textOf('.handbook__next')).toContain('再消费 ¥1,800')
  })

  it('lists each tier’s service benefits from the rules, and shows a rule change with its effective date', async () => {
    installFakeCloud({ 'member.handbook': () => ok(HANDBOOK) })
    await openPage('/me/handbook/index')
    await screen.findByText('私人造型师')
    const rows = Array.from(visiblePage().querySelectorAll('.benefits__row:not(.benefits__row--head)'), (r) =>
      Array.from(r.querySelectorAll('.benefits__name, .benefits__tier'), (c) => c.textContent).join(' '),
    )
    expect(rows).toEqual(['免费熨烫 — ✓ ✓', '私人造型师 — — ✓'])
    expect(textOf('.handbook__panel--tiers .handbook__news-text')).toBe('VIP累计消费门槛 ¥1,800 → ¥3,000')
    expect(textOf('.handbook__panel--tiers .handbook__news-date')).toBe('2026-11-20 起生效')
  })

  it('is opened from the join page’s 《会员协议》 by someone who has not joined, with no place marked', async () => {
    installFakeCloud({
      'member.getCard': () => fail('NOT_A_MEMBER', '您还不是会员，请先注册'),
      'member.handbook': () => ok({ ...HANDBOOK, standing: null }),
    })
    await openPage('/pages/join/index')
    // 《会员协议》 on the consent line: the handbook is the program's terms.
    fireEvent.click(await screen.findByText('《会员协议》'))
    await screen.findByText('VIP会员手册')
    expect(currentRoute()).toBe('/me/handbook/index')
    expect(pageText()).toContain('累计消费满 ¥3,000，或单笔消费满 ¥800')
    expect(visiblePage().querySelector('.ladder__step--mine')).toBeNull()
  })
})

const PROFILE: ProfileView = {
  name: '林晓',
  mobileMasked: '138****1111',
  mobileVerified: false,
  birthday: { month: 7, day: 15 },
  profile: { clothingSize: 'S', colours: ['米白'], edits: { clothingSize: { by: 'staff', staffId: 'A01', name: '王丽', at: NOW } } },
}

describe('我的资料', () => {
  const open = async (update?: (input: Record<string, unknown>) => ReturnType<typeof ok> | ReturnType<typeof fail>) => {
    let shown = PROFILE
    const cloud = installFakeCloud({
      'member.profile': () => ok(shown),
      'member.updateProfile': (raw) => {
        const input = raw as Record<string, unknown>
        const answer = update ? update(input) : null
        if (answer && !answer.ok) return answer
        const { name, ...fields } = input
        shown = { ...shown, name: (name as string) ?? shown.name, profile: { ...shown.profile, ...fields } }
        return ok(shown)
      },
    })
    await openPage('/me/profile/index')
    await screen.findByText('保存资料')
    return cloud
  }

  it('shows the birthday as set, says why each optional field is asked, and who changed a size', async () => {
    await open()
    expect(pageText()).toContain('7月15日')
    expect(pageText()).toContain('如需更正请到门店由导购办理')
    expect(pageText()).toContain('新品到店时按尺码推荐')
    expect(pageText()).toContain('仅在您选择送货上门时使用')
    expect(row('服装尺码').textContent).toContain('导购 王丽 更新过')
  })

  it('saves sizes, children, tastes, address and messages in one call and shows what the server kept', async () => {
    const cloud = await open()
    // Sizes and colours are tapped: the size on file is chosen, a colour is added to the one on file.
    expect(chosenChips('服装尺码')).toEqual(['S'])
    chip('鞋码', '38')
    chip('喜欢的颜色', '驼色')
    await waitFor(() => expect(chosenChips('鞋码')).toEqual(['38']))
    expect(chosenChips('喜欢的颜色')).toEqual(['米白', '驼色'])
    await typeInto('喜欢的风格', '通勤、简约')
    tap('＋ 添加孩子')
    const [name, size] = await waitFor(() => {
      const inputs = visiblePage().querySelectorAll<HTMLInputElement>('.me-profile__child taro-input-core input')
      if (inputs.length < 2) throw new Error('child row not rendered')
      return [inputs[0], inputs[1]]
    })
    name.value = '大宝'
    name.dispatchEvent(new Event('input', { bubbles: true }))
    size.value = '120'
    size.dispatchEvent(new Event('input', { bubbles: true }))
    await typeInto('收件人', '林晓')
    await typeInto('手机号', '13812345678')
    await typeInto('详细地址', '上海市静安区南京西路1515号')
    tap('新品到店')
    await waitFor(() => expect(visiblePage().querySelector('.me-profile__check--on')?.textContent).toContain('新品到店'))
    tap('保存资料')
    await screen.findByText('资料已保存')
    const sent = cloud.calls.filter((c) => c.action === 'updateProfile').map((c) => c.input)
    expect(sent).toEqual([
      {
        name: '林晓',
        clothingSize: 'S',
        shoeSize: '38',
        children: [{ name: '大宝', size: '120' }],
        colours: ['米白', '驼色'],
        styles: ['通勤', '简约'],
        deliveryAddress: { recipient: '林晓', phone: '13812345678', address: '上海市静安区南京西路1515号' },
        messages: { newArrivals: true, events: false, birthday: false, pointsExpiry: false },
      },
    ])
  })

  it('refuses emoji and a bad phone at their rows before sending anything', async () => {
    const cloud = await open()
    await typeInto('喜欢的风格', '通勤❤️')
    await typeInto('收件人', '林晓')
    await typeInto('手机号', '12345')
    await typeInto('详细地址', '上海市静安区南京西路')
    tap('保存资料')
    await waitFor(() => expect(errorOf('喜欢的风格')).toContain('不能含表情'))
    expect(errorOf('手机号')).toBe('请填写 11 位手机号')
    expect(cloud.calls.filter((c) => c.action === 'updateProfile')).toEqual([])
  })

  it('shows the server’s refusal at its row', async () => {
    await open(() =>
      fail('INVALID_INPUT', '输入有误', [{ field: 'clothingSize', message: '服装尺码只能填写字母、数字或汉字，如 M、L/170、38.5、均码' }]),
    )
    tap('保存资料')
    await waitFor(() => expect(errorOf('服装尺码')).toContain('只能填写字母'))
    expect(screen.queryByText('资料已保存')).toBeNull()
  })
})

describe('我的资料: the member’s own number', () => {
  const openWithPhone = (changeMobile: () => AnswerFor<'member.changeMobile'>) => {
    const cloud = installFakeCloud({ 'member.profile': () => ok(PROFILE), 'member.changeMobile': changeMobile })
    const cloudFetch = globalThis.fetch
    // The local cloud's stand-in for WeChat's sheet: a one-time code for the current identity.
    globalThis.fetch = (async (url: string, init: never) =>
      url === '/local/phone-code'
        ? { ok: true, status: 200, json: async () => ({ code: 'c0de-1' }) }
        : cloudFetch(url as never, init)) as never
    return cloud
  }

  afterEach(() => jest.restoreAllMocks())

  it('verifies the number through WeChat’s sheet, sending only the one-time code', async () => {
    const cloud = openWithPhone(() => ok({ mobileMasked: '138****1111', mobileVerified: true, changed: false }))
    const sheet = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false } as never)
    await openPage('/me/profile/index')
    await screen.findByText('138****1111')
    expect(row('会员手机号').textContent).toContain('未验证')
    tap('验证手机号')
    await waitFor(() => expect(row('会员手机号').textContent).toContain('手机号已验证'))
    expect(sheet).toHaveBeenCalledTimes(1)
    expect(cloud.calls.filter((c) => c.action === 'changeMobile').map((c) => c.input)).toEqual([{ phoneCode: 'c0de-1' }])
    expect(screen.getByText('更换手机号')).toBeTruthy()
  })

  it('shows the store’s way when the number is another membership’s, and sends nothing after 拒绝', async () => {
    const cloud = openWithPhone(() =>
      fail('PHONE_IN_USE', '该手机号已登记在另一张会员卡上。如那是您的会员卡，请带手机到店，由店长核实后转到您现在的微信'),
    )
    const sheet = jest.spyOn(Taro, 'showModal').mockResolvedValueOnce({ confirm: false, cancel: true } as never)
    await openPage('/me/profile/index')
    await screen.findByText('138****1111')
    tap('验证手机号')
    await waitFor(() => expect(errorOf('会员手机号')).toBe('未获得微信验证的手机号，手机号未更改'))
    expect(cloud.calls.filter((c) => c.action === 'changeMobile')).toHaveLength(0)
    sheet.mockResolvedValueOnce({ confirm: true, cancel: false } as never)
    tap('验证手机号')
    await waitFor(() => expect(errorOf('会员手机号')).toContain('由店长核实后转到您现在的微信'))
    expect(row('会员手机号').textContent).toContain('138****1111')
  })
})

const chosenChips = (label: string) => Array.from(row(label).querySelectorAll('.chips__chip--on'), (c) => c.textContent)
const chip = (label: string, value: string) =>
  fireEvent.click(Array.from(row(label).querySelectorAll('.chips__chip')).find((c) => c.textContent === value)!)

const row = (label: string) =>
  Array.from(visiblePage().querySelectorAll<HTMLElement>('.field')).find((f) => f.querySelector('.field__label')?.textContent === label)!

const STORES: HomeStoreView = {
  store: {
    id: 'SH001',
    name: '上海静安嘉里中心店',
    address: '上海市静安区南京西路1515号',
    phone: '021-6288-0001',
    openingHours: '10:00–22:00',
    location: { latitude: 31.2243, longitude: 121.4457 },
  },
  stores: [
    {
      id: 'SH001',
      name: '上海静安嘉里中心店',
      address: '上海市静安区南京西路1515号',
      phone: '021-6288-0001',
      openingHours: '10:00–22:00',
      location: { latitude: 31.2243, longitude: 121.4457 },
    },
    {
      id: 'SH002',
      name: '上海徐汇港汇恒隆店',
      address: '上海市徐汇区虹桥路1号',
      phone: '021-6407-0002',
      openingHours: '10:00–22:00',
      location: null,
    },
  ],
}

describe('我的门店', () => {
  it('shows the home store, calls it and opens it on the map', async () => {
    installFakeCloud({ 'member.homeStore': () => ok(STORES) })
    const call = jest.spyOn(Taro, 'makePhoneCall').mockResolvedValue(undefined as never)
    const map = jest.spyOn(Taro, 'openLocation').mockResolvedValue(undefined as never)
    await openPage('/me/store/index')
    await screen.findByText('上海静安嘉里中心店')
    expect(pageText()).toContain('10:00–22:00')
    tap('拨打电话')
    expect(call).toHaveBeenCalledWith({ phoneNumber: '02162880001' })
    tap('导航到店')
    expect(map).toHaveBeenCalledWith(expect.objectContaining({ latitude: 31.2243, longitude: 121.4457, name: '上海静安嘉里中心店' }))
  })

  it('moves to another store after the member confirms', async () => {
    const cloud = installFakeCloud({
      'member.homeStore': () => ok(STORES),
      'member.changeStore': () => ok({ ...STORES, store: STORES.stores[1] }),
    })
    jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false } as never)
    await openPage('/me/store/index')
    await screen.findByText('更换门店')
    tap('更换门店')
    fireEvent.click(await screen.findByText('设为我的门店'))
    await waitFor(() => expect(textOf('.me-store__home .me-store__name')).toBe('上海徐汇港汇恒隆店'))
    expect(cloud.calls.filter((c) => c.action === 'changeStore').map((c) => c.input)).toEqual([{ storeId: 'SH002' }])
  })
})
