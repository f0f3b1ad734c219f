/** Members and staff as the server describes them, consistent the way the server keeps them. */
import type { CouponView, MemberSummary, MemberView, StaffView, StoreDetailView } from '../../../src/api/contract'
import type { PointBatch } from '../../../src/domain/points'
import { INITIAL_TIER_STATE } from '../../../src/domain/tiers'

/** 2026-11-23 14:00 in Shanghai. */
export const SERVER_TIME = '2026-11-23T06:00:00.000Z'
/** Points earned in 2026 expire at the end of 2027 (exclusive end: the first instant of 2028 in Shanghai). */
export const END_OF_2027 = '2027-12-31T16:00:00.000Z'
export const END_OF_2026 = '2026-12-31T16:00:00.000Z'

export const STAFF: StaffView = { staffId: 'A01', name: '王丽', role: 'assistant', store: { id: 'SH001', name: '上海静安嘉里中心店' } }

/** A dynamic member code of 李娜's (her number, a password, the check digit), as the till scans it from her phone. */
export const LI_NA_CODE = '202611230023438191'

export const LI_NA: MemberSummary = {
  memberNo: '20261123002',
  name: '李娜',
  mobileMasked: '139****1234',
  birthday: { month: 6, day: 18 },
  tier: 'member',
  vipUntil: null,
  pointsBalance: 1255,
}

/**
 * The shopper's own view. Unless batches are given, all points sit in one batch expiring at the end of
 * 2027; either way the balance is the sum of the batches, as on the server.
 */
export const memberView = (overrides: Partial<MemberView> = {}): MemberView => {
  const pointBatches: PointBatch[] =
    overrides.pointBatches ?? (overrides.pointsBalance ? [{ expiresAt: END_OF_2027, points: overrides.pointsBalance }] : [])
  return {
    ...INITIAL_TIER_STATE,
    memberNo: '20261123002',
    name: '李娜',
    mobileMasked: '139****1234',
    birthday: { month: 6, day: 18 },
    joinedAt: '2026-07-26T02:00:00.000Z',
    store: { id: 'SH001', name: '上海静安嘉里中心店' },
    ...overrides,
    pointBatches,
    pointsBalance: pointBatches.reduce((sum, b) => sum + b.points, 0),
    pointsNextExpiry: pointBatches[0]?.expiresAt ?? null,
  }
}

/** November 2026 in Shanghai: the birthday card of a member born in November. */
export const NOVEMBER_FROM = '2026-10-31T16:00:00.000Z'
export const NOVEMBER_UNTIL = '2026-11-30T16:00:00.000Z'

/** This month's birthday card, unused. */
export const BIRTHDAY_COUPON: CouponView = {
  id: 'bday:demo-shopper-b:2026',
  code: '100000000008',
  title: '生日月7折卡',
  benefitText: '7折',
  benefit: { kind: 'percentOff', percentOff: 30 },
  note: '生日当月整月有效，单笔消费享7折；活动期间VIP价可与本券同享。',
  tiers: ['member', 'vip', 'gold'],
  channel: 'birthday',
  combinesWithVipPrice: true,
  validFrom: NOVEMBER_FROM,
  validUntil: NOVEMBER_UNTIL,
  status: 'available',
  usedAt: null,
}

/** A coupon as the server describes it; the welcome coupon unless told otherwise. */
export const couponView = (overrides: Partial<CouponView> = {}): CouponView => ({
  id: 'welcome:demo-shopper-b',
  code: '200000000006',
  title: '新会员礼券',
  benefitText: '满¥200减¥20',
  benefit: { kind: 'amountOff', amountOffFen: 2_000, minSpendFen: 20_000 },
  note: '入会 30 天内有效，单笔消费满 ¥200 可用。',
  tiers: ['member', 'vip', 'gold'],
  channel: 'welcome',
  combinesWithVipPrice: false,
  validFrom: '2026-11-10T02:00:00.000Z',
  validUntil: '2026-12-09T16:00:00.000Z',
  status: 'available',
  usedAt: null,
  ...overrides,
})

/** The store as an event shows it: where, and its place on the map (导航). */
export const EVENT_STORE: StoreDetailView = {
  id: 'SH001',
  name: '上海静安嘉里中心店',
  address: '上海市静安区南京西路1515号 嘉里中心南区 L2-12',
  phone: '021-6288-0001',
  openingHours: '10:00–22:00',
  location: { latitude: 31.2243, longitude: 121.4457 },
}
