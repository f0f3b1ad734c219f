export default definePageConfig({
  navigationBarTitleText: '邀请好友',
  enablePullDownRefresh: true,
  // useShareAppMessage works only on a page that declares it (it also turns on the menu's 转发).
  enableShareAppMessage: true,
})
