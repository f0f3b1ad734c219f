/**
 * The staff workbench through the real functions: whose customers each role sees, today's lists, callbacks,
 * the customer card, reassignment — and that another store's customers stay out of reach.
 */
import { DEMO_ASSISTANT, DEMO_JOIN_SCENE, DEMO_MANAGER, DEMO_OPERATOR } from '../../scripts/demo-data'
import { PRIVACY_NOTICE_VERSION } from '../../src/api/privacy'
import { startTestCloud } from './harness'
import { at } from '../support/clock'

type Harness = Awaited<ReturnType<typeof startTestCloud>>
let h: Harness
const now = at('2026-11-23T10:00:00')
beforeAll(async () => {
  h = await startTestCloud()
  h.cloud.executor.insert('stores', [{ _id: 'BJ001', name: '北京三里屯店', address: '', phone: '', openingHours: '' }])
  h.cloud.executor.insert('staff', [
    { _id: 'assistant-a02', staffId: 'A02', name: '刘洋', storeId: 'SH001', role: 'assistant', active: true },
    { _id: 'assistant-bj', staffId: 'B01', name: '周敏', storeId: 'BJ001', role: 'assistant', active: true },
  ])
}, 60_000)
afterAll(() => h?.close())

let n = 0
/** A customer recruited by an assistant's store QR, joined at `joined`, with a purchase at `bought` (if any). */
const customer = async (
  assistantId: string,
  storeId: string,
  options: { joined?: string; bought?: string; birthday?: { month: number; day: number }; name?: string } = {},
) => {
  const i = ++n
  const openid = `wb-${i}`
  const joined = options.joined ?? at('2026-01-10T10:00:00')
  const result = (await h.cloud.invoke(
    'member',
    {
      action: 'join',
      input: {
        name: options.name ?? `客户${i}`,
        mobile: `137${String(i * 7_919).padStart(8, '0')}`,
        birthday: options.birthday ?? { month: 3, day: 3 },
        consent: { accepted: true, version: PRIVACY_NOTICE_VERSION },
        scene: encodeURIComponent(`s=${storeId}&a=${assistantId}`),
      },
    },
    { openid, clock: joined },
  )) as { ok: true; data: { member: { memberNo: string } } }
  const memberNo = result.data.member.memberNo
  if (options.bought) {
    const till = storeId === 'SH001' ? DEMO_ASSISTANT._id : 'assistant-bj'
    await h.ok(
      till,
      'staff',
      'recordPurchase',
      { memberCode: await h.tillCode(openid, options.bought), amountFen: 60_000, orderNo: `WB-${i}` },
      { clock: options.bought },
    )
  }
  return { openid, memberNo }
}
const names = (list: { name: string }[]) => list.map((c) => c.name).sort()

