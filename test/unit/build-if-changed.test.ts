/** The test run's builds are skipped only when nothing a build reads has changed (scripts/build-if-changed.ts). */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { inputsHash } from '../../scripts/build-if-changed'
import { tempDir } from '../support/temp'

let base: string
beforeEach(() => {
  base = tempDir('vipcard-build-inputs-')
  mkdirSync(join(base, 'src/pages/card'), { recursive: true })
  mkdirSync(join(base, 'config'))
  writeFileSync(join(base, 'src/pages/card/index.tsx'), 'export default () => null\n')
  writeFileSync(join(base, 'config/index.ts'), 'export default {}\n')
  writeFileSync(join(base, 'package-lock.json'), '{}\n')
})
afterEach(() => rmSync(base, { recursive: true, force: true }))

const env = { TARO_APP_CLOUD_ENV: '' }

it('is the same for the same inputs, and differs by target', () => {
  expect(inputsHash('weapp', base, env)).toBe(inputsHash('weapp', base, env))
  expect(inputsHash('h5', base, env)).not.toBe(inputsHash('weapp', base, env))
})

it('changes with a page, a config file, a new file, the locked dependencies or the inlined environment', () => {
  const before = inputsHash('weapp', base, env)
  const changes: (() => void)[] = [
    () => writeFileSync(join(base, 'src/pages/card/index.tsx'), 'export default () => 1\n'),
    () => writeFileSync(join(base, 'config/index.ts'), 'export default { cache: {} }\n'),
    () => writeFileSync(join(base, 'src/pages/card/index.scss'), '.card {}\n'),
    () => writeFileSync(join(base, 'package-lock.json'), '{"lockfileVersion":3}\n'),
  ]
  let last = before
  for (const change of changes) {
    change()
    const now = inputsHash('weapp', base, env)
    expect(now).not.toBe(last)
    last = now
  }
  expect(inputsHash('weapp', base, { TARO_APP_CLOUD_ENV: 'prod-1a2b' })).not.toBe(last)
})

it('ignores what the build does not read', () => {
  const before = inputsHash('weapp', base, env)
  mkdirSync(join(base, 'test'))
  writeFileSync(join(base, 'test/card.test.ts'), 'it("x", () => {})\n')
  writeFileSync(join(base, 'README.md'), '# notes\n')
  expect(inputsHash('weapp', base, env)).toBe(before)
})
