/**
 * Chunked walks, the shape of every timer job: `where({ f: v, _id: _.gt(cursor) }).orderBy('_id').limit(n)`.
 * The executor pushes the indexed equality, the `_id` range and the `_id` order down to one SQLite index range
 * scan and stops at a full page, so each chunk fetches about a page of rows whatever the collection's size —
 * and answers exactly what mingo would (numbers never match a string bound, residual conditions still apply).
 */
import type { OpCounts } from '../../localcloud/executor/executor'
import { inProcessDb } from './support'

let h: ReturnType<typeof inProcessDb>

const WALKERS = {
  name: 'walkers',
  indexes: [
    { name: 'birthday_month', keys: [{ field: 'birthday.month', direction: 1 as const }] },
    { name: 'expires', keys: [{ field: 'expires', direction: 1 as const }] },
  ],
}
const N = 600
/**
 * ids w000..w599 inserted in a scrambled order; month = i % 12 + 1; every fifth one is `vip`; `expires` is an
 * ISO instant, null, missing, a number or a Date in turn.
 */
const expiresOf = (i: number): unknown =>
  [`2026-0${(i % 9) + 1}-01T00:00:00.000Z`, null, undefined, i, new Date('2026-01-01T00:00:00Z')][i % 5]
const docs = Array.from({ length: N }, (_, k) => {
  const i = (k * 7919) % N
  const expires = expiresOf(i)
  return {
    _id: `w${String(i).padStart(3, '0')}`,
    birthday: { month: (i % 12) + 1, day: 1 },
    vip: i % 5 === 0,
    ...(expires === undefined ? {} : { expires }),
  }
})
const mayIds = docs
  .filter((d) => d.birthday.month === 5)
  .map((d) => d._id)
  .sort()

beforeAll(() => {
  h = inProcessDb({ collections: [WALKERS] })
  h.executor.insert('walkers', docs)
  // Numeric ids in May too: a string bound never matches them (MongoDB compares like types only).
  h.executor.insert('walkers', [
    { _id: 5, birthday: { month: 5, day: 1 } },
    { _id: 70, birthday: { month: 5, day: 1 } },
  ])
})
afterAll(() => h.close())

const walkers = () => h.db.collection('walkers')

/** Runs `work` as one invocation and returns its result and op counts. */
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

const walk = async (where: (cursor: string) => object, chunk: number, direction: 'asc' | 'desc' = 'asc', start = '') => {
  const seen: string[] = []
  const scannedPerChunk: number[] = []
  let cursor = start
  for (let i = 0; ; i++) {
    const { value, ops } = await counted(`walk-${direction}-${i}-${Math.random()}`, () =>
      walkers().where(where(cursor)).orderBy('_id', direction).limit(chunk).get(),
    )
    const page = (value as { data: { _id: string }[] }).data.map((d) => d._id)
    seen.push(...page)
    scannedPerChunk.push(ops.rowsScanned)
    if (page.length < chunk) return { seen, scannedPerChunk }
    cursor = page[page.length - 1]
  }
}

