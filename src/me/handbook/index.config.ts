export default definePageConfig({
  navigationBarTitleText: '会员手册',
})
