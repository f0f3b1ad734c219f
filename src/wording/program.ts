/**
 * How the program rules read in Chinese: one label and one unit per rule path ("vip.cumulativeFen" →
 * "VIP累计消费门槛", in yuan), used alike by the rules editor's fields, the server's field errors, the
 * confirmation's "what will change" and the history. Pure functions of the rules' values (fen, integer rates).
 */
import type { RuleChange } from '../domain/programChanges'
import { formatYuan, parseYuanToFen } from '../domain/money'
import { TIER_NAMES, type ServiceBenefit, type TierId } from '../domain/program'

/** How a rule's value reads: money, a rate per ¥100, a percent shown as a multiple, a count with its word. */
export type RuleUnit =
  | 'fen'
  | 'per100Yuan'
  | 'percentMultiple'
  | 'months'
  | 'yearsAfter'
  | 'days'
  | 'hours'
  | 'visits'
  | 'points'
  | 'people'
  | 'times'
  | 'keepGold'
  | 'template'

export interface RuleWord {
  label: string
  unit: RuleUnit
}

const TIERS: readonly TierId[] = ['member', 'vip', 'gold']
const CLASSES = ['A', 'B', 'C'] as const

/** Every editable leaf of the rules, by dotted path (tuples by index, as the server names them). */
export const RULE_WORDS: Readonly<Record<string, RuleWord>> = {
  ...Object.fromEntries(
    TIERS.map((t): [string, RuleWord] => [`earning.pointsPer100YuanByTier.${t}`, { label: `${TIER_NAMES[t]}积分`, unit: 'per100Yuan' }]),
  ),
  'earning.birthdayMonthPercent': { label: '生日月积分倍数', unit: 'percentMultiple' },
  'vip.cumulativeFen': { label: 'VIP累计消费门槛', unit: 'fen' },
  'vip.singlePurchaseFen': { label: 'VIP单笔消费门槛', unit: 'fen' },
  'vip.validMonths': { label: 'VIP有效期', unit: 'months' },
  'vip.renewFen': { label: 'VIP续期消费门槛', unit: 'fen' },
  'gold.lifetimeFen': { label: '金卡终身消费门槛', unit: 'fen' },
  'gold.keptWhenRefundsUnqualify': { label: '退货后金卡', unit: 'keepGold' },
  'expiry.yearsAfterEarningYear': { label: '积分有效期', unit: 'yearsAfter' },
  'coupons.welcomeTemplateId': { label: '入会礼券', unit: 'template' },
  'coupons.birthdayTemplateId': { label: '生日券', unit: 'template' },
  'referral.minPurchaseFen': { label: '好友首单门槛', unit: 'fen' },
  'referral.inviterPoints': { label: '邀请奖励积分', unit: 'points' },
  'referral.inviteeCouponTemplateId': { label: '好友礼券', unit: 'template' },
  'referral.monthlyCap': { label: '每月奖励上限', unit: 'times' },
  'referral.burstJoins': { label: '短时加入提醒人数', unit: 'people' },
  'referral.burstHours': { label: '短时加入时长', unit: 'hours' },
  'workbench.lapseWarningDays': { label: 'VIP到期提醒', unit: 'days' },
  'workbench.winBackDays.0': { label: '未到店提醒（渐远）', unit: 'days' },
  'workbench.winBackDays.1': { label: '未到店提醒（流失）', unit: 'days' },
  'workbench.callbackEveryDays': { label: '回访间隔', unit: 'days' },
  ...Object.fromEntries(
    CLASSES.flatMap((name, i): [string, RuleWord][] => [
      [`segments.classes.${i}.minSpendFen`, { label: `${name}类客户累计消费`, unit: 'fen' }],
      [`segments.classes.${i}.minVisits`, { label: `${name}类客户消费次数`, unit: 'visits' }],
    ]),
  ),
  // R: up to N days since the last visit scores 5, 4, 3, 2 (older scores 1). F and M: from N upwards scores 2–5.
  ...Object.fromEntries(
    [0, 1, 2, 3].map((i): [string, RuleWord] => [
      `segments.rfm.recencyDays.${i}`,
      { label: `最近消费 R${5 - i}分（不超过）`, unit: 'days' },
    ]),
  ),
  ...Object.fromEntries(
    [0, 1, 2, 3].map((i): [string, RuleWord] => [`segments.rfm.visits.${i}`, { label: `消费次数 F${i + 2}分（至少）`, unit: 'visits' }]),
  ),
  ...Object.fromEntries(
    [0, 1, 2, 3].map((i): [string, RuleWord] => [`segments.rfm.spendFen.${i}`, { label: `消费金额 M${i + 2}分（至少）`, unit: 'fen' }]),
  ),
}

/** Paths that name a group of rules (a tuple, a section) rather than one value: the server's rules across fields. */
export const RULE_GROUP_LABELS: Readonly<Record<string, string>> = {
  '': '会员规则',
  earning: '积分',
  'earning.pointsPer100YuanByTier': '各等级积分比例',
  vip: 'VIP规则',
  gold: '金卡规则',
  coupons: '券',
  referral: '邀请奖励',
  workbench: '导购工作台',
  'workbench.winBackDays': '未到店提醒天数',
  segments: '客户分类',
  'segments.classes': '客户分类门槛',
  'segments.rfm.recencyDays': '最近消费分档',
  'segments.rfm.visits': '消费次数分档',
  'segments.rfm.spendFen': '消费金额分档',
  serviceBenefits: '会员服务权益',
}

/** "vip.cumulativeFen" from the server's "rules.vip.cumulativeFen". */
export const rulePath = (serverField: string): string => serverField.replace(/^rules(\.|$)/, '')

