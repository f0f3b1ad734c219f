/**
 * The POS API's purchases, refunds and member look-up (cloudfunctions/pos/endpoints.ts) through the local cloud's
 * HTTP access service: the staff till's own decision and answers (points, tier, VIP date, coupon), idempotent by
 * store and order number, safe under concurrent retries, lines kept; a sale with no member recorded, earning
 * nothing; the look-up shows the member without spending their code.
 */
import { DEMO_ASSISTANT, DEMO_MANAGER, DEMO_STORE, DEMO_STORE_2 } from '../../scripts/demo-data'
import { CODE_BRAKE } from '../../src/domain/codeGuard'
import { dynamicMemberCode } from '../../src/domain/memberCode'
import type { PosCredentials } from '../../scripts/pos/client'
import { at } from '../support/clock'
import { startTestCloud } from './harness'
import { makeKey, pos, snapshot } from './pos-support'

type Harness = Awaited<ReturnType<typeof startTestCloud>>
let h: Harness
let key: PosCredentials
beforeAll(async () => {
  h = await startTestCloud()
  // Warm instances, so that the concurrent requests below really overlap.
  await h.cloud.warm('pos')
  key = await makeKey(h, DEMO_STORE._id)
}, 60_000)
afterAll(() => h?.close())

const joined = at('2026-04-01T10:00:00')
const paid = at('2026-04-10T12:00:00') // not the shoppers' birthday month (July)
const later = (clock: string, s: number) => new Date(Date.parse(clock) + s * 1000).toISOString()

const purchase = (body: Record<string, unknown>, clock = paid) => pos(h, key, { method: 'POST', path: '/pos/v1/purchases', body }, clock)
const refund = (body: Record<string, unknown>, clock = paid) => pos(h, key, { method: 'POST', path: '/pos/v1/refunds', body }, clock)
const lookup = (code: string, clock = paid) => pos(h, key, { method: 'GET', path: `/pos/v1/members/${code}` }, clock)

const LINES = [
  { sku: 'COAT-01', name: '羊毛大衣', qty: 1, unitPriceFen: 50_000, costFen: 20_000 },
  { sku: 'SCARF-2', name: '围巾', qty: 2, unitPriceFen: 6_000, costFen: 2_000 },
]

