/**
 * A desk table over a list action (src/api/lists.ts): the filter, the sort and the page size the operator chose,
 * and pages by cursor. A cursor is kept for every page visited, so 上一页 goes back without counting rows (a list
 * past 1,000 rows pages at the cost of its first page). A new filter or sort starts again at page 1.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { ListPage } from '../../../src/api/lists'
import { DeskError } from '../deskError'

export interface ListQuery<F, K extends string> {
  filter: F
  sort: { by: K; order: 'asc' | 'desc' }
  limit: number
}

export type Fetch<F, K extends string, R> = (query: ListQuery<F, K> & { cursor: string | null }) => Promise<ListPage<R>>

/** Drops the filter's empty fields: the server reads an absent field as "any". */
const withoutEmpty = <F>(filter: F): F =>
  Object.fromEntries(Object.entries(filter as object).filter(([, v]) => v !== undefined && v !== null && v !== '')) as F

export const useCursorList = <F, K extends string, R>(fetchPage: Fetch<F, K, R>, initial: ListQuery<F, K>) => {
  const [query, setQuery] = useState(initial)
  // The cursor of every page visited (page 1's is null); a ref, since only loading reads it.
  const cursors = useRef<(string | null)[]>([null])
  const [pageIndex, setPageIndex] = useState(0)
  const [page, setPage] = useState<ListPage<R> | null>(null)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<string | null>(null)
  // Quick changes (typing in the search, paging fast): only the answer to the last request is shown.
  const latest = useRef(0)

  const load = useCallback(
    async (q: ListQuery<F, K>, index: number, cursor: string | null) => {
      const mine = ++latest.current
      setLoading(true)
      try {
        const answer = await fetchPage({ ...q, cursor })
        if (mine !== latest.current) return
        setPage(answer)
        setError(null)
        cursors.current = [...cursors.current.slice(0, index + 1), answer.nextCursor]
      } catch (e) {
        if (mine === latest.current) setError(e instanceof DeskError ? e.message : '加载失败，请重试')
      } finally {
        if (mine === latest.current) setLoading(false)
      }
    },
    [fetchPage],
  )

  useEffect(() => void load(query, pageIndex, cursors.current[pageIndex] ?? null), [load, query, pageIndex])

  const restart = (next: ListQuery<F, K>) => {
    cursors.current = [null]
    setPageIndex(0)
    setQuery(next)
  }

  return {
    query,
    page,
    pageIndex,
    loading,
    error,
    hasNext: Boolean(page?.nextCursor),
    hasPrevious: pageIndex > 0,
    setFilter: (filter: F) => restart({ ...query, filter: withoutEmpty(filter) }),
    setSort: (sort: ListQuery<F, K>['sort']) => restart({ ...query, sort }),
    setLimit: (limit: number) => restart({ ...query, limit }),
    next: () => page?.nextCursor && setPageIndex((i) => i + 1),
    previous: () => setPageIndex((i) => Math.max(0, i - 1)),
    reload: () => void load(query, pageIndex, cursors.current[pageIndex] ?? null),
  }
}
