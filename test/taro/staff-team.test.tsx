/**
 * 本店员工 on Taro's H5 runtime, as a store manager uses it: the team with each person's customers, inviting a
 * shop assistant (the code to scan shows at once), deactivating one after a confirm, and handing their customers
 * to two colleagues with the preview of who gets how many. A shop assistant is turned away.
 */
import Taro from '@tarojs/taro'
import { screen, waitFor } from '@testing-library/dom'
import type { InvitationView, StaffRow } from '../../src/api/contract'
import { fail, installFakeCloud, ok } from './support/fakeCloud'
import { STAFF } from './support/fixtures'
import { openPage, visiblePage } from './support/harness'
import { errorOf, tap, typeInto } from './support/interact'

const MANAGER = { ...STAFF, staffId: 'M01', name: '张敏', role: 'manager' as const }
const store = { id: 'SH001', name: '上海静安嘉里中心店' }
const person = (staffId: string, name: string, over: Partial<StaffRow> = {}): StaffRow => ({
  staffId,
  name,
  role: 'assistant',
  store,
  active: true,
  customers: 0,
  joinedAt: null,
  deactivatedAt: null,
  ...over,
})
const TEAM = [
  person('A01', '王丽', { customers: 12 }),
  person('A03', '赵雪', { customers: 4 }),
  person('A40', '郑爽', { customers: 5, active: false }),
  person('M01', '张敏', { role: 'manager' }),
]
const INVITATION: InvitationView = {
  kind: 'staff',
  code: 'K7MX2P9Q',
  path: 'staff/invite/index?code=K7MX2P9Q',
  expiresAt: '2026-11-24T02:00:00.000Z',
  name: '何静',
  staffId: 'A41',
  role: 'assistant',
  store,
}
// A 1×1 PNG: the page shows what the server drew.
const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='

const openTeam = (over: Record<string, (input: unknown) => unknown> = {}) =>
  installFakeCloud({
    'staff.whoami': () => ok(MANAGER),
    'staff.team': () => ok({ staff: TEAM, invitations: [] }),
    ...over,
  } as never)

describe('本店员工', () => {
  afterEach(() => jest.restoreAllMocks())

  it('lists the team with their customers, active people first as the server sends them', async () => {
    openTeam()
    await openPage('/staff/team/index')
    await screen.findByText('本店员工（3 位在职）')
    const rows = Array.from(visiblePage().querySelectorAll('.team-row')).map((r) => r.textContent)
    expect(rows[0]).toContain('王丽（A01）导购 · 顾客 12 位')
    expect(rows[2]).toContain('郑爽（A40）导购 · 顾客 5 位 · 已停用')
    // The manager hands over customers and stops assistants, never themselves.
    expect(rows[3]).not.toContain('停用')
    expect(rows[2]).toContain('移交顾客')
    expect(rows[2]).not.toMatch(/移交顾客停用/)
  })

  it('invites a shop assistant and shows the mini-program code to scan', async () => {
    const cloud = openTeam({
      'staff.inviteAssistant': (input) =>
        (input as { staffId: string }).staffId === 'A01'
          ? fail('INVALID_INPUT', '工号 A01 已属于王丽，请换一个工号', [{ field: 'staffId', message: '工号 A01 已属于王丽，请换一个工号' }])
          : ok({ invitation: INVITATION, replayed: false }),
      'staff.teamInvitationQr': () => ok({ qr: { contentType: 'image/png', base64: PNG_1PX } }),
    })
    await openPage('/staff/team/index')
    await screen.findByText('邀请新导购')
    await typeInto('姓名', '何静')
    await typeInto('工号', 'a01')
    tap('生成邀请二维码')
    await waitFor(() => expect(errorOf('工号')).toBe('工号 A01 已属于王丽，请换一个工号'))
    await typeInto('工号', 'a41')
    tap('生成邀请二维码')
    await screen.findByText('请何静用微信扫码')
    await waitFor(() =>
      expect(visiblePage().querySelector('.team-invitation__qr')?.getAttribute('src')).toBe(`data:image/png;base64,${PNG_1PX}`),
    )
    expect(screen.getByText('K7MX2P9Q')).toBeTruthy()
    const invites = cloud.calls.filter((c) => c.action === 'inviteAssistant').map((c) => c.input as { name: string; staffId: string })
    expect(invites.map((i) => [i.name, i.staffId])).toEqual([
      ['何静', 'A01'],
      ['何静', 'A41'],
    ])
  })

  it('deactivates an assistant only after the confirm', async () => {
    const cloud = openTeam({ 'staff.deactivateAssistant': () => ok({ staff: { ...TEAM[1], active: false } }) })
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValueOnce({ confirm: false, cancel: true } as never)
    await openPage('/staff/team/index')
    await screen.findByText('本店员工（3 位在职）')
    const stop = () =>
      Array.from(visiblePage().querySelectorAll('.team-row'))
        .find((r) => r.textContent?.includes('赵雪'))!
        .querySelector('.team-row__action--danger') as HTMLElement
    stop().click()
    await waitFor(() => expect(modal).toHaveBeenCalledTimes(1))
    expect(cloud.calls.filter((c) => c.action === 'deactivateAssistant')).toHaveLength(0)
    modal.mockResolvedValueOnce({ confirm: true, cancel: false } as never)
    stop().click()
    await waitFor(() =>
      expect(cloud.calls.filter((c) => c.action === 'deactivateAssistant').map((c) => c.input)).toEqual([{ staffId: 'A03' }]),
    )
  })

  it('hands a leaver’s customers to two colleagues after showing who gets how many', async () => {
    const cloud = openTeam({
      'staff.previewHandOver': (input) => {
        const { toStaffIds } = input as { toStaffIds: string[] }
        const shares = toStaffIds.map((id, i) => ({
          staffId: id,
          name: TEAM.find((s) => s.staffId === id)!.name,
          customers: toStaffIds.length === 1 ? 5 : [3, 2][i],
        }))
        return ok({ preview: { from: { staffId: 'A40', name: '郑爽' }, customers: 5, shares } })
      },
      'staff.handOverCustomers': () =>
        ok({ handOver: { from: { staffId: 'A40', name: '郑爽' }, to: [], store, moved: 5, remaining: 0, done: true } }),
    })
    await openPage('/staff/team/index')
    await screen.findByText('本店员工（3 位在职）')
    const row = Array.from(visiblePage().querySelectorAll('.team-row')).find((r) => r.textContent?.includes('郑爽'))!
    ;(row.querySelector('.team-row__action') as HTMLElement).click()
    await screen.findByText('移交郑爽的 5 位顾客')
    tap(/^王丽/)
    await screen.findByText('将移交：王丽 5 位')
    tap(/^赵雪/)
    await screen.findByText('将移交：王丽 3 位，赵雪 2 位')
    tap('确认移交')
    await screen.findByText('本店员工（3 位在职）')
    const sent = cloud.calls
      .filter((c) => c.action === 'handOverCustomers')
      .map((c) => c.input as { fromStaffId: string; toStaffIds: string[] })
    expect(sent).toEqual([{ fromStaffId: 'A40', toStaffIds: ['A01', 'A03'], requestId: expect.any(String) }])
  })

  it('turns a shop assistant away without asking for the team', async () => {
    const cloud = installFakeCloud({ 'staff.whoami': () => ok(STAFF) } as never)
    await openPage('/staff/team/index')
    await screen.findByText('仅限店长使用')
    expect(cloud.calls.filter((c) => c.action === 'team')).toHaveLength(0)
  })
})
