/**
 * Bundles each cloud function (cloudfunctions/<name>/index.ts) into build/cloudfunctions/<name>/ as one
 * index.js + package.json + config.json, which WeChat DevTools or the CloudBase CLI uploads on its own.
 * wx-server-sdk stays external: CloudBase installs it from package.json (and the local cloud resolves it
 * from node_modules). Prints each bundle's size.
 */
import { build } from 'esbuild'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const root = resolve(__dirname, '..')
const sourceRoot = join(root, 'cloudfunctions')
export const functionsOutDir = join(root, 'build', 'cloudfunctions')
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a JSON file at a computed path
const SDK_VERSION = (require(join(root, 'node_modules/wx-server-sdk/package.json')) as { version: string }).version

/** Folders starting with "_" hold shared code, not deployable functions. */
export const functionNames = (): string[] =>
  readdirSync(sourceRoot).filter((name) => !name.startsWith('_') && statSync(join(sourceRoot, name)).isDirectory())

/**
 * Writes the bundle's files into a fresh folder beside it, then renames each into place: a rename replaces a file
 * whole, so a local cloud starting an instance meanwhile (another test run, `npm start`) loads the old bundle or the
 * new one, never a half-written or missing file.
 */
const bundle = async (name: string): Promise<number> => {
  const finalDir = join(functionsOutDir, name)
  mkdirSync(finalDir, { recursive: true })
  const outDir = mkdtempSync(join(functionsOutDir, `.${name}-`))
  try {
    await write(name, outDir)
    for (const file of readdirSync(outDir)) renameSync(join(outDir, file), join(finalDir, file))
  } finally {
    rmSync(outDir, { recursive: true, force: true })
  }
  return statSync(join(finalDir, 'index.js')).size
}

const write = async (name: string, outDir: string): Promise<void> => {
  await build({
    entryPoints: [join(sourceRoot, name, 'index.ts')],
    outfile: join(outDir, 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node16', // CloudBase's Node.js 16 runtime
    format: 'cjs',
    minify: true,
    legalComments: 'none',
    external: ['wx-server-sdk'],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  })
  writeFileSync(
    join(outDir, 'package.json'),
    JSON.stringify({ name, version: '1.0.0', private: true, main: 'index.js', dependencies: { 'wx-server-sdk': SDK_VERSION } }, null, 2) +
      '\n',
  )
  const config = join(sourceRoot, name, 'config.json')
  if (existsSync(config)) copyFileSync(config, join(outDir, 'config.json'))
}

export const buildFunctions = async (): Promise<Record<string, number>> => {
  const sizes: Record<string, number> = {}
  for (const name of functionNames()) sizes[name] = await bundle(name)
  return sizes
}

if (require.main === module) {
  buildFunctions().then(
    (sizes) => {
      for (const [name, bytes] of Object.entries(sizes)) console.log(`cloud function ${name}: ${(bytes / 1024).toFixed(1)} KB`)
    },
    (e) => {
      console.error(e)
      process.exit(1)
    },
  )
}
