/**
 * Transactions through the real wx-server-sdk: commit and rollback, single-document-only, optimistic conflicts
 * (interleaved, not serialized), runTransaction's own retry on a commit-time conflict, a retrying wrapper under
 * contention, the 30 s limit, fault injection and per-invocation operation counts.
 */
import { rmSync } from 'node:fs'
import { Executor } from '../../localcloud/executor/executor'
import { FIXTURE_COLLECTIONS, failure, inProcessDb, tempDir } from './support'
import { sleep } from '../support/wait'

let h: ReturnType<typeof inProcessDb>
beforeAll(() => {
  h = inProcessDb()
})
afterAll(() => h.close())

let seq = 0
const counter = (n = 0) => {
  const id = `c${++seq}`
  h.executor.insert('counters', { _id: id, n })
  return id
}
const value = (id: string) => h.executor.get('counters', id)?.n
const counters = () => h.db.collection('counters')

const CONFLICT = /database transaction conflict/

/** The retry policy cloud functions use: the SDK re-runs only commit-time conflicts. */
const inTransaction = async <T>(work: (t: any) => Promise<T>): Promise<T> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await h.db.runTransaction(work, 0)) as T
    } catch (e) {
      const msg = `${(e as { errMsg?: string }).errMsg ?? ''} ${(e as { message?: string }).message ?? ''}`
      if (!CONFLICT.test(msg) || attempt >= 100) throw e
      await sleep(Math.random() * 3)
    }
  }
}

describe('commit and rollback', () => {
  it('commits every write of the callback at once and returns its value', async () => {
    const id = counter(1)
    const result = await h.db.runTransaction(async (t: any) => {
      const { data } = await t.collection('counters').doc(id).get()
      await t
        .collection('counters')
        .doc(id)
        .update({ data: { n: data.n + 1 } })
      await t.collection('counters').add({ data: { _id: `${id}-log`, from: data.n } })
      return data.n
    })
    expect(result).toBe(1)
    expect(value(id)).toBe(2)
    expect(h.executor.get('counters', `${id}-log`)).toEqual({ _id: `${id}-log`, from: 1 })
  })

  it('applies nothing when the callback throws', async () => {
    const id = counter(1)
    const err = await failure(
      h.db.runTransaction(async (t: any) => {
        await t
          .collection('counters')
          .doc(id)
          .update({ data: { n: 99 } })
        await t.collection('counters').add({ data: { _id: `${id}-x` } })
        throw new Error('changed my mind')
      }),
    )
    expect(err.errMsg).toBe('changed my mind')
    expect(value(id)).toBe(1)
    expect(h.executor.get('counters', `${id}-x`)).toBeNull()
    expect(h.executor.stats().openTransactions).toBe(0)
  })

  it('applies nothing after t.rollback(), and rejects with the reason', async () => {
    const id = counter(1)
    const err = await h.db
      .runTransaction(async (t: any) => {
        await t
          .collection('counters')
          .doc(id)
          .set({ data: { n: 50 } })
        await t.rollback('no funds')
      })
      .catch((e: unknown) => e)
    expect(err).toBe('no funds')
    expect(value(id)).toBe(1)
  })

  it('shows a transaction its own pending writes and everyone else the committed state', async () => {
    const id = counter(1)
    const t = await h.db.startTransaction()
    await t
      .collection('counters')
      .doc(id)
      .update({ data: { n: 2 } })
    expect((await t.collection('counters').doc(id).get()).data.n).toBe(2)
    expect((await counters().doc(id).get()).data.n).toBe(1)
    await t.commit()
    expect((await counters().doc(id).get()).data.n).toBe(2)
  })

  it('refuses where() updates, removes and counts inside a transaction (the SDK sends them outside it); where().get() runs in it', async () => {
    const id = counter(1)
    const t = await h.db.startTransaction()
    for (const op of [
      () =>
        t
          .collection('counters')
          .where({ _id: id })
          .update({ data: { n: 7 } }),
      () => t.collection('counters').where({ _id: id }).remove(),
      () => t.collection('counters').where({ _id: id }).count(),
    ]) {
      expect((await failure(op())).errMsg).toContain('would run it outside the transaction')
    }
    expect((await t.collection('counters').where({ _id: id }).get()).data).toEqual([{ _id: id, n: 1 }])
    await t.rollback()
    expect(value(id)).toBe(1)
  })
})

