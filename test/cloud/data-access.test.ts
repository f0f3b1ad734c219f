/**
 * cloudfunctions/_lib/data.ts, the typed data-access layer, on the real wx-server-sdk answered by the local cloud's
 * executor with the product's collections (indexes and all): what each call answers and what it leaves stored.
 */
import { join } from 'node:path'
import { inProcessDb } from '../localcloud/support'

type Handle = ReturnType<typeof inProcessDb>
type DataModule = typeof import('../../cloudfunctions/_lib/data')
type TransactionModule = typeof import('../../cloudfunctions/_lib/transaction')

let h: Handle
let data: DataModule['data']
let tx: DataModule['tx']
let inTransaction: TransactionModule['inTransaction']

beforeAll(() => {
  h = inProcessDb({ collectionsDir: join(__dirname, '../../database/collections') })
  // Loaded after the seam is in place, from the same module registry (the seamed SDK): cloud.ts initializes it.
  ;({ data, tx } = require('../../cloudfunctions/_lib/data') as DataModule)
  ;({ inTransaction } = require('../../cloudfunctions/_lib/transaction') as TransactionModule)
})
afterAll(() => h.close())

const store = (id: string, name: string) => ({
  _id: id,
  name,
  address: `${name}路 1 号`,
  phone: '021-1234567',
  openingHours: '10:00-22:00',
})

describe('documents by id', () => {
  it('answers null for a missing document and the document once added', async () => {
    expect(await data.stores.get('s-missing')).toBeNull()
    await data.stores.add(store('s1', '南京路店'))
    expect(await data.stores.get('s1')).toEqual(store('s1', '南京路店'))
  })

  it('refuses to add a second document under the same id, leaving the first', async () => {
    await data.stores.add(store('s2', '淮海路店'))
    await expect(data.stores.add(store('s2', '冒名店'))).rejects.toBeTruthy()
    expect((await data.stores.get('s2'))?.name).toBe('淮海路店')
  })

  it('addWithNewId stores the document under a new id and answers it', async () => {
    const log = {
      operatorId: 'OP1',
      operatorName: '运营',
      kind: 'members' as const,
      range: null,
      rows: 2,
      pii: false,
      fileID: 'f1',
      bytes: 10,
      at: '2026-01-01T00:00:00.000Z',
    }
    const id = await data.exports.addWithNewId(log)
    const other = await data.exports.addWithNewId({ ...log, fileID: 'f2' })
    expect(id).not.toBe(other)
    expect(await data.exports.get(id)).toEqual({ _id: id, ...log })
  })

  it('put replaces the whole document; update changes fields and answers how many changed', async () => {
    await data.stores.put(store('s3', '徐家汇店'))
    await data.stores.put({ ...store('s3', '徐家汇新店'), phone: '021-7654321' })
    expect(await data.stores.get('s3')).toEqual({ ...store('s3', '徐家汇新店'), phone: '021-7654321' })
    expect(await data.stores.update('s3', { openingHours: '09:00-21:00' })).toBe(1)
    expect((await data.stores.get('s3'))?.openingHours).toBe('09:00-21:00')
    expect(await data.stores.update('s-none', { openingHours: '09:00-21:00' })).toBe(0)
  })

  it('update takes commands (_.inc)', async () => {
    await data.exchangeCounts.add({ _id: 'c1', count: 1 })
    const _ = h._
    expect(await data.exchangeCounts.update('c1', { count: _.inc(2) })).toBe(1)
    expect(h.executor.get('exchangeCounts', 'c1')).toMatchObject({ count: 3 })
  })

  it('remove answers how many were removed', async () => {
    await data.stores.add(store('s4', '静安店'))
    expect(await data.stores.remove('s4')).toBe(1)
    expect(await data.stores.remove('s4')).toBe(0)
    expect(await data.stores.get('s4')).toBeNull()
  })
})

