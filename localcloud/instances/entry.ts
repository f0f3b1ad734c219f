/**
 * The script a function instance (a worker thread) starts from. The instance code is TypeScript (worker.ts and what
 * it imports), and a worker thread starts outside any loader the parent uses (jest, tsx). Registering tsx in every
 * instance costs ~170 ms of CPU per cold start (its hooks see each of the SDK's several hundred requires), so the
 * instance code is compiled once into one CommonJS file beside worker.ts (packages stay external: the SDK must be the
 * very module the seams patch), named by a hash of its text so an edited worker is compiled again. Without esbuild
 * (an optional peer dependency) instances fall back to worker-bootstrap.js, which registers tsx.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const SOURCE = join(__dirname, 'worker.ts')
const FALLBACK = join(__dirname, 'worker-bootstrap.js')
/** Beside the sources, so packages resolve from it exactly as from worker.ts. Ignored by git. */
const COMPILED_DIR = join(__dirname, '.compiled')

let entry: string | undefined

const compile = (): string => {
  let esbuild: typeof import('esbuild')
  try {
    esbuild = require('esbuild') as typeof import('esbuild')
  } catch {
    return FALLBACK
  }
  const result = esbuild.buildSync({
    entryPoints: [SOURCE],
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  })
  const text = result.outputFiles[0].text
  const file = join(COMPILED_DIR, `worker-${createHash('sha256').update(text).digest('hex').slice(0, 16)}.js`)
  if (!existsSync(file)) {
    mkdirSync(COMPILED_DIR, { recursive: true })
    // Written whole, then renamed: another process starting instances at the same moment reads all of it or none.
    const partial = `${file}.${process.pid}.partial`
    writeFileSync(partial, text)
    renameSync(partial, file)
  }
  return file
}

/** The file a new instance's Worker runs: compiled once per process (a few tens of milliseconds). */
export const instanceEntry = (): string => (entry ??= compile())
