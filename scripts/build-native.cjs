// better-sqlite3 (the local cloud's database) is compiled here from its bundled SQLite sources with the
// node-gyp that ships with npm. Its own install script is denied in package.json `allowScripts` because
// it first tries to download a prebuilt binary from GitHub, and nothing may be downloaded from outside
// the npm registry.
const { execFileSync } = require('node:child_process')
const { existsSync } = require('node:fs')
const { dirname, join } = require('node:path')

const pkgDir = dirname(require.resolve('better-sqlite3/package.json'))
const addon = join(pkgDir, 'build', 'Release', 'better_sqlite3.node')

const loads = () => {
  try {
    execFileSync(process.execPath, ['-e', `new (require(${JSON.stringify(pkgDir)}))(':memory:').close()`], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

if (existsSync(addon) && loads()) process.exit(0)

const nodeGyp = process.env.npm_config_node_gyp
const [cmd, args] = nodeGyp ? [process.execPath, [nodeGyp]] : ['node-gyp', []]
console.log('Compiling better-sqlite3 from source (about a minute)...')
execFileSync(cmd, [...args, 'rebuild', '--release'], { cwd: pkgDir, stdio: 'inherit' })
if (!loads()) {
  console.error('better-sqlite3 was compiled but does not load')
  process.exit(1)
}
