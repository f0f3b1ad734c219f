/**
 * The program rules editor on Taro's H5 runtime: yuan in the form and exact fen in the rules, rates per yuan
 * and integer points per ¥100, every error at its rule (the form's own check and the server's field paths),
 * what will change in words before saving, a colleague's save first (VERSION_CONFLICT) reloading the rules,
 * and the history of changes in words.
 */
import { screen, waitFor } from '@testing-library/dom'
import type { ProgramVersionView, ProgramView } from '../../src/api/contract'
import { DEFAULT_PROGRAM, type ProgramRules } from '../../src/domain/program'
import { checkProgram, draftFrom, fenToYuan, hundredthsInput, yuanToFen } from '../../src/ops/program/programForm'
import { changeText, ruleValueText } from '../../src/wording/program'
import { setPhoneClock } from './support/clock'
import { fail, installFakeCloud, ok, type AnswerFor } from './support/fakeCloud'
import { openPage, textOf, visiblePage } from './support/harness'
import { errorOf, row, tap, typeInto } from './support/interact'

const OPERATOR = { operatorId: 'OP01', name: '陈静' }

// Some forty rule rows make this a heavy page to mount in jsdom on a busy machine.
jest.setTimeout(20_000)

const TEMPLATES = [
  { id: 'welcome-20off200', title: '新会员礼券' },
  { id: 'birthday-30off', title: '生日月7折卡' },
  { id: 'referral-20off200', title: '好友礼券' },
]

const programView = (rules: ProgramRules = DEFAULT_PROGRAM, updated: Partial<ProgramView> = {}): ProgramView => ({
  rules,
  updatedAt: null,
  updatedBy: null,
  templates: TEMPLATES,
  ...updated,
})

const V2: ProgramVersionView = {
  version: 2,
  at: '2026-11-20T08:30:00.000Z',
  by: '陈静',
  note: '旺季前调整生日券',
  changes: [
    { path: 'coupons.birthdayTemplateId', from: null, to: 'birthday-30off' },
    { path: 'earning.pointsPer100YuanByTier.vip', from: 110, to: 120 },
  ],
}

type SaveInput = { baseVersion: number; rules: Omit<ProgramRules, 'version'>; note: string; requestId: string }
const openEditor = async (
  options: {
    program?: () => ProgramView
    save?: (input: SaveInput) => AnswerFor<'ops.updateProgram'>
    history?: ProgramVersionView[]
  } = {},
) => {
  const program = options.program ?? (() => programView({ ...DEFAULT_PROGRAM, version: 2 }, { updatedAt: V2.at, updatedBy: V2.by }))
  const cloud = installFakeCloud({
    'ops.whoami': () => ok(OPERATOR),
    'ops.program': () => ok(program()),
    'ops.programHistory': () => ok({ versions: options.history ?? [V2] }),
    'ops.updateProgram': (input) => options.save?.(input as SaveInput) ?? fail('INTERNAL', 'unused'),
  })
  await openPage('/ops/program/index')
  await screen.findByText('检查修改')
  return {
    saves: () => cloud.calls.filter((c) => c.action === 'updateProgram').map((c) => c.input as SaveInput),
    loads: () => cloud.calls.filter((c) => c.action === 'program').length,
  }
}

const inputOf = (label: string) => row(label).querySelector('taro-input-core')!.getAttribute('value')

/** Taro's <Textarea> renders a real <textarea> inside its own element. */
const typeReason = async (text: string) => {
  const area = await waitFor(() => {
    const found = row('修改原因').querySelector<HTMLTextAreaElement>('textarea')
    if (!found) throw new Error('the reason textarea has not rendered yet')
    return found
  })
  area.value = text
  area.dispatchEvent(new Event('input', { bubbles: true }))
  await waitFor(() => expect(area.value).toBe(text))
}

beforeAll(() => setPhoneClock('2026-11-23T06:00:00.000Z'))

