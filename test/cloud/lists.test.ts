/**
 * cloudfunctions/_lib/lists.ts, the keyset pager behind every list of the operators' desk, on the real wx-server-sdk
 * answered by the local cloud's executor with the product's collections: pages in order by one field then `_id`,
 * ties included, ascending and descending, rows added meanwhile shifting nothing, and a bad cursor refused.
 */
import { join } from 'node:path'
import { AppError } from '../../src/domain/errors'
import { inProcessDb } from '../localcloud/support'

type Handle = ReturnType<typeof inProcessDb>
type DataModule = typeof import('../../cloudfunctions/_lib/data')
type ListsModule = typeof import('../../cloudfunctions/_lib/lists')
type CloudModule = typeof import('../../cloudfunctions/_lib/cloud')

let h: Handle
let data: DataModule['data']
let lists: ListsModule
let _: CloudModule['_']

/** Rows with few distinct values, so most share their sort value with others; `missing` rows have none. */
interface Row {
  _id: string
  storeId: string
  amountFen?: number | null
  recordedBy: string
}
const ROWS: Row[] = Array.from({ length: 47 }, (_v, i) => ({
  _id: `m${String((i * 37) % 101).padStart(3, '0')}`,
  storeId: i % 3 === 0 ? 'S1' : 'S2',
  amountFen: i % 5,
  recordedBy: ['A01', 'A02', 'M01'][i % 3],
}))

beforeAll(() => {
  h = inProcessDb({ collectionsDir: join(__dirname, '../../database/collections') })
  // Loaded after the seam is in place, from the same module registry (the seamed SDK): cloud.ts initializes it.
  ;({ data } = require('../../cloudfunctions/_lib/data') as DataModule)
  lists = require('../../cloudfunctions/_lib/lists') as ListsModule
  ;({ _ } = require('../../cloudfunctions/_lib/cloud') as CloudModule)
  h.executor.insert('purchases', ROWS)
})
afterAll(() => h.close())

type Value = string | number | null | undefined
const compare = (a: Value, b: Value): number => {
  // Missing and null sort first ascending, as CloudBase orders them.
  const rank = (v: Value) => (v === null || v === undefined ? 0 : 1)
  if (rank(a) !== rank(b)) return rank(a) - rank(b)
  if (a === b || rank(a) === 0) return 0
  return (a as string | number) < (b as string | number) ? -1 : 1
}
const expected = (rows: Row[], field: keyof Row, order: 'asc' | 'desc') => {
  const ids = [...rows].sort((a, b) => compare(a[field], b[field]) || compare(a._id, b._id)).map((r) => r._id)
  return order === 'asc' ? ids : ids.reverse()
}

/** Every page to the end, as the desk pages (and an export does). */
type PurchaseQuery = Omit<import('../../cloudfunctions/_lib/lists').ListQuery<import('../../src/domain/purchase').PurchaseRecord>, 'cursor'>
const pageAll = async (query: PurchaseQuery) => {
  const seen: string[] = []
  const totals = new Set<number>()
  let cursor: string | null = null
  for (let pages = 0; pages < 100; pages++) {
    const page: Awaited<ReturnType<ListsModule['listPage']>> = await lists.listPage(data.purchases, { ...query, cursor })
    seen.push(...page.rows.map((r) => r._id))
    totals.add(page.total)
    expect(page.rows.length).toBeLessThanOrEqual(query.limit ?? 20)
    if (page.nextCursor === null) return { seen, totals: [...totals] }
    cursor = page.nextCursor
  }
  throw new Error('the pager never reached the end')
}

describe('keyset paging', () => {
  it.each(['asc', 'desc'] as const)('pages %s by a value most rows share, ties by _id, each row once', async (order) => {
    const { seen, totals } = await pageAll({ where: {}, sortBy: 'amountFen', order, limit: 4 })
    expect(seen).toEqual(expected(ROWS, 'amountFen', order))
    expect(totals).toEqual([ROWS.length])
  })

  it.each(['asc', 'desc'] as const)('pages %s under a filter, and counts only what it matches', async (order) => {
    const inS1 = ROWS.filter((r) => r.storeId === 'S1')
    const { seen, totals } = await pageAll({ where: { storeId: 'S1' }, sortBy: 'recordedBy', order, limit: 3 })
    expect(seen).toEqual(expected(inS1, 'recordedBy', order))
    expect(totals).toEqual([inS1.length])
  })

  it('answers one page and no cursor when everything fits, and the last page without a cursor', async () => {
    const all = await lists.listPage(data.purchases, { where: {}, sortBy: 'amountFen', order: 'asc', limit: 100 })
    expect(all.rows).toHaveLength(ROWS.length)
    expect(all.nextCursor).toBeNull()
    const exact = await lists.listPage(data.purchases, { where: { storeId: 'S1' }, sortBy: 'amountFen', order: 'asc', limit: 16 })
    expect(exact.rows).toHaveLength(16)
    expect(exact.nextCursor).toBeNull()
  })

  it('is not shifted by rows added before the cursor while paging', async () => {
    const first = await lists.listPage(data.purchases, { where: { storeId: 'S2' }, sortBy: 'amountFen', order: 'asc', limit: 5 })
    // A row that sorts before everything on the first page arrives between the two calls.
    h.executor.insert('purchases', [{ _id: 'a000', storeId: 'S2', amountFen: 0, recordedBy: 'A0赵' }])
    try {
      const second = await lists.listPage(data.purchases, {
        where: { storeId: 'S2' },
        sortBy: 'amountFen',
        order: 'asc',
        cursor: first.nextCursor,
        limit: 5,
      })
      const inS2 = expected(
        ROWS.filter((r) => r.storeId === 'S2'),
        'amountFen',
        'asc',
      )
      expect([...first.rows, ...second.rows].map((r) => r._id)).toEqual(inS2.slice(0, 10))
      expect(second.total).toBe(inS2.length + 1)
    } finally {
      h.executor.remove('purchases', { _id: 'a000' })
    }
  })
})

