/**
 * Per function and action: who legitimately calls it, and arbitraries of good values for each input field
 * (drawn from the fuzz world where an id must exist). `eventsFor` mixes valid payloads with every nasty value
 * of ./nasty in every field, nested fields included, missing fields, wrong shapes for the whole input, extra
 * and forged keys, unknown actions and missing input. The tables are records over the contract's action
 * names: a new action fails to compile until it is fuzzed.
 */
import fc from 'fast-check'
import type { ActionName, FunctionName } from '../../../src/api/contract'
import { PRIVACY_NOTICE_VERSION } from '../../../src/api/privacy'
import { DELETE_CONFIRM_PHRASE } from '../../../src/domain/erasure'
import { luhnCheckDigit } from '../../../src/domain/memberNo'
import { DEFAULT_PROGRAM } from '../../../src/domain/program'
import { DEMO_JOIN_SCENE } from '../../../scripts/demo-data'
import {
  anyNasty,
  badNumber,
  badShape,
  badText,
  mustRefuse,
  nastyFor,
  operatorObject,
  oversizedValues,
  ownProto,
  pollutionKeys,
} from './nasty'
import { ASSISTANT, CLOCK, MANAGER, OPERATOR, STAFF_IDS, STORE_ID, tillCode, type World } from './world'

/** A caller: an openid, or FRESH (a new WeChat user for each call, e.g. someone joining). */
export const FRESH = '<fresh>'

export interface ActionSpec {
  callers: (w: World) => fc.Arbitrary<string>
  fields: (w: World) => Record<string, fc.Arbitrary<unknown>>
  optional?: string[]
  /** Relative weight of entirely valid payloads (default 30; the nasty kinds weigh 80 together). */
  validWeight?: number
}

export type Specs<F extends FunctionName> = Record<ActionName<F>, ActionSpec>

/** A value that is only good at one instant (a dynamic member code): the call that carries it runs at `clock`. */
export class Timed {
  constructor(
    readonly value: string,
    readonly clock: string,
  ) {}
}

// ---------------------------------------------------------------------------------------------------------
// Good values

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''))
/** A well-formed code (Luhn) that belongs to nobody, most of the time. */
const checkedCode = (length: number) =>
  fc.tuple(fc.integer({ min: 1, max: 9 }), digits(length - 2)).map(([first, rest]) => `${first}${rest}${luhnCheckDigit(`${first}${rest}`)}`)
const spaced = (code: string) => code.replace(/(\d{4})(?=\d)/g, '$1 ')

const requestId = fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/)
const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/)
const memberCode = (w: World) =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...w.shoppers.map((s) => s.memberNo)), weight: 6 },
    { arbitrary: fc.constantFrom(...w.shoppers.map((s) => spaced(s.memberNo))), weight: 1 },
    { arbitrary: checkedCode(11), weight: 1 },
    { arbitrary: digits(11), weight: 1 },
  )
/**
 * A dynamic member code from a member's phone at a random 30-second step of the coming months, sent at that
 * moment, or a little (±45 s), later (10 minutes: expired) or much later (3 hours: past the look-back).
 */
const dynamicCode = (w: World) =>
  fc
    .tuple(
      fc.constantFrom(...w.shoppers),
      fc.integer({ min: 0, max: 300_000 }),
      fc.constantFrom(0, 0, 0, 0, 0, 0, 45_000, -45_000, 600_000, 3 * 3_600_000),
    )
    .map(([s, step, late]) => {
      const made = new Date(Date.parse(CLOCK) + step * 30_000).toISOString()
      return new Timed(tillCode(s, made), new Date(Date.parse(made) + late).toISOString())
    })
const couponCode = (w: World) =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...w.couponCodes), weight: 5 },
    { arbitrary: checkedCode(12), weight: 1 },
    { arbitrary: digits(12), weight: 1 },
  )
const orderNo = (w: World) =>
  fc.oneof({ arbitrary: fc.constantFrom(...w.orderNos), weight: 3 }, { arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{1,32}$/), weight: 2 })
const amountFen = fc.oneof(fc.integer({ min: 1, max: 300_000 }), fc.constantFrom(1, 10_000_000))
const words = fc.constantFrom(
  '保温杯',
  '帆布袋',
  '门店系统故障补录',
  '顾客生日登记有误',
  '活动补偿积分',
  'Anna 的尺码',
  '🎁 礼品',
  '阿卜杜拉·拉赫曼',
)
const name = fc.oneof(
  fc.constantFrom('张三', '李娜', '欧阳娜娜', 'Anna Lee', '王小明'),
  fc.string({ unit: fc.constantFrom(...'赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨'), minLength: 1, maxLength: 10 }),
)
const mobile = fc.stringMatching(/^1[3-9]\d{9}$/)
const birthday = fc.record(
  { month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }), year: fc.integer({ min: 1950, max: 2010 }) },
  { requiredKeys: ['month', 'day'] },
)
const DAY = 86_400_000
const BASE = Date.parse('2026-11-21T02:00:00Z')
/** An instant after CLOCK, in the two ISO shapes clients send. */
const instant = fc
  .tuple(fc.integer({ min: 0, max: 200 }), fc.boolean())
  .map(([days, local]) =>
    local ? new Date(BASE + days * DAY + 8 * 3_600_000).toISOString().replace('Z', '+08:00') : new Date(BASE + days * DAY).toISOString(),
  )
const businessDate = fc.integer({ min: 1, max: 120 }).map((days) => new Date(BASE + days * DAY).toISOString().slice(0, 10))
/** Ids of events and campaigns the fuzzers themselves create (`ev-<requestId>`, `cmp-<requestId>`), safe to edit and close. */
const OWN = ['fz-own-0001', 'fz-own-0002', 'fz-own-0003']
const ownOrRandom = fc.oneof(fc.constantFrom(...OWN), requestId)
const eventTimes = fc.integer({ min: 2, max: 120 }).map((days) => {
  const start = BASE + days * DAY
  return {
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(start + 3 * 3_600_000).toISOString(),
    rsvpDeadline: new Date(start - DAY).toISOString(),
    cancelDeadline: new Date(start - DAY).toISOString(),
  }
})
const tiers = fc.subarray(['member', 'vip', 'gold'] as const, { minLength: 1 })
const { version: _version, ...defaultRules } = DEFAULT_PROGRAM
/** The default rules with a few numbers moved within their ranges (still consistent). */
const rules = fc
  .record({
    member: fc.integer({ min: 50, max: 100 }),
    birthday: fc.integer({ min: 100, max: 300 }),
    renewFen: fc.integer({ min: 10_000, max: 80_000 }),
  })
  .map((r) => ({
    ...defaultRules,
    earning: {
      ...defaultRules.earning,
      pointsPer100YuanByTier: { ...defaultRules.earning.pointsPer100YuanByTier, member: r.member },
      birthdayMonthPercent: r.birthday,
    },
    vip: { ...defaultRules.vip, renewFen: r.renewFen },
  }))

