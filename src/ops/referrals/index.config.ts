export default definePageConfig({
  navigationBarTitleText: '邀请审核',
})
