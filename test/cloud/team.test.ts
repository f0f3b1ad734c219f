/**
 * A store manager's team in the mini-program (staff.team and friends) through the real functions: the store's
 * staff with their customers, inviting a shop assistant by a code to scan, deactivating one who left and handing
 * their customers to colleagues, previewed first. Only the manager's own store; only shop assistants; every
 * refusal writes nothing.
 */
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { DEMO_ASSISTANT, DEMO_COLLEAGUE, DEMO_MANAGER, DEMO_STORE, DEMO_STORE_2 } from '../../scripts/demo-data'
import { at } from '../support/clock'
import { customersOf } from '../support/members'
import { startTestCloud } from './harness'

type Harness = Awaited<ReturnType<typeof startTestCloud>>
let h: Harness
const MANAGER = DEMO_MANAGER._id
const now = at('2026-11-23T10:00:00')

beforeAll(async () => {
  h = await startTestCloud()
  h.cloud.executor.insert('staff', [
    { _id: 'leaver-wechat', staffId: 'A40', name: '郑爽', storeId: DEMO_STORE._id, role: 'assistant', active: true },
    { _id: 'sh2-assistant-wechat', staffId: 'C40', name: '钱多', storeId: DEMO_STORE_2._id, role: 'assistant', active: true },
    { _id: 'sh2-manager-wechat', staffId: 'M40', name: '冯店长', storeId: DEMO_STORE_2._id, role: 'manager', active: true },
  ])
  h.cloud.executor.insert(
    'members',
    customersOf(5, { tag: 'T', digit: '5', mobilePrefix: '1390000', storeId: DEMO_STORE._id, assistantId: 'A40' }),
  )
}, 120_000)
afterAll(() => h?.close())

const snapshot = () =>
  JSON.stringify(['staff', 'invitations', 'members', 'jobRuns'].map((c) => h.cloud.executor.find(c, {}, { sort: { _id: 1 } })))
const refused = (code: string, message?: RegExp) => ({
  ok: false,
  error: message ? { code, message: expect.stringMatching(message) } : expect.objectContaining({ code }),
})