const shopper = (w: World) => fc.constantFrom(...w.shoppers.map((s) => s.openid))
const staffCaller = () => fc.constantFrom(ASSISTANT, MANAGER)
const manager = () => fc.constant(MANAGER)
const operator = () => fc.constant(OPERATOR)
const none = () => ({})

// ---------------------------------------------------------------------------------------------------------
// The tables

export const MEMBER: Specs<'member'> = {
  join: {
    callers: (w) => fc.oneof({ arbitrary: fc.constant(FRESH), weight: 9 }, { arbitrary: shopper(w), weight: 1 }),
    fields: (w) => ({
      name,
      mobile,
      birthday,
      consent: fc.constant({ accepted: true, version: PRIVACY_NOTICE_VERSION }),
      scene: fc.constantFrom(encodeURIComponent(DEMO_JOIN_SCENE), DEMO_JOIN_SCENE, 's=SH001', 's=NOPE01', ''),
      referral: fc.oneof(
        fc.constantFrom(...w.shoppers.map((s) => s.referralCode)),
        fc.constantFrom(...w.shoppers.map((s) => `r%3D${s.referralCode}`)),
        fc.string({ maxLength: 8 }),
      ),
    }),
    optional: ['name', 'scene', 'referral'],
  },
  joinOffer: {
    callers: (w) => fc.oneof(shopper(w), fc.constant(FRESH)),
    fields: () => ({
      scene: fc.constantFrom(encodeURIComponent(DEMO_JOIN_SCENE), DEMO_JOIN_SCENE, 's=SH001', 's=NOPE01', '', 's=SH001&a=ZZ'),
    }),
    optional: ['scene'],
  },
  getCard: { callers: shopper, fields: none },
  pointsHistory: {
    callers: shopper,
    fields: () => ({ cursor: fc.oneof(fc.constant(null), fc.constant('2026-11-20T04:00:00.000Z|zzz'), fc.string({ maxLength: 40 })) }),
    optional: ['cursor'],
  },
  coupons: { callers: shopper, fields: none },
  catalog: { callers: shopper, fields: none },
  exchange: { callers: shopper, fields: (w) => ({ itemId: fc.oneof(fc.constantFrom(...w.itemIds), id), requestId }) },
  campaigns: { callers: shopper, fields: none },
  claimCampaign: { callers: shopper, fields: (w) => ({ campaignId: fc.oneof(fc.constantFrom(...w.campaignIds), id) }) },
  recordSubscription: {
    callers: shopper,
    fields: () => ({ template: fc.constantFrom('birthdayCoupon', 'eventReminder', 'waitlistPromoted'), accepted: fc.boolean() }),
  },
  invite: { callers: shopper, fields: none },
  codeSecret: { callers: shopper, fields: none },
  resetMemberCode: { callers: (w) => fc.oneof(fc.constantFrom(...w.disposable.map((s) => s.openid)), fc.constant(FRESH)), fields: none },
  myData: { callers: shopper, fields: none, validWeight: 5 },
  deleteMembership: {
    callers: (w) => fc.oneof(fc.constantFrom(...w.disposable.map((s) => s.openid)), fc.constant(FRESH)),
    fields: () => ({ confirm: fc.constantFrom(DELETE_CONFIRM_PHRASE, ` ${DELETE_CONFIRM_PHRASE} `) }),
  },
  handbook: { callers: (w) => fc.oneof(shopper(w), fc.constant(FRESH)), fields: none },
  profile: { callers: shopper, fields: none },
  updateProfile: {
    callers: shopper,
    fields: () => ({
      name,
      // Mostly not the birthday on file: refused, and nothing else of the edit may land.
      birthday,
      clothingSize: fc.constantFrom('M', 'L/170', '', '均码', 'XL(加大)'),
      shoeSize: fc.constantFrom('37', '38.5', '', '42'),
      children: fc.array(fc.record({ name: fc.constantFrom('大宝', '小宝', 'Mia'), size: fc.constantFrom('110', '120cm', '130') }), {
        maxLength: 3,
      }),
      colours: fc.array(fc.constantFrom('驼色', '米白', '雾蓝', '黑色'), { maxLength: 4 }),
      styles: fc.array(fc.constantFrom('通勤', '休闲', '简约'), { maxLength: 3 }),
      deliveryAddress: fc.oneof(
        fc.constant(null),
        fc.record({ recipient: name, phone: mobile, address: fc.constantFrom('上海市静安区南京西路1515号', '北京市朝阳区三里屯路19号') }),
      ),
      messages: fc.record({ newArrivals: fc.boolean(), events: fc.boolean(), birthday: fc.boolean(), pointsExpiry: fc.boolean() }),
    }),
    optional: ['name', 'birthday', 'clothingSize', 'shoeSize', 'children', 'colours', 'styles', 'deliveryAddress', 'messages'],
  },
  homeStore: { callers: shopper, fields: none },
  changeStore: { callers: shopper, fields: () => ({ storeId: fc.constantFrom(STORE_ID, 'NOPE01') }) },
  // Codes WeChat never issued: the local cloud's phone stand-in refuses them (test/cloud/change-mobile.test.ts uses real ones).
  changeMobile: { callers: shopper, fields: () => ({ phoneCode: fc.stringMatching(/^[a-z0-9-]{6,20}$/) }) },
  // A code of the right shape that names no invitation (test/cloud/store-admin.test.ts accepts real ones).
  acceptInvitation: {
    callers: (w) => fc.oneof(fc.constant(FRESH), shopper(w)),
    fields: () => ({ code: fc.stringMatching(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$/) }),
  },
}

/** A coupon's id as the till's scan lists them: mostly none the world holds (ids embed the holder's openid). */
const couponId = fc.constantFrom('welcome:nobody', 'bday:nobody:2026', 'exchange:nobody:req-00000001')