describe('yuan in the form, fen in the rules', () => {
  it('converts typed yuan to integer fen exactly, and back', () => {
    expect(yuanToFen('1800')).toBe(180_000)
    expect(yuanToFen('1800.50')).toBe(180_050)
    expect(yuanToFen('1800.5')).toBe(180_050)
    // The classic float trap: 0.29 * 100 is 28.999999999999996, 1.1 * 100 is 110.00000000000001.
    expect(yuanToFen('0.29')).toBe(29)
    expect(yuanToFen('1.10')).toBe(110)
    expect(yuanToFen('1,800')).toBe(180_000)
    for (const bad of ['', '18.001', '-5', '1e3', 'abc', '1.2.3']) expect(yuanToFen(bad)).toBeNull()
    expect(fenToYuan(180_000)).toBe('1800')
    expect(fenToYuan(180_050)).toBe('1800.50')
    expect(fenToYuan(29)).toBe('0.29')
    // Every amount in fen survives the trip through the form unchanged.
    for (let fen = 0; fen <= 100_000; fen += 7) expect(yuanToFen(fenToYuan(fen))).toBe(fen)
    for (const fen of [1, 99, 100, 101, 99_999_999, 100_000_000]) expect(yuanToFen(fenToYuan(fen))).toBe(fen)
  })

  it('shows rates per yuan with decimals and reads them back as points per ¥100', () => {
    expect(hundredthsInput(120, 'per100Yuan')).toBe('1.2')
    expect(hundredthsInput(105, 'per100Yuan')).toBe('1.05')
    expect(hundredthsInput(100, 'per100Yuan')).toBe('1')
    const draft = draftFrom(DEFAULT_PROGRAM, '积分比例调整')
    expect(draft.numbers['earning.pointsPer100YuanByTier.vip']).toBe('1.2')
    expect(draft.numbers['earning.birthdayMonthPercent']).toBe('2')
    const checked = checkProgram(
      { ...draft, numbers: { ...draft.numbers, 'earning.pointsPer100YuanByTier.gold': '1.55', 'vip.cumulativeFen': '3000.5' } },
      DEFAULT_PROGRAM,
    )
    expect(checked.ok && checked.input.rules).toMatchObject({
      earning: { pointsPer100YuanByTier: { gold: 155 } },
      vip: { cumulativeFen: 300_050 },
    })
    expect(checked.ok && checked.changes.map((c) => changeText(c))).toEqual([
      '金卡会员积分 每消费1元得1.5积分 → 每消费1元得1.55积分',
      'VIP累计消费门槛 ¥1,800 → ¥3,000.50',
    ])
  })

  it('words every kind of rule value', () => {
    expect(ruleValueText('vip.validMonths', 12)).toBe('12个月')
    expect(ruleValueText('gold.keptWhenRefundsUnqualify', false)).toBe('按消费重新计算')
    expect(ruleValueText('coupons.welcomeTemplateId', null)).toBe('不发放')
    expect(ruleValueText('coupons.welcomeTemplateId', 'welcome-20off200', TEMPLATES)).toBe('新会员礼券')
    expect(ruleValueText('expiry.yearsAfterEarningYear', 1)).toBe('获得次年年底过期')
    expect(ruleValueText('earning.birthdayMonthPercent', 150)).toBe('1.5倍')
    expect(changeText({ path: 'workbench.winBackDays.1', from: 180, to: 200 })).toBe('未到店提醒（流失） 180天 → 200天')
    expect(changeText({ path: 'segments.rfm.spendFen.0', from: 50_000, to: 60_000 })).toBe('消费金额 M2分（至少） ¥500 → ¥600')
  })
})

