/**
 * Queries through the real wx-server-sdk against the executor: every filter operator the SDK emits, ordering,
 * paging, projection, counting, the 1,000-document cap, dates and db.serverDate(), and loud failures.
 */
import { rmSync } from 'node:fs'
import { Executor } from '../../localcloud/executor/executor'
import { FIXTURE_COLLECTIONS, failure, inProcessDb, tempDir } from './support'

let h: ReturnType<typeof inProcessDb>
const PEOPLE = [
  {
    _id: 'p1',
    name: 'Ann',
    age: 30,
    tags: ['vip', 'gold'],
    address: { city: 'Shanghai', zip: '200000' },
    scores: [
      { kind: 'a', v: 5 },
      { kind: 'b', v: 9 },
    ],
    joined: new Date('2026-01-01T00:00:00Z'),
    memberNo: 'M1',
    mobile: '13800000001',
  },
  {
    _id: 'p2',
    name: 'bob',
    age: 17,
    tags: ['new'],
    address: { city: 'Beijing' },
    scores: [{ kind: 'a', v: 1 }],
    joined: new Date('2026-06-01T00:00:00Z'),
    nickname: null,
    memberNo: 'M2',
    mobile: '13800000002',
  },
  {
    _id: 'p3',
    name: 'Cat',
    age: 45,
    tags: [],
    address: { city: 'Shanghai' },
    scores: [],
    joined: new Date('2025-03-01T00:00:00Z'),
    vip: true,
    memberNo: 'M3',
    mobile: '13800000003',
  },
  {
    _id: 'p4',
    name: 'Dan',
    age: 30,
    tags: ['vip'],
    address: { city: 'Hangzhou' },
    scores: [{ kind: 'b', v: 7 }],
    joined: new Date('2026-09-01T00:00:00Z'),
    memberNo: 'M4',
    mobile: '13800000004',
  },
]

beforeAll(() => {
  h = inProcessDb()
  h.executor.insert('members', PEOPLE)
})
afterAll(() => h.close())

const members = () => h.db.collection('members')
const ids = async (where: object) => ((await members().where(where).get()).data as { _id: string }[]).map((d) => d._id).sort()

