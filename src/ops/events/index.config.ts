export default definePageConfig({
  navigationBarTitleText: '创建会员活动',
})
