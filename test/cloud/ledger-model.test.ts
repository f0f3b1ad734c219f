/**
 * Model-based test of the ledger through the real functions on the local cloud: fast-check generates random
 * sequences of purchases, refunds, redemptions, adjustments, retries, expiry runs and clock advances, and
 * after every step checks the system against a simple model:
 *   balance = Σ ledger entries = Σ batches ≥ 0; lifetime spend = Σ (amount − refunded); every key applied
 *   at most once (a retry replays the first answer and adds nothing); tier = f(purchase history).
 * The seed is printed; replay a failure with LEDGER_MODEL_SEED=<seed> (fast-check also prints the path).
 */
import fc from 'fast-check'
import type { Member } from '../../src/domain/member'
import { availablePoints } from '../../src/domain/points'
import { DEFAULT_PROGRAM } from '../../src/domain/program'
import { normalizeTier, tierFromHistory, INITIAL_TIER_STATE } from '../../src/domain/tiers'
import { DEMO_ASSISTANT, DEMO_MANAGER, DEMO_OPERATOR } from '../../scripts/demo-data'
import { startTestCloud } from './harness'

type Harness = Awaited<ReturnType<typeof startTestCloud>>
let h: Harness
beforeAll(async () => {
  h = await startTestCloud()
}, 60_000)
afterAll(() => h?.close())

const DAY = 86_400_000

interface Model {
  now: number
  orders: { orderNo: string; amountFen: number; refundedFen: number; at: string }[]
  everGold: boolean
  /** The last write that succeeded, to send again with the same key. */
  last: { fn: 'staff' | 'ops'; action: string; input: Record<string, unknown>; caller: string; answer: unknown; at: number } | null
  seq: number
}
interface Real {
  openid: string
  memberNo: string
}

const iso = (m: Model) => new Date(m.now).toISOString()
const memberOf = (r: Real) => h.cloud.executor.get('members', r.openid) as unknown as Member
const entriesOf = (r: Real) => h.cloud.executor.find('ledger', { memberId: r.openid }) as unknown as { _id: string; points: number }[]

const checkInvariants = (m: Model, r: Real) => {
  const member = memberOf(r)
  const entries = entriesOf(r)
  const sum = entries.reduce((s, e) => s + e.points, 0)
  expect(member.pointsBalance).toBe(sum)
  expect(member.pointBatches.reduce((s, b) => s + b.points, 0)).toBe(sum)
  expect(sum).toBeGreaterThanOrEqual(0)
  expect(member.lifetimeSpendFen).toBe(m.orders.reduce((s, o) => s + o.amountFen - o.refundedFen, 0))
  // Tier = f(history): the stored state, as of now, is what replaying the purchases gives (gold is kept).
  const replay = tierFromHistory(
    m.orders.map((o) => ({ at: o.at, netFen: o.amountFen - o.refundedFen })),
    DEFAULT_PROGRAM,
    INITIAL_TIER_STATE,
  )
  const stored = normalizeTier(member, iso(m))
  if (stored.tier === 'gold') m.everGold = true
  if (m.everGold) expect(stored.tier).toBe('gold')
  else {
    const expected = normalizeTier(replay, iso(m))
    const fields = ['tier', 'vipUntil', 'vipYearEnd', 'vipYearSpendFen', 'qualifyingSpendFen'] as const
    for (const field of fields) expect([field, stored[field]]).toEqual([field, expected[field]])
  }
}

/** Each till action at its own half minute, with the code the member's phone shows then (a code pays once). */
const tillCode = (m: Model, r: Real) => {
  m.now += 30_000
  return h.tillCode(r.openid, iso(m))
}

const send = async (m: Model, caller: string, fn: 'staff' | 'ops', action: string, input: Record<string, unknown>) => {
  const result = (await h.call(caller, fn as 'staff', action as 'recordPurchase', input as never, { clock: iso(m) })) as
    { ok: true; data: unknown } | { ok: false; error: { code: string } }
  if (result.ok) m.last = { fn, action, input, caller, answer: result.data, at: m.now }
  return result
}

class Purchase implements fc.AsyncCommand<Model, Real> {
  constructor(readonly amountFen: number) {}
  check = () => true
  async run(m: Model, r: Real) {
    const orderNo = `${r.openid}-${String(++m.seq).padStart(4, '0')}`
    const result = await send(m, DEMO_ASSISTANT._id, 'staff', 'recordPurchase', {
      memberCode: await tillCode(m, r),
      amountFen: this.amountFen,
      orderNo,
    })
    expect(result.ok).toBe(true)
    m.orders.push({ orderNo, amountFen: this.amountFen, refundedFen: 0, at: iso(m) })
    checkInvariants(m, r)
  }
  toString = () => `Purchase(${this.amountFen})`
}

