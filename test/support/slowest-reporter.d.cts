/** Types for slowest-reporter.cjs (a jest reporter, loaded by jest as plain CommonJS). */
interface Timing {
  file: string
  project: string
  seconds: number
}

interface ReporterTest {
  path?: string
  context?: { config?: { displayName?: string | { name: string } } }
}

interface ReporterResult {
  testFilePath?: string
  displayName?: string | { name: string }
  perfStats?: { start?: number; end?: number; runtime?: number }
}

declare class SlowestReporter {
  constructor(globalConfig?: { rootDir?: string }, options?: { count?: number; write?: (text: string) => void })
  onTestResult(test: ReporterTest | undefined, result: ReporterResult): void
  onRunComplete(): void
}

declare namespace SlowestReporter {
  function formatSlowest(timings: Timing[], options?: { count?: number; rootDir?: string }): string[]
}

export = SlowestReporter
