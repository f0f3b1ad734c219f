/**
 * Fault injection for every write action, on the local cloud's executor: for each action, a clean call first
 * (what one effect is: the difference it makes to the stored fingerprint, and that a repeat of the same request
 * adds nothing), then for a fresh subject each time: the Nth database operation fails (N = 1 … the operations
 * the clean call made), the commit crashes before reaching the database, the commit applies but its answer is
 * lost — and the caller retries the same request (same request id, order number, code) until it is answered.
 * Afterwards the difference must be exactly one clean call's: no double effect, no lost write, nothing half
 * done; and the invariants hold (ledger sums = balances, coupons used once, seats ≤ capacity, ...). Actions
 * without an idempotency key by design (a consent, a secret handed out, a data export) must show either one
 * effect or two whole ones, never a part. Then the hourly timer delivered twice at once, and with faults.
 *
 *   FAULTS_MAX_N=60 npx jest --selectProjects fuzz --runTestsByPath test/fuzz/faults.test.ts
 */
import type { FunctionName } from '../../src/api/contract'
import { PRIVACY_NOTICE_VERSION } from '../../src/api/privacy'
import { DELETE_CONFIRM_PHRASE } from '../../src/domain/erasure'
import { luhnCheckDigit } from '../../src/domain/memberNo'
import { newMember } from '../../src/domain/member'
import { startTestCloud } from '../cloud/harness'
import { difference, fingerprint, sumOf, violations } from './support/invariants'
import { answerProblems, errorCode, observe, type Observer } from './support/observe'
import {
  ASSISTANT,
  CLOCK,
  MANAGER,
  OPERATOR,
  STORE_ID,
  at,
  buildWorld,
  freshMobile,
  joinShopper,
  key,
  tillCode,
  type Harness,
  type Shopper,
  type World,
} from './support/world'

/** The most operations of one call to fail one by one (a member's deletion makes many more). */
const MAX_N = Number(process.env.FAULTS_MAX_N ?? 40)
/** The commits of a timer run to crash one by one (the due members' changes are in its first twenty or so). */
const TIMER_MAX_N = Number(process.env.FAULTS_TIMER_MAX_N ?? 20)

let h: Harness
let w: World
let observer: Observer
const report: string[] = []
let cases = 0

beforeAll(async () => {
  h = await startTestCloud({ poolSize: 2, dbLatencyMs: 0, logs: true, isolated: true, prewarm: true })
  w = await buildWorld(h, 'ft')
  observer = observe(h.cloud)
}, 120_000)

afterEach(() => h.cloud.executor.clearFaults())
afterAll(async () => {
  observer?.stop()
  await h?.close()
  if (report.length) console.log(`fault injection: ${cases} cases\n${report.join('\n')}`)
})

interface Call {
  fn: FunctionName
  action: string
  caller: string
  input: unknown
  clock: string
}

interface Scenario {
  fn: FunctionName
  action: string
  /** 'once': a retry of the same request takes effect once. 'each': every call that commits is an effect of its own. */
  kind: 'once' | 'each'
  /** Fresh preconditions; returns the call to send (and send again, unchanged). */
  prepare: () => Promise<Call>
  /** Refusals that mean "already done" when a retry meets them (a second undo, a second review). */
  done?: string[]
  /** An answer that asks to be called again (a deletion in steps). */
  again?: (data: unknown) => boolean
  /** Tells apart two scenarios of one action. */
  label?: string
}

// ---------------------------------------------------------------------------------------------------------
// Subjects

let seq = 0
const member = async (label: string): Promise<Shopper> => joinShopper(h, `ft-${label}-${++seq}`, freshMobile())
/** A clock of its own for each dynamic code: each code is accepted once. */
const nextClock = () => new Date(Date.parse(CLOCK) + ++seq * 3 * 60_000).toISOString()
const ok = async (fn: FunctionName, action: string, caller: string, input: unknown, clock = CLOCK) => {
  const r = (await h.cloud.invoke(fn, { action, input }, { openid: caller, clock })) as { ok: boolean; data?: any; error?: unknown }
  if (!r.ok) throw new Error(`setup ${fn}.${action} failed: ${JSON.stringify(r.error)}`)
  return r.data
}
/** A member with points: a purchase of `fen` through their dynamic code. */
const withPurchase = async (label: string, fen = 300_000) => {
  const s = await member(label)
  const clock = nextClock()
  const orderNo = key('FT-O')
  await ok('staff', 'recordPurchase', ASSISTANT, { memberCode: tillCode(s, clock), amountFen: fen, orderNo }, clock)
  return { s, orderNo }
}
const couponOf = (s: Shopper, templateId: string) =>
  (h.cloud.executor.find('coupons', { memberId: s.openid, templateId }) as unknown as { code: string }[])[0].code
const eventInput = (startsAt: string, capacity = 50) => ({
  title: '故障演练活动',
  description: '',
  cover: '',
  storeId: STORE_ID,
  startsAt,
  endsAt: new Date(Date.parse(startsAt) + 3 * 3_600_000).toISOString(),
  capacity,
  tiers: ['member', 'vip', 'gold'],
  rsvpDeadline: new Date(Date.parse(startsAt) - 86_400_000).toISOString(),
  cancelDeadline: new Date(Date.parse(startsAt) - 86_400_000).toISOString(),
  attendancePoints: 30,
  maxGuests: 1,
  requestId: key('FT-EV'),
})
const newEvent = async (startsAt = at('2026-12-10T14:00:00'), capacity = 50): Promise<string> =>
  (await ok('event', 'create', OPERATOR, eventInput(startsAt, capacity))).event.id
