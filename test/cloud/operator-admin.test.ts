/**
 * Operators and their permissions through the real functions: each operator holds desk areas (src/domain/operators.ts),
 * checked on the server for every call; an operator record without areas (the brand owner, operators from before)
 * holds them all. Operators are invited like staff, their permissions set, and deactivated — never themselves, never
 * the last who can manage operators, and nobody hands out powers they do not hold.
 */
import { DEMO_ASSISTANT, DEMO_MANAGER, DEMO_OPERATOR } from '../../scripts/demo-data'
import { at } from '../support/clock'
import { startTestCloud } from './harness'

type Harness = Awaited<ReturnType<typeof startTestCloud>>
let h: Harness
let shopper: string
const OWNER = DEMO_OPERATOR._id
const now = at('2026-11-23T10:00:00')
const clock = { clock: now }

/** An operator who manages staff and the catalog, but not rules, members, marketing or exports. */
const STAFF_ADMIN = { _id: 'staff-admin-wechat', operatorId: 'OP04', name: '高峰', active: true, areas: ['stores', 'catalog'] }

beforeAll(async () => {
  h = await startTestCloud()
  shopper = (await h.joinedShopper('operator-admin')).openid
  h.cloud.executor.insert('operators', [STAFF_ADMIN])
}, 120_000)
afterAll(() => h?.close())

const snapshot = () => JSON.stringify(['operators', 'invitations', 'staff'].map((c) => h.cloud.executor.find(c, {}, { sort: { _id: 1 } })))
const refused = (code: string, message?: RegExp) => ({
  ok: false,
  error: { code, ...(message ? { message: expect.stringMatching(message) } : {}) },
})

/** Invites an operator as the owner and has `openid` accept: answers the accepted record. */
const enrol = async (openid: string, operatorId: string, areas: string[], exportPII = false) => {
  const { invitation } = await h.ok(
    OWNER,
    'setup',
    'inviteOperator',
    { name: `运营${operatorId}`, operatorId, areas: areas as never, exportPII, requestId: `enrol-${operatorId}` },
    clock,
  )
  return h.ok(openid, 'member', 'acceptInvitation', { code: invitation.code }, clock)
}

