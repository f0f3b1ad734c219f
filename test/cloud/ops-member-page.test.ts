/**
 * A member's page on the desk (ops.member, with purchases and coupons paged on) and the two record corrections an
 * operator makes there — the birthday and the store — through the real functions: each keyed by its request id,
 * logged with who, when, what and why in the same transaction, and shown on the page; bad input and other callers
 * change nothing.
 */
import { DEMO_ASSISTANT, DEMO_JOIN_SCENE, DEMO_MANAGER, DEMO_OPERATOR } from '../../scripts/demo-data'
import { luhnCheckDigit } from '../../src/domain/memberNo'
import { startTestCloud } from './harness'
import { at } from '../support/clock'
import { uniqueKey } from '../support/ids'

type Harness = Awaited<ReturnType<typeof startTestCloud>>
let h: Harness
const JOINED = at('2026-09-01T10:00:00')
const OCT = at('2026-10-12T12:00:00')
type Doc = Record<string, unknown> & { _id: string }
const docs = (coll: string, filter: Record<string, unknown> = {}) => h.cloud.executor.find(coll, filter) as Doc[]
const memberDoc = (openid: string) => h.cloud.executor.get('members', openid) as Doc
const auditOf = (openid: string) => docs('memberAudit', { memberId: openid })
const birthdayCards = (openid: string) => docs('coupons', { memberId: openid, channel: 'birthday' })
const forbidden = { ok: false, error: { code: 'FORBIDDEN' } }
const invalid = { ok: false, error: { code: 'INVALID_INPUT' } }

beforeAll(async () => {
  h = await startTestCloud()
  h.cloud.executor.insert('staff', [
    { _id: 'assistant-sh002', staffId: 'B01', name: '周敏', storeId: 'SH002', role: 'assistant', active: true },
    { _id: 'left-sh002', staffId: 'B02', name: '吴刚', storeId: 'SH002', role: 'assistant', active: false },
  ])
}, 60_000)
afterAll(() => h?.close())

/** A shopper who joined at the demo store by the demo assistant's QR, born on 15 July. */
const joined = (prefix: string, clock = JOINED, birthday = { month: 7, day: 15 }) =>
  h.joinedShopper(prefix, { clock, scene: DEMO_JOIN_SCENE, birthday })

const ops = <A extends 'member' | 'memberPurchases' | 'memberCoupons' | 'correctMemberBirthday' | 'moveMemberStore'>(
  action: A,
  input: Record<string, unknown>,
  clock = OCT,
  caller = DEMO_OPERATOR._id,
) => h.call(caller, 'ops', action, input, { clock })

