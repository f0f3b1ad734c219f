/**
 * changesSince: what a test that watches the whole database re-reads after each call (the fuzz's invariants) — the
 * documents committed after a commit number and the keys held now — and the fuzz's view built on it, which must
 * always agree with a full read.
 */
import { storedDocs } from '../fuzz/support/storedView'
import { inProcessDb } from './support'

let h: ReturnType<typeof inProcessDb>
beforeEach(() => {
  h = inProcessDb()
})
afterEach(() => h.close())

const ids = (docs: { _id?: unknown }[]) => docs.map((d) => String(d._id)).sort()

describe('changesSince', () => {
  it('answers the documents committed after the number, and every key held', async () => {
    h.executor.insert('things', [
      { _id: 'a', n: 1 },
      { _id: 'b', n: 2 },
    ])
    const seen = h.executor.commitSeq
    await h.db
      .collection('things')
      .doc('b')
      .update({ data: { n: 20 } })
    await h.db.collection('things').add({ data: { _id: 'c', n: 3 } })
    const { written, keys } = h.executor.changesSince('things', seen)
    expect(written.map((w) => [w.key, w.doc.n]).sort()).toEqual([
      ['b', 20],
      ['c', 3],
    ])
    expect(keys.sort()).toEqual(['a', 'b', 'c'])
    expect(h.executor.changesSince('things', h.executor.commitSeq).written).toEqual([])
  })

  it('shows a removal as a key no longer held, and nothing of a transaction before its commit', async () => {
    h.executor.insert('things', [{ _id: 'a' }, { _id: 'b' }])
    const seen = h.executor.commitSeq
    await h.db.collection('things').doc('a').remove()
    let during: ReturnType<typeof h.executor.changesSince> | undefined
    await h.db.runTransaction(async (t: any) => {
      await t
        .collection('things')
        .doc('b')
        .update({ data: { touched: true } })
      during = h.executor.changesSince('things', seen)
    }, 0)
    expect(during).toEqual({ written: [], keys: ['b'] })
    expect(h.executor.changesSince('things', seen).written.map((w) => w.doc)).toEqual([{ _id: 'b', touched: true }])
  })

  it('names the collection as every executor call does', () => {
    expect(() => h.executor.changesSince('no such/collection', 0)).toThrow()
  })
})

describe("the fuzz's stored view", () => {
  it('agrees with a full read after inserts, updates and removals, and after a reset', async () => {
    const things = h.db.collection('things')
    const agree = () => expect(ids(storedDocs(h.executor, 'things'))).toEqual(ids(h.executor.find('things')))
    agree()
    for (let i = 0; i < 30; i++) await things.add({ data: { _id: `t${i}`, n: i } })
    agree()
    await things.doc('t3').update({ data: { n: 300 } })
    await things.where({ n: h._.lt(10) }).remove()
    agree()
    const kept = (id: string) => storedDocs<{ _id: string; n: number }>(h.executor, 'things').find((d) => d._id === id)
    expect([kept('t5'), kept('t3')?.n]).toEqual([undefined, 300])
    await things.doc('t12').update({ data: { n: 1200 } })
    expect(kept('t12')?.n).toBe(1200)
    // After a reset, as many commits as before it: the numbers alone would say nothing changed.
    const commits = h.executor.commitSeq
    h.executor.reset()
    for (let i = 0; i < commits; i++) h.executor.insert('things', { _id: `fresh${i}` })
    expect(h.executor.commitSeq).toBe(commits)
    agree()
    expect(storedDocs(h.executor, 'things')).toHaveLength(commits)
  })
})