describe('the rules editor', () => {
  it('shows the live rules in yuan and rates per yuan, with who changed them last', async () => {
    await openEditor()
    expect(textOf('.program-head__version')).toBe('当前规则 · 第 2 版')
    expect(textOf('.program-head__by')).toBe('陈静 于 2026-11-20 16:30 修改')
    expect(inputOf('VIP累计消费门槛')).toBe('1800')
    expect(inputOf('金卡终身消费门槛')).toBe('5000')
    expect(inputOf('VIP会员积分')).toBe('1.2')
    expect(row('VIP会员积分').textContent).toContain('每消费1元得')
    expect(row('生日券').textContent).toContain('生日月7折卡')
    expect(row('好友礼券').textContent).toContain('好友礼券')
  })

  it('puts each error at its rule: what the form catches, and the schema’s rules across fields', async () => {
    const { saves } = await openEditor()
    await typeInto('VIP累计消费门槛', '18.001')
    await typeInto('VIP有效期', '1.5')
    await typeInto('VIP会员积分', '0.8')
    tap('检查修改')
    await waitFor(() => expect(errorOf('VIP累计消费门槛')).toBe('VIP累计消费门槛应为数字，最多两位小数'))
    expect(errorOf('VIP有效期')).toBe('VIP有效期应为整数')
    // Below the member's rate: the server's own schema says so, at the VIP rate.
    expect(errorOf('VIP会员积分')).toBe('VIP积分比例不应低于普通会员')
    expect(errorOf('修改原因')).toBe('请写明修改原因（至少 4 个字）')
    expect(errorOf('金卡终身消费门槛')).toBeNull()

    // Editing a row clears its message only.
    await typeInto('VIP累计消费门槛', '6000')
    await waitFor(() => expect(errorOf('VIP累计消费门槛')).toBeNull())
    expect(errorOf('VIP有效期')).toBe('VIP有效期应为整数')
    await typeInto('VIP有效期', '12')
    await typeInto('VIP会员积分', '1.2')
    await typeReason('测试门槛')
    tap('检查修改')
    // Gold must stay above the VIP threshold: the message lands at gold.
    await waitFor(() => expect(errorOf('金卡终身消费门槛')).toBe('金卡门槛应高于VIP累计门槛'))
    expect(saves()).toEqual([])
  })

  it('maps the server’s field errors (rules.…) to the rules they name', async () => {
    await openEditor({
      save: () =>
        fail('INVALID_INPUT', 'rules.coupons.welcomeTemplateId: 券不存在', [
          { field: 'rules.coupons.welcomeTemplateId', message: '入会礼券不存在或已停用' },
          { field: 'rules.vip.renewFen', message: '续期消费门槛不能大于 100000000' },
          { field: 'rules.segments.rfm.visits', message: '消费次数分档应逐级递增' },
        ]),
    })
    await typeInto('VIP续期消费门槛', '800')
    await typeReason('调整续期门槛')
    tap('检查修改')
    await screen.findByText('确认保存')
    tap('确认保存')
    await waitFor(() => expect(errorOf('入会礼券')).toBe('入会礼券不存在或已停用'))
    expect(errorOf('VIP续期消费门槛')).toBe('续期消费门槛不能大于 100000000')
    expect(errorOf('消费次数（F）')).toBe('消费次数分档应逐级递增')
  })

  it('confirms what will change in words, saves with the reason, and says from when it applies', async () => {
    let rules: ProgramRules = { ...DEFAULT_PROGRAM, version: 2 }
    const history: ProgramVersionView[] = [V2]
    let attempts = 0
    const { saves } = await openEditor({
      program: () => programView(rules),
      history,
      save: (input) => {
        if (++attempts === 1) return new Error('socket hang up')
        rules = { ...(input.rules as ProgramRules), version: 3 }
        const version: ProgramVersionView = {
          version: 3,
          at: '2026-11-23T06:00:00.000Z',
          by: '陈静',
          note: input.note,
          changes: [
            { path: 'vip.cumulativeFen', from: 180_000, to: 300_000 },
            { path: 'coupons.welcomeTemplateId', from: 'welcome-20off200', to: null },
          ],
        }
        history.unshift(version)
        return ok({ program: programView(rules, { updatedAt: version.at, updatedBy: '陈静' }), version, replayed: false })
      },
    })
    await typeInto('VIP累计消费门槛', '3000')
    pickTemplate('入会礼券', 0)
    await typeReason('旗舰店升级：VIP门槛提高到3000元')
    tap('检查修改')
    await screen.findByText('确认保存')
    expect(Array.from(visiblePage().querySelectorAll('.program-changes__line'), (l) => l.textContent)).toEqual([
      '入会礼券 新会员礼券 → 不发放',
      'VIP累计消费门槛 ¥1,800 → ¥3,000',
    ])
    expect(textOf('.ops-confirm')).toContain('修改原因：旗舰店升级：VIP门槛提高到3000元')
    expect(textOf('.ops-confirm')).toContain('保存为第 3 版')
    tap('确认保存')
    await screen.findByText('未收到结果，可放心重试：同一次修改不会重复保存。')
    tap('重试保存')
    await screen.findByText('已生效（第3版），仅对之后的消费生效')
    expect(saves()).toHaveLength(2)
    expect(saves()[1]).toEqual(saves()[0])
    expect(saves()[0]).toMatchObject({
      baseVersion: 2,
      note: '旗舰店升级：VIP门槛提高到3000元',
      requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
    })
    expect(saves()[0].rules).toEqual({
      ...withoutVersion(DEFAULT_PROGRAM),
      vip: { ...DEFAULT_PROGRAM.vip, cumulativeFen: 300_000 },
      coupons: { ...DEFAULT_PROGRAM.coupons, welcomeTemplateId: null },
    })
    // The form shows the saved rules, and the history the new version on top, in words.
    expect(inputOf('VIP累计消费门槛')).toBe('3000')
    await waitFor(() => expect(visiblePage().querySelectorAll('.program-version')).toHaveLength(2))
    const newest = visiblePage().querySelector('.program-version')!
    expect(newest.querySelector('.program-version__no')!.textContent).toBe('第 3 版')
    expect(newest.querySelector('.program-version__who')!.textContent).toBe('陈静 · 2026-11-23 14:00')
    expect(Array.from(newest.querySelectorAll('.program-version__change'), (c) => c.textContent)).toEqual([
      'VIP累计消费门槛 ¥1,800 → ¥3,000',
      '入会礼券 新会员礼券 → 不发放',
    ])
  })

  it('reloads the newest rules when a colleague saved first, keeping the reason', async () => {
    let version = 2
    const { saves, loads } = await openEditor({
      program: () =>
        programView({ ...DEFAULT_PROGRAM, version, referral: { ...DEFAULT_PROGRAM.referral, inviterPoints: version === 2 ? 200 : 300 } }),
      save: () => {
        version = 3
        return fail('VERSION_CONFLICT', '规则已被他人更新为第 3 版，请刷新后重新修改')
      },
    })
    await typeInto('邀请奖励积分', '250')
    await typeReason('邀请奖励调整')
    tap('检查修改')
    await screen.findByText('确认保存')
    expect(textOf('.program-changes__line')).toBe('邀请奖励积分 200积分 → 250积分')
    tap('确认保存')
    await screen.findByText('规则已被他人更新为第 3 版，已载入最新规则，请在此基础上重新修改后保存。')
    expect(loads()).toBe(2)
    expect(textOf('.program-head__version')).toBe('当前规则 · 第 3 版')
    // The colleague's value is what the form now shows; the operator's reason stays typed.
    await waitFor(() => expect(inputOf('邀请奖励积分')).toBe('300'))
    await waitFor(() => expect(row('修改原因').querySelector('textarea')?.value).toBe('邀请奖励调整'))
    expect(saves()).toHaveLength(1)
    expect(saves()[0].baseVersion).toBe(2)
  })

  it('refuses a save that changes nothing before asking the server', async () => {
    const { saves } = await openEditor()
    await typeReason('没有修改')
    tap('检查修改')
    await screen.findByText('没有修改任何规则')
    expect(saves()).toEqual([])
  })

  it('lists the history in words with who and when, or says there is none', async () => {
    await openEditor()
    await waitFor(() => expect(visiblePage().querySelectorAll('.program-version')).toHaveLength(1))
    expect(textOf('.program-version__who')).toBe('陈静 · 2026-11-20 16:30')
    expect(textOf('.program-version__note')).toBe('原因：旺季前调整生日券')
    expect(Array.from(visiblePage().querySelectorAll('.program-version__change'), (c) => c.textContent)).toEqual([
      '生日券 不发放 → 生日月7折卡',
      'VIP会员积分 每消费1元得1.1积分 → 每消费1元得1.2积分',
    ])
    await openEditor({ history: [], program: () => programView() })
    await screen.findByText('还没有修改记录')
    expect(textOf('.program-head__by')).toBe('品牌默认规则，尚未修改')
  })
})

const withoutVersion = ({ version: _version, ...rules }: ProgramRules) => rules

/** Confirms a choice in the row's template picker, as Taro's Picker reports it. */
function pickTemplate(label: string, index: number) {
  row(label)
    .querySelector('taro-picker-core')!
    .dispatchEvent(new CustomEvent('change', { detail: { value: index } }))
}
