/** Page URLs, in one place so a moved page breaks the build, not a tap. */
export const ROUTES = {
  card: '/pages/card/index',
  join: '/pages/join/index',
  points: '/pages/points/index',
  staffHome: '/staff/index/index',
  staffPurchase: '/staff/purchase/index',
  staffRefund: '/staff/refund/index',
  staffRedeem: '/staff/redeem/index',
  opsMember: '/ops/member/index',
} as const