describe('optimistic concurrency (transactions interleave; they are not serialized)', () => {
  it('lets exactly one of two interleaved transactions write a document; the other conflicts at once', async () => {
    const id = counter(10)
    const a = await h.db.startTransaction()
    const b = await h.db.startTransaction()
    const [ra, rb] = await Promise.all([a.collection('counters').doc(id).get(), b.collection('counters').doc(id).get()])
    expect([ra.data.n, rb.data.n]).toEqual([10, 10])
    await a
      .collection('counters')
      .doc(id)
      .update({ data: { n: ra.data.n + 1 } })
    const lost = await failure(
      b
        .collection('counters')
        .doc(id)
        .update({ data: { n: rb.data.n + 5 } }),
    )
    expect(lost.errCode).toBe(-501001)
    expect(lost.errMsg).toMatch(CONFLICT)
    await a.commit()
    // b was aborted by its conflict: its commit reports the conflict again.
    expect((await failure(b.commit())).errMsg).toMatch(CONFLICT)
    expect(value(id)).toBe(11)
  })

  it('first committer wins: a write after another transaction committed the document conflicts', async () => {
    const id = counter(0)
    const a = await h.db.startTransaction()
    const b = await h.db.startTransaction()
    await a
      .collection('counters')
      .doc(id)
      .update({ data: { n: 1 } })
    await a.commit()
    expect((await b.collection('counters').doc(id).get()).data.n).toBe(1) // read committed
    expect(
      (
        await failure(
          b
            .collection('counters')
            .doc(id)
            .update({ data: { n: 2 } }),
        )
      ).errMsg,
    ).toMatch(CONFLICT)
    expect(value(id)).toBe(1)
  })

  it('conflicts at commit when a plain write changed the document meanwhile, and runTransaction re-runs', async () => {
    const id = counter(0)
    let attempts = 0
    const result = await h.db.runTransaction(async (t: any) => {
      attempts++
      const { data } = await t.collection('counters').doc(id).get()
      await t
        .collection('counters')
        .doc(id)
        .update({ data: { n: data.n + 1 } })
      if (attempts === 1)
        await counters()
          .doc(id)
          .update({ data: { n: h._.inc(100) } }) // not in the transaction
      return data.n
    })
    expect(attempts).toBe(2)
    expect(result).toBe(100)
    expect(value(id)).toBe(101)
  })

  it('allows write skew, as snapshot-style isolation does (each checks one document, writes another)', async () => {
    const x = counter(1)
    const y = counter(1)
    const a = await h.db.startTransaction()
    const b = await h.db.startTransaction()
    const ay = (await a.collection('counters').doc(y).get()).data.n
    const bx = (await b.collection('counters').doc(x).get()).data.n
    await a
      .collection('counters')
      .doc(x)
      .update({ data: { n: ay - 1 } })
    await b
      .collection('counters')
      .doc(y)
      .update({ data: { n: bx - 1 } })
    await a.commit()
    await b.commit()
    expect([value(x), value(y)]).toEqual([0, 0])
  })

  it('ends N concurrent read-modify-write increments at exactly N, through real conflicts and retries', async () => {
    const id = counter(0)
    const conflictsBefore = h.executor.stats().conflicts
    const N = 20
    await Promise.all(
      Array.from({ length: N }, () =>
        inTransaction(async (t) => {
          const { data } = await t.collection('counters').doc(id).get()
          await t
            .collection('counters')
            .doc(id)
            .update({ data: { n: data.n + 1 } })
        }),
      ),
    )
    expect(value(id)).toBe(N)
    // Proof that they interleaved: some lost the race and were retried.
    expect(h.executor.stats().conflicts).toBeGreaterThan(conflictsBefore)
  })

  it('makes concurrent inserts of one _id conflict, and a committed one a duplicate', async () => {
    const a = await h.db.startTransaction()
    const b = await h.db.startTransaction()
    await a.collection('counters').add({ data: { _id: 'same-id', n: 1 } })
    expect((await failure(b.collection('counters').add({ data: { _id: 'same-id', n: 2 } }))).errMsg).toMatch(CONFLICT)
    await a.commit()
    const c = await h.db.startTransaction()
    expect((await failure(c.collection('counters').add({ data: { _id: 'same-id', n: 3 } }))).errMsg).toContain('E11000')
    await c.rollback()
    expect(h.executor.get('counters', 'same-id')).toEqual({ _id: 'same-id', n: 1 })
  })

  it('treats the same unique key pending in two transactions as a conflict', async () => {
    const a = await h.db.startTransaction()
    const b = await h.db.startTransaction()
    await a.collection('members').add({ data: { _id: 'ua', memberNo: 'Z1', mobile: 'z1' } })
    expect((await failure(b.collection('members').add({ data: { _id: 'ub', memberNo: 'Z1', mobile: 'z2' } }))).errMsg).toMatch(CONFLICT)
    await a.commit()
    expect(h.executor.count('members', { memberNo: 'Z1' })).toBe(1)
  })
})

