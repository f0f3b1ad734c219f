/**
 * Stylelint (stylelint.config.mjs) refuses in the .scss sources what WeChat's style compiler refuses in the build.
 * Each rule is proven against wcsc itself: the snippet, compiled by Sass as Taro does, is refused by wcsc, and
 * stylelint refuses the source; a snippet of what the app does use passes both. Then the sources pass.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { compileString } from 'sass'
import { compileStyles } from '../../scripts/weapp/compile'
import { tempDir } from '../support/temp'

const ROOT = resolve(__dirname, '../..')
const STYLELINT = join(ROOT, 'node_modules/stylelint/bin/stylelint.mjs')

interface LintResult {
  source: string
  warnings: { rule: string; text: string }[]
}

/** Runs the stylelint CLI (ESM-only, so not in jest's module system) with the project's config. */
const stylelint = (args: string[]) => {
  const run = spawnSync(process.execPath, [STYLELINT, '--formatter', 'json', ...args], { cwd: ROOT, encoding: 'utf8' })
  // The json formatter writes the results to stderr when there are problems, to stdout otherwise.
  const results = JSON.parse(run.stdout.trim() || run.stderr.trim() || '[]') as LintResult[]
  return { status: run.status, results }
}

/** [what, scss]: each refused by wcsc once Sass has compiled it. */
const REFUSED: [string, string][] = [
  ['a universal selector', '.row {\n  & > * {\n    flex: 1;\n  }\n}\n'],
  ['a universal descendant', '.row * {\n  margin: 0;\n}\n'],
  ['a selector list in :not()', '.row:not(.a, .b) {\n  color: red;\n}\n'],
  ['a selector list in :is()', '.row:is(.a, .b) {\n  color: red;\n}\n'],
  ['an :nth-child(… of …)', '.row:nth-child(2n of .a) {\n  color: red;\n}\n'],
  ['@layer', '@layer base {\n  .row {\n    color: red;\n  }\n}\n'],
  ['@container', '@container (min-width: 1px) {\n  .row {\n    color: red;\n  }\n}\n'],
  ['an escaped class name', '.row\\:wide {\n  color: red;\n}\n'],
]

/** What the app's sheets use, all of which wcsc compiles. */
const ACCEPTED =
  '.row {\n  display: flex;\n  &__cell {\n    flex: 1;\n  }\n  & + & {\n    margin-top: 8px;\n  }\n  &:not(.row--on):not(:last-child)::after {\n    content: "·";\n  }\n  &:nth-child(2n + 1) {\n    color: var(--ink, #000);\n  }\n}\n@media (min-width: 500px) {\n  .row {\n    padding: calc(100% - 20px) env(safe-area-inset-bottom);\n  }\n}\n@keyframes spin {\n  to {\n    transform: rotate(360deg);\n  }\n}\n'

let dir: string
beforeAll(() => {
  dir = tempDir('vipcard-stylelint-')
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** wcsc on the CSS Sass makes of the snippet (expanded, as Taro's sass-loader writes it), as a page's sheet. */
const wcscRefuses = (name: string, scss: string) => {
  const pkg = join(dir, name.replace(/\W+/g, '-'))
  mkdirSync(pkg, { recursive: true })
  writeFileSync(join(pkg, 'page.wxss'), compileString(scss, { style: 'expanded' }).css)
  writeFileSync(join(pkg, 'page.json'), '{}')
  return compileStyles(pkg).problems.length > 0
}

describe('stylelint refuses what wcsc refuses', () => {
  it.each(REFUSED)('%s: wcsc refuses it, and so does stylelint', (name, scss) => {
    expect(wcscRefuses(name, scss)).toBe(true)
    const file = join(dir, `${name.replace(/\W+/g, '-')}.scss`)
    writeFileSync(file, scss)
    const { status, results } = stylelint([file])
    expect(status).not.toBe(0)
    expect(results[0].warnings.length).toBeGreaterThan(0)
  })

  it('what the sheets use passes both', () => {
    expect(wcscRefuses('accepted', ACCEPTED)).toBe(false)
    const file = join(dir, 'accepted.scss')
    writeFileSync(file, ACCEPTED)
    expect(stylelint([file]).results[0].warnings).toEqual([])
  })
})

describe('the sources', () => {
  it('every src/**/*.scss passes stylelint', () => {
    const { status, results } = stylelint(['src/**/*.scss'])
    const warnings = results.flatMap((r) => r.warnings.map((w) => `${r.source.replace(`${ROOT}/`, '')}: ${w.text}`))
    expect(warnings).toEqual([])
    expect(status).toBe(0)
    expect(results.length).toBeGreaterThan(40)
  })
})
