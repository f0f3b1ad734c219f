/**
 * Prints the sizes that have budgets: the weapp main package (≤ 500 KB; every file in dist/ outside the
 * subpackage roots, as WeChat counts it, without DevTools' own config files and source maps) and each cloud
 * function bundle (≤ 150 KB), with its cold start: the time to `require` the bundle (wx-server-sdk included) in a
 * fresh Node process and that process's RSS after it, against the 128 MB of a function instance. Run after
 * `npm run build`. Figures only; budgets are read, not asserted.
 */
import { deskSizes, printDeskSizes, type DeskSizes } from './deskSizes'
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { compiledPackageSizes, type CompiledPackageSizes } from '../scripts/weapp/packageSizes'

const root = resolve(__dirname, '..')
const KB = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })

const NOT_UPLOADED = /(^|\/)(project(\.private)?\.config\.json)$|\.map$/

export const weappPackages = (distDir = join(root, 'dist')) => {
  const app = JSON.parse(readFileSync(join(distDir, 'app.json'), 'utf8')) as {
    subPackages?: { root: string }[]
    subpackages?: { root: string }[]
  }
  const roots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/?$/, '/'))
  const sizes = { main: 0, sub: Object.fromEntries(roots.map((r) => [r, 0])) as Record<string, number> }
  for (const file of filesUnder(distDir)) {
    const rel = relative(distDir, file)
    if (NOT_UPLOADED.test(rel)) continue
    const bytes = statSync(file).size
    const sub = roots.find((r) => rel.startsWith(r))
    if (sub) sizes.sub[sub] += bytes
    else sizes.main += bytes
  }
  return sizes
}

export const functionBundleSizes = (functionsDir = join(root, 'build', 'cloudfunctions')) =>
  Object.fromEntries(
    readdirSync(functionsDir)
      .filter((name) => existsSync(join(functionsDir, name, 'index.js')))
      .map((name) => [name, statSync(join(functionsDir, name, 'index.js')).size]),
  )

/** A fresh Node process requires the bundle: milliseconds to load it, and the process's RSS afterwards (MB). */
export const coldRequire = (bundle: string): { ms: number; rssMb: number } => {
  const script = `const t = process.hrtime.bigint(); require(${JSON.stringify(bundle)}); console.log(JSON.stringify({ ms: Number(process.hrtime.bigint() - t) / 1e6, rssMb: process.memoryUsage().rss / 1048576 }))`
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim()) as { ms: number; rssMb: number }
}

export interface SizeFigures {
  /** null: dist/ not built. */
  weapp: { main: number; sub: Record<string, number> } | null
  /** The same packages as WeChat's compile step makes them (scripts/weapp/packageSizes.ts); null: not built. */
  weappCompiled: CompiledPackageSizes | null
  /** Empty: build/cloudfunctions not built. */
  functions: { name: string; bytes: number; coldRequireMs: number; rssMb: number }[]
  /** Null: dist-desk not built. */
  desk: DeskSizes | null
}

/** The sizes with budgets, and each function bundle's cold start (a fresh Node process per bundle). */
export const sizesBench = (): SizeFigures => {
  const built = existsSync(join(root, 'dist', 'app.json'))
  const weapp = built ? weappPackages() : null
  const weappCompiled = built ? compiledPackageSizes(join(root, 'dist')) : null
  const functionsDir = join(root, 'build', 'cloudfunctions')
  const functions = existsSync(functionsDir)
    ? Object.entries(functionBundleSizes()).map(([name, bytes]) => {
        const cold = coldRequire(join(functionsDir, name, 'index.js'))
        return { name, bytes, coldRequireMs: cold.ms, rssMb: cold.rssMb }
      })
    : []
  return { weapp, weappCompiled, functions, desk: deskSizes() }
}

export const printSizes = ({ weapp, weappCompiled, functions, desk }: SizeFigures) => {
  printDeskSizes(desk)
  if (weapp) {
    console.log(`weapp main package: ${KB(weapp.main)} (budget 500 KB)`)
    for (const [name, bytes] of Object.entries(weapp.sub)) console.log(`weapp subpackage ${name}: ${KB(bytes)}`)
  } else console.log('weapp main package: not built (run npm run build:weapp)')
  if (weappCompiled) {
    console.log(
      'weapp packages as WeChat compiles them (dist sum → compiled: scripts in define(), wcc templates, wcsc styles, merged config, other files):',
    )
    const packages = [['main', weappCompiled.main], ...Object.entries(weappCompiled.subpackages)] as const
    for (const [name, p] of packages)
      console.log(
        `  ${name.padEnd(9)} ${KB(p.distBytes).padStart(9)} → ${KB(p.compiledBytes).padStart(9)}   scripts ${KB(p.parts.scripts)}, templates ${KB(p.parts.templates)}, styles ${KB(p.parts.styles)}, config ${KB(p.parts.config)}, other ${KB(p.parts.other)}`,
      )
  }
  if (functions.length) {
    for (const f of functions)
      console.log(
        `cloud function ${f.name}: ${KB(f.bytes)} (budget 150 KB); cold require ${f.coldRequireMs.toFixed(0)} ms, RSS after it ${f.rssMb.toFixed(0)} MB (instance 128 MB)`,
      )
  } else console.log('cloud functions: not built (run npm run build:functions)')
}

if (require.main === module) printSizes(sizesBench())
