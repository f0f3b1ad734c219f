/**
 * What deleting a membership takes away, in words, from the member's card and coupons as they stand: the page
 * says it before the member types the confirmation. Pure, so it is tested without Taro.
 */
import type { CardView, CouponView } from '../../api/contract'
import { TIER_NAMES } from '../../domain/program'
import { effectiveTier } from '../../domain/tiers'
import { formatPoints, pointsAt } from '../../wording/points'
import { lastDayText } from '../../wording/dates'

export interface WhatIsLost {
  memberNo: string
  lines: string[]
}

export const whatIsLost = (card: Pick<CardView, 'member' | 'serverTime'>, coupons: Pick<CouponView, 'status'>[]): WhatIsLost => {
  const { member, serverTime } = card
  const { points } = pointsAt(member, serverTime)
  const usable = coupons.filter((c) => c.status === 'available' || c.status === 'notYetValid').length
  const tier = effectiveTier(member, serverTime)
  const tierLine =
    tier === 'gold'
      ? `${TIER_NAMES.gold}身份（终身）将失去`
      : tier === 'vip' && member.vipUntil
        ? `${TIER_NAMES.vip}身份（有效期至 ${lastDayText(member.vipUntil)}）将失去`
        : `${TIER_NAMES.member}身份与累计消费进度将清零`
  return {
    memberNo: member.memberNo,
    lines: [
      points > 0 ? `${formatPoints(points)} 积分将作废` : '积分清零（当前没有可用积分）',
      usable > 0 ? `${usable} 张未使用的优惠券将作废` : '没有未使用的优惠券',
      tierLine,
      '已报名的会员活动将取消，名额让给候补会员',
      `会员号 ${member.memberNo} 和您的邀请码将停用`,
    ],
  }
}
