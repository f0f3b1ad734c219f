import type { ListPage } from '../../../src/api/lists'

/**
 * A page of rows an action answered whole (a short list: today's customers, the month's campaigns), for a table that
 * pages with `useCursorList`: the cursor is the offset of the page's first row.
 */
export const pageOf = <R>(all: readonly R[], cursor: string | null, limit: number): ListPage<R> => {
  const start = Number(cursor ?? 0) || 0
  const rows = all.slice(start, start + limit)
  return { rows, total: all.length, nextCursor: start + limit < all.length ? String(start + limit) : null }
}