describe('a member’s page', () => {
  it('shows profile, card, purchases, coupons, events, callbacks and changes in one call, phones masked', async () => {
    const s = await joined('page')
    for (const [n, clock] of [
      [1, at('2026-09-05T15:00:00')],
      [2, at('2026-09-20T15:00:00')],
    ] as const) {
      await h.ok(
        DEMO_ASSISTANT._id,
        'staff',
        'recordPurchase',
        { memberCode: await h.tillCode(s.openid, clock), amountFen: 60_000 * n, orderNo: uniqueKey('PG') },
        { clock },
      )
    }
    // A long history: 23 more purchases and 24 more coupons than the first pages hold.
    const [first] = docs('purchases', { memberId: s.openid })
    const [welcome] = docs('coupons', { memberId: s.openid })
    h.cloud.executor.insert(
      'purchases',
      Array.from({ length: 23 }, (_v, i) => ({
        ...first,
        _id: `SH001:OLD-${i}`,
        orderNo: `OLD-${i}`,
        at: at(`2026-08-${String(i + 1).padStart(2, '0')}T12:00:00`),
      })),
    )
    h.cloud.executor.insert(
      'coupons',
      Array.from({ length: 24 }, (_v, i) => {
        const body = String(10_000_000_000 + i * 7)
        return {
          ...welcome,
          _id: `campaign:old-${i}:${s.openid}`,
          code: body + luhnCheckDigit(body),
          issuedAt: at(`2026-09-0${(i % 9) + 1}T08:00:00`),
        }
      }),
    )
    h.cloud.executor.insert('events', [
      { _id: 'ev-salon', title: '秋冬新品沙龙', storeId: 'SH001', startsAt: at('2026-09-28T14:00:00'), endsAt: at('2026-09-28T16:00:00') },
    ])
    h.cloud.executor.insert('rsvps', [
      {
        _id: `ev-salon:${s.openid}`,
        eventId: 'ev-salon',
        memberId: s.openid,
        seats: 2,
        status: 'confirmed',
        ticketCode: '1234567897',
        waitNo: null,
        createdAt: at('2026-09-10T09:00:00'),
        confirmedAt: at('2026-09-10T09:00:00'),
        cancelledAt: null,
        checkedInAt: at('2026-09-28T13:55:00'),
        checkedInBy: 'A01',
        remindedAt: null,
      },
    ])
    await h.ok(
      DEMO_ASSISTANT._id,
      'staff',
      'logCallback',
      { memberCode: s.memberNo, outcome: 'reached', note: '喜欢新到的羊绒大衣', requestId: uniqueKey('cb') },
      { clock: at('2026-10-02T11:00:00') },
    )
    await h.ok(
      DEMO_ASSISTANT._id,
      'staff',
      'correctBirthday',
      { memberCode: s.memberNo, birthday: { month: 7, day: 16 }, reason: '入会时日期选错' },
      { clock: at('2026-10-03T11:00:00') },
    )
    await h.ok(DEMO_MANAGER._id, 'staff', 'reassign', { memberCode: s.memberNo, staffId: 'A03' }, { clock: at('2026-10-04T11:00:00') })

    const page = await ops('member', { code: s.memberNo })
    if (!page.ok) throw new Error(page.error.message)
    const view = page.data
    const mobile = memberDoc(s.openid).mobile as string
    expect(JSON.stringify(view)).not.toContain(mobile)
    expect(view.member).toMatchObject({
      memberNo: s.memberNo,
      mobileMasked: `${mobile.slice(0, 3)}****${mobile.slice(7)}`,
      birthday: { month: 7, day: 16 },
      store: { id: 'SH001', name: '上海静安嘉里中心店' },
      assistant: { staffId: 'A03', name: '赵敏' },
      purchaseCount: 2,
      joinedAt: JOINED,
    })
    // ¥600 then ¥1,200 in one purchase: VIP for a year.
    expect(view.card).toMatchObject({ tier: 'vip', lifetimeSpendFen: 180_000, progress: { tier: 'vip' } })
    expect(view.card.pointsBalance).toBe(view.card.pointBatches.reduce((n, b) => n + b.points, 0))
    expect(view.card.pointsBalance).toBeGreaterThan(0)

    expect(view.purchases.total).toBe(25)
    expect(view.purchases.rows).toHaveLength(20)
    expect(view.purchases.rows[0]).toMatchObject({
      amountFen: 120_000,
      store: { id: 'SH001', name: '上海静安嘉里中心店' },
      recordedBy: '王丽（A01）',
    })
    expect(view.coupons.total).toBe(25) // the welcome coupon and 24 more
    for (const c of view.coupons.rows) expect(c).not.toHaveProperty('code')

    expect(view.events).toEqual([
      {
        eventId: 'ev-salon',
        title: '秋冬新品沙龙',
        startsAt: at('2026-09-28T14:00:00'),
        store: { id: 'SH001', name: '上海静安嘉里中心店' },
        status: 'confirmed',
        seats: 2,
        waitNo: null,
        rsvpAt: at('2026-09-10T09:00:00'),
        checkedInAt: at('2026-09-28T13:55:00'),
      },
    ])
    expect(view.callbacks).toEqual([expect.objectContaining({ staffName: '王丽', outcome: 'reached', note: '喜欢新到的羊绒大衣' })])
    expect(view.changes.map((c) => [c.summary, c.actor, c.reason])).toEqual([
      ['导购：王丽 → 赵敏', '店长 周慧（M01）', null],
      ['生日：7月15日 → 7月16日', '导购 王丽（A01，上海静安嘉里中心店）', '入会时日期选错'],
    ])

    // Paged on by cursor: every purchase and coupon once, newest first.
    const pageOn = async (
      action: 'memberPurchases' | 'memberCoupons',
      firstPage: { rows: { id: string }[]; nextCursor: string | null },
    ) => {
      const ids = firstPage.rows.map((r) => r.id)
      let cursor = firstPage.nextCursor
      while (cursor) {
        const next = await ops(action, { code: s.memberNo, cursor, limit: 7 })
        if (!next.ok) throw new Error(next.error.message)
        ids.push(...next.data.rows.map((r) => r.id))
        cursor = next.data.nextCursor
      }
      return ids
    }
    const purchaseIds = await pageOn('memberPurchases', view.purchases)
    const stored = docs('purchases', { memberId: s.openid }).sort((a, b) =>
      a.at === b.at ? (a._id < b._id ? 1 : -1) : (a.at as string) < (b.at as string) ? 1 : -1,
    )
    expect(purchaseIds).toEqual(stored.map((p) => p._id))
    const couponIds = await pageOn('memberCoupons', view.coupons)
    expect(new Set(couponIds).size).toBe(25)
    expect(couponIds.sort()).toEqual(
      docs('coupons', { memberId: s.openid })
        .map((c) => c._id)
        .sort(),
    )

    expect(await ops('memberPurchases', { code: s.memberNo, cursor: 'garbage!' })).toMatchObject(invalid)
    expect(await ops('memberCoupons', { code: s.memberNo, limit: 0 })).toMatchObject(invalid)
  })

  it('is refused for a member number nobody has, and to everyone but operators', async () => {
    const body = '1234567890'
    expect(await ops('member', { code: body + luhnCheckDigit(body) })).toMatchObject({ ok: false, error: { code: 'MEMBER_NOT_FOUND' } })
    const s = await joined('page-forbidden')
    for (const caller of [DEMO_ASSISTANT._id, DEMO_MANAGER._id, s.openid]) {
      for (const action of ['member', 'memberPurchases', 'memberCoupons'] as const) {
        expect(await ops(action, { code: s.memberNo }, OCT, caller)).toMatchObject(forbidden)
      }
    }
  })
})

