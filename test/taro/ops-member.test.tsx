/**
 * The operator's member page on Taro's H5 runtime: only operators get in; a member's whole ledger with who
 * did what; a manual adjustment with a mandatory reason, which then shows in the ledger.
 */
import { screen, waitFor } from '@testing-library/dom'
import type { AdjustmentResult, AuditEntry, MemberSummary } from '../../src/api/contract'
import { fail, installFakeCloud, ok, type AnswerFor } from './support/fakeCloud'
import { LI_NA } from './support/fixtures'
import { openPage, textOf, visiblePage } from './support/harness'
import { errorOf, tap, typeInto } from './support/interact'

const OPERATOR = { operatorId: 'OP01', name: '陈静' }

type AdjustInput = { memberCode: string; points: number; reason: string; requestId: string }

const PURCHASE: AuditEntry = {
  id: 'earn:SH001:SO1',
  kind: 'earn',
  points: 1255,
  balanceAfter: 1255,
  reason: '消费积分',
  at: '2026-11-20T06:00:00.000Z',
  detail: '上海静安嘉里中心店 · 订单 SO1',
  actor: '导购 A01（SH001）',
  source: 'purchase:SH001:SO1',
}

/** A member's ledger on the server: adjustments append to it, and memberLedger pages it newest first. */
const fakeLedger = (pageSize = 20) => {
  let member: MemberSummary = { ...LI_NA }
  const entries: AuditEntry[] = [PURCHASE]
  let n = 0
  return {
    memberLedger: (input: unknown) => {
      const { cursor } = input as { cursor: string | null }
      const start = cursor ? Number(cursor) : 0
      const page = entries.slice(start, start + pageSize)
      return ok({ member, entries: page, nextCursor: start + pageSize < entries.length ? String(start + pageSize) : null })
    },
    adjustPoints: (input: unknown) => {
      const { points, reason } = input as AdjustInput
      member = { ...member, pointsBalance: member.pointsBalance + points }
      const at = `2026-11-23T06:0${n}:00.000Z`
      entries.unshift({
        id: `adjust:${++n}`,
        kind: 'adjust',
        points,
        balanceAfter: member.pointsBalance,
        reason,
        at,
        detail: null,
        actor: '运营 OP01',
        source: `adjustment:${n}`,
      })
      return ok<AdjustmentResult>({ adjustment: { points, reason, at, balanceAfter: member.pointsBalance }, member, replayed: false })
    },
    add: (entry: AuditEntry) => entries.push(entry),
  }
}

const openAudit = async (ledger = fakeLedger(), adjust?: (input: AdjustInput) => AnswerFor<'ops.adjustPoints'>) => {
  const cloud = installFakeCloud({
    'ops.whoami': () => ok(OPERATOR),
    'ops.memberLedger': ledger.memberLedger,
    'ops.adjustPoints': (input) => (adjust ? adjust(input as AdjustInput) : ledger.adjustPoints(input)),
  })
  await openPage('/ops/member/index')
  await screen.findByText('会员积分审计')
  await typeInto('会员码', '20261123002')
  tap('查询会员')
  await screen.findByText('李娜')
  return { adjustCalls: () => cloud.calls.filter((c) => c.action === 'adjustPoints').map((c) => c.input as AdjustInput) }
}

const auditRows = () =>
  Array.from(visiblePage().querySelectorAll('.audit-entry'), (row) =>
    ['reason', 'points', 'balance', 'meta', 'source'].map((part) => row.querySelector(`.audit-entry__${part}`)!.textContent).join(' | '),
  )

const confirm = async (label: string) => {
  await screen.findByText(label)
  tap(label)
}