/** The Chinese name of a rule path: a value's label, a group's, or the path itself when nothing names it. */
export const ruleLabel = (path: string): string => RULE_WORDS[path]?.label ?? RULE_GROUP_LABELS[path] ?? path

/** Integer hundredths as a plain decimal: 120 → "1.2", 150 → "1.5", 205 → "2.05", 100 → "1". */
export const hundredthsText = (n: number): string => {
  const whole = Math.trunc(n / 100)
  const rest = Math.abs(n % 100)
  if (rest === 0) return String(whole)
  return `${n < 0 && whole === 0 ? '-' : ''}${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')}`
}

/** "每消费1元得1.2积分": points per ¥100, read per yuan. */
export const perYuanText = (pointsPer100Yuan: number): string => `每消费1元得${hundredthsText(pointsPer100Yuan)}积分`

/** "获得次年年底过期" (1), "当年年底过期" (0), "获得后第3年年底过期" (3). */
export const expiryText = (years: number): string =>
  years === 0 ? '获得当年年底过期' : years === 1 ? '获得次年年底过期' : `获得后第${years}年年底过期`

type Templates = readonly { id: string; title: string }[]

/** "免费熨烫（VIP会员、金卡会员）". */
export const serviceBenefitText = (b: ServiceBenefit): string => `${b.title}（${b.tiers.map((t) => TIER_NAMES[t]).join('、')}）`

/** A rule's value in words, e.g. "¥1,800", "12个月", "2倍", "生日月7折卡", "不发放". */
export const ruleValueText = (path: string, value: unknown, templates: Templates = []): string => {
  const unit = RULE_WORDS[path]?.unit
  if (value === null || value === undefined) return unit === 'template' ? '不发放' : '无'
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a rule's value is a scalar; anything else shows as sent
  if (unit === 'template') return templates.find((t) => t.id === value)?.title ?? String(value)
  if (unit === 'keepGold') return value ? '保留金卡' : '按消费重新计算'
  if (path === 'serviceBenefits' && Array.isArray(value))
    return value.length ? (value as ServiceBenefit[]).map(serviceBenefitText).join('；') : '无'
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a rule's value is a scalar; anything else shows as sent
  if (typeof value !== 'number') return String(value)
  switch (unit) {
    case 'fen':
      return formatYuan(value)
    case 'per100Yuan':
      return perYuanText(value)
    case 'percentMultiple':
      return `${hundredthsText(value)}倍`
    case 'months':
      return `${value}个月`
    case 'yearsAfter':
      return expiryText(value)
    case 'days':
      return `${value}天`
    case 'hours':
      return `${value}小时`
    case 'visits':
      return `${value}次`
    case 'points':
      return `${value}积分`
    case 'people':
      return `${value}人`
    case 'times':
      return `${value}次`
    default:
      return String(value)
  }
}

/** "VIP累计消费门槛 ¥1,800 → ¥3,000". */
export const changeText = (change: RuleChange, templates: Templates = []): string =>
  `${ruleLabel(change.path)} ${ruleValueText(change.path, change.from, templates)} → ${ruleValueText(change.path, change.to, templates)}`

/** What stands before and after the typed number, so the row reads as a sentence: "¥ [1800]", "[12] 个月". */
export const RULE_AFFIXES: Partial<Record<RuleUnit, [string, string]>> = {
  fen: ['¥', ''],
  per100Yuan: ['每消费1元得', '积分'],
  percentMultiple: ['', '倍'],
  months: ['', '个月'],
  yearsAfter: ['获得后第', '年年底过期'],
  days: ['', '天'],
  hours: ['', '小时'],
  visits: ['', '次'],
  points: ['', '积分'],
  people: ['', '人'],
  times: ['', '次'],
}

/** Units typed with decimals (hundredths). */
export const DECIMAL_UNITS: readonly RuleUnit[] = ['fen', 'per100Yuan', 'percentMultiple']

/** What a rule does, under its field. */
export const RULE_HINTS: Record<string, string> = {
  'vip.cumulativeFen': '非VIP会员累计消费达到即成为VIP',
  'vip.singlePurchaseFen': '单笔消费达到即成为VIP',
  'vip.renewFen': 'VIP有效期内累计消费达到即续期一次',
  'vip.validMonths': '成为VIP或续期后的有效月数',
  'gold.lifetimeFen': '终身累计消费达到即成为终身金卡会员',
  'earning.birthdayMonthPercent': '生日当月所得积分乘以此倍数，1 为不加倍',
  'referral.minPurchaseFen': '好友首笔消费达到此金额，邀请人获得奖励',
  'referral.monthlyCap': '每位会员每月最多获得邀请奖励的次数',
  'referral.burstJoins': '同一邀请人短时内邀请达到此人数，转人工审核',
  'workbench.lapseWarningDays': 'VIP到期前多少天列入导购的到期提醒',
  'workbench.winBackDays.0': '多少天未到店列入召回名单',
  'workbench.winBackDays.1': '多少天未到店视为流失',
  'workbench.callbackEveryDays': '上次回访后多少天应再次回访',
}

/** The row's live reading of what was typed, where the number alone says little. */
export const liveRuleHint = (unit: RuleUnit, text: string): string | undefined => {
  if (unit === 'per100Yuan') {
    const n = parseYuanToFen(text)
    return n === null ? undefined : `即每消费¥100得${n}积分`
  }
  if (unit === 'yearsAfter' && /^\d{1,2}$/.test(text.trim()))
    return `例如今年获得的积分：${expiryText(Number(text.trim())).replace('获得', '')}`
  return undefined
}
