/**
 * The desk's 门店与员工 actions through the real functions: stores (list, create, edit, close), staff (list with their
 * customers, invite, accept in the mini-program, deactivate, hand customers over). Operators only; bad input and
 * refused calls change nothing.
 */
import {
  DEMO_ASSISTANT,
  DEMO_COLLEAGUE,
  DEMO_JOIN_SCENE,
  DEMO_MANAGER,
  DEMO_OPERATOR,
  DEMO_STORE,
  DEMO_STORE_2,
} from '../../scripts/demo-data'
import { PRIVACY_NOTICE_VERSION } from '../../src/api/privacy'
import type { SaveStoreInput } from '../../src/api/storeAdminSchemas'
import { at } from '../support/clock'
import { customersOf } from '../support/members'
import { startTestCloud } from './harness'

type Harness = Awaited<ReturnType<typeof startTestCloud>>
let h: Harness
let shopper: string
const OP = DEMO_OPERATOR._id
const now = at('2026-11-23T10:00:00')

beforeAll(async () => {
  h = await startTestCloud()
  // Joined by the demo assistant's store QR: A01 looks after them.
  shopper = (await h.joinedShopper('store-admin', { scene: encodeURIComponent(DEMO_JOIN_SCENE) })).openid
}, 120_000)
afterAll(() => h?.close())

const DAILY = { opens: '10:00', closes: '22:00' }
const WEEK = {
  mon: DAILY,
  tue: DAILY,
  wed: DAILY,
  thu: DAILY,
  fri: { opens: '10:00', closes: '22:30' },
  sat: { opens: '10:00', closes: '22:30' },
  sun: null,
}

const beijing = (over: Partial<SaveStoreInput> = {}): SaveStoreInput => ({
  mode: 'create',
  storeId: 'BJ001',
  name: '北京三里屯店',
  address: '北京市朝阳区三里屯路19号 太古里南区 S8-32',
  location: { latitude: 39.9334, longitude: 116.4543 },
  hours: WEEK,
  phone: '010-6417-8866',
  active: true,
  ...over,
})

/** Every document an action of this file may write, to prove a refused call wrote nothing. */
const snapshot = () =>
  JSON.stringify(
    ['stores', 'staff', 'operators', 'invitations', 'members', 'jobRuns'].map((c) => h.cloud.executor.find(c, {}, { sort: { _id: 1 } })),
  )

const refused = (code: string, message?: RegExp) => ({
  ok: false,
  error: { code, ...(message ? { message: expect.stringMatching(message) } : {}) },
})

