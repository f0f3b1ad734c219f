import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'

/**
 * Two targets from one source: `--type weapp` → dist/ (WeChat DevTools opens the repo root, see
 * project.config.json) and `--type h5` → dist-h5/ (the browser preview the local cloud serves at `/`).
 */
export default defineConfig<'webpack5'>(async (merge) => {
  const isH5 = process.env.TARO_ENV === 'h5'
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'vip-card',
    date: '2026-11-23',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: isH5 ? 'dist-h5' : 'dist',
    alias: { '@': path.resolve(__dirname, '..', 'src') },
    // Inlined at build time: WeChat has no `process`. Empty means the mini-program's default cloud environment.
    env: { TARO_APP_CLOUD_ENV: JSON.stringify(process.env.TARO_APP_CLOUD_ENV ?? '') },
    // WeChat reads sitemap.json beside app.json: which pages its search may index (the join page only).
    copy: isH5 ? { patterns: [], options: {} } : { patterns: [{ from: 'src/sitemap.json', to: 'dist/sitemap.json' }], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    // No persistent webpack cache: with it, a rebuild after imports moved between subpackages wrote a staff chunk that
    // required a module no chunk had (dist/staff/purchase failed to load); a clean build was right.
    cache: { enable: false },
    // The H5 build's minifier: esbuild, several times faster than terser (`npm test` builds H5 on every source change);
    // the weapp keeps terser, whose smaller output counts against WeChat's main package.
    // Its target: the browsers that preview H5 (Taro's default for it, es5, refuses the `const` some dependencies ship).
    ...(isH5 ? { jsMinimizer: 'esbuild' as const, esbuild: { minify: { enable: true, config: { target: 'es2017' } } } } : {}),
    mini: {
      // Component styles are class-scoped (BEM), so their order across chunks does not matter.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      // Hash routes (/#/pages/card/index) need no server-side rewrites from the local cloud gateway.
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[hash].css', chunkFilename: 'css/[name].[chunkhash].css' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  }
  return merge({}, baseConfig, process.env.NODE_ENV === 'development' ? devConfig : prodConfig)
})
