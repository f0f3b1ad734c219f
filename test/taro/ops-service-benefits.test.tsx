/**
 * The service benefits list in the rules editor (issue 10): an operator edits the handbook's per-tier services
 * as data — renames one, gives it to another tier, deletes one, adds one — sees the change in words and saves
 * the list with the rules; a bad entry is refused under the list.
 */
import { fireEvent, screen, waitFor } from '@testing-library/dom'
import type { ProgramView } from '../../src/api/contract'
import { DEFAULT_PROGRAM, type ProgramRules } from '../../src/domain/program'
import { setPhoneClock } from './support/clock'
import { fail, installFakeCloud, ok, type AnswerFor, type HandlerFor } from './support/fakeCloud'
import { openPage, visiblePage } from './support/harness'
import { tap } from './support/interact'

jest.setTimeout(20_000)
beforeAll(() => setPhoneClock('2026-11-23T06:00:00.000Z'))

const RULES: ProgramRules = {
  ...DEFAULT_PROGRAM,
  version: 2,
  serviceBenefits: [
    { title: '免费熨烫', detail: '', tiers: ['vip', 'gold'] },
    { title: '送货上门', detail: '同城', tiers: ['gold'] },
  ],
}
const VIEW: ProgramView = {
  rules: RULES,
  updatedAt: null,
  updatedBy: null,
  templates: [
    { id: 'welcome-20off200', title: '新会员礼券' },
    { id: 'birthday-30off', title: '生日月7折卡' },
    { id: 'referral-20off200', title: '好友礼券' },
  ],
}

type Save = Parameters<HandlerFor<'ops.updateProgram'>>[0]

const open = async (save: (input: Save) => AnswerFor<'ops.updateProgram'>) => {
  const cloud = installFakeCloud({
    'ops.whoami': () => ok({ operatorId: 'OP01', name: '陈静' }),
    'ops.program': () => ok(VIEW),
    'ops.programHistory': () => ok({ versions: [] }),
    'ops.updateProgram': (input) => save(input),
  })
  await openPage('/ops/program/index')
  await screen.findByText('会员服务权益')
  return () => cloud.calls.filter((c) => c.action === 'updateProgram').map((c) => (c.input as Save).rules.serviceBenefits)
}

const benefitRows = () => Array.from(visiblePage().querySelectorAll('.benefit-row'))
const typeIn = async (input: HTMLInputElement, text: string) => {
  input.value = text
  fireEvent.input(input)
  await waitFor(() => expect(input.closest('taro-input-core')!.getAttribute('value')).toBe(text))
}
const inputsOf = (i: number) => Array.from(benefitRows()[i].querySelectorAll<HTMLInputElement>('taro-input-core input'))
const tierIn = (i: number, name: string) =>
  Array.from(benefitRows()[i].querySelectorAll<HTMLElement>('.ops-direction__option')).find((o) => o.textContent === name)!

const typeReason = async (text: string) => {
  const area = visiblePage().querySelector<HTMLTextAreaElement>('textarea')!
  area.value = text
  area.dispatchEvent(new Event('input', { bubbles: true }))
  await waitFor(() => expect(area.value).toBe(text))
}

it('edits the list as data and saves it with the rules, the change in words first', async () => {
  const saved = await open((input) =>
    ok({
      program: { ...VIEW, rules: { ...input.rules, version: 3 } },
      version: { version: 3, at: '2026-11-23T06:00:00.000Z', by: '陈静', note: 'x', changes: [] },
      replayed: false,
    }),
  )
  await waitFor(() => expect(inputsOf(0).length).toBe(2))
  await typeIn(inputsOf(0)[0], '免费熨烫与清洁')
  fireEvent.click(tierIn(0, '普通'))
  await waitFor(() => expect(tierIn(0, '普通').className).toContain('--on'))
  fireEvent.click(benefitRows()[1].querySelector('.benefit-row__remove')!)
  await waitFor(() => expect(benefitRows().length).toBe(1))
  tap('＋ 添加服务')
  await waitFor(() => expect(benefitRows().length).toBe(2))
  await waitFor(() => expect(inputsOf(1).length).toBe(2))
  await typeIn(inputsOf(1)[0], '私人造型')
  await typeReason('调整会员服务')
  tap('检查修改')
  await screen.findByText('确认保存')
  expect(visiblePage().textContent).toContain(
    '会员服务权益 免费熨烫（VIP会员、金卡会员）；送货上门（金卡会员） → 免费熨烫与清洁（普通会员、VIP会员、金卡会员）；私人造型（VIP会员、金卡会员）',
  )
  tap('确认保存')
  await waitFor(() => expect(saved()).toHaveLength(1))
  expect(saved()[0]).toEqual([
    { title: '免费熨烫与清洁', detail: '', tiers: ['member', 'vip', 'gold'] },
    { title: '私人造型', detail: '', tiers: ['vip', 'gold'] },
  ])
})

it('refuses an entry without a name or without a tier under the list, before saving', async () => {
  const saved = await open(() => fail('INTERNAL', 'unused'))
  await waitFor(() => expect(inputsOf(0).length).toBe(2))
  fireEvent.click(tierIn(1, '金卡'))
  await typeIn(inputsOf(0)[0], '')
  await typeReason('调整会员服务')
  tap('检查修改')
  await waitFor(() =>
    expect(visiblePage().querySelector('.rule-group-error')?.textContent).toMatch(/请填写服务名称|请至少选择一个会员等级/),
  )
  expect(saved()).toEqual([])
})
