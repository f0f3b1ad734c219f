export default definePageConfig({
  navigationBarTitleText: '会员积分审计',
})
