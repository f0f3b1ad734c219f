/**
 * How referral (老带新) reads in Chinese: the inviter's progress and the rules on the invite page, the words
 * on the poster and in the share card, the friend's welcome on the join page, and the operator's review.
 * Pure functions of the server's views, so they are tested without Taro.
 */
import type { InviteView } from '../api/contract'
import type { ReferralStatus } from '../domain/member'
import { formatYuan } from '../domain/money'
import type { Instant } from '../domain/time'
import { dateText } from './dates'
import { formatPoints } from './points'

/**
 * "5 位好友已加入 · 3 位已奖励 · 2 位待首次消费", and " · 1 位审核中" when any are held; the first line a
 * member with no friends yet reads is an invitation, not a row of zeros.
 */
export const inviteStatsLine = (stats: InviteView['stats']): string => {
  if (stats.joined === 0) return '还没有好友通过你的邀请加入'
  const parts = [`${stats.joined} 位好友已加入`, `${stats.rewarded} 位已奖励`, `${stats.waiting} 位待首次消费`]
  if (stats.held > 0) parts.push(`${stats.held} 位审核中`)
  return parts.join(' · ')
}

/** The promise at the top of the invite page: "好友首次消费满 ¥100，你得 200 积分". */
export const inviteRewardLine = (rules: InviteView['rules']): string =>
  `好友首次消费满 ${formatYuan(rules.minPurchaseFen)}，你得 ${formatPoints(rules.inviterPoints)} 积分`

/** The rules in plain words, one line each: what the inviter gets and when, what the friend gets. */
export const inviteRuleLines = (rules: InviteView['rules']): string[] => [
  `好友通过你的邀请加入会员后，首次消费满 ${formatYuan(rules.minPurchaseFen)}，你得 ${formatPoints(rules.inviterPoints)} 积分`,
  rules.inviteeGift ? `好友入会即得 ${rules.inviteeGift}` : '好友入会即可享受会员积分与生日礼遇',
  '每位好友只奖励一次；同一手机号或同一微信不能邀请自己',
]

/**
 * What the poster and the WeChat share card say, from the inviter's name and the friend's gift. The poster leads with
 * the gift (what makes a friend scan), the inviter's name under it (why to trust it); with no gift, the name leads.
 */
export const invitationWords = (inviterName: string, rules: InviteView['rules']) => ({
  headline: rules.inviteeGift ? `入会即得 ${rules.inviteeGift}` : `${inviterName} 邀请你加入会员`,
  subline: rules.inviteeGift ? `${inviterName} 邀请你加入会员` : '消费累积分 · 满额升级VIP · 生日月专享礼遇',
  shareTitle: `${inviterName}邀请你加入会员${rules.inviteeGift ? `，入会即得${rules.inviteeGift}` : ''}`,
})

/**
 * The join page's greeting for a friend's invitation: "好友 李娜 邀请你加入" when the share link names them,
 * "好友邀请你加入" from a poster (its scene holds only the code). The gift is not promised here: the program
 * may have none, and the page learns the rules only after joining.
 */
export const invitedLine = (inviterName: string): string => (inviterName ? `好友 ${inviterName} 邀请你加入` : '好友邀请你加入')

export type { ReferralStatus }

/** The operator's filter tabs: every status (domain REFERRAL_STATUSES), in the order they are worked through. */
export const REFERRAL_TABS: readonly ReferralStatus[] = ['held', 'pending', 'rewarded', 'capped', 'rejected']

/** The filter tabs' short words: five fit across a phone. */
export const REFERRAL_TAB_WORDS: Record<ReferralStatus, string> = {
  held: '待审核',
  pending: '待消费',
  rewarded: '已奖励',
  capped: '超上限',
  rejected: '已驳回',
}

export const REFERRAL_STATUS_WORDS: Record<ReferralStatus, string> = {
  held: '待审核',
  pending: '待首次消费',
  rewarded: '已奖励',
  capped: '超出月上限',
  rejected: '已驳回',
}

/** "2026年11月23日 14:05 加入": when the friend joined, in business time. */
export const joinedAtText = (at: Instant): string => `${dateText(at, 'pastTime')} 加入`
