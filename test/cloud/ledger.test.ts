/**
 * The ledger through the real functions on the local cloud: refunds, redemptions, operator adjustments,
 * history pages, and the timer jobs with a chosen clock.
 */
import { DEMO_ASSISTANT, DEMO_MANAGER, DEMO_OPERATOR } from '../../scripts/demo-data'
import { startTestCloud } from './harness'
import { at } from '../support/clock'
import { uniqueKey as key } from '../support/ids'

type Harness = Awaited<ReturnType<typeof startTestCloud>>
let h: Harness
beforeAll(async () => {
  h = await startTestCloud()
}, 60_000)
afterAll(() => h?.close())

const assistant = DEMO_ASSISTANT._id
/** Redemptions typed in (not from the catalog) are a store manager's. */
const manager = DEMO_MANAGER._id
const operator = DEMO_OPERATOR._id

/** A purchase at the till at `clock`, with the code the shopper's phone shows then. */
const buy = async (openid: string, amountFen: number, clock: string, orderNo = key('O')) =>
  h
    .ok(assistant, 'staff', 'recordPurchase', { memberCode: await h.tillCode(openid, clock), amountFen, orderNo }, { clock })
    .then((r) => ({ ...r, orderNo }))
/** The code of the next half minute (a phone a little ahead): a second till action now needs a code of its own. */
const nextCode = (openid: string) => h.tillCode(openid, new Date(Date.now() + 30_000).toISOString())

const ledgerOf = (openid: string) =>
  h.cloud.executor.find('ledger', { memberId: openid }, { sort: { at: 1, _id: 1 } }) as unknown as {
    _id: string
    kind: string
    points: number
    balanceAfter: number
  }[]
const memberDoc = (openid: string) =>
  h.cloud.executor.get('members', openid) as unknown as Record<string, unknown> & { pointsBalance: number }

/** The invariant behind every test here: the balance is the sum of the member's entries, and never negative. */
const expectBalanced = (openid: string) => {
  const sum = ledgerOf(openid).reduce((s, e) => s + e.points, 0)
  expect(memberDoc(openid).pointsBalance).toBe(sum)
  expect(sum).toBeGreaterThanOrEqual(0)
}

describe('refunds at the till', () => {
  it('reverses the points of a partial refund and takes VIP away when it un-qualifies the purchase', async () => {
    const { openid } = await h.joinedShopper()
    const { orderNo } = await buy(openid, 52_000, at('2026-03-01T12:00:00'))
    const order = await h.ok(assistant, 'staff', 'lookupOrder', { orderNo })
    expect(order.order).toMatchObject({ amountFen: 52_000, refundedFen: 0, pointsEarned: 520, member: { tier: 'vip' } })

    const refund = await h.ok(
      assistant,
      'staff',
      'recordRefund',
      { orderNo, amountFen: 3_000, requestId: key('R') },
      { clock: at('2026-03-02T12:00:00') },
    )
    expect(refund).toMatchObject({
      refund: { pointsReversed: 30, shortfall: 0 },
      tierBefore: 'vip',
      member: { tier: 'member', pointsBalance: 490 },
      replayed: false,
    })
    expect(memberDoc(openid)).toMatchObject({ lifetimeSpendFen: 49_000, tier: 'member' })
    expect(ledgerOf(openid).map((e) => [e.kind, e.points])).toEqual([
      ['earn', 520],
      ['reverse', -30],
    ])
    expectBalanced(openid)
  })

  it('answers a retried refund with the first answer, and refuses the key for a different refund', async () => {
    const { openid } = await h.joinedShopper()
    const { orderNo } = await buy(openid, 10_000, at('2026-03-01T12:00:00'))
    const requestId = key('R')
    const first = await h.ok(assistant, 'staff', 'recordRefund', { orderNo, amountFen: 5_000, requestId })
    const again = await h.ok(assistant, 'staff', 'recordRefund', { orderNo, amountFen: 5_000, requestId })
    expect(again).toEqual({ ...first, replayed: true })
    expect(await h.call(assistant, 'staff', 'recordRefund', { orderNo, amountFen: 4_000, requestId })).toMatchObject({
      ok: false,
      error: { code: 'IDEMPOTENCY_CONFLICT' },
    })
    expect(memberDoc(openid)).toMatchObject({ pointsBalance: 50, lifetimeSpendFen: 5_000 })
  })

  it('refuses unknown orders, over-refunds and a second full refund, changing nothing', async () => {
    const { openid } = await h.joinedShopper()
    const { orderNo } = await buy(openid, 10_000, at('2026-03-01T12:00:00'))
    expect(await h.call(assistant, 'staff', 'recordRefund', { orderNo: 'NOPE-1', amountFen: 100, requestId: key('R') })).toMatchObject({
      ok: false,
      error: { code: 'ORDER_NOT_FOUND' },
    })
    expect(await h.call(assistant, 'staff', 'recordRefund', { orderNo, amountFen: 10_001, requestId: key('R') })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ field: 'amountFen' }] },
    })
    await h.ok(assistant, 'staff', 'recordRefund', { orderNo, amountFen: 10_000, requestId: key('R') })
    expect(await h.call(assistant, 'staff', 'recordRefund', { orderNo, amountFen: 1, requestId: key('R') })).toMatchObject({
      ok: false,
      error: { code: 'ALREADY_REFUNDED' },
    })
    expect(ledgerOf(openid)).toHaveLength(2)
    expectBalanced(openid)
  })

  it('records the shortfall when the points were already spent', async () => {
    const { openid } = await h.joinedShopper()
    const { orderNo } = await buy(openid, 30_000, at('2026-03-01T12:00:00'))
    await h.ok(manager, 'staff', 'redeemPoints', {
      memberCode: await h.tillCode(openid),
      points: 250,
      reason: '保温杯',
      requestId: key('X'),
    })
    const refund = await h.ok(assistant, 'staff', 'recordRefund', { orderNo, amountFen: 30_000, requestId: key('R') })
    expect(refund.refund).toMatchObject({ pointsReversed: 50, shortfall: 250 })
    expect(memberDoc(openid)).toMatchObject({ pointsBalance: 0, pointsShortfall: 250 })
    expectBalanced(openid)
  })
})

