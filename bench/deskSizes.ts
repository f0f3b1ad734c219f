/**
 * What a browser downloads for the operators' desk (dist-desk/, gzipped as a static host serves it): the first load
 * (the sign-in page: the entry and everything it imports, with their styles) and, for each page, what opening it
 * adds (its lazily loaded chunk and the shared chunks not loaded yet). Read from Vite's build manifest.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'

interface ManifestChunk {
  file: string
  src?: string
  isEntry?: boolean
  isDynamicEntry?: boolean
  imports?: string[]
  dynamicImports?: string[]
  css?: string[]
}

export const DESK_DIR = resolve(__dirname, '..', 'dist-desk')
/** Issue 21's budget for the desk's first load, gzipped. */
export const DESK_FIRST_LOAD_BUDGET = 300 * 1024

export interface DeskSizes {
  /** Gzipped bytes of the sign-in page's download: scripts and styles. */
  firstLoad: number
  /** Per page (its source file): the gzipped bytes opening it adds to the first load. */
  pages: { page: string; adds: number }[]
}

export const deskSizes = (dir = DESK_DIR): DeskSizes | null => {
  const manifestPath = join(dir, '.vite', 'manifest.json')
  if (!existsSync(manifestPath)) return null
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, ManifestChunk>
  const gz = new Map<string, number>()
  const gzipped = (file: string) => {
    let n = gz.get(file)
    if (n === undefined) gz.set(file, (n = gzipSync(readFileSync(join(dir, file))).length))
    return n
  }
  /** The files a chunk loads: itself, its styles, and its static imports', transitively. */
  const closure = (key: string, into = new Set<string>()): Set<string> => {
    const chunk = manifest[key]
    if (!chunk || into.has(chunk.file)) return into
    into.add(chunk.file)
    for (const css of chunk.css ?? []) into.add(css)
    for (const imported of chunk.imports ?? []) closure(imported, into)
    return into
  }
  const sum = (files: Iterable<string>) => [...files].reduce((total, f) => total + gzipped(f), 0)
  const entry = Object.keys(manifest).find((k) => manifest[k].isEntry)
  if (!entry) throw new Error(`no entry in ${manifestPath}`)
  const first = closure(entry)
  const pages = Object.keys(manifest)
    .filter((k) => manifest[k].isDynamicEntry)
    .map((k) => ({ page: manifest[k].src ?? k, adds: sum([...closure(k)].filter((f) => !first.has(f))) }))
  return { firstLoad: sum(first), pages }
}

const KB = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

export const printDeskSizes = (sizes: DeskSizes | null) => {
  if (!sizes) return console.log('operators’ desk: not built (run npm run build:desk)')
  console.log(`operators’ desk first load (sign-in page), gzipped: ${KB(sizes.firstLoad)} (budget ${KB(DESK_FIRST_LOAD_BUDGET)})`)
  for (const p of sizes.pages) console.log(`  opening ${p.page} adds ${KB(p.adds)}`)
}

if (require.main === module) printDeskSizes(deskSizes())
