/**
 * 拨打电话 on the workbench (issue 20, item 9): every staff screen shows a customer's number masked; the one
 * assistant who looks after the customer may reveal it to call them, a tap at a time, and each reveal is logged
 * (phoneReveals: who, whose, which store, when). Anyone else — a colleague, the store manager, another store, a
 * shopper, an operator — is refused and nothing is logged; so is hostile input. Also the home tiles' counts,
 * which must agree with the lists of 今日与本月 they stand for.
 */
import { DEMO_ASSISTANT, DEMO_COLLEAGUE, DEMO_JOIN_SCENE, DEMO_MANAGER, DEMO_OPERATOR } from '../../scripts/demo-data'
import { buildStoreScene } from '../../src/domain/scene'
import { PRIVACY_NOTICE_VERSION } from '../../src/api/privacy'
import { startTestCloud } from './harness'
import { at } from '../support/clock'

type Harness = Awaited<ReturnType<typeof startTestCloud>>
let h: Harness
const NOW = at('2026-11-23T15:00:00')
type Reveal = { _id: string; memberId: string; memberNo: string; storeId: string; staffId: string; at: string }
const reveals = () => h.cloud.executor.find('phoneReveals', {}) as unknown as Reveal[]
const codeOf = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error?.code)
let seq = 0
const requestId = () => `reveal-${++seq}-abcdef`

let mine: { openid: string; memberNo: string }
let colleagues: { openid: string; memberNo: string }
const mobileOf = (openid: string) => (h.cloud.executor.find('members', { _id: openid }) as unknown as { mobile: string }[])[0].mobile

beforeAll(async () => {
  h = await startTestCloud()
  h.cloud.executor.insert('stores', [{ _id: 'BJ001', name: '北京三里屯店', address: '', phone: '', openingHours: '' }])
  h.cloud.executor.insert('staff', [
    { _id: 'manager-bj', staffId: 'B09', name: '孙强', storeId: 'BJ001', role: 'manager', active: true },
    { _id: 'former-a01', staffId: 'A09', name: '离职导购', storeId: 'SH001', role: 'assistant', active: false },
  ])
  mine = await h.joinedShopper('reveal', { scene: DEMO_JOIN_SCENE, clock: at('2026-10-01T11:00:00') })
  colleagues = await h.joinedShopper('reveal', {
    scene: buildStoreScene({ storeId: 'SH001', assistantId: DEMO_COLLEAGUE.staffId }),
    clock: at('2026-10-01T11:00:00'),
  })
}, 60_000)
afterAll(() => h?.close())

