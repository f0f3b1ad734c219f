/**
 * The real run: carries out a validated DeployPlan on CloudBase with the official tools.
 * - functions, triggers, collections, indexes, security rules: @cloudbase/manager-node (the engine of @cloudbase/cli),
 *   with the Tencent Cloud API key of TCB_SECRET_ID / TCB_SECRET_KEY;
 * - the mini-program: miniprogram-ci with the code upload key (WX_UPLOAD_KEY_PATH), from an IP on the whitelist.
 * Every step is idempotent: a second run updates what the first created, so a failed run is simply run again.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type CloudBase from '@cloudbase/manager-node'
import { DeployError, type CollectionPlan, type DeployPlan, type FunctionPlan, type IndexPlan } from './plan'
import { deskDeployDir, functionsBuildDir, repoRoot, weappDir } from './read'

type Manager = InstanceType<typeof CloudBase>

export interface UploadSettings {
  envId: string
  secretId: string
  secretKey: string
  region: string
  appid: string
  uploadKeyPath: string
  version: string
  desc: string
  robot: number
}

export const uploadSettingsFrom = (env: NodeJS.ProcessEnv): UploadSettings => {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }
  let commit = 'unknown'
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim()
  } catch {
    // Not a git checkout: the description says so.
  }
  return {
    envId: env.TCB_ENV_ID!.trim(),
    secretId: env.TCB_SECRET_ID!.trim(),
    secretKey: env.TCB_SECRET_KEY!.trim(),
    region: env.TCB_REGION?.trim() || 'ap-shanghai',
    appid: env.WX_APPID!.trim(),
    uploadKeyPath: resolve(env.WX_UPLOAD_KEY_PATH!.trim()),
    version: env.WX_VERSION?.trim() || pkg.version,
    desc: env.WX_DESC?.trim() || `vip-card ${commit}`,
    robot: Number(env.WX_ROBOT ?? 1),
  }
}

const step = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
  process.stdout.write(`  ${what} ... `)
  try {
    const result = await run()
    console.log('ok')
    return result
  } catch (e) {
    console.log('FAILED')
    const err = e as { message?: string; code?: string; requestId?: string }
    throw new DeployError(
      'UPLOAD_FAILED',
      `${what}: ${err.message ?? String(e)}${err.code ? ` (code ${err.code})` : ''}${err.requestId ? ` [request ${err.requestId}]` : ''}`,
    )
  }
}

const notFound = (e: unknown) => /ResourceNotFound/.test(String((e as { code?: string }).code ?? '') + String((e as Error).message ?? ''))

// ---------------------------------------------------------------------------------------------------------
// Functions

/**
 * Creates the function or, when it exists, updates its code (the bundle folder, config.json included: WeChat's
 * cloud calls read `permissions.openapi` from the uploaded config.json), its configuration and its timers.
 * Timers are replaced: CloudBase cannot edit a trigger in place, and a timer dropped from config.json must go.
 */
const deployFunction = async (manager: Manager, f: FunctionPlan) => {
  const existing = await manager.functions.getFunctionDetail(f.name).catch((e: unknown) => {
    if (notFound(e)) return null
    throw e
  })
  const func = {
    name: f.name,
    runtime: f.runtime,
    timeout: f.timeoutSeconds,
    installDependency: f.installDependency,
    // Secrets are read here, at upload, from the files the plan names (the plan itself never holds them).
    envVariables: {
      ...f.envVariables,
      ...Object.fromEntries(Object.entries(f.secretFiles).map(([k, file]) => [k, readFileSync(file, 'utf8')])),
    },
    handler: 'index.main',
    ignore: ['node_modules', 'node_modules/**/*'],
    triggers: f.triggers.map((t) => ({ name: t.name, type: t.type, config: t.cron })),
  }
  if (existing) {
    for (const t of existing.Triggers ?? []) {
      const name = t.TriggerName || t.Name
      await step(`function ${f.name}: remove timer ${name}`, () => manager.functions.deleteFunctionTrigger(f.name, name))
    }
  }
  await step(`function ${f.name}: ${existing ? 'update' : 'create'} (code, ${f.timeoutSeconds} s, ${f.triggers.length} timer(s))`, () =>
    manager.functions.createFunction({ func, functionRootPath: functionsBuildDir, force: true }),
  )
  // HTTP access paths: created when missing (CloudBase keeps one per path; an existing one is left as it is).
  for (const path of f.httpPaths) {
    const existingPaths = await step(`function ${f.name}: read HTTP access ${path}`, () => manager.access.getAccessList({ path }))
    if (existingPaths.APISet.some((a) => a.Path === path)) continue
    await step(`function ${f.name}: create HTTP access ${path}`, () =>
      manager.access.createAccess({ path, name: f.name, type: 1, auth: false }),
    )
  }
}

// ---------------------------------------------------------------------------------------------------------
// Collections

interface RemoteIndex {
  Name: string
  Unique: boolean
  Keys: { Name?: string; Direction?: string }[]
}

const sameIndex = (remote: RemoteIndex, want: IndexPlan) =>
  remote.Unique === want.unique &&
  remote.Keys.length === want.keys.length &&
  remote.Keys.every((k, i) => k.Name === want.keys[i].field && String(k.Direction) === String(want.keys[i].direction))

