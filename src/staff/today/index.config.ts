export default definePageConfig({
  navigationBarTitleText: '今日与本月',
  enablePullDownRefresh: true,
})
