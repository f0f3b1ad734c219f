export default definePageConfig({
  navigationBarTitleText: '顾客详情',
})
