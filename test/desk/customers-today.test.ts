/**
 * 顾客 and 数据导出 apart from React: each of today's lists as the phone words it (title with its count, the row's
 * own facts in its column and in the .xlsx), paged over the answer in hand, the export file's name; and an export's
 * result and refusal in words.
 */
import type { CustomerView, TodayView } from '../../src/api/contract'
import { exportedWhat, refusalText } from '../../desk/src/pages/exports/exportWords'
import { fetchSection, sectionExportColumns, sectionFileName, tabLabel, todaySections } from '../../desk/src/pages/customers/todayTables'
import { at } from '../support/clock'

const now = at('2026-12-07T12:00:00')

const customer = (n: number, over: Partial<CustomerView> = {}): CustomerView => ({
  memberNo: `2026112300${n}`,
  name: `顾客${n}`,
  mobileMasked: '138****1234',
  birthday: { month: 12, day: 20 },
  tier: 'vip',
  vipUntil: at('2026-12-20T00:00:00'),
  pointsBalance: 100,
  mobileUnconfirmed: false,
  unclaimed: false,
  joinedAt: at('2026-01-01T10:00:00'),
  lastPurchaseAt: null,
  lastSeenAt: at('2026-08-17T10:00:00'),
  lifetimeSpendFen: 100_00,
  purchaseCount: 1,
  assistant: n === 1 ? { staffId: 'A01', name: '王丽' } : null,
  store: n === 1 ? { id: 'SH001', name: '上海静安嘉里中心店' } : null,
  profile: {} as CustomerView['profile'],
  nextCallbackAt: at('2026-12-04T10:00:00'),
  lastCallbackAt: null,
  customerClass: 'B',
  ...over,
})

const today = (over: Partial<TodayView> = {}): TodayView => ({
  month: '2026-12',
  serverTime: now,
  birthdays: [customer(1), customer(2)],
  lapsing: [],
  drifting: [customer(3)],
  lost: [],
  callbacksDue: [customer(1)],
  thresholds: { lapseWarningDays: 30, winBackDays: [90, 180] },
  ...over,
})

const section = (key: string) => todaySections(today()).find((s) => s.key === key)!

it("labels each tab with the phone's title and the list's count, thresholds from the answer", () => {
  expect(todaySections(today()).map(tabLabel)).toEqual([
    '本月生日（2）',
    '即将到期VIP（0）',
    '90天未到店（1）',
    '180天未到店（0）',
    '待回访（1）',
  ])
  expect(todaySections(today({ thresholds: { lapseWarningDays: 14, winBackDays: [60, 120] } })).map((s) => s.title)).toContain('60天未到店')
})

it("exports who the customer is, whose, and the list's own facts in the phone's words", () => {
  const columns = sectionExportColumns(section('drifting'))
  expect(columns.map((c) => c.header)).toEqual(['会员号', '姓名', '等级', '手机号', '门店', '导购', '上次到店'])
  expect(columns.map((c) => c.value(customer(3)))).toEqual([
    '20261123003',
    '顾客3',
    'VIP会员',
    '138****1234',
    '未关联门店',
    '未分配',
    '上次到店 2026-08-17 · 112 天未到店',
  ])
  const due = sectionExportColumns(section('callbacksDue'))
  expect(due.at(-1)!.header).toBe('回访')
  expect(due.at(-1)!.value(customer(1))).toBe('应于 12月4日 回访 · 已过 3 天')
  expect(due[4].value(customer(1))).toBe('上海静安嘉里中心店')
})

it('pages a list in hand by offset, counting every row', async () => {
  const rows = Array.from({ length: 45 }, (_, i) => customer(i))
  const fetch = fetchSection(rows)
  const first = await fetch({ filter: {}, sort: { by: 'listed', order: 'asc' }, limit: 20, cursor: null })
  expect(first).toMatchObject({ total: 45, nextCursor: '20' })
  const last = await fetch({ filter: {}, sort: { by: 'listed', order: 'asc' }, limit: 20, cursor: '40' })
  expect(last.rows.map((r) => r.memberNo)).toEqual(rows.slice(40).map((r) => r.memberNo))
  expect(last.nextCursor).toBeNull()
})

it('names the file after the month, the list and the store, with nothing a file system refuses', () => {
  expect(sectionFileName(section('birthdays'), '2026-12', '全部门店')).toBe('顾客-2026年12月-本月生日-全部门店.xlsx')
  expect(sectionFileName(section('lost'), '2026-12', '上海/静安店')).toBe('顾客-2026年12月-180天未到店-上海_静安店.xlsx')
})

it("says what an export holds, and a refusal in the function's field messages", () => {
  expect(exportedWhat('members', 1204, null)).toBe('会员名单 · 1,204 位会员')
  expect(exportedWhat('ledger', 36, { from: '2026-12-01', to: '2026-12-07' })).toBe(
    '积分流水 · 2026-12-01 至 2026-12-07（北京时间）· 36 条',
  )
  expect(refusalText({ message: '输入有误', fields: [{ field: 'to', message: '一次最多导出 366 天' }] })).toBe('一次最多导出 366 天')
  expect(refusalText({ message: '您没有“导出”权限，请联系品牌负责人开通' })).toBe('您没有“导出”权限，请联系品牌负责人开通')
})
