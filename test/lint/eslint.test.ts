/**
 * The lint (eslint.config.mjs, run by `npm run lint` before every `npm test`) refuses what it says it refuses: a
 * promise left floating and an import cycle, each in files written under src/ for the test (the TypeScript project
 * service only knows files on disk) and linted with the project's own config and type information. ESLint's API is loaded in a child process (the config is an ES module, which jest's module
 * system does not load); the two cases share one ESLint, so the TypeScript program is built once.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'

const ROOT = resolve(__dirname, '../..')

type Found = { file: string; rules: string[] }

const PROBE = `
import { ESLint } from 'eslint'
const cases = JSON.parse(process.argv[1])
const eslint = new ESLint({ cwd: process.cwd(), overrideConfigFile: 'eslint.config.mjs' })
const found = []
for (const c of cases) {
  const results = await eslint.lintFiles([c.file])
  found.push({ file: c.file, rules: results.flatMap((r) => r.messages.map((m) => m.ruleId ?? m.message)) })
}
console.log(JSON.stringify(found))
`

/** Lints each file with the project's config: the rules reported in each. */
const lint = (files: string[]): Found[] => {
  const cases = files.map((file) => ({ file }))
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', PROBE, JSON.stringify(cases)], { cwd: ROOT, encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`eslint probe failed: ${run.stderr}`)
  return JSON.parse(run.stdout) as Found[]
}

test('a floating promise, an import cycle and a date formatted outside src/wording/dates fail the lint; their fixed forms pass', () => {
  // A directory TypeScript's `include: ["src"]` takes in (not a dot-directory); it lives only for this test.
  const dir = mkdtempSync(join(ROOT, 'src', 'lint-probe-'))
  const write = (name: string, text: string) => {
    writeFileSync(join(dir, name), text)
    return relative(ROOT, join(dir, name))
  }
  try {
    const save = 'const save = async (n: number): Promise<number> => n\n'
    const floatingFile = write('floating.ts', `${save}export const onTap = (): void => {\n  save(1)\n}\n`)
    const handledFile = write('handled.ts', `${save}export const onTap = (): void => {\n  void save(1)\n}\n`)
    const cycleFile = write('a.ts', "import { b } from './b'\n\nexport const a = (n: number): number => (n > 0 ? b(n - 1) : 0)\n")
    write('b.ts', "import { a } from './a'\n\nexport const b = (n: number): number => a(n) + 1\n")
    // A page formatting a date its own way (one format per context: src/wording/dates.ts), and its fixed form.
    const time = "import { businessTime } from '../domain/time'\n"
    const ownDateFile = write('ownDate.ts', `${time}export const when = (at: string): string => businessTime(at).format('MM-DD HH:mm')\n`)
    const datesFile = write(
      'dates.ts',
      "import { dateText } from '../wording/dates'\n\nexport const when = (at: string): string => dateText(at, 'nearTime')\n",
    )
    const [floating, handled, cycle, ownDate, dates] = lint([floatingFile, handledFile, cycleFile, ownDateFile, datesFile])
    expect(floating.rules).toEqual(['@typescript-eslint/no-floating-promises'])
    expect(handled.rules).toEqual([])
    expect(cycle.rules).toEqual(['import-x/no-cycle'])
    expect(ownDate.rules).toEqual(['no-restricted-syntax'])
    expect(dates.rules).toEqual([])
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
