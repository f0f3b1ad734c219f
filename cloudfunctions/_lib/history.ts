/**
 * A member's ledger, newest first, a page at a time, with each entry's source put into words: the shopper's
 * points history and the operators' audit read the same pages.
 */
import type { AuditEntry, PointsHistoryEntry } from '../../src/api/contract'
import { invalidInput } from '../../src/domain/errors'
import type { Actor, LedgerEntry, LedgerSource } from '../../src/domain/ledger'
import { lastCoveredBusinessDate } from '../../src/domain/time'
import { _ } from './cloud'
import { data } from './data'
import { loadOperatorById, loadStaffByStaffId, loadStore } from './reference'

export const HISTORY_PAGE_SIZE = 20

/** Cursor = the last entry's time and id: entries at the same instant still page in a stable order. */
const encodeCursor = (entry: LedgerEntry) => `${entry.at}|${entry._id}`
const decodeCursor = (cursor: string): { at: string; id: string } => {
  const bar = cursor.indexOf('|')
  if (bar < 0) throw invalidInput([{ field: 'cursor', message: '分页参数无效' }])
  return { at: cursor.slice(0, bar), id: cursor.slice(bar + 1) }
}

export const ledgerPage = async (memberId: string, cursor: string | null | undefined) => {
  const after = cursor ? decodeCursor(cursor) : null
  const filter = after ? _.and([{ memberId }, _.or([{ at: _.lt(after.at) }, { at: after.at, _id: _.lt(after.id) }])]) : { memberId }
  const entries = await data.ledger
    .where(filter)
    .orderBy('at', 'desc')
    .orderBy('_id', 'desc')
    .limit(HISTORY_PAGE_SIZE + 1)
    .get()
  const page = entries.slice(0, HISTORY_PAGE_SIZE)
  return { page, nextCursor: entries.length > HISTORY_PAGE_SIZE ? encodeCursor(page[page.length - 1]) : null }
}

const storeName = async (storeId: string) => (await loadStore(storeId))?.name ?? storeId

const detailOf = async (source: LedgerSource): Promise<string | null> => {
  switch (source.type) {
    case 'purchase':
      return `${await storeName(source.storeId)} · 订单 ${source.orderNo}`
    case 'refund':
      return `${await storeName(source.storeId)} · 退货 订单 ${source.orderNo}`
    case 'expiry':
      return `${lastCoveredBusinessDate(source.id)} 到期的积分`
    case 'event':
      return '会员活动'
    case 'referral':
      return '好友首次到店消费'
    case 'import':
      return '品牌导入的会员资料'
    case 'claim':
      return '开卡时转入'
    case 'redemption':
    case 'adjustment':
      return null
  }
}

export const historyEntry = async (entry: LedgerEntry): Promise<PointsHistoryEntry> => ({
  id: entry._id,
  kind: entry.kind,
  points: entry.points,
  balanceAfter: entry.balanceAfter,
  reason: entry.reason,
  at: entry.at,
  detail: await detailOf(entry.source),
})

/** "导购 王丽（A01，上海静安嘉里中心店）": names for people, ids kept for the record. */
export const actorOf = async (actor: Actor): Promise<string> => {
  switch (actor.type) {
    case 'member':
      return '会员本人'
    case 'staff': {
      const staff = await loadStaffByStaffId(actor.id)
      return `导购 ${staff?.name ?? ''}（${actor.id}，${await storeName(actor.storeId)}）`.replace('导购 （', '导购（')
    }
    case 'operator': {
      const operator = await loadOperatorById(actor.id)
      return `运营 ${operator?.name ?? ''}（${actor.id}）`.replace('运营 （', '运营（')
    }
    case 'job':
      return `定时任务 ${actor.id}`
  }
}

export const auditEntry = async (entry: LedgerEntry): Promise<AuditEntry> => ({
  ...(await historyEntry(entry)),
  actor: await actorOf(entry.actor),
  source: `${entry.source.type}:${entry.source.id}`,
})