describe('staff.revealPhone', () => {
  it('shows the customer’s own assistant the full number, and logs who saw whose number, where and when', async () => {
    const id = requestId()
    const { mobile } = await h.ok(DEMO_ASSISTANT._id, 'staff', 'revealPhone', { memberCode: mine.memberNo, requestId: id }, { clock: NOW })
    expect(mobile).toBe(mobileOf(mine.openid))
    expect(mobile).toMatch(/^1\d{10}$/)
    expect(reveals()).toEqual([
      { _id: `${DEMO_ASSISTANT.staffId}:${id}`, memberId: mine.openid, memberNo: mine.memberNo, storeId: 'SH001', staffId: 'A01', at: NOW },
    ])
    // The record itself still carries it masked.
    const record = await h.ok(DEMO_ASSISTANT._id, 'staff', 'customer', { code: mine.memberNo }, { clock: NOW })
    expect(JSON.stringify(record)).not.toContain(mobile)
  })

  it('logs each tap once: a retry with the same request id adds nothing, a new tap adds an entry', async () => {
    const before = reveals().length
    const id = requestId()
    for (let i = 0; i < 2; i++)
      await h.ok(DEMO_ASSISTANT._id, 'staff', 'revealPhone', { memberCode: mine.memberNo, requestId: id }, { clock: NOW })
    expect(reveals().length).toBe(before + 1)
    await h.ok(DEMO_ASSISTANT._id, 'staff', 'revealPhone', { memberCode: mine.memberNo, requestId: requestId() }, { clock: NOW })
    expect(reveals().length).toBe(before + 2)
  })

  it('refuses a request id already used for another customer, so no log entry is ever overwritten', async () => {
    h.cloud.executor.insert('phoneReveals', [
      { _id: 'A01:planted-entry-1', memberId: 'someone-else', memberNo: '20260000000', storeId: 'SH001', staffId: 'A01', at: NOW },
    ])
    const before = reveals()
    const refused = await h.call(
      DEMO_ASSISTANT._id,
      'staff',
      'revealPhone',
      { memberCode: mine.memberNo, requestId: 'planted-entry-1' },
      { clock: NOW },
    )
    expect(refused).toMatchObject({ ok: false, error: { code: 'IDEMPOTENCY_CONFLICT' } })
    expect(JSON.stringify(refused)).not.toContain(mobileOf(mine.openid))
    expect(reveals()).toEqual(before)
  })

  it('refuses everyone but the customer’s own assistant, telling nothing and logging nothing', async () => {
    const before = reveals()
    const tries = {
      colleague: await h.call(
        DEMO_COLLEAGUE._id,
        'staff',
        'revealPhone',
        { memberCode: mine.memberNo, requestId: requestId() },
        { clock: NOW },
      ),
      manager: await h.call(
        DEMO_MANAGER._id,
        'staff',
        'revealPhone',
        { memberCode: mine.memberNo, requestId: requestId() },
        { clock: NOW },
      ),
      ownAssistantOfAnother: await h.call(
        DEMO_ASSISTANT._id,
        'staff',
        'revealPhone',
        { memberCode: colleagues.memberNo, requestId: requestId() },
        { clock: NOW },
      ),
      otherStore: await h.call('manager-bj', 'staff', 'revealPhone', { memberCode: mine.memberNo, requestId: requestId() }, { clock: NOW }),
      formerStaff: await h.call(
        'former-a01',
        'staff',
        'revealPhone',
        { memberCode: mine.memberNo, requestId: requestId() },
        { clock: NOW },
      ),
      shopper: await h.call(mine.openid, 'staff', 'revealPhone', { memberCode: mine.memberNo, requestId: requestId() }, { clock: NOW }),
      operator: await h.call(
        DEMO_OPERATOR._id,
        'staff',
        'revealPhone',
        { memberCode: mine.memberNo, requestId: requestId() },
        { clock: NOW },
      ),
    }
    expect(Object.fromEntries(Object.entries(tries).map(([k, r]) => [k, codeOf(r)]))).toEqual({
      colleague: 'FORBIDDEN',
      manager: 'FORBIDDEN',
      ownAssistantOfAnother: 'FORBIDDEN',
      otherStore: 'FORBIDDEN',
      formerStaff: 'FORBIDDEN',
      shopper: 'FORBIDDEN',
      operator: 'FORBIDDEN',
    })
    expect(tries.colleague).toMatchObject({ error: { message: '仅负责该顾客的导购可以查看完整手机号' } })
    const text = JSON.stringify(tries)
    for (const openid of [mine.openid, colleagues.openid]) expect(text).not.toContain(mobileOf(openid))
    expect(reveals()).toEqual(before)
  })

  it('shows the store manager who saw the customer’s number and when, and the assistants nothing of it', async () => {
    const record = await h.ok(DEMO_MANAGER._id, 'staff', 'customer', { code: mine.memberNo }, { clock: NOW })
    const logged = reveals().filter((r) => r.memberId === mine.openid && r.storeId === 'SH001')
    expect(record.phoneReveals).toEqual(logged.map(() => ({ staffName: DEMO_ASSISTANT.name, at: NOW })))
    expect(logged.length).toBeGreaterThan(0)
    // Nothing else: no number in it.
    expect(JSON.stringify(record)).not.toContain(mobileOf(mine.openid))
    expect((await h.ok(DEMO_ASSISTANT._id, 'staff', 'customer', { code: mine.memberNo }, { clock: NOW })).phoneReveals).toBeNull()
    expect((await h.ok(DEMO_COLLEAGUE._id, 'staff', 'customer', { code: mine.memberNo }, { clock: NOW })).phoneReveals).toBeNull()
  })

  it('lets a manager call once they take the customer on (更换导购), and the former assistant no longer', async () => {
    const customer = await h.joinedShopper('reveal', { scene: DEMO_JOIN_SCENE, clock: at('2026-10-02T11:00:00') })
    await h.ok(DEMO_MANAGER._id, 'staff', 'reassign', { memberCode: customer.memberNo, staffId: DEMO_MANAGER.staffId }, { clock: NOW })
    const { mobile } = await h.ok(
      DEMO_MANAGER._id,
      'staff',
      'revealPhone',
      { memberCode: customer.memberNo, requestId: requestId() },
      { clock: NOW },
    )
    expect(mobile).toBe(mobileOf(customer.openid))
    expect(
      reveals()
        .filter((r) => r.memberId === customer.openid)
        .map((r) => r.staffId),
    ).toEqual(['M01'])
    const former = await h.call(
      DEMO_ASSISTANT._id,
      'staff',
      'revealPhone',
      { memberCode: customer.memberNo, requestId: requestId() },
      { clock: NOW },
    )
    expect(codeOf(former)).toBe('FORBIDDEN')
  })

  it('does not show a number another membership held first: it may be someone else’s', async () => {
    const mobile = mobileOf(mine.openid)
    const second = await h.call(
      'reveal-second-wechat',
      'member',
      'join',
      {
        name: '换了微信',
        mobile,
        birthday: { month: 2, day: 2 },
        consent: { accepted: true, version: PRIVACY_NOTICE_VERSION },
        scene: DEMO_JOIN_SCENE,
      },
      { clock: NOW },
    )
    expect(second.ok).toBe(true)
    const memberNo = second.ok ? second.data.member.memberNo : ''
    const before = reveals()
    const refused = await h.call(
      DEMO_ASSISTANT._id,
      'staff',
      'revealPhone',
      { memberCode: memberNo, requestId: requestId() },
      { clock: NOW },
    )
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '该手机号未核实，请先到店核实顾客身份' } })
    expect(reveals()).toEqual(before)
  })

  it.each([
    ['no member code', { requestId: 'abcdefgh1' }, 'memberCode'],
    ['a dynamic code instead of the member number', { memberCode: '123456789012345678', requestId: 'abcdefgh2' }, 'memberCode'],
    ['an operator object as the code', { memberCode: { $ne: null }, requestId: 'abcdefgh3' }, 'memberCode'],
    ['a regex-like request id', { memberCode: '20261123002', requestId: '.*' }, 'requestId'],
    ['a request id with a path', { memberCode: '20261123002', requestId: '../../members/x' }, 'requestId'],
    ['no request id', { memberCode: '20261123002' }, 'requestId'],
  ])('refuses %s as INVALID_INPUT at its field, logging nothing', async (_name, input, field) => {
    const before = reveals()
    const refused = await h.call(DEMO_ASSISTANT._id, 'staff', 'revealPhone', input, { clock: NOW })
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [expect.objectContaining({ field })] } })
    expect(reveals()).toEqual(before)
  })

  it('finds nobody behind an unknown member number, and logs nothing', async () => {
    const before = reveals()
    expect(
      codeOf(
        await h.call(DEMO_ASSISTANT._id, 'staff', 'revealPhone', { memberCode: '20269999990', requestId: requestId() }, { clock: NOW }),
      ),
    ).toBe('MEMBER_NOT_FOUND')
    expect(reveals()).toEqual(before)
  })
})