describe('filters: every operator the SDK emits', () => {
  const cases: [string, () => object, string[]][] = [
    ['equality', () => ({ age: 30 }), ['p1', 'p4']],
    ['_.eq', () => ({ age: h._.eq(17) }), ['p2']],
    ['_.neq (also matches a missing field)', () => ({ vip: h._.neq(true) }), ['p1', 'p2', 'p4']],
    ['_.gt / _.gte', () => ({ age: h._.gte(30) }), ['p1', 'p3', 'p4']],
    ['_.lt / _.lte', () => ({ age: h._.lt(30) }), ['p2']],
    ['a range (_.gt().and(_.lt()))', () => ({ age: h._.gt(18).and(h._.lt(45)) }), ['p1', 'p4']],
    ['_.in', () => ({ name: h._.in(['Ann', 'Cat']) }), ['p1', 'p3']],
    ['_.nin', () => ({ name: h._.nin(['Ann', 'Cat']) }), ['p2', 'p4']],
    ['_.exists(true)', () => ({ vip: h._.exists(true) }), ['p3']],
    ['_.exists(false)', () => ({ nickname: h._.exists(false) }), ['p1', 'p3', 'p4']],
    ['null matches null and missing', () => ({ nickname: null }), ['p1', 'p2', 'p3', 'p4']],
    ['_.size', () => ({ tags: h._.size(2) }), ['p1']],
    ['_.all', () => ({ tags: h._.all(['gold', 'vip']) }), ['p1']],
    ['an array field contains a value', () => ({ tags: 'vip' }), ['p1', 'p4']],
    ['_.elemMatch', () => ({ scores: h._.elemMatch({ kind: 'a', v: h._.gte(5) }) }), ['p1']],
    ['a dotted path', () => ({ 'address.city': 'Shanghai' }), ['p1', 'p3']],
    ['a nested object (the SDK sends dotted paths)', () => ({ address: { city: 'Shanghai' } }), ['p1', 'p3']],
    ['_.or across fields', () => h._.or([{ age: 17 }, { vip: true }]), ['p2', 'p3']],
    ['_.or on one field', () => ({ age: h._.eq(17).or(h._.eq(45)) }), ['p2', 'p3']],
    ['_.and', () => h._.and([{ age: 30 }, { tags: 'gold' }]), ['p1']],
    ['_.nor', () => h._.nor([{ age: 30 }, { age: 17 }]), ['p3']],
    ['_.not', () => ({ age: h._.not(h._.gt(20)) }), ['p2']],
    ['_.mod', () => ({ age: h._.mod(15, 0) }), ['p1', 'p3', 'p4']],
    ['db.RegExp with options', () => ({ name: h.db.RegExp({ regexp: '^b', options: 'i' }) }), ['p2']],
    ['a JS regex', () => ({ name: /^[A-C]/ }), ['p1', 'p3']],
    [
      'a date range',
      () => ({ joined: h._.gte(new Date('2026-01-01T00:00:00Z')).and(h._.lt(new Date('2026-07-01T00:00:00Z'))) }),
      ['p1', 'p2'],
    ],
    ['an indexed field (pushed down to SQLite)', () => ({ memberNo: 'M3' }), ['p3']],
    ['an indexed field with _.in', () => ({ memberNo: h._.in(['M1', 'M4', 'nope']) }), ['p1', 'p4']],
    ['_id with _.in', () => ({ _id: h._.in(['p2', 'p3', 'zz']) }), ['p2', 'p3']],
    ['an indexed field and more conditions', () => ({ memberNo: 'M1', age: h._.gt(40) }), []],
  ]
  it.each(cases)('%s', async (_name, where, expected) => {
    expect(await ids(where())).toEqual(expected)
  })
})

describe('ordering, paging, projection, counting', () => {
  it('orders by several fields, then skips and limits', async () => {
    const { data } = await members().orderBy('age', 'desc').orderBy('name', 'asc').skip(1).limit(2).get()
    expect(data.map((d: { _id: string }) => d._id)).toEqual(['p1', 'p4'])
  })

  it('projects included or excluded fields (with _id unless excluded)', async () => {
    const inc = await members().where({ _id: 'p1' }).field({ name: true, age: true }).get()
    expect(inc.data).toEqual([{ _id: 'p1', name: 'Ann', age: 30 }])
    const exc = await members().doc('p2').field({ scores: false, tags: false, address: false, joined: false }).get()
    expect(exc.data).toEqual({ _id: 'p2', name: 'bob', age: 17, nickname: null, memberNo: 'M2', mobile: '13800000002' })
  })

  it('counts matches', async () => {
    expect((await members().where({ age: 30 }).count()).total).toBe(2)
    expect((await members().count()).total).toBe(4)
  })

  it('reads one document by id; a missing one is null', async () => {
    expect((await members().doc('p3').get()).data).toMatchObject({ name: 'Cat', vip: true })
    expect((await members().doc('nobody').get()).data).toBeNull()
  })

  it('returns dates as Dates', async () => {
    const { data } = await members().doc('p1').get()
    expect(data.joined).toBeInstanceOf(Date)
    expect(data.joined.toISOString()).toBe('2026-01-01T00:00:00.000Z')
  })

  it('returns at most 1,000 documents, 100 by default, and counts all of them', async () => {
    h.executor.insert(
      'things',
      Array.from({ length: 1200 }, (_, i) => ({ batch: 'cap', i })),
    )
    expect((await h.db.collection('things').where({ batch: 'cap' }).get()).data).toHaveLength(100)
    expect((await h.db.collection('things').where({ batch: 'cap' }).limit(1000).get()).data).toHaveLength(1000)
    expect((await h.db.collection('things').where({ batch: 'cap' }).count()).total).toBe(1200)
    // The SDK already caps at 1,000; the server caps again whatever it is sent.
    const raw = h.executor.handle('database.getDocument', {
      collectionName: 'things',
      queryType: 'WHERE',
      query: '{"batch":"cap"}',
      limit: 5000,
    })
    expect((raw.data as { list: unknown[] }).list).toHaveLength(1000)
  })
})

