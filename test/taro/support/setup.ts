/**
 * Runs before each `taro` test file. Sets the build-time constants Taro's H5 build would inline, and loads
 * @tarojs/taro-h5 first: its import cycle with @tarojs/router breaks ("reading 'history'") otherwise.
 */
process.env.TARO_ENV = 'h5'
process.env.TARO_PLATFORM = 'web'
process.env.FRAMEWORK = 'react'

Object.assign(globalThis, {
  // Defined by Taro's H5 webpack plugin (useDeprecatedAdapterComponent defaults to false).
  DEPRECATED_ADAPTER_COMPONENT: false,
  // Taro's build strips these config helpers; the harness reads the real app and page configs through them.
  defineAppConfig: <T>(config: T) => config,
  definePageConfig: <T>(config: T) => config,
})

require('@tarojs/taro-h5')
