/**
 * Reads what the deploy plan is built from: the function bundles and their config.json, the collection
 * definitions, the collections the functions' code uses, the weapp's package sizes and the environment.
 */
import { accessSync, constants, existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { deskSizes } from '../../bench/deskSizes'
import { weappPackages } from '../../bench/sizes'
import { COLLECTIONS } from '../../cloudfunctions/_lib/collections'
import { TEMPLATE_ENV, type CollectionSource, type FunctionSource, type PlanInputs } from './plan'

export const repoRoot = resolve(__dirname, '..', '..')
export const functionsSourceDir = join(repoRoot, 'cloudfunctions')
export const functionsBuildDir = join(repoRoot, 'build', 'cloudfunctions')
export const collectionsDir = join(repoRoot, 'database', 'collections')
export const weappDir = join(repoRoot, 'dist')
/** The desk as deploy builds it for the environment (VITE_CLOUDBASE_ENV); the local build is dist-desk/. */
export const deskDeployDir = join(repoRoot, 'build', 'desk')
const deskLocalDir = join(repoRoot, 'dist-desk')

/** What the custom-login key file holds: its environment, or why it is not such a key. */
export const readCustomLoginKey = (path: string): { envId: string } | { problem: string } => {
  if (!readable(path)) return { problem: `"${path}" is not a readable file` }
  const { json, parseError } = readJson(path)
  if (parseError) return { problem: `"${path}" is not JSON (${parseError})` }
  const key = json as { private_key_id?: unknown; private_key?: unknown; env_id?: unknown }
  if (typeof key.private_key_id !== 'string' || typeof key.private_key !== 'string' || typeof key.env_id !== 'string')
    return { problem: `"${path}" lacks private_key_id, private_key or env_id: download the custom-login key again` }
  return { envId: key.env_id }
}

/** The parsed file, or the parser's words (the plan reports them). */
const readJson = (path: string): { json: unknown; parseError?: string } => {
  try {
    return { json: JSON.parse(readFileSync(path, 'utf8')) }
  } catch (e) {
    return { json: null, parseError: (e as Error).message }
  }
}

/** Folders starting with "_" hold shared code, not deployable functions (as in build-functions). */
const functionNames = () =>
  readdirSync(functionsSourceDir).filter((name) => !name.startsWith('_') && statSync(join(functionsSourceDir, name)).isDirectory())

export const readFunctions = (): FunctionSource[] =>
  functionNames().map((name) => {
    const bundle = join(functionsBuildDir, name, 'index.js')
    const config = join(functionsSourceDir, name, 'config.json')
    const read = existsSync(config) ? readJson(config) : { json: null }
    return { name, bundleBytes: existsSync(bundle) ? statSync(bundle).size : null, config: read.json, parseError: read.parseError }
  })

export const readCollections = (): CollectionSource[] =>
  readdirSync(collectionsDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ file: f.slice(0, -'.json'.length), ...readJson(join(collectionsDir, f)) }))

const sourcesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourcesUnder(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  )

/**
 * Collections the functions use: every COLLECTIONS entry, plus names written out in `.collection('name')` or
 * held in a constant (`const ERASED_MEMBERS = 'erasedMembers'` ... `.collection(ERASED_MEMBERS)`).
 */
export const readCollectionsInCode = (): string[] => {
  const names = new Set<string>(Object.values(COLLECTIONS))
  const constants = new Map<string, string>()
  const constantUses = new Set<string>()
  for (const file of sourcesUnder(functionsSourceDir)) {
    const text = readFileSync(file, 'utf8')
    for (const m of text.matchAll(/\.collection\(\s*['"]([A-Za-z][\w-]*)['"]\s*\)/g)) names.add(m[1])
    for (const m of text.matchAll(/\.collection\(\s*([A-Z][A-Z0-9_]*)\s*\)/g)) constantUses.add(m[1])
    for (const m of text.matchAll(/\bconst ([A-Z][A-Z0-9_]*) = ['"]([A-Za-z][\w-]*)['"]/g)) constants.set(m[1], m[2])
  }
  for (const use of constantUses) {
    const name = constants.get(use)
    if (name) names.add(name)
  }
  return [...names].sort()
}

const readable = (path: string) => {
  try {
    accessSync(path, constants.R_OK)
    return statSync(path).isFile()
  } catch {
    return false
  }
}

export const readPlanInputs = (options: { dryRun: boolean; env?: NodeJS.ProcessEnv }): PlanInputs => {
  const env = options.env ?? process.env
  const keyPath = env.WX_UPLOAD_KEY_PATH?.trim()
  const loginKeyPath = env.TCB_CUSTOM_LOGIN_KEY_PATH?.trim()
  // A real run measures the build it made for the environment; a dry run after the tests, the local build.
  const desk = deskSizes(existsSync(join(deskDeployDir, 'index.html')) && !options.dryRun ? deskDeployDir : deskLocalDir)
  return {
    functions: readFunctions(),
    collections: readCollections(),
    collectionsInCode: readCollectionsInCode(),
    weapp: existsSync(join(weappDir, 'app.json')) ? weappPackages(weappDir) : null,
    env: {
      TCB_ENV_ID: env.TCB_ENV_ID,
      TCB_SECRET_ID: env.TCB_SECRET_ID,
      TCB_SECRET_KEY: env.TCB_SECRET_KEY,
      WX_APPID: env.WX_APPID,
      WX_UPLOAD_KEY_PATH: env.WX_UPLOAD_KEY_PATH,
      TCB_CUSTOM_LOGIN_KEY_PATH: env.TCB_CUSTOM_LOGIN_KEY_PATH,
      WX_ROBOT: env.WX_ROBOT,
      ...Object.fromEntries(TEMPLATE_ENV.map((name) => [name, env[name]])),
    },
    uploadKeyReadable: keyPath ? readable(resolve(keyPath)) : null,
    customLoginKey: loginKeyPath ? readCustomLoginKey(resolve(loginKeyPath)) : null,
    desk: desk ? { firstLoadBytes: desk.firstLoad } : null,
    dryRun: options.dryRun,
  }
}