describe('operator member page', () => {
  it('tells a shop assistant it is for brand operators only', async () => {
    installFakeCloud({ 'ops.whoami': () => fail('FORBIDDEN', '仅限品牌运营使用') })
    await openPage('/ops/member/index')
    await screen.findByText('仅限品牌运营使用')
    expect(screen.getByText(/请联系品牌管理员开通权限/)).toBeTruthy()
    expect(screen.queryByText('会员码')).toBeNull()
  })

  it("shows the member's ledger with who did what, through what, to the second", async () => {
    await openAudit()
    expect(textOf('.role-header__who')).toBe('陈静 · OP01')
    expect(textOf('.member-confirm__points')).toBe('积分 1,255')
    expect(auditRows()).toEqual(['消费积分 | +1,255 | 剩余 1,255 | 导购 A01（SH001） · 2026-11-20 14:00:00 | purchase:SH001:SO1'])
  })

  it('adds points with a reason, and the new entry heads the ledger', async () => {
    const { adjustCalls } = await openAudit()
    await typeInto('积分', '100')
    await typeInto('调整原因', '系统故障补录积分')
    tap('调整')
    await screen.findByText('+100 分')
    expect(screen.getByText('调整后积分 1,355；调整记入流水，不可删除')).toBeTruthy()
    tap('确认调整')

    await screen.findByText('已调整 +100 分，当前积分 1,355')
    expect(adjustCalls()).toEqual([
      { memberCode: '20261123002', points: 100, reason: '系统故障补录积分', requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) },
    ])
    await waitFor(() =>
      expect(auditRows()[0]).toBe('系统故障补录积分 | +100 | 剩余 1,355 | 运营 OP01 · 2026-11-23 14:00:00 | adjustment:1'),
    )
    expect(auditRows()).toHaveLength(2)
    expect(textOf('.member-confirm__points')).toBe('积分 1,355')
  })

  it('deducts points as a negative adjustment', async () => {
    const { adjustCalls } = await openAudit()
    tap('扣减积分')
    await typeInto('积分', '55')
    await typeInto('调整原因', '重复录入的消费')
    tap('调整')
    await confirm('确认调整')
    await screen.findByText('已调整 -55 分，当前积分 1,200')
    expect(adjustCalls()[0].points).toBe(-55)
    await waitFor(() => expect(auditRows()[0]).toContain('重复录入的消费 | -55 | 剩余 1,200'))
  })

  it('requires a reason of at least four characters, and never sends without one', async () => {
    const { adjustCalls } = await openAudit()
    await typeInto('积分', '100')
    await typeInto('调整原因', '补分')
    tap('调整')
    await waitFor(() => expect(errorOf('调整原因')).toBe('请写明调整原因（至少 4 个字）'))
    expect(adjustCalls()).toHaveLength(0)
  })

  it("shows the server's insufficient points at the points", async () => {
    await openAudit(fakeLedger(), () => fail('INSUFFICIENT_POINTS', '扣减后积分将为负数：当前可用 1,000 分'))
    tap('扣减积分')
    await typeInto('积分', '1200')
    await typeInto('调整原因', '撤销错误积分')
    tap('调整')
    await confirm('确认调整')
    await waitFor(() => expect(errorOf('积分')).toBe('扣减后积分将为负数：当前可用 1,000 分'))
  })

  it('re-sends the same request id after a network failure, and a new one for the next adjustment', async () => {
    const ledger = fakeLedger()
    let attempts = 0
    const { adjustCalls } = await openAudit(ledger, (input) =>
      ++attempts === 1 ? new Error('socket hang up') : ledger.adjustPoints(input),
    )
    await typeInto('积分', '100')
    await typeInto('调整原因', '系统故障补录积分')
    tap('调整')
    await confirm('确认调整')
    await confirm('重试调整')
    await screen.findByText('已调整 +100 分，当前积分 1,355')
    expect(adjustCalls()[1]).toEqual(adjustCalls()[0])

    await typeInto('积分', '20')
    await typeInto('调整原因', '活动赠送积分')
    tap('调整')
    await confirm('确认调整')
    await screen.findByText('已调整 +20 分，当前积分 1,375')
    expect(adjustCalls()[2].requestId).not.toBe(adjustCalls()[0].requestId)
  })

  it('pages through a long ledger', async () => {
    const ledger = fakeLedger(1)
    ledger.add({ ...PURCHASE, id: 'earn:SH001:SO0', reason: '开卡礼积分', points: 0, balanceAfter: 0, source: 'adjustment:welcome' })
    await openAudit(ledger)
    expect(auditRows()).toHaveLength(1)
    tap('加载更多')
    await screen.findByText('开卡礼积分')
    expect(auditRows()).toHaveLength(2)
    expect(screen.getByText('以上为全部记录')).toBeTruthy()
  })
})