describe('whose customers', () => {
  it('shows an assistant their own customers, a manager the store’s, and another store nobody’s', async () => {
    const mine = await customer('A01', 'SH001', { name: '甲客户' })
    const colleague = await customer('A02', 'SH001', { name: '乙客户' })
    const beijing = await customer('B01', 'BJ001', { name: '丙客户' })
    const a01 = await h.ok(DEMO_ASSISTANT._id, 'staff', 'customers', {}, { clock: now })
    expect(a01.customers.map((c) => c.memberNo)).toContain(mine.memberNo)
    expect(a01.customers.map((c) => c.memberNo)).not.toContain(colleague.memberNo)
    const manager = await h.ok(DEMO_MANAGER._id, 'staff', 'customers', {}, { clock: now })
    expect(manager.customers.map((c) => c.memberNo)).toEqual(expect.arrayContaining([mine.memberNo, colleague.memberNo]))
    expect(manager.customers.map((c) => c.memberNo)).not.toContain(beijing.memberNo)
    expect(await h.call('assistant-bj', 'staff', 'customer', { code: mine.memberNo })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(await h.call(mine.openid, 'staff', 'customers', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await h.call(DEMO_OPERATOR._id, 'staff', 'customers', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it('finds a customer by the start of the name or the last digits of the phone', async () => {
    const c = await customer('A01', 'SH001', { name: '欧阳娜娜' })
    const phone = (h.cloud.executor.get('members', c.openid) as unknown as { mobile: string }).mobile
    expect(names((await h.ok(DEMO_ASSISTANT._id, 'staff', 'customers', { search: '欧阳' }, { clock: now })).customers)).toEqual([
      '欧阳娜娜',
    ])
    expect(
      (await h.ok(DEMO_ASSISTANT._id, 'staff', 'customers', { search: phone.slice(-4) }, { clock: now })).customers.map((x) => x.memberNo),
    ).toContain(c.memberNo)
    expect((await h.ok(DEMO_ASSISTANT._id, 'staff', 'customers', { search: '.*' }, { clock: now })).customers).toEqual([])
  })
})

describe('today', () => {
  it('lists birthdays this month, VIPs about to lapse, and customers not seen for 90 and 180 days', async () => {
    await customer('A02', 'SH001', { name: '生日客', birthday: { month: 11, day: 30 }, joined: at('2026-11-01T10:00:00') })
    await customer('A02', 'SH001', { name: '将到期', bought: at('2025-12-10T10:00:00'), joined: at('2025-12-01T10:00:00') })
    await customer('A02', 'SH001', { name: '百日未见', bought: at('2026-08-01T10:00:00') })
    await customer('A02', 'SH001', { name: '半年未见', bought: at('2026-04-01T10:00:00') })
    const lists = await h.ok('assistant-a02', 'staff', 'today', {}, { clock: now })
    expect(names(lists.birthdays)).toContain('生日客')
    expect(names(lists.lapsing)).toEqual(['将到期'])
    expect(names(lists.drifting)).toContain('百日未见')
    expect(names(lists.drifting)).not.toContain('半年未见')
    expect(names(lists.lost)).toContain('半年未见')
    expect(lists.thresholds).toEqual({ lapseWarningDays: 30, winBackDays: [90, 180] })
  })
})

describe('callbacks', () => {
  it('logs a callback once per request, schedules the next, and counts them per assistant for the manager', async () => {
    const c = await customer('A01', 'SH001')
    const input = { memberCode: c.memberNo, outcome: 'reached' as const, note: '询问大衣是否合身', requestId: `cb-${Date.now()}-1` }
    const first = await h.ok(DEMO_ASSISTANT._id, 'staff', 'logCallback', input, { clock: now })
    expect(first.customer).toMatchObject({ lastCallbackAt: now, nextCallbackAt: at('2026-12-23T09:00:00') })
    expect(await h.ok(DEMO_ASSISTANT._id, 'staff', 'logCallback', input, { clock: now })).toMatchObject({ replayed: true })
    await h.ok(
      DEMO_ASSISTANT._id,
      'staff',
      'logCallback',
      { ...input, outcome: 'message', nextDate: '2026-12-01', requestId: `cb-${Date.now()}-2` },
      { clock: at('2026-11-23T11:00:00') },
    )
    expect(
      await h.call(
        DEMO_ASSISTANT._id,
        'staff',
        'logCallback',
        { ...input, nextDate: '2026-11-20', requestId: `cb-${Date.now()}-3` },
        { clock: now },
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    const due = await h.ok(DEMO_ASSISTANT._id, 'staff', 'today', {}, { clock: at('2026-12-01T12:00:00') })
    expect(due.callbacksDue.map((x) => x.memberNo)).toContain(c.memberNo)
    const detail = await h.ok(DEMO_ASSISTANT._id, 'staff', 'customer', { code: c.memberNo }, { clock: now })
    expect(detail.callbacks.map((x) => [x.outcome, x.staffName])).toEqual([
      ['message', '王丽'],
      ['reached', '王丽'],
    ])
    expect(await h.call(DEMO_ASSISTANT._id, 'staff', 'callbackStats', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const stats = await h.ok(DEMO_MANAGER._id, 'staff', 'callbackStats', { month: '2026-11' }, { clock: now })
    expect(stats.byAssistant.find((a) => a.staffId === 'A01')).toMatchObject({ callbacks: 2, customers: 1 })
    expect(stats.byAssistant.find((a) => a.staffId === 'A02')).toMatchObject({ callbacks: 0 })
  })
})

describe('what the pages show beside the lists', () => {
  it('gives the record the date a callback schedules when none is picked, and today the server’s clock', async () => {
    const c = await customer('A01', 'SH001')
    // 07:00 in Shanghai is still the day before in UTC: the date is the business day's.
    const early = at('2026-11-24T07:00:00')
    const detail = await h.ok(DEMO_ASSISTANT._id, 'staff', 'customer', { code: c.memberNo }, { clock: early })
    expect(detail.callbackDefaultDate).toBe('2026-12-24')
    const logged = await h.ok(
      DEMO_ASSISTANT._id,
      'staff',
      'logCallback',
      { memberCode: c.memberNo, outcome: 'noAnswer', requestId: `cb-${Date.now()}-default` },
      { clock: early },
    )
    expect(logged.customer.nextCallbackAt).toBe(at(`${detail.callbackDefaultDate}T09:00:00`))
    expect((await h.ok(DEMO_ASSISTANT._id, 'staff', 'today', {}, { clock: now })).serverTime).toBe(now)
  })
})

describe('the customer card and reassignment', () => {
  it('keeps sizes and preferences, and lets only a manager reassign, logged', async () => {
    const c = await customer('A01', 'SH001')
    const card = await h.ok(DEMO_ASSISTANT._id, 'staff', 'updateCustomerCard', {
      memberCode: c.memberNo,
      profile: { clothingSize: 'M', colours: ['驼色'], notes: '喜欢羊绒' },
    })
    expect(card.customer.profile).toMatchObject({
      clothingSize: 'M',
      colours: ['驼色'],
      notes: '喜欢羊绒',
      edits: { clothingSize: { by: 'staff', name: DEMO_ASSISTANT.name } },
    })
    expect(await h.call(DEMO_ASSISTANT._id, 'staff', 'reassign', { memberCode: c.memberNo, staffId: 'A02' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(await h.call(DEMO_MANAGER._id, 'staff', 'reassign', { memberCode: c.memberNo, staffId: 'B01' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    const moved = await h.ok(DEMO_MANAGER._id, 'staff', 'reassign', { memberCode: c.memberNo, staffId: 'A02' }, { clock: now })
    expect(moved.customer.assistant).toEqual({ staffId: 'A02', name: '刘洋' })
    expect(h.cloud.executor.get('members', c.openid)).toMatchObject({ assignmentLog: [{ from: 'A01', to: 'A02', by: 'M01', at: now }] })
  })
})

void DEMO_JOIN_SCENE

describe('operators', () => {
  it('see every store’s customers and lists, or one store’s, read-only', async () => {
    const shanghai = await customer('A01', 'SH001', { name: '沪客户', birthday: { month: 11, day: 25 } })
    const beijing = await customer('B01', 'BJ001', { name: '京客户', birthday: { month: 11, day: 26 } })
    const all = await h.ok(DEMO_OPERATOR._id, 'ops', 'customers', {}, { clock: now })
    expect(all.customers.map((c) => c.memberNo)).toEqual(expect.arrayContaining([shanghai.memberNo, beijing.memberNo]))
    const bj = await h.ok(DEMO_OPERATOR._id, 'ops', 'customers', { storeId: 'BJ001' }, { clock: now })
    expect(bj.customers.map((c) => c.memberNo)).toContain(beijing.memberNo)
    expect(bj.customers.map((c) => c.memberNo)).not.toContain(shanghai.memberNo)
    const today = await h.ok(DEMO_OPERATOR._id, 'ops', 'today', {}, { clock: now })
    expect(names(today.birthdays)).toEqual(expect.arrayContaining(['沪客户', '京客户']))
    expect(names((await h.ok(DEMO_OPERATOR._id, 'ops', 'today', { storeId: 'SH001' }, { clock: now })).birthdays)).not.toContain('京客户')
    expect((await h.ok(DEMO_OPERATOR._id, 'ops', 'customer', { code: beijing.memberNo }, { clock: now })).customer.name).toBe('京客户')
    // A shop assistant asking for the Beijing customer is refused; the operator's lists are theirs alone.
    expect(await h.call(DEMO_ASSISTANT._id, 'staff', 'customer', { code: beijing.memberNo })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(await h.call(DEMO_ASSISTANT._id, 'ops', 'customers', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})
