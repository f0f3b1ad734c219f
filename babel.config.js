// babel-preset-taro: https://docs.taro.zone/docs/next/babel-config
// Under jest (NODE_ENV=test) the preset emits CommonJS, which is what the `taro` test project needs.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
}
