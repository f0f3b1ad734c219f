/**
 * Privacy (PIPL) through the real functions on the local cloud: every collection classified; "my data" exports
 * everything held about the member from every collection that holds personal data; deleting the membership
 * leaves no personal field anywhere while the books still add up under the pseudonym; children under 14 are
 * not enrolled online.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { DEMO_ASSISTANT, DEMO_JOIN_SCENE, DEMO_OPERATOR } from '../../scripts/demo-data'
import { NO_PERSONAL_DATA, PERSONAL_DATA_COLLECTIONS } from '../../cloudfunctions/_lib/personalData'
import { PRIVACY_NOTICE_VERSION } from '../../src/api/privacy'
import { DELETE_CONFIRM_PHRASE, mentions, type ErasureSubject } from '../../src/domain/erasure'
import { couponStatus } from '../../src/domain/coupons'
import { startTestCloud } from './harness'
import { at } from '../support/clock'

type Harness = Awaited<ReturnType<typeof startTestCloud>>
let h: Harness
beforeAll(async () => {
  h = await startTestCloud({ prewarm: ['member'] })
}, 60_000)
afterAll(() => h?.close())

const DECLARED = readdirSync(join(__dirname, '../../database/collections'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => (JSON.parse(readFileSync(join(__dirname, '../../database/collections', f), 'utf8')) as { name: string }).name)

const minutesAfter = (clock: string, m: number) => new Date(Date.parse(clock) + m * 60_000).toISOString()
const NOW = at('2026-11-20T10:00:00')
const assistant = DEMO_ASSISTANT._id
type Doc = Record<string, unknown> & { _id: string }
const doc = (coll: string, id: string) => h.cloud.executor.get(coll, id) as Doc | null
const find = (coll: string, filter: object = {}) => h.cloud.executor.find(coll, filter as Record<string, unknown>) as Doc[]
let seq = 0
const requestId = (p: string) => `${p}-${++seq}-${Date.now()}`

const join_ = async (openid: string, input: Record<string, unknown>, options: { unionid?: string; clock?: string } = {}) =>
  h.cloud.invoke(
    'member',
    {
      action: 'join',
      input: { birthday: { month: 3, day: 8 }, consent: { accepted: true, version: PRIVACY_NOTICE_VERSION }, ...input },
    },
    { openid, unionid: options.unionid, clock: options.clock ?? NOW },
  ) as Promise<{
    ok: boolean
    data?: { member: { memberNo: string } }
    error?: { code: string; message: string; fields?: { field: string; message: string }[] }
  }>

describe('which collections hold personal data', () => {
  it('classifies every declared collection exactly once', () => {
    const personal = new Set<string>(PERSONAL_DATA_COLLECTIONS)
    const unclassified = DECLARED.filter((c) => !personal.has(c) && !(c in NO_PERSONAL_DATA))
    expect(unclassified).toEqual([])
    expect(DECLARED.filter((c) => personal.has(c) && c in NO_PERSONAL_DATA)).toEqual([])
    // Nothing classified that does not exist (a renamed collection would hide here).
    expect([...personal, ...Object.keys(NO_PERSONAL_DATA)].filter((c) => !DECLARED.includes(c))).toEqual([])
  })
})

describe('children under 14 (birth year given)', () => {
  it('are refused with the guardian-consent message on birthday.year; 14 on the day is welcome', async () => {
    const clock = at('2026-11-20T10:00:00')
    const child = await join_('child-1', { name: '小明', mobile: '13600000001', birthday: { year: 2012, month: 11, day: 21 } }, { clock })
    expect(child).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ field: 'birthday.year', message: expect.stringContaining('未满14周岁需监护人同意') }] },
    })
    expect(doc('members', 'child-1')).toBeNull()
    const fourteen = await join_('teen-1', { name: '小红', mobile: '13600000002', birthday: { year: 2012, month: 11, day: 20 } }, { clock })
    expect(fourteen).toMatchObject({ ok: true })
    // Late evening in Shanghai is already the next business day: 14 there, though UTC is still the day before.
    const late = await join_(
      'teen-2',
      { name: '小刚', mobile: '13600000003', birthday: { year: 2012, month: 11, day: 21 } },
      { clock: '2026-11-20T16:30:00.000Z' },
    )
    expect(late).toMatchObject({ ok: true })
  })

  it('impossible and future birthdays are refused too', async () => {
    expect(await join_('odd-1', { name: '小李', mobile: '13600000004', birthday: { month: 2, day: 30 } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ field: 'birthday', message: '日期无效' }] },
    })
    expect(await join_('odd-2', { name: '小李', mobile: '13600000005', birthday: { year: 2027, month: 1, day: 1 } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ field: 'birthday', message: '生日不能晚于今天' }] },
    })
  })
})

describe("a member's data: export, then deletion", () => {
  const alice = { openid: 'privacy-alice-oYq7', unionid: 'union-alice-Zt3', name: '欧阳晓梅', mobile: '13712345678' }
  const subject: ErasureSubject = alice
  let aliceNo = ''
  let carol = ''
  let bob = ''
  let dave = ''
  let eventId = ''
  let balanceBefore = 0
  let spendBefore = 0
  let exportedFile = ''
  let aliceCode = ''

  beforeAll(async () => {
    // Carol invites Alice; Alice joins at the demo store, buys, is refunded a part, exchanges points, invites Bob,
    // RSVPs to a one-seat event ahead of Dave, consents to a message; her assistant logs a callback about her.
    carol = 'privacy-carol'
    expect(await join_(carol, { name: '李卡罗', mobile: '13911112222' })).toMatchObject({ ok: true })
    const carolCode = (doc('members', carol) as unknown as { referralCode: string }).referralCode
    const joined = await join_(
      alice.openid,
      { name: alice.name, mobile: alice.mobile, birthday: { year: 1990, month: 5, day: 4 }, scene: DEMO_JOIN_SCENE, referral: carolCode },
      { unionid: alice.unionid },
    )
    expect(joined).toMatchObject({ ok: true })
    aliceNo = joined.data!.member.memberNo

    let clock = minutesAfter(NOW, 1)
    await h.ok(
      assistant,
      'staff',
      'recordPurchase',
      { memberCode: await h.tillCode(alice.openid, clock), amountFen: 80_000, orderNo: 'PRIV-1' },
      { clock },
    )
    clock = minutesAfter(NOW, 2)
    await h.ok(assistant, 'staff', 'recordRefund', { orderNo: 'PRIV-1', amountFen: 10_000, requestId: requestId('refund') }, { clock })
    await h.ok(alice.openid, 'member', 'exchange', { itemId: 'tote-bag', requestId: requestId('ex') }, { clock })
    await h.ok(alice.openid, 'member', 'recordSubscription', { template: 'birthdayCoupon', accepted: true }, { clock })
    await h.ok(alice.openid, 'member', 'invite', {}, { clock })
    bob = 'privacy-bob'
    aliceCode = (doc('members', alice.openid) as unknown as { referralCode: string }).referralCode
    expect(await join_(bob, { name: '王鲍勃', mobile: '13822223333', referral: aliceCode }, { clock })).toMatchObject({ ok: true })

    const event = await h.ok(
      DEMO_OPERATOR._id,
      'event',
      'create',
      {
        title: '会员沙龙',
        description: '新品搭配分享',
        cover: '',
        storeId: 'SH001',
        startsAt: at('2026-12-05T14:00:00'),
        endsAt: at('2026-12-05T16:00:00'),
        capacity: 1,
        tiers: ['member', 'vip', 'gold'],
        rsvpDeadline: at('2026-12-04T18:00:00'),
        cancelDeadline: at('2026-11-20T09:00:00'), // passed: a member could no longer cancel; leaving still frees the seat
        attendancePoints: 0,
        maxGuests: 0,
        requestId: requestId('event'),
      },
      { clock: NOW },
    )
    eventId = event.event.id
    await h.ok(alice.openid, 'event', 'rsvp', { eventId }, { clock })
    dave = 'privacy-dave'
    expect(await join_(dave, { name: '赵大卫', mobile: '13833334444' })).toMatchObject({ ok: true })
    await h.ok(dave, 'event', 'rsvp', { eventId }, { clock })

    await h.ok(
      assistant,
      'staff',
      'logCallback',
      { memberCode: aliceNo, outcome: 'reached', note: `${alice.name}喜欢红色`, requestId: requestId('cb') },
      { clock },
    )
    // Her assistant saw her number to call her: the reveal's log names her.
    await h.ok(assistant, 'staff', 'revealPhone', { memberCode: aliceNo, requestId: requestId('reveal') }, { clock })
    h.cloud.executor.insert('segments', [{ _id: alice.openid, class: 'B', r: 5, f: 1, m: 3, storeId: 'SH001', rulesVersion: 1, at: clock }])
    // An operator corrected her birthday on the desk: the audit record names her by her words too.
    await h.ok(
      DEMO_OPERATOR._id,
      'ops',
      'correctMemberBirthday',
      {
        memberCode: aliceNo,
        birthday: { year: 1990, month: 5, day: 14 },
        reason: `${alice.name}出示身份证更正`,
        requestId: requestId('bday'),
      },
      { clock },
    )
  }, 60_000)

  it('exports every collection that holds personal data, as a JSON file only the link opens', async () => {
    const result = await h.ok(alice.openid, 'member', 'myData', {}, { clock: minutesAfter(NOW, 5) })
    expect(Object.keys(result.counts)).toEqual([...PERSONAL_DATA_COLLECTIONS])
    const empty = Object.entries(result.counts)
      .filter(([, n]) => n === 0)
      .map(([c]) => c)
    expect(empty).toEqual([])
    expect(result.fileID).not.toContain(alice.openid)

    const res = await fetch(result.url)
    expect(res.status).toBe(200)
    const file = (await res.json()) as { subject: { memberNo: string }; collections: Record<string, Doc[]> }
    expect(file.subject.memberNo).toBe(aliceNo)
    expect(file.collections.members[0]).toMatchObject({ _id: alice.openid, name: alice.name, mobile: alice.mobile, unionid: alice.unionid })
    expect(file.collections.memberSecrets[0].secret).toBe('（已隐藏）')
    expect(file.collections.callbacks[0].note).toContain('喜欢红色')
    // Her inviter and her friend are there as relations, never by another person's identifier.
    expect(file.collections.referrals.map((r) => [r.inviterId, r.inviteeId])).toEqual(
      expect.arrayContaining([
        ['（邀请您的会员）', alice.openid],
        [alice.openid, '（您邀请的好友1）'],
      ]),
    )
    expect(file.collections.members[0]).toMatchObject({ referredBy: { inviterId: '（邀请您的会员）' } })
    const text = JSON.stringify(file)
    for (const other of [carol, bob]) expect(text).not.toContain(other)
    expect(file.collections.refunds[0]).toMatchObject({ amountFen: 10_000 })
    expect(file.collections.tickets[0]).toMatchObject({ eventId })
    exportedFile = result.fileID
    expect(h.cloud.storage.read(exportedFile)).not.toBeNull()
  })

  it('refuses deletion without the typed phrase, and changes nothing', async () => {
    const before = JSON.stringify(h.cloud.executor.collections().map((c) => find(c)))
    for (const confirm of ['', '确认', '注销', 'delete']) {
      expect(await h.call(alice.openid, 'member', 'deleteMembership', { confirm }, { clock: minutesAfter(NOW, 6) })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', message: expect.stringContaining(DELETE_CONFIRM_PHRASE) },
      })
    }
    expect(JSON.stringify(h.cloud.executor.collections().map((c) => find(c)))).toBe(before)
  })

  it('deletes the membership: resumable after a failure midway, then no trace of the person anywhere', async () => {
    const member = doc('members', alice.openid) as unknown as { pointsBalance: number; lifetimeSpendFen: number }
    balanceBefore = member.pointsBalance
    spendBefore = member.lifetimeSpendFen
    expect(balanceBefore).toBeGreaterThan(0)
    const clock = minutesAfter(NOW, 10)

    // A database failure in the middle of the work: the call fails, the next one goes on from there.
    h.cloud.executor.failNthOperation('next', 25)
    const broken = await h.call(alice.openid, 'member', 'deleteMembership', { confirm: DELETE_CONFIRM_PHRASE }, { clock })
    expect(broken).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(doc('members', alice.openid)).toMatchObject({ erasure: { pseudonym: expect.stringMatching(/^anon-[0-9a-f]{24}$/) } })

    let result = await h.ok(alice.openid, 'member', 'deleteMembership', { confirm: ` ${DELETE_CONFIRM_PHRASE} ` }, { clock })
    for (let i = 0; result.status === 'inProgress' && i < 10; i++)
      result = await h.ok(alice.openid, 'member', 'deleteMembership', { confirm: DELETE_CONFIRM_PHRASE }, { clock })
    expect(result).toEqual({ status: 'deleted', pointsForfeited: balanceBefore })

    const leftovers = h.cloud.executor
      .collections()
      .filter((c) => c !== 'outbox') // WeChat's side of subscribe messages, not the brand's database
      .flatMap((c) =>
        find(c)
          .filter((d) => mentions(d, subject))
          .map((d) => `${c}/${d._id}`),
      )
    expect(leftovers).toEqual([])
    expect(h.cloud.storage.read(exportedFile)).toBeNull()
  })

  it('keeps the books: the pseudonym holds the entries, purchases and refunds, and they still add up', async () => {
    const [tomb] = find('erasedMembers', { memberNo: aliceNo })
    expect(tomb).toMatchObject({
      state: 'erased',
      pointsBalance: 0,
      pointsForfeited: balanceBefore,
      lifetimeSpendFen: spendBefore,
      purchaseCount: 1,
    })
    const pseudonym = tomb._id
    const entries = find('ledger', { memberId: pseudonym }) as unknown as { points: number; kind: string; reason: string }[]
    expect(entries.reduce((s, e) => s + e.points, 0)).toBe(0)
    expect(entries.find((e) => e.reason === '注销会员，积分作废')).toMatchObject({ kind: 'adjust', points: -balanceBefore })
    const purchases = find('purchases', { memberId: pseudonym }) as unknown as { amountFen: number; refundedFen: number }[]
    const refunds = find('refunds', { memberId: pseudonym }) as unknown as { amountFen: number }[]
    expect(purchases.reduce((s, p) => s + p.amountFen, 0) - refunds.reduce((s, r) => s + r.amountFen, 0)).toBe(70_000)
    expect(spendBefore).toBe(70_000)
    // The operator's birthday correction stays on record under the pseudonym, without her birthdays.
    expect(find('memberAudit', { memberId: pseudonym })).toEqual([
      expect.objectContaining({ memberNo: aliceNo, by: 'OP01', change: { kind: 'birthday', erased: true } }),
    ])

    // Everyone else's balance is still the sum of their entries (Carol was paid for inviting Alice).
    for (const m of find('members') as unknown as { _id: string; pointsBalance: number }[]) {
      expect({ m: m._id, balance: find('ledger', { memberId: m._id }).reduce((s, e) => s + (e.points as number), 0) }).toEqual({
        m: m._id,
        balance: m.pointsBalance,
      })
    }
    expect(doc('ledger', `referral:${pseudonym}`)).toMatchObject({ memberId: carol, points: 200 })

    // The operators' ledger export still names the account by its member number.
    const exported = await h.ok(
      DEMO_OPERATOR._id,
      'export',
      'ledger',
      { from: '2026-11-20', to: '2026-11-20' },
      { clock: minutesAfter(NOW, 20) },
    )
    const csv = (h.cloud.storage.read(exported.fileID) as Buffer).toString('utf8')
    expect(csv.split('\n').filter((line) => line.includes(aliceNo)).length).toBe(entries.length)
  })

  it('voids her unused coupons, gives her seat to the waitlist, and keeps her friends’ referrals', async () => {
    const [tomb] = find('erasedMembers', { memberNo: aliceNo })
    const coupons = find('coupons', { memberId: tomb._id }) as unknown as {
      state: 'available' | 'used'
      validFrom: string
      validUntil: string
    }[]
    expect(coupons.length).toBeGreaterThanOrEqual(2)
    expect(coupons.map((c) => couponStatus(c, minutesAfter(NOW, 11)))).toEqual(coupons.map(() => 'expired'))

    expect(doc('events', eventId)).toMatchObject({ seatsTaken: 1, waiting: 0 })
    const daves = find('rsvps', { memberId: dave })
    expect(daves).toMatchObject([{ status: 'confirmed', ticketCode: expect.stringMatching(/^\d{10}$/) }])
    expect(doc('tickets', daves[0].ticketCode as string)).toMatchObject({ rsvpId: daves[0]._id })
    expect(find('rsvps', { memberId: tomb._id })).toMatchObject([{ status: 'cancelled' }])

    expect(doc('members', bob)).toMatchObject({ referredBy: { inviterId: tomb._id } })
    expect(doc('referrals', bob)).toMatchObject({ inviterId: tomb._id })
    expect(find('callbacks', { memberId: tomb._id })).toMatchObject([{ note: '', staffId: DEMO_ASSISTANT.staffId }])
    // The log of who saw her number stays, under the pseudonym.
    expect(find('phoneReveals', { memberId: tomb._id })).toMatchObject([{ staffId: DEMO_ASSISTANT.staffId }])
    expect(find('phoneReveals', { memberId: alice.openid })).toEqual([])
  })

  it('retires her referral code and lets her come back as a new member', async () => {
    const friend = await join_(
      'privacy-late-friend',
      { name: '孙晚到', mobile: '13844445555', referral: aliceCode },
      { clock: minutesAfter(NOW, 30) },
    )
    expect(friend).toMatchObject({ ok: true })
    expect(doc('members', 'privacy-late-friend')).toMatchObject({ referredBy: null })
    expect(doc('referrals', 'privacy-late-friend')).toBeNull()
    expect(await h.call(alice.openid, 'member', 'getCard', {})).toMatchObject({ ok: false, error: { code: 'NOT_A_MEMBER' } })
    expect(await h.call(alice.openid, 'member', 'deleteMembership', { confirm: DELETE_CONFIRM_PHRASE })).toMatchObject({
      ok: false,
      error: { code: 'NOT_A_MEMBER' },
    })
    const again = await join_(alice.openid, { name: alice.name, mobile: alice.mobile }, { clock: minutesAfter(NOW, 30) })
    expect(again).toMatchObject({ ok: true })
    expect(again.data!.member.memberNo).not.toBe(aliceNo)
    expect(doc('members', alice.openid)).toMatchObject({ pointsBalance: 0, referredBy: null })
  })
})

describe('two taps on 注销会员 at once', () => {
  it('erase the member once: one tombstone, one forfeit, no trace', async () => {
    const erin = { openid: 'privacy-erin-Kw2', name: '钱二林', mobile: '13755556666' }
    const joined = await join_(erin.openid, { name: erin.name, mobile: erin.mobile, scene: DEMO_JOIN_SCENE })
    const memberNo = joined.data!.member.memberNo
    const clock = minutesAfter(NOW, 40)
    await h.ok(
      DEMO_ASSISTANT._id,
      'staff',
      'recordPurchase',
      { memberCode: await h.tillCode(erin.openid, clock), amountFen: 30_000, orderNo: 'PRIV-ERIN' },
      { clock },
    )
    const held = (doc('members', erin.openid) as unknown as { pointsBalance: number }).pointsBalance

    const results = await Promise.all(
      [1, 2].map(() =>
        h.call(erin.openid, 'member', 'deleteMembership', { confirm: DELETE_CONFIRM_PHRASE }, { clock: minutesAfter(NOW, 41) }),
      ),
    )
    // Each tap ends deleted, or (the later one) finds the membership already gone.
    for (const r of results)
      expect(r.ok ? r.data : r.error.code).toEqual(r.ok ? { status: 'deleted', pointsForfeited: expect.any(Number) } : 'NOT_A_MEMBER')
    const tombs = find('erasedMembers', { memberNo })
    expect(tombs).toHaveLength(1)
    expect(find('erasedMembers').filter((t) => t.state === 'erasing')).toEqual([])
    const entries = find('ledger', { memberId: tombs[0]._id })
    expect(entries.filter((e) => e.reason === '注销会员，积分作废')).toMatchObject([{ points: -held }])
    expect(entries.reduce((s, e) => s + (e.points as number), 0)).toBe(0)
    const leftovers = h.cloud.executor
      .collections()
      .filter((c) => c !== 'outbox')
      .flatMap((c) =>
        find(c)
          .filter((d) => mentions(d, { ...erin, unionid: null }))
          .map((d) => `${c}/${d._id}`),
      )
    expect(leftovers).toEqual([])
  })
})

describe('a deletion the member left unfinished', () => {
  it('is finished by the hourly upkeep: no trace, the points forfeited once', async () => {
    const fay = { openid: 'privacy-fay-Pq5', name: '孔繁菲', mobile: '13766667777' }
    const joined = await join_(fay.openid, { name: fay.name, mobile: fay.mobile, scene: DEMO_JOIN_SCENE })
    const memberNo = joined.data!.member.memberNo
    const clock = minutesAfter(NOW, 50)
    await h.ok(
      DEMO_ASSISTANT._id,
      'staff',
      'recordPurchase',
      { memberCode: await h.tillCode(fay.openid, clock), amountFen: 20_000, orderNo: 'PRIV-FAY' },
      { clock },
    )
    const held = (doc('members', fay.openid) as unknown as { pointsBalance: number }).pointsBalance

    // The first call fails midway and the member closes the app: nobody calls again.
    h.cloud.executor.failNthOperation('next', 12)
    expect(
      await h.call(fay.openid, 'member', 'deleteMembership', { confirm: DELETE_CONFIRM_PHRASE }, { clock: minutesAfter(NOW, 51) }),
    ).toMatchObject({ ok: false })
    expect(doc('members', fay.openid)).toMatchObject({ erasure: { startedAt: minutesAfter(NOW, 51) } })

    // Too fresh for the upkeep (the member may still be on the page), then finished an hour later.
    await h.cloud.fireTimer('jobs', 'upkeep', { clock: minutesAfter(NOW, 55) })
    expect(doc('members', fay.openid)).not.toBeNull()
    const fired = await h.cloud.fireTimer('jobs', 'upkeep', { clock: minutesAfter(NOW, 115) })
    expect((fired.body as { data: { job: string; changed: number }[] }).data.find((r) => r.job === 'erasures')).toMatchObject({
      changed: 1,
    })
    expect(doc('members', fay.openid)).toBeNull()
    const tombs = find('erasedMembers', { memberNo })
    expect(tombs).toHaveLength(1)
    expect(find('ledger', { memberId: tombs[0]._id }).filter((e) => e.reason === '注销会员，积分作废')).toMatchObject([{ points: -held }])
    const leftovers = h.cloud.executor
      .collections()
      .filter((c) => c !== 'outbox')
      .flatMap((c) =>
        find(c)
          .filter((d) => mentions(d, { ...fay, unionid: null }))
          .map((d) => `${c}/${d._id}`),
      )
    expect(leftovers).toEqual([])
  })
})
