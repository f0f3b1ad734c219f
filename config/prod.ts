import type { UserConfigExport } from '@tarojs/cli'

/** `taro build` (NODE_ENV=production): minified and tree-shaken, no source maps shipped. */
export default {
  mini: {
    enableSourceMap: false,
  },
  h5: {
    enableSourceMap: false,
  },
} satisfies UserConfigExport<'webpack5'>
