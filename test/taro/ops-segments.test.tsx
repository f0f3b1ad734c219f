/**
 * The operator's segments on Taro's H5 runtime: when the classes were computed (or that they never were),
 * A/B/C/D with members, spend and the rule, the 25-cell RFM table as numbers, the live top lists, and
 * "给这批客户发券" opening the campaign form with the audience already chosen.
 */
import { fireEvent, screen, waitFor } from '@testing-library/dom'
import type { CouponTemplateView, OpsCampaignView, SegmentsView, TopCustomer } from '../../src/api/contract'
import { compactYuan, heatOf } from '../../src/insights/segmentsWords'
import { campaignUrlFor, presetFrom } from '../../src/campaigns/audiencePreset'
import { setPhoneClock } from './support/clock'
import { installFakeCloud, ok } from './support/fakeCloud'
import { currentRoute, openPage, textOf, visiblePage } from './support/harness'
import { pick, tap, typeInto } from './support/interact'

const OPERATOR = { operatorId: 'OP01', name: '陈静' }

jest.setTimeout(20_000)

const customer = (overrides: Partial<TopCustomer>): TopCustomer => ({
  memberNo: '20261123002',
  name: '李娜',
  tier: 'vip',
  storeName: '上海静安嘉里中心店',
  purchaseCount: 12,
  lifetimeSpendFen: 1_234_500,
  marginFen: 345_600,
  lastPurchaseAt: '2026-11-20T06:00:00.000Z',
  ...overrides,
})

const rfm = (): SegmentsView['rfm'] => {
  const cells: SegmentsView['rfm'] = []
  for (let r = 5; r >= 1; r--)
    for (let f = 1; f <= 5; f++)
      cells.push({
        r,
        f,
        members: r === 5 && f === 5 ? 40 : r === 1 && f === 1 ? 10 : 0,
        avgSpendFen: r === 5 && f === 5 ? 2_345_600 : 32_000,
      })
  return cells
}

const SEGMENTS: SegmentsView = {
  computedAt: '2026-11-22T18:15:00.000Z',
  rulesVersion: 3,
  members: 200,
  classes: [
    { name: 'A', members: 25, spendFen: 50_000_000, rule: '累计消费≥¥10,000 且到店≥6次' },
    { name: 'B', members: 50, spendFen: 30_000_000, rule: '累计消费≥¥3,000 且到店≥3次' },
    { name: 'C', members: 75, spendFen: 6_000_000, rule: '累计消费≥¥500 且到店≥1次' },
    { name: 'D', members: 50, spendFen: 0, rule: '其余会员' },
  ],
  rfm: rfm(),
  top: {
    loyal: [
      customer({ name: '李娜', purchaseCount: 18 }),
      customer({ memberNo: '20261123010', name: '王芳', tier: 'gold', purchaseCount: 15 }),
    ],
    main: [customer({ memberNo: '20261123029', name: '赵敏', tier: 'gold', lifetimeSpendFen: 8_800_000, marginFen: 2_100_000 })],
    big: [],
  },
}

const TEMPLATES: CouponTemplateView[] = [
  {
    id: 'vip-preview-15off',
    title: '新季预览 85折',
    benefitText: '8.5折',
    tiers: ['member', 'vip', 'gold'],
    stockLeft: null,
    active: true,
  },
]

const openSegments = async (view: SegmentsView = SEGMENTS) => {
  const cloud = installFakeCloud({
    'ops.whoami': () => ok(OPERATOR),
    'ops.segments': () => ok(view),
    'ops.couponTemplates': () => ok({ templates: TEMPLATES }),
    'ops.campaigns': () => ok({ campaigns: [] }),
    'ops.createCampaign': (input) => {
      const i = input as { requestId: string; title: string; templateId: string; opensAt: string; endsAt: string }
      const campaign: OpsCampaignView = {
        id: `cmp-${i.requestId}`,
        title: i.title,
        templateId: i.templateId,
        mode: 'issue',
        audience: '—',
        opensAt: i.opensAt,
        vipEarlyDays: 0,
        endsAt: i.endsAt,
        status: 'active',
        issued: 75,
        skipped: 0,
      }
      return ok({ campaign, replayed: false })
    },
  })
  await openPage('/ops/segments/index')
  await screen.findByText('重点客户')
  return { creates: () => cloud.calls.filter((c) => c.action === 'createCampaign').map((c) => c.input as Record<string, unknown>) }
}

