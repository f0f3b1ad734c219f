/**
 * The operator's exports on Taro's H5 runtime: members and the ledger of a range of business days, what the
 * finished file holds (phones masked or not), the link to download or copy, and the range checked with the
 * server's own schema before asking.
 */
import { fireEvent, screen, waitFor } from '@testing-library/dom'
import type { ExportResult } from '../../src/api/contract'
import { setPhoneClock } from './support/clock'
import { fail, installFakeCloud, ok, type AnswerFor } from './support/fakeCloud'
import { openPage, textOf, visiblePage } from './support/harness'
import { errorOf, pick, row, tap } from './support/interact'

const OPERATOR = { operatorId: 'OP01', name: '陈静' }
const URL_MEMBERS = 'http://127.0.0.1:8787/local/files/exports/OP01/20261123-140000-7f3a-members.csv?t=1795500000&sign=ab12'

const result = (over: Partial<ExportResult> = {}): ExportResult => ({
  fileID: 'cloud://local.6c6f-local-1300000000/exports/OP01/20261123-140000-7f3a-members.csv',
  url: URL_MEMBERS,
  rows: 2500,
  // 15:00 in Shanghai.
  expiresAt: '2026-11-23T07:00:00.000Z',
  pii: false,
  ...over,
})

const openExports = async (
  answers: {
    members?: () => AnswerFor<'export.members'>
    ledger?: (input: unknown) => AnswerFor<'export.ledger'>
    whoami?: () => AnswerFor<'ops.whoami'>
  } = {},
) => {
  const cloud = installFakeCloud({
    'ops.whoami': answers.whoami ?? (() => ok(OPERATOR)),
    'export.members': answers.members ?? (() => ok(result())),
    'export.ledger': answers.ledger ?? (() => ok(result({ rows: 1204, url: URL_MEMBERS.replace('members', 'ledger') }))),
  })
  await openPage('/ops/export/index')
  return { calls: (action: string) => cloud.calls.filter((c) => c.functionName === 'export' && c.action === action).map((c) => c.input) }
}

const dateOf = (label: string) => row(label).querySelector('.ops-when__part')!.textContent

// 23 November 2026, 14:00 in Shanghai.
beforeAll(() => setPhoneClock('2026-11-23T06:00:00.000Z'))

describe('exports', () => {
  it('is for operators only: anyone else sees the refusal, not the buttons', async () => {
    await openExports({ whoami: () => fail('FORBIDDEN', '仅限品牌运营使用') })
    await screen.findByText('仅限品牌运营使用')
    expect(screen.queryByText('导出会员名单')).toBeNull()
  })

  it('exports the member list and says what the file holds, that phones are masked, and until when the link works', async () => {
    const { calls } = await openExports()
    fireEvent.click(await screen.findByText('导出会员名单'))
    await screen.findByText('导出完成')
    expect(calls('members')).toEqual([{}])
    expect(textOf('.export-result__what')).toBe('会员名单 · 2,500 位会员')
    expect(textOf('.export-result__pii')).toBe('手机号已脱敏（如 138****1234）')
    expect(textOf('.export-result__expiry')).toBe('下载链接 11月23日 15:00 前有效，本次导出已记录')
    // Under the button that made it, not in a panel out of sight further down.
    expect(screen.getByText('导出会员名单').closest('.ops-page__panel')!.querySelector('.export-result')).not.toBeNull()
  })

  it('warns when the file holds full phone numbers', async () => {
    await openExports({ members: () => ok(result({ pii: true })) })
    fireEvent.click(await screen.findByText('导出会员名单'))
    await screen.findByText('导出完成')
    expect(textOf('.export-result__pii')).toBe('含完整手机号，请妥善保管，勿外传')
    expect(visiblePage().querySelector('.export-result__pii--full')).not.toBeNull()
  })

  it('downloads the file through the link, or copies the link and shows it', async () => {
    const clicked: string[] = []
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.href)
    })
    try {
      await openExports()
      fireEvent.click(await screen.findByText('导出会员名单'))
      fireEvent.click(await screen.findByText('下载文件'))
      expect(clicked).toEqual([URL_MEMBERS])
      tap('复制下载链接')
      await waitFor(() => expect(textOf('.export-file__url')).toBe(URL_MEMBERS))
      expect(textOf('.export-file__hint')).toMatch(/链接已复制|请长按或选中下面的链接复制/)
    } finally {
      click.mockRestore()
    }
  })

  it('exports the ledger of this month so far by default, or of the days picked', async () => {
    const { calls } = await openExports()
    await screen.findByText('导出积分流水')
    expect(dateOf('开始日期')).toBe('2026-11-01')
    expect(dateOf('结束日期')).toBe('2026-11-23')
    tap('导出积分流水')
    await screen.findByText('积分流水 · 1,204 条')
    expect(textOf('.export-result__range')).toBe('2026-11-01 至 2026-11-23（北京时间）')
    expect(textOf('.export-result__pii')).toBeNull()

    pick('开始日期', '2026-10-01')
    pick('结束日期', '2026-10-31')
    await waitFor(() => expect(dateOf('结束日期')).toBe('2026-10-31'))
    tap('导出积分流水')
    await waitFor(() => expect(textOf('.export-result__range')).toBe('2026-10-01 至 2026-10-31（北京时间）'))
    expect(calls('ledger')).toEqual([
      { from: '2026-11-01', to: '2026-11-23' },
      { from: '2026-10-01', to: '2026-10-31' },
    ])
  })

  it('refuses a reversed range or one over 366 days at the row, without asking the server', async () => {
    const { calls } = await openExports()
    await screen.findByText('导出积分流水')
    pick('开始日期', '2026-11-30')
    pick('结束日期', '2026-11-01')
    await waitFor(() => expect(dateOf('结束日期')).toBe('2026-11-01'))
    tap('导出积分流水')
    await waitFor(() => expect(errorOf('结束日期')).toBe('结束日期不能早于开始日期'))

    pick('开始日期', '2025-01-01')
    await waitFor(() => expect(errorOf('结束日期')).toBeNull())
    tap('导出积分流水')
    await waitFor(() => expect(errorOf('结束日期')).toBe('一次最多导出 366 天'))
    expect(calls('ledger')).toEqual([])
  })

  it('shows the server’s refusal and keeps the buttons for another try', async () => {
    await openExports({ members: () => fail('FORBIDDEN', '仅限品牌运营使用') })
    fireEvent.click(await screen.findByText('导出会员名单'))
    await screen.findByText('仅限品牌运营使用')
    expect(screen.queryByText('导出完成')).toBeNull()
    expect(screen.getByText('导出会员名单').closest('.btn--disabled')).toBeNull()
  })
})
