/**
 * Referral through the real functions on the local cloud: binding at join, the inviter paid once on the
 * invitee's first qualifying purchase, the monthly cap, fraud signals held for an operator.
 */
import { DEMO_ASSISTANT, DEMO_OPERATOR } from '../../scripts/demo-data'
import { PRIVACY_NOTICE_VERSION } from '../../src/api/privacy'
import { startTestCloud } from './harness'
import { at } from '../support/clock'

type Harness = Awaited<ReturnType<typeof startTestCloud>>
let h: Harness
beforeAll(async () => {
  h = await startTestCloud({ prewarm: ['staff'] })
}, 60_000)
afterAll(() => h?.close())

const assistant = DEMO_ASSISTANT._id
let n = 0
const next = () => ++n
type MemberDoc = { _id: string; pointsBalance: number; referralCode: string; referredBy: { inviterId: string; status: string } | null }
const memberDoc = (openid: string) => h.cloud.executor.get('members', openid) as unknown as MemberDoc

/** Joins through a friend's code (as the share link carries it), with a mobile of our choosing. */
const joinVia = async (code: string | undefined, options: { clock?: string; mobile?: string; unionid?: string; openid?: string } = {}) => {
  const i = next()
  const openid = options.openid ?? `friend-${i}`
  const result = await h.cloud.invoke(
    'member',
    {
      action: 'join',
      input: {
        name: `朋友${i}`,
        // Spread out, so no two share the first nine digits (that is the "related phone" signal).
        mobile: options.mobile ?? `13${String((i * 104_729) % 1_000_000_000).padStart(9, '0')}`,
        birthday: { month: 4, day: 2 },
        consent: { accepted: true, version: PRIVACY_NOTICE_VERSION },
        ...(code ? { referral: code } : {}),
      },
    },
    { openid, unionid: options.unionid, clock: options.clock },
  )
  return { openid, result: result as { ok: boolean; data?: { member: { memberNo: string } } } }
}
const inviterWithCode = async (clock = at('2026-03-01T10:00:00')) => {
  const inviter = await h.joinedShopper('inviter', { clock })
  return { ...inviter, code: memberDoc(inviter.openid).referralCode }
}
/** A purchase at `clock` with the code the shopper's phone shows at `codeClock` (a phone off by ±30 s still pays). */
const buy = async (openid: string, amountFen: number, clock: string, by = assistant, orderNo = `RF-${next()}`, codeClock = clock) =>
  h.call(by, 'staff', 'recordPurchase', { memberCode: await h.tillCode(openid, codeClock), amountFen, orderNo }, { clock })
const secondsAfter = (clock: string, s: number) => new Date(Date.parse(clock) + s * 1000).toISOString()

describe('binding at join', () => {
  it('binds a new member to the friend whose link they opened, with the invitee gift coupon', async () => {
    const a = await inviterWithCode()
    const b = await joinVia(`r%3D${a.code}`, { clock: at('2026-03-02T10:00:00') })
    expect(memberDoc(b.openid).referredBy).toEqual({ inviterId: a.openid, status: 'pending' })
    expect(h.cloud.executor.find('coupons', { memberId: b.openid, channel: 'referral' })).toHaveLength(1)
  })

  it('never binds to oneself (openid or unionid), an existing member, or a second inviter; holds the inviter’s own number', async () => {
    // The inviter joined from a mini-program bound to an open platform account: WeChat gave a unionid.
    const inviter = await joinVia(undefined, { unionid: 'union-a' })
    const a = { openid: inviter.openid, code: memberDoc(inviter.openid).referralCode }
    const sameUnion = await joinVia(a.code, { unionid: 'union-a' })
    expect(sameUnion.result.ok).toBe(true)
    expect(memberDoc(sameUnion.openid).referredBy).toBeNull()
    // The inviter's own number, typed by another WeChat: no number is verified, and refusing it would tell whoever
    // typed it whose number it is. The friend joins like any friend; the invitation is held for an operator.
    const samePhone = await joinVia(a.code, { mobile: (h.cloud.executor.get('members', a.openid) as unknown as { mobile: string }).mobile })
    expect(samePhone.result).toMatchObject({ ok: true, data: { created: true } })
    expect(memberDoc(samePhone.openid).referredBy).toEqual({ inviterId: a.openid, status: 'held' })
    expect(h.cloud.executor.get('referrals', samePhone.openid)).toMatchObject({ flags: ['relatedPhone'] })
    // An existing member opening a link, and a second inviter, change nothing.
    const c = await inviterWithCode()
    const b = await joinVia(a.code)
    await joinVia(c.code, { openid: b.openid })
    expect(memberDoc(b.openid).referredBy).toEqual({ inviterId: a.openid, status: 'pending' })
    const self = await joinVia(a.code, { openid: a.openid })
    expect(self.result.ok).toBe(true)
    expect(memberDoc(a.openid).referredBy).toBeNull()
  })
})