describe('stores', () => {
  it('creates a store with its hours in words for the shopper, and lists it', async () => {
    const saved = await h.ok(OP, 'setup', 'saveStore', beijing(), { clock: now })
    expect(saved).toEqual({
      created: true,
      store: {
        id: 'BJ001',
        name: '北京三里屯店',
        address: '北京市朝阳区三里屯路19号 太古里南区 S8-32',
        phone: '010-6417-8866',
        location: { latitude: 39.9334, longitude: 116.4543 },
        hours: WEEK,
        openingHours: '周一至周四 10:00–22:00；周五、周六 10:00–22:30；周日 休息',
        active: true,
        activeStaff: 0,
        updatedAt: now,
      },
    })
    // The shopper's store list reads the same words (the existing `openingHours` readers keep working).
    const home = await h.ok(shopper, 'member', 'homeStore', {})
    expect(home.stores.find((s) => s.id === 'BJ001')).toMatchObject({
      openingHours: '周一至周四 10:00–22:00；周五、周六 10:00–22:30；周日 休息',
    })

    const page = await h.ok(OP, 'setup', 'listStores', { sort: { by: 'id', order: 'asc' } })
    expect(page.rows.map((r) => r.id)).toEqual(['BJ001', 'SH001', 'SH002'])
    expect(page.total).toBe(3)
    // Stores seeded before this page existed read as open, with their hours in words only.
    expect(page.rows[1]).toMatchObject({ id: 'SH001', active: true, hours: null, openingHours: DEMO_STORE.openingHours, activeStaff: 3 })
  })

  it('answers a retried create as the first, and refuses another store under a taken id', async () => {
    const again = await h.ok(OP, 'setup', 'saveStore', beijing(), { clock: now })
    expect(again.created).toBe(true)
    const before = snapshot()
    expect(await h.call(OP, 'setup', 'saveStore', beijing({ name: '北京国贸店' }))).toMatchObject(refused('INVALID_INPUT', /BJ001 已被/))
    expect(await h.call(OP, 'setup', 'saveStore', beijing({ mode: 'edit', storeId: 'BJ404' }))).toMatchObject(
      refused('INVALID_INPUT', /没有编号为 BJ404/),
    )
    expect(snapshot()).toBe(before)
  })

  it('edits a store: name, phone, hours, map point', async () => {
    const edited = await h.ok(
      OP,
      'setup',
      'saveStore',
      beijing({ mode: 'edit', name: '北京三里屯太古里店', phone: '13812345678', location: null, hours: { ...WEEK, sun: DAILY } }),
    )
    expect(edited.store).toMatchObject({
      name: '北京三里屯太古里店',
      phone: '13812345678',
      location: null,
      openingHours: '周一至周四 10:00–22:00；周五、周六 10:00–22:30；周日 10:00–22:00',
    })
    // A store's phone is the shop's, not a person's: operators see it in full.
    const row = (await h.ok(OP, 'setup', 'listStores', { filter: { search: '太古里' } })).rows
    expect(row).toEqual([expect.objectContaining({ id: 'BJ001', phone: '13812345678' })])
  })

  it('filters open and closed stores and searches name, address and id', async () => {
    await h.ok(
      OP,
      'setup',
      'saveStore',
      beijing({ storeId: 'GZ001', name: '广州天河店', address: '广州市天河区天河路208号', active: false }),
    )
    const closed = await h.ok(OP, 'setup', 'listStores', { filter: { status: 'closed' } })
    expect(closed.rows.map((r) => r.id)).toEqual(['GZ001'])
    const open = await h.ok(OP, 'setup', 'listStores', { filter: { status: 'active' } })
    expect(open.rows.map((r) => r.id)).toEqual(['BJ001', 'SH001', 'SH002'])
    expect((await h.ok(OP, 'setup', 'listStores', { filter: { search: '天河路' } })).rows.map((r) => r.id)).toEqual(['GZ001'])
    expect((await h.ok(OP, 'setup', 'listStores', { filter: { search: 'sh00' } })).rows.map((r) => r.id)).toEqual(['SH001', 'SH002'])
    const byName = await h.ok(OP, 'setup', 'listStores', { sort: { by: 'name', order: 'desc' }, limit: 2 })
    expect(byName.total).toBe(4)
    expect(byName.rows).toHaveLength(2)
    const rest = await h.ok(OP, 'setup', 'listStores', { sort: { by: 'name', order: 'desc' }, limit: 2, cursor: byName.nextCursor })
    expect([...byName.rows, ...rest.rows].map((r) => r.name)).toEqual(
      ['北京三里屯太古里店', '广州天河店', DEMO_STORE.name, DEMO_STORE_2.name].sort().reverse(),
    )
    expect(rest.nextCursor).toBeNull()
  })

  it('refuses to close a store while it has active staff, saying so, and changes nothing', async () => {
    const before = snapshot()
    const result = await h.call(OP, 'setup', 'saveStore', {
      mode: 'edit',
      storeId: DEMO_STORE._id,
      name: DEMO_STORE.name,
      address: DEMO_STORE.address,
      location: DEMO_STORE.location ?? null,
      hours: WEEK,
      phone: DEMO_STORE.phone,
      active: false,
    })
    expect(result).toMatchObject(refused('INVALID_INPUT', /还有 3 名在职员工/))
    expect(snapshot()).toBe(before)
  })

  it('a closed store takes no new members and is offered to no one as a home store', async () => {
    const joined = await h.call('joins-closed-store', 'member', 'join', {
      name: '新顾客',
      mobile: '13900001111',
      birthday: { month: 5, day: 5 },
      consent: { accepted: true, version: PRIVACY_NOTICE_VERSION },
      scene: encodeURIComponent('s=GZ001'),
    })
    expect(joined).toMatchObject(refused('INVALID_INPUT', /二维码已失效/))
    expect((await h.ok(shopper, 'member', 'homeStore', {})).stores.map((s) => s.id)).not.toContain('GZ001')
    expect(await h.call(shopper, 'member', 'changeStore', { storeId: 'GZ001' })).toMatchObject(refused('INVALID_INPUT', /已停业/))
    // Nor holds new events, nor gets new store codes printed.
    const startsAt = at('2026-12-20T14:00:00')
    const event = {
      title: '停业店活动',
      description: '',
      cover: '',
      storeId: 'GZ001',
      startsAt,
      endsAt: at('2026-12-20T17:00:00'),
      capacity: 20,
      tiers: ['member', 'vip', 'gold'],
      rsvpDeadline: at('2026-12-19T14:00:00'),
      cancelDeadline: at('2026-12-19T14:00:00'),
      attendancePoints: 0,
      maxGuests: 0,
      requestId: 'closed-store-event-1',
    }
    expect(await h.call(OP, 'event', 'create', event, { clock: now })).toMatchObject(refused('INVALID_INPUT', /广州天河店已停业/))
    expect(
      await h.call(OP, 'event', 'create', { ...event, storeId: 'BJ001', requestId: 'open-store-event-1' }, { clock: now }),
    ).toMatchObject({
      ok: true,
    })
    expect(await h.call(OP, 'ops', 'storeCode', { storeId: 'GZ001' })).toMatchObject(refused('INVALID_INPUT', /已停业/))
  })

  it('refuses hostile and malformed store input, every bad field at once, writing nothing', async () => {
    const before = snapshot()
    const bad = await h.call(OP, 'setup', 'saveStore', {
      ...beijing({ storeId: 'BJ002' }),
      storeId: 'bj-001; drop',
      name: '北京\u202e店',
      phone: '12345',
      location: { latitude: 91, longitude: 200 },
      hours: { ...WEEK, mon: { opens: '22:00', closes: '10:00' } },
    })
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    const fields = (bad as { error: { fields: { field: string }[] } }).error.fields.map((f) => f.field).sort()
    expect(fields).toEqual(expect.arrayContaining(['storeId', 'name', 'phone', 'location.latitude', 'location.longitude', 'hours.mon']))
    const badTimes = await h.call(
      OP,
      'setup',
      'saveStore',
      beijing({ storeId: 'BJ002', hours: { ...WEEK, tue: { opens: '25:00', closes: '8点' } } }),
    )
    expect((badTimes as { error: { fields: unknown[] } }).error.fields).toEqual([
      { field: 'hours.tue', message: '周二开门时间应为 HH:mm（如 10:00）' },
    ])
    // A map point outside China (GCJ-02 is China's), a forged `_id`, an operator-only field from a shopper.
    expect(
      await h.call(OP, 'setup', 'saveStore', beijing({ storeId: 'BJ003', location: { latitude: 48.85, longitude: 2.35 } })),
    ).toMatchObject(refused('INVALID_INPUT', /经度/))
    expect(await h.call(OP, 'setup', 'saveStore', { ...beijing({ storeId: 'BJ004' }), phone: { $ne: null } })).toMatchObject(
      refused('INVALID_INPUT'),
    )
    expect(await h.call(OP, 'setup', 'listStores', { filter: { search: { $regex: '.*' } } })).toMatchObject(refused('INVALID_INPUT'))
    expect(await h.call(OP, 'setup', 'listStores', { cursor: 'not-a-cursor' })).toMatchObject(refused('INVALID_INPUT'))
    expect(snapshot()).toBe(before)
  })
})

