/**
 * Deleting the membership and joining again (issue 17, item 3): once-only issuances — the welcome coupon, this
 * year's birthday card, the invitee's referral gift, a campaign's coupon, and the inviter's reward per pair —
 * survive the erasure as keyed hashes (HMAC with a server-side key) of the phone, openid and unionid that name
 * nobody. A rejoiner is a new member who gets none of them twice and pays no inviter twice.
 */
import { createHash } from 'node:crypto'
import { DEMO_ASSISTANT, DEMO_OPERATOR } from '../../scripts/demo-data'
import { PRIVACY_NOTICE_VERSION } from '../../src/api/privacy'
import { DELETE_CONFIRM_PHRASE } from '../../src/domain/erasure'
import { startTestCloud } from './harness'
import { at } from '../support/clock'
import { uniqueKey as key } from '../support/ids'

type Harness = Awaited<ReturnType<typeof startTestCloud>>
let h: Harness
beforeAll(async () => {
  h = await startTestCloud()
}, 60_000)
afterAll(() => h?.close())

const minutesAfter = (clock: string, m: number) => new Date(Date.parse(clock) + m * 60_000).toISOString()
const NOW = at('2026-11-20T10:00:00') // November: Alice's birthday month
type Doc = Record<string, unknown> & { _id: string }
type MemberDoc = Doc & {
  memberNo: string
  pointsBalance: number
  referralCode: string
  referredBy: { inviterId: string; status: string } | null
}
const memberDoc = (openid: string) => h.cloud.executor.get('members', openid) as MemberDoc | null
const find = (coll: string, filter: object = {}) => h.cloud.executor.find(coll, filter as Record<string, unknown>) as Doc[]
const couponsOf = (openid: string) =>
  find('coupons', { memberId: openid })
    .map((c) => c.channel as string)
    .sort()

const join = (
  openid: string,
  who: { name: string; mobile: string; month?: number },
  options: { unionid?: string; referral?: string; clock?: string } = {},
) =>
  h.cloud.invoke(
    'member',
    {
      action: 'join',
      input: {
        name: who.name,
        mobile: who.mobile,
        birthday: { month: who.month ?? 11, day: 8 },
        consent: { accepted: true, version: PRIVACY_NOTICE_VERSION },
        ...(options.referral ? { referral: options.referral } : {}),
      },
    },
    { openid, unionid: options.unionid, clock: options.clock ?? NOW },
  ) as Promise<{ ok: boolean; data?: { member: { memberNo: string }; created: boolean }; error?: { code: string } }>

const buy = async (openid: string, amountFen: number, clock: string) =>
  h.ok(
    DEMO_ASSISTANT._id,
    'staff',
    'recordPurchase',
    { memberCode: await h.tillCode(openid, clock, { fresh: true }), amountFen, orderNo: key('RJ') },
    { clock },
  )

const erase = async (openid: string, clock: string) => {
  let r = await h.ok(openid, 'member', 'deleteMembership', { confirm: DELETE_CONFIRM_PHRASE }, { clock })
  for (let i = 0; r.status === 'inProgress' && i < 10; i++)
    r = await h.ok(openid, 'member', 'deleteMembership', { confirm: DELETE_CONFIRM_PHRASE }, { clock })
  expect(r.status).toBe('deleted')
  expect(memberDoc(openid)).toBeNull()
}

const newInviter = async (label: string, mobile: string) => {
  const openid = `rejoin-${label}`
  expect(await join(openid, { name: `邀请人${label}`, mobile, month: 3 })).toMatchObject({ ok: true })
  return { openid, code: memberDoc(openid)!.referralCode }
}

const claimCampaign = async (title: string) =>
  (
    await h.ok(
      DEMO_OPERATOR._id,
      'ops',
      'createCampaign',
      {
        title,
        templateId: 'vip-preview-15off',
        mode: 'claim',
        audience: { kind: 'all' },
        opensAt: at('2026-11-01T10:00:00'),
        vipEarlyDays: 0,
        endsAt: at('2026-12-31T22:00:00'),
        requestId: key('CMP'),
      },
      { clock: NOW },
    )
  ).campaign.id

