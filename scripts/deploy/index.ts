/**
 * `npm run deploy`: builds the weapp and the function bundles, prints the plan, validates it, and uploads it
 * to the WeChat cloud environment named by the environment (see DEPLOY_ENV in plan.ts).
 *
 *   npm run deploy -- --dry-run            build, print and validate the plan; nothing leaves this machine
 *   npm run deploy -- --dry-run --no-build the same on what is already built (CI, right after the tests)
 *   npm run deploy                         build, validate, then upload collections, functions, the operators'
 *                                          desk (static hosting; its URL is printed) and the weapp
 *
 * Exits 1 with every problem listed when the plan is refused, 1 with the failed step when an upload fails.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { ownerClaimCode, type CustomLoginKey } from '../../cloudfunctions/_lib/customLogin'
import { formatClaimCode } from '../../src/domain/ownerClaim'
import { buildPlan, DeployError, DEPLOY_ENV, formatPlan, TEMPLATE_ENV } from './plan'
import { deskDeployDir, readPlanInputs, repoRoot } from './read'

interface Options {
  dryRun: boolean
  build: boolean
}

const USAGE = 'usage: npm run deploy [-- --dry-run] [--no-build]'

const parseArgs = (argv: string[]): Options => {
  const options: Options = { dryRun: false, build: true }
  for (const arg of argv) {
    if (arg === '--dry-run') options.dryRun = true
    else if (arg === '--no-build') options.build = false
    else if (arg === '--help' || arg === '-h') {
      console.log(USAGE)
      console.log('Environment (real run):')
      for (const [name, what] of Object.entries(DEPLOY_ENV)) console.log(`  ${name.padEnd(18)} ${what}`)
      console.log(`  TCB_REGION, WX_VERSION, WX_DESC, WX_ROBOT, ${TEMPLATE_ENV.join(', ')} (optional)`)
      process.exit(0)
    } else throw new DeployError('BUILD_FAILED', `unknown option ${arg}; ${USAGE}`)
  }
  return options
}

const build = () => {
  // The mini-program calls the environment it was built for (src/app.ts: Taro.cloud.init({ env })).
  const env = { ...process.env, TARO_APP_CLOUD_ENV: process.env.TARO_APP_CLOUD_ENV ?? process.env.TCB_ENV_ID ?? '' }
  for (const script of ['build:functions', 'build:weapp']) {
    console.log(`== npm run ${script}`)
    try {
      execFileSync('npm', ['run', '--silent', script], { cwd: repoRoot, stdio: 'inherit', env })
    } catch {
      throw new DeployError('BUILD_FAILED', `npm run ${script} failed (its output is above)`)
    }
  }
  // The desk talks to the environment it was built for (desk/src/cloud.ts); built apart from the local one.
  console.log(`== the operators' desk for ${env.TARO_APP_CLOUD_ENV || '<TCB_ENV_ID>'} → ${deskDeployDir}`)
  try {
    execFileSync('npm', ['run', '--silent', 'build', '--prefix', 'desk', '--', '--outDir', deskDeployDir], {
      cwd: repoRoot,
      stdio: 'inherit',
      env: { ...env, VITE_CLOUDBASE_ENV: env.TARO_APP_CLOUD_ENV, VITE_CLOUDBASE_REGION: process.env.TCB_REGION ?? 'ap-shanghai' },
    })
  } catch {
    throw new DeployError('BUILD_FAILED', "the operators' desk build failed (its output is above)")
  }
}

const main = async () => {
  const options = parseArgs(process.argv.slice(2))
  if (options.build) build()
  const { plan, problems, warnings } = buildPlan(readPlanInputs({ dryRun: options.dryRun }))
  console.log(`== deploy plan${options.dryRun ? ' (dry run: nothing is uploaded)' : ''}`)
  for (const line of formatPlan(plan)) console.log(line)
  for (const warning of warnings) console.log(`\nwarning: ${warning}`)
  if (problems.length) {
    throw new DeployError(problems[0].code, `the plan is refused (${problems.length} problem${problems.length > 1 ? 's' : ''})`, problems)
  }
  console.log(
    '\nPlan valid: every bundle and the main package within budget, timers valid, open APIs known, collections and indexes consistent.',
  )
  if (options.dryRun) return
  // Loaded only for a real run: the upload tools are heavy and start services when required.
  const { runPlan, uploadSettingsFrom } = await import('./upload')
  const settings = uploadSettingsFrom(process.env)
  const deskUrl = await runPlan(plan, settings)
  console.log(`\nOperators' desk: ${deskUrl}`)
  console.log(ownerClaimNote(settings.envId))
  console.log(
    `\nDeployed to ${settings.envId}. The mini-program version ${settings.version} is a development version: make it the trial version or submit it for review in mp.weixin.qq.com → 版本管理.`,
  )
}

/**
 * The brand owner's claim code (src/domain/ownerClaim.ts), from the custom-login key the plan checked: printed on
 * every run, useful only until the brand has its first operator.
 */
const ownerClaimNote = (envId: string) => {
  const key = JSON.parse(readFileSync(process.env.TCB_CUSTOM_LOGIN_KEY_PATH!.trim(), 'utf8')) as CustomLoginKey
  return (
    `\nFirst sign-in of ${envId}: while the brand has no operator, open the desk, scan its code with the mini-program ` +
    `and enter the claim code ${formatClaimCode(ownerClaimCode(key))}. That WeChat becomes the brand owner (every ` +
    `permission) and invites everyone else on the desk's 门店与员工 page. Keep the code private until then.`
  )
}

main().catch((e: unknown) => {
  if (e instanceof DeployError) {
    console.error(`\ndeploy: ${e.message}`)
    for (const p of e.problems) console.error(`  [${p.code}] ${p.message}`)
  } else console.error('\ndeploy: unexpected failure', e)
  process.exit(1)
})
