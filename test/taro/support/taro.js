/**
 * What `@tarojs/taro` is in Taro's H5 build: the H5 API (@tarojs/taro-h5) plus the React page hooks,
 * attached the way @tarojs/plugin-framework-react's api-loader attaches them.
 *
 * Lazy on purpose: taro-h5 → router → components → `@tarojs/taro` is a require cycle, so this module is
 * first loaded while taro-h5 is half-built. Every export is read from taro-h5 when used, not when loaded.
 */
const h5 = require('@tarojs/taro-h5')
const runtime = require('@tarojs/plugin-framework-react/dist/runtime')

const HOOKS = ['useDidHide', 'useDidShow', 'useLoad', 'usePullDownRefresh', 'useReachBottom', 'useReady', 'useRouter', 'useShareAppMessage', 'useUnload']
const hooks = Object.fromEntries(HOOKS.map((name) => [name, runtime[name]]))

// The H5 build's babel plugin (transform-taroapi) turns `Taro.setClipboardData(...)` into taro-h5's named export;
// here the default object falls back to those exports the same way.
let taroDefault
const taroWithHooks = () =>
  (taroDefault ??= new Proxy(Object.assign(h5.default, hooks), {
    get: (target, key) => (key in target ? target[key] : h5[key]),
    has: (target, key) => key in target || key in h5,
  }))

module.exports = new Proxy(
  {},
  {
    get: (_, key) => (key === 'default' ? taroWithHooks() : key in hooks ? hooks[key] : h5[key]),
    has: (_, key) => key in hooks || key in h5,
  },
)
