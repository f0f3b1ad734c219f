/**
 * The demo store's customers for the staff workbench, made relative to the day the demo is seeded (business
 * time, Asia/Shanghai) so its lists are right whichever day it starts: a birthday this month, a VIP whose
 * year ends within the month, customers not seen for about 100 and 200 days, a callback due today. Their
 * purchases go through the real domain rules, so tiers, points and ledgers agree as on the server.
 */
import type { CallbackDoc, StaffDoc, StoreDoc } from '../cloudfunctions/_lib/collections'
import type { LedgerEntry } from '../src/domain/ledger'
import { newMember, type CustomerProfile, type Member } from '../src/domain/member'
import { generateMemberNo } from '../src/domain/memberNo'
import { DEFAULT_PROGRAM } from '../src/domain/program'
import { recordPurchase, type PurchaseRecord } from '../src/domain/purchase'
import { businessTime, toInstant } from '../src/domain/time'
import { shopMoment } from './demo-time'

/** "2026112310" → "20261123105": a Luhn-checked member number, as the till expects, from a fixed body. */
const memberNoFrom = (body: string): string => {
  // generateMemberNo makes the first digit 1 + d % 9: feed it the digit that gives the body's own.
  const digits = [Number(body[0]) - 1, ...Array.from(body.slice(1), Number)]
  let i = 0
  return generateMemberNo(() => digits[i++])
}

interface Purchase {
  daysAgo: number
  amountFen: number
}

interface DemoCustomer {
  key: string
  name: string
  mobile: string
  birthday: { month: number; day: number }
  assistant: StaffDoc
  joinedDaysAgo: number
  purchases: Purchase[]
  profile?: CustomerProfile
}

export interface DemoCustomers {
  members: Member[]
  purchases: PurchaseRecord[]
  ledger: LedgerEntry[]
  callbacks: CallbackDoc[]
}

/** The demo customers' names, for tests that look for them in the workbench's lists. */
export const DEMO_CUSTOMER_NAMES = {
  birthday: '张敏',
  birthdayOfColleague: '钱芳',
  lapsing: '赵雅',
  drifting: '孙悦',
  lost: '周琳',
  lostOfColleague: '郑洁',
  callbackDue: '吴倩',
} as const