describe('staff.todayCounts', () => {
  it('counts what each list of 今日与本月 holds, for an assistant’s own customers and the manager’s store', async () => {
    // Birthdays this month (November) for two of A01's customers and one of A03's; one due callback for A01.
    const nov = [
      await h.joinedShopper('count', { scene: DEMO_JOIN_SCENE, birthday: { month: 11, day: 3 }, clock: at('2026-11-02T11:00:00') }),
      await h.joinedShopper('count', { scene: DEMO_JOIN_SCENE, birthday: { month: 11, day: 28 }, clock: at('2026-11-02T11:00:00') }),
    ]
    await h.joinedShopper('count', {
      scene: buildStoreScene({ storeId: 'SH001', assistantId: DEMO_COLLEAGUE.staffId }),
      birthday: { month: 11, day: 9 },
      clock: at('2026-11-02T11:00:00'),
    })
    // Joined in August and never seen since: 115 days on the 24th, past the program's 90 (the win-back lists).
    await h.joinedShopper('count', { scene: DEMO_JOIN_SCENE, clock: at('2026-08-01T11:00:00') })
    await h.ok(
      DEMO_ASSISTANT._id,
      'staff',
      'logCallback',
      { memberCode: nov[0].memberNo, outcome: 'reached', nextDate: '2026-11-24', requestId: requestId() },
      { clock: NOW },
    )
    const later = at('2026-11-24T16:00:00')
    for (const caller of [DEMO_ASSISTANT._id, DEMO_COLLEAGUE._id, DEMO_MANAGER._id]) {
      const [counts, lists] = [
        await h.ok(caller, 'staff', 'todayCounts', {}, { clock: later }),
        await h.ok(caller, 'staff', 'today', {}, { clock: later }),
      ]
      expect({ caller, counts }).toEqual({
        caller,
        counts: {
          birthdays: lists.birthdays.length,
          lapsing: lists.lapsing.length,
          winBack: lists.drifting.length + lists.lost.length,
          callbacksDue: lists.callbacksDue.length,
        },
      })
    }
    const assistant = await h.ok(DEMO_ASSISTANT._id, 'staff', 'todayCounts', {}, { clock: later })
    const manager = await h.ok(DEMO_MANAGER._id, 'staff', 'todayCounts', {}, { clock: later })
    expect(assistant.birthdays).toBe(2)
    expect(manager.birthdays).toBe(3)
    expect(assistant.callbacksDue).toBe(1)
    expect(assistant.winBack).toBe(1)
    expect(manager.winBack).toBe(1)
    expect(await h.call('manager-bj', 'staff', 'todayCounts', {}, { clock: later })).toMatchObject({
      ok: true,
      data: { birthdays: 0, lapsing: 0, winBack: 0, callbacksDue: 0 },
    })
  })
})
