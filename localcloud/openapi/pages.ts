/**
 * A mini program's pages, for the open API stand-ins' page checks (`miniProgramPages`): what its app config declares
 * (main package pages, then each subpackage's root + pages). The first is the home page.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

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
 * Reads a mini program's pages from its app config: an `app.json`, or a Taro `app.config.ts`
 * (`export default defineAppConfig({...})`), compiled with esbuild (an optional peer dependency) and evaluated with a
 * stand-in defineAppConfig. Returns null when there is none or it cannot be evaluated.
 */
export const readAppPages = (file: string): string[] | null => {
  if (!existsSync(file)) return null
  try {
    if (file.endsWith('.json')) {
      const pages = pagesOf(JSON.parse(readFileSync(file, 'utf8')) as AppConfig)
      return pages.length > 0 ? pages : null
    }
    const { transformSync } = require('esbuild') as typeof import('esbuild')
    const { code } = transformSync(readFileSync(file, 'utf8'), { loader: 'ts', format: 'cjs', target: 'node20' })
    const module = { exports: {} as { default?: AppConfig } }
    // eslint-disable-next-line @typescript-eslint/no-implied-eval, @typescript-eslint/no-unsafe-call -- runs the app config esbuild just compiled
    new Function('module', 'exports', 'defineAppConfig', 'require', code)(
      module,
      module.exports,
      (c: AppConfig) => c,
      () => ({}),
    )
    const pages = pagesOf(module.exports.default ?? (module.exports as AppConfig))
    return pages.length > 0 ? pages : null
  } catch {
    return null
  }
}
