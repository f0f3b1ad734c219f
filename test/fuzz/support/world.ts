/**
 * A small store world on the local cloud for the fuzz and fault suites, made through the real functions:
 * members who joined by the demo store QR (one invited by another), purchases, points, a gift coupon from the
 * catalog, an event with confirmed tickets, a claim campaign. The fuzzers draw valid ids and codes from it, so
 * a good part of their payloads get past the schema into the actions.
 */
import { DEMO_ASSISTANT, DEMO_COLLEAGUE, DEMO_JOIN_SCENE, DEMO_MANAGER, DEMO_OPERATOR, DEMO_STORE } from '../../../scripts/demo-data'
import { PRIVACY_NOTICE_VERSION } from '../../../src/api/privacy'
import { dynamicMemberCode } from '../../../src/domain/memberCode'
import { startTestCloud } from '../../cloud/harness'
import { at } from '../../support/clock'

export type Harness = Awaited<ReturnType<typeof startTestCloud>>

/** Every call of these suites runs at this instant: 20 November 2026, 12:00 in Shanghai (not the members' birthday month). */
export const CLOCK = '2026-11-20T04:00:00.000Z'
export { at }

export const ASSISTANT = DEMO_ASSISTANT._id
export const MANAGER = DEMO_MANAGER._id
export const OPERATOR = DEMO_OPERATOR._id
export const STORE_ID = DEMO_STORE._id
export const STAFF_IDS = [DEMO_ASSISTANT.staffId, DEMO_MANAGER.staffId, DEMO_COLLEAGUE.staffId]

export interface Shopper {
  openid: string
  memberNo: string
  referralCode: string
  /** The member-code secret their phone holds (member.codeSecret). */
  secret: string
}

/** The dynamic member code a shopper's phone shows at `clock`, and that clock (the call must run at it). */
export const tillCode = (s: Shopper, clock: string) => dynamicMemberCode(s.memberNo, s.secret, Date.parse(clock))

export interface World {
  h: Harness
  shoppers: Shopper[]
  /** Members only the actions that end a membership or its code may touch (deleteMembership, resetMemberCode). */
  disposable: Shopper[]
  orderNos: string[]
  couponCodes: string[]
  giftCouponCodes: string[]
  eventIds: string[]
  ticketCodes: string[]
  campaignIds: string[]
  itemIds: string[]
  templateIds: string[]
  /** Member imports whose dry run is done (import.run may go on with them). */
  importJobIds: string[]
}

let seq = 0
export const key = (label: string) => `${label}-${++seq}-${Date.now().toString(36)}`

const ok = async <T>(p: Promise<{ ok: boolean; data?: T; error?: unknown }>): Promise<T> => {
  const r = await p
  if (!r.ok) throw new Error(`world setup failed: ${JSON.stringify(r)}`)
  return r.data as T
}

/** A new member by the demo store's QR, at CLOCK. */
export const joinShopper = async (h: Harness, openid: string, mobile: string, referral?: string): Promise<Shopper> => {
  const { member } = await ok(
    h.call(
      openid,
      'member',
      'join',
      {
        name: `顾客${openid.slice(-4)}`,
        mobile,
        birthday: { month: 6, day: 18, year: 1990 },
        consent: { accepted: true, version: PRIVACY_NOTICE_VERSION },
        scene: encodeURIComponent(DEMO_JOIN_SCENE),
        ...(referral ? { referral } : {}),
      },
      { clock: CLOCK },
    ),
  )
  const doc = h.cloud.executor.get('members', openid) as unknown as { referralCode: string }
  const { secret } = await ok<{ secret: string }>(h.call(openid, 'member', 'codeSecret', {}, { clock: CLOCK }))
  return { openid, memberNo: member.memberNo, referralCode: doc.referralCode, secret }
}

let mobiles = 0
/**
 * A mobile number no other member has (the harness's own shoppers use 159…). They all end in 00, so a "related"
 * number (same first nine digits, another ending) never meets one.
 */
export const freshMobile = () => `137${String(++mobiles).padStart(6, '0')}00`

