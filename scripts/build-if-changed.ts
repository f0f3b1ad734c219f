/**
 * `tsx scripts/build-if-changed.ts h5 weapp`: the Taro builds, each skipped when nothing it reads changed since the last
 * build of that target — for `npm test`, which tests both builds on every run though most runs change no page.
 * What a build reads: src/, config/, the project's build settings, the locked dependency versions and the
 * environment it inlines. Their hash is kept after a successful build (node_modules/.cache, with the time the build
 * wrote its output: any other build since, `npm run build` included, makes the next run build again).
 */
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { createInterface } from 'node:readline'

const root = resolve(__dirname, '..')
interface BuildTarget {
  out: string
  built: string
  command: [string, string[]]
  dirs: string[]
  files: string[]
  /** Read by the build's config or inlined into the bundle. */
  env: string[]
}
const TARO_FILES = ['babel.config.js', 'tsconfig.json', 'project.config.json', 'package.json', 'package-lock.json']
const TARO_ENV = ['NODE_ENV', 'TARO_APP_CLOUD_ENV', 'TARO_ENV']
const taro = (type: string, out: string, built: string): BuildTarget => ({
  out,
  built,
  command: ['npx', ['taro', 'build', '--type', type]],
  dirs: ['src', 'config'],
  files: TARO_FILES,
  env: TARO_ENV,
})
const TARGETS = {
  weapp: taro('weapp', 'dist', 'app.json'),
  h5: taro('h5', 'dist-h5', 'index.html'),
  // The operators' desk (Vite): its own sources and the contract, domain and wording it shares with the mini-program.
  desk: {
    out: 'dist-desk',
    built: 'index.html',
    command: ['npm', ['run', 'build', '--prefix', 'desk']],
    dirs: ['desk/src', 'src'],
    files: ['desk/index.html', 'desk/vite.config.ts', 'desk/package.json', 'desk/package-lock.json', 'package-lock.json'],
    env: ['VITE_CLOUDBASE_ENV', 'VITE_CLOUDBASE_REGION'],
  },
} satisfies Record<string, BuildTarget>
export type Target = keyof typeof TARGETS
const MARKERS = join(root, 'node_modules', '.cache', 'vipcard-build')

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name)
    return e.isDirectory() ? filesUnder(path) : e.isFile() ? [path] : []
  })

/** A hash of everything the `target` build reads in the project at `base`, and of the environment it inlines. */
export const inputsHash = (target: Target, base = root, env: Record<string, string | undefined> = process.env): string => {
  const hash = createHash('sha256').update(`target ${target}\n`)
  const { dirs: inputDirs, files: inputFiles, env: inputEnv } = TARGETS[target]
  const dirs = inputDirs.map((d) => join(base, d)).filter((d) => existsSync(d))
  const files = [...dirs.flatMap(filesUnder), ...inputFiles.map((f) => join(base, f))].sort()
  for (const file of files) {
    if (!existsSync(file)) continue
    hash.update(`${relative(base, file)} ${statSync(file).size}\n`).update(readFileSync(file))
  }
  for (const name of inputEnv) hash.update(`${name}=${env[name] ?? ''}\n`)
  return hash.digest('hex')
}

/** Builds `target` unless its output is up to date; the build's lines go out prefixed with the target. */
const buildIfChanged = async (target: Target): Promise<void> => {
  const { out, built, command } = TARGETS[target]
  const output = join(root, out, built)
  const marker = join(MARKERS, `${target}.txt`)
  const hash = inputsHash(target)
  const stamp = () => `${hash} ${statSync(output).mtimeMs}`
  if (existsSync(output) && existsSync(marker) && readFileSync(marker, 'utf8').trim() === stamp()) {
    console.log(`${target} build is up to date (${out}/: nothing it reads has changed)`)
    return
  }
  const started = Date.now()
  const child = spawn(command[0], command[1], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
  for (const [from, to] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ] as const)
    createInterface({ input: from }).on('line', (line) => to.write(`[${target}] ${line}\n`))
  const code = await new Promise<number | null>((done) => child.on('close', done))
  if (code !== 0) throw new Error(`${target} build failed (exit ${code})`)
  mkdirSync(MARKERS, { recursive: true })
  writeFileSync(marker, `${stamp()}\n`)
  console.log(`${target} built in ${((Date.now() - started) / 1000).toFixed(1)} s`)
}

/**
 * The targets named, at once: each webpack build is mostly one thread, so two on a 2-core machine take little more
 * than the longer one.
 */
const main = async () => {
  const targets = process.argv.slice(2) as Target[]
  if (targets.length === 0 || targets.some((t) => !(t in TARGETS)))
    throw new Error(`usage: tsx scripts/build-if-changed.ts ${Object.keys(TARGETS).join('|')}...`)
  // Both finish before a failure is reported: an exit now would leave the other build running, orphaned.
  const failed = (await Promise.allSettled(targets.map(buildIfChanged))).filter((r) => r.status === 'rejected')
  if (failed.length > 0) throw new Error(failed.map((r) => String((r.reason as Error)?.message ?? r.reason)).join('\n'))
}

if (require.main === module)
  main().catch((e: unknown) => {
    console.error((e as Error).message)
    process.exit(1)
  })
