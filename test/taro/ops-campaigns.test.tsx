/**
 * The operator's campaigns on Taro's H5 runtime: the list with issuing progress, and a new campaign —
 * claim with VIP early access, or issued to a list of members — created with a request id kept until answered.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/dom'
import type { CouponTemplateView, OpsCampaignView } from '../../src/api/contract'
import { fail, installFakeCloud, ok, type AnswerFor } from './support/fakeCloud'
import { LI_NA } from './support/fixtures'
import { currentRoute, openPage, textOf, visiblePage } from './support/harness'
import { errorOf, pick, row, tap, typeInto } from './support/interact'
import { setPhoneClock } from './support/clock'

const OPERATOR = { operatorId: 'OP01', name: '陈静' }

// The segment audiences test creates two campaigns through the form: room for it on a busy machine.
jest.setTimeout(40_000)

const TEMPLATES: CouponTemplateView[] = [
  { id: 'birthday-30off', title: '生日月7折卡', benefitText: '7折', tiers: ['member', 'vip', 'gold'], stockLeft: null, active: true },
  { id: 'retired', title: '旧券', benefitText: '9折', tiers: ['member'], stockLeft: null, active: false },
  { id: 'vip-preview-15off', title: '新季预览 85折', benefitText: '8.5折', tiers: ['member', 'vip', 'gold'], stockLeft: 500, active: true },
]

const EXISTING: OpsCampaignView = {
  id: 'cmp-old',
  title: '老客回馈',
  templateId: 'welcome-20off200',
  mode: 'issue',
  audience: '名单 120 人',
  opensAt: '2026-11-01T02:00:00.000Z',
  vipEarlyDays: 0,
  endsAt: '2026-12-01T16:00:00.000Z',
  status: 'active',
  issued: 118,
  skipped: 2,
}

type CreateInput = Record<string, unknown> & { requestId: string }
/** Taro's <Textarea> renders a real <textarea> inside its own element. */
const typeIntoTextarea = async (label: string, text: string) => {
  const area = await waitFor(() => {
    const found = row(label).querySelector<HTMLTextAreaElement>('textarea')
    if (!found) throw new Error(`the ${label} textarea has not rendered yet`)
    return found
  })
  area.value = text
  fireEvent.input(area)
  await waitFor(() => expect(area.value).toBe(text))
}

const openCampaigns = async (create: (input: CreateInput) => AnswerFor<'ops.createCampaign'>) => {
  const campaigns: OpsCampaignView[] = [EXISTING]
  const cloud = installFakeCloud({
    'ops.whoami': () => ok(OPERATOR),
    'ops.couponTemplates': () => ok({ templates: TEMPLATES }),
    'ops.campaigns': () => ok({ campaigns }),
    'ops.createCampaign': (input) => {
      const answer = create(input as CreateInput)
      if (!(answer instanceof Error) && answer.ok) campaigns.unshift((answer.data as { campaign: OpsCampaignView }).campaign)
      return answer
    },
  })
  await openPage('/ops/campaigns/index')
  await screen.findByText('全部活动')
  return { creates: () => cloud.calls.filter((c) => c.action === 'createCampaign').map((c) => c.input as CreateInput) }
}

const campaignOf = (input: CreateInput): OpsCampaignView => ({
  id: `cmp-${input.requestId}`,
  title: input.title as string,
  templateId: input.templateId as string,
  mode: input.mode as OpsCampaignView['mode'],
  audience: '名单 2 人',
  opensAt: input.opensAt as string,
  vipEarlyDays: input.vipEarlyDays as number,
  endsAt: input.endsAt as string,
  status: 'active',
  issued: 2,
  skipped: 0,
})

const optionIn = (text: string) =>
  fireEvent.click(Array.from(visiblePage().querySelectorAll('.ops-direction__option')).find((o) => o.textContent === text)!)

beforeAll(() => setPhoneClock('2026-11-23T06:00:00.000Z'))
afterAll(() => jest.useRealTimers())

