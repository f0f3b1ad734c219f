/**
 * The local cloud as `npm start` runs it, in a process of its own (so the RSS and CPU the benches read from the
 * kernel are the cloud's, not the load generator's), on a free port with a fresh data folder.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const root = resolve(__dirname, '..')

const freePort = () =>
  new Promise<number>((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => done(port))
    })
  })

export interface LocalServer {
  server: ChildProcess
  pid: number
  port: number
  /** Stops the process and removes its data. */
  stop: () => Promise<void>
}

/**
 * Starts scripts/start.ts with tsx's CommonJS hook only (its CLI would add a parent process and its ESM loader a
 * thread of ~40 MB) and resolves once it says it runs. `env` adds LOCAL_CLOUD_* settings; logs are off.
 */
export const spawnLocalCloud = async (options: {
  dataPrefix: string
  env?: Record<string, string>
  nodeFlags?: string[]
}): Promise<LocalServer> => {
  const dataDir = mkdtempSync(join(tmpdir(), options.dataPrefix))
  const port = await freePort()
  const server = spawn(process.execPath, [...(options.nodeFlags ?? []), '--require', 'tsx/cjs', join(root, 'scripts/start.ts')], {
    env: { ...process.env, LOCAL_CLOUD_PORT: String(port), LOCAL_CLOUD_DATA: dataDir, LOCAL_CLOUD_LOGS: '0', ...options.env },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  await new Promise<void>((ready, fail) => {
    server.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('running on the local cloud') && ready())
    server.on('exit', (code) => fail(new Error(`local cloud exited with ${code}`)))
  })
  const stop = async () => {
    server.kill('SIGTERM')
    await new Promise((done) => server.once('exit', done))
    rmSync(dataDir, { recursive: true, force: true })
  }
  return { server, pid: server.pid!, port, stop }
}

/** The p-th percentile of ascending latencies (nearest rank). */
export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
