/**
 * Exports exactly the rows a table's filter and sort select, as an .xlsx file: every page of the same list action
 * at the largest page size, then one sheet. The writer (write-excel-file) is loaded only when an export starts.
 */
import type { ListPage } from '../../../src/api/lists'
import { MAX_PAGE_ROWS } from '../../../src/api/lists'

export interface ExportColumn<R> {
  header: string
  width?: number
  value: (row: R) => string | number | null
}

/** Beyond this many rows an export in the browser is too slow to wait for: the operator narrows the filter. */
export const MAX_EXPORT_ROWS = 20_000

export const exportXlsx = async <R>(options: {
  fileName: string
  columns: ExportColumn<R>[]
  fetchPage: (cursor: string | null, limit: number) => Promise<ListPage<R>>
  onProgress?: (done: number, total: number) => void
}): Promise<number> => {
  const rows: R[] = []
  let cursor: string | null = null
  do {
    const page: ListPage<R> = await options.fetchPage(cursor, MAX_PAGE_ROWS)
    if (page.total > MAX_EXPORT_ROWS) throw new Error(`共 ${page.total} 条，超过单次导出上限 ${MAX_EXPORT_ROWS} 条，请缩小筛选范围`)
    rows.push(...page.rows)
    options.onProgress?.(rows.length, page.total)
    cursor = page.nextCursor
  } while (cursor)
  const { default: writeXlsxFile } = await import('write-excel-file/browser')
  await writeXlsxFile(rows, {
    columns: options.columns.map((c) => ({
      header: c.header,
      width: c.width ?? 14,
      cell: (row: R) => ({ value: c.value(row) }),
    })),
    stickyRowsCount: 1,
  } as Parameters<typeof writeXlsxFile<R>>[1]).toFile(options.fileName)
  return rows.length
}
