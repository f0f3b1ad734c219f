/**
 * The local cloud from the command line (run with tsx):
 *   tsx localcloud/cli.ts start [--port 8787] [--data .data] [--functions build/cloudfunctions] [--static dist-h5] [--no-timers]
 *   tsx localcloud/cli.ts timers [--functions build/cloudfunctions]    # each timer trigger's next times
 *   tsx localcloud/cli.ts reset [--data .data]
 * `start` serves whatever is in the data folder (seeding demo data is `npm start`'s job: scripts/start.ts) and
 * runs the functions' timer triggers (config.json) unless --no-timers.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { startLocalCloud } from './cloud'
import { parseTimerCron, readTimerTriggers } from './timers'

const REPO = resolve(__dirname, '..')

const args = process.argv.slice(2)
const command = args[0]
const flag = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : undefined
}
const dataDir = resolve(flag('data') ?? process.env.LOCAL_CLOUD_DATA ?? resolve(REPO, '.data'))
const functionsDir = resolve(flag('functions') ?? resolve(REPO, 'build/cloudfunctions'))

const start = async () => {
  const port = Number(flag('port') ?? process.env.LOCAL_CLOUD_PORT ?? 8787)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`bad port ${port}`)
  const cloud = await startLocalCloud({
    dataDir,
    functionsDir,
    staticDir: resolve(flag('static') ?? resolve(REPO, 'dist-h5')),
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
  console.error('usage: tsx localcloud/cli.ts start [--port N] [--data DIR] [--functions DIR] [--static DIR] [--no-timers] | timers [--functions DIR] | reset [--data DIR]')
  process.exit(2)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