describe('db.serverDate()', () => {
  it("uses the invocation's clock, plus the offset", async () => {
    h.executor.beginInvocation('clocked', { clockMs: Date.parse('2026-11-01T02:00:00Z') })
    h.state.invocationId = 'clocked'
    try {
      const { _id } = await h.db.collection('things').add({ data: { at: h.db.serverDate(), later: h.db.serverDate({ offset: 90_000 }) } })
      const { data } = await h.db.collection('things').doc(_id).get()
      expect(data.at.toISOString()).toBe('2026-11-01T02:00:00.000Z')
      expect(data.later.toISOString()).toBe('2026-11-01T02:01:30.000Z')
      // ...and in a filter.
      const { total } = await h.db
        .collection('things')
        .where({ _id, at: h._.lte(h.db.serverDate()) })
        .count()
      expect(total).toBe(1)
    } finally {
      h.state.invocationId = undefined
      h.executor.endInvocation('clocked')
    }
  })

  it('uses the real clock when the invocation has none', async () => {
    const before = Date.now()
    const { _id } = await h.db.collection('things').add({ data: { at: h.db.serverDate() } })
    const at = (await h.db.collection('things').doc(_id).get()).data.at as Date
    expect(at.getTime()).toBeGreaterThanOrEqual(before)
    expect(at.getTime()).toBeLessThanOrEqual(Date.now())
  })
})

describe('loud failures', () => {
  it('refuses an unsupported query operator, naming it and the collection', async () => {
    const err = await failure(
      members()
        .where({ name: { $where: 'this.name' } })
        .get(),
    )
    expect(err.errCode).toBe(-502002)
    expect(err.errMsg).toContain('unsupported query operator $where in members')
    const expr = await failure(
      members()
        .where({ age: h._.expr(h._.eq(['$age', 1])) })
        .get(),
    )
    expect(expr.errMsg).toContain('$expr')
    const top = await failure(
      members()
        .where({ $text: { $search: 'x' } })
        .get(),
    )
    expect(top.errMsg).toContain('unsupported query operator $text')
  })

  it('refuses a collection that does not exist (strict, like CloudBase), until it is created', async () => {
    const err = await failure(h.db.collection('undeclared').where({}).get())
    expect(err.errCode).toBe(-502005)
    expect((await failure(h.db.collection('undeclared').add({ data: { a: 1 } }))).errCode).toBe(-502005)
    await h.db.createCollection('undeclared')
    await h.db.collection('undeclared').add({ data: { a: 1 } })
    expect((await h.db.collection('undeclared').count()).total).toBe(1)
    expect((await failure(h.db.createCollection('undeclared'))).errMsg).toContain('already exists')
  })

  it('answers an unknown action with DATABASE_REQUEST_FAILED', () => {
    expect(h.executor.handle('database.dropEverything', {})).toMatchObject({
      code: 'DATABASE_REQUEST_FAILED',
      message: 'local cloud: unsupported action database.dropEverything',
    })
  })
})

describe('lenient collections (strictCollections: false)', () => {
  it('reads a missing collection as empty and creates it on the first write', () => {
    const dataDir = tempDir()
    const lenient = new Executor({ dataDir, collectionsDir: FIXTURE_COLLECTIONS, strictCollections: false })
    try {
      const read = lenient.handle('database.getDocument', { collectionName: 'fresh', queryType: 'WHERE', limit: 10 })
      expect(read).toMatchObject({ data: { list: [] } })
      lenient.handle('database.insertDocument', { collectionName: 'fresh', data: ['{"a":1}'] })
      expect(lenient.count('fresh')).toBe(1)
    } finally {
      lenient.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
