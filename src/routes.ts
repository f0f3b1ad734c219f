/** Page URLs, in one place so a moved page breaks the build, not a tap. */
export const ROUTES = {
  card: '/pages/card/index',
  join: '/pages/join/index',
  points: '/pages/points/index',
  coupons: '/pages/coupons/index',
  coupon: '/pages/coupon/index',
  catalog: '/pages/catalog/index',
  campaigns: '/pages/campaigns/index',
  events: '/pages/events/index',
  tickets: '/pages/tickets/index',
  invite: '/pages/invite/index',
  privacy: '/privacy/index/index',
  handbook: '/me/handbook/index',
  profile: '/me/profile/index',
  homeStore: '/me/store/index',
  staffHome: '/staff/index/index',
  staffPurchase: '/staff/purchase/index',
  staffRefund: '/staff/refund/index',
  staffRedeem: '/staff/redeem/index',
  staffGift: '/staff/gift/index',
  staffBirthday: '/staff/birthday/index',
  staffEvents: '/staff/events/index',
  staffDoor: '/staff/door/index',
  staffCustomers: '/staff/customers/index',
  staffCustomer: '/staff/customer/index',
  staffToday: '/staff/today/index',
  staffCallbacks: '/staff/callbacks/index',
  /** Where an invited staff member or operator accepts (src/domain/invitations.ts ACCEPT_PAGE). */
  staffInvite: '/staff/invite/index',
  staffTeam: '/staff/team/index',
  opsMember: '/ops/member/index',
  opsCampaigns: '/ops/campaigns/index',
  opsEvents: '/ops/events/index',
  opsReferrals: '/ops/referrals/index',
  opsProgram: '/ops/program/index',
  opsSegments: '/ops/segments/index',
  opsDashboard: '/ops/dashboard/index',
  opsCustomers: '/ops/customers/index',
  opsCustomer: '/ops/customer/index',
  opsExport: '/ops/export/index',
  opsPosters: '/ops/posters/index',
  opsDeskLogin: '/ops/desk-login/index',
  opsDeskSessions: '/ops/desk-sessions/index',
} as const

/** A coupon's detail. Ids hold ":" ("bday:<openid>:2026"), so they travel encoded. */
export const couponUrl = (id: string): string => `${ROUTES.coupon}?id=${encodeURIComponent(id)}`

/** An event's door screen (check-in and guest list) at the store. */
export const doorUrl = (eventId: string): string => `${ROUTES.staffDoor}?id=${encodeURIComponent(eventId)}`

/** A customer's record on the staff workbench, by member number. */
export const customerUrl = (memberNo: string): string => `${ROUTES.staffCustomer}?no=${encodeURIComponent(memberNo)}`

/** A customer's record as operators read it (any store's, read-only). */
export const opsCustomerUrl = (memberNo: string): string => `${ROUTES.opsCustomer}?no=${encodeURIComponent(memberNo)}`

/** The card just after joining: it offers the birthday-coupon reminder once. */
export const JOINED_CARD_URL = `${ROUTES.card}?joined=1`