export const buildWorld = async (h: Harness, prefix = 'w'): Promise<World> => {
  const shoppers: Shopper[] = []
  for (let i = 0; i < 6; i++) shoppers.push(await joinShopper(h, `${prefix}-shopper-${i}`, freshMobile()))
  // An invited member (pending referral, paid by their first purchase) and one held for review (same phone prefix).
  shoppers.push(await joinShopper(h, `${prefix}-invited`, freshMobile(), shoppers[0].referralCode))
  const inviter = h.cloud.executor.get('members', shoppers[1].openid) as unknown as { mobile: string }
  shoppers.push(
    await joinShopper(
      h,
      `${prefix}-held`,
      `${inviter.mobile.slice(0, 9)}${inviter.mobile.endsWith('99') ? '98' : '99'}`,
      shoppers[1].referralCode,
    ),
  )

  const disposable: Shopper[] = []
  for (let i = 0; i < 4; i++) disposable.push(await joinShopper(h, `${prefix}-disposable-${i}`, freshMobile()))

  // Their invitation posters, made once per member and kept: generating a QR PNG on the local cloud's main thread
  // costs seconds under jest, and the fuzzers' invite calls are about their input, not the picture.
  h.cloud.executor.insert(
    'posters',
    [...shoppers, ...disposable].map((s) => ({
      _id: s.openid,
      scene: `r=${s.referralCode}`,
      contentType: 'image/png',
      base64: 'iVBORw0KGgo=',
      createdAt: CLOCK,
    })),
  )

  const orderNos: string[] = []
  for (const s of [...shoppers, ...disposable]) {
    for (const [amountFen, hoursBefore] of [
      [120_000, 2],
      [35_000, 1],
    ]) {
      const orderNo = key(`${prefix}-O`)
      const clock = new Date(Date.parse(CLOCK) - hoursBefore * 3_600_000).toISOString()
      await ok(h.call(ASSISTANT, 'staff', 'recordPurchase', { memberCode: tillCode(s, clock), amountFen, orderNo }, { clock }))
      orderNos.push(orderNo)
    }
  }
  // A gift coupon from the catalog (the tote bag), to hand out at the till.
  await ok(h.call(shoppers[2].openid, 'member', 'exchange', { itemId: 'tote-bag', requestId: key('E') }, { clock: CLOCK }))

  const coupons = h.cloud.executor.find('coupons', {}) as unknown as { code: string; templateId: string }[]
  const event = await ok<{ event: { id: string } }>(
    h.call(
      OPERATOR,
      'event',
      'create',
      {
        title: '冬季新品品鉴会',
        description: '设计师讲解新季面料',
        cover: '',
        storeId: STORE_ID,
        startsAt: at('2026-12-05T14:00:00'),
        endsAt: at('2026-12-05T17:00:00'),
        capacity: 4,
        tiers: ['member', 'vip', 'gold'],
        rsvpDeadline: at('2026-12-04T18:00:00'),
        cancelDeadline: at('2026-12-04T12:00:00'),
        attendancePoints: 20,
        maxGuests: 1,
        requestId: key('EV'),
      },
      { clock: CLOCK },
    ),
  )
  for (const s of shoppers.slice(0, 5)) await ok(h.call(s.openid, 'event', 'rsvp', { eventId: event.event.id }, { clock: CLOCK }))
  const tickets = (h.cloud.executor.find('tickets', {}) as unknown as { _id: string }[]).map((t) => t._id)

  const campaign = await ok<{ campaign: { id: string } }>(
    h.call(
      OPERATOR,
      'ops',
      'createCampaign',
      {
        title: '冬季会员专享券',
        templateId: 'vip-preview-15off',
        mode: 'claim',
        audience: { kind: 'all' },
        opensAt: at('2026-11-01T10:00:00'),
        vipEarlyDays: 0,
        endsAt: at('2026-12-31T22:00:00'),
        requestId: key('CMP'),
      },
      { clock: CLOCK },
    ),
  )

  // A member import checked and ready to run: two new rows and one phone already a member's.
  const takenPhone = (h.cloud.executor.get('members', shoppers[0].openid) as unknown as { mobile: string }).mobile
  const importFile = h.cloud.storage.write(
    'imports/fuzz/members.csv',
    Buffer.from(
      ['姓名,手机号,积分,积分到期日', '导入甲,13600000001,100,2027-12-31', '导入乙,13600000002,,', `已是会员,${takenPhone},,`].join('\r\n'),
    ),
  )
  const importJob = await ok<{ jobId: string }>(
    h.call(OPERATOR, 'import', 'dryRun', { fileID: importFile, fileName: 'members.csv', requestId: key('IMP') }, { clock: CLOCK }),
  )

  return {
    h,
    shoppers,
    disposable,
    orderNos,
    couponCodes: coupons.map((c) => c.code),
    giftCouponCodes: coupons.filter((c) => c.templateId === 'gift-tote').map((c) => c.code),
    eventIds: [event.event.id],
    ticketCodes: tickets,
    campaignIds: [campaign.campaign.id],
    itemIds: (h.cloud.executor.find('catalog', {}) as unknown as { _id: string }[]).map((i) => i._id),
    templateIds: (h.cloud.executor.find('couponTemplates', {}) as unknown as { _id: string }[]).map((t) => t._id),
    importJobIds: [importJob.jobId],
  }
}