describe('transaction limits', () => {
  const startEx = () => {
    const dataDir = tempDir()
    let now = 1_000_000
    const ex = new Executor({ dataDir, collectionsDir: FIXTURE_COLLECTIONS, realNow: () => now })
    ex.insert('counters', { _id: 'c', n: 0 })
    return { ex, advance: (ms: number) => (now += ms), done: () => (ex.close(), rmSync(dataDir, { recursive: true, force: true })) }
  }
  const get = { collectionName: 'counters', queryType: 'DOC', query: '{"_id":"c"}' }

  it('aborts a transaction left open longer than 30 s and releases its writes', () => {
    const { ex, advance, done } = startEx()
    try {
      const { transactionId } = ex.handle('database.startTransaction', undefined) as { transactionId: string }
      ex.handle('database.modifyDocument', { ...get, transactionId, data: '{"$set":{"n":5}}', merge: true })
      advance(30_001)
      expect(ex.handle('database.getDocument', { ...get, transactionId })).toMatchObject({
        code: 'DATABASE_REQUEST_FAILED',
        message: expect.stringContaining('not committed within 30 s'),
      })
      expect(ex.handle('database.commitTransaction', { transactionId })).toMatchObject({ code: 'DATABASE_REQUEST_FAILED' })
      // Its pending write no longer blocks anyone.
      const other = ex.handle('database.startTransaction', undefined) as { transactionId: string }
      expect(
        ex.handle('database.modifyDocument', { ...get, transactionId: other.transactionId, data: '{"$set":{"n":1}}', merge: true }),
      ).toMatchObject({ data: { updated: 1 } })
      expect(ex.handle('database.commitTransaction', { transactionId: other.transactionId })).not.toHaveProperty('code')
      expect(ex.get('counters', 'c')).toEqual({ _id: 'c', n: 1 })
    } finally {
      done()
    }
  })

  it('answers an unknown transaction id with a clear error', () => {
    const { ex, done } = startEx()
    try {
      expect(ex.handle('database.getDocument', { ...get, transactionId: 'nope' })).toMatchObject({
        code: 'DATABASE_REQUEST_FAILED',
        message: 'local cloud: unknown transaction nope',
      })
    } finally {
      done()
    }
  })
})