describe('queries', () => {
  beforeAll(async () => {
    for (const [i, storeId] of ['qa', 'qa', 'qb', 'qa'].entries())
      await data.staff.add({ _id: `q-staff-${i}`, staffId: `Q${i}`, name: `店员${i}`, storeId, role: 'assistant', active: i !== 3 })
  })

  it('filters, orders, pages and counts', async () => {
    const inQa = data.staff.where({ storeId: 'qa' })
    expect(await inQa.count()).toBe(3)
    expect((await inQa.orderBy('staffId', 'desc').get()).map((s) => s.staffId)).toEqual(['Q3', 'Q1', 'Q0'])
    expect((await inQa.orderBy('staffId', 'asc').skip(1).limit(1).get()).map((s) => s.staffId)).toEqual(['Q1'])
    expect((await data.staff.where({ storeId: 'qa', active: true }).orderBy('staffId', 'asc').first())?.staffId).toBe('Q0')
    expect(await data.staff.where({ storeId: 'nowhere' }).first()).toBeNull()
  })

  it('takes commands and logic in filters', async () => {
    const _ = h._
    const found = await data.staff
      .where(_.or([{ staffId: 'Q2' }, { staffId: _.in(['Q3']) }]))
      .orderBy('staffId', 'asc')
      .get()
    expect(found.map((s) => s.staffId)).toEqual(['Q2', 'Q3'])
  })

  it('matches a field against a regular expression (db.RegExp)', async () => {
    const found = await data.staff
      .where({ name: h.db.RegExp({ regexp: '^店员[01]$' }) })
      .orderBy('staffId', 'asc')
      .get()
    expect(found.map((s) => s.staffId)).toEqual(['Q0', 'Q1'])
  })

  it('orders and updates by the fields of one kind in a collection of several (codeGuards)', async () => {
    const alert = (id: string, at: string) => ({
      _id: id,
      kind: 'alert' as const,
      alert: 'tillPaused' as const,
      storeId: 'qg',
      staffId: 'Q9',
      memberNo: null,
      at,
      until: null,
      resolvedAt: null,
      resolvedBy: null,
    })
    await data.codeGuards.add(alert('alert:q1', '2026-01-01T00:00:00.000Z'))
    await data.codeGuards.add(alert('alert:q2', '2026-01-02T00:00:00.000Z'))
    const newestFirst = await data.codeGuards.where({ kind: 'alert', storeId: 'qg' }).orderBy('at', 'desc').get()
    expect(newestFirst.map((a) => a._id)).toEqual(['alert:q2', 'alert:q1'])
    expect(await data.codeGuards.update('alert:q1', { resolvedAt: '2026-01-03T00:00:00.000Z', resolvedBy: 'M1' })).toBe(1)
    expect(await data.codeGuards.get('alert:q1')).toMatchObject({ resolvedAt: '2026-01-03T00:00:00.000Z', resolvedBy: 'M1' })
  })

  it('select brings back only the named fields and _id', async () => {
    const [first] = await data.staff.where({ storeId: 'qb' }).select('name').get()
    expect(first).toEqual({ _id: 'q-staff-2', name: '店员2' })
  })

  it('updates and removes what a filter matches, answering the counts', async () => {
    expect(await data.staff.where({ storeId: 'qa', active: true }).update({ active: false })).toBe(2)
    expect(await data.staff.where({ storeId: 'qa', active: true }).count()).toBe(0)
    expect(await data.staff.where({ storeId: 'qb' }).remove()).toBe(1)
    expect(await data.staff.get('q-staff-2')).toBeNull()
  })

  it('aggregates', async () => {
    const rows = await data.staff.aggregate<{ _id: string; n: number }>((p) =>
      p
        .match({ storeId: 'qa' })
        .group({ _id: '$storeId', n: h.db.command.aggregate.sum(1) })
        .sort({ _id: 1 }),
    )
    expect(rows).toEqual([{ _id: 'qa', n: 3 }])
  })
})

describe('inside a transaction', () => {
  it('reads, writes and adds; all of it lands together', async () => {
    await data.stores.add(store('t1', '陆家嘴店'))
    await inTransaction(async (t) => {
      const w = tx(t)
      const before = await w.stores.get('t1')
      await w.stores.update('t1', { name: `${before?.name ?? ''}（旗舰）` })
      await w.stores.add(store('t2', '五角场店'))
    })
    expect((await data.stores.get('t1'))?.name).toBe('陆家嘴店（旗舰）')
    expect(await data.stores.get('t2')).not.toBeNull()
  })

  it('leaves nothing behind when the work throws', async () => {
    await data.stores.add(store('t3', '七宝店'))
    await expect(
      inTransaction(async (t) => {
        const w = tx(t)
        await w.stores.put({ ...store('t3', '七宝店'), phone: '000' })
        await w.stores.add(store('t4', '不该存在'))
        throw new Error('decided against it')
      }),
    ).rejects.toThrow('decided against it')
    expect((await data.stores.get('t3'))?.phone).toBe('021-1234567')
    expect(await data.stores.get('t4')).toBeNull()
  })

  it('fails the whole transaction when an add meets an existing id', async () => {
    await data.stores.add(store('t5', '中山公园店'))
    await expect(
      inTransaction(async (t) => {
        const w = tx(t)
        await w.stores.update('t5', { name: '改了名' })
        await w.stores.add(store('t5', '重复'))
      }),
    ).rejects.toBeTruthy()
    expect((await data.stores.get('t5'))?.name).toBe('中山公园店')
  })
})
