/**
 * What `@tarojs/taro` is in Taro's H5 build: the H5 API (@tarojs/taro-h5) plus the React page hooks,
 * attached the way @tarojs/plugin-framework-react's api-loader attaches them.
 *
 * Lazy on purpose: taro-h5 → router → components → `@tarojs/taro` is a require cycle, so this module is
 * first loaded while taro-h5 is half-built. Every export is read from taro-h5 when used, not when loaded.
 */
const h5 = require('@tarojs/taro-h5')
const runtime = require('@tarojs/plugin-framework-react/dist/runtime')

const HOOKS = ['useDidHide', 'useDidShow', 'useLoad', 'usePullDownRefresh', 'useReachBottom', 'useReady', 'useRouter', 'useUnload']
const hooks = Object.fromEntries(HOOKS.map((name) => [name, runtime[name]]))

const taroWithHooks = () => Object.assign(h5.default, hooks)

module.exports = new Proxy(
  {},
  {
    get: (_, key) => (key === 'default' ? taroWithHooks() : key in hooks ? hooks[key] : h5[key]),
    has: (_, key) => key in hooks || key in h5,
  },
)