export const STAFF: Specs<'staff'> = {
  whoami: { callers: staffCaller, fields: none },
  scanMember: { callers: staffCaller, fields: (w) => ({ code: fc.oneof(memberCode(w), dynamicCode(w)) }) },
  recordPurchase: {
    callers: staffCaller,
    fields: (w) => ({
      memberCode: fc.oneof({ arbitrary: dynamicCode(w), weight: 4 }, { arbitrary: memberCode(w), weight: 1 }),
      amountFen,
      orderNo: orderNo(w),
      couponCode: couponCode(w),
      couponId,
      marginFen: fc.integer({ min: 0, max: 1_000 }),
    }),
    optional: ['couponCode', 'couponId', 'marginFen'],
  },
  lookupOrder: { callers: staffCaller, fields: (w) => ({ orderNo: orderNo(w) }) },
  recordRefund: {
    callers: staffCaller,
    fields: (w) => ({ orderNo: orderNo(w), amountFen: fc.integer({ min: 1, max: 40_000 }), requestId }),
  },
  previewRefund: {
    callers: staffCaller,
    fields: (w) => ({ orderNo: orderNo(w), amountFen: fc.integer({ min: 1, max: 40_000 }) }),
  },
  redeemCatalog: { callers: staffCaller, fields: none },
  redeemPoints: {
    callers: staffCaller,
    fields: (w) => ({
      memberCode: fc.oneof({ arbitrary: dynamicCode(w), weight: 4 }, { arbitrary: memberCode(w), weight: 1 }),
      // A catalog item (known or not), or free text (a manager's; an assistant's is refused).
      itemId: fc.constantFrom('tote-bag', 'coupon-50off500', 'no-such-item'),
      points: fc.integer({ min: 1, max: 500 }),
      reason: words,
      requestId,
    }),
    optional: ['itemId', 'points', 'reason'],
  },
  lookupCoupon: {
    callers: staffCaller,
    fields: (w) => ({ code: couponCode(w), couponId, amountFen }),
    optional: ['code', 'couponId', 'amountFen'],
  },
  redeemGiftCoupon: {
    callers: staffCaller,
    fields: (w) => ({ code: fc.oneof(fc.constantFrom(...w.giftCouponCodes), couponCode(w)), requestId }),
  },
  undoCouponUse: { callers: staffCaller, fields: (w) => ({ code: couponCode(w), couponId }), optional: ['code', 'couponId'] },
  correctBirthday: {
    callers: staffCaller,
    fields: (w) => ({ memberCode: memberCode(w), birthday, reason: words.filter((s) => s.length >= 4) }),
  },
  customers: {
    callers: staffCaller,
    fields: () => ({ search: fc.constantFrom('顾客', '张', '1234', ''), offset: fc.integer({ min: 0, max: 100 }) }),
    optional: ['search', 'offset'],
  },
  customer: { callers: staffCaller, fields: (w) => ({ code: memberCode(w) }) },
  today: { callers: staffCaller, fields: none },
  todayCounts: { callers: staffCaller, fields: none },
  revealPhone: { callers: staffCaller, fields: (w) => ({ memberCode: memberCode(w), requestId }) },
  logCallback: {
    callers: staffCaller,
    fields: (w) => ({
      memberCode: memberCode(w),
      outcome: fc.constantFrom('reached', 'message', 'noAnswer', 'declined'),
      note: words,
      nextDate: businessDate,
      requestId,
    }),
    optional: ['note', 'nextDate'],
  },
  updateCustomerCard: {
    callers: staffCaller,
    fields: (w) => ({
      memberCode: memberCode(w),
      profile: fc.record(
        {
          clothingSize: fc.constantFrom('M', 'L', '165/88A'),
          shoeSize: fc.constantFrom('37', '42'),
          children: fc.array(fc.record({ name: fc.constantFrom('乐乐', '小宝'), size: fc.constantFrom('110', '120') }), { maxLength: 2 }),
          colours: fc.array(fc.constantFrom('藏青', '米白', '红'), { maxLength: 3 }),
          styles: fc.array(fc.constantFrom('通勤', '休闲'), { maxLength: 2 }),
          notes: words,
        },
        { requiredKeys: [] },
      ),
    }),
  },
  reassign: {
    callers: manager,
    fields: (w) => ({
      memberCode: memberCode(w),
      staffId: fc.oneof(fc.constantFrom(...STAFF_IDS), fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/)),
    }),
  },
  callbackStats: { callers: manager, fields: () => ({ month: fc.constantFrom('2026-11', '2026-10', '2025-01') }), optional: ['month'] },
  storeStaff: { callers: staffCaller, fields: none },
  codeAlerts: { callers: manager, fields: none },
  resumeTill: {
    callers: manager,
    fields: () => ({
      staffId: fc.oneof(
        fc.constantFrom(...STAFF_IDS),
        fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/),
        fc.stringMatching(/^pos:pk_[0-9a-f]{16}$/),
      ),
    }),
  },
  team: { callers: manager, fields: none },
  inviteAssistant: {
    callers: manager,
    fields: () => ({ name: fc.constantFrom('李娜', '张伟'), staffId: fc.stringMatching(/^G[0-9]{2,4}$/), requestId: ownOrRandom }),
  },
  teamInvitationQr: { callers: manager, fields: () => ({ code: fc.stringMatching(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$/) }) },
  // Only numbers nobody holds: deactivating the world's staff would end the staff actions' runs.
  deactivateAssistant: { callers: manager, fields: () => ({ staffId: fc.constantFrom('Z99', 'X01') }) },
  previewHandOver: {
    callers: manager,
    fields: () => ({ fromStaffId: fc.constantFrom(...STAFF_IDS), toStaffIds: fc.subarray([...STAFF_IDS, 'Z99'], { minLength: 1 }) }),
  },
  handOverCustomers: {
    callers: manager,
    fields: () => ({
      fromStaffId: fc.constantFrom(...STAFF_IDS),
      toStaffIds: fc.subarray([...STAFF_IDS, 'Z99'], { minLength: 1 }),
      requestId: ownOrRandom,
    }),
  },
}

const eventWords = {
  title: fc.constantFrom('冬季新品品鉴会', '亲子手作课', 'Salon 沙龙'),
  description: fc.constantFrom('', '设计师讲解新季面料', '欢迎携家人参加'),
  cover: fc.constant(''),
  capacity: fc.integer({ min: 1, max: 50 }),
}

