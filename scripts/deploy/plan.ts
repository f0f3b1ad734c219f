/**
 * The deploy plan: what `npm run deploy` creates or updates on a WeChat cloud (CloudBase) environment, built
 * from what the repository holds and validated before anything is uploaded. Pure: the caller reads the files
 * (read.ts) and the same plan drives the dry run (printed) and the real run (upload.ts).
 */
import { cronProblem, TRIGGER_NAME } from '../../localcloud/cloudbaseCron'
import { httpAccessPaths } from '../../localcloud/gateway/httpAccess'

/** Budgets the issue sets: a bundle ≤ 150 KB (cold start), the weapp main package ≤ 500 KB. */
export const FUNCTION_BUDGET_BYTES = 150 * 1024
/**
 * Functions no shopper waits on, allowed more: `import` carries the spreadsheet readers (read-excel-file, csv-parse;
 * issue 22 lets it pass the shoppers' budget), and only operators call it, a few times a year.
 */
export const FUNCTION_BUDGET_OVERRIDES: Record<string, number> = { import: 250 * 1024 }
export const functionBudget = (name: string): number => FUNCTION_BUDGET_OVERRIDES[name] ?? FUNCTION_BUDGET_BYTES
export const MAIN_PACKAGE_BUDGET_BYTES = 500 * 1024
/** WeChat's own hard limit for each subpackage (and the main one). */
export const SUBPACKAGE_LIMIT_BYTES = 2 * 1024 * 1024
/** CloudBase runtime matching build-functions' esbuild target (node16). */
export const FUNCTION_RUNTIME = 'Nodejs16.13'
/** WeChat cloud development caps a cloud function's timeout at 60 s. */
export const MAX_TIMEOUT_SECONDS = 60

/**
 * Open APIs (云调用) a function may name in config.json `permissions.openapi`: the WeChat server APIs that
 * cloud functions reach through `cloud.openapi`. A name outside this list is a typo that would only show as
 * -604101 at run time, so the plan refuses it.
 */
export const KNOWN_OPENAPI = [
  'subscribeMessage.send',
  'subscribeMessage.addTemplate',
  'subscribeMessage.getTemplateList',
  'wxacode.getUnlimited',
  'wxacode.get',
  'wxacode.createQRCode',
  'urlscheme.generate',
  'urllink.generate',
  'phonenumber.getPhoneNumber',
  'security.msgSecCheck',
  'security.imgSecCheck',
  'customerServiceMessage.send',
  'uniformMessage.send',
  'cloudbase.sendSms',
] as const

/** The environment variables a real run reads (the dry run needs none). */
export const DEPLOY_ENV = {
  TCB_ENV_ID: 'CloudBase environment id (云开发控制台 → 环境 ID), e.g. vipcard-prod-1a2b3c',
  TCB_SECRET_ID: 'Tencent Cloud API key SecretId (访问管理 → API 密钥)',
  TCB_SECRET_KEY: 'Tencent Cloud API key SecretKey',
  WX_APPID: "the mini-program's AppID (wx + 16 hex digits)",
  WX_UPLOAD_KEY_PATH: 'path of the code upload private key file (private.<appid>.key)',
  TCB_CUSTOM_LOGIN_KEY_PATH:
    "path of the custom-login private key JSON (云开发控制台 → 身份认证 → 登录方式 → 自定义登录 → 下载私钥): the desk function signs the operators' desk in with it",
} as const

/**
 * Secrets a function reads from its environment, uploaded from a file that deploy's environment names: the
 * plan names the file, never its content (the dry run prints the plan).
 */
export const SECRET_FILES: Record<string, Record<string, DeployEnvName>> = {
  desk: { CUSTOM_LOGIN_KEY: 'TCB_CUSTOM_LOGIN_KEY_PATH' },
}

/** Issue 21's budget for the operators' desk's first load, gzipped (bench/deskSizes.ts measures it). */
export const DESK_FIRST_LOAD_BUDGET_BYTES = 300 * 1024
export type DeployEnvName = keyof typeof DEPLOY_ENV
/** Optional: TCB_REGION (default ap-shanghai), WX_VERSION (default package.json's), WX_ROBOT (1–30, default 1), WX_DESC. */

/**
 * Subscribe-message template ids (mp.weixin.qq.com → 订阅消息), handed to every function that sends messages as its
 * environment variables (cloudfunctions/_lib/messages.ts reads them). Without them those sends fail (40037).
 */
