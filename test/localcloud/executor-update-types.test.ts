/**
 * Wrong-type updates through the real wx-server-sdk (issue 18, item 2). MongoDB — and so CloudBase — refuses an
 * update whose operator does not fit the stored value (`$inc` on a string, `$push` on a non-array, a dotted `$set`
 * through a scalar) and changes nothing in that document, not even the update's other operators. The error is
 * CloudBase's DATABASE_REQUEST_FAILED (-502001) carrying MongoDB's own message, as a CloudBase project reports
 * for "Cannot create field 'x' in element {field: null}" (see localcloud/README.md, "Wrong-type updates").
 */
import { documentMaker, failure, inProcessDb } from './support'

let h: ReturnType<typeof inProcessDb>
beforeAll(() => {
  h = inProcessDb()
})
afterAll(() => h.close())

const fresh = documentMaker(() => h, 'things', 'w')

type Cmd = any

describe('a wrong-type operator fails the whole update and writes nothing (doc().update)', () => {
  const cases: [string, object, (_: Cmd) => object, string][] = [
    [
      '_.inc on a string',
      { s: 'text', n: 1 },
      (_) => ({ s: _.inc(1), n: _.inc(1) }),
      `Cannot apply $inc to a value of non-numeric type. {_id: "ID"} has the field 's' of non-numeric type string`,
    ],
    [
      '_.inc on null',
      { s: null, n: 1 },
      (_) => ({ n: _.inc(1), s: _.inc(1) }),
      `Cannot apply $inc to a value of non-numeric type. {_id: "ID"} has the field 's' of non-numeric type null`,
    ],
    [
      '_.inc on an object, through a dotted path',
      { o: { d: { x: 1 } }, n: 1 },
      (_) => ({ 'o.d': _.inc(1), n: _.inc(1) }),
      `has the field 'd' of non-numeric type object`,
    ],
    [
      '_.mul on a boolean',
      { b: true, n: 1 },
      (_) => ({ b: _.mul(2), n: _.inc(1) }),
      `Cannot apply $mul to a value of non-numeric type. {_id: "ID"} has the field 'b' of non-numeric type bool`,
    ],
    [
      '_.push on a string',
      { l: 'x', n: 1 },
      (_) => ({ l: _.push(1), n: _.inc(1) }),
      `The field 'l' must be an array but is of type string in document {_id: "ID"}`,
    ],
    [
      '_.push on null',
      { l: null, n: 1 },
      (_) => ({ l: _.push(1), n: _.inc(1) }),
      `The field 'l' must be an array but is of type null in document {_id: "ID"}`,
    ],
    [
      '_.unshift on an object',
      { l: { a: 1 }, n: 1 },
      (_) => ({ l: _.unshift(1), n: _.inc(1) }),
      `The field 'l' must be an array but is of type object`,
    ],
    [
      '_.addToSet on a number',
      { s: 5, n: 1 },
      (_) => ({ s: _.addToSet('a'), n: _.inc(1) }),
      `Cannot apply $addToSet to non-array field. Field named 's' has non-array type int`,
    ],
    [
      '_.pop on a string',
      { l: 'x', n: 1 },
      (_) => ({ l: _.pop(), n: _.inc(1) }),
      `Path 'l' contains an element of non-array type 'string'`,
    ],
    [
      '_.shift on a fraction',
      { l: 2.5, n: 1 },
      (_) => ({ l: _.shift(), n: _.inc(1) }),
      `Path 'l' contains an element of non-array type 'double'`,
    ],
    ['_.pull on a string', { l: 'x', n: 1 }, (_) => ({ l: _.pull(1), n: _.inc(1) }), 'Cannot apply $pull to a non-array value'],
    [
      '_.pullAll on an object',
      { l: { a: 1 }, n: 1 },
      (_) => ({ l: _.pullAll([1]), n: _.inc(1) }),
      'Cannot apply $pullAll to a non-array value',
    ],
    ['a dotted set through a number', { a: 5, n: 1 }, (_) => ({ 'a.b': 1, n: _.inc(1) }), `Cannot create field 'b' in element {a: 5}`],
    [
      "a dotted set through null (CloudBase's reported case)",
      { a: null, n: 1 },
      (_) => ({ 'a.b.c': 1, n: _.inc(1) }),
      `Cannot create field 'b' in element {a: null}`,
    ],
    [
      'a nested object merged into a string',
      { a: 'str', n: 1 },
      (_) => ({ a: { b: 1 }, n: _.inc(1) }),
      `Cannot create field 'b' in element {a: "str"}`,
    ],
    [
      'a named field on an array',
      { a: [1, 2], n: 1 },
      (_) => ({ 'a.x': 1, n: _.inc(1) }),
      `Cannot create field 'x' in element {a: [ 1, 2 ]}`,
    ],
    [
      '_.inc through a string two levels down',
      { o: { p: 'q' }, n: 1 },
      (_) => ({ 'o.p.r': _.inc(1), n: _.inc(1) }),
      `Cannot create field 'r' in element {p: "q"}`,
    ],
    [
      '_.rename out of an array element',
      { a: [{ b: 1 }], n: 1 },
      (_) => ({ 'a.0.b': _.rename('c'), n: _.inc(1) }),
      `The source field cannot be an array element, 'a.0.b' in doc with _id: "ID" has an array field called 'a'`,
    ],
    [
      '_.rename into an array element',
      { a: 1, l: [1], n: 1 },
      (_) => ({ a: _.rename('l.0'), n: _.inc(1) }),
      `The destination field cannot be an array element, 'l.0' in doc with _id: "ID" has an array field called 'l'`,
    ],
  ]
  it.each(cases)('%s', async (_name, before, data, message) => {
    const doc = fresh(before)
    const err = await failure(doc.ref.update({ data: data(h._) }))
    expect(err.errCode).toBe(-502001)
    expect(err.errMsg).toContain(message.replace('ID', doc.id))
    expect(doc.stored()).toEqual({ _id: doc.id, ...before })
  })

  it('keeps what MongoDB accepts: missing fields are created, $unset/$pull/$pop through a scalar change nothing', async () => {
    const doc = fresh({ a: 5, n: 1 })
    const res = await doc.ref.update({
      data: {
        'a.b': h._.remove(),
        'm.x': h._.inc(2),
        l: h._.push(1),
        s: h._.addToSet('v'),
        'a.c': h._.pull(1),
        'a.d': h._.pop(),
        z: h._.mul(3),
      },
    })
    expect(res.stats.updated).toBe(1)
    expect(doc.stored()).toEqual({ _id: doc.id, a: 5, n: 1, m: { x: 2 }, l: [1], s: ['v'], z: 0 })
  })

  it('refuses the same in updateAndReturn (database.modifyAndReturnDoc)', () => {
    const doc = fresh({ tag: 'mr', s: 'text', n: 1 })
    const answer = h.executor.handle('database.modifyAndReturnDoc', {
      collectionName: 'things',
      queryType: 'WHERE',
      query: '{"tag":"mr"}',
      data: '{"$inc":{"s":{"$numberInt":"1"},"n":{"$numberInt":"1"}}}',
    })
    expect(answer).toMatchObject({
      code: 'DATABASE_REQUEST_FAILED',
      message: expect.stringContaining('Cannot apply $inc to a value of non-numeric type'),
    })
    expect(doc.stored()).toEqual({ _id: doc.id, tag: 'mr', s: 'text', n: 1 })
  })
})

