/**
 * The one shape of every operators' list (the desk's tables): a filter, a sort, a page size and an opaque cursor
 * in; a page of rows, the next cursor and the count of all rows that match out. The desk pages past 1,000 rows by
 * cursor (never by offset: CloudBase reads every skipped document), and exports exactly the filtered rows by
 * paging the same call to its end.
 */
import * as v from 'valibot'

/** Rows per page: the desk asks 20–100; an export pages with the largest. */
export const MAX_PAGE_ROWS = 100
export const DEFAULT_PAGE_ROWS = 20

export interface ListPage<R> {
  rows: R[]
  /** Null when this page is the last. */
  nextCursor: string | null
  /** How many rows match the filter in all (a count query), for the table's pager. */
  total: number
}

/** A list input: `filter` is the list's own object schema, `sortKeys` the columns it may sort by. */
export const listInput = <F extends v.GenericSchema, K extends string>(filter: F, sortKeys: readonly [K, ...K[]]) =>
  v.object({
    filter: v.optional(filter),
    sort: v.optional(v.object({ by: v.picklist(sortKeys, '无法按该列排序'), order: v.picklist(['asc', 'desc'], '排序方向无效') })),
    cursor: v.optional(v.nullable(v.pipe(v.string('翻页位置无效'), v.maxLength(400, '翻页位置无效')))),
    limit: v.optional(
      v.pipe(
        v.number('每页条数无效'),
        v.integer('每页条数无效'),
        v.minValue(1, '每页条数无效'),
        v.maxValue(MAX_PAGE_ROWS, `每页最多 ${MAX_PAGE_ROWS} 条`),
      ),
    ),
  })
