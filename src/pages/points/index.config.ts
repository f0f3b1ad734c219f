export default definePageConfig({
  navigationBarTitleText: '积分明细',
  enablePullDownRefresh: true,
  // Load the next page a little before the very bottom, so scrolling rarely stops to wait.
  onReachBottomDistance: 120,
})
