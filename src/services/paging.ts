/** A list read a page at a time by cursor, newest first: the shopper's points history and the operator's audit. */

/** Where the next page stands: a button, a spinner, a failure to retry, or the end of the list. */
export type MoreState = { status: 'idle' } | { status: 'loading' } | { status: 'failed'; message: string } | { status: 'end' }

/** After a page: more to load while the server gave a cursor. */
export const moreAfter = (nextCursor: string | null): MoreState => (nextCursor ? { status: 'idle' } : { status: 'end' })

/**
 * Adds an older page after the entries shown. The cursor keeps pages from overlapping; an id is still never
 * shown twice (a list keyed by id must not repeat one), whatever the server sends.
 */
export const appendPage = <Entry extends { id: string }>(shown: readonly Entry[], page: readonly Entry[]): Entry[] => {
  const ids = new Set(shown.map((e) => e.id))
  return [...shown, ...page.filter((e) => !ids.has(e.id))]
}
