/**
 * The offers a new program starts with, as data (operators change them later): the handbook's birthday-month
 * 7折卡, a welcome coupon, and a small points catalog.
 */
import { DEFAULT_VIP_EARLY_DAYS } from './access'
import type { CatalogItem } from './catalog'
import type { CouponTemplate } from './coupons'

const ALL_TIERS: CouponTemplate['tiers'] = ['member', 'vip', 'gold']

export const DEFAULT_COUPON_TEMPLATES: CouponTemplate[] = [
  {
    _id: 'birthday-30off',
    title: '生日月7折卡',
    note: '生日当月整月有效，单笔消费享7折；活动期间VIP价可与本券同享。',
    benefit: { kind: 'percentOff', percentOff: 30 },
    validity: { kind: 'birthdayMonth' },
    tiers: ALL_TIERS,
    stock: { total: null, issued: 0 },
    combinesWithVipPrice: true,
    active: true,
  },
  {
    _id: 'welcome-20off200',
    title: '新会员礼券',
    note: '入会 30 天内有效，单笔消费满 ¥200 可用。',
    benefit: { kind: 'amountOff', amountOffFen: 2_000, minSpendFen: 20_000 },
    validity: { kind: 'daysFromIssue', days: 30 },
    tiers: ALL_TIERS,
    stock: { total: null, issued: 0 },
    combinesWithVipPrice: false,
    active: true,
  },
  {
    _id: 'referral-20off200',
    title: '好友邀请礼券',
    note: '受邀加入的新会员专享，入会 30 天内有效，单笔消费满 ¥200 可用。',
    benefit: { kind: 'amountOff', amountOffFen: 2_000, minSpendFen: 20_000 },
    validity: { kind: 'daysFromIssue', days: 30 },
    tiers: ALL_TIERS,
    stock: { total: null, issued: 0 },
    combinesWithVipPrice: false,
    active: true,
  },
  {
    _id: 'points-50off500',
    title: '积分兑换 满500减50',
    note: '兑换后 60 天内有效。',
    benefit: { kind: 'amountOff', amountOffFen: 5_000, minSpendFen: 50_000 },
    validity: { kind: 'daysFromIssue', days: 60 },
    tiers: ALL_TIERS,
    stock: { total: null, issued: 0 },
    combinesWithVipPrice: false,
    active: true,
  },
  {
    _id: 'gift-tote',
    title: '帆布袋礼品券',
    note: '凭券到店领取，兑换后 90 天内有效。',
    benefit: { kind: 'gift', giftName: '品牌帆布袋' },
    validity: { kind: 'daysFromIssue', days: 90 },
    tiers: ALL_TIERS,
    stock: { total: null, issued: 0 },
    combinesWithVipPrice: false,
    active: true,
  },
  {
    _id: 'vip-preview-15off',
    title: '新季预览 85折',
    note: '新品上市活动券，VIP与金卡会员可提前 3 天领取。',
    benefit: { kind: 'percentOff', percentOff: 15 },
    validity: { kind: 'daysFromIssue', days: 14 },
    tiers: ALL_TIERS,
    stock: { total: 500, issued: 0 },
    combinesWithVipPrice: true,
    active: true,
  },
]

export const DEFAULT_CATALOG: CatalogItem[] = [
  {
    _id: 'tote-bag',
    title: '品牌帆布袋',
    description: '兑换后凭券到店领取',
    pointsPrice: 300,
    templateId: 'gift-tote',
    stock: { total: 200, exchanged: 0 },
    perMemberLimit: 2,
    earlyAccess: null,
    active: true,
    sort: 1,
  },
  {
    _id: 'coupon-50off500',
    title: '满500减50券',
    description: '兑换后 60 天内到店使用',
    pointsPrice: 500,
    templateId: 'points-50off500',
    stock: { total: null, exchanged: 0 },
    perMemberLimit: null,
    earlyAccess: null,
    active: true,
    sort: 2,
  },
]

export { DEFAULT_VIP_EARLY_DAYS }