describe('purchases', () => {
  it('answers as the staff till does for the same purchase on the same member: points, tier, VIP date', async () => {
    const a = await h.joinedShopper('pos-same', { clock: joined })
    const b = await h.joinedShopper('pos-same', { clock: joined })
    const staff = await h.ok(
      DEMO_ASSISTANT._id,
      'staff',
      'recordPurchase',
      { memberCode: await h.tillCode(a.openid, paid), amountFen: 60_000, orderNo: 'SAME-STAFF' },
      { clock: paid },
    )
    const reply = await purchase({ orderNo: 'SAME-POS', memberCode: await h.tillCode(b.openid, paid), amountFen: 60_000 })
    expect(reply.status).toBe(200)
    // The till's budget: five document operations in the purchase's transaction, the POS's included.
    expect((JSON.parse(reply.headers.get('x-local-db-ops') ?? '{}') as { maxTxnOps: number }).maxTxnOps).toBeLessThanOrEqual(5)
    const data = reply.body.data as typeof staff
    expect({ ...data.purchase, orderNo: 'x' }).toEqual({ ...staff.purchase, orderNo: 'x' })
    expect(data.purchase.tierChange).not.toBeNull()
    expect(data.member).toEqual({
      memberNo: b.memberNo,
      name: '顾**',
      tier: staff.member.tier,
      vipUntil: staff.member.vipUntil,
      pointsBalance: staff.member.pointsBalance,
    })
    expect(data.replayed).toBe(false)
    // The same books: the member documents and their ledgers agree, the recorder named as the key.
    const doc = (openid: string) => h.cloud.executor.get('members', openid) as Record<string, unknown>
    for (const field of ['tier', 'vipUntil', 'pointsBalance', 'lifetimeSpendFen', 'purchaseCount'])
      expect(doc(b.openid)[field]).toEqual(doc(a.openid)[field])
    expect(h.cloud.executor.get('purchases', `${DEMO_STORE._id}:SAME-POS`)).toMatchObject({ recordedBy: `pos:${key.keyId}` })
  })

  it('keeps the lines with the purchase and takes the margin from their costs', async () => {
    const s = await h.joinedShopper('pos-lines', { clock: joined })
    const reply = await purchase({ orderNo: 'LINES-1', memberCode: await h.tillCode(s.openid, paid), amountFen: 60_000, lines: LINES })
    expect(reply.status).toBe(200)
    // ¥600 charged against ¥240 of cost; the lines total ¥620 (an order discount of ¥20 is allowed).
    expect(h.cloud.executor.get('purchases', `${DEMO_STORE._id}:LINES-1`)).toMatchObject({ lines: LINES, marginFen: 36_000 })
  })

  it('refuses lines that add up to less than the amount, and unknown fields, writing nothing', async () => {
    const s = await h.joinedShopper('pos-bad', { clock: joined })
    const code = await h.tillCode(s.openid, paid)
    const before = { ...snapshot(h), posNonces: [] }
    const short = await purchase({ orderNo: 'BAD-1', memberCode: code, amountFen: 70_000, lines: LINES })
    expect([short.status, short.body.error?.code]).toEqual([400, 'INVALID_INPUT'])
    expect(short.body.error?.fields).toEqual([expect.objectContaining({ field: 'lines' })])
    const typo = await purchase({ orderNo: 'BAD-2', memberCode: code, amountFen: 1000, amount: 1000 })
    expect(typo.status).toBe(400)
    const notJson = await pos(h, key, { method: 'POST', path: '/pos/v1/purchases', body: undefined }, paid)
    expect(notJson.status).toBe(400)
    // Only the accepted signatures' nonces were written.
    expect({ ...snapshot(h), posNonces: [] }).toEqual(before)
  })

  it('is idempotent by store and order number: a retry gets the first answer, a changed one 409 and nothing written', async () => {
    const s = await h.joinedShopper('pos-retry', { clock: joined })
    const code = await h.tillCode(s.openid, paid)
    const body = { orderNo: 'RETRY-1', memberCode: code, amountFen: 30_000, lines: LINES.slice(0, 1) }
    const first = await purchase(body)
    const again = await purchase(body, later(paid, 30))
    expect(again.status).toBe(200)
    expect(again.body.data).toEqual({ ...(first.body.data as object), replayed: true })
    const before = { ...snapshot(h), posNonces: [] }
    for (const changed of [{ amountFen: 30_001 }, { lines: LINES }, { memberCode: undefined }]) {
      const reply = await purchase({ ...body, ...changed }, later(paid, 40))
      expect([reply.status, reply.body.error?.code]).toEqual([409, 'IDEMPOTENCY_CONFLICT'])
    }
    expect({ ...snapshot(h), posNonces: [] }).toEqual(before)
    expect(h.cloud.executor.find('ledger', { memberId: s.openid, kind: 'earn' })).toHaveLength(1)
  })

  it('records one purchase when the same order arrives many times at once', async () => {
    const s = await h.joinedShopper('pos-race', { clock: joined })
    const body = { orderNo: 'RACE-1', memberCode: await h.tillCode(s.openid, paid), amountFen: 12_300 }
    const replies = await Promise.all(Array.from({ length: 8 }, () => purchase(body)))
    expect(replies.map((r) => r.status)).toEqual(Array(8).fill(200))
    expect(replies.filter((r) => (r.body.data as { replayed: boolean }).replayed === false)).toHaveLength(1)
    expect(h.cloud.executor.find('purchases', { memberId: s.openid })).toHaveLength(1)
    const earned = h.cloud.executor.find('ledger', { memberId: s.openid, kind: 'earn' }) as unknown as { points: number }[]
    expect(earned).toHaveLength(1)
    expect((h.cloud.executor.get('members', s.openid) as { pointsBalance: number }).pointsBalance).toBe(earned[0].points)
  })

  it('records a sale with no member, earning nothing; its order number is then no member purchase', async () => {
    const reply = await purchase({
      orderNo: 'NOMEMBER-1',
      amountFen: 8_800,
      lines: [{ sku: 'SOCK', name: '袜子', qty: 4, unitPriceFen: 2_200 }],
    })
    expect(reply.status).toBe(200)
    expect(reply.body.data).toMatchObject({
      purchase: { orderNo: 'NOMEMBER-1', amountFen: 8_800, pointsEarned: 0, tierChange: null },
      member: null,
    })
    expect(h.cloud.executor.get('posSales', `${DEMO_STORE._id}:NOMEMBER-1`)).toMatchObject({
      amountFen: 8_800,
      marginFen: 0,
      refundedFen: 0,
    })
    expect(h.cloud.executor.find('purchases', { orderNo: 'NOMEMBER-1' })).toEqual([])
    const again = await purchase({
      orderNo: 'NOMEMBER-1',
      amountFen: 8_800,
      lines: [{ sku: 'SOCK', name: '袜子', qty: 4, unitPriceFen: 2_200 }],
    })
    expect(again.body.data).toMatchObject({ replayed: true })
    const s = await h.joinedShopper('pos-nomember', { clock: joined })
    const withMember = await purchase({ orderNo: 'NOMEMBER-1', memberCode: await h.tillCode(s.openid, paid), amountFen: 8_800 })
    expect([withMember.status, withMember.body.error?.code]).toEqual([409, 'IDEMPOTENCY_CONFLICT'])
    expect(h.cloud.executor.find('purchases', { memberId: s.openid })).toEqual([])
  })

  it('refuses a coupon without a member code', async () => {
    const reply = await purchase({ orderNo: 'COUPON-ALONE', amountFen: 8_800, couponCode: '123456789012' })
    expect([reply.status, reply.body.error?.fields]).toEqual([400, [expect.objectContaining({ field: 'couponCode' })]])
  })
})