describe('staff: invite, accept, deactivate', () => {
  let code: string

  it('invites an assistant: a one-time code, its expiry and the page that accepts it', async () => {
    const { invitation, replayed } = await h.ok(
      OP,
      'setup',
      'inviteStaff',
      { storeId: 'BJ001', role: 'assistant', name: '李娜', staffId: 'b01', requestId: 'invite-li-na-1' },
      { clock: now },
    )
    expect(replayed).toBe(false)
    expect(invitation).toMatchObject({
      kind: 'staff',
      name: '李娜',
      staffId: 'B01',
      role: 'assistant',
      store: { id: 'BJ001', name: '北京三里屯太古里店' },
      expiresAt: at('2026-11-24T10:00:00'),
    })
    expect(invitation.code).toMatch(/^[A-Z2-9]{8}$/)
    expect(invitation.path).toBe(`staff/invite/index?code=${invitation.code}`)
    code = invitation.code
    // A retry of the same request answers the same invitation; a second invitation for the number is refused.
    const again = await h.ok(
      OP,
      'setup',
      'inviteStaff',
      { storeId: 'BJ001', role: 'assistant', name: '李娜', staffId: 'B01', requestId: 'invite-li-na-1' },
      { clock: now },
    )
    expect(again).toMatchObject({ replayed: true, invitation: { code } })
    expect(
      await h.call(
        OP,
        'setup',
        'inviteStaff',
        { storeId: 'BJ001', role: 'manager', name: '李娜', staffId: 'B01', requestId: 'invite-li-na-2' },
        { clock: now },
      ),
    ).toMatchObject(refused('INVALID_INPUT', /未接受的邀请/))
  })

  it('refuses an invitation to a taken number, a closed store or an unknown store, writing nothing', async () => {
    const before = snapshot()
    const invite = (over: object) =>
      h.call(
        OP,
        'setup',
        'inviteStaff',
        { storeId: 'BJ001', role: 'assistant', name: '张伟', staffId: 'B02', requestId: 'invite-refused-1', ...over },
        { clock: now },
      )
    expect(await invite({ staffId: DEMO_ASSISTANT.staffId })).toMatchObject(refused('INVALID_INPUT', /已属于王丽/))
    expect(await invite({ storeId: 'GZ001' })).toMatchObject(refused('INVALID_INPUT', /已停业/))
    expect(await invite({ storeId: 'XX001' })).toMatchObject(refused('INVALID_INPUT', /没有编号为 XX001/))
    expect(await invite({ role: 'owner', name: '', staffId: '01' })).toMatchObject(refused('INVALID_INPUT'))
    expect(snapshot()).toBe(before)
  })

  it('the invited person accepts in the mini-program: their WeChat becomes the staff record', async () => {
    const accepted = await h.ok(
      'li-na-wechat',
      'member',
      'acceptInvitation',
      { code: code.toLowerCase().replace(/(.{4})/, '$1 ') },
      { clock: at('2026-11-24T09:00:00') },
    )
    expect(accepted).toEqual({
      kind: 'staff',
      staff: { staffId: 'B01', name: '李娜', role: 'assistant', store: { id: 'BJ001', name: '北京三里屯太古里店' } },
    })
    expect(h.cloud.executor.get('staff', 'li-na-wechat')).toMatchObject({
      staffId: 'B01',
      storeId: 'BJ001',
      role: 'assistant',
      active: true,
      invitedBy: 'OP01',
    })
    // Their staff powers work at once.
    expect(await h.ok('li-na-wechat', 'staff', 'whoami', {})).toMatchObject({ staffId: 'B01', store: { id: 'BJ001' } })
    // A second tap by the same person answers the same; anyone else finds the code used.
    expect(await h.ok('li-na-wechat', 'member', 'acceptInvitation', { code })).toEqual(accepted)
    expect(await h.call('someone-else', 'member', 'acceptInvitation', { code })).toMatchObject(refused('CODE_ALREADY_USED'))
  })

  it('refuses an expired code, an unknown code, and someone who is staff or an operator already', async () => {
    const invite = (staffId: string, requestId: string) =>
      h.ok(OP, 'setup', 'inviteStaff', { storeId: 'BJ001', role: 'manager', name: '周杰', staffId, requestId }, { clock: now })
    const { invitation } = await invite('B09', 'invite-expiring-1')
    const before = snapshot()
    expect(
      await h.call('late-wechat', 'member', 'acceptInvitation', { code: invitation.code }, { clock: at('2026-11-24T10:00:01') }),
    ).toMatchObject(refused('CODE_EXPIRED'))
    const inTime = { clock: at('2026-11-24T09:00:00') }
    expect(await h.call('late-wechat', 'member', 'acceptInvitation', { code: 'ABCD2345' }, inTime)).toMatchObject(refused('CODE_INVALID'))
    expect(await h.call('late-wechat', 'member', 'acceptInvitation', { code: 'abc' }, inTime)).toMatchObject(refused('INVALID_INPUT'))
    expect(await h.call(DEMO_ASSISTANT._id, 'member', 'acceptInvitation', { code: invitation.code }, inTime)).toMatchObject(
      refused('FORBIDDEN', /已是门店员工/),
    )
    expect(await h.call(OP, 'member', 'acceptInvitation', { code: invitation.code }, inTime)).toMatchObject(
      refused('FORBIDDEN', /已是品牌运营/),
    )
    expect(snapshot()).toBe(before)
    // An expired invitation no longer holds its number: it can be invited again.
    const later = await h.ok(
      OP,
      'setup',
      'inviteStaff',
      { storeId: 'BJ001', role: 'manager', name: '周杰', staffId: 'B09', requestId: 'invite-again-1' },
      { clock: at('2026-12-01T10:00:00') },
    )
    expect(later.invitation.code).not.toBe(invitation.code)
  })

  it('lists staff with the customers each looks after, filtered, searched and sorted', async () => {
    const page = await h.ok(OP, 'setup', 'listStaff', { filter: { storeId: DEMO_STORE._id }, sort: { by: 'staffId', order: 'asc' } })
    expect(page.rows.map((r) => r.staffId)).toEqual(['A01', 'A03', 'M01'])
    // The shopper of beforeAll joined by the demo assistant's store QR.
    expect(page.rows[0]).toMatchObject({
      name: DEMO_ASSISTANT.name,
      store: { id: 'SH001', name: DEMO_STORE.name },
      customers: 1,
      active: true,
    })
    expect(page.rows[1].customers).toBe(0)
    expect((await h.ok(OP, 'setup', 'listStaff', { filter: { role: 'manager' } })).rows.map((r) => r.staffId)).toEqual(['M01'])
    expect((await h.ok(OP, 'setup', 'listStaff', { filter: { search: '李' } })).rows.map((r) => r.staffId)).toEqual(['B01'])
    expect((await h.ok(OP, 'setup', 'listStaff', { filter: { search: 'a0' } })).rows.map((r) => r.staffId).sort()).toEqual(['A01', 'A03'])
    const all = await h.ok(OP, 'setup', 'listStaff', { sort: { by: 'store', order: 'asc' }, limit: 2 })
    expect(all.total).toBe(4)
    const next = await h.ok(OP, 'setup', 'listStaff', { sort: { by: 'store', order: 'asc' }, limit: 2, cursor: all.nextCursor })
    expect([...all.rows, ...next.rows].map((r) => r.store.id)).toEqual(['BJ001', 'SH001', 'SH001', 'SH001'])
  })

  it('deactivating a staff member ends their powers with their next call', async () => {
    expect(await h.call('li-na-wechat', 'staff', 'today', {})).toMatchObject({ ok: true })
    const { staff } = await h.ok(OP, 'setup', 'deactivateStaff', { staffId: 'B01' }, { clock: now })
    expect(staff).toMatchObject({ staffId: 'B01', active: false, deactivatedAt: now })
    expect(await h.call('li-na-wechat', 'staff', 'today', {})).toMatchObject(refused('FORBIDDEN'))
    expect(await h.call('li-na-wechat', 'staff', 'whoami', {})).toMatchObject(refused('FORBIDDEN'))
    // Again: the same answer, nothing changes; an unknown number is refused.
    const before = snapshot()
    expect((await h.ok(OP, 'setup', 'deactivateStaff', { staffId: 'B01' })).staff).toEqual(staff)
    expect(await h.call(OP, 'setup', 'deactivateStaff', { staffId: 'Z99' })).toMatchObject(refused('INVALID_INPUT', /Z99/))
    expect(snapshot()).toBe(before)
    expect((await h.ok(OP, 'setup', 'listStaff', { filter: { active: false } })).rows.map((r) => r.staffId)).toEqual(['B01'])
    // Their WeChat stays that staff record's: a new invitation is refused to it, saying why.
    const { invitation } = await h.ok(
      OP,
      'setup',
      'inviteStaff',
      { storeId: 'BJ001', role: 'assistant', name: '李娜', staffId: 'B02', requestId: 'invite-li-na-again' },
      { clock: now },
    )
    expect(await h.call('li-na-wechat', 'member', 'acceptInvitation', { code: invitation.code }, { clock: now })).toMatchObject(
      refused('FORBIDDEN', /B01）已停用/),
    )
  })
})