describe('a member who deletes the membership and joins again with the same WeChat, phone and referral code', () => {
  const alice = { openid: 'rejoin-alice-oQ3', unionid: 'rejoin-union-alice', name: '欧阳丽娜', mobile: '13712340001' }
  let carol: { openid: string; code: string }
  let campaignId = ''
  let firstNo = ''

  beforeAll(async () => {
    carol = await newInviter('carol', '13912340001')
    campaignId = await claimCampaign('冬季预览')
    const first = await join(alice.openid, alice, { unionid: alice.unionid, referral: carol.code })
    expect(first).toMatchObject({ ok: true })
    firstNo = first.data!.member.memberNo
    // The first time: welcome coupon, this year's birthday card (she joins in her birthday month), the invitee gift.
    expect(couponsOf(alice.openid)).toEqual(['birthday', 'referral', 'welcome'])
    await h.ok(alice.openid, 'member', 'claimCampaign', { campaignId }, { clock: minutesAfter(NOW, 1) })
    await buy(alice.openid, 15_000, minutesAfter(NOW, 2))
    expect(memberDoc(carol.openid)!.pointsBalance).toBe(200)
    await erase(alice.openid, minutesAfter(NOW, 5))
  }, 60_000)

  it('is a new member: no second welcome, birthday card, referral gift or campaign coupon, and Carol is not paid again', async () => {
    const again = await join(alice.openid, alice, { unionid: alice.unionid, referral: carol.code, clock: minutesAfter(NOW, 10) })
    expect(again).toMatchObject({ ok: true, data: { created: true } })
    expect(again.data!.member.memberNo).not.toBe(firstNo)
    // What the rejoiner gets: a new member number and referral code, 0 points, no coupons, bound to no inviter.
    const rejoined = memberDoc(alice.openid)!
    expect(rejoined).toMatchObject({ pointsBalance: 0, referredBy: null })
    expect(rejoined.referralCode).not.toBe('')
    expect(couponsOf(alice.openid)).toEqual([])
    expect(h.cloud.executor.get('referrals', alice.openid)).toBeNull()

    // Her first purchase earns her points as anyone's does (double in her birthday month); Carol gets nothing.
    await buy(alice.openid, 15_000, minutesAfter(NOW, 12))
    expect(memberDoc(alice.openid)!.pointsBalance).toBe(300)
    expect(memberDoc(carol.openid)!.pointsBalance).toBe(200)
    expect(h.cloud.executor.get('ledger', `referral:${alice.openid}`)).toBeNull()
    expect(find('ledger', { memberId: carol.openid })).toHaveLength(1)

    // The campaign she claimed before says so; a campaign she never claimed is hers to claim.
    expect(await h.call(alice.openid, 'member', 'claimCampaign', { campaignId }, { clock: minutesAfter(NOW, 13) })).toMatchObject({
      ok: false,
      error: { code: 'COUPON_NOT_AVAILABLE' },
    })
    const listed = await h.ok(alice.openid, 'member', 'campaigns', {}, { clock: minutesAfter(NOW, 13) })
    expect(listed.campaigns.find((c) => c.id === campaignId)).toMatchObject({ claimed: true })
    const fresh = await claimCampaign('新年预览')
    expect(await h.ok(alice.openid, 'member', 'claimCampaign', { campaignId: fresh }, { clock: minutesAfter(NOW, 14) })).toMatchObject({
      replayed: false,
    })
    expect(couponsOf(alice.openid)).toEqual(['campaign'])
  })

  it('gets no second 2026 birthday card from the monthly job either, and the 2027 card as everyone does', async () => {
    await h.cloud.fireTimer('jobs', 'upkeep', { clock: at('2026-11-21T00:05:00') })
    expect(find('coupons', { memberId: alice.openid, channel: 'birthday' })).toEqual([])
    await h.cloud.fireTimer('jobs', 'upkeep', { clock: at('2027-11-01T00:05:00') })
    expect(find('coupons', { memberId: alice.openid, channel: 'birthday' }).map((c) => c._id)).toEqual([`bday:${alice.openid}:2027`])
  })
})