/** The desk's inputs for a coupon template and a catalog item (setup.saveCouponTemplate, setup.saveCatalogItem). */
const templateInput = () => ({
  requestId: key('FT-TPL'),
  title: '故障演练礼品券',
  note: '凭券到店领取',
  benefit: { kind: 'gift', giftName: '演练围巾' },
  validity: { kind: 'daysFromIssue', days: 30 },
  tiers: ['member', 'vip', 'gold'],
  stockTotal: 10_000,
  combinesWithVipPrice: false,
})
const itemInput = (templateId: string) => ({
  requestId: key('FT-ITEM'),
  title: '故障演练围巾',
  description: '',
  image: '',
  pointsPrice: 100,
  templateId,
  tiers: ['member', 'vip', 'gold'],
  perMemberLimit: null,
  earlyAccess: null,
  sort: 90,
  stockTotal: null,
  storeStock: [{ storeId: STORE_ID, total: 10_000 }],
})
/** One gift with per-store stock for every exchange case (room for them all). */
let storeGift: string | null = null
const storeStockItem = async (): Promise<string> => {
  if (storeGift) return storeGift
  const { template } = await ok('setup', 'saveCouponTemplate', OPERATOR, templateInput())
  storeGift = (await ok('setup', 'saveCatalogItem', OPERATOR, itemInput(template.id))).item.id as string
  return storeGift
}
const newCampaign = async (): Promise<string> =>
  (
    await ok('ops', 'createCampaign', OPERATOR, {
      title: '故障演练券',
      templateId: 'points-50off500',
      mode: 'claim',
      audience: { kind: 'all' },
      opensAt: at('2026-11-01T10:00:00'),
      vipEarlyDays: 0,
      endsAt: at('2026-12-31T22:00:00'),
      requestId: key('FT-CMP'),
    })
  ).campaign.id

const DAY = { opens: '10:00', closes: '22:00' }
const storeInput = (storeId: string) => ({
  mode: 'create',
  storeId,
  name: '故障演练店',
  address: '上海市静安区南京西路1号',
  location: { latitude: 31.2243, longitude: 121.4457 },
  hours: { mon: DAY, tue: DAY, wed: DAY, thu: DAY, fri: DAY, sat: DAY, sun: null },
  phone: '021-6288-0001',
  active: true,
})
/** An active assistant of the world's store, and an operator holding the catalog only, each new. */
const newStaff = async () => {
  const staff = { _id: `ft-staff-${++seq}`, staffId: `FS${seq}`, name: '故障演练', storeId: STORE_ID, role: 'assistant', active: true }
  h.cloud.executor.insert('staff', [staff])
  return staff
}
const newOperator = async () => {
  const operator = { _id: `ft-operator-${++seq}`, operatorId: `FP${seq}`, name: '故障演练', active: true, areas: ['catalog'] }
  h.cloud.executor.insert('operators', [operator])
  return operator
}

const call = (fn: FunctionName, action: string, caller: string, input: unknown, clock = CLOCK): Call => ({
  fn,
  action,
  caller,
  input,
  clock,
})

// ---------------------------------------------------------------------------------------------------------
// Every write action of the contract

