/** Members and staff as the server describes them, consistent the way the server keeps them. */
import type { MemberSummary, MemberView, StaffView } from '../../../src/api/contract'
import type { PointBatch } from '../../../src/domain/points'
import { INITIAL_TIER_STATE } from '../../../src/domain/tiers'

/** 2026-11-23 14:00 in Shanghai. */
export const SERVER_TIME = '2026-11-23T06:00:00.000Z'
/** Points earned in 2026 expire at the end of 2027 (exclusive end: the first instant of 2028 in Shanghai). */
export const END_OF_2027 = '2027-12-31T16:00:00.000Z'
export const END_OF_2026 = '2026-12-31T16:00:00.000Z'

export const STAFF: StaffView = { staffId: 'A01', name: '王丽', role: 'assistant', store: { id: 'SH001', name: '上海静安嘉里中心店' } }

export const LI_NA: MemberSummary = {
  memberNo: '20261123002',
  name: '李娜',
  mobileMasked: '139****1234',
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