const option = (text: string) =>
  Array.from(visiblePage().querySelectorAll<HTMLElement>('.ops-direction__option')).find((o) => o.textContent === text)!
const lines = (selector: string) => Array.from(visiblePage().querySelectorAll(selector), (e) => e.textContent)

beforeAll(() => setPhoneClock('2026-11-23T06:00:00.000Z'))

describe('the segments page', () => {
  it('says when the classes were computed and shows A/B/C/D with members, share, spend and the rule', async () => {
    await openSegments()
    expect(textOf('.segments-head__when')).toBe('数据更新于 2026-11-23 02:15（第 3 版规则）')
    expect(textOf('.segments-head__total')).toBe('200 位会员')
    expect(lines('.segment-class__figures')).toEqual([
      '25 人 · 12.5% · 累计消费 ¥500,000',
      '50 人 · 25.0% · 累计消费 ¥300,000',
      '75 人 · 37.5% · 累计消费 ¥60,000',
      '50 人 · 25.0% · 累计消费 ¥0',
    ])
    expect(lines('.segment-class__rule')[1]).toBe('累计消费≥¥3,000 且到店≥3次')
  })

  it('shows the RFM table as 25 numbers, R5 on top, darker where more members are', async () => {
    await openSegments()
    const cells = Array.from(visiblePage().querySelectorAll<HTMLElement>('.rfm__cell'))
    expect(cells).toHaveLength(25)
    const at = (r: number, f: number) => cells.find((c) => c.dataset.r === String(r) && c.dataset.f === String(f))!
    expect(at(5, 5).querySelector('.rfm__members')!.textContent).toBe('40')
    expect(at(5, 5).querySelector('.rfm__spend')!.textContent).toBe('¥2.3万')
    expect(at(5, 5).className).toContain('rfm__cell--h4')
    expect(at(1, 1).querySelector('.rfm__members')!.textContent).toBe('10')
    expect(at(1, 1).querySelector('.rfm__spend')!.textContent).toBe('¥320')
    expect(at(1, 1).className).toContain('rfm__cell--h1')
    expect(at(3, 2).querySelector('.rfm__members')!.textContent).toBe('0')
    expect(at(3, 2).className).toContain('rfm__cell--h0')
    // The first row of cells is R5, read F1 to F5.
    expect(lines('.rfm__side')).toEqual(['R5', 'R4', 'R3', 'R2', 'R1'])
    expect(lines('.rfm__head')).toEqual(['F1', 'F2', 'F3', 'F4', 'F5'])
    expect(compactYuan(999_900)).toBe('¥9,999')
    expect(compactYuan(1_000_000)).toBe('¥1万')
    expect(heatOf(21, 40)).toBe(3)
  })

  it('shows each top list with member no, name, tier, store, visits, spend and margin', async () => {
    await openSegments()
    expect(lines('.segment-top__name')).toEqual(['李娜', '王芳'])
    expect(textOf('.segment-top__no')).toBe('20261123002')
    expect(textOf('.segment-top__line')).toBe('VIP会员 · 上海静安嘉里中心店')
    expect(textOf('.segment-top__figures')).toBe('到店 18 次 · 消费 ¥12,345 · 毛利 ¥3,456')
    fireEvent.click(option('主力户'))
    await waitFor(() => expect(lines('.segment-top__name')).toEqual(['赵敏']))
    expect(textOf('.segment-top__measure')).toBe('主力户：消费金额最高的会员（实时）')
    expect(textOf('.segment-top__figures')).toBe('到店 12 次 · 消费 ¥88,000 · 毛利 ¥21,000')
    fireEvent.click(option('大户'))
    await screen.findByText('暂无会员消费记录')
  })

  it('says plainly when the nightly computation has not run yet, and still offers the live top lists', async () => {
    await openSegments({
      ...SEGMENTS,
      computedAt: null,
      rulesVersion: null,
      members: 0,
      classes: SEGMENTS.classes.map((c) => ({ ...c, members: 0, spendFen: 0 })),
    })
    expect(textOf('.segments-empty__title')).toBe('客户分层尚未计算')
    expect(visiblePage().querySelector('.rfm')).toBeNull()
    expect(visiblePage().querySelector('.segment-class')).toBeNull()
    expect(lines('.segment-top__name')).toEqual(['李娜', '王芳'])
  })

  it('opens the campaign form with the picked classes as its audience, issued directly', async () => {
    const { creates } = await openSegments()
    expect(screen.getByText('选择类别后可给这批客户发券')).toBeTruthy()
    fireEvent.click(visiblePage().querySelectorAll('.segment-class')[0])
    fireEvent.click(visiblePage().querySelectorAll('.segment-class')[1])
    tap(await screen.findByText('给 A、B 类客户发券').then(() => '给 A、B 类客户发券'))
    await waitFor(() => expect(currentRoute()).toBe('/ops/campaigns/index'))
    await screen.findByText('已按客户分层预选活动对象：A、B 类客户')
    expect(option('直接发放').className).toContain('--on')
    expect(option('客户类别').className).toContain('--on')
    expect(option('A类').className).toContain('--on')
    expect(option('B类').className).toContain('--on')
    expect(option('C类').className).not.toContain('--on')
    await typeInto('活动名称', 'A/B类客户回馈')
    pick('优惠券', 0)
    tap('创建活动')
    await screen.findByText('确认创建')
    tap('确认创建')
    await screen.findByText('已创建「A/B类客户回馈」，已发放 75 张')
    expect(creates()[0]).toMatchObject({ mode: 'issue', audience: { kind: 'classes', classes: ['A', 'B'] } })
  })

  it('opens the campaign form with the first N of the top list shown', async () => {
    const { creates } = await openSegments()
    fireEvent.click(option('主力户'))
    fireEvent.click(option('前 50 名'))
    await waitFor(() => expect(option('前 50 名').className).toContain('--on'))
    tap('给这批客户发券')
    await waitFor(() => expect(currentRoute()).toBe('/ops/campaigns/index'))
    await screen.findByText('已按客户分层预选活动对象：主力户前 50 名')
    expect(option('主力户').className).toContain('--on')
    await typeInto('活动名称', '主力户专享')
    pick('优惠券', 0)
    tap('创建活动')
    await screen.findByText('确认创建')
    expect(textOf('.ops-confirm')).toContain('直接发放 · 主力户前 50 名')
    tap('确认创建')
    await screen.findByText('已创建「主力户专享」，已发放 75 张')
    expect(creates()[0]).toMatchObject({ audience: { kind: 'top', list: 'main', count: 50 } })
  })

  it('reads a preset only from a well-formed link', () => {
    expect(presetFrom({ audience: 'classes', classes: 'B,A,X' })).toEqual({ kind: 'classes', classes: ['A', 'B'] })
    expect(presetFrom({ audience: 'classes', classes: '' })).toBeNull()
    expect(presetFrom({ audience: 'top', list: 'big', count: '20' })).toEqual({ kind: 'top', list: 'big', count: 20 })
    expect(presetFrom({ audience: 'top', list: 'big', count: '0' })).toBeNull()
    expect(presetFrom({ audience: 'top', list: 'vip', count: '20' })).toBeNull()
    expect(presetFrom({})).toBeNull()
    expect(campaignUrlFor({ kind: 'top', list: 'loyal', count: 10 })).toBe('/ops/campaigns/index?audience=top&list=loyal&count=10')
  })
})
