// Modules the test harness reaches into without published typings (the app itself never imports them).
declare module 'react-dom'
declare module 'react-dom/client'
declare module '@tarojs/plugin-framework-react/dist/runtime'