export const TEMPLATE_ENV = [
  'SUBSCRIBE_TEMPLATE_BIRTHDAY_COUPON',
  'SUBSCRIBE_TEMPLATE_EVENT_REMINDER',
  'SUBSCRIBE_TEMPLATE_WAITLIST_PROMOTED',
] as const

export type PlanProblemCode =
  | 'ENV_MISSING'
  | 'ENV_INVALID'
  | 'FUNCTION_NOT_BUILT'
  | 'FUNCTION_TOO_BIG'
  | 'FUNCTION_CONFIG_INVALID'
  | 'TRIGGER_INVALID'
  | 'CRON_INVALID'
  | 'PERMISSION_UNKNOWN'
  | 'HTTP_ACCESS_INVALID'
  | 'COLLECTION_INVALID'
  | 'INDEX_NAME_DUPLICATE'
  | 'COLLECTION_WITHOUT_DEFINITION'
  | 'DEFINITION_WITHOUT_COLLECTION'
  | 'WEAPP_NOT_BUILT'
  | 'MAIN_PACKAGE_TOO_BIG'
  | 'SUBPACKAGE_TOO_BIG'
  | 'DESK_TOO_BIG'

export interface PlanProblem {
  code: PlanProblemCode
  message: string
}

/** A refused plan or a failed upload step: a code and words a person can act on. */
export class DeployError extends Error {
  override name = 'DeployError' as const
  constructor(
    readonly code: PlanProblemCode | 'UPLOAD_FAILED' | 'BUILD_FAILED',
    message: string,
    readonly problems: PlanProblem[] = [],
  ) {
    super(message)
  }
}

// ---------------------------------------------------------------------------------------------------------
// Inputs (read from the repository by read.ts) and the plan

export interface FunctionSource {
  name: string
  /** Size of build/cloudfunctions/<name>/index.js; null when not built. */
  bundleBytes: number | null
  /** cloudfunctions/<name>/config.json as parsed JSON; null when the file is absent or does not parse. */
  config: unknown
  /** The JSON parser's words when config.json does not parse. */
  parseError?: string
}

export interface CollectionSource {
  /** The file's base name without .json. */
  file: string
  json: unknown
  parseError?: string
}

export interface WeappSizes {
  main: number
  /** Subpackage root → bytes. */
  sub: Record<string, number>
}

export interface PlanInputs {
  functions: FunctionSource[]
  collections: CollectionSource[]
  /** Collection names the cloud functions use (COLLECTIONS and literal names). */
  collectionsInCode: string[]
  /** null when dist/ is not built. */
  weapp: WeappSizes | null
  env: Partial<Record<string, string>>
  /** Whether WX_UPLOAD_KEY_PATH names a readable file (null: not checked). */
  uploadKeyReadable: boolean | null
  /** What TCB_CUSTOM_LOGIN_KEY_PATH holds: the key's environment, or why it is no key (null: not set). */
  customLoginKey: { envId: string } | { problem: string } | null
  /** The operators' desk build's first load, gzipped (null: not built). */
  desk: { firstLoadBytes: number } | null
  dryRun: boolean
}

export interface TriggerPlan {
  name: string
  type: 'timer'
  /** 7 fields, seconds first, Asia/Shanghai (CloudBase's timer format). */
  cron: string
}

export interface FunctionPlan {
  name: string
  bundleBytes: number | null
  runtime: string
  timeoutSeconds: number
  /** CloudBase installs package.json's dependencies (wx-server-sdk) on upload. */
  installDependency: true
  triggers: TriggerPlan[]
  openapi: string[]
  /** Set on the function (the subscribe-message template ids for those that send messages). */
  envVariables: Record<string, string>
  /** Set on the function from files: variable → the file's path (SECRET_FILES). */
  secretFiles: Record<string, string>
  /**
   * HTTP access service paths (config.json `httpAccess.paths`), created with CloudBase's authentication switch off:
   * the function authenticates its callers itself. The local cloud's gateway serves the same paths.
   */
  httpPaths: string[]
}

export interface IndexPlan {
  name: string
  keys: { field: string; direction: 1 | -1 }[]
  unique: boolean
}

/** A security rule: `true`/`false` or a CloudBase rule expression such as "doc._id == auth.openid". */
export type RuleValue = boolean | string

