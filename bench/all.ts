/**
 * `npm run bench`: every benchmark with a budget from issue 9, one after another, each printing its own section,
 * then ONE summary table (metric, value, budget, within budget). Sized to finish in a few minutes, since CI runs
 * it after `npm test` (which builds dist/, dist-h5/ and build/cloudfunctions/; run the builds first when alone):
 *   sizes        weapp main package, function bundles, cold require          (bench/sizes.ts)
 *   setData      largest setData per compiled weapp page                      (bench/setdata.ts, jest project perf)
 *   dbops        database operations per action                              (bench/dbops.ts)
 *   load         join / purchase / card under load, smaller than its default (bench/load.ts; BENCH_SHOPPERS,
 *                BENCH_PURCHASES, BENCH_CONCURRENCY override)
 *   firstScreen  the card's first screen in the H5 build, network and cached (bench/firstScreen.ts)
 * The long ones stay separate commands: npm run bench:ledger, bench:birthday, bench:segments, bench:export, bench:pos.
 * Figures only: nothing here fails on a budget (the exit code says only whether every bench ran).
 */
import { dbopsBench, printDbOps, type DbOpsRow } from './dbops'
import { firstScreenBench, printFirstScreen, type FirstScreenFigures } from './firstScreen'
import { loadBench, type LoadFigures } from './load'
import { largestSetData, printSetData, setDataBench, type SetDataFigures } from './setdata'
import { printSizes, sizesBench, type SizeFigures } from './sizes'

interface SummaryRow {
  metric: string
  value: string
  budget: string
  within: boolean | null
}

const KB = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
const ms = (n: number) => `${Math.round(n)} ms`

const section = async <T>(title: string, run: () => Promise<T> | T, print: (figures: T) => void): Promise<T | Error> => {
  console.log(`\n== ${title} ==`)
  try {
    const figures = await run()
    print(figures)
    return figures
  } catch (error) {
    console.error(`${title} failed:`, error)
    return error instanceof Error ? error : new Error(String(error))
  }
}

const summarize = (
  sizes: SizeFigures | Error,
  setData: SetDataFigures | Error,
  dbops: DbOpsRow[] | Error,
  load: LoadFigures | Error,
  firstScreen: FirstScreenFigures | Error,
): SummaryRow[] => {
  const rows: SummaryRow[] = []
  const failed = (metric: string, error: Error) =>
    rows.push({ metric, value: `did not run: ${error.message.split('\n')[0].slice(0, 60)}`, budget: '', within: null })
  if (sizes instanceof Error) failed('sizes', sizes)
  else {
    if (sizes.weapp)
      rows.push({ metric: 'weapp main package', value: KB(sizes.weapp.main), budget: '≤ 500 KB', within: sizes.weapp.main <= 500 * 1024 })
    else rows.push({ metric: 'weapp main package', value: 'not built', budget: '≤ 500 KB', within: null })
    if (sizes.weappCompiled) {
      const compiled = sizes.weappCompiled.main.compiledBytes
      rows.push({
        metric: 'weapp main package, compiled as WeChat does',
        value: KB(compiled),
        budget: '≤ 500 KB',
        within: compiled <= 500 * 1024,
      })
    }
    if (sizes.desk)
      rows.push({
        metric: 'operators’ desk first load (gzip)',
        value: KB(sizes.desk.firstLoad),
        budget: '≤ 300 KB',
        within: sizes.desk.firstLoad <= 300 * 1024,
      })
    for (const f of sizes.functions) {
      rows.push({ metric: `function ${f.name} bundle`, value: KB(f.bytes), budget: '≤ 150 KB', within: f.bytes <= 150 * 1024 })
      rows.push({
        metric: `function ${f.name} cold require (RSS after)`,
        value: `${ms(f.coldRequireMs)} (${f.rssMb.toFixed(0)} MB)`,
        budget: 'RSS < 128 MB',
        within: f.rssMb < 128,
      })
    }
  }
  if (setData instanceof Error) failed('setData', setData)
  else {
    const largest = largestSetData(setData)
    rows.push({
      metric: `largest setData (${largest.page})`,
      value: KB(largest.bytes),
      budget: `≤ ${KB(setData.limitBytes)}`,
      within: largest.bytes <= setData.limitBytes,
    })
  }
  if (dbops instanceof Error) failed('dbops', dbops)
  else
    for (const r of dbops.filter((r) => r.budget && !r.action.includes('retried')))
      rows.push({
        metric: `${r.action} db ops`,
        value: r.action.startsWith('member.getCard') ? `${r.reads} reads` : `${r.maxTxnOps} in one transaction`,
        budget: r.budget!,
        within: r.withinBudget ?? null,
      })
  if (load instanceof Error) failed('load', load)
  else {
    for (const p of load.phases.filter((p) => !p.label.includes('retried')))
      rows.push({
        metric: `load ${p.label} (${load.options.concurrency} in flight)`,
        value: `${p.perSecond.toFixed(0)}/s, p95 ${ms(p.p95Ms)}`,
        budget: p.failures ? `${p.failures} failed` : '',
        within: p.failures ? false : null,
      })
    rows.push({
      metric: 'local cloud peak RSS under load',
      value: `${load.peakRssMb.toFixed(0)} MB`,
      budget: '< 300 MB',
      within: load.peakRssMb < 300,
    })
  }
  if (firstScreen instanceof Error) failed('firstScreen', firstScreen)
  else {
    const { firstVisit, cachedVisit, networkDelayMs } = firstScreen
    rows.push({ metric: 'card visible, first visit (H5)', value: ms(firstVisit.cardVisibleMs), budget: '', within: null })
    rows.push({
      metric: `card visible, cached, cloud +${networkDelayMs} ms`,
      value: `${ms(cachedVisit.cardVisibleMs)} (answer ${ms(cachedVisit.networkAnswerMs)})`,
      budget: 'before the answer',
      within: cachedVisit.cardVisibleMs < cachedVisit.networkAnswerMs,
    })
  }
  return rows
}

const printSummary = (rows: SummaryRow[]) => {
  const header = ['metric', 'value', 'budget', 'within budget']
  const cells = rows.map((r) => [r.metric, r.value, r.budget, r.within === null ? '' : r.within ? 'yes' : 'NO'])
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)))
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`
  console.log('\n== Summary ==')
  console.log(line(header))
  console.log(line(widths.map((w) => '-'.repeat(w))))
  for (const c of cells) console.log(line(c))
}

const main = async () => {
  const sizes = await section('Sizes', sizesBench, printSizes)
  const setData = await section('setData payloads', setDataBench, printSetData)
  const dbops = await section('Database operations per action', dbopsBench, printDbOps)
  const load = await section(
    'Load',
    () =>
      loadBench({
        shoppers: Number(process.env.BENCH_SHOPPERS ?? 100),
        purchases: Number(process.env.BENCH_PURCHASES ?? 400),
        concurrency: Number(process.env.BENCH_CONCURRENCY ?? 8),
      }),
    () => undefined,
  )
  const firstScreen = await section('First screen', firstScreenBench, printFirstScreen)
  printSummary(summarize(sizes, setData, dbops, load, firstScreen))
  console.log('\nLonger benchmarks, run apart: npm run bench:ledger | bench:birthday | bench:segments | bench:export | bench:pos')
  const ran = [sizes, setData, dbops, load, firstScreen].every((f) => !(f instanceof Error))
  process.exit(ran ? 0 : 1)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
