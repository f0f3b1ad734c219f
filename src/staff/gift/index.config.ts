export default definePageConfig({
  navigationBarTitleText: '赠品券核销',
})
