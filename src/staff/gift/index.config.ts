export default definePageConfig({
  navigationBarTitleText: '礼品券核销',
})
