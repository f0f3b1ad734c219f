// A jest reporter that ends a run with the slowest test files: one line each (seconds, project, path), under a
// heading, so a CI log shows where the time goes. It writes to stderr, as jest's default reporter does: stdout
// may carry `--json` output, which must stay valid JSON.
const path = require('node:path')

const DEFAULT_COUNT = 15

/** Seconds a file took: jest's own runtime, else end - start. */
const secondsOf = (result) => {
  const { runtime, start, end } = result.perfStats ?? {}
  const ms = typeof runtime === 'number' && runtime > 0 ? runtime : typeof end === 'number' && typeof start === 'number' ? end - start : 0
  return ms / 1000
}

const projectOf = (test, result) => {
  const name = test?.context?.config?.displayName ?? result.displayName
  return (typeof name === 'string' ? name : name?.name) || '-'
}

/** The report's lines for these timings (each `{ file, project, seconds }`), slowest first. */
const formatSlowest = (timings, { count = DEFAULT_COUNT, rootDir = process.cwd() } = {}) => {
  if (timings.length === 0) return []
  const slowest = [...timings].sort((a, b) => b.seconds - a.seconds || a.file.localeCompare(b.file)).slice(0, count)
  const width = Math.max(...slowest.map((t) => t.project.length))
  return [
    `Slowest test files (${slowest.length} of ${timings.length}):`,
    ...slowest.map((t) => `${t.seconds.toFixed(1).padStart(7)} s  ${t.project.padEnd(width)}  ${path.relative(rootDir, t.file) || t.file}`),
  ]
}

class SlowestReporter {
  constructor(globalConfig, options = {}) {
    this.rootDir = globalConfig?.rootDir ?? process.cwd()
    this.count = options.count ?? DEFAULT_COUNT
    this.write = options.write ?? ((text) => process.stderr.write(text))
    this.timings = []
  }

  onTestResult(test, result) {
    this.timings.push({ file: result.testFilePath ?? test?.path ?? '?', project: projectOf(test, result), seconds: secondsOf(result) })
  }

  onRunComplete() {
    const lines = formatSlowest(this.timings, { count: this.count, rootDir: this.rootDir })
    if (lines.length > 0) this.write(`\n${lines.join('\n')}\n`)
  }
}

module.exports = SlowestReporter
module.exports.formatSlowest = formatSlowest
