/**
 * One bulk action of a desk table: the page's own single-row action run for each ticked row, one after another (so
 * the server sees what one operator clicking through would send, and a refusal stops nothing else), with the count
 * so far while it runs, then what happened: how many were done, and each failure with its row and the server's
 * words. The list reloads after; the rows that failed stay ticked, to be tried again.
 */
import { useState } from 'react'
import { DialogPlugin, MessagePlugin, type TableRowData } from 'tdesign-react'
import { DeskError } from '../deskError'
import type { RowSelection } from './useRowSelection'

export interface BulkJob<R> {
  /** The verb, as the buttons and the summary say it: 停用 → "已停用 8 项，2 项失败". */
  action: string
  rows: R[]
  each: (row: R) => Promise<unknown>
}

export interface BulkFailure<R> {
  row: R
  /** The row as the operator knows it: a title, a member's name and number. */
  name: string
  message: string
}

export interface BulkResult<R> {
  action: string
  done: number
  failures: BulkFailure<R>[]
}

/** "已停用 8 项，2 项失败", "已通过 3 项". */
export const bulkSummary = ({ action, done, failures }: Pick<BulkResult<unknown>, 'action' | 'done' | 'failures'>): string =>
  `已${action} ${done} 项${failures.length ? `，${failures.length} 项失败` : ''}`

const messageOf = (e: unknown) => (e instanceof DeskError ? e.message : '操作失败，请重试')

interface Options<R extends TableRowData> {
  nameOf: (row: R) => string
  selection: RowSelection<R>
  reload: () => void
}

export const useBulkAction = <R extends TableRowData>({ nameOf, selection, reload }: Options<R>) => {
  const [progress, setProgress] = useState<{ action: string; done: number; total: number } | null>(null)
  const [result, setResult] = useState<BulkResult<R> | null>(null)

  const run = async ({ action, rows, each }: BulkJob<R>): Promise<BulkResult<R>> => {
    setResult(null)
    const failures: BulkFailure<R>[] = []
    setProgress({ action, done: 0, total: rows.length })
    for (const [i, row] of rows.entries()) {
      try {
        await each(row)
      } catch (e) {
        failures.push({ row, name: nameOf(row), message: messageOf(e) })
      }
      setProgress({ action, done: i + 1, total: rows.length })
    }
    const outcome = { action, done: rows.length - failures.length, failures }
    setProgress(null)
    setResult(outcome)
    void (failures.length ? MessagePlugin.warning(bulkSummary(outcome)) : MessagePlugin.success(bulkSummary(outcome)))
    selection.keep(failures.map((f) => f.row))
    reload()
    return outcome
  }

  /** Asks first, naming how many rows (and what of them, `unit`: "个券模板"), then runs. */
  const confirmThenRun = (job: BulkJob<R> & { unit: string; body?: string; danger?: boolean }) => {
    const ask = DialogPlugin.confirm({
      header: `${job.action}选中的 ${job.rows.length} ${job.unit}？`,
      body: job.body ?? `将逐个${job.action}，完成后列出未成功的项及原因。`,
      confirmBtn: { content: `确认${job.action}`, theme: job.danger ? 'danger' : 'primary' },
      theme: job.danger ? 'warning' : 'default',
      onConfirm: () => {
        ask.destroy()
        void run(job)
      },
      onClose: () => ask.destroy(),
    })
  }

  return { progress, result, running: progress !== null, run, confirmThenRun, dismiss: () => setResult(null) }
}

export type BulkAction<R extends TableRowData> = ReturnType<typeof useBulkAction<R>>
