export default definePageConfig({
  navigationBarTitleText: '会员卡',
  enablePullDownRefresh: true,
  // The member code is a native component on weapp (its clock ticks without re-rendering this page).
  ...(process.env.TARO_ENV === 'weapp' ? { usingComponents: { 'member-code': '../../components/member-code/index' } } : {}),
})
