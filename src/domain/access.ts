/**
 * VIP early access: a campaign or catalog item opens to VIP and gold members some days before everyone else.
 */
import type { TierId } from './program'
import { isBefore, toInstant, businessTime, type Instant } from './time'

export interface EarlyAccess {
  /** When everyone may take part. */
  opensAt: Instant
  /** How many days earlier VIP and gold members may (default 3). */
  vipDays: number
}

export const DEFAULT_VIP_EARLY_DAYS = 3

export type Access =
  | { open: true; vipEarly: boolean; opensToAllAt: Instant | null; vipDays: number }
  | { open: false; opensAt: Instant; opensToAllAt: Instant; vipDays: number }

export const vipOpensAt = (early: EarlyAccess): Instant => toInstant(businessTime(early.opensAt).subtract(early.vipDays, 'day'))

/** Whether a member of `tier` may take part at `now`, and whether only early access lets them. */
export const accessAt = (early: EarlyAccess | null, tier: TierId, now: Instant): Access => {
  const vipDays = early?.vipDays ?? 0
  if (!early || !isBefore(now, early.opensAt)) return { open: true, vipEarly: false, opensToAllAt: null, vipDays }
  const vipFrom = vipOpensAt(early)
  if (tier !== 'member' && !isBefore(now, vipFrom)) return { open: true, vipEarly: true, opensToAllAt: early.opensAt, vipDays }
  return { open: false, opensAt: tier === 'member' ? early.opensAt : vipFrom, opensToAllAt: early.opensAt, vipDays }
}
