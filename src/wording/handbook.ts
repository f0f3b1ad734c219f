/**
 * The member handbook in words, generated from the live rules (HandbookView): how to join, the tier ladder with
 * its exact thresholds and validity, earning rates, birthday benefits, points expiry, referral rewards and the
 * service benefits per tier, the reader's place marked, and each recent rule change with its effective date.
 * Pure: the page renders what this returns, and tests read it without Taro.
 */
import type { HandbookView } from '../api/contract'
import { changesUnder, type DatedChange } from '../domain/handbook'
import { formatYuan } from '../domain/money'
import { TIER_NAMES, TIER_ORDER, type TierId } from '../domain/program'
import type { HandbookRules } from '../domain/shopperRules'
import { effectiveTier, tierProgress } from '../domain/tiers'
import { dateText } from './dates'
import { formatPoints } from './points'
import { changeText, expiryText, hundredthsText, perYuanText } from './program'
import { progressWording, validityWording } from './tiers'

export { TIER_ORDER }

export interface RuleNews {
  /** "VIP累计消费门槛 ¥1,800 → ¥3,000". */
  text: string
  /** "2026年11月23日起生效". */
  effective: string
}

export interface HandbookSection {
  id: 'join' | 'tiers' | 'points' | 'birthday' | 'referral' | 'services'
  title: string
  lines: string[]
  news: RuleNews[]
}

export interface LadderStep {
  tier: TierId
  name: string
  /** How to reach it, with the exact thresholds. */
  condition: string
  /** How long it lasts. */
  validity: string
  /** Points per yuan at this tier. */
  earning: string
  /** The reader is here. */
  mine: boolean
}

export interface BenefitRow {
  title: string
  detail: string
  /** Per tier of the ladder, in order: whether it has this benefit. */
  tiers: { tier: TierId; has: boolean }[]
  /** The reader's tier has it. */
  mine: boolean
}

export interface Handbook {
  ladder: LadderStep[]
  /** "您当前是VIP会员，有效期至 2027-05-01", or null for a reader who is not a member. */
  position: string | null
  /** The next step ("再消费 ¥1,200 …"), or null. */
  nextStep: string | null
  sections: HandbookSection[]
  benefits: BenefitRow[]
}

export const effectiveDateText = (at: string): string => `${dateText(at, 'day')} 起生效`

const newsOf = (changes: readonly DatedChange[], prefixes: readonly string[]): RuleNews[] =>
  changesUnder(changes, prefixes).map((c) => ({ text: changeText(c), effective: effectiveDateText(c.at) }))

const ladder = (rules: HandbookRules, mine: TierId | null): LadderStep[] => [
  {
    tier: 'member',
    name: TIER_NAMES.member,
    condition: '扫码填写姓名、手机号和生日，免费入会',
    validity: '长期有效',
    earning: perYuanText(rules.earning.pointsPer100YuanByTier.member),
    mine: mine === 'member',
  },
  {
    tier: 'vip',
    name: TIER_NAMES.vip,
    condition: `累计消费满 ${formatYuan(rules.vip.cumulativeFen)}，或单笔消费满 ${formatYuan(rules.vip.singlePurchaseFen)}`,
    validity: `${rules.vip.validMonths}个月；有效期内消费满 ${formatYuan(rules.vip.renewFen)}，再延长${rules.vip.validMonths}个月`,
    earning: perYuanText(rules.earning.pointsPer100YuanByTier.vip),
    mine: mine === 'vip',
  },
  {
    tier: 'gold',
    name: TIER_NAMES.gold,
    condition: `终身累计消费满 ${formatYuan(rules.gold.lifetimeFen)}`,
    validity: '终身有效',
    earning: perYuanText(rules.earning.pointsPer100YuanByTier.gold),
    mine: mine === 'gold',
  },
]

export const handbookOf = (view: HandbookView): Handbook => {
  const { rules, changes, gifts } = view
  const mine = view.standing ? effectiveTier(view.standing, view.serverTime) : null
  const progress = view.standing ? tierProgress(view.standing, rules, view.serverTime) : null
  const validity = progress ? validityWording(progress.tier, progress.tier === 'vip' ? progress.vipUntil : null) : null
  const birthdayMultiple = rules.earning.birthdayMonthPercent
  const sections: HandbookSection[] = [
    {
      id: 'join',
      title: '如何入会',
      lines: [
        '在门店扫描会员二维码，填写姓名、手机号和生日，即可免费成为会员。',
        gifts.welcome ? `入会即送：${gifts.welcome}` : '入会即可累积积分、享受会员服务。',
      ],
      news: newsOf(changes, ['coupons.welcomeTemplateId']),
    },
    {
      id: 'tiers',
      title: '会员等级',
      lines: [
        `非VIP会员期间累计消费满 ${formatYuan(rules.vip.cumulativeFen)}，或单笔消费满 ${formatYuan(rules.vip.singlePurchaseFen)}，即成为VIP会员，有效期${rules.vip.validMonths}个月。`,
        `VIP有效期内累计消费满 ${formatYuan(rules.vip.renewFen)}，有效期再延长${rules.vip.validMonths}个月（每个VIP年度一次）。`,
        `终身累计消费满 ${formatYuan(rules.gold.lifetimeFen)}，成为终身金卡会员，永久有效。`,
      ],
      news: newsOf(changes, ['vip', 'gold.lifetimeFen']),
    },
    {
      id: 'points',
      title: '积分怎么得、怎么用',
      lines: [
        ...TIER_ORDER.map((t) => `${TIER_NAMES[t]}：${perYuanText(rules.earning.pointsPer100YuanByTier[t])}`),
        `积分${expiryText(rules.expiry.yearsAfterEarningYear)}，先得的积分先用。`,
        '积分可在「积分兑换」换取礼品和优惠券。',
      ],
      news: newsOf(changes, ['earning.pointsPer100YuanByTier', 'expiry']),
    },
    {
      id: 'birthday',
      title: '生日礼遇',
      lines: [
        ...(birthdayMultiple > 100 ? [`生日当月消费积分 ${hundredthsText(birthdayMultiple)} 倍。`] : []),
        gifts.birthday ? `生日当月赠送：${gifts.birthday}，整月可用。` : '生日当月送上祝福。',
      ],
      news: newsOf(changes, ['earning.birthdayMonthPercent', 'coupons.birthdayTemplateId']),
    },
    {
      id: 'referral',
      title: '邀请好友',
      lines: [
        `好友通过你的邀请入会，首次消费满 ${formatYuan(rules.referral.minPurchaseFen)}，你得 ${formatPoints(rules.referral.inviterPoints)} 积分（每月最多 ${rules.referral.monthlyCap} 次）。`,
        ...(gifts.referral ? [`好友入会即得：${gifts.referral}`] : []),
      ],
      news: newsOf(changes, ['referral']),
    },
    {
      id: 'services',
      title: '会员服务',
      lines: rules.serviceBenefits.length ? [] : ['暂无会员服务项目。'],
      news: newsOf(changes, ['serviceBenefits']),
    },
  ]
  return {
    ladder: ladder(rules, mine),
    position: mine ? `您当前是${TIER_NAMES[mine]}${validity ? `，${validity}` : ''}` : null,
    nextStep: progress && progress.tier !== 'gold' ? progressWording(progress).headline : null,
    sections,
    benefits: rules.serviceBenefits.map((b) => ({
      title: b.title,
      detail: b.detail,
      tiers: TIER_ORDER.map((t) => ({ tier: t, has: b.tiers.includes(t) })),
      mine: mine !== null && b.tiers.includes(mine),
    })),
  }
}
