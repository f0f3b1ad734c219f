/**
 * The local cloud from the command line (run with tsx), for any CloudBase project. Paths are relative to the
 * current directory; nothing is assumed about the project's layout but the data folder's default name:
 *   tsx localcloud/cli.ts start --functions DIR [--collections DIR] [--static DIR] [--pages FILE] [--data .data] [--port 8787] [--no-timers]
 *   tsx localcloud/cli.ts timers --functions DIR    # each timer trigger's next times
 *   tsx localcloud/cli.ts reset [--data .data]
 * `start` serves whatever is in the data folder (seeding data is the project's job: this one's `npm start` is
 * scripts/start.ts) and runs the functions' timer triggers (config.json) unless --no-timers. `--pages` is the mini
 * program's app.json (or a Taro app.config.ts) whose pages the open API stand-ins check.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { startLocalCloud } from './cloud'
import { readAppPages } from './openapi/pages'
import { parseTimerCron, readTimerTriggers } from './timers'

const USAGE =
  'usage: tsx localcloud/cli.ts start --functions DIR [--collections DIR] [--static DIR] [--pages FILE] [--data DIR] [--port N] [--no-timers]\n' +
  '       tsx localcloud/cli.ts timers --functions DIR\n' +
  '       tsx localcloud/cli.ts reset [--data DIR]'

const args = process.argv.slice(2)
const command = args[0]
const flag = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : undefined
}
const path = (name: string) => {
  const value = flag(name)
  return value === undefined ? undefined : resolve(value)
}
const required = (name: string) => {
  const value = path(name)
  if (value === undefined) throw new Error(`--${name} is required\n${USAGE}`)
  return value
}
const dataDir = resolve(flag('data') ?? process.env.LOCAL_CLOUD_DATA ?? '.data')

const start = async () => {
  const port = Number(flag('port') ?? process.env.LOCAL_CLOUD_PORT ?? 8787)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`bad port ${port}`)
  const pagesFile = path('pages')
  const miniProgramPages = pagesFile === undefined ? null : readAppPages(pagesFile)
  if (pagesFile !== undefined && miniProgramPages === null) throw new Error(`no pages could be read from ${pagesFile}`)
  const cloud = await startLocalCloud({
    dataDir,
    functionsDir: required('functions'),
    collectionsDir: path('collections'),
    staticDir: path('static'),
    miniProgramPages,
    port,
    timers: !args.includes('--no-timers'),
  })
  console.log(`local cloud: ${cloud.url}/  (functions: ${cloud.functionNames().join(', ') || 'none built'}; data: ${dataDir})`)
  for (const t of cloud.nextTimerRuns())
    console.log(`  timer ${t.function}/${t.trigger} "${t.cron}": ${t.scheduled ? 'next' : 'off; would be'} ${t.next ?? 'never'}`)
  const stop = () => {
    void cloud.close().then(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

const reset = () => {
  if (existsSync(dataDir)) rmSync(dataDir, { recursive: true, force: true })
  console.log(`local cloud data deleted: ${dataDir}`)
}

/** Prints the next five times of every declared timer trigger (UTC and Asia/Shanghai). */
const timers = () => {
  const functionsDir = required('functions')
  const names = existsSync(functionsDir) ? readdirSync(functionsDir).filter((n) => existsSync(join(functionsDir, n, 'index.js'))) : []
  const shanghai = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().replace('T', ' ').replace('.000Z', ' +08:00')
  let any = false
  for (const n of names.sort()) {
    for (const t of readTimerTriggers(join(functionsDir, n), n)) {
      any = true
      console.log(`${n}/${t.name} "${t.config}"`)
      for (const d of parseTimerCron(t.config).nextRuns(5)) console.log(`  ${d.toISOString()}  (${shanghai(d)})`)
    }
  }
  if (!any) console.log(`no timer triggers in ${functionsDir}`)
}

const main = async () => {
  if (command === 'start') return start()
  if (command === 'timers') return timers()
  if (command === 'reset') return reset()
  console.error(USAGE)
  process.exit(2)
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e)
  process.exit(1)
})
