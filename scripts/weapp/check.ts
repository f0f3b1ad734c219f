/**
 * `npm run check:weapp`: the weapp build (dist/, `npm run build:weapp` first) through WeChat's own compilers and
 * schemas, as test/weapp/compile.test.ts runs them; prints each refusal with the src/ file it came from and exits 1
 * on any. Quicker than the test run when fixing a style or a config.
 */
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { compileStyles, compileTemplates, describeProblem } from './compile'
import { checkJson, describeJsonProblem } from './schemas'

const dist = resolve(process.argv[2] ?? join(__dirname, '../../dist'))
if (!existsSync(join(dist, 'app.json'))) {
  console.error(`${dist} holds no app.json: run npm run build:weapp first`)
  process.exit(1)
}
const templates = compileTemplates(dist)
const styles = compileStyles(dist)
const lines = [
  ...templates.problems.map(describeProblem),
  ...styles.problems.map(describeProblem),
  ...styles.ignoredSelectors.map((s) => `wcsc: ${s.file}: ${s.message}`),
  ...checkJson(dist).map(describeJsonProblem),
]
console.log(
  lines.length
    ? lines.join('\n')
    : `wcc: ${templates.files.length} files, wcsc: ${styles.files.length} files, JSON: WeChat's schemas — all accepted`,
)
process.exit(lines.length ? 1 : 0)
