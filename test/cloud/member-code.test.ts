/**
 * The dynamic member code through the real functions on the local cloud: the secret handed to the member's
 * device, the till's scan (accepted once, ±1 step), the purchase or redemption that spends it, replays
 * (old screenshot, double scan, two tills at once, tampering), the lost-phone reset, and the hourly clean-up.
 */
import { DEMO_ASSISTANT, DEMO_COLLEAGUE } from '../../scripts/demo-data'
import { dynamicCodeForStep, codeStep, dynamicMemberCode } from '../../src/domain/memberCode'
import { luhnCheckDigit } from '../../src/domain/memberNo'
import { startTestCloud } from './harness'

type Harness = Awaited<ReturnType<typeof startTestCloud>>
let h: Harness
beforeAll(async () => {
  h = await startTestCloud()
}, 60_000)
afterAll(() => h?.close())

const till = DEMO_ASSISTANT._id
const otherTill = DEMO_COLLEAGUE._id
const at = (local: string) => new Date(`${local}+08:00`).toISOString()
const later = (clock: string, ms: number) => new Date(Date.parse(clock) + ms).toISOString()
let seq = 0
const orderNo = () => `MC-${++seq}`
const requestId = () => `mc-request-${++seq}`
const balanceOf = (openid: string) => (h.cloud.executor.get('members', openid) as unknown as { pointsBalance: number }).pointsBalance
const errorOf = (result: { ok: boolean; error?: { code: string; message: string } }) => (result.ok ? 'ok' : result.error!.code)

/** The same code with one password digit changed and the check digit made right again: a deliberate forgery. */
const forged = (code: string, position = 13) => {
  const body = code.slice(0, position) + String((Number(code[position]) + 1) % 10) + code.slice(position + 1, 17)
  return body + luhnCheckDigit(body)
}

describe('the secret on the member’s device', () => {
  it('is made on the first ask, handed over again unchanged, and counted per delivery', async () => {
    const shopper = await h.joinedShopper('secret')
    expect((await h.ok(shopper.openid, 'member', 'getCard', {})).codeVersion).toBeNull()
    const first = await h.ok(shopper.openid, 'member', 'codeSecret', {})
    expect(first).toMatchObject({ memberNo: shopper.memberNo, version: 1, secret: expect.stringMatching(/^[0-9a-f]{64}$/) })
    const second = await h.ok(shopper.openid, 'member', 'codeSecret', {})
    expect(second.secret).toBe(first.secret)
    expect(h.cloud.executor.get('memberSecrets', shopper.openid)).toMatchObject({ version: 1, deliveries: 2 })
    expect((await h.ok(shopper.openid, 'member', 'getCard', {})).codeVersion).toBe(1)
    // Not on the member document, which is the one thing a member may read from a client.
    expect(JSON.stringify(h.cloud.executor.get('members', shopper.openid))).not.toContain(first.secret)
  })

  it('is only for members', async () => {
    expect(errorOf(await h.call('never-joined', 'member', 'codeSecret', {}))).toBe('NOT_A_MEMBER')
    expect(errorOf(await h.call('never-joined', 'member', 'resetMemberCode', {}))).toBe('NOT_A_MEMBER')
  })
})

