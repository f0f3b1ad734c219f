/**
 * setData payloads of the compiled weapp pages: the figures the `perf` jest project records
 * (test/perf/setdata.test.ts: Taro's runtime as shipped, the local cloud with a heavy shopper) in
 * test-results/setdata-payloads.json. Runs that project first when the file is missing or older than the
 * weapp build. Prints each page's largest payload against WeChat's advised 256 KB.
 * Run after `npm run build:functions && npm run build:weapp`: `npx tsx bench/setdata.ts`.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'

const root = resolve(__dirname, '..')
export const SETDATA_REPORT = join(root, 'test-results', 'setdata-payloads.json')

export interface SetDataFigures {
  limitBytes: number
  data: { purchases: number; coupons: number }
  pages: Record<string, { maxBytes: number; totalBytes: number; setDataCalls: number }>
}

const stale = () => {
  if (!existsSync(SETDATA_REPORT)) return true
  const built = join(root, 'dist', 'app.js')
  return existsSync(built) && statSync(built).mtimeMs > statSync(SETDATA_REPORT).mtimeMs
}

export const setDataBench = (): SetDataFigures => {
  if (stale())
    execFileSync(process.execPath, [join(root, 'node_modules/jest/bin/jest.js'), '--selectProjects', 'perf', '--silent'], {
      cwd: root,
      stdio: 'inherit',
    })
  return JSON.parse(readFileSync(SETDATA_REPORT, 'utf8')) as SetDataFigures
}

export const largestSetData = (f: SetDataFigures) =>
  Object.entries(f.pages).reduce((a, [page, p]) => (p.maxBytes > a.bytes ? { page, bytes: p.maxBytes } : a), { page: '', bytes: 0 })

export const printSetData = (f: SetDataFigures) => {
  const KB = (n: number) => `${(n / 1024).toFixed(1)} KB`
  console.log(
    `setData payloads of the compiled weapp pages (a shopper with ${f.data.purchases} purchases and ${f.data.coupons} coupons; limit ${KB(f.limitBytes)})`,
  )
  const width = Math.max(...Object.keys(f.pages).map((p) => p.length))
  for (const [page, p] of Object.entries(f.pages))
    console.log(
      `  ${page.padEnd(width)}  largest ${KB(p.maxBytes).padStart(8)}  ${String(p.setDataCalls).padStart(2)} setData, ${KB(p.totalBytes)} in all`,
    )
}

if (require.main === module) printSetData(setDataBench())
