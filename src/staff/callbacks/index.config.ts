export default definePageConfig({
  navigationBarTitleText: '回访统计',
})