describe('operators', () => {
  it('lists operators with their powers: a record without areas holds them all', async () => {
    const page = await h.ok(OWNER, 'setup', 'listOperators', { sort: { by: 'operatorId', order: 'asc' } })
    expect(page.total).toBe(2)
    expect(page.rows).toEqual([
      {
        operatorId: 'OP01',
        name: DEMO_OPERATOR.name,
        active: true,
        areas: ['members', 'rules', 'catalog', 'marketing', 'stores', 'reports', 'exports'],
        fullPowers: true,
        exportPII: false,
        you: true,
      },
      { operatorId: 'OP04', name: '高峰', active: true, areas: ['catalog', 'stores'], fullPowers: false, exportPII: false, you: false },
    ])
    expect((await h.ok(OWNER, 'setup', 'listOperators', { filter: { search: '高' } })).rows.map((r) => r.operatorId)).toEqual(['OP04'])
  })

  it('invites an operator with chosen powers; accepting makes their WeChat an operator holding exactly those', async () => {
    const { invitation } = await h.ok(
      OWNER,
      'setup',
      'inviteOperator',
      { name: '林悦', operatorId: 'op02', areas: ['marketing', 'catalog'], exportPII: true, requestId: 'invite-op02-1' },
      clock,
    )
    expect(invitation).toMatchObject({
      kind: 'operator',
      operatorId: 'OP02',
      areas: ['catalog', 'marketing'],
      exportPII: true,
      expiresAt: at('2026-11-30T10:00:00'),
    })
    expect(invitation.path).toBe(`staff/invite/index?code=${invitation.code}`)
    const accepted = await h.ok('lin-yue-wechat', 'member', 'acceptInvitation', { code: invitation.code }, clock)
    expect(accepted).toEqual({ kind: 'operator', operator: { operatorId: 'OP02', name: '林悦' } })
    expect(h.cloud.executor.get('operators', 'lin-yue-wechat')).toMatchObject({
      areas: ['catalog', 'marketing'],
      permissions: ['exportPII'],
      invitedBy: 'OP01',
    })
    expect(await h.ok('lin-yue-wechat', 'ops', 'whoami', {})).toEqual({
      operatorId: 'OP02',
      name: '林悦',
      areas: ['catalog', 'marketing'],
      exportPII: true,
    })
    // Accepted once: a second person finds it used; the new operator cannot also become staff.
    expect(await h.call('someone-else', 'member', 'acceptInvitation', { code: invitation.code }, clock)).toMatchObject(
      refused('CODE_ALREADY_USED'),
    )
    const staffInvite = await h.ok(
      OWNER,
      'setup',
      'inviteStaff',
      { storeId: 'SH001', role: 'assistant', name: '林悦', staffId: 'A40', requestId: 'invite-a40-1' },
      clock,
    )
    expect(await h.call('lin-yue-wechat', 'member', 'acceptInvitation', { code: staffInvite.invitation.code }, clock)).toMatchObject(
      refused('FORBIDDEN', /已是品牌运营/),
    )
  })

  it('refuses an action outside the operator’s permissions, naming the missing one, and changes nothing', async () => {
    const before = snapshot()
    // OP02 holds catalog and marketing: not rules, members, reports, exports or stores.
    expect(await h.call('lin-yue-wechat', 'ops', 'updateProgram', {})).toMatchObject(refused('FORBIDDEN', /“规则”权限/))
    expect(
      await h.call('lin-yue-wechat', 'ops', 'adjustPoints', {
        memberCode: '12345678901',
        points: 10,
        reason: '测试调整',
        requestId: 'forbidden-adjust-1',
      }),
    ).toMatchObject(refused('FORBIDDEN', /“会员（调整积分、更正生日、转店）”权限/))
    expect(await h.call('lin-yue-wechat', 'ops', 'dashboard', {})).toMatchObject(refused('FORBIDDEN', /报表/))
    expect(await h.call('lin-yue-wechat', 'export', 'members', {})).toMatchObject(refused('FORBIDDEN', /导出/))
    expect(await h.call('lin-yue-wechat', 'setup', 'listStaff', {})).toMatchObject(refused('FORBIDDEN', /门店、员工与运营权限/))
    expect(
      await h.call('lin-yue-wechat', 'setup', 'inviteOperator', {
        name: '某人',
        operatorId: 'OP09',
        areas: ['catalog'],
        exportPII: false,
        requestId: 'forbidden-invite-9',
      }),
    ).toMatchObject(refused('FORBIDDEN'))
    // What they hold works: marketing's campaigns, and the reference lists every operator reads.
    expect(await h.call('lin-yue-wechat', 'ops', 'campaigns', {})).toMatchObject({ ok: true })
    expect(await h.call('lin-yue-wechat', 'ops', 'couponTemplates', {})).toMatchObject({ ok: true })
    expect(await h.call('lin-yue-wechat', 'event', 'manageList', {})).toMatchObject({ ok: true })
    expect(snapshot()).toBe(before)
  })

  it('setting permissions takes effect with the next call', async () => {
    const { operator } = await h.ok(
      OWNER,
      'setup',
      'setOperatorPermissions',
      { operatorId: 'OP02', areas: ['catalog', 'reports'], exportPII: false },
      clock,
    )
    expect(operator).toMatchObject({ operatorId: 'OP02', areas: ['catalog', 'reports'], exportPII: false, fullPowers: false })
    expect(await h.call('lin-yue-wechat', 'ops', 'campaigns', {})).toMatchObject(refused('FORBIDDEN', /营销与活动/))
    expect(await h.call('lin-yue-wechat', 'ops', 'dashboard', {})).toMatchObject({ ok: true })
    expect(h.cloud.executor.get('operators', 'lin-yue-wechat')).toMatchObject({ permissions: [], areasSetBy: 'OP01', areasSetAt: now })
  })

  it('nobody grants, changes or takes away powers they do not hold', async () => {
    const before = snapshot()
    const asAdmin = STAFF_ADMIN._id
    // OP04 (stores, catalog) may not give rules, nor full phone numbers, nor touch OP02's reports.
    expect(
      await h.call(asAdmin, 'setup', 'setOperatorPermissions', {
        operatorId: 'OP02',
        areas: ['catalog', 'reports', 'rules'],
        exportPII: false,
      }),
    ).toMatchObject(refused('FORBIDDEN', /规则/))
    expect(
      await h.call(asAdmin, 'setup', 'setOperatorPermissions', { operatorId: 'OP02', areas: ['catalog'], exportPII: false }),
    ).toMatchObject(refused('FORBIDDEN', /报表/))
    expect(
      await h.call(asAdmin, 'setup', 'inviteOperator', {
        name: '某人',
        operatorId: 'OP09',
        areas: ['catalog'],
        exportPII: true,
        requestId: 'beyond-pii-1',
      }),
    ).toMatchObject(refused('FORBIDDEN', /完整手机号/))
    // Nor stretches their own powers, nor deactivates the owner.
    expect(
      await h.call(asAdmin, 'setup', 'setOperatorPermissions', {
        operatorId: 'OP04',
        areas: ['stores', 'catalog', 'members'],
        exportPII: false,
      }),
    ).toMatchObject(refused('FORBIDDEN'))
    expect(await h.call(asAdmin, 'setup', 'deactivateOperator', { operatorId: 'OP01' })).toMatchObject(refused('FORBIDDEN'))
    expect(snapshot()).toBe(before)
    // Within what they hold, they may: catalog off OP02.
    expect(
      (await h.ok(asAdmin, 'setup', 'setOperatorPermissions', { operatorId: 'OP02', areas: ['reports'], exportPII: false })).operator.areas,
    ).toEqual(['reports'])
  })

  it('deactivating an operator ends their powers at once; nobody deactivates themselves', async () => {
    const { operator } = await h.ok(OWNER, 'setup', 'deactivateOperator', { operatorId: 'OP02' }, clock)
    expect(operator).toMatchObject({ operatorId: 'OP02', active: false })
    expect(await h.call('lin-yue-wechat', 'ops', 'whoami', {})).toMatchObject(refused('FORBIDDEN'))
    expect(await h.call('lin-yue-wechat', 'ops', 'dashboard', {})).toMatchObject(refused('FORBIDDEN'))
    const before = snapshot()
    expect(await h.call(OWNER, 'setup', 'deactivateOperator', { operatorId: 'OP01' })).toMatchObject(refused('INVALID_INPUT', /自己/))
    expect((await h.ok(OWNER, 'setup', 'deactivateOperator', { operatorId: 'OP02' })).operator).toEqual(operator)
    expect(snapshot()).toBe(before)
    expect((await h.ok(OWNER, 'setup', 'listOperators', { filter: { active: false } })).rows.map((r) => r.operatorId)).toEqual(['OP02'])
  })

  it('keeps someone who can manage operators: the last holder of “stores” keeps it and stays active', async () => {
    await h.ok(OWNER, 'setup', 'deactivateOperator', { operatorId: 'OP04' }, clock)
    const before = snapshot()
    // The owner is now the only active operator holding stores.
    expect(
      await h.call(OWNER, 'setup', 'setOperatorPermissions', { operatorId: 'OP01', areas: ['members', 'rules'], exportPII: false }),
    ).toMatchObject(refused('INVALID_INPUT', /最后一位/))
    expect(snapshot()).toBe(before)
    // With a second holder, the owner may narrow their own powers.
    await enrol('second-admin-wechat', 'OP05', ['stores'])
    const { operator } = await h.ok(OWNER, 'setup', 'setOperatorPermissions', {
      operatorId: 'OP01',
      areas: ['members', 'rules'],
      exportPII: false,
    })
    expect(operator).toMatchObject({ fullPowers: false, areas: ['members', 'rules'], you: true })
    expect(await h.call(OWNER, 'setup', 'listOperators', {})).toMatchObject(refused('FORBIDDEN'))
    // And the second holder, alone with stores, cannot be deactivated by anyone, nor give it up.
    expect(
      await h.call('second-admin-wechat', 'setup', 'setOperatorPermissions', { operatorId: 'OP05', areas: [], exportPII: false }),
    ).toMatchObject(refused('INVALID_INPUT', /最后一位/))
  })

  it('refuses hostile input, writing nothing', async () => {
    const before = snapshot()
    const admin = 'second-admin-wechat'
    expect(
      await h.call(admin, 'setup', 'setOperatorPermissions', { operatorId: 'OP01', areas: ['superuser'], exportPII: false }),
    ).toMatchObject(refused('INVALID_INPUT'))
    expect(
      await h.call(admin, 'setup', 'setOperatorPermissions', { operatorId: { $ne: null }, areas: [], exportPII: false }),
    ).toMatchObject(refused('INVALID_INPUT'))
    expect(
      await h.call(admin, 'setup', 'inviteOperator', {
        name: '某人',
        operatorId: 'OP10',
        areas: [],
        exportPII: false,
        requestId: 'no-areas-10',
      }),
    ).toMatchObject(refused('INVALID_INPUT', /至少选择一项/))
    expect(
      await h.call(admin, 'setup', 'inviteOperator', {
        name: '某人',
        operatorId: 'OP01',
        areas: ['stores'],
        exportPII: false,
        requestId: 'taken-01',
      }),
    ).toMatchObject(refused('INVALID_INPUT', /已属于/))
    expect(await h.call(admin, 'setup', 'deactivateOperator', { operatorId: 'OP77' })).toMatchObject(refused('INVALID_INPUT', /OP77/))
    expect(snapshot()).toBe(before)
  })

  it.each(['listOperators', 'inviteOperator', 'setOperatorPermissions', 'deactivateOperator'] as const)(
    'setup.%s: shop assistants, managers and shoppers are FORBIDDEN',
    async (action) => {
      const before = snapshot()
      const input = { name: '冒名', operatorId: 'OP05', areas: ['stores'], exportPII: true, requestId: 'forbidden-op-1' }
      for (const caller of [DEMO_ASSISTANT._id, DEMO_MANAGER._id, shopper, 'never-joined']) {
        expect(await h.call(caller, 'setup', action, input)).toMatchObject(refused('FORBIDDEN'))
      }
      expect(snapshot()).toBe(before)
    },
  )
})