describe('inside a transaction', () => {
  it('refuses the update, writes nothing, and aborts the transaction (a MongoDB write error aborts it)', async () => {
    const other = fresh({ n: 10 })
    const doc = fresh({ s: 'text', n: 1 })
    const t = await h.db.startTransaction()
    await t
      .collection('things')
      .doc(other.id)
      .update({ data: { n: h._.inc(5) } })
    const err = await failure(
      t
        .collection('things')
        .doc(doc.id)
        .update({ data: { s: h._.inc(1), n: h._.inc(1) } }),
    )
    expect(err.errCode).toBe(-502001)
    expect(err.errMsg).toContain('Cannot apply $inc to a value of non-numeric type')
    // The transaction is gone: its commit fails and its earlier write never lands.
    expect((await failure(t.commit())).errMsg).toMatch(/aborted/)
    expect(other.stored()).toEqual({ _id: other.id, n: 10 })
    expect(doc.stored()).toEqual({ _id: doc.id, s: 'text', n: 1 })
    expect(h.executor.stats().openTransactions).toBe(0)
  })

  it('makes runTransaction reject with the write error, applying nothing', async () => {
    const a = fresh({ n: 1 })
    const b = fresh({ l: 'x' })
    const err = await failure(
      h.db.runTransaction(async (t: Cmd) => {
        await t
          .collection('things')
          .doc(a.id)
          .update({ data: { n: h._.inc(1) } })
        await t
          .collection('things')
          .doc(b.id)
          .update({ data: { l: h._.push('y') } })
      }),
    )
    expect(err.errCode).toBe(-502001)
    expect(err.errMsg).toContain(`The field 'l' must be an array but is of type string`)
    expect(a.stored()).toEqual({ _id: a.id, n: 1 })
    expect(b.stored()).toEqual({ _id: b.id, l: 'x' })
  })

  it('a duplicate key inside a transaction aborts it too', async () => {
    h.executor.insert('members', { _id: 'dupA', memberNo: 'D1', mobile: 'd1' })
    const keep = fresh({ n: 0 })
    const t = await h.db.startTransaction()
    await t
      .collection('things')
      .doc(keep.id)
      .update({ data: { n: 1 } })
    expect((await failure(t.collection('members').add({ data: { _id: 'dupB', memberNo: 'D1', mobile: 'd2' } }))).errMsg).toContain('E11000')
    expect((await failure(t.commit())).errMsg).toMatch(/aborted/)
    expect(keep.stored()).toEqual({ _id: keep.id, n: 0 })
  })
})

