/**
 * The dynamic member code through the real functions on the local cloud: the secret handed to the member's
 * device, the till's scan (accepted once, ±1 step), the purchase or redemption that spends it, replays
 * (old screenshot, double scan, two tills at once, tampering), the lost-phone reset, and the hourly clean-up.
 */
import { DEMO_ASSISTANT, DEMO_COLLEAGUE, DEMO_MANAGER } from '../../scripts/demo-data'
import { dynamicCodeForStep, codeStep, dynamicMemberCode } from '../../src/domain/memberCode'
import { luhnCheckDigit } from '../../src/domain/memberNo'
import { startTestCloud } from './harness'
import { at } from '../support/clock'

type Harness = Awaited<ReturnType<typeof startTestCloud>>
let h: Harness
beforeAll(async () => {
  h = await startTestCloud({ prewarm: ['staff'] })
  // Tills of their own for the brake's tests, so that no other test's till is paused or its count moved.
  h.cloud.executor.insert('staff', [
    { _id: 'till-g1', staffId: 'G01', name: '郑凯', storeId: 'SH001', role: 'assistant', active: true },
    { _id: 'till-g2', staffId: 'G02', name: '冯雪', storeId: 'SH001', role: 'assistant', active: true },
    { _id: 'till-g3', staffId: 'G03', name: '褚涛', storeId: 'SH001', role: 'assistant', active: true },
    { _id: 'till-g4', staffId: 'G04', name: '卫蓝', storeId: 'SH001', role: 'assistant', active: true },
    { _id: 'till-g5', staffId: 'G05', name: '蒋青', storeId: 'SH001', role: 'assistant', active: true },
    { _id: 'manager-sh002', staffId: 'SM1', name: '钱琳', storeId: 'SH002', role: 'manager', active: true },
  ])
}, 60_000)
afterAll(() => h?.close())