export const EVENT: Specs<'event'> = {
  list: { callers: shopper, fields: none },
  rsvp: {
    callers: shopper,
    fields: (w) => ({ eventId: fc.oneof(fc.constantFrom(...w.eventIds), id), guests: fc.integer({ min: 0, max: 1 }) }),
    optional: ['guests'],
  },
  cancel: { callers: shopper, fields: (w) => ({ eventId: fc.oneof(fc.constantFrom(...w.eventIds), id) }) },
  mine: { callers: shopper, fields: none },
  checkIn: { callers: staffCaller, fields: (w) => ({ ticketCode: fc.oneof(fc.constantFrom(...w.ticketCodes), checkedCode(10)) }) },
  guestList: { callers: staffCaller, fields: (w) => ({ eventId: fc.oneof(fc.constantFrom(...w.eventIds), id) }) },
  storeEvents: { callers: staffCaller, fields: none },
  create: {
    callers: operator,
    fields: () => ({
      ...eventWords,
      times: eventTimes,
      storeId: fc.constantFrom(STORE_ID, 'NOPE01'),
      tiers,
      attendancePoints: fc.integer({ min: 0, max: 100 }),
      maxGuests: fc.integer({ min: 0, max: 2 }),
      requestId: ownOrRandom,
    }),
  },
  update: {
    callers: operator,
    fields: () => ({ eventId: fc.constantFrom(...OWN.map((r) => `ev-${r}`)), ...eventWords, times: eventTimes }),
  },
  close: { callers: operator, fields: () => ({ eventId: fc.oneof(fc.constantFrom(...OWN.map((r) => `ev-${r}`)), id) }) },
  manageList: { callers: operator, fields: none },
  listEvents: {
    callers: operator,
    fields: () => ({
      filter: fc.record(
        {
          phase: fc.constantFrom('upcoming', 'running', 'closed', 'ended'),
          storeId: fc.constantFrom(STORE_ID, 'NOPE01'),
          search: fc.constantFrom('品鉴', 'Salon', '课'),
        },
        { requiredKeys: [] },
      ),
      sort: fc.record({ by: fc.constantFrom('startsAt', 'createdAt'), order: fc.constantFrom('asc', 'desc') }),
      limit: fc.integer({ min: 1, max: 100 }),
    }),
    optional: ['filter', 'sort', 'limit'],
  },
  eventGuests: {
    callers: operator,
    fields: (w) => ({
      eventId: fc.oneof(fc.constantFrom(...w.eventIds), id),
      filter: fc.record({ status: fc.constantFrom('confirmed', 'waitlisted', 'cancelled'), checkedIn: fc.boolean() }, { requiredKeys: [] }),
      sort: fc.record({ by: fc.constantFrom('createdAt', 'checkedInAt'), order: fc.constantFrom('asc', 'desc') }),
      limit: fc.integer({ min: 1, max: 100 }),
    }),
    optional: ['filter', 'sort', 'limit'],
  },
}

const audience = (w: World) =>
  fc.oneof(
    fc.constant({ kind: 'all' }),
    tiers.map((t) => ({ kind: 'tiers', tiers: t })),
    fc.constant({ kind: 'store', storeId: STORE_ID }),
    fc
      .subarray(
        w.shoppers.map((s) => s.memberNo),
        { minLength: 1 },
      )
      .map((memberCodes) => ({ kind: 'list', memberCodes })),
    fc.subarray(['A', 'B', 'C', 'D'], { minLength: 1 }).map((classes) => ({ kind: 'classes', classes })),
    fc.record({ kind: fc.constant('top'), list: fc.constantFrom('loyal', 'main', 'big'), count: fc.integer({ min: 1, max: 5 }) }),
  )

