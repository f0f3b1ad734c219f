import type { UserConfigExport } from '@tarojs/cli'

/** `taro build --watch`: readable output, webpack stats in the terminal. */
export default {
  logger: { quiet: false, stats: true },
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>