describe('a store manager’s team', () => {
  it('lists the store’s staff with the customers each looks after, and nobody of another store', async () => {
    const { staff, invitations } = await h.ok(MANAGER, 'staff', 'team', {}, { clock: now })
    expect(staff.map((s) => s.staffId)).toEqual(['A01', 'A03', 'A40', 'M01'])
    expect(staff.find((s) => s.staffId === 'A40')).toMatchObject({
      name: '郑爽',
      active: true,
      customers: 5,
      store: { id: DEMO_STORE._id },
    })
    expect(invitations).toEqual([])
  })

  it('invites a shop assistant to the store: a code for a day, scanned as a mini-program code, accepted on the phone', async () => {
    const { invitation } = await h.ok(
      MANAGER,
      'staff',
      'inviteAssistant',
      { name: '何静', staffId: 'A41', requestId: 'team-invite-a41' },
      { clock: now },
    )
    expect(invitation).toMatchObject({
      kind: 'staff',
      staffId: 'A41',
      role: 'assistant',
      store: { id: DEMO_STORE._id },
      expiresAt: at('2026-11-24T10:00:00'),
    })
    expect(h.cloud.executor.get('invitations', invitation.code)).toMatchObject({ createdBy: 'staff:M01' })
    // The team page shows it while open.
    expect((await h.ok(MANAGER, 'staff', 'team', {}, { clock: now })).invitations.map((i) => i.code)).toEqual([invitation.code])

    const { qr } = await h.ok(MANAGER, 'staff', 'teamInvitationQr', { code: invitation.code }, { clock: now })
    expect(qr.contentType).toBe('image/png')
    const png = PNG.sync.read(Buffer.from(qr.base64, 'base64'))
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(
      `${h.cloud.url}/#/staff/invite/index?scene=${encodeURIComponent(`i=${invitation.code}`)}`,
    )
    // Another store's manager cannot show it; nor can anyone once it expired.
    expect(await h.call('sh2-manager-wechat', 'staff', 'teamInvitationQr', { code: invitation.code }, { clock: now })).toMatchObject(
      refused('INVALID_INPUT', /已失效/),
    )
    expect(
      await h.call(MANAGER, 'staff', 'teamInvitationQr', { code: invitation.code }, { clock: at('2026-11-24T10:00:00') }),
    ).toMatchObject(refused('INVALID_INPUT', /已失效/))

    const accepted = await h.ok(
      'he-jing-wechat',
      'member',
      'acceptInvitation',
      { code: invitation.code },
      { clock: at('2026-11-23T10:05:00') },
    )
    expect(accepted).toMatchObject({ kind: 'staff', staff: { staffId: 'A41', role: 'assistant', store: { id: DEMO_STORE._id } } })
    expect(await h.ok('he-jing-wechat', 'staff', 'whoami', {})).toMatchObject({ staffId: 'A41' })
  })

  it('refuses a taken number writing nothing, and makes only shop assistants of the manager’s own store', async () => {
    const before = snapshot()
    const invite = (over: object) =>
      h.call(MANAGER, 'staff', 'inviteAssistant', { name: '何静', staffId: 'A42', requestId: 'team-invite-a42', ...over }, { clock: now })
    expect(await invite({ staffId: DEMO_ASSISTANT.staffId })).toMatchObject(refused('INVALID_INPUT', /已属于/))
    expect(snapshot()).toBe(before)
    // A role or a store smuggled into the call is not the manager's to give: the invitation is an assistant's, here.
    const smuggled = await invite({ role: 'manager', storeId: DEMO_STORE_2._id })
    expect(smuggled).toMatchObject({ ok: true, data: { invitation: { role: 'assistant', store: { id: DEMO_STORE._id } } } })
  })

  it('deactivates a shop assistant of the store, not themselves, not a manager, not another store’s', async () => {
    const before = snapshot()
    expect(await h.call(MANAGER, 'staff', 'deactivateAssistant', { staffId: 'M01' })).toMatchObject(
      refused('INVALID_INPUT', /不能停用自己/),
    )
    expect(await h.call('sh2-manager-wechat', 'staff', 'deactivateAssistant', { staffId: 'M40' })).toMatchObject(
      refused('INVALID_INPUT', /不能停用自己/),
    )
    expect(await h.call(MANAGER, 'staff', 'deactivateAssistant', { staffId: 'C40' })).toMatchObject(
      refused('INVALID_INPUT', /本店没有工号为 C40/),
    )
    expect(await h.call(DEMO_ASSISTANT._id, 'staff', 'deactivateAssistant', { staffId: 'A40' })).toMatchObject(refused('FORBIDDEN'))
    expect(snapshot()).toBe(before)

    const { staff } = await h.ok(MANAGER, 'staff', 'deactivateAssistant', { staffId: 'A40' }, { clock: now })
    expect(staff).toMatchObject({ staffId: 'A40', active: false, customers: 5, deactivatedAt: now })
    expect(h.cloud.executor.get('staff', 'leaver-wechat')).toMatchObject({ active: false, deactivatedBy: 'staff:M01' })
    // Their powers end with their next call.
    expect(await h.call('leaver-wechat', 'staff', 'whoami', {})).toMatchObject(refused('FORBIDDEN'))
  })

  it('hands the leaver’s customers to several colleagues, previewed, dealt in turn and logged as the manager’s', async () => {
    const before = snapshot()
    expect(await h.call(MANAGER, 'staff', 'previewHandOver', { fromStaffId: 'A40', toStaffIds: ['C40'] })).toMatchObject(
      refused('INVALID_INPUT', /本店没有工号为 C40/),
    )
    expect(
      await h.call('sh2-manager-wechat', 'staff', 'handOverCustomers', { fromStaffId: 'A40', toStaffIds: ['C40'], requestId: 'team-ho-x' }),
    ).toMatchObject(refused('INVALID_INPUT', /本店没有工号为 A40/))
    expect(snapshot()).toBe(before)

    const { preview } = await h.ok(MANAGER, 'staff', 'previewHandOver', { fromStaffId: 'A40', toStaffIds: ['A01', DEMO_COLLEAGUE.staffId] })
    expect(preview.shares.map((s) => [s.staffId, s.customers])).toEqual([
      ['A01', 3],
      ['A03', 2],
    ])
    const { handOver } = await h.ok(
      MANAGER,
      'staff',
      'handOverCustomers',
      { fromStaffId: 'A40', toStaffIds: ['A01', 'A03'], requestId: 'team-ho-a40' },
      { clock: now },
    )
    expect(handOver).toMatchObject({ moved: 5, remaining: 0, done: true })
    const moved = h.cloud.executor.find('members', { name: { $regex: '^顾客T' } })
    expect(moved.filter((m) => m.assistantId === 'A01')).toHaveLength(3)
    expect(moved.filter((m) => m.assistantId === 'A03')).toHaveLength(2)
    for (const m of moved) expect(m.assignmentLog).toEqual([{ from: 'A40', to: m.assistantId, by: 'staff:M01', at: now }])
  })
})
