/** How the desk writes times, money, tiers and classes: the mini-program's own wording, in business time. */
import { formatYuan } from '../../src/domain/money'
import { TIER_NAMES, type TierId } from '../../src/domain/program'
import type { CustomerClass } from '../../src/domain/segments'
import type { Birthday } from '../../src/domain/member'
import { dateText } from '../../src/wording/dates'
import { classText } from '../../src/wording/workbench'

/** When something happened, to the second (the audit trail, the ledger). */
export const deskTime = (at: string): string => dateText(at, 'auditTime')
/** When something happened, to the minute (tables). */
export const deskPastTime = (at: string): string => dateText(at, 'pastTime')
export const deskDay = (at: string): string => dateText(at, 'day')
export const yuan = (fen: number): string => formatYuan(fen)
export const tierName = (tier: TierId): string => TIER_NAMES[tier]
export const className = (c: CustomerClass): string => classText(c)
export const birthdayText = (b: Birthday | null): string => (b ? `${b.year ? `${b.year}年` : ''}${b.month}月${b.day}日` : '未填写')
