/**
 * The mini program's pages, for the open API stand-ins' page checks: what `src/app.config.ts` declares (main
 * package pages, then each subpackage's root + pages). The first is the home page.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

export const DEFAULT_APP_CONFIG = resolve(__dirname, '../../src/app.config.ts')

interface AppConfig {
  pages?: unknown
  subPackages?: unknown
  subpackages?: unknown
}

export const pagesOf = (config: AppConfig): string[] => {
  const pages = Array.isArray(config.pages) ? config.pages.filter((p): p is string => typeof p === 'string') : []
  const subs = (Array.isArray(config.subPackages) ? config.subPackages : Array.isArray(config.subpackages) ? config.subpackages : []) as {
    root?: unknown
    pages?: unknown
  }[]
  for (const sub of subs) {
    if (typeof sub?.root !== 'string' || !Array.isArray(sub.pages)) continue
    for (const p of sub.pages) if (typeof p === 'string') pages.push(join(sub.root, p).replace(/\\/g, '/'))
  }
  return pages
}

/**
 * Reads a Taro app config (`export default defineAppConfig({...})`, TypeScript) by compiling it with esbuild and
 * evaluating it with a stand-in defineAppConfig. Returns null when there is none or it cannot be evaluated.
 */
export const readAppPages = (file = DEFAULT_APP_CONFIG): string[] | null => {
  if (!existsSync(file)) return null
  try {
    const { transformSync } = require('esbuild') as typeof import('esbuild')
    const { code } = transformSync(readFileSync(file, 'utf8'), { loader: 'ts', format: 'cjs', target: 'node20' })
    const module = { exports: {} as { default?: AppConfig } }
    new Function('module', 'exports', 'defineAppConfig', 'require', code)(module, module.exports, (c: AppConfig) => c, () => ({}))
    const pages = pagesOf(module.exports.default ?? (module.exports as AppConfig))
    return pages.length > 0 ? pages : null
  } catch {
    return null
  }
}
