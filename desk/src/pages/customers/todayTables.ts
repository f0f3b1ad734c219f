/**
 * 顾客's tables apart from React: each of today's lists (the phone's own sections, src/components/Workbench/
 * todaySections.ts, so titles, hints and each row's facts read the same on both) as table columns, as the columns
 * of its .xlsx, and as pages for the desk's list table. `ops.today` answers each list whole, so the pages are
 * slices of that answer: the table, its pager and its export then show exactly the same rows.
 */
import type { CustomerView } from '../../../../src/api/contract'
import { todaySections, type TodaySection } from '../../../../src/components/Workbench/todaySections'
import type { ExportColumn } from '../../lists/exportXlsx'
import { pageOf } from '../../lists/pageOf'
import type { Fetch } from '../../lists/useCursorList'
import { monthText } from '../../../../src/wording/workbench'
import { tierName } from '../../wording'

export type TodayKey = TodaySection['key']
export { pageOf, todaySections, type TodaySection }

/** The header of the column that says what a list is about. */
export const FACT_HEADERS: Record<TodayKey, string> = {
  birthdays: '生日',
  lapsing: 'VIP有效期',
  drifting: '上次到店',
  lost: '上次到店',
  callbacksDue: '回访',
}

/** The tables sort nothing: each list comes in the order the phone shows it (birthday day, expiry, days away, due). */
export type NoSort = 'listed'

/** The list table's fetch over one of today's lists. */
export const fetchSection =
  (rows: readonly CustomerView[]): Fetch<Record<string, never>, NoSort, CustomerView> =>
  ({ cursor, limit }) =>
    Promise.resolve(pageOf(rows, cursor, limit))

/** Who the customer is and whose customer, the same in every list; then the list's own facts. */
export const sectionExportColumns = (section: TodaySection): ExportColumn<CustomerView>[] => [
  { header: '会员号', width: 14, value: (c) => c.memberNo },
  { header: '姓名', width: 10, value: (c) => c.name },
  { header: '等级', width: 10, value: (c) => tierName(c.tier) },
  { header: '手机号', width: 14, value: (c) => c.mobileMasked },
  { header: '门店', width: 20, value: (c) => c.store?.name ?? '未关联门店' },
  { header: '导购', width: 10, value: (c) => c.assistant?.name ?? '未分配' },
  { header: FACT_HEADERS[section.key], width: 32, value: (c) => section.line(c) },
]

/** "顾客-2026年12月-本月生日-全部门店.xlsx". */
export const sectionFileName = (section: TodaySection, month: string, scopeName: string): string =>
  `顾客-${monthText(month)}-${section.title}-${scopeName}.xlsx`.replace(/[\\/:*?"<>|]/g, '_')

/** The tab's label: the list's title and how many it holds. */
export const tabLabel = (section: TodaySection): string => `${section.title}（${section.customers.length}）`
