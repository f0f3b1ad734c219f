/** How ledger entries read, for the shopper's points history and the operator's audit alike. */
import { businessMonth, type Instant } from '../domain/time'
import { dateText } from './dates'

/** "2026年11月": the business-time month an entry falls in. */
export const monthTitle = (at: Instant): string => dateText(at, 'month')

/** "11-23 14:05" under a month heading (the year is in the heading). */
export const entryTime = (at: Instant): string => dateText(at, 'entryTime')

/** "2026-11-23 14:05:09": the audit names the second, to match entries with the till's receipt. */
export const auditTime = (at: Instant): string => dateText(at, 'auditTime')

/** In (earned, a positive adjustment) or out (everything else): shown green or muted. */
export const entryDirection = (points: number): 'in' | 'out' => (points > 0 ? 'in' : 'out')

export interface MonthGroup<T> {
  /** "2026-11", stable across pages. */
  key: string
  title: string
  entries: T[]
}

/**
 * Entries (newest first, as the server pages them) under their business-time month. A month that spans
 * two pages stays one group, so group the whole list after each page arrives.
 */
export const groupByMonth = <T extends { at: Instant }>(entries: readonly T[]): MonthGroup<T>[] => {
  const groups = new Map<string, MonthGroup<T>>()
  for (const entry of entries) {
    const key = businessMonth(entry.at)
    const group = groups.get(key) ?? { key, title: monthTitle(entry.at), entries: [] }
    groups.set(key, group)
    group.entries.push(entry)
  }
  return [...groups.values()]
}
