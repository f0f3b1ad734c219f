/**
 * The ledger under races and faults, on the local cloud's optimistic transactions: nothing is lost, nothing
 * is counted twice.
 */
import { DEMO_ASSISTANT, DEMO_MANAGER, DEMO_OPERATOR } from '../../scripts/demo-data'
import { startTestCloud } from './harness'
import { uniqueKey as key } from '../support/ids'

type Harness = Awaited<ReturnType<typeof startTestCloud>>
let h: Harness
beforeAll(async () => {
  h = await startTestCloud({ prewarm: ['staff'] })
}, 60_000)
afterAll(() => h?.close())
afterEach(() => h.cloud.executor.clearFaults())

const assistant = DEMO_ASSISTANT._id
/** Redemptions typed in (not from the catalog) are a store manager's. */
const manager = DEMO_MANAGER._id
const clock = new Date('2026-04-10T04:00:00Z').toISOString() // not the test shoppers' birthday month
/** `clock` and the half minutes after it: a member's code pays once, so each payment has its own moment. */
const clockAt = (i: number) => new Date(Date.parse(clock) + i * 30_000).toISOString()

const entriesOf = (openid: string) =>
  h.cloud.executor.find('ledger', { memberId: openid }) as unknown as { _id: string; kind: string; points: number }[]
const memberDoc = (openid: string) =>
  h.cloud.executor.get('members', openid) as unknown as { pointsBalance: number; lifetimeSpendFen: number }
const expectBalanced = (openid: string) => expect(memberDoc(openid).pointsBalance).toBe(entriesOf(openid).reduce((s, e) => s + e.points, 0))

describe('races', () => {
  it('applies all of 50 concurrent purchases with distinct order numbers on one member, exactly', async () => {
    const { openid } = await h.joinedShopper()
    const codes = await Promise.all(Array.from({ length: 50 }, (_, i) => h.tillCode(openid, clockAt(i))))
    const conflictsBefore = h.cloud.executor.stats().conflicts as number
    const results = await Promise.all(
      codes.map((memberCode, i) =>
        h.call(assistant, 'staff', 'recordPurchase', { memberCode, amountFen: 1_000 + i, orderNo: key(`P${i}`) }, { clock: clockAt(i) }),
      ),
    )
    expect(results.filter((r) => !r.ok)).toEqual([])
    expect(h.cloud.executor.stats().conflicts).toBeGreaterThan(conflictsBefore)
    expect(memberDoc(openid).lifetimeSpendFen).toBe(50 * 1_000 + (49 * 50) / 2)
    expect(entriesOf(openid)).toHaveLength(50)
    expectBalanced(openid)
  })

  it('lets exactly one of 20 concurrent redemptions of 80 points succeed from a balance of 100', async () => {
    const { openid } = await h.joinedShopper()
    await h.ok(
      assistant,
      'staff',
      'recordPurchase',
      { memberCode: await h.tillCode(openid, clock), amountFen: 10_000, orderNo: key('P') },
      { clock },
    )
    const codes = await Promise.all(Array.from({ length: 20 }, (_, i) => h.tillCode(openid, clockAt(i + 1))))
    const results = await Promise.all(
      codes.map((memberCode, i) =>
        h.call(
          manager,
          'staff',
          'redeemPoints',
          { memberCode, points: 80, reason: '帆布袋', requestId: key('X') },
          { clock: clockAt(i + 1) },
        ),
      ),
    )
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(Array(19).fill('INSUFFICIENT_POINTS'))
    expect(memberDoc(openid).pointsBalance).toBe(20)
    expectBalanced(openid)
  })

  it('writes one entry when the same key is sent ten times at once, for every kind of write', async () => {
    const { openid, memberNo } = await h.joinedShopper()
    const purchase = { memberCode: await h.tillCode(openid, clock), amountFen: 30_000, orderNo: key('P') }
    // The next half minute's code (a phone a little ahead): the purchase spent this one.
    const redeem = { memberCode: await h.tillCode(openid, clockAt(1)), points: 50, reason: '雨伞', requestId: key('X') }
    const refund = { orderNo: purchase.orderNo, amountFen: 10_000, requestId: key('R') }
    const adjust = { memberCode: memberNo, points: 7, reason: '活动补偿积分', requestId: key('A') }
    const tenTimes = <T>(send: () => Promise<T>) => Promise.all(Array.from({ length: 10 }, send))

    const purchases = await tenTimes(() => h.ok(assistant, 'staff', 'recordPurchase', purchase, { clock }))
    const redemptions = await tenTimes(() => h.ok(manager, 'staff', 'redeemPoints', redeem, { clock }))
    const refunds = await tenTimes(() => h.ok(assistant, 'staff', 'recordRefund', refund, { clock }))
    const adjustments = await tenTimes(() => h.ok(DEMO_OPERATOR._id, 'ops', 'adjustPoints', adjust, { clock }))
    for (const answers of [purchases, redemptions, refunds, adjustments]) expect(answers.filter((a) => !a.replayed)).toHaveLength(1)

    expect(
      entriesOf(openid)
        .map((e) => e.kind)
        .sort(),
    ).toEqual(['adjust', 'earn', 'redeem', 'reverse'])
    expect(memberDoc(openid)).toMatchObject({ pointsBalance: 300 - 50 - 100 + 7, lifetimeSpendFen: 20_000 })
    expectBalanced(openid)
  })
})