export interface CollectionPlan {
  name: string
  indexes: IndexPlan[]
  rules: { read: RuleValue; write: RuleValue }
}

export interface DeployPlan {
  envId: string | null
  appid: string | null
  functions: FunctionPlan[]
  collections: CollectionPlan[]
  weapp: WeappSizes | null
  /** The operators' desk, uploaded to CloudBase static hosting (null: not built). */
  desk: { firstLoadBytes: number } | null
}

// ---------------------------------------------------------------------------------------------------------
// Building and validating

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const COLLECTION_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/
const FIELD_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/
const KB = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

const functionPlan = (source: FunctionSource, problems: PlanProblem[]): FunctionPlan => {
  const where = `function ${source.name}`
  const config = source.config
  const plan: FunctionPlan = {
    name: source.name,
    bundleBytes: source.bundleBytes,
    runtime: FUNCTION_RUNTIME,
    timeoutSeconds: 3,
    installDependency: true,
    triggers: [],
    openapi: [],
    envVariables: {},
    secretFiles: {},
    httpPaths: [],
  }
  if (source.bundleBytes === null)
    problems.push({
      code: 'FUNCTION_NOT_BUILT',
      message: `${where}: build/cloudfunctions/${source.name}/index.js is missing (npm run build:functions)`,
    })
  else if (source.bundleBytes > functionBudget(source.name)) {
    problems.push({
      code: 'FUNCTION_TOO_BIG',
      message: `${where}: bundle ${KB(source.bundleBytes)} exceeds the ${KB(functionBudget(source.name))} budget`,
    })
  }
  if (source.parseError !== undefined) {
    problems.push({ code: 'FUNCTION_CONFIG_INVALID', message: `${where}: config.json is not JSON (${source.parseError})` })
    return plan
  }
  if (config === null) {
    problems.push({ code: 'FUNCTION_CONFIG_INVALID', message: `${where}: cloudfunctions/${source.name}/config.json is missing` })
    return plan
  }
  if (!isObject(config)) {
    problems.push({ code: 'FUNCTION_CONFIG_INVALID', message: `${where}: config.json must be an object` })
    return plan
  }
  const { timeout, permissions, triggers, httpAccess } = config
  if (httpAccess !== undefined) {
    try {
      plan.httpPaths = httpAccessPaths(httpAccess, where)
    } catch (e) {
      problems.push({ code: 'HTTP_ACCESS_INVALID', message: (e as Error).message.replace(/^local cloud: /, '') })
    }
  }
  if (timeout !== undefined) {
    if (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout < 1 || timeout > MAX_TIMEOUT_SECONDS) {
      problems.push({
        code: 'FUNCTION_CONFIG_INVALID',
        message: `${where}: timeout must be whole seconds 1–${MAX_TIMEOUT_SECONDS}, not ${JSON.stringify(timeout)}`,
      })
    } else plan.timeoutSeconds = timeout
  }
  if (permissions !== undefined) {
    const openapi = isObject(permissions) ? permissions.openapi : undefined
    if (!Array.isArray(openapi) || !openapi.every((p): p is string => typeof p === 'string')) {
      problems.push({ code: 'FUNCTION_CONFIG_INVALID', message: `${where}: permissions.openapi must be a list of API names` })
    } else {
      plan.openapi = [...openapi]
      const known: readonly string[] = KNOWN_OPENAPI
      for (const api of openapi) {
        if (!known.includes(api))
          problems.push({
            code: 'PERMISSION_UNKNOWN',
            message: `${where}: open API "${api}" is not a known cloud call (${KNOWN_OPENAPI.join(', ')})`,
          })
      }
    }
  }
  if (triggers !== undefined) {
    if (!Array.isArray(triggers)) {
      problems.push({ code: 'FUNCTION_CONFIG_INVALID', message: `${where}: triggers must be a list` })
    } else {
      const seen = new Set<string>()
      for (const t of triggers) {
        if (!isObject(t) || typeof t.name !== 'string' || typeof t.config !== 'string') {
          problems.push({ code: 'TRIGGER_INVALID', message: `${where}: each trigger needs a name, type "timer" and a cron config` })
          continue
        }
        if (t.type !== 'timer')
          problems.push({
            code: 'TRIGGER_INVALID',
            message: `${where}: trigger "${t.name}" has type ${JSON.stringify(t.type)}; only "timer" deploys`,
          })
        if (!TRIGGER_NAME.test(t.name))
          problems.push({
            code: 'TRIGGER_INVALID',
            message: `${where}: trigger name "${t.name}" must start with a letter and hold only letters, digits, - and _ (≤ 60)`,
          })
        if (seen.has(t.name)) problems.push({ code: 'TRIGGER_INVALID', message: `${where}: trigger name "${t.name}" appears twice` })
        seen.add(t.name)
        const bad = cronProblem(t.config)
        if (bad)
          problems.push({ code: 'CRON_INVALID', message: `${where}: trigger "${t.name}" cron "${t.config}" is not CloudBase's: ${bad}` })
        plan.triggers.push({ name: t.name, type: 'timer', cron: t.config })
      }
    }
  }
  return plan
}

