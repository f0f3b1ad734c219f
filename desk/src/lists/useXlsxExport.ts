/**
 * An export as the operator sees it: a progress line while the pages are read, then a toast saying how many rows
 * went into the file, or why none did (too many rows, a refused call, the network).
 */
import { useState } from 'react'
import { MessagePlugin } from 'tdesign-react'
import type { ListPage } from '../../../src/api/lists'
import { exportXlsx } from './exportXlsx'

type ExportOptions<R> = Parameters<typeof exportXlsx<R>>[0]

/** Runs an export and says how it went; `said` words the count ("已导出 12 位会员"). */
export const exportAndSay = async <R>(options: ExportOptions<R>, said: (count: number) => string): Promise<void> => {
  try {
    void MessagePlugin.success(said(await exportXlsx(options)))
  } catch (e) {
    void MessagePlugin.error(e instanceof Error ? e.message : '导出失败')
  }
}

/** Rows already on screen, as the one page an export reads. */
export const shownRows =
  <R>(rows: R[]) =>
  (): Promise<ListPage<R>> =>
    Promise.resolve({ rows, total: rows.length, nextCursor: null })

/** `progress` is null when no export runs, else what to show on the button ("正在导出 200/1,234"). */
export const useXlsxExport = () => {
  const [progress, setProgress] = useState<string | null>(null)
  const run = async <R>(options: Omit<ExportOptions<R>, 'onProgress'>, said: (count: number) => string) => {
    setProgress('正在导出…')
    try {
      await exportAndSay({ ...options, onProgress: (done, total) => setProgress(`正在导出 ${done}/${total}`) }, said)
    } finally {
      setProgress(null)
    }
  }
  return { progress, run }
}
