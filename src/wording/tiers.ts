/**
 * How tiers read in Chinese, for the shopper's card and the till alike. Pure functions of domain values
 * (amounts in fen, exclusive end instants), so they are tested without Taro.
 */
import { formatYuan } from '../domain/money'
import { TIER_NAMES, type TierId } from '../domain/program'
import type { TierChange, TierProgress } from '../domain/tiers'
import type { Instant } from '../domain/time'
import { lastDayText } from './dates'

export interface ProgressWording {
  /** The next step, one sentence. */
  headline: string
  /** A second, longer-term goal (gold for a VIP), or null. */
  detail: string | null
  /** How far along the bar is, 0..1. */
  ratio: number
}

const ratioOf = (remaining: number, target: number): number => (target <= 0 ? 1 : Math.min(1, Math.max(0, (target - remaining) / target)))

const goldDetail = (goldRemainingFen: number): string => `累计再消费 ${formatYuan(goldRemainingFen)} 成为终身金卡会员`

export const progressWording = (progress: TierProgress): ProgressWording => {
  switch (progress.tier) {
    case 'member':
      return {
        headline: `再消费 ${formatYuan(progress.cumulativeRemainingFen)} 或单笔消费满 ${formatYuan(progress.singlePurchaseFen)}，即可成为VIP会员`,
        detail: null,
        ratio: ratioOf(progress.cumulativeRemainingFen, progress.cumulativeTargetFen),
      }
    case 'vip':
      return progress.renewal
        ? {
            headline: `本年度再消费 ${formatYuan(progress.renewal.remainingFen)}，VIP有效期将延长至 ${lastDayText(progress.renewal.extendsTo)}`,
            detail: goldDetail(progress.goldRemainingFen),
            ratio: ratioOf(progress.renewal.remainingFen, progress.renewal.targetFen),
          }
        : {
            // Renewed already this VIP year: the only step left is gold.
            headline: `本年度已续期，VIP有效期至 ${lastDayText(progress.vipUntil)}`,
            detail: goldDetail(progress.goldRemainingFen),
            ratio: 1,
          }
    case 'gold':
      return { headline: '您已是终身金卡会员', detail: null, ratio: 1 }
  }
}

/** "有效期至 2027-11-23" for a VIP, "永久有效" for gold, nothing for a plain member. */
export const validityWording = (tier: TierProgress['tier'], vipUntil: Instant | null): string | null => {
  if (tier === 'gold') return '永久有效'
  if (tier === 'vip' && vipUntil) return `有效期至 ${lastDayText(vipUntil)}`
  return null
}

/**
 * The card face's line under the points: "VIP有效期至 2027-11-23" (what ends is named: the VIP year, not the card),
 * "永久有效" beside the gold badge, nothing for a plain member, whose card does not end.
 */
export const cardValidityWording = (tier: TierProgress['tier'], vipUntil: Instant | null): string | null => {
  const validity = validityWording(tier, vipUntil)
  return tier === 'vip' && validity ? `VIP${validity}` : validity
}

/** What a purchase did to the tier, as the till announces it. */
export const tierChangeWording = (change: TierChange): string => {
  switch (change.kind) {
    case 'vip_granted':
      return `升级为${TIER_NAMES.vip}，有效期至 ${lastDayText(change.vipUntil)}`
    case 'vip_renewed':
      return `VIP有效期延长至 ${lastDayText(change.vipUntil)}`
    case 'gold_granted':
      return `升级为终身${TIER_NAMES.gold}`
  }
}

/** The tiers from lowest to highest, the order they are named in. */
const TIER_ORDER: readonly TierId[] = ['member', 'vip', 'gold']

/** Who may use or join something: "所有会员", or the tiers by name, "VIP会员、金卡会员". */
export const tiersText = (tiers: readonly TierId[]): string =>
  TIER_ORDER.every((t) => tiers.includes(t))
    ? '所有会员'
    : TIER_ORDER.filter((t) => tiers.includes(t))
        .map((t) => TIER_NAMES[t])
        .join('、')

/** What a refund did to the tier: "会员等级由 VIP会员 调整为 普通会员"; null when it stayed. */
export const tierMoveWording = (before: TierId, after: TierId): string | null =>
  before === after ? null : `会员等级由 ${TIER_NAMES[before]} 调整为 ${TIER_NAMES[after]}`