const SCENARIOS: Scenario[] = [
  {
    fn: 'member',
    action: 'join',
    kind: 'once',
    prepare: async () => {
      // A new inviter each time: many friends joining one inviter within hours would be held as a burst.
      const inviter = await member('inviter')
      return call('member', 'join', `ft-joiner-${++seq}`, {
        name: '新会员',
        mobile: freshMobile(),
        birthday: { month: 11, day: 3, year: 1992 }, // this month: the birthday card is issued at join too
        consent: { accepted: true, version: PRIVACY_NOTICE_VERSION },
        scene: 's%3DSH001%26a%3DA01',
        referral: inviter.referralCode,
      })
    },
  },
  {
    fn: 'member',
    action: 'exchange',
    kind: 'once',
    prepare: async () =>
      call('member', 'exchange', (await withPurchase('exchange')).s.openid, { itemId: 'coupon-50off500', requestId: key('FT-E') }),
  },
  {
    fn: 'member',
    action: 'exchange',
    label: 'a gift with per-store stock',
    kind: 'once',
    prepare: async () =>
      call('member', 'exchange', (await withPurchase('exchange-store')).s.openid, {
        itemId: await storeStockItem(),
        requestId: key('FT-E'),
        pickupStoreId: STORE_ID,
      }),
  },
  {
    fn: 'member',
    action: 'claimCampaign',
    kind: 'once',
    prepare: async () => call('member', 'claimCampaign', (await member('claim')).openid, { campaignId: w.campaignIds[0] }),
  },
  {
    fn: 'member',
    action: 'recordSubscription',
    kind: 'each',
    prepare: async () =>
      call('member', 'recordSubscription', (await member('consent')).openid, { template: 'eventReminder', accepted: true }),
  },
  {
    fn: 'member',
    action: 'codeSecret',
    kind: 'each',
    prepare: async () => call('member', 'codeSecret', (await member('secret')).openid, {}),
  },
  {
    fn: 'member',
    action: 'resetMemberCode',
    kind: 'each',
    prepare: async () => call('member', 'resetMemberCode', (await member('reset')).openid, {}),
  },
  {
    fn: 'member',
    action: 'myData',
    kind: 'each',
    prepare: async () => call('member', 'myData', (await withPurchase('mydata')).s.openid, {}),
  },
  {
    fn: 'member',
    action: 'deleteMembership',
    kind: 'once',
    done: ['NOT_A_MEMBER'],
    again: (data) => (data as { status?: string }).status === 'inProgress',
    prepare: async () => {
      const { s } = await withPurchase('erase')
      const eventId = await newEvent()
      await ok('event', 'rsvp', s.openid, { eventId })
      return call('member', 'deleteMembership', s.openid, { confirm: DELETE_CONFIRM_PHRASE })
    },
  },
  {
    fn: 'staff',
    action: 'scanMember',
    kind: 'once',
    done: ['CODE_ALREADY_USED'],
    prepare: async () => {
      const s = await member('scan')
      const clock = nextClock()
      return call('staff', 'scanMember', ASSISTANT, { code: tillCode(s, clock) }, clock)
    },
  },
  {
    fn: 'staff',
    action: 'recordPurchase',
    kind: 'once',
    prepare: async () => {
      const s = await member('buy')
      const clock = nextClock()
      return call(
        'staff',
        'recordPurchase',
        ASSISTANT,
        { memberCode: tillCode(s, clock), amountFen: 88_800, orderNo: key('FT-P'), marginFen: 30_000 },
        clock,
      )
    },
  },
  {
    fn: 'staff',
    action: 'recordPurchase',
    kind: 'once',
    prepare: async () => {
      // With the member's own welcome coupon: the coupon is used once, whatever fails.
      const s = await member('coupon')
      return call('staff', 'recordPurchase', ASSISTANT, {
        memberCode: s.memberNo,
        amountFen: 25_000,
        orderNo: key('FT-PC'),
        couponCode: couponOf(s, 'welcome-20off200'),
      })
    },
  },
  {
    fn: 'staff',
    action: 'recordRefund',
    kind: 'once',
    prepare: async () =>
      call('staff', 'recordRefund', ASSISTANT, {
        orderNo: (await withPurchase('refund', 60_000)).orderNo,
        amountFen: 20_000,
        requestId: key('FT-R'),
      }),
  },
  {
    fn: 'staff',
    action: 'redeemPoints',
    kind: 'once',
    prepare: async () => {
      const { s } = await withPurchase('redeem')
      const clock = nextClock()
      return call(
        'staff',
        'redeemPoints',
        MANAGER,
        { memberCode: tillCode(s, clock), points: 150, reason: '保温杯', requestId: key('FT-X') },
        clock,
      )
    },
  },
  {
    fn: 'staff',
    action: 'redeemGiftCoupon',
    kind: 'once',
    prepare: async () => {
      const { s } = await withPurchase('gift')
      await ok('member', 'exchange', s.openid, { itemId: 'tote-bag', requestId: key('FT-E') })
      return call('staff', 'redeemGiftCoupon', ASSISTANT, { code: couponOf(s, 'gift-tote'), requestId: key('FT-G') })
    },
  },
  {
    fn: 'staff',
    action: 'undoCouponUse',
    kind: 'once',
    done: ['COUPON_NOT_APPLICABLE'],
    prepare: async () => {
      const s = await member('undo')
      const code = couponOf(s, 'welcome-20off200')
      const usedAt = nextClock()
      await ok(
        'staff',
        'recordPurchase',
        ASSISTANT,
        { memberCode: s.memberNo, amountFen: 30_000, orderNo: key('FT-U'), couponCode: code },
        usedAt,
      )
      return call('staff', 'undoCouponUse', ASSISTANT, { code }, new Date(Date.parse(usedAt) + 60_000).toISOString())
    },
  },
  {
    fn: 'staff',
    action: 'correctBirthday',
    kind: 'once',
    prepare: async () =>
      call('staff', 'correctBirthday', ASSISTANT, {
        memberCode: (await member('bday')).memberNo,
        birthday: { month: 11, day: 25, year: 1990 },
        reason: '顾客登记时填错了月份',
      }),
  },
  {
    fn: 'staff',
    action: 'logCallback',
    kind: 'once',
    prepare: async () =>
      call('staff', 'logCallback', ASSISTANT, {
        memberCode: (await member('callback')).memberNo,
        outcome: 'reached',
        note: '新品到店提醒',
        nextDate: '2026-12-20',
        requestId: key('FT-CB'),
      }),
  },
  {
    fn: 'staff',
    action: 'updateCustomerCard',
    kind: 'once',
    prepare: async () =>
      call('staff', 'updateCustomerCard', ASSISTANT, {
        memberCode: (await member('card')).memberNo,
        profile: { clothingSize: 'M', colours: ['藏青'], notes: '喜欢通勤款' },
      }),
  },
  {
    fn: 'staff',
    action: 'reassign',
    kind: 'once',
    prepare: async () => call('staff', 'reassign', MANAGER, { memberCode: (await member('reassign')).memberNo, staffId: 'A03' }),
  },
  {
    fn: 'staff',
    action: 'resumeTill',
    kind: 'once',
    prepare: async () => {
      // A till of its own, paused by 30 wrong codes within the hour (for member numbers nobody holds).
      const n = ++seq
      const till = { _id: `ft-till-${n}`, staffId: `FT${n}`, name: '故障演练', storeId: STORE_ID, role: 'assistant', active: true }
      h.cloud.executor.insert('staff', [till])
      for (let i = 0; i < 30; i++) {
        const body = String(9_200_000_000 + n * 100 + i)
        const memberNo = body + luhnCheckDigit(body)
        const code = `${memberNo}123456`
        await send(call('staff', 'scanMember', till._id, { code: code + luhnCheckDigit(code) }))
      }
      return call('staff', 'resumeTill', MANAGER, { staffId: till.staffId })
    },
  },
  {
    fn: 'member',
    action: 'updateProfile',
    kind: 'once',
    prepare: async () =>
      call('member', 'updateProfile', (await member('profile')).openid, {
        clothingSize: 'M',
        children: [{ name: '大宝', size: '120' }],
        deliveryAddress: { recipient: '林晓', phone: '13812345678', address: '上海市静安区南京西路1515号' },
        messages: { newArrivals: true, events: false, birthday: true, pointsExpiry: false },
      }),
  },
  {
    fn: 'member',
    action: 'changeStore',
    kind: 'once',
    prepare: async () => call('member', 'changeStore', (await member('move')).openid, { storeId: 'SH002' }),
  },
  {
    fn: 'event',
    action: 'rsvp',
    kind: 'once',
    prepare: async () => call('event', 'rsvp', (await member('rsvp')).openid, { eventId: await sharedEvent(), guests: 1 }),
  },
  {
    fn: 'event',
    action: 'cancel',
    kind: 'once',
    done: ['RSVP_ALREADY_CANCELLED'],
    prepare: async () => {
      // A full event with a waitlist: the cancellation promotes the first waiting member, once.
      const eventId = await newEvent(at('2026-12-12T14:00:00'), 1)
      const [first, second] = [await member('cancel'), await member('waiting')]
      await ok('event', 'rsvp', first.openid, { eventId })
      await ok('event', 'rsvp', second.openid, { eventId })
      return call('event', 'cancel', first.openid, { eventId })
    },
  },
  {
    fn: 'event',
    action: 'checkIn',
    kind: 'once',
    prepare: async () => {
      const startsAt = at('2026-12-14T14:00:00')
      const eventId = await newEvent(startsAt)
      const s = await member('door')
      const { event } = await ok('event', 'rsvp', s.openid, { eventId })
      return call(
        'event',
        'checkIn',
        ASSISTANT,
        { ticketCode: event.myRsvp.ticketCode },
        new Date(Date.parse(startsAt) + 600_000).toISOString(),
      )
    },
  },
  {
    fn: 'event',
    action: 'create',
    kind: 'once',
    prepare: async () => call('event', 'create', OPERATOR, eventInput(at('2026-12-20T14:00:00'))),
  },
  {
    fn: 'event',
    action: 'update',
    kind: 'once',
    prepare: async () => {
      // Two more seats on a full event: the waitlist moves up in the same write.
      const eventId = await newEvent(at('2026-12-16T14:00:00'), 1)
      for (const label of ['full', 'wait1', 'wait2']) await ok('event', 'rsvp', (await member(label)).openid, { eventId })
      const {
        requestId: _r,
        storeId: _s,
        tiers: _t,
        attendancePoints: _a,
        maxGuests: _m,
        ...words
      } = eventInput(at('2026-12-16T14:00:00'), 3)
      return call('event', 'update', OPERATOR, { eventId, ...words })
    },
  },
  { fn: 'event', action: 'close', kind: 'once', prepare: async () => call('event', 'close', OPERATOR, { eventId: await newEvent() }) },
  {
    fn: 'ops',
    action: 'adjustPoints',
    kind: 'once',
    prepare: async () =>
      call('ops', 'adjustPoints', OPERATOR, {
        memberCode: (await member('adjust')).memberNo,
        points: 120,
        reason: '系统故障期间补录积分',
        requestId: key('FT-A'),
      }),
  },
  {
    fn: 'ops',
    action: 'correctMemberBirthday',
    kind: 'once',
    // Into the current month: the birthday card is issued after the transaction, so a crash between leaves it to the retry.
    prepare: async () =>
      call('ops', 'correctMemberBirthday', OPERATOR, {
        memberCode: (await member('op-bday')).memberNo,
        birthday: { month: 11, day: 25, year: 1990 },
        reason: '会员出示身份证更正',
        requestId: key('FT-OB'),
      }),
  },
  {
    fn: 'ops',
    action: 'moveMemberStore',
    kind: 'once',
    prepare: async () =>
      call('ops', 'moveMemberStore', OPERATOR, {
        memberCode: (await member('op-move')).memberNo,
        storeId: 'SH002',
        assistantId: null,
        reason: '顾客搬家，改到徐汇店',
        requestId: key('FT-OM'),
      }),
  },
  {
    fn: 'ops',
    action: 'createCampaign',
    kind: 'once',
    prepare: async () => {
      // Issued at once to a list of members: each gets one coupon, whatever fails.
      const list = [await member('issue'), await member('issue')]
      return call('ops', 'createCampaign', OPERATOR, {
        title: '故障演练直发券',
        templateId: 'vip-preview-15off',
        mode: 'issue',
        audience: { kind: 'list', memberCodes: list.map((s) => s.memberNo) },
        opensAt: at('2026-11-01T10:00:00'),
        vipEarlyDays: 0,
        endsAt: at('2026-12-31T22:00:00'),
        requestId: key('FT-CMP'),
      })
    },
  },
  {
    fn: 'ops',
    action: 'updateCampaign',
    kind: 'once',
    prepare: async () =>
      call('ops', 'updateCampaign', OPERATOR, {
        campaignId: await newCampaign(),
        title: '改名后的演练券',
        endsAt: at('2026-12-30T22:00:00'),
      }),
  },
  {
    fn: 'ops',
    action: 'closeCampaign',
    kind: 'once',
    prepare: async () => call('ops', 'closeCampaign', OPERATOR, { campaignId: await newCampaign() }),
  },
  {
    fn: 'ops',
    action: 'updateProgram',
    kind: 'once',
    prepare: async () => {
      const { rules } = await ok('ops', 'program', OPERATOR, {})
      const { version, ...edited } = rules
      edited.earning = { ...edited.earning, birthdayMonthPercent: edited.earning.birthdayMonthPercent === 200 ? 150 : 200 }
      return call('ops', 'updateProgram', OPERATOR, {
        baseVersion: version,
        rules: edited,
        note: '生日月积分倍数调整',
        requestId: key('FT-PRG'),
      })
    },
  },
  {
    fn: 'ops',
    action: 'reviewReferral',
    kind: 'once',
    done: ['INVALID_INPUT'],
    prepare: async () => {
      // Held at join (the friend's phone shares the inviter's prefix), approved after their first purchase.
      const inviter = await member('inviter')
      const mobile = (h.cloud.executor.get('members', inviter.openid) as unknown as { mobile: string }).mobile
      const invitee = await joinShopper(
        h,
        `ft-invitee-${++seq}`,
        `${mobile.slice(0, 9)}${mobile.endsWith('77') ? '78' : '77'}`,
        inviter.referralCode,
      )
      const clock = nextClock()
      await ok(
        'staff',
        'recordPurchase',
        ASSISTANT,
        { memberCode: tillCode(invitee, clock), amountFen: 50_000, orderNo: key('FT-RP') },
        clock,
      )
      return call('ops', 'reviewReferral', OPERATOR, { inviteeCode: invitee.memberNo, decision: 'approve' })
    },
  },
  {
    fn: 'ops',
    action: 'saveCouponTemplate',
    kind: 'once',
    prepare: async () => call('setup', 'saveCouponTemplate', OPERATOR, templateInput()),
  },
  {
    fn: 'ops',
    action: 'saveCouponTemplate',
    label: 'an edit',
    kind: 'once',
    prepare: async () => {
      const { template } = await ok('setup', 'saveCouponTemplate', OPERATOR, templateInput())
      return call('setup', 'saveCouponTemplate', OPERATOR, {
        ...templateInput(),
        templateId: template.id,
        revision: template.revision,
        title: '改名后的演练礼品券',
        stockTotal: 20_000,
      })
    },
  },
  {
    fn: 'ops',
    action: 'retireCouponTemplate',
    kind: 'once',
    prepare: async () => {
      const { template } = await ok('setup', 'saveCouponTemplate', OPERATOR, templateInput())
      return call('setup', 'retireCouponTemplate', OPERATOR, { templateId: template.id })
    },
  },
  {
    fn: 'ops',
    action: 'saveCatalogItem',
    kind: 'once',
    prepare: async () => {
      const { template } = await ok('setup', 'saveCouponTemplate', OPERATOR, templateInput())
      return call('setup', 'saveCatalogItem', OPERATOR, itemInput(template.id))
    },
  },
  {
    fn: 'ops',
    action: 'saveStore',
    kind: 'once',
    prepare: async () => call('setup', 'saveStore', OPERATOR, storeInput(`FT${String(++seq).padStart(3, '0')}`)),
  },
  {
    fn: 'ops',
    action: 'inviteStaff',
    kind: 'once',
    prepare: async () =>
      call('setup', 'inviteStaff', OPERATOR, {
        storeId: STORE_ID,
        role: 'assistant',
        name: '故障演练',
        staffId: `FI${++seq}`,
        requestId: key('FT-INV'),
      }),
  },
  {
    fn: 'member',
    action: 'acceptInvitation',
    kind: 'once',
    prepare: async () => {
      const n = ++seq
      const { invitation } = await ok('setup', 'inviteStaff', OPERATOR, {
        storeId: STORE_ID,
        role: 'assistant',
        name: '故障演练',
        staffId: `FA${n}`,
        requestId: key('FT-ACC'),
      })
      return call('member', 'acceptInvitation', `ft-invitee-${n}`, { code: invitation.code })
    },
  },
  {
    fn: 'ops',
    action: 'deactivateStaff',
    kind: 'once',
    prepare: async () => call('setup', 'deactivateStaff', OPERATOR, { staffId: (await newStaff()).staffId }),
  },
  {
    fn: 'ops',
    action: 'handOverCustomers',
    kind: 'once',
    prepare: async () => {
      const [from, to] = [await newStaff(), await newStaff()]
      h.cloud.executor.insert(
        'members',
        Array.from({ length: 3 }, (_, i) =>
          newMember(
            {
              openid: `ft-ho-${from.staffId}-${i}`,
              memberNo: `6${String(++seq).padStart(10, '0')}`,
              name: '移交顾客',
              mobile: freshMobile(),
              birthday: { month: 2, day: 2 },
              storeId: STORE_ID,
              assistantId: from.staffId,
              consentVersion: PRIVACY_NOTICE_VERSION,
              referralCode: `FTHO${seq}`,
            },
            CLOCK,
          ),
        ),
      )
      return call('setup', 'handOverCustomers', OPERATOR, { fromStaffId: from.staffId, toStaffIds: [to.staffId], requestId: key('FT-HO') })
    },
  },
  {
    fn: 'ops',
    action: 'inviteOperator',
    kind: 'once',
    prepare: async () =>
      call('setup', 'inviteOperator', OPERATOR, {
        name: '故障演练',
        operatorId: `FO${++seq}`,
        areas: ['catalog'],
        exportPII: false,
        requestId: key('FT-OPI'),
      }),
  },
  {
    fn: 'ops',
    action: 'setOperatorPermissions',
    kind: 'once',
    prepare: async () =>
      call('setup', 'setOperatorPermissions', OPERATOR, {
        operatorId: (await newOperator()).operatorId,
        areas: ['catalog', 'reports'],
        exportPII: true,
      }),
  },
  {
    fn: 'ops',
    action: 'deactivateOperator',
    kind: 'once',
    prepare: async () => call('setup', 'deactivateOperator', OPERATOR, { operatorId: (await newOperator()).operatorId }),
  },
  {
    fn: 'ops',
    action: 'revokeInvitation',
    kind: 'once',
    prepare: async () => {
      const { invitation } = await ok('setup', 'inviteStaff', OPERATOR, {
        storeId: STORE_ID,
        role: 'assistant',
        name: '故障演练',
        staffId: `FR${++seq}`,
        requestId: key('FT-REV'),
      })
      return call('setup', 'revokeInvitation', OPERATOR, { code: invitation.code })
    },
  },
  { fn: 'export', action: 'members', kind: 'each', prepare: async () => call('export', 'members', OPERATOR, {}) },
  {
    fn: 'export',
    action: 'ledger',
    kind: 'each',
    prepare: async () => call('export', 'ledger', OPERATOR, { from: '2026-11-01', to: '2026-11-30' }),
  },
]

