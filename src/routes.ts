/** Page URLs, in one place so a moved page breaks the build, not a tap. */
export const ROUTES = {
  card: '/pages/card/index',
  join: '/pages/join/index',
  staffPurchase: '/staff/purchase/index',
} as const
