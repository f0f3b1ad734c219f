export default definePageConfig({
  navigationBarTitleText: '录入消费',
})
