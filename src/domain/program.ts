/**
 * The program rules: data an operator can change, never `if` chains in code.
 * Money is integer fen (¥1 = 100 fen); durations are calendar months in business time.
 * Defaults follow the typical Chinese retail VIP handbook.
 */
export interface ProgramRules {
  /** Increases whenever an operator changes a rule; stamped on what the rules decided. */
  version: number
  earning: {
    /** Points earned per whole yuan spent (floor of the fen-exact product). */
    pointsPerYuan: number
  }
  vip: {
    /** Spend accumulated while not VIP that grants VIP (¥1,800). */
    cumulativeFen: number
    /** One purchase of at least this grants VIP (¥500). */
    singlePurchaseFen: number
    /** How long a grant or a renewal lasts. */
    validMonths: number
    /** Spend within one VIP year that extends VIP by `validMonths` (¥500). */
    renewFen: number
  }
  gold: {
    /** Lifetime spend that grants permanent gold (¥5,000). */
    lifetimeFen: number
  }
}

export const DEFAULT_PROGRAM: ProgramRules = {
  version: 1,
  earning: { pointsPerYuan: 1 },
  vip: { cumulativeFen: 180_000, singlePurchaseFen: 50_000, validMonths: 12, renewFen: 50_000 },
  gold: { lifetimeFen: 500_000 },
}

export type TierId = 'member' | 'vip' | 'gold'

export const TIER_NAMES: Record<TierId, string> = {
  member: '普通会员',
  vip: 'VIP会员',
  gold: '金卡会员',
}