describe('scanning at the till', () => {
  it('finds the member with a fresh code, and refuses the same code scanned again', async () => {
    const shopper = await h.joinedShopper('scan')
    const clock = at('2026-11-23T14:00:05')
    const code = await h.tillCode(shopper.openid, clock)
    expect((await h.ok(till, 'staff', 'lookupMember', { code }, { clock })).member).toMatchObject({ memberNo: shopper.memberNo })
    const again = await h.call(till, 'staff', 'lookupMember', { code }, { clock: later(clock, 3_000) })
    expect(again).toMatchObject({ ok: false, error: { code: 'CODE_ALREADY_USED' } })
    // The member number alone still finds them (customer records), and proves nothing.
    expect((await h.ok(till, 'staff', 'lookupMember', { code: shopper.memberNo }, { clock })).member.name).toBeTruthy()
  })

  it('refuses an old screenshot: a code made more than 60 s before the scan is CODE_EXPIRED', async () => {
    const shopper = await h.joinedShopper('screenshot')
    const madeAt = at('2026-11-23T14:10:00')
    const screenshot = await h.tillCode(shopper.openid, madeAt)
    for (const age of [61_000, 5 * 60_000, 90 * 60_000]) {
      const result = await h.call(till, 'staff', 'lookupMember', { code: screenshot }, { clock: later(madeAt, age) })
      expect(result).toMatchObject({ ok: false, error: { code: 'CODE_EXPIRED', message: expect.stringContaining('过期') } })
      const paid = await h.call(till, 'staff', 'recordPurchase', { memberCode: screenshot, amountFen: 10_000, orderNo: orderNo() }, { clock: later(madeAt, age) })
      expect(errorOf(paid)).toBe('CODE_EXPIRED')
    }
    expect(balanceOf(shopper.openid)).toBe(0)
  })

  it('accepts codes from phones whose clocks are off by up to ±30 s: 0 false rejects over 60 scans', async () => {
    const shopper = await h.joinedShopper('skew')
    const base = Date.parse(at('2026-11-24T10:00:00'))
    const rejects: string[] = []
    for (let i = 0; i < 60; i++) {
      const scannedAt = base + i * 120_000 + ((i * 7_919) % 30_000) // a new step each time, anywhere in it
      const skew = -30_000 + ((i * 1_009) % 61) * 1_000 // -30 s … +30 s
      const code = await h.tillCode(shopper.openid, new Date(scannedAt + skew).toISOString())
      const result = await h.call(till, 'staff', 'lookupMember', { code }, { clock: new Date(scannedAt).toISOString() })
      if (!result.ok) rejects.push(`${skew} ms: ${result.error.code}`)
    }
    expect(rejects).toEqual([])
  })

  it('refuses a tampered, mistyped or forged code, naming what is wrong, without looking further', async () => {
    const shopper = await h.joinedShopper('tamper')
    const other = await h.joinedShopper('tamper')
    const clock = at('2026-11-23T15:00:00')
    const code = await h.tillCode(shopper.openid, clock)
    const typo = code.slice(0, 17) + String((Number(code[17]) + 1) % 10)
    expect(await h.call(till, 'staff', 'lookupMember', { code: typo }, { clock })).toMatchObject({ ok: false, error: { code: 'CODE_INVALID', message: '会员码有误，请核对后重新输入' } })
    for (const position of [11, 13, 16]) {
      expect(await h.call(till, 'staff', 'lookupMember', { code: forged(code, position) }, { clock })).toMatchObject({
        ok: false,
        error: { code: 'CODE_INVALID', message: expect.stringContaining('会员码无效') },
      })
    }
    // Another member's number in front of this member's password (check digit fixed): the other's secret says no.
    const swapped = other.memberNo + code.slice(11, 17)
    await h.tillCode(other.openid, clock) // the other member has a secret too
    expect(errorOf(await h.call(till, 'staff', 'lookupMember', { code: swapped + luhnCheckDigit(swapped) }, { clock }))).toBe('CODE_INVALID')
    // Not a code at all: the schema says so, field by field.
    expect(await h.call(till, 'staff', 'lookupMember', { code: '1234' }, { clock })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    // A well-formed code of a member who never opened their card (no secret yet) proves nothing.
    const fresh = await h.joinedShopper('tamper')
    const guess = dynamicCodeForStep(fresh.memberNo, 'ab'.repeat(32), codeStep(Date.parse(clock)))
    expect(errorOf(await h.call(till, 'staff', 'lookupMember', { code: guess }, { clock }))).toBe('CODE_INVALID')
    // None of it was accepted: the real code still scans.
    expect(await h.call(till, 'staff', 'lookupMember', { code }, { clock })).toMatchObject({ ok: true })
  })

  it('lets exactly one of two tills scanning the same code at the same moment win', async () => {
    for (let round = 0; round < 3; round++) {
      const shopper = await h.joinedShopper('race')
      const clock = at(`2026-11-23T16:0${round}:10`)
      const code = await h.tillCode(shopper.openid, clock)
      const results = await Promise.all(
        [till, otherTill, till, otherTill].map((by) => h.call(by, 'staff', 'lookupMember', { code }, { clock })),
      )
      expect(results.map(errorOf).sort()).toEqual(['CODE_ALREADY_USED', 'CODE_ALREADY_USED', 'CODE_ALREADY_USED', 'ok'])
    }
  })
})

describe('paying with the code', () => {
  it('records the purchase the scan was for, once; a second purchase with the same code is refused', async () => {
    const shopper = await h.joinedShopper('pay')
    const clock = at('2026-11-23T17:00:00')
    const code = await h.tillCode(shopper.openid, clock)
    await h.ok(till, 'staff', 'lookupMember', { code }, { clock })
    // Confirming with the customer and typing the amount takes a while: the scan holds for the session.
    const order = orderNo()
    const paid = await h.ok(till, 'staff', 'recordPurchase', { memberCode: code, amountFen: 12_000, orderNo: order }, { clock: later(clock, 4 * 60_000) })
    expect(paid).toMatchObject({ replayed: false, purchase: { pointsEarned: 120 } })
    // A retry of that purchase is the same purchase.
    expect(await h.ok(till, 'staff', 'recordPurchase', { memberCode: code, amountFen: 12_000, orderNo: order }, { clock: later(clock, 5 * 60_000) })).toMatchObject({ replayed: true })
    const twice = await h.call(till, 'staff', 'recordPurchase', { memberCode: code, amountFen: 12_000, orderNo: orderNo() }, { clock: later(clock, 5 * 60_000) })
    expect(twice).toMatchObject({ ok: false, error: { code: 'CODE_ALREADY_USED' } })
    expect(balanceOf(shopper.openid)).toBe(120)
  })

  it('lets only the till that scanned spend the scan, and only within 10 minutes', async () => {
    const shopper = await h.joinedShopper('session')
    const clock = at('2026-11-23T17:30:00')
    const code = await h.tillCode(shopper.openid, clock)
    await h.ok(till, 'staff', 'lookupMember', { code }, { clock })
    const elsewhere = await h.call(otherTill, 'staff', 'recordPurchase', { memberCode: code, amountFen: 5_000, orderNo: orderNo() }, { clock: later(clock, 20_000) })
    expect(errorOf(elsewhere)).toBe('CODE_ALREADY_USED')
    const tooLate = await h.call(till, 'staff', 'recordPurchase', { memberCode: code, amountFen: 5_000, orderNo: orderNo() }, { clock: later(clock, 11 * 60_000) })
    expect(tooLate).toMatchObject({ ok: false, error: { code: 'CODE_EXPIRED', message: expect.stringContaining('10 分钟') } })
    expect(balanceOf(shopper.openid)).toBe(0)
  })

  it('takes a fresh code that no till scanned yet straight into a purchase, once, even from two tills at once', async () => {
    const shopper = await h.joinedShopper('straight')
    const clock = at('2026-11-23T18:00:00')
    const code = await h.tillCode(shopper.openid, clock)
    const results = await Promise.all(
      [till, otherTill, till].map((by) => h.call(by, 'staff', 'recordPurchase', { memberCode: code, amountFen: 10_000, orderNo: orderNo() }, { clock })),
    )
    expect(results.map(errorOf).sort()).toEqual(['CODE_ALREADY_USED', 'CODE_ALREADY_USED', 'ok'])
    expect(balanceOf(shopper.openid)).toBe(100)
  })

  it('redeems points only with the dynamic code, once per code', async () => {
    const shopper = await h.joinedShopper('redeem')
    const clock = at('2026-11-23T18:30:00')
    await h.ok(till, 'staff', 'recordPurchase', { memberCode: await h.tillCode(shopper.openid, clock), amountFen: 50_000, orderNo: orderNo() }, { clock })
    const byNumber = await h.call(till, 'staff', 'redeemPoints', { memberCode: shopper.memberNo, points: 100, reason: '帆布袋', requestId: requestId() }, { clock })
    expect(byNumber).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ field: 'memberCode' }] } })
    const next = later(clock, 30_000)
    const code = await h.tillCode(shopper.openid, next)
    const request = requestId()
    await h.ok(till, 'staff', 'redeemPoints', { memberCode: code, points: 100, reason: '帆布袋', requestId: request }, { clock: next })
    expect(await h.ok(till, 'staff', 'redeemPoints', { memberCode: code, points: 100, reason: '帆布袋', requestId: request }, { clock: next })).toMatchObject({ replayed: true })
    const again = await h.call(till, 'staff', 'redeemPoints', { memberCode: code, points: 100, reason: '帆布袋', requestId: requestId() }, { clock: next })
    expect(errorOf(again)).toBe('CODE_ALREADY_USED')
    expect(balanceOf(shopper.openid)).toBe(400)
  })

  it('refuses a purchase by member number unless it uses that member’s own coupon', async () => {
    const shopper = await h.joinedShopper('number')
    // Now: the welcome coupon is valid from the moment of joining.
    const byNumber = await h.call(till, 'staff', 'recordPurchase', { memberCode: shopper.memberNo, amountFen: 30_000, orderNo: orderNo() })
    expect(byNumber).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ field: 'memberCode', message: expect.stringContaining('动态会员码') }] } })
    const [welcome] = h.cloud.executor.find('coupons', { memberId: shopper.openid }) as unknown as { code: string }[]
    const someoneElse = await h.joinedShopper('number')
    const wrongHolder = await h.call(till, 'staff', 'recordPurchase', { memberCode: someoneElse.memberNo, amountFen: 30_000, orderNo: orderNo(), couponCode: welcome.code })
    expect(errorOf(wrongHolder)).toBe('INVALID_INPUT')
    const withCoupon = await h.ok(till, 'staff', 'recordPurchase', { memberCode: shopper.memberNo, amountFen: 30_000, orderNo: orderNo(), couponCode: welcome.code })
    expect(withCoupon.purchase.coupon).not.toBeNull()
  })
})

