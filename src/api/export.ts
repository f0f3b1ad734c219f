/** The `export` function: the operators' CSV exports. */
import type { Instant } from '../domain/time'
import type { LedgerExportInput } from './exportSchemas'

/** A CSV file an operator exported to cloud storage, with a temporary link to it. */
export interface ExportResult {
  fileID: string
  /** The temporary download link (CloudBase's getTempFileURL; on the local cloud a signed link on its gateway). */
  url: string
  /** Data rows, the header not counted. */
  rows: number
  /** When the link stops working (the file stays in storage). */
  expiresAt: Instant
  /** Whether the file holds full phone numbers (the operator's exportPII permission); else they are masked. */
  pii: boolean
}

/** Operators' CSV exports, in a function of their own so that the heavy reads never slow `ops`. */
export interface ExportApi {
  /** Every member; phones masked unless the operator may export personal data. */
  members: { input: Record<string, never>; output: ExportResult }
  /** Every ledger entry of a range of business days (at most 366). */
  ledger: { input: LedgerExportInput; output: ExportResult }
}
