/**
 * What an operator's edit of the program rules changed, leaf by leaf, so the history can say
 * "vip.cumulativeFen 180000 → 300000" instead of storing two opaque copies for a human to compare.
 */
import type { ProgramRules } from './program'

export interface RuleChange {
  /** Dotted path of the changed leaf, e.g. "vip.cumulativeFen" or "workbench.winBackDays.1". */
  path: string
  from: unknown
  to: unknown
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null

/**
 * Lists an operator edits as a whole (entries added, removed, reordered): one change with both lists, since
 * "entry 3's title" means nothing once entries move.
 */
const WHOLE_LISTS = new Set(['serviceBenefits'])

const walk = (before: unknown, after: unknown, path: string, out: RuleChange[]): void => {
  if (WHOLE_LISTS.has(path)) {
    if (JSON.stringify(before ?? null) !== JSON.stringify(after ?? null)) out.push({ path, from: before ?? null, to: after ?? null })
    return
  }
  if (isRecord(before) && isRecord(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)])
    for (const key of [...keys].sort()) walk(before[key], after[key], path ? `${path}.${key}` : key, out)
    return
  }
  if (before !== after) out.push({ path, from: before ?? null, to: after ?? null })
}

/** Every leaf that differs; `version` is bookkeeping, not a rule. */
export const diffRules = (before: ProgramRules, after: ProgramRules): RuleChange[] => {
  const out: RuleChange[] = []
  walk({ ...before, version: 0 }, { ...after, version: 0 }, '', out)
  return out
}