export const OPS: Specs<'ops'> = {
  whoami: { callers: operator, fields: none },
  lookupMember: { callers: operator, fields: (w) => ({ code: memberCode(w) }) },
  memberLedger: {
    callers: operator,
    fields: (w) => ({ code: memberCode(w), cursor: fc.oneof(fc.constant(null), fc.string({ maxLength: 40 })) }),
    optional: ['cursor'],
  },
  adjustPoints: {
    callers: operator,
    fields: (w) => ({
      memberCode: memberCode(w),
      points: fc.integer({ min: -300, max: 300 }).filter((n) => n !== 0),
      reason: words.filter((s) => s.length >= 4),
      requestId,
    }),
  },
  couponTemplates: { callers: operator, fields: none },
  stores: { callers: operator, fields: none },
  createCampaign: {
    callers: operator,
    fields: (w) => ({
      title: fc.constantFrom('冬季会员专享券', '新品 VIP 礼遇'),
      templateId: fc.oneof(fc.constantFrom(...w.templateIds), id),
      mode: fc.constantFrom('claim', 'issue'),
      audience: audience(w),
      opensAt: instant,
      vipEarlyDays: fc.integer({ min: 0, max: 3 }),
      endsAt: instant,
      requestId: ownOrRandom,
    }),
  },
  campaigns: { callers: operator, fields: none },
  referrals: {
    callers: operator,
    fields: () => ({ status: fc.constantFrom('pending', 'rewarded', 'capped', 'held', 'rejected') }),
    optional: ['status'],
  },
  reviewReferral: { callers: operator, fields: (w) => ({ inviteeCode: memberCode(w), decision: fc.constantFrom('approve', 'reject') }) },
  program: { callers: operator, fields: none },
  updateProgram: {
    callers: operator,
    fields: () => ({
      baseVersion: fc.integer({ min: 1, max: 4 }),
      rules,
      note: fc.constantFrom('调整普通会员积分比例', '生日月双倍积分'),
      requestId,
    }),
  },
  programHistory: { callers: operator, fields: () => ({ before: fc.integer({ min: 1, max: 10 }) }), optional: ['before'] },
  segments: { callers: operator, fields: none },
  dashboard: {
    callers: operator,
    fields: () => ({
      days: fc.integer({ min: 1, max: 180 }),
      // Up to CLOCK's business day (a later one is refused) and before it.
      to: fc
        .integer({ min: 0, max: 60 })
        .map((back) => new Date(Date.parse(CLOCK) + 8 * 3_600_000 - back * DAY).toISOString().slice(0, 10)),
      storeId: fc.constantFrom(STORE_ID, 'NOPE01'),
    }),
    optional: ['days', 'to', 'storeId'],
  },
  updateCampaign: {
    callers: operator,
    fields: () => ({ campaignId: fc.constantFrom(...OWN.map((r) => `cmp-${r}`)), title: fc.constantFrom('改名后的活动'), endsAt: instant }),
  },
  closeCampaign: { callers: operator, fields: () => ({ campaignId: fc.oneof(fc.constantFrom(...OWN.map((r) => `cmp-${r}`)), id) }) },
  audienceSize: { callers: operator, fields: (w) => ({ audience: audience(w) }) },
  campaignFigures: {
    callers: operator,
    fields: () => ({ campaignIds: fc.array(fc.oneof(fc.constantFrom(...OWN.map((r) => `cmp-${r}`)), id), { maxLength: 5 }) }),
  },
  messageFigures: { callers: operator, fields: () => ({ month: fc.constantFrom('2026-11', '2026-12', '2027-01') }) },
  listCampaigns: {
    callers: operator,
    fields: () => ({
      filter: fc.record({ active: fc.boolean(), search: fc.constantFrom('冬季', '满减', '会员') }, { requiredKeys: [] }),
      sort: fc.record({ by: fc.constantFrom('createdAt', 'opensAt'), order: fc.constantFrom('asc', 'desc') }),
      cursor: fc.oneof(fc.constant(null), fc.string({ maxLength: 40 })),
      limit: fc.integer({ min: 1, max: 100 }),
    }),
    optional: ['filter', 'sort', 'cursor', 'limit'],
  },
  listReferrals: {
    callers: operator,
    fields: () => ({
      filter: fc.record({ status: fc.constantFrom('pending', 'rewarded', 'capped', 'held', 'rejected') }, { requiredKeys: [] }),
      sort: fc.record({ by: fc.constant('joinedAt'), order: fc.constantFrom('asc', 'desc') }),
      cursor: fc.oneof(fc.constant(null), fc.string({ maxLength: 40 })),
      limit: fc.integer({ min: 1, max: 100 }),
    }),
    optional: ['filter', 'sort', 'cursor', 'limit'],
  },
  customers: {
    callers: operator,
    fields: () => ({
      storeId: fc.constantFrom(STORE_ID, 'NOPE01'),
      search: fc.constantFrom('顾客', '1234'),
      offset: fc.integer({ min: 0, max: 50 }),
    }),
    optional: ['storeId', 'search', 'offset'],
  },
  customer: { callers: operator, fields: (w) => ({ code: memberCode(w) }) },
  today: { callers: operator, fields: () => ({ storeId: fc.constantFrom(STORE_ID, 'NOPE01') }), optional: ['storeId'] },
  storeDirectory: { callers: operator, fields: none },
  // Each valid call draws a code (a PNG on the local cloud): weighed low, so the run stays short.
  storeCode: {
    callers: operator,
    fields: () => ({
      storeId: fc.constantFrom(STORE_ID, 'NOPE01'),
      assistantId: fc.oneof(fc.constant(null), fc.constantFrom(...STAFF_IDS), fc.constant('Z99')),
    }),
    optional: ['assistantId'],
    validWeight: 5,
  },
  members: {
    callers: operator,
    fields: (w) => ({
      filter: fc.record(
        {
          storeId: fc.constantFrom(STORE_ID, 'NOPE01'),
          assistantId: fc.constantFrom(...STAFF_IDS),
          tier: fc.constantFrom('member', 'vip', 'gold'),
          customerClass: fc.constantFrom('A', 'B', 'C', 'D'),
          joinedFrom: fc.constantFrom('2026-01-01', '2026-11-20'),
          joinedTo: fc.constantFrom('2026-11-30', '2027-01-01'),
          lastVisitBefore: fc.constantFrom('2026-11-01', '2027-06-01'),
          birthdayMonth: fc.integer({ min: 1, max: 12 }),
          pointsAtLeast: fc.integer({ min: 0, max: 5_000 }),
          search: fc.oneof(fc.constantFrom('顾客', '1234'), fc.constantFrom(...w.shoppers.map((s) => s.memberNo))),
        },
        { requiredKeys: [] },
      ),
      sort: fc.record({
        by: fc.constantFrom('joinedAt', 'lastVisitAt', 'pointsBalance', 'lifetimeSpendFen', 'name'),
        order: fc.constantFrom('asc', 'desc'),
      }),
      cursor: fc.oneof(fc.constant(null), fc.string({ maxLength: 40 })),
      limit: fc.integer({ min: 1, max: 100 }),
    }),
    optional: ['filter', 'sort', 'cursor', 'limit'],
  },
  member: { callers: operator, fields: (w) => ({ code: memberCode(w) }) },
  memberPurchases: {
    callers: operator,
    fields: (w) => ({
      code: memberCode(w),
      cursor: fc.oneof(fc.constant(null), fc.string({ maxLength: 40 })),
      limit: fc.integer({ min: 1, max: 100 }),
    }),
    optional: ['cursor', 'limit'],
  },
  memberCoupons: {
    callers: operator,
    fields: (w) => ({
      code: memberCode(w),
      cursor: fc.oneof(fc.constant(null), fc.string({ maxLength: 40 })),
      limit: fc.integer({ min: 1, max: 100 }),
    }),
    optional: ['cursor', 'limit'],
  },
  correctMemberBirthday: {
    callers: operator,
    fields: (w) => ({ memberCode: memberCode(w), birthday, reason: words.filter((s) => s.length >= 4), requestId }),
  },
  moveMemberStore: {
    callers: operator,
    fields: (w) => ({
      memberCode: memberCode(w),
      storeId: fc.constantFrom(STORE_ID, 'NOPE01'),
      assistantId: fc.oneof(fc.constant(null), fc.constantFrom(...STAFF_IDS), fc.constant('Z99')),
      reason: words.filter((s) => s.length >= 4),
      requestId,
    }),
    optional: ['assistantId'],
  },
}

