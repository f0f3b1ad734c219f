/** The `import` function: operators importing a brand's existing members (issue 22 §2). */
import type { RowError } from '../domain/memberImport'
import type { Instant } from '../domain/time'
import type { ImportDryRunInput, ImportRunInput } from './importSchemas'

export type ImportPhase = 'checking' | 'checked' | 'running' | 'done'

/** Where an import job stands: the dry run's report, then the import's progress. Each call answers it. */
export interface ImportJobView {
  jobId: string
  fileName: string
  phase: ImportPhase
  /** Data rows in the file. */
  total: number
  /** Rows that passed the file's own checks (the others are refused with errors). */
  valid: number
  /** Rows of the current phase done so far, of `valid`. */
  done: number
  /** The dry run: rows that would create a member, are already imported as they are, would update one, are refused. */
  dryRun: { new: number; unchanged: number; changed: number; refused: number }
  /** The import so far. */
  written: { created: number; updated: number; unchanged: number; refused: number }
  /** Errors by row and column, the first IMPORT_ERRORS_KEPT of them; errorCount counts them all. */
  errors: RowError[]
  errorCount: number
  /** What to call next with this jobId (the caller loops): the dry run again, the import (started or going on), or nothing. */
  next: 'dryRun' | 'run' | null
  createdAt: Instant
  updatedAt: Instant
}

export interface ImportApi {
  /** Starts checking a file against the rules and the members already there, or checks a slice more. */
  dryRun: { input: ImportDryRunInput; output: ImportJobView }
  /** Writes a slice more of a checked file's valid rows; idempotent, resumable. */
  run: { input: ImportRunInput; output: ImportJobView }
}