describe('a chunked walk over an indexed equality', () => {
  it('visits each match once, in _id order, fetching one page of rows per chunk', async () => {
    const { seen, scannedPerChunk } = await walk((cursor) => ({ 'birthday.month': 5, _id: h._.gt(cursor) }), 7)
    expect(seen).toEqual(mayIds)
    // 50 matches in chunks of 7: seven full chunks of 7 rows, then the last one (1 row). The first chunk also
    // fetches the two numeric ids (they sort first in storage, and `_id > ''` is left to mingo to reject them).
    expect(scannedPerChunk).toEqual([9, 7, 7, 7, 7, 7, 7, 1])
  })

  it('walks backwards with _.lt and a descending order', async () => {
    const { seen } = await walk((cursor) => ({ 'birthday.month': 5, _id: h._.lt(cursor) }), 9, 'desc', '\uffff')
    expect(seen).toEqual([...mayIds].reverse())
  })

  it('applies residual conditions (an unindexed field) and still stops at a full page', async () => {
    const expected = docs
      .filter((d) => d.birthday.month === 5 && d.vip)
      .map((d) => d._id)
      .sort()
    expect(expected).toHaveLength(10)
    const { seen, scannedPerChunk } = await walk((cursor) => ({ 'birthday.month': 5, vip: true, _id: h._.gt(cursor) }), 4)
    expect(seen).toEqual(expected)
    // Every May member is fetched at most once across the walk (plus the re-read of nothing): no full scans.
    expect(scannedPerChunk.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(mayIds.length + 2)
  })

  it('takes a nested object condition (the SDK sends dotted paths) and a range written as _.and', async () => {
    const { value, ops } = await counted('nested', () =>
      walkers()
        .where({ birthday: { month: 5 }, _id: h._.gt('w100').and(h._.lte('w300')) })
        .orderBy('_id', 'asc')
        .limit(1000)
        .get(),
    )
    const expected = mayIds.filter((id) => id > 'w100' && id <= 'w300')
    expect((value as { data: { _id: string }[] }).data.map((d) => d._id)).toEqual(expected)
    expect(ops.rowsScanned).toBe(expected.length)
  })

  it('walks the whole collection by _id alone, numbers excluded by the string bound', async () => {
    const { seen, scannedPerChunk } = await walk((cursor) => ({ _id: h._.gt(cursor) }), 100)
    expect(seen).toEqual(docs.map((d) => d._id).sort())
    // The first chunk also fetches the two numeric ids (they sort first in storage), then rejects them.
    expect(scannedPerChunk[0]).toBe(102)
    expect(scannedPerChunk.slice(1)).toEqual([100, 100, 100, 100, 100, 0])
  })

  it('uses the declared index for the equality, the range and the order (no full scan, no sort)', () => {
    const plan = h.executor.store.explainScan('walkers', { field: { path: 'birthday.month', values: [5] }, idRange: { gt: 'w1' } }, 1)
    expect(plan).toContain('ix__walkers__birthday_month__id')
    expect(plan).not.toMatch(/TEMP B-TREE|SCAN/)
  })
})

describe('a chunked walk over an indexed string range', () => {
  it('finds exactly the strings in range (never null, missing, numbers or Dates), fetching only them', async () => {
    const expected = docs
      .filter((d) => typeof d.expires === 'string' && d.expires <= '2026-05-01T00:00:00.000Z')
      .map((d) => d._id)
      .sort()
    expect(expected.length).toBeGreaterThan(40)
    const { seen, scannedPerChunk } = await walk((cursor) => ({ expires: h._.lte('2026-05-01T00:00:00.000Z'), _id: h._.gt(cursor) }), 25)
    expect(seen).toEqual(expected)
    expect(scannedPerChunk.reduce((a, b) => a + b, 0)).toBe(expected.length)
    const plan = h.executor.store.explainScan('walkers', { field: { path: 'expires', range: { lte: '2026-05' } }, idRange: { gt: '' } }, 1)
    expect(plan).toContain('ix__walkers__expires__id')
  })

  it('answers a range with mixed operators as mingo does', async () => {
    const { data } = await walkers()
      .where({ expires: h._.gt('2026-03').and(h._.neq('2026-07-01T00:00:00.000Z')) })
      .limit(1000)
      .get()
    const expected = docs
      .filter((d) => typeof d.expires === 'string' && d.expires > '2026-03' && d.expires !== '2026-07-01T00:00:00.000Z')
      .map((d) => d._id)
    expect((data as { _id: string }[]).map((d) => d._id).sort()).toEqual(expected.sort())
  })
})

describe('other queries stop early or count without decoding', () => {
  it('an unordered limit fetches only the page', async () => {
    const { value, ops } = await counted('unordered', () => walkers().where({ 'birthday.month': 5 }).limit(3).get())
    expect((value as { data: unknown[] }).data).toHaveLength(3)
    expect(ops.rowsScanned).toBe(3)
  })

  it('an order on another field still sorts every match (correct first)', async () => {
    const { value } = await counted('ordered', () =>
      walkers().where({ 'birthday.month': 5 }).orderBy('vip', 'desc').orderBy('_id', 'asc').limit(3).get(),
    )
    expect((value as { data: { _id: string }[] }).data.map((d) => d._id)).toEqual(
      mayIds.filter((id) => Number(id.slice(1)) % 5 === 0).slice(0, 3),
    )
  })

  it('counts matches, numbers included', async () => {
    expect((await walkers().where({ 'birthday.month': 5 }).count()).total).toBe(mayIds.length + 2)
    expect(
      (
        await walkers()
          .where({ 'birthday.month': 5, _id: h._.gt('') })
          .count()
      ).total,
    ).toBe(mayIds.length)
  })
})

describe('bulkInsert (seeding large data sets)', () => {
  const member = (i: number, over: object = {}) => ({
    _id: `b${i}`,
    memberNo: `B${i}`,
    mobile: `m${i}`,
    storeId: 's1',
    tier: 'member',
    ...over,
  })

  it('loads batches from a generator, all indexes rebuilt and used', async () => {
    const batches = function* () {
      for (let b = 0; b < 5; b++) yield Array.from({ length: 200 }, (_, k) => member(b * 200 + k))
    }
    const seqBefore = h.executor.stats().seq
    expect(h.executor.bulkInsert('members', batches())).toBe(1000)
    expect(h.executor.stats().seq).toBe(seqBefore + 1)
    expect(h.executor.count('members', { storeId: 's1' })).toBe(1000)
    expect((await h.db.collection('members').where({ memberNo: 'B777' }).get()).data).toEqual([member(777)])
    expect(h.executor.store.explainScan('members', { field: { path: 'memberNo', values: ['B777'] } })).toContain(
      'ix__members__memberNo_unique',
    )
  })

  it('fails whole on a duplicate _id or unique key, applying nothing', () => {
    const before = h.executor.count('members')
    expect(() =>
      h.executor.bulkInsert('members', [
        [member(5000), member(5001)],
        [member(5002), member(5001)],
      ]),
    ).toThrow('E11000 duplicate key error collection: members index: _id_ dup key: { _id: "b5001" }')
    expect(() => h.executor.bulkInsert('members', [[member(6000), member(6001, { memberNo: 'B5' })]])).toThrow(
      /E11000 duplicate key error collection: members index: memberNo_unique/,
    )
    expect(h.executor.count('members')).toBe(before)
    expect(h.executor.get('members', 'b6000')).toBeNull()
    // The unique index is back and still enforced.
    expect(() => h.executor.insert('members', member(7000, { memberNo: 'B5' }))).toThrow(/memberNo_unique/)
  })

  it('is refused while a transaction is open', async () => {
    const started = h.executor.handle('database.startTransaction', {}) as { transactionId: string }
    expect(() => h.executor.bulkInsert('members', [[member(8000)]])).toThrow(/transaction\(s\) are open/)
    h.executor.handle('database.abortTransaction', { transactionId: started.transactionId })
  })
})
