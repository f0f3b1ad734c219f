export default definePageConfig({
  navigationBarTitleText: '修改生日',
})
