/**
 * Which file under src/ a file of the weapp build (dist/) came from, so that a refusal by WeChat's compilers
 * or schemas names the file to fix. Taro writes no source maps for styles or templates, so this is told from
 * the build's shape: a page's files come from the page's folder; native components are copied as they are;
 * a style rule in a shared sheet (common.wxss, sub-common/…) is found by its BEM block's class in the .scss
 * files; base.wxml, comp.* and utils.wxs are Taro's own, made from the components the app uses.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const ROOT = resolve(__dirname, '../..')
const SRC = join(ROOT, 'src')

const TARO_OWN: Record<string, string> = {
  'base.wxml': "Taro's templates (dist/base.wxml: one per component the pages use; not in src/)",
  'comp.wxml': "Taro's recursive component for deep trees (not in src/)",
  'comp.json': "Taro's recursive component for deep trees (not in src/)",
  'utils.wxs': "Taro's template helpers (not in src/)",
}

let scssFiles: { path: string; text: string }[] | null = null
const allScss = () =>
  (scssFiles ??= readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((p) => p.endsWith('.scss'))
    .map((p) => ({ path: `src/${p.split('\\').join('/')}`, text: readFileSync(join(SRC, p), 'utf8') })))

/** The selector of the rule the offset falls in: from the end of the previous rule to its `{`. */
const selectorAt = (text: string, offset: number) => {
  const start = Math.max(text.lastIndexOf('}', offset), text.lastIndexOf(';', offset)) + 1
  const open = text.indexOf('{', offset)
  return text.slice(start, open === -1 ? undefined : open).trim()
}

/** The .scss file that defines the BEM block of the rule's first class (`.order-summary__member` → order-summary). */
const styleSource = (distFile: string, text: string, offset: number) => {
  const selector = selectorAt(text, offset)
  const block = /\.([A-Za-z][\w-]*?)(?:__|--|[^\w-]|$)/.exec(selector)?.[1]
  const pageSheet = `src/${distFile.replace(/\.wxss$/, '.scss')}`
  if (block) {
    const defines = new RegExp(`\\.${block.replace(/-/g, '\\-')}(?![\\w-])`)
    const found = allScss()
      .filter((f) => defines.test(f.text))
      .map((f) => f.path)
    const best = found.find((f) => f === pageSheet) ?? found[0]
    if (best) return `${best} (rule ${selector})`
  }
  return existsSync(join(ROOT, pageSheet)) ? `${pageSheet} (rule ${selector})` : `rule ${selector}`
}

export const sourceOf = (distFile: string, text?: string, offset?: number): string | undefined => {
  if (TARO_OWN[distFile]) return TARO_OWN[distFile]
  const stem = distFile.replace(/\.(wxml|wxss|json|js|wxs)$/, '')
  // Native components and any file Taro copies as it is.
  if (existsSync(join(SRC, distFile))) return `src/${distFile}`
  if (distFile.endsWith('.wxss') && text !== undefined && offset !== undefined) return styleSource(distFile, text, offset)
  if (distFile === 'app.json') return 'src/app.config.ts'
  if (distFile.endsWith('.json') && existsSync(join(SRC, `${stem}.config.ts`))) return `src/${stem}.config.ts`
  for (const ext of ['.tsx', '.ts', '.weapp.tsx'])
    if (existsSync(join(SRC, stem + ext))) return `src/${stem}${ext} (Taro generates its ${distFile.split('.').pop()})`
  return undefined
}
