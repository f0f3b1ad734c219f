import { useState } from 'react'
import type { ExportResult } from '../../api/contract'
import { LedgerExportSchema } from '../../api/exportSchemas'
import { check } from '../../api/fields'
import { monthSoFar } from '../../domain/exports'
import { callCloud, messageOf } from '../../services/cloud'

export type ExportKind = 'members' | 'ledger'

export interface Finished {
  kind: ExportKind
  /** The ledger's business days, both included. */
  range: { from: string; to: string } | null
  result: ExportResult
}

const thisMonth = () => monthSoFar(new Date().toISOString())

/**
 * The operator's exports: one at a time (each reads a whole collection), the ledger's range checked with the
 * server's own schema before asking, and the last file's link kept on screen.
 */
export const useExport = () => {
  const [range, setRange] = useState(thisMonth)
  const [rangeError, setRangeError] = useState<string | null>(null)
  const [busy, setBusy] = useState<ExportKind | null>(null)
  const [error, setError] = useState<{ kind: ExportKind; message: string } | null>(null)
  const [finished, setFinished] = useState<Finished | null>(null)

  const run = async (kind: ExportKind, send: () => Promise<ExportResult>, exportedRange: Finished['range']) => {
    if (busy) return
    setBusy(kind)
    setError(null)
    setFinished(null)
    try {
      setFinished({ kind, range: exportedRange, result: await send() })
    } catch (e) {
      setError({ kind, message: messageOf(e) })
    } finally {
      setBusy(null)
    }
  }

  return {
    range,
    rangeError,
    busy,
    error,
    finished,
    changeRange: (patch: Partial<typeof range>) => {
      setRange((r) => ({ ...r, ...patch }))
      setRangeError(null)
    },
    exportMembers: () => run('members', () => callCloud('export', 'members', {}), null),
    exportLedger: () => {
      const parsed = check(LedgerExportSchema, range)
      if (!parsed.ok) {
        setRangeError(parsed.fields[0].message)
        return Promise.resolve()
      }
      const asked = { ...range }
      return run('ledger', () => callCloud('export', 'ledger', asked), asked)
    },
  }
}