describe('a lost phone', () => {
  it('resets the secret: codes made with the old one die at once, the new one works, the card tells other devices', async () => {
    const shopper = await h.joinedShopper('lost')
    const clock = at('2026-11-23T20:00:00')
    const before = await h.ok(shopper.openid, 'member', 'codeSecret', {})
    const oldCode = dynamicMemberCode(shopper.memberNo, before.secret, Date.parse(clock))
    const reset = await h.ok(shopper.openid, 'member', 'resetMemberCode', {}, { clock })
    expect(reset).toMatchObject({ version: 2, memberNo: shopper.memberNo })
    expect(reset.secret).not.toBe(before.secret)
    expect(await h.call(till, 'staff', 'lookupMember', { code: oldCode }, { clock })).toMatchObject({ ok: false, error: { code: 'CODE_INVALID' } })
    expect(errorOf(await h.call(till, 'staff', 'recordPurchase', { memberCode: oldCode, amountFen: 10_000, orderNo: orderNo() }, { clock }))).toBe('CODE_INVALID')
    const newCode = dynamicMemberCode(shopper.memberNo, reset.secret, Date.parse(clock))
    expect(await h.call(till, 'staff', 'lookupMember', { code: newCode }, { clock })).toMatchObject({ ok: true })
    expect((await h.ok(shopper.openid, 'member', 'getCard', {}, { clock })).codeVersion).toBe(2)
    expect((await h.ok(shopper.openid, 'member', 'codeSecret', {})).secret).toBe(reset.secret)
  })
})