describe('refunds', () => {
  it("takes a member's points back as the staff till's refund does; a retry gets the first answer; a changed one 409", async () => {
    const s = await h.joinedShopper('pos-refund', { clock: joined })
    await purchase({ orderNo: 'REFUND-1', memberCode: await h.tillCode(s.openid, paid), amountFen: 20_000 })
    const balance = () => (h.cloud.executor.get('members', s.openid) as { pointsBalance: number }).pointsBalance
    const earned = balance()
    const body = { orderNo: 'REFUND-1', refundNo: 'RF-1', amountFen: 10_000 }
    const first = await refund(body, later(paid, 3600))
    expect(first.status).toBe(200)
    expect(first.body.data).toMatchObject({
      refund: { orderNo: 'REFUND-1', amountFen: 10_000, pointsReversed: earned / 2 },
      replayed: false,
    })
    expect(balance()).toBe(earned / 2)
    expect((await refund(body, later(paid, 3700))).body.data).toMatchObject({ replayed: true })
    expect(balance()).toBe(earned / 2)
    const changed = await refund({ ...body, amountFen: 5_000 }, later(paid, 3800))
    expect([changed.status, changed.body.error?.code]).toEqual([409, 'IDEMPOTENCY_CONFLICT'])
    const over = await refund({ ...body, refundNo: 'RF-2', amountFen: 10_001 }, later(paid, 3900))
    expect(over.status).toBe(400)
    const none = await refund({ orderNo: 'NO-SUCH', refundNo: 'RF-3', amountFen: 100 })
    expect([none.status, none.body.error?.code]).toEqual([404, 'ORDER_NOT_FOUND'])
  })

  it('refunds a sale with no member on the sale itself, up to its amount', async () => {
    await purchase({ orderNo: 'NM-REFUND', amountFen: 5_000 })
    const first = await refund({ orderNo: 'NM-REFUND', refundNo: 'NR-1', amountFen: 3_000 })
    expect(first.body.data).toMatchObject({
      refund: { amountFen: 3_000, pointsReversed: 0 },
      member: null,
      tierBefore: null,
      replayed: false,
    })
    expect((await refund({ orderNo: 'NM-REFUND', refundNo: 'NR-1', amountFen: 3_000 })).body.data).toMatchObject({ replayed: true })
    expect((await refund({ orderNo: 'NM-REFUND', refundNo: 'NR-2', amountFen: 2_001 })).status).toBe(400)
    expect((await refund({ orderNo: 'NM-REFUND', refundNo: 'NR-2', amountFen: 2_000 })).status).toBe(200)
    const done = await refund({ orderNo: 'NM-REFUND', refundNo: 'NR-3', amountFen: 1 })
    expect([done.status, done.body.error?.code]).toEqual([409, 'ALREADY_REFUNDED'])
    expect(h.cloud.executor.get('posSales', `${DEMO_STORE._id}:NM-REFUND`)).toMatchObject({ refundedFen: 5_000 })
  })
})