/** One event for every RSVP case, with room for them all. */
let shared: string | null = null
const sharedEvent = async () => (shared ??= await newEvent(at('2026-12-08T14:00:00'), 10_000))

// ---------------------------------------------------------------------------------------------------------
// Running a case

interface Answer {
  ok: boolean
  code: string | null
  data: unknown
  body: unknown
  ops: { reads: number; writes: number }
}

const send = async (c: Call): Promise<Answer> => {
  const inv = await h.cloud.invokeDetailed(c.fn, { action: c.action, input: c.input }, { openid: c.caller, clock: c.clock })
  const body = inv.body as { ok?: boolean; data?: unknown }
  if (inv.outcome.kind !== 'ok' && inv.outcome.kind !== 'error')
    throw new Error(`${c.fn}.${c.action}: instance ${inv.outcome.kind}: ${(inv.outcome as { message?: string }).message ?? ''}`)
  return { ok: body.ok === true, code: errorCode(body), data: body.data, body, ops: inv.ops }
}

/** Sends until answered: ok (and not "call again"), or a refusal that means "already done". Returns the answers. */
const untilAnswered = async (s: Scenario, c: Call, first?: Answer): Promise<Answer[]> => {
  const answers: Answer[] = first ? [first] : []
  for (let i = 0; i < 30; i++) {
    const last = answers[answers.length - 1]
    if (last && last.ok && !s.again?.(last.data)) return answers
    if (last && !last.ok && answers.length > 1 && s.done?.includes(last.code!)) return answers
    answers.push(await send(c))
  }
  throw new Error(`${s.fn}.${s.action}: not answered after 30 attempts: ${JSON.stringify(answers[answers.length - 1].body)}`)
}