/** The `setup` function: templates, catalog, stores, staff, operators and invitations (the desk's setup screens). */
export const SETUP: Specs<'setup'> = {
  listCouponTemplates: {
    callers: operator,
    fields: () => ({
      filter: fc.record(
        {
          active: fc.boolean(),
          kind: fc.constantFrom('percentOff', 'amountOff', 'gift'),
          tier: fc.constantFrom('member', 'vip', 'gold'),
          search: fc.constantFrom('礼券', '7折', 'VIP'),
        },
        { requiredKeys: [] },
      ),
      sort: fc.record({ by: fc.constantFrom('createdAt', 'title'), order: fc.constantFrom('asc', 'desc') }),
      cursor: fc.constant(null),
      limit: fc.integer({ min: 1, max: 100 }),
    }),
    optional: ['filter', 'sort', 'cursor', 'limit'],
  },
  saveCouponTemplate: {
    callers: operator,
    fields: () => ({
      requestId: ownOrRandom,
      templateId: fc.constantFrom(...OWN.map((r) => `tpl-${r}`)),
      revision: fc.integer({ min: 1, max: 3 }),
      title: fc.constantFrom('冬季满减券', '会员 9 折券', '围巾礼品券'),
      note: fc.constantFrom('', '单笔消费可用'),
      benefit: fc.oneof(
        fc.record({ kind: fc.constant('percentOff'), percentOff: fc.integer({ min: 1, max: 50 }) }),
        fc.record({ kind: fc.constant('amountOff'), amountOffFen: fc.constant(2_000), minSpendFen: fc.constantFrom(0, 20_000) }),
        fc.record({ kind: fc.constant('gift'), giftName: fc.constantFrom('围巾', '帆布袋') }),
      ),
      validity: fc.oneof(
        fc.record({ kind: fc.constant('daysFromIssue'), days: fc.integer({ min: 1, max: 90 }) }),
        fc.constant({ kind: 'birthdayMonth' }),
        fc.constant({ kind: 'fixed', from: '2026-12-01T00:00:00+08:00', until: '2027-01-01T00:00:00+08:00' }),
      ),
      tiers,
      stockTotal: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 500 })),
      combinesWithVipPrice: fc.boolean(),
    }),
    optional: ['templateId', 'revision'],
  },
  retireCouponTemplate: {
    callers: operator,
    fields: (w) => ({
      templateId: fc.oneof(fc.constantFrom(...OWN.map((r) => `tpl-${r}`)), fc.constantFrom(...w.templateIds), id),
      acknowledgeInUse: fc.constant(false),
    }),
    optional: ['acknowledgeInUse'],
  },
  reactivateCouponTemplate: {
    callers: operator,
    fields: (w) => ({ templateId: fc.oneof(fc.constantFrom(...OWN.map((r) => `tpl-${r}`)), fc.constantFrom(...w.templateIds), id) }),
  },
  listCatalogItems: {
    callers: operator,
    fields: () => ({
      filter: fc.record(
        {
          active: fc.boolean(),
          tier: fc.constantFrom('member', 'vip', 'gold'),
          earlyAccess: fc.boolean(),
          search: fc.constantFrom('帆布袋', '券'),
        },
        { requiredKeys: [] },
      ),
      sort: fc.record({ by: fc.constantFrom('sort', 'pointsPrice', 'title'), order: fc.constantFrom('asc', 'desc') }),
      cursor: fc.constant(null),
      limit: fc.integer({ min: 1, max: 100 }),
    }),
    optional: ['filter', 'sort', 'cursor', 'limit'],
  },
  saveCatalogItem: {
    callers: operator,
    fields: (w) => ({
      requestId: ownOrRandom,
      itemId: fc.constantFrom(...OWN.map((r) => `item-${r}`)),
      revision: fc.integer({ min: 1, max: 3 }),
      title: fc.constantFrom('羊绒围巾', '保温杯'),
      description: fc.constantFrom('', '兑换后凭券到店领取'),
      image: fc.constant(''),
      pointsPrice: fc.integer({ min: 1, max: 2_000 }),
      templateId: fc.oneof(fc.constantFrom(...w.templateIds), id),
      tiers,
      perMemberLimit: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 5 })),
      earlyAccess: fc.oneof(fc.constant(null), fc.record({ opensAt: instant, vipDays: fc.integer({ min: 0, max: 3 }) })),
      sort: fc.integer({ min: 0, max: 100 }),
      stockTotal: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 100 })),
      storeStock: fc.oneof(fc.constant(null), fc.constant([{ storeId: STORE_ID, total: 5 }])),
    }),
    optional: ['itemId', 'revision'],
  },
  retireCatalogItem: {
    callers: operator,
    fields: (w) => ({ itemId: fc.oneof(fc.constantFrom(...OWN.map((r) => `item-${r}`)), fc.constantFrom(...w.itemIds), id) }),
  },
  reactivateCatalogItem: {
    callers: operator,
    fields: (w) => ({ itemId: fc.oneof(fc.constantFrom(...OWN.map((r) => `item-${r}`)), fc.constantFrom(...w.itemIds), id) }),
  },
  listStores: {
    callers: operator,
    fields: () => ({
      filter: fc.record({ status: fc.constantFrom('active', 'closed'), search: fc.constantFrom('上海', 'SH', '店') }, { requiredKeys: [] }),
      sort: fc.record({ by: fc.constantFrom('id', 'name'), order: fc.constantFrom('asc', 'desc') }),
      limit: fc.integer({ min: 1, max: 100 }),
    }),
    optional: ['filter', 'sort', 'limit'],
  },
  saveStore: {
    callers: operator,
    fields: () => ({
      mode: fc.constantFrom('create', 'edit'),
      storeId: fc.constantFrom(STORE_ID, 'FZ001', 'FZ002'),
      name: fc.constantFrom('测试门店', '北京三里屯店'),
      address: fc.constantFrom('北京市朝阳区三里屯路19号'),
      location: fc.oneof(fc.constant(null), fc.constant({ latitude: 39.93, longitude: 116.45 })),
      hours: fc.constant(
        Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, { opens: '10:00', closes: '22:00' }])),
      ),
      phone: fc.constantFrom('010-8888-6666', '13812345678', '400-820-8820'),
      active: fc.boolean(),
    }),
  },
  listStaff: {
    callers: operator,
    fields: () => ({
      filter: fc.record(
        {
          storeId: fc.constantFrom(STORE_ID, 'NOPE01'),
          role: fc.constantFrom('assistant', 'manager'),
          active: fc.boolean(),
          search: fc.constantFrom('王', 'A0'),
        },
        { requiredKeys: [] },
      ),
      sort: fc.record({ by: fc.constantFrom('store', 'name', 'staffId'), order: fc.constantFrom('asc', 'desc') }),
      limit: fc.integer({ min: 1, max: 100 }),
    }),
    optional: ['filter', 'sort', 'limit'],
  },
  inviteStaff: {
    callers: operator,
    fields: () => ({
      storeId: fc.constantFrom(STORE_ID, 'NOPE01'),
      role: fc.constantFrom('assistant', 'manager'),
      name: fc.constantFrom('李娜', '张伟'),
      staffId: fc.stringMatching(/^F[0-9]{2,4}$/),
      requestId: ownOrRandom,
    }),
  },
  // Only numbers nobody holds: deactivating the world's staff would end the staff actions' runs.
  deactivateStaff: { callers: operator, fields: () => ({ staffId: fc.constantFrom('Z99', 'X01') }) },
  previewHandOver: {
    callers: operator,
    fields: () => ({ fromStaffId: fc.constantFrom(...STAFF_IDS), toStaffIds: fc.subarray([...STAFF_IDS, 'Z99'], { minLength: 1 }) }),
  },
  handOverCustomers: {
    callers: operator,
    fields: () => ({
      fromStaffId: fc.constantFrom(...STAFF_IDS),
      toStaffIds: fc.subarray([...STAFF_IDS, 'Z99'], { minLength: 1 }),
      requestId: ownOrRandom,
    }),
  },
  listOperators: {
    callers: operator,
    fields: () => ({
      filter: fc.record({ active: fc.boolean(), search: fc.constantFrom('陈', 'OP') }, { requiredKeys: [] }),
      sort: fc.record({ by: fc.constantFrom('operatorId', 'name'), order: fc.constantFrom('asc', 'desc') }),
      limit: fc.integer({ min: 1, max: 100 }),
    }),
    optional: ['filter', 'sort', 'limit'],
  },
  inviteOperator: {
    callers: operator,
    fields: () => ({
      name: fc.constantFrom('林悦', '王芳'),
      operatorId: fc.stringMatching(/^OP[0-9]{2,4}$/),
      areas: fc.subarray(['members', 'rules', 'catalog', 'marketing', 'stores', 'reports', 'exports']),
      exportPII: fc.boolean(),
      requestId: ownOrRandom,
    }),
  },
  // Only operators nobody is, or the caller (who cannot deactivate themselves): the world's operator keeps every power.
  setOperatorPermissions: {
    callers: operator,
    fields: () => ({ operatorId: fc.constantFrom('OP98', 'OP99'), areas: fc.subarray(['members', 'stores']), exportPII: fc.boolean() }),
  },
  deactivateOperator: { callers: operator, fields: () => ({ operatorId: fc.constantFrom('OP01', 'OP99') }) },
  listInvitations: {
    callers: operator,
    fields: () => ({
      filter: fc.record(
        { kind: fc.constantFrom('staff', 'operator'), status: fc.constantFrom('open', 'used', 'expired', 'revoked') },
        { requiredKeys: [] },
      ),
      sort: fc.record({ by: fc.constant('createdAt'), order: fc.constantFrom('asc', 'desc') }),
      limit: fc.integer({ min: 1, max: 100 }),
    }),
    optional: ['filter', 'sort', 'limit'],
  },
  revokeInvitation: { callers: operator, fields: () => ({ code: fc.stringMatching(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$/) }) },
  invitationQr: { callers: operator, fields: () => ({ code: fc.stringMatching(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$/) }) },
  // The POS API's keys: a store that exists or not; keys nobody made (revoking one answers that there is none).
  createPosKey: {
    callers: operator,
    fields: () => ({ storeId: fc.constantFrom(STORE_ID, 'NOPE01'), label: fc.constantFrom('收银机 1', 'ERP') }),
    validWeight: 2,
  },
  listPosKeys: { callers: operator, fields: () => ({ storeId: fc.constantFrom(STORE_ID, 'NOPE01') }), optional: ['storeId'] },
  revokePosKey: { callers: operator, fields: () => ({ keyId: fc.stringMatching(/^pk_[0-9a-f]{16}$/) }) },
}