const till = DEMO_ASSISTANT._id
const otherTill = DEMO_COLLEAGUE._id
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
    expect((await h.ok(till, 'staff', 'scanMember', { code }, { clock })).member).toMatchObject({ memberNo: shopper.memberNo })
    const again = await h.call(till, 'staff', 'scanMember', { code }, { clock: later(clock, 3_000) })
    expect(again).toMatchObject({ ok: false, error: { code: 'CODE_ALREADY_USED' } })
    // The member number alone still finds them (customer records), and proves nothing.
    expect((await h.ok(till, 'staff', 'scanMember', { code: shopper.memberNo }, { clock })).member.name).toBeTruthy()
  })

  it('refuses an old screenshot: a code made more than 60 s before the scan is CODE_EXPIRED', async () => {
    const shopper = await h.joinedShopper('screenshot')
    const madeAt = at('2026-11-23T14:10:00')
    const screenshot = await h.tillCode(shopper.openid, madeAt)
    for (const age of [61_000, 5 * 60_000, 90 * 60_000]) {
      const result = await h.call(till, 'staff', 'scanMember', { code: screenshot }, { clock: later(madeAt, age) })
      expect(result).toMatchObject({ ok: false, error: { code: 'CODE_EXPIRED', message: expect.stringContaining('过期') } })
      const paid = await h.call(
        till,
        'staff',
        'recordPurchase',
        { memberCode: screenshot, amountFen: 10_000, orderNo: orderNo() },
        { clock: later(madeAt, age) },
      )
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
      const result = await h.call(till, 'staff', 'scanMember', { code }, { clock: new Date(scannedAt).toISOString() })
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
    expect(await h.call(till, 'staff', 'scanMember', { code: typo }, { clock })).toMatchObject({
      ok: false,
      error: { code: 'CODE_INVALID', message: '会员码有误，请核对后重新输入' },
    })
    for (const position of [11, 13, 16]) {
      expect(await h.call(till, 'staff', 'scanMember', { code: forged(code, position) }, { clock })).toMatchObject({
        ok: false,
        error: { code: 'CODE_INVALID', message: expect.stringContaining('会员码无效') },
      })
    }
    // Another member's number in front of this member's password (check digit fixed): the other's secret says no.
    const swapped = other.memberNo + code.slice(11, 17)
    await h.tillCode(other.openid, clock) // the other member has a secret too
    expect(errorOf(await h.call(till, 'staff', 'scanMember', { code: swapped + luhnCheckDigit(swapped) }, { clock }))).toBe('CODE_INVALID')
    // Not a code at all: the schema says so, field by field.
    expect(await h.call(till, 'staff', 'scanMember', { code: '1234' }, { clock })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    // A well-formed code of a member who never opened their card (no secret yet) proves nothing.
    const fresh = await h.joinedShopper('tamper')
    const guess = dynamicCodeForStep(fresh.memberNo, 'ab'.repeat(32), codeStep(Date.parse(clock)))
    expect(errorOf(await h.call(till, 'staff', 'scanMember', { code: guess }, { clock }))).toBe('CODE_INVALID')
    // None of it was accepted: the real code still scans.
    expect(await h.call(till, 'staff', 'scanMember', { code }, { clock })).toMatchObject({ ok: true })
  })

  it('lets exactly one of two tills scanning the same code at the same moment win', async () => {
    for (let round = 0; round < 3; round++) {
      const shopper = await h.joinedShopper('race')
      const clock = at(`2026-11-23T16:0${round}:10`)
      const code = await h.tillCode(shopper.openid, clock)
      const results = await Promise.all(
        [till, otherTill, till, otherTill].map((by) => h.call(by, 'staff', 'scanMember', { code }, { clock })),
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
    await h.ok(till, 'staff', 'scanMember', { code }, { clock })
    // Confirming with the customer and typing the amount takes a while: the scan holds for the session.
    const order = orderNo()
    const paid = await h.ok(
      till,
      'staff',
      'recordPurchase',
      { memberCode: code, amountFen: 12_000, orderNo: order },
      { clock: later(clock, 4 * 60_000) },
    )
    expect(paid).toMatchObject({ replayed: false, purchase: { pointsEarned: 120 } })
    // A retry of that purchase is the same purchase.
    expect(
      await h.ok(
        till,
        'staff',
        'recordPurchase',
        { memberCode: code, amountFen: 12_000, orderNo: order },
        { clock: later(clock, 5 * 60_000) },
      ),
    ).toMatchObject({ replayed: true })
    const twice = await h.call(
      till,
      'staff',
      'recordPurchase',
      { memberCode: code, amountFen: 12_000, orderNo: orderNo() },
      { clock: later(clock, 5 * 60_000) },
    )
    expect(twice).toMatchObject({ ok: false, error: { code: 'CODE_ALREADY_USED' } })
    expect(balanceOf(shopper.openid)).toBe(120)
  })

  it('lets only the till that scanned spend the scan, and only within 10 minutes', async () => {
    const shopper = await h.joinedShopper('session')
    const clock = at('2026-11-23T17:30:00')
    const code = await h.tillCode(shopper.openid, clock)
    await h.ok(till, 'staff', 'scanMember', { code }, { clock })
    const elsewhere = await h.call(
      otherTill,
      'staff',
      'recordPurchase',
      { memberCode: code, amountFen: 5_000, orderNo: orderNo() },
      { clock: later(clock, 20_000) },
    )
    expect(errorOf(elsewhere)).toBe('CODE_ALREADY_USED')
    const tooLate = await h.call(
      till,
      'staff',
      'recordPurchase',
      { memberCode: code, amountFen: 5_000, orderNo: orderNo() },
      { clock: later(clock, 11 * 60_000) },
    )
    expect(tooLate).toMatchObject({ ok: false, error: { code: 'CODE_EXPIRED', message: expect.stringContaining('10 分钟') } })
    expect(balanceOf(shopper.openid)).toBe(0)
  })

  it('takes a fresh code that no till scanned yet straight into a purchase, once, even from two tills at once', async () => {
    const shopper = await h.joinedShopper('straight')
    const clock = at('2026-11-23T18:00:00')
    const code = await h.tillCode(shopper.openid, clock)
    const results = await Promise.all(
      [till, otherTill, till].map((by) =>
        h.call(by, 'staff', 'recordPurchase', { memberCode: code, amountFen: 10_000, orderNo: orderNo() }, { clock }),
      ),
    )
    expect(results.map(errorOf).sort()).toEqual(['CODE_ALREADY_USED', 'CODE_ALREADY_USED', 'ok'])
    expect(balanceOf(shopper.openid)).toBe(100)
  })

  it('redeems points only with the dynamic code, once per code', async () => {
    const shopper = await h.joinedShopper('redeem')
    const clock = at('2026-11-23T18:30:00')
    await h.ok(
      till,
      'staff',
      'recordPurchase',
      { memberCode: await h.tillCode(shopper.openid, clock), amountFen: 50_000, orderNo: orderNo() },
      { clock },
    )
    const byNumber = await h.call(
      till,
      'staff',
      'redeemPoints',
      { memberCode: shopper.memberNo, points: 100, reason: '帆布袋', requestId: requestId() },
      { clock },
    )
    expect(byNumber).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ field: 'memberCode' }] } })
    const next = later(clock, 30_000)
    const code = await h.tillCode(shopper.openid, next)
    const request = requestId()
    await h.ok(till, 'staff', 'redeemPoints', { memberCode: code, itemId: 'tote-bag', requestId: request }, { clock: next })
    expect(
      await h.ok(till, 'staff', 'redeemPoints', { memberCode: code, itemId: 'tote-bag', requestId: request }, { clock: next }),
    ).toMatchObject({ replayed: true })
    const again = await h.call(
      till,
      'staff',
      'redeemPoints',
      { memberCode: code, itemId: 'tote-bag', requestId: requestId() },
      { clock: next },
    )
    expect(errorOf(again)).toBe('CODE_ALREADY_USED')
    expect(balanceOf(shopper.openid)).toBe(200) // 500 earned, the tote bag's 300 spent once
  })

  it('refuses a purchase by member number unless it uses that member’s own coupon', async () => {
    const shopper = await h.joinedShopper('number')
    // Now: the welcome coupon is valid from the moment of joining.
    const byNumber = await h.call(till, 'staff', 'recordPurchase', { memberCode: shopper.memberNo, amountFen: 30_000, orderNo: orderNo() })
    expect(byNumber).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ field: 'memberCode', message: expect.stringContaining('动态会员码') }] },
    })
    const [welcome] = h.cloud.executor.find('coupons', { memberId: shopper.openid }) as unknown as { code: string }[]
    const someoneElse = await h.joinedShopper('number')
    const wrongHolder = await h.call(till, 'staff', 'recordPurchase', {
      memberCode: someoneElse.memberNo,
      amountFen: 30_000,
      orderNo: orderNo(),
      couponCode: welcome.code,
    })
    expect(errorOf(wrongHolder)).toBe('INVALID_INPUT')
    const withCoupon = await h.ok(till, 'staff', 'recordPurchase', {
      memberCode: shopper.memberNo,
      amountFen: 30_000,
      orderNo: orderNo(),
      couponCode: welcome.code,
    })
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
    expect(await h.call(till, 'staff', 'scanMember', { code: oldCode }, { clock })).toMatchObject({
      ok: false,
      error: { code: 'CODE_INVALID' },
    })
    expect(
      errorOf(await h.call(till, 'staff', 'recordPurchase', { memberCode: oldCode, amountFen: 10_000, orderNo: orderNo() }, { clock })),
    ).toBe('CODE_INVALID')
    const newCode = dynamicMemberCode(shopper.memberNo, reset.secret, Date.parse(clock))
    expect(await h.call(till, 'staff', 'scanMember', { code: newCode }, { clock })).toMatchObject({ ok: true })
    expect((await h.ok(shopper.openid, 'member', 'getCard', {}, { clock })).codeVersion).toBe(2)
    expect((await h.ok(shopper.openid, 'member', 'codeSecret', {})).secret).toBe(reset.secret)
  })
})