/** The faulty call may fail as INTERNAL (that is the fault); every answer is well formed, and no retry is INTERNAL. */
const problemsOf = (answers: Answer[]) =>
  answers.flatMap((a, i) => answerProblems(a.body).filter((p) => (i === 0 && p === 'INTERNAL' ? false : true)))

interface Clean {
  /** What one call changes. */
  one: Record<string, number>
  /** What a second identical call changes (nothing, for 'once'). */
  again: Record<string, number>
  /** Database operations of the clean call (the faults go through them one by one). */
  ops: number
}

const clean = async (s: Scenario): Promise<Clean> => {
  const c = await s.prepare()
  const before = fingerprint(h.cloud.executor)
  const first = await send(c)
  const answers = await untilAnswered(s, c, first)
  if (!answers[answers.length - 1].ok)
    throw new Error(`${s.fn}.${s.action}: the clean call failed: ${JSON.stringify(answers[answers.length - 1].body)}`)
  const mid = fingerprint(h.cloud.executor)
  const repeat = await send(c)
  if (!repeat.ok && !s.done?.includes(repeat.code!))
    throw new Error(`${s.fn}.${s.action}: the repeated call failed: ${JSON.stringify(repeat.body)}`)
  const again = difference(mid, fingerprint(h.cloud.executor))
  return { one: difference(before, mid), again, ops: first.ops.reads + first.ops.writes }
}