describe('an operator corrects a birthday', () => {
  it('with a reason, logged with who, when, what and why; a retry answers the same and changes nothing twice', async () => {
    const s = await joined('bday')
    const input = { memberCode: s.memberNo, birthday: { month: 10, day: 20 }, reason: '身份证核对后更正', requestId: uniqueKey('rq') }
    const first = await ops('correctMemberBirthday', input)
    expect(first).toMatchObject({
      ok: true,
      data: {
        member: { memberNo: s.memberNo },
        change: {
          at: OCT,
          actor: '运营 陈静（OP01）',
          summary: '生日：7月15日 → 10月20日',
          reason: '身份证核对后更正',
          change: { kind: 'birthday', from: { month: 7, day: 15 }, to: { month: 10, day: 20 } },
        },
        replayed: false,
      },
    })
    expect(memberDoc(s.openid).birthday).toEqual({ month: 10, day: 20 })
    expect(auditOf(s.openid)).toEqual([
      {
        _id: `OP01:${input.requestId}`,
        memberId: s.openid,
        memberNo: s.memberNo,
        at: OCT,
        by: 'OP01',
        source: 'miniprogram',
        reason: '身份证核对后更正',
        change: { kind: 'birthday', from: { month: 7, day: 15 }, to: { month: 10, day: 20 } },
      },
    ])

    const retry = await ops('correctMemberBirthday', input, at('2026-10-12T12:05:00'))
    expect(retry).toMatchObject({ ok: true, data: { replayed: true, change: { at: OCT } } })
    expect(auditOf(s.openid)).toHaveLength(1)

    // The same request id for another birthday is refused, never applied.
    const before = memberDoc(s.openid)
    expect(await ops('correctMemberBirthday', { ...input, birthday: { month: 11, day: 2 } })).toMatchObject({
      ok: false,
      error: { code: 'IDEMPOTENCY_CONFLICT' },
    })
    expect(memberDoc(s.openid)).toEqual(before)

    const page = await ops('member', { code: s.memberNo })
    expect(page.ok && page.data.changes).toEqual([
      expect.objectContaining({ summary: '生日：7月15日 → 10月20日', actor: '运营 陈静（OP01）' }),
    ])
  })

  it('into the current month issues this year’s birthday card once; moving it again gives no second one, now or by the job', async () => {
    const s = await joined('bday-card')
    const correct = (birthday: { month: number; day: number }, clock = OCT) =>
      ops('correctMemberBirthday', { memberCode: s.memberNo, birthday, reason: '会员出示证件更正', requestId: uniqueKey('rq') }, clock)

    expect(birthdayCards(s.openid)).toEqual([])
    expect(await correct({ month: 10, day: 20 })).toMatchObject({ ok: true, data: { birthdayCardIssued: true } })
    expect(birthdayCards(s.openid)).toEqual([expect.objectContaining({ _id: `bday:${s.openid}:2026` })])

    // Within the month, to a past month, to a month still to come: the card of 2026 is held, none is added.
    for (const birthday of [
      { month: 10, day: 3 },
      { month: 3, day: 8 },
      { month: 12, day: 24 },
    ]) {
      expect(await correct(birthday)).toMatchObject({ ok: true, data: { birthdayCardIssued: false } })
    }
    expect((await h.cloud.fireTimer('jobs', 'upkeep', { clock: at('2026-12-01T00:05:00') })).body).toMatchObject({ ok: true })
    expect(birthdayCards(s.openid)).toHaveLength(1)
  })

  it('into a past or a coming month issues nothing now', async () => {
    const past = await joined('bday-past')
    expect(
      await ops('correctMemberBirthday', {
        memberCode: past.memberNo,
        birthday: { month: 3, day: 8 },
        reason: '入会时选错月份',
        requestId: uniqueKey('rq'),
      }),
    ).toMatchObject({ ok: true, data: { birthdayCardIssued: false } })
    const coming = await joined('bday-coming')
    expect(
      await ops('correctMemberBirthday', {
        memberCode: coming.memberNo,
        birthday: { month: 11, day: 8 },
        reason: '入会时选错月份',
        requestId: uniqueKey('rq'),
      }),
    ).toMatchObject({ ok: true, data: { birthdayCardIssued: false } })
    expect([...birthdayCards(past.openid), ...birthdayCards(coming.openid)]).toEqual([])
  })

  it('refuses bad input, an unknown member and other callers, and then writes nothing', async () => {
    const s = await joined('bday-bad')
    const before = memberDoc(s.openid)
    const base = { memberCode: s.memberNo, birthday: { month: 8, day: 1 }, reason: '入会时选错月份', requestId: uniqueKey('rq') }
    for (const input of [
      { ...base, birthday: { month: 2, day: 30 } },
      { ...base, birthday: { month: 1, day: 1, year: 2027 } },
      { ...base, birthday: { month: 7, day: 15 } },
      { ...base, reason: '改' },
      { ...base, reason: '顾客电话13812345678' },
      { ...base, requestId: 'short' },
      { ...base, memberCode: '123' },
    ]) {
      expect(await ops('correctMemberBirthday', input)).toMatchObject(invalid)
    }
    const body = '1234567890'
    expect(await ops('correctMemberBirthday', { ...base, memberCode: body + luhnCheckDigit(body) })).toMatchObject({
      ok: false,
      error: { code: 'MEMBER_NOT_FOUND' },
    })
    for (const caller of [DEMO_ASSISTANT._id, DEMO_MANAGER._id, s.openid]) {
      expect(await ops('correctMemberBirthday', base, OCT, caller)).toMatchObject(forbidden)
    }
    expect(memberDoc(s.openid)).toEqual(before)
    expect(auditOf(s.openid)).toEqual([])
  })
})

