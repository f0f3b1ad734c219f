/** The member table's columns as the export writes them: the same words as on screen. */
import type { MemberRow } from '../../../../src/api/contract'
import type { ExportColumn } from '../../lists/exportXlsx'
import { className, deskDay, deskTime, tierName } from '../../wording'

export const MEMBER_EXPORT_COLUMNS: ExportColumn<MemberRow>[] = [
  { header: '会员号', width: 14, value: (r) => r.memberNo },
  { header: '姓名', width: 10, value: (r) => r.name },
  { header: '手机号', width: 14, value: (r) => r.mobileMasked },
  { header: '等级', width: 10, value: (r) => tierName(r.tier) },
  { header: 'VIP有效期至', width: 12, value: (r) => (r.vipUntil ? deskDay(r.vipUntil) : '') },
  { header: '积分', width: 10, value: (r) => r.pointsBalance },
  // Yuan as a number with two decimals (exact from fen), so that Excel can sum it.
  { header: '累计消费（元）', width: 14, value: (r) => Number((r.lifetimeSpendFen / 100).toFixed(2)) },
  { header: '门店', width: 20, value: (r) => r.store?.name ?? '' },
  { header: '导购', width: 10, value: (r) => r.assistant?.name ?? '' },
  { header: '客户类别', width: 8, value: (r) => className(r.customerClass) },
  { header: '最近到店', width: 20, value: (r) => deskTime(r.lastVisitAt) },
  { header: '入会时间', width: 20, value: (r) => deskTime(r.joinedAt) },
]
