/**
 * Queries inside a transaction (issue 18, item 4). wx-server-sdk sends `transaction.collection(c).where(q).get()`
 * as `database.getDocument` WITH the transactionId (@cloudbase/database query.js `get()`), and CloudBase runs it in
 * the transaction: the node-sdk's own tests against a real environment add documents in a transaction and find
 * them with a where() query before commit, and run updateAndReturn() in one (TencentCloudBase/node-sdk,
 * test/database/unit/transaction.test.ts). `where().update()/remove()/count()` are sent WITHOUT the id, so on
 * CloudBase they would run outside the transaction: the local cloud refuses them. Evidence: localcloud/README.md.
 */
import { failure, inProcessDb } from './support'

let h: ReturnType<typeof inProcessDb>
beforeAll(() => {
  h = inProcessDb()
})
afterAll(() => h.close())

type Any = any

let group = 0
/** A fresh group of documents in `things`: { _id: `<g>-<i>`, g, i, n }. */
const seedGroup = (n: number) => {
  const g = `tr${++group}`
  h.executor.insert(
    'things',
    Array.from({ length: n }, (_, i) => ({ _id: `${g}-${i + 1}`, g, i: i + 1, n: 0 })),
  )
  return g
}
const ids = (docs: { _id: string }[]) => docs.map((d) => d._id)

describe('where().get() inside a transaction', () => {
  it("runs in the transaction: sees its own inserts, updates and removes, and nobody else's until commit", async () => {
    const g = seedGroup(3)
    const t = await h.db.startTransaction()
    await t.collection('things').add({ data: [{ _id: `${g}-new`, g, i: 9, n: 5 }] })
    await t
      .collection('things')
      .doc(`${g}-1`)
      .update({ data: { n: 7 } })
    await t.collection('things').doc(`${g}-2`).remove()
    const inside = await t.collection('things').where({ g }).orderBy('i', 'asc').get()
    expect(inside.data.map((d: Any) => [d._id, d.n])).toEqual([
      [`${g}-1`, 7],
      [`${g}-3`, 0],
      [`${g}-new`, 5],
    ])
    // Filters see the transaction's version of a document.
    expect(
      ids(
        (
          await t
            .collection('things')
            .where({ g, n: h._.gt(0) })
            .get()
        ).data,
      ).sort(),
    ).toEqual([`${g}-1`, `${g}-new`])
    // Outside, the committed state only.
    expect(ids((await h.db.collection('things').where({ g }).orderBy('i', 'asc').get()).data)).toEqual([`${g}-1`, `${g}-2`, `${g}-3`])
    await t.commit()
    expect(ids((await h.db.collection('things').where({ g }).orderBy('i', 'asc').get()).data)).toEqual([`${g}-1`, `${g}-3`, `${g}-new`])
  })

  it('pages, sorts and projects like any query (100 by default, 1,000 at most)', async () => {
    const g = seedGroup(150)
    await h.db.runTransaction(async (t: Any) => {
      await t
        .collection('things')
        .doc(`${g}-150`)
        .update({ data: { n: 1 } })
      const first = await t.collection('things').where({ g }).get()
      expect(first.data).toHaveLength(100)
      const top = await t
        .collection('things')
        .where({ g })
        .orderBy('n', 'desc')
        .orderBy('i', 'asc')
        .skip(0)
        .limit(2)
        .field({ i: true, n: true })
        .get()
      expect(top.data).toEqual([
        { _id: `${g}-150`, i: 150, n: 1 },
        { _id: `${g}-1`, i: 1, n: 0 },
      ])
      const all = await t.collection('things').where({ g }).limit(5000).get()
      expect(all.data).toHaveLength(150)
      const skipped = await t.collection('things').where({ g }).orderBy('i', 'asc').skip(148).get()
      expect(skipped.data.map((d: Any) => d.i)).toEqual([149, 150])
    })
  })

  it("sees another open transaction's pending write as still committed (no dirty reads)", async () => {
    const g = seedGroup(1)
    const a = await h.db.startTransaction()
    const b = await h.db.startTransaction()
    await a
      .collection('things')
      .doc(`${g}-1`)
      .update({ data: { n: 42 } })
    const seen = await b.collection('things').where({ g }).get()
    expect(seen.data.map((d: Any) => d.n)).toEqual([0])
    await a.commit()
    await b.rollback()
  })

  it('counts as an operation inside the transaction (the request carries its id)', async () => {
    const g = seedGroup(2)
    h.executor.beginInvocation('txn-query')
    h.state.invocationId = 'txn-query'
    try {
      await h.db.runTransaction(async (t: Any) => {
        await t.collection('things').where({ g }).get()
      })
    } finally {
      h.state.invocationId = undefined
    }
    expect(h.executor.endInvocation('txn-query')).toMatchObject({ reads: 1, inTxn: 1, txn: 2, docsRead: 2 })
  })
})