const ruleValue = (v: unknown): v is RuleValue => typeof v === 'boolean' || (typeof v === 'string' && v.trim().length > 0)

const collectionPlan = (source: CollectionSource, problems: PlanProblem[]): CollectionPlan | null => {
  const where = `collection file ${source.file}.json`
  const json = source.json
  const refuse = (message: string) => problems.push({ code: 'COLLECTION_INVALID', message: `${where}: ${message}` })
  if (source.parseError !== undefined) {
    refuse(`is not JSON (${source.parseError})`)
    return null
  }
  if (!isObject(json)) {
    refuse('must be an object { name, description, indexes, rules }')
    return null
  }
  if (typeof json.name !== 'string' || !COLLECTION_NAME.test(json.name))
    refuse(`name ${JSON.stringify(json.name)} must be a collection name (a letter, then letters, digits, - or _)`)
  else if (json.name !== source.file) refuse(`name "${json.name}" differs from the file name`)
  const indexes: IndexPlan[] = []
  if (!Array.isArray(json.indexes)) refuse('indexes must be a list (may be empty)')
  else {
    const names = new Set<string>()
    json.indexes.forEach((index, i) => {
      const at = `index #${i + 1}`
      if (!isObject(index) || typeof index.name !== 'string' || index.name.length === 0) return refuse(`${at} needs a name`)
      if (index.name === '_id_') return refuse(`${at}: "_id_" is the built-in index of every collection`)
      if (names.has(index.name))
        problems.push({ code: 'INDEX_NAME_DUPLICATE', message: `${where}: index name "${index.name}" is used twice` })
      names.add(index.name)
      if (typeof index.unique !== 'boolean') refuse(`index "${index.name}": unique must be true or false`)
      const keys = index.keys
      if (!Array.isArray(keys) || keys.length === 0) return refuse(`index "${index.name}" needs at least one key`)
      const parsed: IndexPlan['keys'] = []
      for (const key of keys) {
        if (
          !isObject(key) ||
          typeof key.field !== 'string' ||
          !FIELD_PATH.test(key.field) ||
          (key.direction !== 1 && key.direction !== -1)
        ) {
          return refuse(`index "${index.name}": each key is { field: "a.b", direction: 1 | -1 }`)
        }
        parsed.push({ field: key.field, direction: key.direction })
      }
      indexes.push({ name: index.name, keys: parsed, unique: index.unique === true })
    })
  }
  const rules = json.rules
  if (!isObject(rules) || !ruleValue(rules.read) || !ruleValue(rules.write)) {
    refuse('rules must be { read, write }, each true, false or a rule expression')
    return null
  }
  return typeof json.name === 'string' ? { name: json.name, indexes, rules: { read: rules.read, write: rules.write } } : null
}