describe('accepted codes on the member document', () => {
  it('keeps only the codes that could still be presented, and scans waiting to be spent', async () => {
    const shopper = await h.joinedShopper('kept-codes')
    const clock = at('2026-11-25T09:00:00')
    const kept = () =>
      (h.cloud.executor.get('members', shopper.openid) as { tillCodes?: { step: number; usedFor: string | null }[] }).tillCodes ?? []
    await h.ok(till, 'staff', 'scanMember', { code: await h.tillCode(shopper.openid, clock) }, { clock })
    // The step before is still fresh and was never shown at a till: accepted as well.
    await h.ok(till, 'staff', 'scanMember', { code: await h.tillCode(shopper.openid, later(clock, -30_000)) }, { clock })
    expect(kept()).toHaveLength(2)
    // An hour on, both scans are past their session and their codes can no longer be presented: forgotten.
    const hourLater = later(clock, 60 * 60_000)
    await h.ok(till, 'staff', 'scanMember', { code: await h.tillCode(shopper.openid, hourLater) }, { clock: hourLater })
    expect(kept()).toEqual([expect.objectContaining({ usedFor: null })])
    expect(
      await h.call(till, 'staff', 'scanMember', { code: await h.tillCode(shopper.openid, clock) }, { clock: hourLater }),
    ).toMatchObject({
      ok: false,
      error: { code: 'CODE_EXPIRED' },
    })
  })
})