describe('the same person is known by any one of phone, WeChat openid and unionid', () => {
  it('gives no second welcome coupon to the same phone on another WeChat, nor to the same WeChat with another phone', async () => {
    const bob = { name: '王博文', mobile: '13712340002', month: 3 }
    expect(await join('rejoin-bob-1', bob)).toMatchObject({ ok: true })
    expect(couponsOf('rejoin-bob-1')).toEqual(['welcome'])
    await erase('rejoin-bob-1', minutesAfter(NOW, 20))

    // Same phone, another WeChat account.
    expect(await join('rejoin-bob-2', bob, { clock: minutesAfter(NOW, 21) })).toMatchObject({ ok: true, data: { created: true } })
    expect(couponsOf('rejoin-bob-2')).toEqual([])
    await erase('rejoin-bob-2', minutesAfter(NOW, 22))

    // That WeChat account again, with another phone.
    expect(await join('rejoin-bob-2', { ...bob, mobile: '13712340003' }, { clock: minutesAfter(NOW, 23) })).toMatchObject({ ok: true })
    expect(couponsOf('rejoin-bob-2')).toEqual([])

    // The unionid alone (another mini-program of the same brand account, another phone).
    const una = { name: '李优娜', mobile: '13712340004', month: 3 }
    expect(await join('rejoin-una-1', una, { unionid: 'rejoin-union-una' })).toMatchObject({ ok: true })
    await erase('rejoin-una-1', minutesAfter(NOW, 24))
    expect(
      await join('rejoin-una-2', { ...una, mobile: '13712340005' }, { unionid: 'rejoin-union-una', clock: minutesAfter(NOW, 25) }),
    ).toMatchObject({ ok: true })
    expect(couponsOf('rejoin-una-2')).toEqual([])

    // Someone else entirely still gets the welcome coupon.
    expect(await join('rejoin-someone', { name: '赵新', mobile: '13712340006', month: 3 }, { clock: minutesAfter(NOW, 26) })).toMatchObject(
      { ok: true },
    )
    expect(couponsOf('rejoin-someone')).toEqual(['welcome'])
  }, 60_000)
})

describe('a rejoiner and referral', () => {
  it('binds to a new inviter (a new pair, paid once) but never again to the old one, and the invitee gift comes once per person', async () => {
    const carl = await newInviter('carl', '13912340002')
    const dan = await newInviter('dan', '13912340003')
    const ben = { openid: 'rejoin-ben', name: '孙本杰', mobile: '13712340007', month: 3 }
    expect(await join(ben.openid, ben, { referral: carl.code })).toMatchObject({ ok: true })
    expect(couponsOf(ben.openid)).toEqual(['referral', 'welcome'])
    // Ben leaves before buying anything: Carl was never paid, but the pair was made.
    await erase(ben.openid, minutesAfter(NOW, 30))

    // Through Carl's code again: joins, bound to nobody.
    expect(await join(ben.openid, ben, { referral: carl.code, clock: minutesAfter(NOW, 31) })).toMatchObject({ ok: true })
    expect(memberDoc(ben.openid)!.referredBy).toBeNull()
    await buy(ben.openid, 15_000, minutesAfter(NOW, 32))
    expect(memberDoc(carl.openid)!.pointsBalance).toBe(0)
    await erase(ben.openid, minutesAfter(NOW, 33))

    // Through Dan's code: bound to Dan, who is paid on the first qualifying purchase, once; no second gift for Ben.
    expect(await join(ben.openid, ben, { referral: dan.code, clock: minutesAfter(NOW, 34) })).toMatchObject({ ok: true })
    expect(memberDoc(ben.openid)!.referredBy).toEqual({ inviterId: dan.openid, status: 'pending' })
    expect(couponsOf(ben.openid)).toEqual([])
    await buy(ben.openid, 15_000, minutesAfter(NOW, 35))
    await buy(ben.openid, 15_000, minutesAfter(NOW, 36))
    expect(memberDoc(dan.openid)!.pointsBalance).toBe(200)
    await erase(ben.openid, minutesAfter(NOW, 37))
    expect(await join(ben.openid, ben, { referral: dan.code, clock: minutesAfter(NOW, 38) })).toMatchObject({ ok: true })
    expect(memberDoc(ben.openid)!.referredBy).toBeNull()
    await buy(ben.openid, 15_000, minutesAfter(NOW, 39))
    expect(memberDoc(dan.openid)!.pointsBalance).toBe(200)
  }, 60_000)
})

describe('what is kept to know a rejoiner', () => {
  it('is keyed hashes that name nobody: no openid, unionid, phone or name, and not a plain hash of them', () => {
    const kept = find('erasedGrants')
    expect(kept.length).toBeGreaterThan(0)
    const json = JSON.stringify(kept)
    const identities = [
      'rejoin-alice-oQ3',
      'rejoin-union-alice',
      '13712340001',
      '13712340002',
      'rejoin-bob-1',
      'rejoin-bob-2',
      'rejoin-ben',
      '13712340007',
    ]
    for (const id of identities) {
      expect(json).not.toContain(id)
      for (const form of [id, `phone:${id}`, `openid:${id}`, `unionid:${id}`]) {
        for (const algo of ['sha256', 'sha1', 'md5']) expect(json).not.toContain(createHash(algo).update(form).digest('hex'))
      }
    }
    for (const name of ['欧阳丽娜', '王博文', '孙本杰']) expect(json).not.toContain(name)
    // The key is server-side: no client may read it.
    expect(find('serverSecrets').length).toBe(1)
  })
})