type Fault = { label: string; arm: () => void }

/** Arms the fault, sends, retries until answered; returns what went wrong (empty: one effect, invariants hold). */
const faulty = async (s: Scenario, expected: Clean, fault: Fault): Promise<string[]> => {
  const c = await s.prepare()
  const before = fingerprint(h.cloud.executor)
  fault.arm()
  const first = await send(c)
  h.cloud.executor.clearFaults()
  const answers = await untilAnswered(s, c, first)
  cases++
  const got = difference(before, fingerprint(h.cloud.executor))
  const wanted = [expected.one, ...(s.kind === 'each' ? [sumOf(expected.one, expected.again)] : [])]
  const out: string[] = []
  const last = answers[answers.length - 1]
  if (!last.ok && !s.done?.includes(last.code!)) out.push(`never answered: ${JSON.stringify(last.body)}`)
  if (!wanted.some((w) => JSON.stringify(sorted(w)) === JSON.stringify(sorted(got))))
    out.push(`effect ${JSON.stringify(sorted(got))}, one call makes ${JSON.stringify(sorted(expected.one))}`)
  out.push(...problemsOf(answers))
  out.push(...violations(h.cloud.executor))
  return out.map((p) => `${s.fn}.${s.action} ${fault.label}: ${p}`)
}
const sorted = (r: Record<string, number>) => Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)))