describe("the operator's campaigns", () => {
  it('lists campaigns with how far issuing got', async () => {
    await openCampaigns(() => fail('INTERNAL', 'unused'))
    expect(textOf('.ops-campaign')).toContain('老客回馈')
    expect(textOf('.ops-campaign__status')).toBe('进行中')
    // A template no longer listed shows by its id.
    expect(textOf('.ops-campaign')).toContain('直接发放 · 名单 120 人 · welcome-20off200')
    expect(textOf('.ops-campaign__progress')).toBe('已发放 118 张 · 跳过 2 人')
  })

  it('creates a claim campaign that opens to VIPs three days early, keeping the request id across a retry', async () => {
    let attempts = 0
    const { creates } = await openCampaigns((input) =>
      ++attempts === 1 ? new Error('socket hang up') : ok({ campaign: campaignOf(input), replayed: false }),
    )
    await typeInto('活动名称', '新季预览会')
    // Only active templates are offered: the second is the preview coupon, not the retired one.
    pick('优惠券', 1)
    await screen.findByText('8.5折 · 剩余 500 张')
    expect((row('VIP提前天数').querySelector('input') as HTMLInputElement).value).toBe('3')
    tap('创建活动')
    await screen.findByText('确认创建')
    expect(textOf('.ops-confirm')).toContain('会员领取 · 全部会员')
    expect(textOf('.ops-confirm')).toContain('11月23日 10:00 开始，VIP提前 3 天')
    tap('确认创建')
    await screen.findByText('未收到结果，可放心重试：同一个活动不会重复创建。')
    tap('重试创建')
    await screen.findByText('已创建「新季预览会」')
    // Back to an empty form for the next campaign.
    expect(screen.queryByText('确认创建')).toBeNull()
    await waitFor(() => expect((row('活动名称').querySelector('input') as HTMLInputElement).value).toBe(''))
    expect(creates()).toHaveLength(2)
    expect(creates()[1]).toEqual(creates()[0])
    expect(creates()[0]).toEqual({
      title: '新季预览会',
      templateId: 'vip-preview-15off',
      mode: 'claim',
      audience: { kind: 'all' },
      opensAt: '2026-11-23T02:00:00.000Z',
      vipEarlyDays: 3,
      endsAt: '2026-12-22T16:00:00.000Z',
      // The campaign's id is "cmp-" + the request id, and a claim takes ids of up to 80 characters.
      requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
    })
    await waitFor(() => expect(visiblePage().querySelectorAll('.ops-campaign')).toHaveLength(2))
    expect(textOf('.ops-campaign')).toContain('会员领取 · 名单 2 人 · 新季预览 85折')
  })

  it('issues to a list of member codes, one per line, naming a mistyped line first', async () => {
    const { creates } = await openCampaigns((input) => ok({ campaign: campaignOf(input), replayed: false }))
    await typeInto('活动名称', '老客专享')
    pick('优惠券', 0)
    optionIn('直接发放')
    optionIn('名单')
    await typeIntoTextarea('会员码名单', `${LI_NA.memberNo}\n20261123011`)
    tap('创建活动')
    await waitFor(() => expect(errorOf('会员码名单')).toBe('第 2 行：会员码有误，请核对'))
    expect(creates()).toHaveLength(0)

    await typeIntoTextarea('会员码名单', `${LI_NA.memberNo}\n20261123010`)
    tap('创建活动')
    await screen.findByText('确认创建')
    expect(textOf('.ops-confirm')).toContain('直接发放 · 名单 2 人')
    expect(textOf('.ops-confirm')).toContain('创建后立即向活动对象发券，不可撤回')
    tap('确认创建')
    await screen.findByText('已创建「老客专享」，已发放 2 张')
    expect(creates()[0]).toMatchObject({
      mode: 'issue',
      vipEarlyDays: 0,
      audience: { kind: 'list', memberCodes: ['20261123002', '20261123010'] },
    })
  })

  it('issues to customer classes (several at once) or to the first N of a top list', async () => {
    const { creates } = await openCampaigns((input) => ok({ campaign: campaignOf(input), replayed: false }))
    await typeInto('活动名称', 'A类客户回馈')
    pick('优惠券', 0)
    optionIn('直接发放')
    optionIn('客户类别')
    await screen.findByText('按每晚计算的客户分类，可多选')
    tap('创建活动')
    await waitFor(() => expect(textOf('.field__error')).toBe('至少选择一个客户类别'))
    optionIn('A类')
    optionIn('B类')
    await waitFor(() => expect(visiblePage().querySelectorAll('.ops-direction__option--on')).toHaveLength(4))
    tap('创建活动')
    await screen.findByText('确认创建')
    expect(textOf('.ops-confirm')).toContain('直接发放 · A、B 类客户')
    tap('确认创建')
    await screen.findByText('已创建「A类客户回馈」，已发放 2 张')
    expect(creates()[0]).toMatchObject({ mode: 'issue', audience: { kind: 'classes', classes: ['A', 'B'] } })

    await typeInto('活动名称', '主力户专享')
    pick('优惠券', 0)
    optionIn('直接发放')
    optionIn('重点客户')
    await screen.findByText('主力户')
    optionIn('主力户')
    await typeInto('发券人数', '0')
    tap('创建活动')
    await waitFor(() => expect(errorOf('发券人数')).toBe('人数不能小于 1'))
    await typeInto('发券人数', '50')
    tap('创建活动')
    await screen.findByText('确认创建')
    expect(textOf('.ops-confirm')).toContain('直接发放 · 主力户前 50 名')
    tap('确认创建')
    await screen.findByText('已创建「主力户专享」，已发放 2 张')
    expect(creates()[1]).toMatchObject({ audience: { kind: 'top', list: 'main', count: 50 } })
  })

  it('edits a running campaign’s title and last day, with the server’s refusal at its row', async () => {
    let refuse = true
    const cloud = installFakeCloud({
      'ops.whoami': () => ok(OPERATOR),
      'ops.couponTemplates': () => ok({ templates: TEMPLATES }),
      'ops.campaigns': () => ok({ campaigns: [EXISTING] }),
      'ops.updateCampaign': (input) => {
        const { title, endsAt } = input as { title: string; endsAt: string }
        if (refuse) {
          refuse = false
          return fail('INVALID_INPUT', 'endsAt', [{ field: 'endsAt', message: '结束时间应晚于开始时间' }])
        }
        return ok({ campaign: { ...EXISTING, title, endsAt } })
      },
    })
    await openPage('/ops/campaigns/index')
    await screen.findByText('全部活动')
    const entry = () => visiblePage().querySelector<HTMLElement>('.ops-campaign')!
    fireEvent.click(within(entry()).getByText('编辑'))
    await waitFor(() => expect(entry().querySelector('.ops-campaign__manage')).not.toBeNull())
    // The form holds the campaign as it is: the last day it covers, not its exclusive end.
    expect(Array.from(entry().querySelectorAll('.ops-when__part'), (p) => p.textContent)).toEqual(['2026-12-01'])
    const titleInput = await waitFor(() => {
      const found = entry().querySelector<HTMLInputElement>('.ops-campaign__manage taro-input-core input')
      if (!found) throw new Error('the title input has not rendered yet')
      return found
    })
    titleInput.value = '老客回馈（延长）'
    fireEvent.input(titleInput)
    entry()
      .querySelector('.ops-campaign__manage taro-picker-core')!
      .dispatchEvent(new CustomEvent('change', { detail: { value: '2026-12-31' } }))
    await waitFor(() => expect(entry().querySelector('.ops-when__part')!.textContent).toBe('2026-12-31'))
    fireEvent.click(within(entry()).getByText('保存修改'))
    await waitFor(() => expect(entry().querySelector('.field__error')?.textContent).toBe('结束时间应晚于开始时间'))
    fireEvent.click(within(entry()).getByText('保存修改'))
    await screen.findByText('已保存「老客回馈（延长）」')
    expect(textOf('.ops-campaign')).toContain('2026-12-31 结束')
    const updates = cloud.calls.filter((c) => c.action === 'updateCampaign').map((c) => c.input)
    expect(updates[1]).toEqual({ campaignId: 'cmp-old', title: '老客回馈（延长）', endsAt: '2026-12-31T16:00:00.000Z' })
  })

  it('ends a campaign only after a confirmation that says coupons already held stay valid', async () => {
    const cloud = installFakeCloud({
      'ops.whoami': () => ok(OPERATOR),
      'ops.couponTemplates': () => ok({ templates: TEMPLATES }),
      'ops.campaigns': () => ok({ campaigns: [EXISTING] }),
      'ops.closeCampaign': () => ok({ campaign: { ...EXISTING, status: 'closed' } }),
    })
    await openPage('/ops/campaigns/index')
    await screen.findByText('全部活动')
    tap('结束活动')
    await screen.findByText('结束「老客回馈」？')
    expect(textOf('.ops-campaign__closing')).toContain('结束后停止发放；已发出的券在有效期内仍可使用。')
    fireEvent.click(within(visiblePage().querySelector<HTMLElement>('.ops-campaign__closing')!).getByText('取消'))
    await waitFor(() => expect(screen.queryByText('确认结束')).toBeNull())
    expect(cloud.calls.filter((c) => c.action === 'closeCampaign')).toEqual([])
    tap('结束活动')
    tap(await screen.findByText('确认结束').then(() => '确认结束'))
    await screen.findByText('已结束「老客回馈」，会员不能再领取，已发出的券仍可使用')
    expect(textOf('.ops-campaign__status')).toBe('已结束')
    // A closed campaign offers nothing more to do.
    expect(screen.queryByText('编辑')).toBeNull()
    expect(cloud.calls.filter((c) => c.action === 'closeCampaign').map((c) => c.input)).toEqual([{ campaignId: 'cmp-old' }])
  })

  it('is reached from the operator’s member page', async () => {
    installFakeCloud({
      'ops.whoami': () => ok(OPERATOR),
      'ops.couponTemplates': () => ok({ templates: TEMPLATES }),
      'ops.campaigns': () => ok({ campaigns: [] }),
    })
    await openPage('/ops/member/index')
    await screen.findByText('优惠券活动 ›')
    tap('优惠券活动 ›')
    await waitFor(() => expect(currentRoute()).toBe('/ops/campaigns/index'))
    await screen.findByText('还没有活动')
  })
})