/** Creates the collection if needed, brings its indexes to the plan's (dropping others), sets its security rules. */
const deployCollection = async (manager: Manager, envId: string, c: CollectionPlan) => {
  await step(`collection ${c.name}: create if missing`, () => manager.database.createCollectionIfNotExists(c.name))
  const described = await step(`collection ${c.name}: read indexes`, () => manager.database.describeCollection(c.name))
  const remote = ((described.Indexes ?? []) as unknown as RemoteIndex[]).filter((i) => i.Name !== '_id_')
  const drop = remote.filter((r) => !c.indexes.some((w) => w.name === r.Name && sameIndex(r, w)))
  const create = c.indexes.filter((w) => !remote.some((r) => r.Name === w.name && sameIndex(r, w)))
  // An index whose keys or uniqueness changed is dropped and created again under its name.
  if (drop.length) {
    await step(`collection ${c.name}: drop ${drop.map((d) => d.Name).join(', ')}`, () =>
      manager.database.updateCollection(c.name, { DropIndexes: drop.map((d) => ({ IndexName: d.Name })) }),
    )
  }
  if (create.length) {
    await step(`collection ${c.name}: create ${create.map((i) => `${i.name}${i.unique ? ' (unique)' : ''}`).join(', ')}`, () =>
      manager.database.updateCollection(c.name, {
        CreateIndexes: create.map((i) => ({
          IndexName: i.name,
          MgoKeySchema: { MgoIsUnique: i.unique, MgoIndexKeys: i.keys.map((k) => ({ Name: k.field, Direction: String(k.direction) })) },
        })),
      }),
    )
  }
  // Security rules as a CUSTOM rule (TCB API ModifySafeRule): { read, write } as the repository holds them.
  await step(`collection ${c.name}: security rules`, () =>
    manager.commonService('tcb', '2018-06-08').call({
      Action: 'ModifySafeRule',
      Param: { EnvId: envId, CollectionName: c.name, AclTag: 'CUSTOM', Rule: JSON.stringify(c.rules) },
    }),
  )
}

// ---------------------------------------------------------------------------------------------------------
// Mini-program

const uploadWeapp = async (settings: UploadSettings) => {
  // Loaded only here: requiring miniprogram-ci starts its services.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ci = require('miniprogram-ci') as typeof import('miniprogram-ci')
  const project = new ci.Project({
    appid: settings.appid,
    type: 'miniProgram',
    // Taro writes dist/project.config.json (miniprogramRoot "./"): the project is the build alone, so nothing
    // else of the repository can end up in the package.
    projectPath: weappDir,
    privateKeyPath: settings.uploadKeyPath,
    ignores: ['**/*.map'],
  })
  const result = await step(`mini-program ${settings.appid}: upload version ${settings.version} (robot ${settings.robot})`, () =>
    ci.upload({
      project,
      version: settings.version,
      desc: settings.desc,
      robot: settings.robot,
      // Taro already compiled, minified and polyfilled the code: WeChat's compiler only packs it.
      setting: { es6: false, es7: false, minify: false, autoPrefixWXSS: false },
      onProgressUpdate: () => undefined,
    }),
  )
  for (const p of result.subPackageInfo ?? []) console.log(`    package ${p.name}: ${(p.size / 1024).toFixed(1)} KB`)
}

// ---------------------------------------------------------------------------------------------------------
// The operators' desk

/**
 * Uploads the desk to static hosting and lets it sign in: anonymous login on (the sign-in page asks as an anonymous
 * web user), the hosting domain among the environment's allowed web domains. Answers the desk's URL.
 */
const deployDesk = async (manager: Manager): Promise<string> => {
  const strategy = await step('auth: read login methods', () => manager.env.getLoginConfigListV2())
  if (!strategy.Data.AnonymousLogin) {
    await step('auth: turn on anonymous login (the desk asks for its sign-in code as an anonymous web user)', () =>
      manager.env.modifyLoginConfig({
        PhoneNumberLogin: strategy.Data.PhoneNumberLogin,
        EmailLogin: strategy.Data.EmailLogin,
        UserNameLogin: strategy.Data.UsernameLogin,
        AnonymousLogin: true,
      }),
    )
  }
  const [hosting] = await step('static hosting: read', () => manager.hosting.getInfo())
  if (!hosting?.CdnDomain)
    throw new DeployError(
      'UPLOAD_FAILED',
      'static hosting is not enabled: turn it on in 云开发控制台 → 静态网站托管, then run deploy again',
    )
  await step(`static hosting: upload ${deskDeployDir}`, () => manager.hosting.uploadFiles({ localPath: deskDeployDir, cloudPath: '' }))
  const domains = await step('web domains: read', () => manager.env.getEnvAuthDomains())
  if (!domains.Domains.some((d) => d.Domain === hosting.CdnDomain))
    await step(`web domains: allow ${hosting.CdnDomain}`, () => manager.env.createEnvDomain([hosting.CdnDomain]))
  return `https://${hosting.CdnDomain}/`
}

/**
 * Runs the plan: collections first (functions may run as soon as they exist), then functions, the desk and the
 * weapp. Answers the desk's URL.
 */
export const runPlan = async (plan: DeployPlan, settings: UploadSettings): Promise<string> => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Manager = require('@cloudbase/manager-node') as typeof CloudBase
  const manager = new Manager({
    secretId: settings.secretId,
    secretKey: settings.secretKey,
    envId: settings.envId,
    region: settings.region,
  })
  console.log(`\nDatabase (${plan.collections.length} collections):`)
  for (const c of plan.collections) await deployCollection(manager, settings.envId, c)
  // Storage: a file is read and written only by its creator and by functions (administrators). Shoppers see pictures
  // and exports only through the temporary links functions hand out, so nothing in storage needs to be public.
  console.log('\nStorage:')
  await step('storage: security rule PRIVATE (creator and functions only)', () => manager.storage.setStorageAcl('PRIVATE'))
  console.log(`\nCloud functions (${plan.functions.length}):`)
  for (const f of plan.functions) await deployFunction(manager, f)
  console.log("\nOperators' desk:")
  const deskUrl = await deployDesk(manager)
  console.log('\nMini-program:')
  await uploadWeapp(settings)
  return deskUrl
}