describe('the brake on guessing codes', () => {
  const guard = (id: string) => h.cloud.executor.get('codeGuards', id) as unknown as Record<string, unknown> | null
  const alertsOf = (memberNo: string) =>
    h.cloud.executor.find('codeGuards', { kind: 'alert', memberNo }) as unknown as Record<string, unknown>[]
  /** A well-formed dynamic code (both check digits right) for a member number nobody holds. */
  const nobodys = (i: number) => {
    const body = String(9_100_000_000 + i * 7_919)
    const memberNo = body + luhnCheckDigit(body)
    const code = memberNo + String(100_000 + i).slice(-6)
    return code + luhnCheckDigit(code)
  }

  it('locks a member’s dynamic code for 15 minutes after 5 wrong codes in 10 minutes — a right one too — and says until when', async () => {
    const shopper = await h.joinedShopper('brake')
    const clock = at('2026-11-26T10:00:00')
    const code = await h.tillCode(shopper.openid, clock)
    for (let i = 0; i < 4; i++) {
      const wrong = await h.call('till-g1', 'staff', 'scanMember', { code: forged(code, 12 + i) }, { clock: later(clock, i * 60_000) })
      expect(errorOf(wrong)).toBe('CODE_INVALID')
    }
    // The fifth wrong code within ten minutes, from another till: the member's code is locked until 10:20.
    const fifth = await h.call('till-g2', 'staff', 'scanMember', { code: forged(code, 16) }, { clock: later(clock, 5 * 60_000) })
    expect(fifth).toMatchObject({ ok: false, error: { code: 'CODE_LOCKED', message: expect.stringContaining('10:20') } })

    // The member's own fresh code is refused while locked, for a scan, a purchase and a redemption alike.
    const during = at('2026-11-26T10:06:00')
    const right = await h.tillCode(shopper.openid, during)
    expect(await h.call(till, 'staff', 'scanMember', { code: right }, { clock: during })).toMatchObject({
      ok: false,
      error: { code: 'CODE_LOCKED', message: expect.stringMatching(/多次.*10:20/) },
    })
    expect(
      errorOf(
        await h.call(till, 'staff', 'recordPurchase', { memberCode: right, amountFen: 10_000, orderNo: orderNo() }, { clock: during }),
      ),
    ).toBe('CODE_LOCKED')
    expect(
      errorOf(
        await h.call(till, 'staff', 'redeemPoints', { memberCode: right, itemId: 'tote-bag', requestId: requestId() }, { clock: during }),
      ),
    ).toBe('CODE_LOCKED')
    expect(balanceOf(shopper.openid)).toBe(0)
    // The member number still finds the customer (it proves nothing and spends nothing).
    expect(await h.call(till, 'staff', 'scanMember', { code: shopper.memberNo }, { clock: during })).toMatchObject({ ok: true })

    // The store manager sees it on the workbench: which member, which till, until when.
    const { alerts } = await h.ok(DEMO_MANAGER._id, 'staff', 'codeAlerts', {}, { clock: during })
    expect(alerts).toContainEqual(
      expect.objectContaining({
        kind: 'memberLocked',
        memberNo: shopper.memberNo,
        staff: { staffId: 'G02', name: '冯雪' },
        at: later(clock, 5 * 60_000),
        until: at('2026-11-26T10:20:00'),
      }),
    )
    expect(guard(`member:${shopper.memberNo}`)).toMatchObject({ wrongCodes: 5, locks: 1, lockedUntil: at('2026-11-26T10:20:00') })

    // At 10:20 the lock is over: the right code is taken again.
    const after = at('2026-11-26T10:20:00')
    expect(await h.call(till, 'staff', 'scanMember', { code: await h.tillCode(shopper.openid, after) }, { clock: after })).toMatchObject({
      ok: true,
    })
  })

  it('counts wrong codes from two tills at once exactly, on one document: 12 racing guesses, 4 refused as wrong, then locked once', async () => {
    const shopper = await h.joinedShopper('brake-race')
    const clock = at('2026-11-26T11:00:00')
    const code = await h.tillCode(shopper.openid, clock)
    const guesses = Array.from({ length: 12 }, (_, i) => forged(code, 11 + (i % 6)))
    const results = await Promise.all(
      guesses.map((g, i) => h.call(i % 2 ? 'till-g3' : 'till-g4', 'staff', 'scanMember', { code: g }, { clock })),
    )
    expect(results.map(errorOf).sort()).toEqual([...Array(4).fill('CODE_INVALID'), ...Array(8).fill('CODE_LOCKED')])
    expect(guard(`member:${shopper.memberNo}`)).toMatchObject({ wrongCodes: 12, locks: 1 })
    expect(alertsOf(shopper.memberNo)).toHaveLength(1)
    expect(guard('till:G03')).toMatchObject({ wrongCodes: 6 })
    expect(guard('till:G04')).toMatchObject({ wrongCodes: 6 })
  }, 60_000)

  it('pauses a till after 30 wrong codes in an hour: every action with a member code refused, with no end, until the store manager resumes it', async () => {
    const shopper = await h.joinedShopper('brake-till', { scene: encodeURIComponent('s=SH001&a=A01') })
    const clock = at('2026-11-26T14:00:00')
    for (let i = 0; i < 29; i++) {
      expect(errorOf(await h.call('till-g5', 'staff', 'scanMember', { code: nobodys(i) }, { clock: later(clock, i * 90_000) }))).toBe(
        'CODE_INVALID',
      )
    }
    const last = later(clock, 59 * 60_000)
    expect(await h.call('till-g5', 'staff', 'scanMember', { code: nobodys(29) }, { clock: last })).toMatchObject({
      ok: false,
      error: { code: 'TILL_PAUSED', message: expect.stringContaining('店长') },
    })

    // Paused: every action that takes a member code, a right one included, and nothing else.
    const then = at('2026-11-26T17:00:00')
    const right = await h.tillCode(shopper.openid, then)
    const refused = [
      await h.call('till-g5', 'staff', 'scanMember', { code: right }, { clock: then }),
      await h.call('till-g5', 'staff', 'scanMember', { code: shopper.memberNo }, { clock: then }),
      await h.call('till-g5', 'staff', 'recordPurchase', { memberCode: right, amountFen: 10_000, orderNo: orderNo() }, { clock: then }),
      await h.call('till-g5', 'staff', 'redeemPoints', { memberCode: right, itemId: 'tote-bag', requestId: requestId() }, { clock: then }),
      await h.call(
        'till-g5',
        'staff',
        'correctBirthday',
        { memberCode: shopper.memberNo, birthday: { month: 8, day: 1 }, reason: '入会时选错月份' },
        { clock: then },
      ),
      await h.call('till-g5', 'staff', 'customer', { code: shopper.memberNo }, { clock: then }),
      await h.call(
        'till-g5',
        'staff',
        'logCallback',
        { memberCode: shopper.memberNo, outcome: 'reached', requestId: requestId() },
        { clock: then },
      ),
      await h.call(
        'till-g5',
        'staff',
        'updateCustomerCard',
        { memberCode: shopper.memberNo, profile: { clothingSize: 'M' } },
        { clock: then },
      ),
    ]
    expect(refused.map(errorOf)).toEqual(Array(8).fill('TILL_PAUSED'))
    expect(await h.call('till-g5', 'staff', 'whoami', {}, { clock: then })).toMatchObject({ ok: true })
    expect(balanceOf(shopper.openid)).toBe(0)
    // Other tills go on.
    expect(await h.call(otherTill, 'staff', 'scanMember', { code: right }, { clock: then })).toMatchObject({ ok: true })

    // The store's manager sees the paused till and resumes it; the assistant cannot, nor another store's manager.
    const { alerts } = await h.ok(DEMO_MANAGER._id, 'staff', 'codeAlerts', {}, { clock: then })
    expect(alerts).toContainEqual(
      expect.objectContaining({ kind: 'tillPaused', staff: { staffId: 'G05', name: '蒋青' }, at: last, open: true }),
    )
    expect(errorOf(await h.call('till-g5', 'staff', 'resumeTill', { staffId: 'G05' }, { clock: then }))).toBe('FORBIDDEN')
    expect(errorOf(await h.call('manager-sh002', 'staff', 'resumeTill', { staffId: 'G05' }, { clock: then }))).toBe('INVALID_INPUT')
    expect((await h.ok('manager-sh002', 'staff', 'codeAlerts', {}, { clock: then })).alerts).toEqual([])
    const resumedAt = at('2026-11-26T17:05:00')
    expect(await h.ok(DEMO_MANAGER._id, 'staff', 'resumeTill', { staffId: 'G05' }, { clock: resumedAt })).toMatchObject({ resumed: true })
    expect(await h.ok(DEMO_MANAGER._id, 'staff', 'resumeTill', { staffId: 'G05' }, { clock: resumedAt })).toMatchObject({ resumed: false })
    expect((await h.ok(DEMO_MANAGER._id, 'staff', 'codeAlerts', {}, { clock: resumedAt })).alerts).toContainEqual(
      expect.objectContaining({
        kind: 'tillPaused',
        staff: { staffId: 'G05', name: '蒋青' },
        open: false,
        resolvedAt: resumedAt,
        resolvedBy: '周慧',
      }),
    )
    const fresh = at('2026-11-26T17:06:00')
    expect(
      await h.call('till-g5', 'staff', 'scanMember', { code: await h.tillCode(shopper.openid, fresh) }, { clock: fresh }),
    ).toMatchObject({ ok: true })
    // Its count starts again: one more wrong code does not pause it.
    expect(errorOf(await h.call('till-g5', 'staff', 'scanMember', { code: nobodys(30) }, { clock: fresh }))).toBe('CODE_INVALID')
  }, 120_000)

  it("lets a store's only manager resume their own paused till an hour after the pause, not before", async () => {
    const shopper = await h.joinedShopper('brake-manager', { scene: encodeURIComponent('s=SH001&a=A01') })
    const clock = at('2026-11-27T09:00:00')
    for (let i = 0; i < 30; i++)
      await h.call(DEMO_MANAGER._id, 'staff', 'scanMember', { code: nobodys(100 + i) }, { clock: later(clock, i * 60_000) })
    const pausedAt = later(clock, 29 * 60_000)
    expect(guard('till:M01')).toMatchObject({ pausedAt })

    const early = later(pausedAt, 59 * 60_000)
    expect(await h.call(DEMO_MANAGER._id, 'staff', 'resumeTill', { staffId: 'M01' }, { clock: early })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('10:29 后自行恢复') },
    })
    expect(errorOf(await h.call(DEMO_MANAGER._id, 'staff', 'scanMember', { code: shopper.memberNo }, { clock: early }))).toBe('TILL_PAUSED')

    const hourOn = later(pausedAt, 60 * 60_000)
    expect(await h.ok(DEMO_MANAGER._id, 'staff', 'resumeTill', { staffId: 'M01' }, { clock: hourOn })).toMatchObject({ resumed: true })
    expect(
      await h.call(DEMO_MANAGER._id, 'staff', 'scanMember', { code: await h.tillCode(shopper.openid, hourOn) }, { clock: hourOn }),
    ).toMatchObject({ ok: true })
  }, 120_000)
})
