/**
 * Keyset paging for the operators' lists (src/api/lists.ts): rows ordered by one field and then `_id`, the cursor
 * the last row's sort value and id, so page 500 costs what page 1 costs (an offset would make CloudBase read every
 * skipped document, and a row added meanwhile would shift the pages).
 */
import { createHash } from 'node:crypto'
import { DEFAULT_PAGE_ROWS, type ListPage } from '../../src/api/lists'
import { invalidInput } from '../../src/domain/errors'
import { _ } from './cloud'
import type { Collection, FieldPath, Filter } from './data'

type SortValue = string | number | boolean | null

interface CursorKey {
  value: SortValue
  id: string
  /** Which list the cursor pages (listTag): a cursor handed to another filter or sort is refused, not misread. */
  list: string
}

const BAD_CURSOR = '翻页位置无效，请从第一页重新查看'

/** The cursor: base64url JSON of the last row's sort value and id, and its list's tag (opaque to the desk, checked when read). */
export const encodeListCursor = (key: CursorKey): string => Buffer.from(JSON.stringify([key.value, key.id, key.list])).toString('base64url')

export const decodeListCursor = (cursor: string): CursorKey => {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (Array.isArray(parsed) && parsed.length === 3 && typeof parsed[1] === 'string' && typeof parsed[2] === 'string') {
      const [value, id, list] = parsed as [unknown, string, string]
      if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return { value: value as SortValue, id, list }
    }
  } catch {
    // falls through to the refusal
  }
  throw invalidInput([{ field: 'cursor', message: BAD_CURSOR }])
}

/**
 * A short digest of what a list is: collection, filter (its query commands as the SDK holds them), sort field and
 * order. The desk that changes a filter and sends the old cursor would otherwise get a page of the new list that
 * starts at a row of the old one.
 */
export const listTag = (collection: string, where: unknown, sortBy: string, order: 'asc' | 'desc'): string =>
  createHash('sha256')
    .update(JSON.stringify([collection, where, sortBy, order]))
    .digest('base64url')
    .slice(0, 12)

const valueAt = (doc: object, path: string): SortValue => {
  let at: unknown = doc
  for (const part of path.split('.')) at = at && typeof at === 'object' ? (at as Record<string, unknown>)[part] : undefined
  return at === undefined ? null : (at as SortValue)
}

/**
 * The rows after the cursor's row in (sortBy, _id) order. Null and missing values sort first ascending (as CloudBase
 * orders them) and compare with no other value (`_.gt(null)` matches nothing, nor does `_.lt(1)` match null), so
 * rows without a value are reached explicitly: after them ascending come all valued rows, after the valued rows
 * descending come they.
 */
const beyondCursor = (field: string, order: 'asc' | 'desc', after: CursorKey): object => {
  const beyond = (v: SortValue) => (order === 'asc' ? _.gt(v) : _.lt(v))
  const tie = { [field]: after.value, _id: beyond(after.id) }
  if (after.value === null) return order === 'asc' ? _.or([tie, { [field]: _.neq(null) }]) : tie
  const further = { [field]: beyond(after.value) }
  return order === 'asc' ? _.or([further, tie]) : _.or([further, tie, { [field]: null }])
}

export interface ListQuery<D> {
  /** The filter's conditions, already built from the list's filter input (`{}` = every row). */
  where: Filter<D>
  sortBy: FieldPath<D>
  order: 'asc' | 'desc'
  cursor?: string | null
  limit?: number
  /**
   * What the list is, for the cursor's tag (default `where`): the filter input, when `where` holds the clock (a
   * tier "as of now"), so the next page, asked a moment later, is still the same list.
   */
  listKey?: unknown
}

/**
 * One page of `collection` under `where`, ordered by `sortBy` then `_id` (rows without a value at `sortBy` first
 * ascending, last descending). The sort field holds one type of value across the rows (strings, or numbers).
 */
export const listPage = async <D extends { _id: string }>(collection: Collection<D>, query: ListQuery<D>): Promise<ListPage<D>> => {
  const limit = query.limit ?? DEFAULT_PAGE_ROWS
  const list = listTag(collection.name, query.listKey ?? query.where, query.sortBy, query.order)
  const after = query.cursor ? decodeListCursor(query.cursor) : null
  if (after && after.list !== list) throw invalidInput([{ field: 'cursor', message: BAD_CURSOR }])
  const filter = after ? _.and([query.where as object, beyondCursor(query.sortBy, query.order, after)]) : query.where
  const [found, total] = await Promise.all([
    collection
      .where(filter)
      .orderBy(query.sortBy, query.order)
      .orderBy('_id', query.order)
      .limit(limit + 1)
      .get(),
    collection.where(query.where).count(),
  ])
  const rows = found.slice(0, limit)
  const last = rows[rows.length - 1]
  return {
    rows,
    nextCursor: found.length > limit ? encodeListCursor({ value: valueAt(last, query.sortBy), id: last._id, list }) : null,
    total,
  }
}
