// Jest transform for Node-side TypeScript (domain, cloud functions, local cloud): esbuild strips types
// in ~1 ms per file. Taro/React code goes through babel-jest with babel-preset-taro instead.
const { transformSync } = require('esbuild')

module.exports = {
  process(source, filename) {
    const loader = filename.endsWith('.tsx') ? 'tsx' : filename.endsWith('.ts') ? 'ts' : 'js'
    const { code, map } = transformSync(source, {
      loader,
      format: 'cjs',
      target: 'node20',
      sourcemap: 'inline',
      sourcefile: filename,
      jsx: 'automatic',
    })
    return { code, map }
  },
}