/** Builds the plan and lists every problem with it (an empty list: the plan may be deployed). */
export const buildPlan = (inputs: PlanInputs): { plan: DeployPlan; problems: PlanProblem[]; warnings: string[] } => {
  const problems: PlanProblem[] = []
  const warnings: string[] = []

  if (!inputs.dryRun) {
    for (const name of Object.keys(DEPLOY_ENV) as DeployEnvName[]) {
      if (!inputs.env[name]?.trim())
        problems.push({ code: 'ENV_MISSING', message: `environment variable ${name} is not set: ${DEPLOY_ENV[name]}` })
    }
    const appid = inputs.env.WX_APPID?.trim()
    if (appid && !/^wx[0-9a-f]{16}$/.test(appid))
      problems.push({ code: 'ENV_INVALID', message: `WX_APPID "${appid}" is not a mini-program AppID (wx + 16 hex digits)` })
    if (inputs.env.WX_UPLOAD_KEY_PATH?.trim() && inputs.uploadKeyReadable === false) {
      problems.push({ code: 'ENV_INVALID', message: `WX_UPLOAD_KEY_PATH "${inputs.env.WX_UPLOAD_KEY_PATH}" is not a readable file` })
    }
    const key = inputs.customLoginKey
    if (key && 'problem' in key) problems.push({ code: 'ENV_INVALID', message: `TCB_CUSTOM_LOGIN_KEY_PATH: ${key.problem}` })
    const envId = inputs.env.TCB_ENV_ID?.trim()
    if (key && 'envId' in key && envId && key.envId !== envId)
      problems.push({
        code: 'ENV_INVALID',
        message: `TCB_CUSTOM_LOGIN_KEY_PATH is the custom-login key of environment ${key.envId}, not of ${envId}: CloudBase would refuse its tickets`,
      })
    const robot = inputs.env.WX_ROBOT
    if (robot !== undefined && !/^([1-9]|[12]\d|30)$/.test(robot))
      problems.push({ code: 'ENV_INVALID', message: `WX_ROBOT "${robot}" must be 1–30` })
  }

  const functions = [...inputs.functions].sort((a, b) => a.name.localeCompare(b.name)).map((f) => functionPlan(f, problems))
  const pathOwner = new Map<string, string>()
  for (const f of functions)
    for (const path of f.httpPaths) {
      const other = pathOwner.get(path)
      if (other)
        problems.push({ code: 'HTTP_ACCESS_INVALID', message: `HTTP access path ${path} is declared by both ${other} and ${f.name}` })
      pathOwner.set(path, f.name)
    }
  const templates = Object.fromEntries(TEMPLATE_ENV.flatMap((name) => (inputs.env[name]?.trim() ? [[name, inputs.env[name].trim()]] : [])))
  const senders = functions.filter((f) => f.openapi.includes('subscribeMessage.send'))
  for (const f of senders) f.envVariables = { ...templates }
  for (const f of functions)
    for (const [variable, envName] of Object.entries(SECRET_FILES[f.name] ?? {}))
      f.secretFiles[variable] = inputs.env[envName]?.trim() || `<${envName}>`
  const missing = TEMPLATE_ENV.filter((name) => !(name in templates))
  if (senders.length && missing.length) {
    warnings.push(
      `${missing.join(', ')} not set: ${senders.map((f) => f.name).join(', ')} cannot send those subscribe messages (40037) until they are set and deployed again`,
    )
  }

  const collections: CollectionPlan[] = []
  for (const source of [...inputs.collections].sort((a, b) => a.file.localeCompare(b.file))) {
    const plan = collectionPlan(source, problems)
    if (plan) collections.push(plan)
  }
  const defined = new Set(inputs.collections.map((c) => c.file))
  const used = new Set(inputs.collectionsInCode)
  for (const name of [...used].sort()) {
    if (!defined.has(name))
      problems.push({
        code: 'COLLECTION_WITHOUT_DEFINITION',
        message: `collection "${name}" is used by the cloud functions but has no database/collections/${name}.json (indexes and rules)`,
      })
  }
  for (const name of [...defined].sort()) {
    if (!used.has(name))
      problems.push({
        code: 'DEFINITION_WITHOUT_COLLECTION',
        message: `database/collections/${name}.json defines a collection no cloud function uses`,
      })
  }

  if (inputs.weapp === null)
    problems.push({ code: 'WEAPP_NOT_BUILT', message: 'dist/app.json is missing: the weapp is not built (npm run build:weapp)' })
  else {
    if (inputs.weapp.main > MAIN_PACKAGE_BUDGET_BYTES) {
      problems.push({
        code: 'MAIN_PACKAGE_TOO_BIG',
        message: `weapp main package ${KB(inputs.weapp.main)} exceeds the ${KB(MAIN_PACKAGE_BUDGET_BYTES)} budget`,
      })
    }
    for (const [root, bytes] of Object.entries(inputs.weapp.sub)) {
      if (bytes > SUBPACKAGE_LIMIT_BYTES)
        problems.push({
          code: 'SUBPACKAGE_TOO_BIG',
          message: `weapp subpackage ${root} ${KB(bytes)} exceeds WeChat's ${KB(SUBPACKAGE_LIMIT_BYTES)}`,
        })
    }
  }

  if (inputs.desk && inputs.desk.firstLoadBytes > DESK_FIRST_LOAD_BUDGET_BYTES)
    problems.push({
      code: 'DESK_TOO_BIG',
      message: `the operators' desk first load ${KB(inputs.desk.firstLoadBytes)} gzipped exceeds the ${KB(DESK_FIRST_LOAD_BUDGET_BYTES)} budget`,
    })

  return {
    plan: {
      envId: inputs.env.TCB_ENV_ID?.trim() || null,
      appid: inputs.env.WX_APPID?.trim() || null,
      functions,
      collections,
      weapp: inputs.weapp,
      desk: inputs.desk,
    },
    problems,
    warnings,
  }
}

