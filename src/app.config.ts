export default defineAppConfig({
  // The card is home; joining is reached from the store QR or when the card finds no member.
  pages: ['pages/card/index', 'pages/join/index', 'pages/points/index'],
  // Staff and operator tools live in subpackages so shoppers never download them (main package budget: 500 KB).
  subPackages: [
    { root: 'staff', pages: ['index/index', 'purchase/index', 'refund/index', 'redeem/index'] },
    { root: 'ops', pages: ['member/index'] },
  ],
  window: {
    backgroundTextStyle: 'light',
    backgroundColor: '#f5f3ef',
    navigationBarBackgroundColor: '#f5f3ef',
    navigationBarTitleText: '会员卡',
    navigationBarTextStyle: 'black',
  },
})