describe('faults', () => {
  /** Sends, and after a failed answer sends again with the same key, as the till does. */
  const untilAnswered = async <T>(send: () => Promise<{ ok: boolean } & T>) => {
    const first = await send()
    return first.ok ? { first, final: first } : { first, final: await send() }
  }

  it.each([1, 2, 3, 4, 5, 6, 7])(
    'never double-applies a purchase when its database operation %i fails and the till retries',
    async (nth) => {
      const { openid } = await h.joinedShopper()
      const input = { memberCode: await h.tillCode(openid, clock), amountFen: 12_300, orderNo: key('P') }
      h.cloud.executor.failNthOperation('next', nth)
      const { final } = await untilAnswered(() => h.call(assistant, 'staff', 'recordPurchase', input, { clock }))
      expect(final).toMatchObject({ ok: true, data: { purchase: { pointsEarned: 123 } } })
      expect(memberDoc(openid)).toMatchObject({ pointsBalance: 123, lifetimeSpendFen: 12_300 })
      expect(entriesOf(openid)).toHaveLength(1)
    },
  )

  it('leaves nothing behind when a purchase crashes before its commit', async () => {
    const { openid } = await h.joinedShopper()
    const memberCode = await h.tillCode(openid, clock)
    h.cloud.executor.crashBeforeCommit('next')
    const result = await h.call(assistant, 'staff', 'recordPurchase', { memberCode, amountFen: 12_300, orderNo: key('P') }, { clock })
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(memberDoc(openid)).toMatchObject({ pointsBalance: 0, lifetimeSpendFen: 0 })
    expect(entriesOf(openid)).toHaveLength(0)
    // Nor is the code spent: the till may try again with it.
    expect(
      await h.call(assistant, 'staff', 'recordPurchase', { memberCode, amountFen: 12_300, orderNo: key('P') }, { clock }),
    ).toMatchObject({ ok: true })
  })

  it('answers the retry of a call whose answer was lost after the commit with the first answer, applied once', async () => {
    const { openid } = await h.joinedShopper()
    await h.ok(
      assistant,
      'staff',
      'recordPurchase',
      { memberCode: await h.tillCode(openid, clock), amountFen: 50_000, orderNo: key('P') },
      { clock },
    )
    const redeem = { memberCode: await h.tillCode(openid, clockAt(1)), points: 120, reason: '保温杯', requestId: key('X') }
    h.cloud.executor.crashAfterCommit('next')
    const { first, final } = await untilAnswered(() => h.call(manager, 'staff', 'redeemPoints', redeem, { clock }))
    expect(first.ok).toBe(false)
    expect(final).toMatchObject({ ok: true, data: { redemption: { points: 120, balanceAfter: 380 }, replayed: true } })
    expect(entriesOf(openid).filter((e) => e.kind === 'redeem')).toHaveLength(1)
    expectBalanced(openid)
  })

  it('answers a retried refund after a lost answer without taking points back twice', async () => {
    const { openid } = await h.joinedShopper()
    const orderNo = key('P')
    await h.ok(assistant, 'staff', 'recordPurchase', { memberCode: await h.tillCode(openid, clock), amountFen: 40_000, orderNo }, { clock })
    const refund = { orderNo, amountFen: 40_000, requestId: key('R') }
    h.cloud.executor.crashAfterCommit('next')
    const { final } = await untilAnswered(() => h.call(assistant, 'staff', 'recordRefund', refund, { clock }))
    expect(final).toMatchObject({ ok: true, data: { refund: { pointsReversed: 400 }, replayed: true } })
    expect(memberDoc(openid)).toMatchObject({ pointsBalance: 0, lifetimeSpendFen: 0 })
    expectBalanced(openid)
  })
})