export const EXPORT: Specs<'export'> = {
  // Each valid export reads every member or a range of days and writes a file: rare, so the run stays short.
  members: { callers: operator, fields: none, validWeight: 1 },
  ledger: {
    callers: operator,
    fields: () => ({ from: fc.constantFrom('2026-11-01', '2026-11-20'), to: fc.constantFrom('2026-11-20', '2026-11-30') }),
    validWeight: 2,
  },
}

export const IMPORT: Specs<'import'> = {
  // Valid calls go on with the world's checked import (or a job id nobody has); starting one needs an uploaded file,
  // which the world made (test/cloud/member-import.test.ts covers starting).
  dryRun: {
    callers: operator,
    fields: (w) => ({
      jobId: fc.oneof(fc.constantFrom(...w.importJobIds), fc.stringMatching(/^imp-[0-9a-f]{24}$/)),
      maxRows: fc.integer({ min: 1, max: 50 }),
    }),
    optional: ['maxRows'],
  },
  run: {
    callers: operator,
    fields: (w) => ({
      jobId: fc.oneof(fc.constantFrom(...w.importJobIds), fc.stringMatching(/^imp-[0-9a-f]{24}$/)),
      maxRows: fc.integer({ min: 1, max: 50 }),
    }),
    optional: ['maxRows'],
  },
}

// ---------------------------------------------------------------------------------------------------------
// Events

/** Paths of every value inside `value` (objects and arrays), for replacing one deep inside. */
const valueAt = (value: unknown, path: (string | number)[]): unknown =>
  path.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined), value)
const pathsOf = (value: unknown, prefix: (string | number)[] = []): (string | number)[][] => {
  if (value === null || typeof value !== 'object' || value instanceof Timed) return [prefix]
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value)
  return [prefix, ...entries.flatMap(([k, v]) => pathsOf(v, [...prefix, k]))]
}
const replaceAt = (value: unknown, path: (string | number)[], replacement: unknown): unknown => {
  if (path.length === 0) return replacement
  const [head, ...rest] = path
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? replaceAt(v, rest, replacement) : v))
  return { ...(value as Record<string, unknown>), [head]: replaceAt((value as Record<string, unknown>)[head], rest, replacement) }
}
const omit = (record: Record<string, unknown>, keys: string[]) =>
  Object.fromEntries(Object.entries(record).filter(([k]) => !keys.includes(k)))

/** Identity fields a client might add to claim someone else's powers. */
export const forgedFields = (w: World): Record<string, unknown> => ({
  openid: OPERATOR,
  _openid: w.shoppers[0].openid,
  OPENID: MANAGER,
  userInfo: { openId: OPERATOR, appId: 'wx-forged' },
  role: 'manager',
  storeId: 'BJ999',
  staffId: 'M01',
  operatorId: 'OP01',
  memberId: w.shoppers[1].openid,
  unionid: 'forged-unionid',
})

const extras = (w: World): fc.Arbitrary<Record<string, unknown>> =>
  fc.oneof(
    { arbitrary: fc.constant({}), weight: 12 },
    { arbitrary: pollutionKeys, weight: 2 },
    { arbitrary: fc.constant(forgedFields(w)), weight: 1 },
    { arbitrary: fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }), weight: 1 },
  )

/** The input actually sent: `times` (event times kept in order) is spread into the payload. */
const flatten = (record: Record<string, unknown>) => {
  const { times, ...rest } = record
  return times && typeof times === 'object' && !Array.isArray(times) ? { ...rest, ...(times as object) } : rest
}

/** One input; `refuse` says why the schema must refuse it (a field replaced by a value no field may take). */
export interface Input {
  input: unknown
  refuse?: { field: string; why: string }
}