// ---------------------------------------------------------------------------------------------------------
// Printing

const rule = (v: RuleValue) => (typeof v === 'boolean' ? String(v) : JSON.stringify(v))

/** The plan as the lines the dry run prints. */
export const formatPlan = (plan: DeployPlan): string[] => {
  const lines: string[] = []
  lines.push(`Deploy plan for environment ${plan.envId ?? '<TCB_ENV_ID>'}, mini-program ${plan.appid ?? '<WX_APPID>'}`)
  lines.push(
    '',
    `Cloud functions (${plan.functions.length}; runtime ${FUNCTION_RUNTIME}; budget ${KB(FUNCTION_BUDGET_BYTES)} each; uploaded with index.js, package.json, config.json):`,
  )
  for (const f of plan.functions) {
    const size =
      f.bundleBytes === null
        ? 'not built'
        : `${KB(f.bundleBytes)} (${Math.round((f.bundleBytes / functionBudget(f.name)) * 100)}% of budget)`
    lines.push(`  ${f.name.padEnd(8)} ${size}, timeout ${f.timeoutSeconds} s`)
    lines.push(`           open API: ${f.openapi.length ? f.openapi.join(', ') : 'none'}`)
    const vars = Object.entries(f.envVariables)
    if (vars.length) lines.push(`           env: ${vars.map(([k, v]) => `${k}=${v}`).join(', ')}`)
    for (const [k, file] of Object.entries(f.secretFiles)) lines.push(`           env: ${k} from the file ${file} (not printed)`)
    for (const path of f.httpPaths)
      lines.push(`           HTTP access: ${path} (and below it), authentication off (the function signs its callers)`)
    for (const t of f.triggers)
      lines.push(`           timer ${t.name}: "${t.cron}" (second minute hour day month weekday year, Asia/Shanghai)`)
  }
  const indexCount = plan.collections.reduce((n, c) => n + c.indexes.length, 0)
  const uniqueCount = plan.collections.reduce((n, c) => n + c.indexes.filter((i) => i.unique).length, 0)
  lines.push(
    '',
    `Database collections (${plan.collections.length}; ${indexCount} indexes, ${uniqueCount} unique; rules as CUSTOM security rules):`,
  )
  for (const c of plan.collections) {
    lines.push(`  ${c.name}  rules read ${rule(c.rules.read)}, write ${rule(c.rules.write)}`)
    for (const i of c.indexes) {
      lines.push(
        `    ${i.unique ? 'unique' : 'index '} ${i.name}: ${i.keys.map((k) => `${k.field} ${k.direction === 1 ? 'asc' : 'desc'}`).join(', ')}`,
      )
    }
  }
  lines.push('', 'Mini-program (dist/, uploaded with miniprogram-ci as a development version):')
  if (plan.weapp === null) lines.push('  not built')
  else {
    lines.push(`  main package ${KB(plan.weapp.main)} (budget ${KB(MAIN_PACKAGE_BUDGET_BYTES)})`)
    for (const [root, bytes] of Object.entries(plan.weapp.sub))
      lines.push(`  subpackage ${root} ${KB(bytes)} (limit ${KB(SUBPACKAGE_LIMIT_BYTES)})`)
  }
  lines.push(
    '',
    "Operators' desk (built for the environment, uploaded to CloudBase static hosting; anonymous login on, its domain allowed):",
  )
  lines.push(
    plan.desk === null
      ? '  not built'
      : `  first load ${KB(plan.desk.firstLoadBytes)} gzipped (budget ${KB(DESK_FIRST_LOAD_BUDGET_BYTES)})`,
  )
  return lines
}