describe('invitations: the list, and withdrawing one', () => {
  it('lists invitations by status, newest first, with the open ones’ codes to send again', async () => {
    const { invitation } = await h.ok(
      OP,
      'setup',
      'inviteStaff',
      { storeId: 'BJ001', role: 'assistant', name: '吴昊', staffId: 'B50', requestId: 'invite-b50-1' },
      { clock: now },
    )
    const open = await h.ok(OP, 'setup', 'listInvitations', { filter: { status: 'open' } }, { clock: now })
    const createdAt = open.rows.map((r) => r.createdAt)
    expect(createdAt).toEqual([...createdAt].sort().reverse())
    expect(open.rows.find((r) => r.code === invitation.code)).toMatchObject({
      code: invitation.code,
      path: invitation.path,
      staffId: 'B50',
      status: 'open',
      createdBy: 'OP01',
      usedAt: null,
    })
    const used = await h.ok(OP, 'setup', 'listInvitations', { filter: { status: 'used', kind: 'staff' } }, { clock: now })
    expect(used.rows.map((r) => [r.kind === 'staff' && r.staffId, r.status])).toEqual([['B01', 'used']])
    expect(used.total).toBe(1)
    // The B09 invitation of 23 November has expired by 1 December (its second one is open).
    const expired = await h.ok(OP, 'setup', 'listInvitations', { filter: { status: 'expired' } }, { clock: at('2026-12-01T12:00:00') })
    expect(expired.rows.map((r) => r.kind === 'staff' && r.staffId)).toContain('B09')
    expect(expired.rows.every((r) => r.status === 'expired')).toBe(true)
  })

  it('a withdrawn invitation’s code stops working; one already accepted cannot be withdrawn', async () => {
    const open = await h.ok(OP, 'setup', 'listInvitations', { filter: { status: 'open', kind: 'staff' } }, { clock: now })
    const b50 = open.rows.find((r) => r.kind === 'staff' && r.staffId === 'B50')!
    const { invitation } = await h.ok(OP, 'setup', 'revokeInvitation', { code: b50.code }, { clock: now })
    expect(invitation).toMatchObject({ code: b50.code, status: 'revoked' })
    expect(await h.call('wu-hao-wechat', 'member', 'acceptInvitation', { code: b50.code }, { clock: now })).toMatchObject(
      refused('CODE_INVALID', /撤销/),
    )
    expect(h.cloud.executor.get('staff', 'wu-hao-wechat')).toBeNull()
    const before = snapshot()
    expect((await h.ok(OP, 'setup', 'revokeInvitation', { code: b50.code }, { clock: now })).invitation).toEqual(invitation)
    const used = (await h.ok(OP, 'setup', 'listInvitations', { filter: { status: 'used' } })).rows[0]
    expect(await h.call(OP, 'setup', 'revokeInvitation', { code: used.code })).toMatchObject(refused('INVALID_INPUT', /已被李娜接受/))
    expect(await h.call(OP, 'setup', 'revokeInvitation', { code: 'ABCD2345' })).toMatchObject(refused('INVALID_INPUT', /没有这份邀请/))
    expect(await h.call(OP, 'setup', 'revokeInvitation', { code: { $ne: null } })).toMatchObject(refused('INVALID_INPUT'))
    expect(snapshot()).toBe(before)
    // The number is free again: B50 can be invited anew.
    expect(
      await h.call(
        OP,
        'setup',
        'inviteStaff',
        { storeId: 'BJ001', role: 'assistant', name: '吴昊', staffId: 'B50', requestId: 'invite-b50-2' },
        { clock: now },
      ),
    ).toMatchObject({ ok: true })
  })
})