/** Inputs for one action: valid, one field bad (at any depth), many fields bad, fields missing, the whole input wrong. */
export const inputsFor = (spec: ActionSpec, w: World): fc.Arbitrary<Input> => {
  const fields = spec.fields(w)
  const names = Object.keys(fields)
  const optional = spec.optional ?? []
  const valid = fc.record(fields, { requiredKeys: names.filter((n) => !optional.includes(n)) }).map(flatten)
  const plain = (a: fc.Arbitrary<unknown>) => a.map((input): Input => ({ input }))
  const kinds: fc.WeightedArbitrary<Input>[] = [{ arbitrary: plain(valid), weight: spec.validWeight ?? 30 }]
  if (names.length > 0) {
    kinds.push(
      {
        arbitrary: fc.tuple(valid, fc.nat()).chain(([input, pick]): fc.Arbitrary<Input> => {
          const paths = pathsOf(input).slice(1)
          if (paths.length === 0) return fc.constant({ input })
          const path = paths[pick % paths.length]
          const at = valueAt(input, path)
          const original = at instanceof Timed ? at.value : at
          return nastyFor(original).map((bad) => {
            const why = mustRefuse(path, original, bad)
            return { input: replaceAt(input, path, bad), ...(why ? { refuse: { field: path.join('.'), why } } : {}) }
          })
        }),
        weight: 40,
      },
      { arbitrary: plain(fc.record(Object.fromEntries(names.map((n) => [n, fc.oneof(fields[n], anyNasty)]))).map(flatten)), weight: 20 },
      { arbitrary: plain(fc.tuple(valid, fc.subarray(names, { minLength: 1 })).map(([input, drop]) => omit(input, drop))), weight: 10 },
    )
  } else {
    // Keys an action without input drops: as valid as `{}`, so weighed like it.
    kinds.push({
      arbitrary: plain(fc.dictionary(fc.string({ maxLength: 10 }), anyNasty, { minKeys: 1, maxKeys: 3 })),
      weight: spec.validWeight ?? 30,
    })
  }
  kinds.push({ arbitrary: plain(fc.oneof(badShape, badText, badNumber, operatorObject, fc.constant(undefined))), weight: 10 })
  // Extra keys are never the action's own fields: the mutation, if any, is what gets sent, and a field left out
  // stays out (a forged `staffId: 'M01'` filling a dropped one deactivated the world's manager).
  const forged = extras(w).map((extra) =>
    Object.keys(extra).some((k) => names.includes(k))
      ? Object.fromEntries(Object.entries(extra).filter(([k]) => !names.includes(k)))
      : extra,
  )
  return fc
    .tuple(fc.oneof(...kinds), forged)
    .map(([one, extra]) =>
      one.input !== null && typeof one.input === 'object' && !Array.isArray(one.input) && Object.keys(extra).length > 0
        ? { ...one, input: { ...extra, ...(one.input as object) } }
        : one,
    )
}

export interface FuzzCall {
  fn: FunctionName | 'jobs'
  caller: string
  event: unknown
  /** The action, when the event names one of the function's own. */
  action: string | null
  /** The invocation's clock (default CLOCK): a dynamic code's moment. */
  clock?: string
  /** The schema must refuse this input, naming this field. */
  refuse?: { field: string; why: string }
}

/** A valid input for an action (and the clock it must be sent at, for a dynamic member code). */
export const validInput = (spec: ActionSpec, w: World, seed: number): { input: unknown; clock?: string } => {
  const fields = spec.fields(w)
  const names = Object.keys(fields)
  const [raw] = fc.sample(fc.record(fields, { requiredKeys: names }).map(flatten), { numRuns: 1, seed })
  return untime(raw)
}

/** Whether only staff, managers or operators call the action (its legitimate callers are none of the shoppers). */
export const isPrivileged = (spec: ActionSpec, w: World): boolean =>
  fc.sample(spec.callers(w), { numRuns: 10, seed: 1 }).every((c) => [ASSISTANT, MANAGER, OPERATOR].includes(c))

/** Replaces Timed values (at most two levels down) by their codes; the clock of the last one found is the call's. */
const untime = (input: unknown): { input: unknown; clock?: string } => {
  let clock: string | undefined
  const walk = (v: unknown, depth: number): unknown => {
    if (v instanceof Timed) {
      clock = v.clock
      return v.value
    }
    if (depth > 2 || v === null || typeof v !== 'object') return v
    if (Array.isArray(v)) return v.some((x) => x instanceof Timed) ? v.map((x) => walk(x, depth + 1)) : v
    if (!Object.values(v).some((x) => x instanceof Timed || (x !== null && typeof x === 'object'))) return v
    const out: Record<string, unknown> = {}
    for (const k of Object.keys(v))
      Object.defineProperty(out, k, {
        value: walk((v as Record<string, unknown>)[k], depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      })
    return out
  }
  const resolved = walk(input, 0)
  return clock ? { input: resolved, clock } : { input: resolved }
}

const UNKNOWN_ACTIONS = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'prototype',
  '',
  'JOIN',
  'join ',
  ' getCard',
  'main',
  'serve',
  'eval',
]

/** Whole events for one function: its actions with the inputs above, unknown actions, missing input, bad events. */
export const eventsFor = <F extends FunctionName>(fn: F, specs: Specs<F>, w: World): fc.Arbitrary<FuzzCall> => {
  const actions = Object.keys(specs) as ActionName<F>[]
  // Each action's arbitraries are built once (building them is what costs, not drawing from them).
  const known = fc.oneof(
    ...actions.map((action) =>
      fc.tuple(specs[action].callers(w), inputsFor(specs[action], w)).map(([caller, one]): FuzzCall => {
        const { input, clock } = untime(one.input)
        return { fn, caller, action, event: { action, input }, ...(clock ? { clock } : {}), ...(one.refuse ? { refuse: one.refuse } : {}) }
      }),
    ),
  )
  const anyCaller = fc.constantFrom(...new Set(actions.map((a) => fc.sample(specs[a].callers(w), { numRuns: 1, seed: 1 })[0])))
  const unknown = fc
    .tuple(
      anyCaller,
      fc.oneof(fc.constantFrom(...UNKNOWN_ACTIONS), fc.string({ maxLength: 20 }), badNumber, operatorObject, badShape),
      fc.jsonValue({ maxDepth: 2 }),
    )
    .map(([caller, action, input]): FuzzCall => ({ fn, caller, action: null, event: { action, input } }))
  const noInput = fc
    .tuple(anyCaller, fc.constantFrom(...actions))
    .map(([caller, action]): FuzzCall => ({ fn, caller, action, event: { action } }))
  const badEvent = fc
    .tuple(anyCaller, fc.oneof(badShape, fc.constant(ownProto({ action: 'whoami' })), fc.constant({ input: {} })))
    .map(([caller, event]): FuzzCall => ({ fn, caller, action: null, event }))
  return fc.oneof(
    { arbitrary: known, weight: 40 },
    { arbitrary: unknown, weight: 2 },
    { arbitrary: noInput, weight: 2 },
    { arbitrary: badEvent, weight: 1 },
  )
}

/**
 * Oversized values (./nasty oversizedValues) in each top-level field of a valid input of every action, under an
 * unknown key, and as the whole input, sent by the action's legitimate caller: each must be refused
 * INVALID_INPUT naming where it sits.
 */
export const oversizedCalls = <F extends FunctionName>(fn: F, specs: Specs<F>, w: World): FuzzCall[] =>
  (Object.keys(specs) as ActionName<F>[]).flatMap((action, n) => {
    const { input, clock } = validInput(specs[action], w, n + 1)
    const [caller] = fc.sample(specs[action].callers(w), { numRuns: 1, seed: n + 1 })
    const valid = input as Record<string, unknown>
    return oversizedValues().flatMap(({ label, value, at }) =>
      [...Object.keys(valid), 'oversized', null].map((field): FuzzCall => ({
        fn,
        caller,
        action,
        event: { action, input: field === null ? value : { ...valid, [field]: value } },
        ...(clock ? { clock } : {}),
        refuse: { field: field ?? at, why: `a ${label}` },
      })),
    )
  })
