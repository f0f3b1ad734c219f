/**
 * How coupons, the points catalog and campaigns read in Chinese, for the shopper's pages and the till alike.
 * Pure functions of the server's views (instants, fen), so they are tested without Taro.
 */
import type { CouponView } from '../api/contract'
import type { Access } from '../domain/access'
import { formatYuan } from '../domain/money'
import type { Instant } from '../domain/time'
import { dateText, lastDayText } from './dates'
import { tiersText } from './tiers'

/** "有效期至 2026-03-31": the last day the coupon covers (its `validUntil` is an exclusive end). */
export const validUntilText = (coupon: Pick<CouponView, 'validUntil'>): string => `有效期至 ${lastDayText(coupon.validUntil)}`

/** "生日月7折卡 · 本月有效至 3月31日": the card's birthday block. */
export const birthdayBlockText = (coupon: Pick<CouponView, 'title' | 'validUntil'>): string =>
  `${coupon.title} · 本月有效至 ${lastDayText(coupon.validUntil, 'nearDay')}`

/** "2026-03-12 15:04": when a coupon was used. */
export const usedAtText = (usedAt: Instant): string => `${dateText(usedAt, 'pastTime')} 已使用`

/** "12月1日 10:00": when something opens, as the server words its own refusals. */
export const openingTime = (at: Instant): string => dateText(at, 'nearTime')

/** The line under a coupon's title in a list: until when, from when (not yet valid), or when it was used. */
export const couponStateLine = (coupon: Pick<CouponView, 'status' | 'validFrom' | 'validUntil' | 'usedAt'>): string => {
  switch (coupon.status) {
    case 'used':
      return coupon.usedAt ? usedAtText(coupon.usedAt) : '已使用'
    case 'notYetValid':
      return `${dateText(coupon.validFrom, 'day')} 起可用 · ${validUntilText(coupon)}`
    case 'expired':
      return `已于 ${lastDayText(coupon.validUntil)} 过期`
    case 'available':
      return validUntilText(coupon)
  }
}

export interface RuleLine {
  label: string
  value: string
}

/** The coupon's rules in plain words, one row each: what it gives, the threshold, when, with VIP price, the note. */
export const couponRules = (coupon: CouponView): RuleLine[] => {
  const { benefit } = coupon
  const rows: RuleLine[] = []
  switch (benefit.kind) {
    case 'percentOff':
      rows.push({ label: '优惠', value: `整单${coupon.benefitText}，优惠 ${benefit.percentOff}%` })
      rows.push({ label: '使用门槛', value: '无门槛，单笔消费可用' })
      break
    case 'amountOff':
      rows.push({ label: '优惠', value: `立减${formatYuan(benefit.amountOffFen)}` })
      rows.push({ label: '使用门槛', value: benefit.minSpendFen > 0 ? `单笔消费满${formatYuan(benefit.minSpendFen)}可用` : '无门槛' })
      break
    case 'gift':
      rows.push({ label: '礼品', value: benefit.giftName })
      rows.push({ label: '领取方式', value: '凭券到店领取，无需消费' })
      break
  }
  rows.push({ label: '有效期', value: `${dateText(coupon.validFrom, 'day')} 至 ${lastDayText(coupon.validUntil)}` })
  rows.push({ label: '适用会员', value: tiersText(coupon.tiers) })
  if (benefit.kind !== 'gift') rows.push({ label: 'VIP价', value: vipPriceText(coupon.combinesWithVipPrice) })
  rows.push({ label: '使用方式', value: '结账时向导购出示本券二维码，每张券限用一次' })
  if (coupon.note) rows.push({ label: '说明', value: coupon.note })
  return rows
}

/** The handbook's stacking rule, as the till says it. */
export const vipPriceText = (combines: boolean): string => (combines ? '可与VIP价同享' : '不与VIP价同享')

export type WalletTab = 'available' | 'used' | 'expired'

export const WALLET_TABS: readonly { id: WalletTab; title: string }[] = [
  { id: 'available', title: '可用' },
  { id: 'used', title: '已使用' },
  { id: 'expired', title: '已过期' },
]

const byTime = (pick: (c: CouponView) => string, direction: 1 | -1) => (a: CouponView, b: CouponView) =>
  direction * (Date.parse(pick(a)) - Date.parse(pick(b)))

/**
 * The wallet's tabs, by the status the server computed at its clock (a coupon not yet valid is usable soon:
 * it waits under 可用). Usable ones: the birthday card first, then the soonest to lapse; used: the latest use
 * first; expired: the latest to lapse first.
 */
export const walletTabs = (coupons: readonly CouponView[]): Record<WalletTab, CouponView[]> => {
  const available = coupons.filter((c) => c.status === 'available' || c.status === 'notYetValid')
  const birthdayFirst = (a: CouponView, b: CouponView) => Number(b.channel === 'birthday') - Number(a.channel === 'birthday')
  return {
    available: [...available].sort((a, b) => birthdayFirst(a, b) || byTime((c) => c.validUntil, 1)(a, b)),
    used: coupons.filter((c) => c.status === 'used').sort(byTime((c) => c.usedAt ?? c.validUntil, -1)),
    expired: coupons.filter((c) => c.status === 'expired').sort(byTime((c) => c.validUntil, -1)),
  }
}

/** What the wallet says when a tab is empty. */
export const EMPTY_TAB: Record<WalletTab, string> = {
  available: '暂无可用优惠券',
  used: '还没有使用过优惠券',
  expired: '没有过期的优惠券',
}

export type AccessWording =
  /** Open to this member now; `vipEarly`: only because they are VIP (the "VIP抢先" badge). */
  { open: true; vipEarly: boolean; line: string | null } | { open: false; line: string }

/**
 * VIP early access in words, for a catalog item (`verb` 兑换) or a campaign (领取), from the offer's own VIP
 * days. A member waiting for the public opening is told VIPs go first and when everyone may; a VIP waiting
 * for their own early opening is told how many days early that is; with no VIP days, only when it opens.
 */
export const accessWording = (access: Access, verb: string): AccessWording => {
  if (access.open) {
    return {
      open: true,
      vipEarly: access.vipEarly,
      line: access.vipEarly && access.opensToAllAt ? `${openingTime(access.opensToAllAt)} 向所有会员开放` : null,
    }
  }
  if (access.vipDays <= 0) return { open: false, line: `${openingTime(access.opensToAllAt)} 起可${verb}` }
  // A VIP's own opening comes before everyone's; a member's is everyone's.
  const waitingAsVip = Date.parse(access.opensAt) < Date.parse(access.opensToAllAt)
  return {
    open: false,
    line: waitingAsVip
      ? `VIP提前 ${access.vipDays} 天开放 · ${openingTime(access.opensAt)} 起可${verb}`
      : `VIP会员提前${verb} · ${openingTime(access.opensToAllAt)} 向所有会员开放`,
  }
}

/** A ticket's stub: the figure big, its condition small ("¥20" over "满¥200可用"); the same facts as benefitText. */
export const ticketStub = (coupon: Pick<CouponView, 'benefit' | 'benefitText'>): { big: string; small: string } => {
  const { benefit } = coupon
  switch (benefit.kind) {
    case 'percentOff':
      return { big: coupon.benefitText, small: '整单折扣' }
    case 'amountOff':
      return {
        big: formatYuan(benefit.amountOffFen),
        small: benefit.minSpendFen > 0 ? `满${formatYuan(benefit.minSpendFen)}可用` : '无门槛',
      }
    case 'gift':
      return { big: '礼品', small: '到店领取' }
  }
}