describe('the reward', () => {
  it('pays the inviter 200 points on the friend’s first ¥100 purchase, once, through retries and races', async () => {
    const a = await inviterWithCode()
    const b = await joinVia(a.code, { clock: at('2026-03-02T10:00:00') })
    expect(await buy(b.openid, 9_999, at('2026-03-03T10:00:00'))).toMatchObject({ ok: true })
    expect(memberDoc(a.openid).pointsBalance).toBe(0)
    const orderNo = `RF-RACE-${next()}`
    const racing = await Promise.all([
      buy(b.openid, 15_000, at('2026-03-04T10:00:00'), assistant, orderNo),
      buy(b.openid, 15_000, at('2026-03-04T10:00:00'), assistant, orderNo),
      // Each other purchase with a code of its own: phones half a minute behind and ahead.
      buy(b.openid, 20_000, at('2026-03-04T10:00:00'), assistant, `RF-${next()}`, secondsAfter(at('2026-03-04T10:00:00'), -30)),
      buy(b.openid, 30_000, at('2026-03-04T10:00:00'), assistant, `RF-${next()}`, secondsAfter(at('2026-03-04T10:00:00'), 30)),
    ])
    expect(racing.every((r) => r.ok)).toBe(true)
    expect(memberDoc(a.openid).pointsBalance).toBe(200)
    expect(h.cloud.executor.find('ledger', { memberId: a.openid })).toEqual([
      expect.objectContaining({ _id: `referral:${b.openid}`, points: 200 }),
    ])
    expect(memberDoc(b.openid).referredBy?.status).toBe('rewarded')
    const page = await h.ok(a.openid, 'member', 'invite', {}, { clock: at('2026-03-05T10:00:00') })
    expect(page).toMatchObject({
      code: a.code,
      sharePath: `/pages/join/index?ref=${a.code}`,
      stats: { joined: 1, rewarded: 1, waiting: 0 },
    })
    expect(page.posterImage).toMatch(/^data:image\/(png|jpeg);base64,/)
    expect((await h.ok(a.openid, 'member', 'invite', {})).posterImage).toBe(page.posterImage)
  })

  it('records the 11th rewarded referral of a month but pays only 10', async () => {
    const a = await inviterWithCode(at('2026-05-01T10:00:00'))
    const friends = []
    for (let day = 2; day <= 12; day++)
      friends.push(await joinVia(a.code, { clock: at(`2026-05-${String(day).padStart(2, '0')}T10:00:00`) }))
    for (const f of friends) expect(await buy(f.openid, 10_000, at('2026-05-20T10:00:00'))).toMatchObject({ ok: true })
    expect(memberDoc(a.openid).pointsBalance).toBe(2_000)
    const statuses = friends.map((f) => memberDoc(f.openid).referredBy?.status)
    expect(statuses.filter((s) => s === 'rewarded')).toHaveLength(10)
    expect(statuses.filter((s) => s === 'capped')).toHaveLength(1)
    // The capped friend joined all the same: the invite page counts every status.
    expect((await h.ok(a.openid, 'member', 'invite', {}, { clock: at('2026-05-21T10:00:00') })).stats).toEqual({
      joined: 11,
      rewarded: 10,
      waiting: 0,
      held: 0,
    })
  })
})

describe('fraud signals', () => {
  it('holds the fifth join within a day through one inviter, and a first purchase the inviter recorded as staff', async () => {
    const a = await inviterWithCode()
    const burst = []
    for (let i = 0; i < 5; i++) burst.push(await joinVia(a.code, { clock: at(`2026-06-01T1${i}:00:00`) }))
    expect(burst.map((f) => memberDoc(f.openid).referredBy?.status)).toEqual(['pending', 'pending', 'pending', 'pending', 'held'])
    expect((await h.ok(a.openid, 'member', 'invite', {}, { clock: at('2026-06-01T15:00:00') })).stats).toEqual({
      joined: 5,
      rewarded: 0,
      waiting: 4,
      held: 1,
    })

    // A number from the inviter's own block (bought together): held too.
    const b = await inviterWithCode()
    const inviterMobile = (h.cloud.executor.get('members', b.openid) as unknown as { mobile: string }).mobile
    const sibling = await joinVia(b.code, {
      mobile: inviterMobile.slice(0, 9) + String((Number(inviterMobile.slice(9)) + 1) % 100).padStart(2, '0'),
    })
    expect(memberDoc(sibling.openid).referredBy?.status).toBe('held')

    // The shop assistant is also a member, invites a friend, and records the friend's first purchase.
    await h.ok(assistant, 'member', 'join', {
      name: '王丽',
      mobile: '13511112222',
      birthday: { month: 1, day: 1 },
      consent: { accepted: true, version: PRIVACY_NOTICE_VERSION },
    })
    const friend = await joinVia(memberDoc(assistant).referralCode)
    await buy(friend.openid, 50_000, at('2026-06-02T10:00:00'))
    expect(memberDoc(friend.openid).referredBy?.status).toBe('held')
    expect(memberDoc(assistant).pointsBalance).toBe(0)

    const held = await h.ok(DEMO_OPERATOR._id, 'ops', 'referrals', { status: 'held' })
    expect(held.referrals.map((r) => r.flags[0])).toEqual(
      expect.arrayContaining(['短时间内大量好友加入', '好友手机号与邀请人号段相同', '邀请人为导购且亲自录入好友首单']),
    )
    expect(
      await h.call(assistant, 'ops', 'reviewReferral', { inviteeCode: friend.result.data!.member.memberNo, decision: 'approve' }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const approved = await h.ok(
      DEMO_OPERATOR._id,
      'ops',
      'reviewReferral',
      { inviteeCode: friend.result.data!.member.memberNo, decision: 'approve' },
      { clock: at('2026-06-03T10:00:00') },
    )
    expect(approved.referral.status).toBe('rewarded')
    expect(memberDoc(assistant).pointsBalance).toBe(200)
  })
})