describe('rows without a value at the sort field', () => {
  const EXTRA: Row[] = [
    { _id: 'n001', storeId: 'S3', amountFen: null, recordedBy: 'A0钱' },
    { _id: 'n002', storeId: 'S3', recordedBy: 'A0孙' },
    { _id: 'n003', storeId: 'S3', amountFen: 3, recordedBy: 'A0周' },
    { _id: 'n004', storeId: 'S3', recordedBy: 'A0吴' },
    { _id: 'n005', storeId: 'S3', amountFen: 1, recordedBy: 'A0郑' },
  ]
  beforeAll(() => h.executor.insert('purchases', EXTRA))

  it.each(['asc', 'desc'] as const)('pages %s across them: null and missing together, first ascending', async (order) => {
    const { seen } = await pageAll({ where: { storeId: 'S3' }, sortBy: 'amountFen', order, limit: 2 })
    expect(seen).toEqual(expected(EXTRA, 'amountFen', order))
  })
})

describe('a bad cursor', () => {
  const refusal = async (cursor: string) => {
    try {
      await lists.listPage(data.purchases, { where: {}, sortBy: 'amountFen', order: 'asc', cursor, limit: 5 })
    } catch (e) {
      return e
    }
    return null
  }

  it.each([
    ['not base64 JSON', '%%%'],
    ['JSON of another shape', Buffer.from(JSON.stringify({ value: 1, id: 'm001' })).toString('base64url')],
    ['an object for the value', Buffer.from(JSON.stringify([{ $gt: '' }, 'm001'])).toString('base64url')],
    ['a number for the id', Buffer.from(JSON.stringify([1, 7])).toString('base64url')],
    ['four parts', Buffer.from(JSON.stringify([1, 'm001', 'x', 'y'])).toString('base64url')],
    ['no list tag', Buffer.from(JSON.stringify([1, 'm001'])).toString('base64url')],
  ])('is refused as INVALID_INPUT: %s', async (_what, cursor) => {
    const e = await refusal(cursor)
    expect(e).toBeInstanceOf(AppError)
    expect(e).toMatchObject({
      code: 'INVALID_INPUT',
      details: { fields: [{ field: 'cursor', message: expect.stringContaining('翻页位置无效') }] },
    })
  })

  it('round-trips a good one', () => {
    const cursor = lists.encodeListCursor({ value: '2026-11-23T02:00:00.000Z', id: 'o-1', list: 'tag' })
    expect(lists.decodeListCursor(cursor)).toEqual({ value: '2026-11-23T02:00:00.000Z', id: 'o-1', list: 'tag' })
  })

  it('is refused when it was made for another list: another filter, its values, another sort or order', async () => {
    const query = { where: { storeId: 'S2', amountFen: _.gte(1) }, sortBy: 'amountFen', order: 'asc', limit: 3 } as const
    const { nextCursor } = await lists.listPage(data.purchases, query)
    expect(nextCursor).not.toBeNull()
    // The same list takes it.
    expect((await lists.listPage(data.purchases, { ...query, cursor: nextCursor })).rows).toHaveLength(3)
    for (const other of [
      { ...query, where: { storeId: 'S1', amountFen: _.gte(1) } },
      { ...query, where: { storeId: 'S2', amountFen: _.gte(2) } },
      { ...query, where: { storeId: 'S2' } },
      { ...query, sortBy: 'recordedBy' },
      { ...query, order: 'desc' },
    ] as const) {
      await expect(lists.listPage(data.purchases, { ...other, cursor: nextCursor })).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        details: { fields: [{ field: 'cursor', message: '翻页位置无效，请从第一页重新查看' }] },
      })
    }
  })
})
