/** The staff workbench's people as the server describes them: the store manager, and customers at SH001. */
import { fireEvent, waitFor } from '@testing-library/dom'
import type { CustomerView, StaffView, TodayView } from '../../../src/api/contract'
import { STAFF } from './fixtures'
import { row } from './interact'

export const MANAGER: StaffView = { staffId: 'M01', name: '周慧', role: 'manager', store: STAFF.store }

/** A business-time moment as an instant: day('2026-08-15') is 15:20 that day in Shanghai. */
export const day = (date: string, time = '15:20:00'): string => new Date(`${date}T${time}+08:00`).toISOString()

export const customer = (overrides: Partial<CustomerView> = {}): CustomerView => ({
  memberNo: '20261123101',
  name: '张敏',
  mobileMasked: '137****2101',
  mobileUnconfirmed: false,
  unclaimed: false,
  birthday: { month: 11, day: 27 },
  tier: 'member',
  vipUntil: null,
  pointsBalance: 736,
  joinedAt: day('2026-10-09', '11:20:00'),
  lastPurchaseAt: day('2026-11-03'),
  lastSeenAt: day('2026-11-03'),
  lifetimeSpendFen: 36_800,
  purchaseCount: 1,
  assistant: { staffId: 'A01', name: '王丽' },
  store: STAFF.store,
  profile: {},
  nextCallbackAt: null,
  lastCallbackAt: null,
  customerClass: 'D',
  ...overrides,
})

export const ZHANG_MIN = customer({
  profile: { clothingSize: 'S', shoeSize: '36', colours: ['米白', '雾蓝'], styles: ['通勤'], notes: '偏爱针织开衫' },
})
export const ZHAO_YA = customer({
  memberNo: '20261123119',
  name: '赵雅',
  birthday: { month: 5, day: 9 },
  tier: 'vip',
  // Exclusive end: VIP through 13 December.
  vipUntil: day('2026-12-14', '00:00:00'),
  lastPurchaseAt: day('2026-10-19'),
  lastSeenAt: day('2026-10-19'),
  lifetimeSpendFen: 87_900,
  purchaseCount: 2,
  customerClass: 'C',
})
export const SUN_YUE = customer({
  memberNo: '20261123127',
  name: '孙悦',
  lastPurchaseAt: day('2026-08-15'),
  lastSeenAt: day('2026-08-15'),
  lifetimeSpendFen: 73_000,
  purchaseCount: 2,
  customerClass: 'C',
})
export const ZHOU_LIN = customer({
  memberNo: '20261123135',
  name: '周琳',
  lastPurchaseAt: day('2026-05-07'),
  lastSeenAt: day('2026-05-07'),
  lifetimeSpendFen: 71_000,
  purchaseCount: 2,
  customerClass: 'C',
})
export const WU_QIAN = customer({
  memberNo: '20261123143',
  name: '吴倩',
  tier: 'vip',
  vipUntil: day('2027-10-16', '00:00:00'),
  lifetimeSpendFen: 128_000,
  customerClass: 'C',
  nextCallbackAt: day('2026-11-23', '09:00:00'),
  lastCallbackAt: day('2026-10-23', '16:20:00'),
})
export const QIAN_FANG = customer({
  memberNo: '20261123150',
  name: '钱芳',
  birthday: { month: 11, day: 30 },
  tier: 'gold',
  lifetimeSpendFen: 560_000,
  purchaseCount: 3,
  customerClass: 'B',
  assistant: { staffId: 'A03', name: '赵敏' },
})

/** 23 November 2026, 14:00 in Shanghai. */
export const TODAY_SERVER_TIME = day('2026-11-23', '14:00:00')

export const todayView = (overrides: Partial<TodayView> = {}): TodayView => ({
  month: '2026-11',
  serverTime: TODAY_SERVER_TIME,
  birthdays: [ZHANG_MIN],
  lapsing: [ZHAO_YA],
  drifting: [SUN_YUE],
  lost: [ZHOU_LIN],
  callbacksDue: [WU_QIAN],
  thresholds: { lapseWarningDays: 30, winBackDays: [90, 180] },
  ...overrides,
})

/** Taro's <Textarea> renders a real <textarea> inside its own element. */
export const typeIntoTextarea = async (label: string, text: string): Promise<void> => {
  const area = await waitFor(() => {
    const found = row(label).querySelector<HTMLTextAreaElement>('textarea')
    if (!found) throw new Error(`the ${label} textarea has not rendered yet`)
    return found
  })
  area.value = text
  fireEvent.input(area)
  await waitFor(() => expect(area.value).toBe(text))
}
