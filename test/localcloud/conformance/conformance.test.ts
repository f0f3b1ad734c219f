/**
 * Conformance: the local cloud runs a small CloudBase project of its own (./project: a wallet and a ledger, plain
 * JavaScript on wx-server-sdk, with their collection declarations; nothing of the VIP card) and answers what CloudBase
 * documents. Each check names its source. Where CloudBase's documentation and its observed behaviour differ, the
 * comment says which one is checked and why (the local cloud's rule: never kinder than CloudBase).
 */
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { type LocalCloud, startLocalCloud } from '../../../localcloud'
import { tempDir } from '../support'

const PROJECT = join(__dirname, 'project')

type Body = Record<string, any>

let cloud: LocalCloud
let dataDir: string

beforeAll(async () => {
  dataDir = tempDir('localcloud-conformance-')
  cloud = await startLocalCloud({
    dataDir,
    functionsDir: join(PROJECT, 'cloudfunctions'),
    collectionsDir: join(PROJECT, 'database', 'collections'),
    staticDir: null,
    miniProgramPages: null,
    port: 0,
    poolSize: 2,
    logs: false,
  })
}, 30_000)

afterAll(async () => {
  await cloud?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

const OPENID = 'oWallet_conformance_1'
const wallet = (action: string, event: object = {}) => cloud.invoke('wallet', { action, ...event }, { openid: OPENID }) as Promise<Body>

let owner = 0
/** A new owner with `balances.length` accounts topped up to those balances; returns their ids. */
const ownerWith = async (balances: number[]) => {
  const id = `owner-${++owner}`
  await wallet('register', { owner: id, name: `Holder ${owner}` })
  const ids: string[] = []
  for (const [i, b] of balances.entries()) {
    const { _id } = await wallet('open', { owner: id, label: `acct-${i}` })
    if (b > 0) await wallet('topUp', { id: _id, amount: b })
    ids.push(_id)
  }
  return { owner: id, ids }
}

describe('documents: add, get, update, remove', () => {
  it('add() answers { _id, errMsg: "collection.add:ok" }; doc().get() answers { data, errMsg }', async () => {
    // Collection.add: resolves with the new record's _id (${WX}/database/collection/Collection.add.html).
    const added = await wallet('open', { owner: 'shape', label: 'main' })
    expect(added).toEqual({ _id: expect.stringMatching(/^[0-9a-f]{32}$/), errMsg: 'collection.add:ok' })
    // Document.get: { data: the record } (${WX}/database/document/Document.get.html); db.serverDate() is a Date.
    const got = await wallet('get', { id: added._id })
    expect(got).toEqual({
      data: { _id: added._id, owner: 'shape', label: 'main', balance: 0, openedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
      errMsg: 'document.get:ok',
    })
  })

  it('doc().update() answers { stats: { updated } }; where().update() and where().remove() count documents', async () => {
    const { owner: o, ids } = await ownerWith([0, 0, 100])
    // Document.update: stats.updated (${WX}/database/document/Document.update.html).
    expect(await wallet('rename', { id: ids[0], label: 'renamed' })).toEqual({ stats: { updated: 1 }, errMsg: 'document.update:ok' })
    // Collection.update (where): stats.updated = records updated (${WX}/database/collection/Collection.update.html).
    expect(await wallet('freezeAll', { owner: o })).toEqual({ stats: { updated: 3 }, errMsg: 'collection.update:ok' })
    // Collection.remove (where): stats.removed (${WX}/database/collection/Collection.remove.html).
    expect(await wallet('closeEmpty', { owner: o })).toEqual({ stats: { removed: 2 }, errMsg: 'collection.remove:ok' })
    expect((await wallet('count', { owner: o })).total).toBe(1)
  })
})

describe('transactions (runTransaction, _.inc)', () => {
  it('tops up in a transaction: the balance and the movement land together', async () => {
    const { ids } = await ownerWith([0])
    // Database.runTransaction resolves with the callback's value (${WX}/database/Database.runTransaction.html).
    expect(await wallet('topUp', { id: ids[0], amount: 250 })).toEqual({ before: 0, after: 250, updated: { updated: 1 } })
    expect((await wallet('get', { id: ids[0] })).data.balance).toBe(250)
    expect((await wallet('movements', { account: ids[0] })).data.map((m: Body) => m.amount)).toEqual([250])
  })

  it('transfers between two accounts; on insufficient funds rolls back every write and rejects with the reason', async () => {
    const { ids } = await ownerWith([300, 50])
    const [a, b] = ids
    // runTransaction: transaction.rollback(reason) makes it reject with `reason`; nothing of the transaction applies
    // (${WX}/database/transaction/Transaction.rollback.html). where().get() in the transaction sees its own writes
    // (the node-sdk's own test "事务内批量插入 条件查询"; localcloud/README.md, "Reads inside a transaction").
    expect(await wallet('transfer', { from: a, to: b, amount: 120 })).toEqual({ from: 180, to: 170, movementsSeen: 2 })
    expect(await wallet('transfer', { from: b, to: a, amount: 500 })).toEqual({
      failed: true,
      reason: { code: 'INSUFFICIENT_FUNDS', balance: 170 },
    })
    expect((await wallet('get', { id: a })).data.balance).toBe(180)
    expect((await wallet('get', { id: b })).data.balance).toBe(170)
    expect((await wallet('movements', { account: b })).data.map((m: Body) => m.kind)).toEqual(['topUp', 'in'])
  })
})

describe('queries: order, skip, limit, count, field', () => {
  it('orders, skips and limits; count() answers { total }', async () => {
    const { owner: o } = await ownerWith([30, 10, 20, 40, 0])
    // Collection.orderBy / skip / limit (${WX}/database/collection/Collection.orderBy.html, Collection.skip.html).
    const page = await wallet('list', { owner: o, skip: 1, limit: 2 })
    expect(page).toEqual({
      data: [expect.objectContaining({ balance: 30 }), expect.objectContaining({ balance: 20 })],
      errMsg: 'collection.get:ok',
    })
    // Collection.count: { total } (${WX}/database/collection/Collection.count.html).
    expect(await wallet('count', { owner: o })).toEqual({ total: 5, errMsg: 'collection.count:ok' })
    // Collection.field: only the named fields (${WX}/database/collection/Collection.field.html).
    const { ids } = await ownerWith([70])
    expect((await wallet('statement', { account: ids[0] })).data).toEqual([{ kind: 'topUp', amount: 70 }])
  })

  it('returns 100 records by default and at most 1,000', async () => {
    cloud.executor.insert(
      'movements',
      Array.from({ length: 1_100 }, (_, i) => ({
        account: 'bulk',
        kind: 'seed',
        amount: 1,
        at: `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`,
      })),
    )
    // Collection.get: "云函数端：如果没有指定 limit，则默认且最多取 100 条记录" (${WX}/database/collection/Collection.get.html);
    // Collection.limit: "在云函数端默认及最大上限为 1000" (${WX}/database/collection/Collection.limit.html). The two pages
    // disagree on the maximum; the SDK itself caps limit at 1,000 (@cloudbase/database query.js get()).
    expect((await wallet('movements', { account: 'bulk' })).data).toHaveLength(100)
    expect((await wallet('movements', { account: 'bulk', limit: 1000 })).data).toHaveLength(1000)
    expect((await wallet('movements', { account: 'bulk', limit: 5000 })).data).toHaveLength(1000)
  })
})

describe('aggregate: $group, $lookup, default limit', () => {
  it('groups per owner and joins the owner with $lookup; end() answers { list, errMsg }', async () => {
    const { owner: o } = await ownerWith([5, 7])
    // Aggregate.group / Aggregate.lookup / Aggregate.end (${WX}/database/aggregate/Aggregate.lookup.html).
    const { list, errMsg } = await wallet('report')
    expect(errMsg).toBe('collection.aggregate:ok')
    expect(list.find((r: Body) => r._id === o)).toEqual({
      _id: o,
      total: 12,
      accounts: 2,
      holder: [{ _id: o, name: expect.stringMatching(/^Holder /) }],
    })
  })

  it('returns 20 records without a limit stage', async () => {
    // Not in the reference: measured by CloudBase users ("云函数端聚合操作默认数据上限为20条",
    // https://developers.weixin.qq.com/community/develop/article/doc/000624c67c8b48611dba2b12058c13).
    expect((await wallet('movementsAggregate', { account: 'bulk' })).list).toHaveLength(20)
    expect((await wallet('movementsAggregate', { account: 'bulk', limit: 300 })).list).toHaveLength(300)
  })
})

describe('errors', () => {
  it("refuses a wrong-type update whole: errCode -502001, MongoDB's message, nothing written", async () => {
    const { ids } = await ownerWith([40])
    // CloudBase answers MongoDB's refusal as DATABASE_REQUEST_FAILED (-502001, https://docs.cloudbase.net/error-code/basic)
    // with MongoDB's message ("Cannot create field 'x' in element {field: null}" → DATABASE_REQUEST_FAILED, reported by
    // a CloudBase project: localcloud/README.md, "Wrong-type updates"); the other operators do not apply.
    const err = await wallet('corrupt', { id: ids[0] })
    expect(err).toMatchObject({ failed: true, errCode: -502001 })
    expect(err.errMsg).toContain(
      `Cannot apply $inc to a value of non-numeric type. {_id: "${ids[0]}"} has the field 'label' of non-numeric type string`,
    )
    const inTxn = await wallet('corruptInTransaction', { id: ids[0] })
    expect(inTxn).toMatchObject({ failed: true, errCode: -502001 })
    expect(inTxn.errMsg).toContain('Cannot create field \'first\' in element {label: "acct-0"}')
    expect((await wallet('get', { id: ids[0] })).data).toMatchObject({ label: 'acct-0', balance: 40 })
  })

  it('answers a missing collection with DATABASE_COLLECTION_NOT_EXIST (-502005)', async () => {
    // Error codes: -502005 "database collection not exists" (https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-server-api/errcode.html).
    const err = await wallet('missingCollection')
    expect(err).toMatchObject({ failed: true, errCode: -502005 })
    expect(err.errMsg).toContain('no_such_collection')
  })
})

describe('callFunction between functions', () => {
  it("runs the other function with the caller's identity: { result, errMsg: 'callFunction:ok', requestID }", async () => {
    const { ids } = await ownerWith([80])
    // cloud.callFunction resolves { errMsg, result, requestID } (${WX}/functions/Cloud.callFunction.html); in a cloud
    // function the errMsg is wx-server-sdk's own `${apiName}:ok` with apiName 'callFunction' (its
    // src/api/functions/api/callFunction.ts), not the mini program's 'cloud.callFunction:ok'.
    const answer = await wallet('audit', { account: ids[0] })
    expect(answer).toEqual({
      result: { account: ids[0], movements: 1, net: 80, caller: OPENID },
      errMsg: 'callFunction:ok',
      requestID: expect.any(String),
    })
  })
})