describe('an operator moves a member to another store', () => {
  it('with one of its assistants: the record moves, the history stays, the move is logged and shown', async () => {
    const s = await joined('move')
    await h.ok(
      DEMO_ASSISTANT._id,
      'staff',
      'recordPurchase',
      { memberCode: await h.tillCode(s.openid, at('2026-09-05T15:00:00')), amountFen: 30_000, orderNo: uniqueKey('MV') },
      { clock: at('2026-09-05T15:00:00') },
    )
    const purchasesBefore = docs('purchases', { memberId: s.openid })
    const ledgerBefore = docs('ledger', { memberId: s.openid })
    const input = {
      memberCode: s.memberNo,
      storeId: 'SH002',
      assistantId: 'B01',
      reason: '顾客搬家，改到徐汇店',
      requestId: uniqueKey('mv'),
    }

    const moved = await ops('moveMemberStore', input)
    expect(moved).toMatchObject({
      ok: true,
      data: {
        member: { store: { id: 'SH002', name: '上海徐汇港汇恒隆店' }, assistant: { staffId: 'B01', name: '周敏' } },
        change: {
          actor: '运营 陈静（OP01）',
          summary: '门店：上海静安嘉里中心店（导购 王丽） → 上海徐汇港汇恒隆店（导购 周敏）',
          reason: '顾客搬家，改到徐汇店',
          change: { kind: 'store', from: { storeId: 'SH001', assistantId: 'A01' }, to: { storeId: 'SH002', assistantId: 'B01' } },
        },
        replayed: false,
      },
    })
    expect(memberDoc(s.openid)).toMatchObject({ storeId: 'SH002', assistantId: 'B01' })
    expect(docs('purchases', { memberId: s.openid })).toEqual(purchasesBefore)
    expect(docs('ledger', { memberId: s.openid })).toEqual(ledgerBefore)
    expect(auditOf(s.openid)).toEqual([
      expect.objectContaining({ by: 'OP01', at: OCT, reason: input.reason, change: expect.objectContaining({ kind: 'store' }) }),
    ])

    expect(await ops('moveMemberStore', input)).toMatchObject({ ok: true, data: { replayed: true } })
    expect(await ops('moveMemberStore', { ...input, storeId: 'SH001', assistantId: null })).toMatchObject({
      ok: false,
      error: { code: 'IDEMPOTENCY_CONFLICT' },
    })
    expect(auditOf(s.openid)).toHaveLength(1)
    expect(memberDoc(s.openid)).toMatchObject({ storeId: 'SH002', assistantId: 'B01' })

    // Without an assistant: the new store's manager assigns one.
    const unassigned = await ops(
      'moveMemberStore',
      { ...input, storeId: 'SH001', assistantId: null, requestId: uniqueKey('mv') },
      at('2026-10-13T10:00:00'),
    )
    expect(unassigned).toMatchObject({ ok: true, data: { member: { store: { id: 'SH001' }, assistant: null } } })
    const page = await ops('member', { code: s.memberNo }, at('2026-10-13T10:00:00'))
    expect(page.ok && page.data.changes.map((c) => c.summary)).toEqual([
      '门店：上海徐汇港汇恒隆店（导购 周敏） → 上海静安嘉里中心店（未分配导购）',
      '门店：上海静安嘉里中心店（导购 王丽） → 上海徐汇港汇恒隆店（导购 周敏）',
    ])
  })

  it('refuses a store that does not exist, an assistant of another store or who left, no move at all, and other callers', async () => {
    const s = await joined('move-bad')
    const before = memberDoc(s.openid)
    const base = {
      memberCode: s.memberNo,
      storeId: 'SH002',
      assistantId: 'B01',
      reason: '顾客搬家，改到徐汇店',
      requestId: uniqueKey('mv'),
    }
    for (const input of [
      { ...base, storeId: 'NOPE01', assistantId: null },
      { ...base, assistantId: 'A01' },
      { ...base, assistantId: 'B02' },
      { ...base, assistantId: 'Z99' },
      { ...base, storeId: 'SH001', assistantId: 'A01' },
      { ...base, storeId: '' },
      { ...base, reason: '搬' },
    ]) {
      expect(await ops('moveMemberStore', input)).toMatchObject(invalid)
    }
    for (const caller of [DEMO_ASSISTANT._id, DEMO_MANAGER._id, s.openid]) {
      expect(await ops('moveMemberStore', base, OCT, caller)).toMatchObject(forbidden)
    }
    expect(memberDoc(s.openid)).toEqual(before)
    expect(auditOf(s.openid)).toEqual([])
  })
})
