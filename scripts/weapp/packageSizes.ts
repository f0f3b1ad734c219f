/**
 * The weapp's packages as WeChat's compile step makes them for upload, measured. A package WeChat downloads
 * does not hold dist/'s .wxml, .wxss and .json files: it holds their compiled forms — every script of the
 * package in app-service.js (each file wrapped in `define(path, function (…) { … })`), the templates as wcc's
 * render functions and the styles as wcsc's sheets (page-frame, for a subpackage only its own, as the main
 * package's runtime serves it), the JSON merged into app-config.json (main package), and the other files (images)
 * as they are. Measured here with the same compilers in release mode (no debug information), next to dist/'s
 * plain sum. The mini-program's own compile also minifies and may re-wrap the scripts, so this is close, not
 * byte-exact: what it shows reliably is each package's share and how a change moves it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { compileStyles, compileTemplates } from './compile'

export interface PackageSize {
  /** dist/'s files of the package, summed as they lie (what `bench/sizes.ts` has always printed). */
  distBytes: number
  /** The compiled package: scripts + templates + styles + config + other files. */
  compiledBytes: number
  parts: { scripts: number; templates: number; styles: number; config: number; other: number }
}

/** DevTools' own files and source maps never ship. */
const NOT_UPLOADED = /(^|\/)(project(\.private)?\.config\.json)$|\.map$|\.LICENSE\.txt$/
const DEFINE_WRAPPER = (path: string) =>
  `define("${path}", function(require, module, exports, window, document, frames, self, location, navigator, localStorage, history, Caches, screen, alert, confirm, prompt, XMLHttpRequest, WebSocket, Reporter, webkit, WeixinJSCore){\n});`
    .length

export const compiledPackageSizes = (distDir: string) => {
  const app = JSON.parse(readFileSync(join(distDir, 'app.json'), 'utf8')) as {
    subPackages?: { root: string; pages: string[] }[]
    subpackages?: { root: string; pages: string[] }[]
  }
  const roots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/?$/, '/'))
  const files = readdirSync(distDir, { recursive: true, encoding: 'utf8' })
    .map((p) => p.split('\\').join('/'))
    .filter((p) => statSync(join(distDir, p)).isFile() && !NOT_UPLOADED.test(p))
  const packageOf = (file: string) => roots.find((root) => file.startsWith(root)) ?? ''
  const byPackage = new Map<string, string[]>([['', []], ...roots.map((r) => [r, []] as [string, string[]])])
  for (const file of files) byPackage.get(packageOf(file))!.push(file)

  const mainFiles = byPackage.get('')!
  const templatesOf = (list: string[]) => compileTemplates(distDir, { files: list, release: true }).js.length
  const stylesOf = (list: string[]) => {
    const styles = compileStyles(distDir, { files: list, release: true })
    return Object.values(styles.sheets).reduce((sum, sheet) => sum + sheet.length, styles.comm.length)
  }
  const mainTemplates = templatesOf(mainFiles)
  const mainStyles = stylesOf(mainFiles)

  const measure = (root: string, list: string[]): PackageSize => {
    const bytes = (f: string) => statSync(join(distDir, f)).size
    const scripts = list.filter((f) => f.endsWith('.js')).reduce((sum, f) => sum + bytes(f) + DEFINE_WRAPPER(f), 0)
    const compiledAway = (f: string) => /\.(js|wxml|wxs|wxss|json)$/.test(f)
    const other = list.filter((f) => !compiledAway(f)).reduce((sum, f) => sum + bytes(f), 0)
    // A subpackage's templates and styles compile against the main package's (which its pages import): its
    // share is what adding it adds.
    const templates = root ? templatesOf([...mainFiles, ...list]) - mainTemplates : mainTemplates
    const styles = root ? stylesOf([...mainFiles, ...list]) - mainStyles : mainStyles
    const config = root
      ? 0
      : files
          .filter((f) => f.endsWith('.json'))
          .reduce((sum, f) => sum + JSON.stringify(JSON.parse(readFileSync(join(distDir, f), 'utf8'))).length, 0)
    const parts = { scripts, templates, styles, config, other }
    return {
      distBytes: list.reduce((sum, f) => sum + bytes(f), 0),
      compiledBytes: Object.values(parts).reduce((a, b) => a + b, 0),
      parts,
    }
  }

  return {
    main: measure('', mainFiles),
    subpackages: Object.fromEntries(roots.map((root) => [root, measure(root, byPackage.get(root)!)])) as Record<string, PackageSize>,
  }
}

export type CompiledPackageSizes = ReturnType<typeof compiledPackageSizes>