describe('faults in every write action, then a retry of the same request', () => {
  it.each(
    SCENARIOS.map(
      (s, i) =>
        [
          `${s.fn}.${s.action}${s.label ? ` (${s.label})` : SCENARIOS.findIndex((o) => o.fn === s.fn && o.action === s.action) !== i ? ' (with a coupon)' : ''}`,
          s,
        ] as const,
    ),
  )(
    '%s: one effect whatever fails',
    async (name, s) => {
      const expected = await clean(s)
      if (s.kind === 'once') expect([name, expected.again]).toEqual([name, {}])
      const faults: Fault[] = []
      for (let n = 1; n <= Math.min(expected.ops, MAX_N); n++)
        faults.push({ label: `operation ${n} of ${expected.ops} fails`, arm: () => h.cloud.executor.failNthOperation('next', n) })
      faults.push({ label: 'crash before commit', arm: () => h.cloud.executor.crashBeforeCommit('next') })
      faults.push({ label: 'crash after commit', arm: () => h.cloud.executor.crashAfterCommit('next') })
      const problems: string[] = []
      for (const fault of faults) problems.push(...(await faulty(s, expected, fault)))
      report.push(
        `  ${name.padEnd(36)} ${faults.length} cases (${expected.ops} operations), effect ${JSON.stringify(sorted(expected.one)).slice(0, 120)}`,
      )
      observer.takeErrors() // the injected faults are logged as the INTERNAL errors they are
      expect(problems.slice(0, 10)).toEqual([])
    },
    300_000,
  )
})

// ---------------------------------------------------------------------------------------------------------
// The timer

/**
 * Work due on the 1st of a month (00:05 in Shanghai, the hourly trigger's first run of the month), one month per
 * case: members who joined and bought two years before (their points expired on 1 January, their VIP year is
 * over), born in that month (the birthday card), with a confirmed ticket for an event on the 2nd and consents to
 * hear about both.
 */
const dueWork = async (n: number) => {
  const year = 2030 + Math.floor(n / 12)
  const month = String((n % 12) + 1).padStart(2, '0')
  const then = at(`${year - 2}-06-01T12:00:00`)
  const eventId = (await ok('event', 'create', OPERATOR, eventInput(at(`${year}-${month}-02T14:00:00`)), then)).event.id
  const members: Shopper[] = []
  for (let i = 0; i < 3; i++) {
    const openid = `ft-due-${year}${month}-${i}`
    const mobile = freshMobile()
    await ok(
      'member',
      'join',
      openid,
      {
        name: '到期会员',
        mobile,
        birthday: { month: Number(month), day: 9 + i },
        consent: { accepted: true, version: PRIVACY_NOTICE_VERSION },
      },
      then,
    )
    const { secret, memberNo } = await ok('member', 'codeSecret', openid, {}, then)
    const s: Shopper = { openid, memberNo, secret, referralCode: '' }
    const clock = new Date(Date.parse(then) + (i + 1) * 60_000).toISOString()
    await ok('staff', 'recordPurchase', ASSISTANT, { memberCode: tillCode(s, clock), amountFen: 60_000, orderNo: key('FT-DUE') }, clock)
    await ok('event', 'rsvp', openid, { eventId }, clock)
    await ok('member', 'recordSubscription', openid, { template: 'eventReminder', accepted: true }, clock)
    await ok('member', 'recordSubscription', openid, { template: 'birthdayCoupon', accepted: true }, clock)
    members.push(s)
  }
  return { members, year, clock: at(`${year}-${month}-01T00:05:00`) }
}