describe('accepted codes on the member document', () => {
  it('keeps only the codes that could still be presented, and scans waiting to be spent', async () => {
    const shopper = await h.joinedShopper('kept-codes')
    const clock = at('2026-11-25T09:00:00')
    const kept = () => ((h.cloud.executor.get('members', shopper.openid) as { tillCodes?: { step: number; usedFor: string | null }[] }).tillCodes ?? [])
    await h.ok(till, 'staff', 'lookupMember', { code: await h.tillCode(shopper.openid, clock) }, { clock })
    // The step before is still fresh and was never shown at a till: accepted as well.
    await h.ok(till, 'staff', 'lookupMember', { code: await h.tillCode(shopper.openid, later(clock, -30_000)) }, { clock })
    expect(kept()).toHaveLength(2)
    // An hour on, both scans are past their session and their codes can no longer be presented: forgotten.
    const hourLater = later(clock, 60 * 60_000)
    await h.ok(till, 'staff', 'lookupMember', { code: await h.tillCode(shopper.openid, hourLater) }, { clock: hourLater })
    expect(kept()).toEqual([expect.objectContaining({ usedFor: null })])
    expect(await h.call(till, 'staff', 'lookupMember', { code: await h.tillCode(shopper.openid, clock) }, { clock: hourLater })).toMatchObject({
      ok: false,
      error: { code: 'CODE_EXPIRED' },
    })
  })
})
