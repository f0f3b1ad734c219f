/**
 * The member handbook (《VIP会员手册》) is generated from the live program rules, never written as copy that
 * drifts. This part decides which saved rule changes the handbook announces and with what effective date:
 * a version's rules apply from the moment it was saved (functions read the new rules on their next call), so
 * its save time is the rule's effective date.
 */
import type { RuleChange } from './programChanges'
import type { Instant } from './time'

/** Changes older than this are the rules as they are, not news. */
export const HANDBOOK_NEWS_DAYS = 180

export interface DatedChange extends RuleChange {
  /** When the change took effect (its version's save time). */
  at: Instant
}

/** Rules a shopper reads about; the staff workbench's and the segments' thresholds are internal. */
export const HANDBOOK_RULE_PREFIXES = [
  'vip',
  'gold.lifetimeFen',
  'earning',
  'expiry',
  'coupons',
  'referral.minPurchaseFen',
  'referral.inviterPoints',
  'referral.inviteeCouponTemplateId',
  'referral.monthlyCap',
  'serviceBenefits',
] as const

const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}.`)

/**
 * From saved versions (any order), the latest change of each rule a shopper reads about that took effect
 * within the news window before `now`, newest first.
 */
export const handbookChanges = (versions: readonly { at: Instant; changes: readonly RuleChange[] }[], now: Instant): DatedChange[] => {
  const since = Date.parse(now) - HANDBOOK_NEWS_DAYS * 86_400_000
  const latest = new Map<string, DatedChange>()
  for (const version of versions) {
    const at = Date.parse(version.at)
    if (at < since || at > Date.parse(now)) continue
    for (const change of version.changes) {
      if (!HANDBOOK_RULE_PREFIXES.some((p) => under(change.path, p))) continue
      const seen = latest.get(change.path)
      if (!seen || Date.parse(seen.at) < at) latest.set(change.path, { ...change, at: version.at })
    }
  }
  return [...latest.values()].sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || a.path.localeCompare(b.path))
}

/** The changes that concern a section of the handbook (the rule paths it reads), newest first. */
export const changesUnder = (changes: readonly DatedChange[], prefixes: readonly string[]): DatedChange[] =>
  changes.filter((c) => prefixes.some((p) => under(c.path, p)))
