// The jest reporter that ends a run with the slowest test files (test/support/slowest-reporter.cjs), fed fake results.
import SlowestReporter from '../support/slowest-reporter.cjs'

const ROOT = '/repo'
const project = (name: string) => ({ context: { config: { displayName: { name } } } })
const result = (file: string, runtime: number) => ({
  testFilePath: `${ROOT}/${file}`,
  perfStats: { start: 1_000, end: 1_000 + runtime, runtime },
})

const run = (files: [file: string, project: string, ms: number][], count?: number) => {
  let written = ''
  const reporter = new SlowestReporter({ rootDir: ROOT }, { count, write: (text) => (written += text) })
  for (const [file, name, ms] of files) reporter.onTestResult(project(name), result(file, ms))
  reporter.onRunComplete()
  return written
}

describe('the slowest test files reporter', () => {
  it('prints the 15 slowest files, slowest first, one line each with seconds, project and path, under a heading', () => {
    const files = Array.from({ length: 20 }, (_, i): [string, string, number] => [
      `test/cloud/f${i}.test.ts`,
      i % 2 ? 'cloud' : 'unit@UTC',
      (i + 1) * 1_000,
    ])
    const lines = run(files).trim().split('\n')
    expect(lines).toHaveLength(16)
    expect(lines[0]).toBe('Slowest test files (15 of 20):')
    expect(lines[1]).toBe('   20.0 s  cloud     test/cloud/f19.test.ts')
    expect(lines[2]).toBe('   19.0 s  unit@UTC  test/cloud/f18.test.ts')
    expect(lines[15]).toBe('    6.0 s  cloud     test/cloud/f5.test.ts')
  })

  it('prints all the files when there are fewer, and nothing for a run with none', () => {
    expect(run([['test/unit/a.test.ts', 'unit', 250]])).toBe('\nSlowest test files (1 of 1):\n    0.3 s  unit  test/unit/a.test.ts\n')
    expect(run([])).toBe('')
  })

  it('reads the project from the result when the test has none, and end - start when there is no runtime', () => {
    let written = ''
    const reporter = new SlowestReporter({ rootDir: ROOT }, { write: (text) => (written += text) })
    reporter.onTestResult(undefined, {
      testFilePath: `${ROOT}/test/taro/card.test.tsx`,
      displayName: 'taro',
      perfStats: { start: 0, end: 4_000 },
    })
    reporter.onRunComplete()
    expect(written).toContain('    4.0 s  taro  test/taro/card.test.tsx')
  })

  it('writes to stderr by default, so a --json run on stdout stays valid JSON', () => {
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true)
    const stdout = jest.spyOn(process.stdout, 'write')
    try {
      const reporter = new SlowestReporter({ rootDir: ROOT })
      reporter.onTestResult(project('unit'), result('test/unit/a.test.ts', 1_000))
      reporter.onRunComplete()
      expect(stderr).toHaveBeenCalledWith(expect.stringContaining('Slowest test files (1 of 1):'))
      expect(stdout).not.toHaveBeenCalled()
    } finally {
      stderr.mockRestore()
      stdout.mockRestore()
    }
  })
})
