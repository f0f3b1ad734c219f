export default definePageConfig({
  navigationBarTitleText: '全部顾客',
  enablePullDownRefresh: true,
})
