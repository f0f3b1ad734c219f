/** The history page's list rules, apart from Taro. */
import type { PointsHistoryEntry } from '../../api/contract'

/**
 * Adds an older page after the entries shown. The cursor keeps pages from overlapping; an id is still never
 * shown twice (a list keyed by id must not repeat one), whatever the server sends.
 */
export const appendPage = (shown: readonly PointsHistoryEntry[], page: readonly PointsHistoryEntry[]): PointsHistoryEntry[] => {
  const ids = new Set(shown.map((e) => e.id))
  return [...shown, ...page.filter((e) => !ids.has(e.id))]
}

/** In (earned, a positive adjustment) or out (everything else): green or muted. */
export const direction = (points: number): 'in' | 'out' => (points > 0 ? 'in' : 'out')
