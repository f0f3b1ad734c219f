/**
 * The local cloud from the command line (run with tsx):
 *   tsx localcloud/cli.ts start [--port 8787] [--data .data] [--functions build/cloudfunctions] [--static dist-h5]
 *   tsx localcloud/cli.ts reset [--data .data]
 * `start` serves whatever is in the data folder (seeding demo data is `npm start`'s job: scripts/start.ts).
 */
import { existsSync, rmSync } from 'node:fs'
import { resolve } from 'node:path'
import { startLocalCloud } from './cloud'

const REPO = resolve(__dirname, '..')

const args = process.argv.slice(2)
const command = args[0]
const flag = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : undefined
}
const dataDir = resolve(flag('data') ?? process.env.LOCAL_CLOUD_DATA ?? resolve(REPO, '.data'))

const start = async () => {
  const port = Number(flag('port') ?? process.env.LOCAL_CLOUD_PORT ?? 8787)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`bad port ${port}`)
  const cloud = await startLocalCloud({
    dataDir,
    functionsDir: resolve(flag('functions') ?? resolve(REPO, 'build/cloudfunctions')),
    staticDir: resolve(flag('static') ?? resolve(REPO, 'dist-h5')),
    port,
  })
  console.log(`local cloud: ${cloud.url}/  (functions: ${cloud.functionNames().join(', ') || 'none built'}; data: ${dataDir})`)
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

const main = async () => {
  if (command === 'start') return start()
  if (command === 'reset') return reset()
  console.error('usage: tsx localcloud/cli.ts start [--port N] [--data DIR] [--functions DIR] [--static DIR] | reset [--data DIR]')
  process.exit(2)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
