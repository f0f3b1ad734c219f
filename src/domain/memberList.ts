/**
 * The operators' member table (the desk's 会员 page): what its search box means and how a customer class (A–D) reads
 * as bounds on the two figures kept on every member document, so the database filters by class live, the same way
 * the row's class is computed (segments.customerClass), without waiting for the nightly job.
 */
import { isValidMemberNo, MEMBER_NO_LENGTH } from './memberNo'
import { parseCustomerSearch, SEARCH_DIGITS_MESSAGE, type CustomerSearch } from './customerSearch'
import type { Fen } from './money'
import type { CustomerClass, SegmentRules } from './program'

/** The columns the member table sorts by. */
export const MEMBER_SORT_KEYS = ['joinedAt', 'lastVisitAt', 'pointsBalance', 'lifetimeSpendFen', 'name'] as const
export type MemberSortKey = (typeof MEMBER_SORT_KEYS)[number]

/**
 * What the search box asks: a whole member number (11 digits, as the card prints it), or the workbench's customer
 * search (a name's start, the phone's last 4 digits, or both). An 11-digit run is only ever a member number: it is
 * compared with member numbers, never with phones, so typing a full phone number finds nobody and tells nothing.
 */
export type MemberSearch = { memberNo: string } | CustomerSearch

export const parseMemberSearch = (text: string): { ok: true; search: MemberSearch } | { ok: false; message: string } => {
  const compact = text.replace(/\s+/g, '')
  if (new RegExp(`^\\d{${MEMBER_NO_LENGTH}}$`).test(compact)) {
    return isValidMemberNo(compact) ? { ok: true, search: { memberNo: compact } } : { ok: false, message: '会员号有误，请核对后重新输入' }
  }
  const parsed = parseCustomerSearch(text.trim())
  if (parsed.ok) return parsed
  // The customer search's words name only the phone; here a whole member number is also taken.
  return { ok: false, message: parsed.message === SEARCH_DIGITS_MESSAGE ? '请输入完整会员号（11 位）或手机后 4 位' : parsed.message }
}

/** The message for a search that may not be run, or null. */
export const memberSearchProblem = (text: string): string | null => {
  const parsed = parseMemberSearch(text)
  return parsed.ok ? null : parsed.message
}

/** Spend and visits together: a class rule's thresholds. */
export interface Figures {
  spendFen: Fen
  visits: number
}

/**
 * A class as bounds: the member reaches `reaches` (both thresholds; null for D) and, for every class above it,
 * falls short of at least one threshold (`fallsShortOf`). customerClass takes the first rule met, in order, so
 * these are exactly its members.
 */
export interface ClassBounds {
  reaches: Figures | null
  fallsShortOf: Figures[]
}

export const classBounds = (name: CustomerClass, rules: SegmentRules): ClassBounds => {
  const at = rules.classes.findIndex((c) => c.name === name)
  const above = at < 0 ? rules.classes : rules.classes.slice(0, at)
  const figures = (c: { minSpendFen: Fen; minVisits: number }): Figures => ({ spendFen: c.minSpendFen, visits: c.minVisits })
  return { reaches: at < 0 ? null : figures(rules.classes[at]), fallsShortOf: above.map(figures) }
}

/** Whether figures lie within a class's bounds (what the database's filter evaluates; the unit tests compare it with customerClass). */
export const withinClassBounds = (member: { lifetimeSpendFen: Fen; purchaseCount: number }, bounds: ClassBounds): boolean => {
  const reaches = (f: Figures) => member.lifetimeSpendFen >= f.spendFen && member.purchaseCount >= f.visits
  return (bounds.reaches === null || reaches(bounds.reaches)) && bounds.fallsShortOf.every((f) => !reaches(f))
}