describe('fault injection and operation counts', () => {
  const asInvocation = async <T>(id: string, work: () => Promise<T>) => {
    h.executor.beginInvocation(id)
    h.state.invocationId = id
    try {
      return await work()
    } finally {
      h.state.invocationId = undefined
    }
  }

  it('fails the Nth operation of the targeted invocation only', async () => {
    const id = counter(3)
    h.executor.failNthOperation('next', 2)
    const results = await asInvocation('faulty', async () => [
      await counters()
        .doc(id)
        .get()
        .then(() => 'ok'),
      await failure(counters().doc(id).get()).then((e) => e.errMsg),
      await counters()
        .doc(id)
        .get()
        .then(() => 'ok'),
    ])
    expect(results[0]).toBe('ok')
    expect(results[1]).toContain('injected fault')
    expect(results[2]).toBe('ok')
    // The failed read returned nothing and fetched nothing.
    expect(h.executor.endInvocation('faulty')).toEqual({ reads: 3, writes: 0, txn: 0, inTxn: 0, maxTxnOps: 0, docsRead: 2, rowsScanned: 2 })
  })

  it('crash before commit: the call fails and nothing applies', async () => {
    const from = counter(10)
    const to = counter(0)
    h.executor.crashBeforeCommit('next')
    const err = await asInvocation('crash-before', () =>
      failure(
        h.db.runTransaction(async (t: any) => {
          await t
            .collection('counters')
            .doc(from)
            .update({ data: { n: h._.inc(-4) } })
          await t
            .collection('counters')
            .doc(to)
            .update({ data: { n: h._.inc(4) } })
        }),
      ),
    )
    h.executor.endInvocation('crash-before')
    expect(err.errMsg).toContain('injected crash before commit')
    expect([value(from), value(to)]).toEqual([10, 0])
    expect(h.executor.stats().openTransactions).toBe(0)
  })

  it('crash after commit: the call fails although everything applied', async () => {
    const id = counter(0)
    h.executor.crashAfterCommit('next')
    const err = await asInvocation('crash-after', () =>
      failure(
        h.db.runTransaction(async (t: any) =>
          t
            .collection('counters')
            .doc(id)
            .update({ data: { n: 1 } }),
        ),
      ),
    )
    h.executor.endInvocation('crash-after')
    expect(err.errMsg).toContain('injected crash after commit')
    expect(value(id)).toBe(1)
  })

  it('counts reads, writes, transaction control, and the operations inside transactions, per invocation', async () => {
    const id = counter(0)
    await asInvocation('counted', async () => {
      await counters().doc(id).get()
      await counters().where({ n: 0 }).count()
      await h.db.runTransaction(async (t: any) => {
        await t.collection('counters').doc(id).get()
        await t
          .collection('counters')
          .doc(id)
          .update({ data: { n: 1 } })
      })
    })
    const ops = h.executor.endInvocation('counted')
    // count() returns no documents but scans the (unindexed) collection.
    expect(ops).toEqual({ reads: 3, writes: 1, txn: 2, inTxn: 2, maxTxnOps: 2, docsRead: 2, rowsScanned: expect.any(Number) })
    expect(ops.rowsScanned).toBeGreaterThanOrEqual(4)
  })

  it('reports the most operations one transaction carried, apart from the sum over the invocation', async () => {
    const [a, b] = [counter(0), counter(0)]
    await asInvocation('two-transactions', async () => {
      await h.db.runTransaction(async (t: any) => {
        await t.collection('counters').doc(a).get()
        await t
          .collection('counters')
          .doc(a)
          .update({ data: { n: 1 } })
      })
      await h.db.runTransaction(async (t: any) => {
        await t.collection('counters').doc(a).get()
        await t.collection('counters').doc(b).get()
        await t
          .collection('counters')
          .doc(b)
          .update({ data: { n: 1 } })
      })
    })
    expect(h.executor.endInvocation('two-transactions')).toMatchObject({ txn: 4, inTxn: 5, maxTxnOps: 3 })
  })
})
