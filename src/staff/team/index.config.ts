export default definePageConfig({
  navigationBarTitleText: '本店员工',
})