/**
 * Each due member changed exactly once: points expired once, one birthday card, VIP over; and messaged once
 * (the birthday card's, the reminder) — or, `atMostOnce`, never twice: a run that fails while a duplicate
 * delivery runs beside it may leave a message neither sends (a message that may have gone out is never resent).
 */
const onceEach = (members: Shopper[], year: number, atMostOnce = false): string[] => {
  const out: string[] = []
  for (const s of members) {
    const expired = h.cloud.executor.find('ledger', { memberId: s.openid, kind: 'expire' }) as unknown as { points: number }[]
    const m = h.cloud.executor.get('members', s.openid) as unknown as { pointsBalance: number; tier: string }
    if (expired.length !== 1 || m.pointsBalance !== 0) out.push(`${s.openid}: ${expired.length} expiry entries, balance ${m.pointsBalance}`)
    if (!h.cloud.executor.get('coupons', `bday:${s.openid}:${year}`)) out.push(`${s.openid}: no birthday card`)
    if (m.tier !== 'member') out.push(`${s.openid}: still ${m.tier}`)
    const sent = (template: string) =>
      h.cloud.openapi.outbox({ touser: s.openid }).filter((msg) => msg.templateId === template && msg.status === 'sent').length
    for (const [template, what] of [
      ['local-event-reminder', 'event reminders'],
      ['local-birthday-coupon', 'birthday-card messages'],
    ]) {
      const n = sent(template)
      if (n > 1 || (n === 0 && !atMostOnce)) out.push(`${s.openid}: ${n} ${what}`)
    }
  }
  return [...out, ...violations(h.cloud.executor)]
}

describe('the hourly timer, delivered twice at once and with faults', () => {
  const fire = (clock: string) => h.cloud.fireTimer('jobs', 'upkeep', { clock })
  // A run walks every member for some jobs (hundreds of operations): the faults aim at what changes the due
  // members — each of the run's first commits crashing before or after it applies, each of its first inserts
  // and updates failing — which reaches every job that writes for them (VIP, expiry, birthday card and message,
  // reminder and message).
  const inject = (action: string, nth: number, when: 'before' | 'after') => () =>
    h.cloud.executor.injectFault({ invocation: 'next', action, nth, when })
  const FAULTS: [string, () => void][] = [
    ['no fault', () => undefined],
    ...Array.from({ length: TIMER_MAX_N }, (_, i): [string, () => void] => [
      `commit ${i + 1} crashing before it applies`,
      inject('database.commitTransaction', i + 1, 'before'),
    ]),
    ...Array.from({ length: TIMER_MAX_N }, (_, i): [string, () => void] => [
      `commit ${i + 1} applied but its answer lost`,
      inject('database.commitTransaction', i + 1, 'after'),
    ]),
    ...Array.from({ length: 6 }, (_, i): [string, () => void] => [
      `insert ${i + 1} failing`,
      inject('database.insertDocument', i + 1, 'before'),
    ]),
    ...Array.from({ length: 6 }, (_, i): [string, () => void] => [
      `update ${i + 1} failing`,
      inject('database.modifyDocument', i + 1, 'before'),
    ]),
  ]

  const CASES = FAULTS.flatMap(([label, arm]) => [[label, arm, false] as const, [label, arm, true] as const]).map(
    ([label, arm, twice], i) => [`${label}${twice ? ', beside a duplicate delivery' : ''}`, arm, twice, i] as const,
  )

  it.each(CASES)(
    '%s: each member changed once, then the next hour finishes',
    async (label, arm, twice, n) => {
      const { members, year, clock } = await dueWork(n)
      arm()
      const first = await Promise.all(twice ? [fire(clock), fire(clock)] : [fire(clock)])
      h.cloud.executor.clearFaults()
      // The next hour's delivery finishes what a failed one left.
      const next = await fire(new Date(Date.parse(clock) + 3_600_000).toISOString())
      cases++
      observer.takeErrors()
      expect(next.body).toMatchObject({ ok: true })
      for (const r of [...first, next]) expect(answerProblems(r.body).filter((p) => p !== 'INTERNAL')).toEqual([])
      if (label.startsWith('no fault')) expect(first.map((r) => r.body)).toMatchObject(first.map(() => ({ ok: true })))
      expect(onceEach(members, year, twice && !label.startsWith('no fault'))).toEqual([])
      if (n === CASES.length - 1)
        report.push(
          `  jobs.upkeep (timer)                  ${CASES.length} cases: ${FAULTS.length} faults, alone and beside a duplicate delivery, and the next hour's`,
        )
    },
    120_000,
  )
})
