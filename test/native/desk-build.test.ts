/**
 * What a browser downloads for the operators' desk (dist-desk/, built by `npm run build:desk`, which `npm test`
 * runs first): the first load within issue 21's 300 KB gzipped, every page in a chunk of its own (none in the first
 * load), and assets found wherever it is served (/desk/ on the local cloud, the root of CloudBase's hosting).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { DESK_DIR, DESK_FIRST_LOAD_BUDGET, deskSizes } from '../../bench/deskSizes'

beforeAll(() => {
  if (!existsSync(join(DESK_DIR, 'index.html'))) throw new Error('dist-desk/ is not built: run `npm run build:desk` first')
})

it('keeps the first load (the sign-in page) within 300 KB gzipped', () => {
  expect(deskSizes()!.firstLoad).toBeLessThanOrEqual(DESK_FIRST_LOAD_BUDGET)
})

it('loads each page only when it is opened', () => {
  const { pages } = deskSizes()!
  expect(pages.length).toBeGreaterThan(0)
  for (const page of pages) expect({ page: page.page, adds: page.adds > 0 }).toEqual({ page: page.page, adds: true })
})

it('refers to its assets relatively, so that it works under any path', () => {
  const html = readFileSync(join(DESK_DIR, 'index.html'), 'utf8')
  const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1])
  expect(refs.length).toBeGreaterThan(0)
  for (const ref of refs) expect(ref).toMatch(/^\.\/assets\//)
  for (const ref of refs) expect(readdirSync(join(DESK_DIR, 'assets'))).toContain(ref.slice('./assets/'.length))
})

type Manifest = Record<string, { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[] }>

const readManifest = () => JSON.parse(readFileSync(join(DESK_DIR, '.vite', 'manifest.json'), 'utf8')) as Manifest

/** The chunks a page (or the first load, from the entries) brings with it, not counting what it imports later. */
const loadedWith = (manifest: Manifest, starts: string[]) => {
  const loaded = new Set<string>()
  const visit = (key: string) => {
    if (loaded.has(key)) return
    loaded.add(key)
    for (const next of manifest[key].imports ?? []) visit(next)
  }
  for (const key of starts) visit(key)
  return loaded
}

/** The chunks whose code holds `marker` (a string that survives minifying). */
const chunksWith = (manifest: Manifest, marker: string) =>
  Object.entries(manifest)
    .filter(([, chunk]) => chunk.file.endsWith('.js') && readFileSync(join(DESK_DIR, chunk.file), 'utf8').includes(marker))
    .map(([key]) => key)

it("loads the charts' library (F2) with 报表 alone, never in the first load", () => {
  const manifest = readManifest()
  const firstLoad = loadedWith(
    manifest,
    Object.keys(manifest).filter((key) => manifest[key].isEntry),
  )
  // `px2hd` is F2's canvas option (a property name, so it survives minifying).
  const withF2 = chunksWith(manifest, 'px2hd')
  expect(withF2).toEqual(['src/pages/reports/ReportsPage.tsx'])
  expect([...firstLoad].filter((key) => withF2.includes(key))).toEqual([])
})

it('loads the zip library (fflate) only when a batch of store posters is made, not even with 门店与员工', () => {
  const manifest = readManifest()
  // One of fflate's own error messages (kept as text by the minifier).
  const withZip = chunksWith(manifest, 'invalid zip data')
  expect(withZip).toHaveLength(1)
  const stores = 'src/pages/stores/StoresArea.tsx'
  const entries = Object.keys(manifest).filter((key) => manifest[key].isEntry)
  expect([...loadedWith(manifest, [...entries, stores])].filter((key) => withZip.includes(key))).toEqual([])
  expect(manifest[stores].dynamicImports).toEqual(expect.arrayContaining(withZip))
})
