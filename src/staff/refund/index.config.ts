export default definePageConfig({
  navigationBarTitleText: '退货退款',
})
