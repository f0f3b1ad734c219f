export default defineAppConfig({
  // The card is home; joining is reached from the store QR or when the card finds no member.
  // The shopper's coupon and event pages are small and opened from the card, so they stay in the main package.
  // pages/events/index is also where the server's event reminders and waitlist messages lead: keep the path.
  pages: [
    'pages/card/index',
    'pages/join/index',
    'pages/points/index',
    'pages/coupons/index',
    'pages/coupon/index',
    'pages/events/index',
    'pages/tickets/index',
  ],
  // Staff and operator tools live in subpackages so shoppers never download them (main package budget: 500 KB).
  subPackages: [
    {
      root: 'staff',
      pages: [
        'index/index',
        'purchase/index',
        'refund/index',
        'redeem/index',
        'gift/index',
        'birthday/index',
        'events/index',
        'door/index',
        'customers/index',
        'customer/index',
        'today/index',
        'callbacks/index',
        'invite/index',
        'team/index',
      ],
    },
    {
      root: 'ops',
      pages: [
        'member/index',
        'campaigns/index',
        'events/index',
        'referrals/index',
        'export/index',
        'program/index',
        'segments/index',
        'dashboard/index',
        'customers/index',
        'customer/index',
        'posters/index',
        'desk-login/index',
        'desk-sessions/index',
      ],
    },
    // 隐私与个人信息 (policy, export, deletion): opened rarely, so downloaded only when opened.
    { root: 'privacy', pages: ['index/index'] },
    // The member's own pages (会员手册, 我的资料, 我的门店): the main package is near its budget, so they load on first open.
    { root: 'me', pages: ['handbook/index', 'profile/index', 'store/index'] },
    // The card's quick actions that no message leads to (积分兑换, 领券中心, 邀请好友): each its own subpackage under its
    // old path, so links keep working, fetched while the card is shown (preloadRule) and not before the first screen.
    { root: 'pages/catalog', pages: ['index'] },
    { root: 'pages/campaigns', pages: ['index'] },
    { root: 'pages/invite', pages: ['index'] },
  ],
  preloadRule: {
    'pages/card/index': { network: 'all', packages: ['pages/catalog', 'pages/campaigns', 'pages/invite'] },
  },
  // WeChat's privacy check: privacy APIs (album, clipboard) wait for consent to the mini-program's privacy guide;
  // pages ask first through services/privacyAuth (wx.requirePrivacyAuthorize, WeChat's own popup).
  __usePrivacyCheck__: true,
  // Which pages WeChat search may index (src/sitemap.json, copied beside app.json): the join page only.
  sitemapLocation: 'sitemap.json',
  window: {
    backgroundTextStyle: 'light',
    backgroundColor: '#f5f3ef',
    navigationBarBackgroundColor: '#f5f3ef',
    navigationBarTitleText: '会员卡',
    navigationBarTextStyle: 'black',
  },
})
