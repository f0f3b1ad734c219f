/**
 * Top-N by an indexed number (`where({ f: _.gt(0) }).orderBy(f, 'desc').limit(n)`, the staff's 忠实户/主力户/大户):
 * the number range and the order go down to SQLite, so the query fetches n rows whatever the collection's
 * size — and answers what MongoDB would: numbers only (integers and reals by value), ties in `_id` order.
 */
import type { OpCounts } from '../../localcloud/executor/executor'
import { inProcessDb } from './support'

let h: ReturnType<typeof inProcessDb>
const RANKED = { name: 'ranked', indexes: [{ name: 'visits', keys: [{ field: 'visits', direction: -1 as const }] }] }

/** visits: integers with many ties, some reals, and strings, nulls, booleans and missing values that never match. */
const visitsOf = (i: number): unknown => [i % 37, (i % 11) + 0.5, String(i), null, undefined, i % 5 === 0, -i][i % 7]
const docs = Array.from({ length: 700 }, (_, k) => {
  const i = (k * 7919) % 700
  const visits = visitsOf(i)
  return { _id: `r${String(i).padStart(3, '0')}`, store: i % 2 ? 'A' : 'B', ...(visits === undefined ? {} : { visits }) }
})
const numeric = (d: (typeof docs)[number]): d is (typeof docs)[number] & { visits: number } =>
  typeof (d as { visits?: unknown }).visits === 'number'

beforeAll(() => {
  h = inProcessDb({ collections: [RANKED] })
  h.executor.insert('ranked', docs)
})
afterAll(() => h.close())

const counted = async <T>(id: string, work: () => Promise<T>): Promise<{ value: T; ops: OpCounts }> => {
  h.executor.beginInvocation(id)
  h.state.invocationId = id
  try {
    const value = await work()
    return { value, ops: h.executor.endInvocation(id) }
  } finally {
    h.state.invocationId = undefined
  }
}

const expected = (keep: (d: { visits: number; store: string }) => boolean, dir: 1 | -1, n: number) =>
  docs
    .filter(numeric)
    .filter(keep)
    .sort((a, b) => (a.visits === b.visits ? (a._id < b._id ? -1 : 1) : dir * (a.visits - b.visits)))
    .slice(0, n)
    .map((d) => d._id)

describe('a top-N by an indexed number', () => {
  it('answers the n highest numbers, ties by _id, fetching only n rows', async () => {
    const { value, ops } = await counted('top-desc', () =>
      h.db
        .collection('ranked')
        .where({ visits: h._.gt(0) })
        .orderBy('visits', 'desc')
        .limit(20)
        .get(),
    )
    expect((value as { data: { _id: string }[] }).data.map((d) => d._id)).toEqual(expected((d) => d.visits > 0, -1, 20))
    expect(ops.rowsScanned).toBe(20)
  })

  it('orders ascending within a two-sided range, and keeps residual conditions', async () => {
    const { value } = await counted('top-asc', () =>
      h.db
        .collection('ranked')
        .where({ visits: h._.gte(3).and(h._.lt(9.5)), store: 'A' })
        .orderBy('visits', 'asc')
        .limit(50)
        .get(),
    )
    expect((value as { data: { _id: string }[] }).data.map((d) => d._id)).toEqual(
      expected((d) => d.visits >= 3 && d.visits < 9.5 && d.store === 'A', 1, 50),
    )
  })

  it('counts and lists unordered matches of a number range like MongoDB (strings, nulls and booleans never match)', async () => {
    const all = docs.filter(numeric).filter((d) => d.visits > 10)
    expect(h.executor.count('ranked', { visits: { $gt: 10 } })).toBe(all.length)
    const { value } = await counted('unordered', () =>
      h.db
        .collection('ranked')
        .where({ visits: h._.gt(10) })
        .limit(1000)
        .get(),
    )
    expect((value as { data: { _id: string }[] }).data.map((d) => d._id).sort()).toEqual(all.map((d) => d._id).sort())
  })
})

describe('a page of a string range in that field’s order', () => {
  it('reads about a page of rows (ISO instants by time), numbers and nulls never matching', async () => {
    const h2 = inProcessDb({
      collections: [{ name: 'entries', indexes: [{ name: 'at', keys: [{ field: 'at', direction: 1 as const }] }] }],
    })
    try {
      const at = (i: number) => new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString()
      const rows = Array.from({ length: 500 }, (_, k) => {
        const i = (k * 7919) % 500
        return { _id: `e${String(i).padStart(3, '0')}`, at: i % 10 === 9 ? i : i % 10 === 8 ? null : at(i) }
      })
      h2.executor.insert('entries', rows)
      h2.executor.beginInvocation('page')
      h2.state.invocationId = 'page'
      const page = await h2.db
        .collection('entries')
        .where({ at: h2._.gte(at(100)).and(h2._.lt(at(400))) })
        .orderBy('at', 'asc')
        .limit(25)
        .get()
      const ops = h2.executor.endInvocation('page')
      h2.state.invocationId = undefined
      const expected = rows
        .filter((r) => typeof r.at === 'string' && r.at >= at(100) && r.at < at(400))
        .sort((a, b) => ((a.at as string) < (b.at as string) ? -1 : 1))
        .slice(0, 25)
        .map((r) => r._id)
      expect((page as { data: { _id: string }[] }).data.map((d) => d._id)).toEqual(expected)
      expect(ops.rowsScanned).toBe(25)
    } finally {
      h2.close()
    }
  })
})