describe('where().update() over many documents (MongoDB: a multi-update stops at the first failing document)', () => {
  it('writes the documents before the failing one, none after, and answers the error', async () => {
    // Stored order is _id order here: m1, m2 (string n), m3.
    h.executor.insert('things', [
      { _id: 'multi-1', grp: 'm', n: 1 },
      { _id: 'multi-2', grp: 'm', n: 'two' },
      { _id: 'multi-3', grp: 'm', n: 3 },
    ])
    const err = await failure(
      h.db
        .collection('things')
        .where({ grp: 'm' })
        .update({ data: { n: h._.inc(10) } }),
    )
    expect(err.errCode).toBe(-502001)
    expect(err.errMsg).toContain(`{_id: "multi-2"} has the field 'n' of non-numeric type string`)
    expect(h.executor.find('things', { grp: 'm' }, { sort: { _id: 1 } }).map((d) => d.n)).toEqual([11, 'two', 3])
  })

  it('refuses before writing anything when the first document fails', async () => {
    h.executor.insert('things', [
      { _id: 'first-1', grp: 'f', l: 'x' },
      { _id: 'first-2', grp: 'f', l: [] },
    ])
    const err = await failure(
      h.db
        .collection('things')
        .where({ grp: 'f' })
        .update({ data: { l: h._.push(1) } }),
    )
    expect(err.errMsg).toContain(`The field 'l' must be an array but is of type string in document {_id: "first-1"}`)
    expect(h.executor.find('things', { grp: 'f' }, { sort: { _id: 1 } }).map((d) => d.l)).toEqual(['x', []])
  })

  it('stops at a duplicate key the same way (the documents before it stay written)', async () => {
    h.executor.insert('members', [
      { _id: 'uq-1', grp: 'uq', memberNo: 'UQ1', mobile: 'uq1' },
      { _id: 'uq-2', grp: 'uq', memberNo: 'UQ2', mobile: 'uq2' },
      { _id: 'uq-3', grp: 'uq', memberNo: 'UQ3', mobile: 'uq3' },
    ])
    // uq-1 takes the mobile; uq-2 then clashes with it; uq-3 is never reached.
    const err = await failure(
      h.db
        .collection('members')
        .where({ grp: 'uq' })
        .update({ data: { mobile: 'uq-same' } }),
    )
    expect(err.errCode).toBe(-502001)
    expect(err.errMsg).toContain('E11000 duplicate key error collection: members index: mobile_unique dup key: { mobile: "uq-same" }')
    expect(h.executor.find('members', { grp: 'uq' }, { sort: { _id: 1 } }).map((d) => d.mobile)).toEqual(['uq-same', 'uq2', 'uq3'])
  })
})
