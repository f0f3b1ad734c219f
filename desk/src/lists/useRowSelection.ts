/**
 * The rows an operator ticked in a desk table, for its bulk actions. Only rows of the page on screen can be ticked,
 * and the ticks are dropped when the page, the filter, the sort or the page size changes: a bulk action then
 * never reaches a row the operator cannot see.
 */
import { useEffect, useState } from 'react'
import type { TableRowData } from 'tdesign-react'
import type { ListPage } from '../../../src/api/lists'

type Key = string | number

interface PagedList<R> {
  page: ListPage<R> | null
  pageIndex: number
  query: unknown
}

export const useRowSelection = <R extends TableRowData>(list: PagedList<R>, rowKey: keyof R & string) => {
  const [keys, setKeys] = useState<Key[]>([])
  useEffect(() => setKeys([]), [list.query, list.pageIndex])
  const shown = list.page?.rows ?? []
  // Ticked rows as the page now shows them (a reload may have changed them, or taken some away).
  const rows = shown.filter((r) => keys.includes(r[rowKey] as Key))
  return {
    keys: rows.map((r) => r[rowKey] as Key),
    rows,
    set: setKeys,
    clear: () => setKeys([]),
    /** Ticks these rows only (after a bulk action: the ones that failed, to try again). */
    keep: (kept: R[]) => setKeys(kept.map((r) => r[rowKey] as Key)),
  }
}

export type RowSelection<R extends TableRowData> = ReturnType<typeof useRowSelection<R>>