describe('the member look-up', () => {
  it('shows the masked name, tier, points, usable coupons and the birthday month, and does not spend the code', async () => {
    const s = await h.joinedShopper('pos-look', { clock: joined })
    const code = await h.tillCode(s.openid, paid)
    const reply = await lookup(code)
    expect(reply.status).toBe(200)
    const data = reply.body.data as {
      member: Record<string, unknown>
      coupons: { title: string; code?: string }[]
      birthdayMonth: { now: boolean; pointsPercent: number }
    }
    expect(data.member).toEqual({ memberNo: s.memberNo, name: '顾**', tier: 'member', vipUntil: null, pointsBalance: 0 })
    expect(JSON.stringify(data)).not.toMatch(/159\d{8}/) // no phone
    expect(data.coupons.length).toBeGreaterThan(0) // the welcome coupon
    expect(data.coupons.every((c) => c.code === undefined)).toBe(true)
    expect(data.birthdayMonth).toEqual({ now: false, pointsPercent: 200 })
    expect(h.cloud.executor.find('ledger', { memberId: s.openid })).toEqual([])
    // Asked again, it answers again; and the purchase five minutes later spends the same code.
    expect((await lookup(code, later(paid, 20))).status).toBe(200)
    const bought = await purchase({ orderNo: 'LOOK-1', memberCode: code, amountFen: 10_000 }, later(paid, 300))
    expect(bought.status).toBe(200)
    // Spent now: another purchase with it is refused.
    const twice = await purchase({ orderNo: 'LOOK-2', memberCode: code, amountFen: 10_000 }, later(paid, 310))
    expect([twice.status, twice.body.error?.code]).toEqual([409, 'CODE_ALREADY_USED'])
  })

  it('says when it is the birthday month', async () => {
    const s = await h.joinedShopper('pos-bday', { clock: joined, birthday: { month: 4, day: 20 } })
    const reply = await lookup(await h.tillCode(s.openid, paid))
    expect(reply.body.data).toMatchObject({ birthdayMonth: { now: true, pointsPercent: 200 } })
  })

  it('refuses a code that is not a dynamic member code, and a forged one', async () => {
    expect((await lookup('12345')).status).toBe(400)
    const s = await h.joinedShopper('pos-forged', { clock: joined })
    const code = await h.tillCode(s.openid, paid)
    const forged = code.slice(0, 11) + ((Number(code.slice(11, 17)) + 1) % 1_000_000).toString().padStart(6, '0') + code.slice(17)
    const reply = await lookup(forged)
    expect(reply.status).toBe(422)
    expect(['CODE_INVALID']).toContain(reply.body.error?.code)
  })
})

describe('the brake on guessing codes', () => {
  it("pauses a key that sends too many wrong codes, as an assistant's till; the store's manager resumes it", async () => {
    const guesser = await makeKey(h, DEMO_STORE._id, '猜码')
    const s = await h.joinedShopper('pos-guess', { clock: joined })
    const t0 = at('2026-04-11T12:00:00')
    // Well-formed codes for the member, made with a wrong secret: counted as wrong (not as mistyped).
    const wrong = (i: number) => dynamicMemberCode(s.memberNo, 'ab'.repeat(32), Date.parse(t0) + i * 1000)
    let last = { status: 0, body: { error: { code: '' } } as { error?: { code?: string } } }
    for (let i = 0; i < CODE_BRAKE.till.wrongCodes; i++)
      last = await pos(h, guesser, { method: 'GET', path: `/pos/v1/members/${wrong(i)}` }, later(t0, i))
    expect([last.status, last.body.error?.code]).toEqual([423, 'TILL_PAUSED'])
    // Paused: even the right code is refused, at this key only.
    const right = await h.tillCode(s.openid, later(t0, 60))
    const refused = await pos(h, guesser, { method: 'GET', path: `/pos/v1/members/${right}` }, later(t0, 60))
    expect(refused.body.error?.code).toBe('TILL_PAUSED')
    // Another store's manager may not resume it; this store's may.
    h.cloud.executor.insert('staff', [
      { _id: 'pos-m2', staffId: 'M21', name: '周敏', storeId: DEMO_STORE_2._id, role: 'manager', active: true },
    ])
    const foreign = await h.call('pos-m2', 'staff', 'resumeTill', { staffId: `pos:${guesser.keyId}` }, { clock: later(t0, 70) })
    expect(foreign).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    const resumed = await h.ok(DEMO_MANAGER._id, 'staff', 'resumeTill', { staffId: `pos:${guesser.keyId}` }, { clock: later(t0, 70) })
    expect(resumed).toEqual({ resumed: true })
    const again = await pos(
      h,
      guesser,
      { method: 'GET', path: `/pos/v1/members/${await h.tillCode(s.openid, later(t0, 1000))}` },
      later(t0, 1000),
    )
    expect(again.status).toBe(200)
  })
})