describe('redemptions and adjustments', () => {
  it('redeems points oldest first, once per request id, and refuses more than the balance', async () => {
    const { openid } = await h.joinedShopper()
    await buy(openid, 10_000, at('2026-03-01T12:00:00'))
    const requestId = key('X')
    const memberCode = await h.tillCode(openid)
    const first = await h.ok(manager, 'staff', 'redeemPoints', { memberCode, points: 80, reason: '帆布袋', requestId })
    expect(first).toMatchObject({ redemption: { points: 80, reason: '兑换：帆布袋', balanceAfter: 20 }, replayed: false })
    expect(await h.ok(manager, 'staff', 'redeemPoints', { memberCode, points: 80, reason: '帆布袋', requestId })).toMatchObject({
      redemption: first.redemption,
      replayed: true,
    })
    expect(
      await h.call(manager, 'staff', 'redeemPoints', {
        memberCode: await nextCode(openid),
        points: 21,
        reason: '帆布袋',
        requestId: key('X'),
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INSUFFICIENT_POINTS' },
    })
    expect(memberDoc(openid).pointsBalance).toBe(20)
    expectBalanced(openid)
  })

  it('lets only operators adjust points, with a reason, shown in the audit with who did it', async () => {
    const { openid, memberNo } = await h.joinedShopper()
    const input = { memberCode: memberNo, points: 300, reason: '补录门店系统故障期间的消费积分', requestId: key('A') }
    expect(await h.call(assistant, 'ops', 'adjustPoints', input)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await h.call(openid, 'ops', 'adjustPoints', input)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await h.call(operator, 'ops', 'adjustPoints', { ...input, reason: '补' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    expect(await h.call(operator, 'ops', 'adjustPoints', { ...input, points: 0 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    expect(ledgerOf(openid)).toHaveLength(0)

    const adjusted = await h.ok(operator, 'ops', 'adjustPoints', input)
    expect(adjusted).toMatchObject({ adjustment: { points: 300, balanceAfter: 300 }, member: { pointsBalance: 300 } })
    expect(await h.call(operator, 'ops', 'adjustPoints', { ...input, points: -301, requestId: key('A') })).toMatchObject({
      ok: false,
      error: { code: 'INSUFFICIENT_POINTS' },
    })
    const audit = await h.ok(operator, 'ops', 'memberLedger', { code: memberNo })
    expect(audit.entries).toEqual([
      expect.objectContaining({ kind: 'adjust', points: 300, reason: input.reason, actor: `运营 ${DEMO_OPERATOR.name}（OP01）` }),
    ])
    expectBalanced(openid)
  })
})

describe('points history', () => {
  it('pages the member’s own entries newest first with their sources in words', async () => {
    const { openid } = await h.joinedShopper()
    for (let day = 1; day <= 25; day++)
      await buy(openid, 1_000 + day, at(`2026-03-${String(day).padStart(2, '0')}T12:00:00`), `H-${openid}-${day}`)
    const first = await h.ok(openid, 'member', 'pointsHistory', {})
    expect(first.entries).toHaveLength(20)
    expect(first.entries[0]).toMatchObject({
      kind: 'earn',
      points: 10,
      reason: '消费积分',
      detail: `上海静安嘉里中心店 · 订单 H-${openid}-25`,
    })
    expect(first.entries.map((e) => e.balanceAfter)).toEqual([...first.entries.map((e) => e.balanceAfter)].sort((a, b) => b - a))
    const second = await h.ok(openid, 'member', 'pointsHistory', { cursor: first.nextCursor })
    expect(second.entries).toHaveLength(5)
    expect(second.nextCursor).toBeNull()
    expect(new Set([...first.entries, ...second.entries].map((e) => e.id)).size).toBe(25)
    // Nobody reads someone else's history: the page is always the caller's own.
    const stranger = await h.joinedShopper()
    expect((await h.ok(stranger.openid, 'member', 'pointsHistory', {})).entries).toEqual([])
  })
})

describe('timer jobs', () => {
  it('expires last year’s points on 1 January, once, however often the job runs', async () => {
    const { openid } = await h.joinedShopper()
    await buy(openid, 10_000, at('2026-03-01T12:00:00')) // 100 points, expiring at the end of 2027
    await buy(openid, 20_000, at('2027-02-01T12:00:00')) // 240 points (VIP? no: member), expiring at the end of 2028
    expect(memberDoc(openid).pointsBalance).toBe(300)

    const before = await h.cloud.fireTimer('jobs', 'upkeep', { clock: at('2027-12-31T23:59:00') })
    expect(ledgerOf(openid).filter((e) => e.kind === 'expire')).toHaveLength(0)
    expect(before.outcome.kind).toBe('ok')

    for (const clock of [at('2028-01-01T00:05:00'), at('2028-01-01T01:05:00'), at('2028-01-01T01:05:00')]) {
      const run = await h.cloud.fireTimer('jobs', 'upkeep', { clock })
      expect(run.body).toMatchObject({ ok: true })
    }
    expect(
      ledgerOf(openid)
        .filter((e) => e.kind === 'expire')
        .map((e) => e.points),
    ).toEqual([-100])
    expect(memberDoc(openid)).toMatchObject({ pointsBalance: 200, pointsNextExpiry: at('2029-01-01T00:00:00') })
    expectBalanced(openid)
  })

  it('lapses VIPs whose year ran out, so stored tiers match the rules', async () => {
    const { openid } = await h.joinedShopper()
    await buy(openid, 60_000, at('2026-02-10T12:00:00'))
    expect(memberDoc(openid)).toMatchObject({ tier: 'vip', vipUntil: at('2027-02-11T00:00:00') })
    await h.cloud.fireTimer('jobs', 'upkeep', { clock: at('2027-02-10T23:05:00') })
    expect(memberDoc(openid).tier).toBe('vip')
    await h.cloud.fireTimer('jobs', 'upkeep', { clock: at('2027-02-11T00:05:00') })
    expect(memberDoc(openid)).toMatchObject({ tier: 'member', vipUntil: null })
  })

  it('resumes a run killed midway from its cursor, without expiring anything twice', async () => {
    const shoppers = await Promise.all(Array.from({ length: 6 }, () => h.joinedShopper('expiry')))
    for (const s of shoppers) await buy(s.openid, 5_000, at('2029-03-01T12:00:00'))
    const clock = at('2031-01-01T00:05:00')
    // The upkeep run dies on a database failure after it has expired some members' points: the third expiry
    // entry it writes fails (only the expiry job inserts documents here), so two members were done before.
    h.cloud.executor.injectFault({ invocation: 'next', action: 'database.insertDocument', nth: 3 })
    const killed = await h.cloud.fireTimer('jobs', 'upkeep', { clock })
    expect(killed.body).toMatchObject({ ok: false })
    const expiredSoFar = shoppers.filter((s) => ledgerOf(s.openid).some((e) => e.kind === 'expire')).length
    expect(expiredSoFar).toBeGreaterThan(0)
    expect(expiredSoFar).toBeLessThan(shoppers.length)

    const resumed = await h.cloud.fireTimer('jobs', 'upkeep', { clock })
    expect(resumed.body).toMatchObject({
      ok: true,
      data: expect.arrayContaining([expect.objectContaining({ job: 'points-expiry', done: true })]),
    })
    for (const s of shoppers) {
      expect(
        ledgerOf(s.openid)
          .filter((e) => e.kind === 'expire')
          .map((e) => e.points),
      ).toEqual([-50])
      expectBalanced(s.openid)
    }
  })

  it('refuses to run for a client, whatever the event claims', async () => {
    const { openid } = await h.joinedShopper()
    const result = await h.cloud.invoke('jobs', { Type: 'Timer', TriggerName: 'upkeep' }, { openid })
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})