describe('database.modifyAndReturnDoc (updateAndReturn) inside a transaction', () => {
  // wx-server-sdk does not expose updateAndReturn(); @cloudbase/node-sdk does, and sends it WITH the transactionId
  // (query.js updateAndReturn), and its tests run it in a transaction on CloudBase: the protocol is driven directly.
  const begin = () => (h.executor.handle('database.startTransaction', undefined) as { transactionId: string }).transactionId
  const updateAndReturn = (transactionId: string, g: string, query: object, data: object) =>
    h.executor.handle('database.modifyAndReturnDoc', {
      collectionName: 'things',
      queryType: 'WHERE',
      transactionId,
      query: JSON.stringify({ g, ...query }),
      data: JSON.stringify(data),
    })

  it('updates the first match in the transaction, returns it, and is rolled back with it', async () => {
    const g = seedGroup(2)
    const id = begin()
    const answer = updateAndReturn(id, g, { i: 2 }, { $inc: { n: 3 } })
    expect(answer).toMatchObject({ data: { updated: 1 } })
    expect(JSON.parse((answer.data as { doc: string }).doc)).toEqual({ _id: `${g}-2`, g, i: 2, n: 3 })
    expect(h.executor.get('things', `${g}-2`)).toMatchObject({ n: 0 })
    // The transaction reads its own write.
    const again = updateAndReturn(id, g, { n: 3 }, { $inc: { n: 1 } })
    expect(JSON.parse((again.data as { doc: string }).doc)).toMatchObject({ _id: `${g}-2`, n: 4 })
    expect(h.executor.handle('database.abortTransaction', { transactionId: id })).not.toHaveProperty('code')
    expect(h.executor.get('things', `${g}-2`)).toMatchObject({ n: 0 })
  })

  it('commits with the transaction, and conflicts with another transaction that wrote the document', async () => {
    const g = seedGroup(1)
    const a = begin()
    const b = begin()
    expect(updateAndReturn(a, g, {}, { $set: { n: 1 } })).toMatchObject({ data: { updated: 1 } })
    expect(updateAndReturn(b, g, {}, { $set: { n: 2 } })).toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' })
    expect(h.executor.handle('database.commitTransaction', { transactionId: a })).not.toHaveProperty('code')
    expect(h.executor.get('things', `${g}-1`)).toMatchObject({ n: 1 })
  })
})

describe('where().update(), where().remove() and count() inside a transaction', () => {
  it('are refused: the SDK sends them without the transactionId, so CloudBase would run them outside it', async () => {
    const g = seedGroup(1)
    const t = await h.db.startTransaction()
    for (const [op, what] of [
      [
        () =>
          t
            .collection('things')
            .where({ g })
            .update({ data: { n: 7 } }),
        'where().update()',
      ],
      [() => t.collection('things').where({ g }).remove(), 'where().remove()'],
      [() => t.collection('things').where({ g }).count(), 'count()'],
    ] as const) {
      const err = await failure(op())
      expect(err.errMsg).toContain(`${what} inside a transaction`)
      expect(err.errMsg).toContain('outside the transaction')
    }
    await t.rollback()
    expect(h.executor.get('things', `${g}-1`)).toMatchObject({ n: 0 })
  })
})