class Refund implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly pick: number,
    readonly percent: number,
  ) {}
  check = (m: Readonly<Model>) => m.orders.length > 0
  async run(m: Model, r: Real) {
    const order = m.orders[this.pick % m.orders.length]
    const left = order.amountFen - order.refundedFen
    const amountFen = Math.max(1, Math.floor((left * this.percent) / 100))
    const result = await send(m, DEMO_ASSISTANT._id, 'staff', 'recordRefund', {
      orderNo: order.orderNo,
      amountFen,
      requestId: `${r.openid}-refund-${++m.seq}`,
    })
    if (left === 0) expect(result).toMatchObject({ ok: false, error: { code: 'ALREADY_REFUNDED' } })
    else {
      expect(result.ok).toBe(true)
      order.refundedFen += amountFen
    }
    checkInvariants(m, r)
  }
  toString = () => `Refund(#${this.pick}, ${this.percent}%)`
}

class Redeem implements fc.AsyncCommand<Model, Real> {
  constructor(readonly points: number) {}
  check = () => true
  async run(m: Model, r: Real) {
    const memberCode = await tillCode(m, r)
    const usable = availablePoints(memberOf(r), iso(m))
    const result = await send(m, DEMO_MANAGER._id, 'staff', 'redeemPoints', {
      memberCode,
      points: this.points,
      reason: '礼品',
      requestId: `${r.openid}-redeem-${++m.seq}`,
    })
    if (this.points <= usable) expect(result.ok).toBe(true)
    else expect(result).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_POINTS' } })
    checkInvariants(m, r)
  }
  toString = () => `Redeem(${this.points})`
}

class Adjust implements fc.AsyncCommand<Model, Real> {
  constructor(readonly points: number) {}
  check = () => true
  async run(m: Model, r: Real) {
    const usable = availablePoints(memberOf(r), iso(m))
    const result = await send(m, DEMO_OPERATOR._id, 'ops', 'adjustPoints', {
      memberCode: r.memberNo,
      points: this.points,
      reason: '模型测试调整',
      requestId: `${r.openid}-adjust-${++m.seq}`,
    })
    if (this.points > 0 || -this.points <= usable) expect(result.ok).toBe(true)
    else expect(result).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_POINTS' } })
    checkInvariants(m, r)
  }
  toString = () => `Adjust(${this.points})`
}

class RetryLast implements fc.AsyncCommand<Model, Real> {
  // A till retries with the code it sent, while that code can still be read (its two-hour look-back).
  check = (m: Readonly<Model>) =>
    m.last !== null && (m.last.input.memberCode === undefined || m.last.fn === 'ops' || m.now - m.last.at < 60 * 60_000)
  async run(m: Model, r: Real) {
    const last = m.last!
    const entriesBefore = entriesOf(r).length
    const result = await h.call(last.caller, last.fn as 'staff', last.action as 'recordPurchase', last.input as never, { clock: iso(m) })
    expect(result).toMatchObject({ ok: true, data: { replayed: true } })
    const { replayed: _r1, member: _m1, ...first } = last.answer as Record<string, unknown>
    const { replayed: _r2, member: _m2, ...again } = (result as unknown as { data: Record<string, unknown> }).data
    expect(again).toEqual(first)
    expect(entriesOf(r)).toHaveLength(entriesBefore)
    checkInvariants(m, r)
  }
  toString = () => 'RetryLast'
}

class RunUpkeep implements fc.AsyncCommand<Model, Real> {
  check = () => true
  async run(m: Model, r: Real) {
    const run = await h.cloud.fireTimer('jobs', 'upkeep', { clock: iso(m) })
    expect(run.body).toMatchObject({ ok: true })
    expect(memberOf(r).pointBatches.every((b) => Date.parse(b.expiresAt) > m.now)).toBe(true)
    checkInvariants(m, r)
  }
  toString = () => 'RunUpkeep'
}

class Advance implements fc.AsyncCommand<Model, Real> {
  constructor(readonly days: number) {}
  check = () => true
  async run(m: Model) {
    m.now += this.days * DAY
  }
  toString = () => `Advance(${this.days}d)`
}

const commands = [
  fc.integer({ min: 1, max: 300_000 }).map((fen) => new Purchase(fen)),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 100 })).map(([pick, percent]) => new Refund(pick, percent)),
  fc.integer({ min: 1, max: 3_000 }).map((points) => new Redeem(points)),
  fc
    .integer({ min: -2_000, max: 2_000 })
    .filter((p) => p !== 0)
    .map((points) => new Adjust(points)),
  fc.constant(new RetryLast()),
  fc.constant(new RunUpkeep()),
  fc.integer({ min: 1, max: 400 }).map((days) => new Advance(days)),
]

it('keeps the ledger exact over random sequences of every kind of change', async () => {
  const seed = Number(process.env.LEDGER_MODEL_SEED ?? Date.now() % 2 ** 31)
  console.log(`ledger model test seed: ${seed} (replay with LEDGER_MODEL_SEED=${seed})`)
  await fc.assert(
    fc.asyncProperty(fc.commands(commands, { maxCommands: 25 }), async (cmds) => {
      const real = await h.joinedShopper('model')
      const model: Model = { now: Date.parse('2026-01-05T02:00:00Z'), orders: [], everGold: false, last: null, seq: 0 }
      await fc.asyncModelRun(() => ({ model, real }), cmds)
    }),
    { seed, numRuns: Number(process.env.LEDGER_MODEL_RUNS ?? 12) },
  )
}, 180_000)
