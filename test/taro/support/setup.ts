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

// findBy*/waitFor wait for a page's answer from the local cloud: 1 s (testing-library's default) was too short on
// a loaded CI machine. A wait is not a timing assertion; 5 s only turns a hang into a failure sooner than jest's.
const testingLibrary = require('@testing-library/dom') as typeof import('@testing-library/dom')
testingLibrary.configure({
  asyncUtilTimeout: 5_000,
  // The default error prints the whole document into its message when it is made: on every failed poll of a
  // findBy*/waitFor, which on a heavy page (eight pickers) was most of a test's time. Printed when read instead.
  getElementError: (message, container) => {
    const error = new Error()
    error.name = 'TestingLibraryElementError'
    let text: string | undefined
    Object.defineProperty(error, 'message', {
      configurable: true,
      get: () => (text ??= [message, testingLibrary.prettyDOM(container)].filter(Boolean).join('\n\n')),
    })
    return error
  },
})