describe('handing customers over', () => {
  const CUSTOMERS = 130

  beforeAll(() => {
    // An assistant leaving with more customers than two of the walk's chunks (50 each).
    h.cloud.executor.insert('staff', [
      { _id: 'leaving-wechat', staffId: 'A20', name: '孙倩', storeId: DEMO_STORE._id, role: 'assistant', active: true },
      { _id: 'other-store-wechat', staffId: 'C01', name: '钱多', storeId: DEMO_STORE_2._id, role: 'assistant', active: true },
    ])
    h.cloud.executor.insert(
      'members',
      customersOf(CUSTOMERS, { tag: 'ho', digit: '7', mobilePrefix: '1360000', storeId: DEMO_STORE._id, assistantId: 'A20' }),
    )
  })

  const ofA20 = () => h.cloud.executor.count('members', { storeId: DEMO_STORE._id, assistantId: 'A20' })
  const ofA03 = () => h.cloud.executor.count('members', { assistantId: DEMO_COLLEAGUE.staffId })

  it('refuses a colleague of another store, an inactive one, or the same person, writing nothing', async () => {
    const before = snapshot()
    const hand = (toStaffId: string) =>
      h.call(OP, 'setup', 'handOverCustomers', { fromStaffId: 'A20', toStaffIds: [toStaffId], requestId: 'ho-refused-1' })
    expect(await hand('C01')).toMatchObject(refused('INVALID_INPUT', /同店同事/))
    expect(await hand('B01')).toMatchObject(refused('INVALID_INPUT', /同店同事/))
    expect(await hand('A20')).toMatchObject(refused('INVALID_INPUT', /另一位导购/))
    expect(await hand('Z99')).toMatchObject(refused('INVALID_INPUT', /Z99/))
    expect(snapshot()).toBe(before)
  })

  it('moves every customer across several batches, resuming where a failed call stopped, each once and logged', async () => {
    await h.ok(OP, 'setup', 'deactivateStaff', { staffId: 'A20' })
    // The call fails in its second batch (the 70th member's commit): the first batch is recorded, part of the second moved.
    h.cloud.executor.injectFault({ invocation: 'next', action: 'database.commitTransaction', nth: 70 })
    const failed = await h.call(
      OP,
      'setup',
      'handOverCustomers',
      { fromStaffId: 'A20', toStaffIds: ['A03'], requestId: 'ho-a20-to-a03' },
      { clock: now },
    )
    expect(failed).toMatchObject({ ok: false })
    const left = ofA20()
    expect(left).toBeLessThan(CUSTOMERS - 50)
    expect(left).toBeGreaterThan(0)

    // The same call again resumes and finishes.
    const { handOver } = await h.ok(
      OP,
      'setup',
      'handOverCustomers',
      { fromStaffId: 'A20', toStaffIds: ['A03'], requestId: 'ho-a20-to-a03' },
      { clock: now },
    )
    expect(handOver).toMatchObject({
      from: { staffId: 'A20', name: '孙倩' },
      to: [{ staffId: 'A03' }],
      store: { id: 'SH001' },
      remaining: 0,
      done: true,
    })
    expect(handOver.moved).toBeGreaterThanOrEqual(left + 50)
    expect(ofA20()).toBe(0)
    expect(ofA03()).toBe(CUSTOMERS)
    // Each member moved once, logged as the operator's hand-over.
    for (const m of h.cloud.executor.find('members', { assistantId: 'A03' })) {
      expect(m.assignmentLog).toEqual([{ from: 'A20', to: 'A03', by: 'OP01', at: now }])
    }
    const run = h.cloud.executor.get('jobRuns', 'hand-over:OP01:ho-a20-to-a03')
    expect(run).toMatchObject({ done: true, handOver: { fromStaffId: 'A20', toStaffIds: ['A03'], storeId: 'SH001', by: 'OP01' } })

    // Idempotent: the same request, or a new one, moves nobody again.
    const before = snapshot()
    expect(
      (await h.ok(OP, 'setup', 'handOverCustomers', { fromStaffId: 'A20', toStaffIds: ['A03'], requestId: 'ho-a20-to-a03' })).handOver,
    ).toEqual(handOver)
    expect(
      await h.call(OP, 'setup', 'handOverCustomers', { fromStaffId: 'A20', toStaffIds: ['M01'], requestId: 'ho-a20-to-a03' }),
    ).toMatchObject(refused('IDEMPOTENCY_CONFLICT'))
    expect(snapshot()).toBe(before)
    const fresh = await h.ok(OP, 'setup', 'handOverCustomers', { fromStaffId: 'A20', toStaffIds: ['A03'], requestId: 'ho-a20-again' })
    expect(fresh.handOver).toMatchObject({ moved: 0, remaining: 0, done: true })
    expect(ofA03()).toBe(CUSTOMERS)
  })

  it('the hourly upkeep finishes a hand-over nobody resumed', async () => {
    h.cloud.executor.insert(
      'members',
      customersOf(60, { tag: 'hob', digit: '8', mobilePrefix: '1370000', storeId: DEMO_STORE._id, assistantId: 'A03' }),
    )
    h.cloud.executor.injectFault({ invocation: 'next', action: 'database.commitTransaction', nth: 55 })
    expect(
      await h.call(OP, 'setup', 'handOverCustomers', { fromStaffId: 'A03', toStaffIds: ['A01'], requestId: 'ho-a03-to-a01' }),
    ).toMatchObject({ ok: false })
    expect(h.cloud.executor.count('members', { assistantId: 'A03' })).toBeGreaterThan(0)
    expect((await h.cloud.fireTimer('jobs', 'upkeep', { clock: at('2026-11-23T11:05:00') })).body).toMatchObject({ ok: true })
    expect(h.cloud.executor.count('members', { assistantId: 'A03' })).toBe(0)
    expect(h.cloud.executor.get('jobRuns', 'hand-over:OP01:ho-a03-to-a01')).toMatchObject({ done: true })
  })

  it('deals the customers in turn to several colleagues, as the preview said', async () => {
    h.cloud.executor.insert('staff', [
      { _id: 'leaving-2-wechat', staffId: 'A21', name: '周洁', storeId: DEMO_STORE._id, role: 'assistant', active: true },
    ])
    h.cloud.executor.insert(
      'members',
      customersOf(7, { tag: 'C', digit: '9', mobilePrefix: '1380000', storeId: DEMO_STORE._id, assistantId: 'A21' }),
    )
    const before = snapshot()
    const { preview } = await h.ok(OP, 'setup', 'previewHandOver', { fromStaffId: 'A21', toStaffIds: ['A01', 'M01'] })
    expect(preview).toEqual({
      from: { staffId: 'A21', name: '周洁' },
      customers: 7,
      shares: [
        { staffId: 'A01', name: DEMO_ASSISTANT.name, customers: 4 },
        { staffId: 'M01', name: DEMO_MANAGER.name, customers: 3 },
      ],
    })
    expect(await h.call(OP, 'setup', 'previewHandOver', { fromStaffId: 'A21', toStaffIds: ['A01', 'A01'] })).toMatchObject(
      refused('INVALID_INPUT', /重复/),
    )
    expect(
      await h.call(OP, 'setup', 'previewHandOver', { fromStaffId: 'A21', toStaffIds: Array.from({ length: 11 }, (_, i) => `A${30 + i}`) }),
    ).toMatchObject(refused('INVALID_INPUT', /最多分给 10 位/))
    expect(snapshot()).toBe(before)

    const { handOver } = await h.ok(OP, 'setup', 'handOverCustomers', {
      fromStaffId: 'A21',
      toStaffIds: ['A01', 'M01'],
      requestId: 'ho-a21-split',
    })
    expect(handOver).toMatchObject({ to: [{ staffId: 'A01' }, { staffId: 'M01' }], moved: 7, remaining: 0, done: true })
    const moved = h.cloud.executor.find('members', { name: { $regex: '^顾客C' } })
    expect(moved.filter((m) => m.assistantId === 'A01')).toHaveLength(4)
    expect(moved.filter((m) => m.assistantId === 'M01')).toHaveLength(3)
    for (const m of moved) expect(m.assignmentLog).toEqual([{ from: 'A21', to: m.assistantId, by: 'OP01', at: expect.any(String) }])
  })
})

describe('who may call', () => {
  const ACTIONS = {
    listStores: {},
    saveStore: beijing({ storeId: 'HZ001' }),
    listStaff: {},
    inviteStaff: { storeId: 'BJ001', role: 'assistant', name: '冒名', staffId: 'B77', requestId: 'forbidden-invite-1' },
    deactivateStaff: { staffId: DEMO_COLLEAGUE.staffId },
    previewHandOver: { fromStaffId: 'A01', toStaffIds: ['M01'] },
    handOverCustomers: { fromStaffId: 'A01', toStaffIds: ['M01'], requestId: 'forbidden-handover-1' },
    listInvitations: {},
    revokeInvitation: { code: 'ABCD2345' },
  } as const

  it.each(Object.keys(ACTIONS) as (keyof typeof ACTIONS)[])(
    'setup.%s: shop assistants, managers and shoppers are FORBIDDEN, nothing written',
    async (action) => {
      const before = snapshot()
      for (const caller of [DEMO_ASSISTANT._id, DEMO_MANAGER._id, shopper, 'never-joined']) {
        expect(await h.call(caller, 'setup', action, ACTIONS[action])).toMatchObject(refused('FORBIDDEN'))
      }
      expect(snapshot()).toBe(before)
    },
  )
})