export const demoCustomers = (
  now: Date,
  { store, assistant, colleague }: { store: StoreDoc; assistant: StaffDoc; colleague: StaffDoc },
): DemoCustomers => {
  const today = businessTime(now)
  /** A moment `days` business days before today, at a shop hour (./demo-time). */
  const daysAgo = (days: number, hour = 15) => shopMoment(now, days, hour, 20)
  // A birthday later this month when there is one left, else today: either way this month.
  const birthdayThisMonth = (ahead: number) => ({ month: today.month() + 1, day: Math.min(today.date() + ahead, today.daysInMonth()) })
  // A VIP year is twelve calendar months: bought this many days short of a year ago, it ends within the month.
  const vipYearAgo = today.diff(today.subtract(12, 'month'), 'day')

  const customers: DemoCustomer[] = [
    {
      key: 'zhang-min',
      name: DEMO_CUSTOMER_NAMES.birthday,
      mobile: '13700002101',
      birthday: birthdayThisMonth(3),
      assistant,
      joinedDaysAgo: 45,
      purchases: [{ daysAgo: 20, amountFen: 36_800 }],
      profile: { clothingSize: 'S', shoeSize: '36', colours: ['米白', '雾蓝'], styles: ['通勤'], notes: '偏爱针织开衫，周末下午有空' },
    },
    {
      key: 'zhao-ya',
      name: DEMO_CUSTOMER_NAMES.lapsing,
      mobile: '13700002102',
      birthday: { month: ((today.month() + 6) % 12) + 1, day: 9 },
      assistant,
      joinedDaysAgo: vipYearAgo - 10,
      purchases: [
        { daysAgo: vipYearAgo - 18, amountFen: 68_000 },
        { daysAgo: 35, amountFen: 19_900 },
      ],
      profile: { clothingSize: 'M', colours: ['驼色'], styles: ['简约', '羊绒'] },
    },
    {
      key: 'sun-yue',
      name: DEMO_CUSTOMER_NAMES.drifting,
      mobile: '13700002103',
      birthday: { month: ((today.month() + 3) % 12) + 1, day: 21 },
      assistant,
      joinedDaysAgo: 300,
      purchases: [
        { daysAgo: 260, amountFen: 42_000 },
        { daysAgo: 100, amountFen: 31_000 },
      ],
    },
    {
      key: 'zhou-lin',
      name: DEMO_CUSTOMER_NAMES.lost,
      mobile: '13700002104',
      birthday: { month: ((today.month() + 8) % 12) + 1, day: 2 },
      assistant,
      joinedDaysAgo: 420,
      purchases: [
        { daysAgo: 400, amountFen: 26_000 },
        { daysAgo: 200, amountFen: 45_000 },
      ],
    },
    {
      key: 'wu-qian',
      name: DEMO_CUSTOMER_NAMES.callbackDue,
      mobile: '13700002105',
      birthday: { month: ((today.month() + 4) % 12) + 1, day: 15 },
      assistant,
      joinedDaysAgo: 90,
      purchases: [{ daysAgo: 40, amountFen: 128_000 }],
      profile: { clothingSize: 'L', shoeSize: '38', colours: ['黑色', '酒红'], styles: ['正装'], notes: '年底有晚宴，想看礼服' },
    },
    {
      key: 'qian-fang',
      name: DEMO_CUSTOMER_NAMES.birthdayOfColleague,
      mobile: '13700002106',
      birthday: birthdayThisMonth(8),
      assistant: colleague,
      joinedDaysAgo: 150,
      purchases: [
        { daysAgo: 130, amountFen: 260_000 },
        { daysAgo: 70, amountFen: 180_000 },
        { daysAgo: 8, amountFen: 120_000 },
      ],
      profile: { clothingSize: 'M', shoeSize: '37', colours: ['藏青'], styles: ['商务'], notes: '只穿天然面料' },
    },
    {
      key: 'zheng-jie',
      name: DEMO_CUSTOMER_NAMES.lostOfColleague,
      mobile: '13700002107',
      birthday: { month: ((today.month() + 2) % 12) + 1, day: 27 },
      assistant: colleague,
      joinedDaysAgo: 500,
      purchases: [{ daysAgo: 230, amountFen: 52_000 }],
    },
  ]

  const members: Member[] = []
  const purchases: PurchaseRecord[] = []
  const ledger: LedgerEntry[] = []
  customers.forEach((c, index) => {
    let member = newMember(
      {
        openid: `demo-customer-${c.key}`,
        memberNo: memberNoFrom(`20261123${10 + index}`),
        name: c.name,
        mobile: c.mobile,
        birthday: c.birthday,
        storeId: store._id,
        assistantId: c.assistant.staffId,
        consentVersion: '2026-11-01',
        referralCode: `WBCUS${index + 2}`,
      },
      daysAgo(c.joinedDaysAgo, 11),
    )
    c.purchases.forEach((p, n) => {
      const decision = recordPurchase(
        member,
        {
          storeId: store._id,
          orderNo: `DEMO-${c.key.toUpperCase()}-${n + 1}`,
          amountFen: p.amountFen,
          at: daysAgo(p.daysAgo),
          actor: { type: 'staff', id: c.assistant.staffId, storeId: store._id },
        },
        DEFAULT_PROGRAM,
      )
      member = decision.member
      purchases.push(decision.purchase)
      ledger.push(...decision.entries)
    })
    members.push(c.profile ? { ...member, profile: c.profile } : member)
  })

  // The monthly callback: 吴倩 was called a calendar month ago (always last month) and is due again today;
  // 钱芳 was called this morning at 10:30 (yesterday's, before the store opens) and is due in 30 days, so the
  // manager's figures for this month are not all zero — except on the 1st before opening, when the month has
  // had no shop hours yet: her call is then last month's, like every moment the demo seeds (./demo-time).
  const callbacks: CallbackDoc[] = []
  const call = (key: string, by: StaffDoc, at: string, outcome: CallbackDoc['outcome'], note: string, nextAt: string) => {
    const member = members.find((m) => m._id === `demo-customer-${key}`)!
    callbacks.push({
      _id: `${by.staffId}:demo-callback-${key}`,
      memberId: member._id,
      storeId: store._id,
      staffId: by.staffId,
      at,
      month: businessTime(at).format('YYYY-MM'),
      outcome,
      note,
      nextAt,
    })
    Object.assign(member, { lastCallbackAt: at, nextCallbackAt: nextAt })
  }
  const monthAgo = today.subtract(1, 'month').hour(16).minute(20).second(0).millisecond(0)
  call('wu-qian', assistant, toInstant(monthAgo), 'reached', '大衣合身，想等新款礼服到店再来看', toInstant(today.startOf('day').hour(9)))
  const qianFangCalled = shopMoment(now, 0, 10, 30)
  call(
    'qian-fang',
    colleague,
    qianFangCalled,
    'message',
    '已发新品图册，等她回复',
    toInstant(businessTime(qianFangCalled).startOf('day').add(30, 'day').hour(9)),
  )

  return { members, purchases, ledger, callbacks }
}
