/**
 * Database security rules, enforced by the local cloud for client-side access (`wx.cloud.database()`): the
 * rules are the ones in database/collections/*.json (what the deploy uploads), requests go through the gateway's
 * `POST /local/db` built by the client SDK's own query builder (@cloudbase/database, which wx.cloud and
 * @cloudbase/js-sdk use), and the caller is the WeChat user. Clients write nothing; a member reads only their own
 * member document; everything else is denied, and nothing changes.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, cpSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startLocalCloud } from '../../localcloud'
import { functionsOutDir } from '../../scripts/build-functions'
import { startTestCloud } from './harness'

// The client SDK's query builder, untyped as client code drives it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Db } = require('@cloudbase/database') as Any

const COLLECTIONS_DIR = join(__dirname, '../../database/collections')
const declared = readdirSync(COLLECTIONS_DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(COLLECTIONS_DIR, f), 'utf8')) as { name: string; rules: { read: unknown; write: unknown } })

type Harness = Awaited<ReturnType<typeof startTestCloud>>
let h: Harness
let alice: { openid: string; memberNo: string }
let bob: { openid: string; memberNo: string }

/** A client database as `wx.cloud.database()` would give the signed-in user `openid` (null: not signed in). */
const clientDb = (openid: string | null) => {
  class GatewayRequest {
    async send(action: string, params: Record<string, unknown>) {
      const res = await fetch(`${h.cloud.url}/local/db`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(openid ? { 'x-local-openid': openid } : {}) },
        body: JSON.stringify({ action, ...params }),
      })
      expect(res.status).toBe(200)
      return res.json()
    }
  }
  Db.reqClass = GatewayRequest
  return new Db({ env: 'local' })
}

const DENIED = { code: 'DATABASE_PERMISSION_DENIED' }

beforeAll(async () => {
  h = await startTestCloud()
  alice = await h.joinedShopper('rules-alice')
  bob = await h.joinedShopper('rules-bob')
}, 60_000)
afterAll(() => h?.close())

describe('the rules as declared (what the deploy uploads)', () => {
  it('no collection lets a client write, and only members may be read, by their owner', () => {
    expect(declared.length).toBeGreaterThan(20)
    for (const c of declared) {
      expect({ name: c.name, write: c.rules?.write }).toEqual({ name: c.name, write: false })
      expect({ name: c.name, read: c.rules?.read }).toEqual({ name: c.name, read: c.name === 'members' ? 'doc._id == auth.openid' : false })
    }
  })
})

describe('a member reading through the client SDK', () => {
  it('reads their own card, the whole document', async () => {
    const res = await clientDb(alice.openid).collection('members').doc(alice.openid).get()
    expect(res.code).toBeUndefined()
    expect(res.data).toHaveLength(1)
    expect(res.data[0]).toMatchObject({ _id: alice.openid, memberNo: alice.memberNo })
  })

  it("is denied another member's card, by id or by any query that could reach it", async () => {
    const db = clientDb(alice.openid)
    const _ = db.command
    expect(await db.collection('members').doc(bob.openid).get()).toMatchObject(DENIED)
    expect(await db.collection('members').where({ memberNo: bob.memberNo }).get()).toMatchObject(DENIED)
    expect(await db.collection('members').get()).toMatchObject(DENIED)
    expect(await db.collection('members').count()).toMatchObject(DENIED)
    expect(await db.collection('members').where({ _id: _.in([alice.openid, bob.openid]) }).get()).toMatchObject(DENIED)
    expect(await db.collection('members').where(_.or([{ _id: alice.openid }, { _id: bob.openid }])).get()).toMatchObject(DENIED)
    expect(await db.collection('members').where({ _id: _.neq(alice.openid) }).get()).toMatchObject(DENIED)
  })

  it("may query by '{openid}', which stands for the caller", async () => {
    const db = clientDb(bob.openid)
    const res = await db.collection('members').where({ _id: '{openid}' }).get()
    expect(res.data.map((m: { _id: string }) => m._id)).toEqual([bob.openid])
    expect(await db.collection('members').where({ _id: '{openid}', tier: 'member' }).count()).toMatchObject({ total: 1 })
  })

  it('is denied every other collection, even the documents about them', async () => {
    const db = clientDb(alice.openid)
    for (const { name } of declared.filter((c) => c.name !== 'members')) {
      expect({ name, res: await db.collection(name).where({ memberId: alice.openid }).get() }).toMatchObject({ name, res: DENIED })
      expect({ name, res: await db.collection(name).doc(alice.openid).get() }).toMatchObject({ name, res: DENIED })
    }
  })

  it('anonymous callers read nothing, not even with an id guessed right', async () => {
    expect(await clientDb(null).collection('members').doc(alice.openid).get()).toMatchObject(DENIED)
    expect(await clientDb(null).collection('members').where({ _id: '{openid}' }).get()).toMatchObject(DENIED)
  })
})

describe('writes from a client', () => {
  const snapshot = () => Object.fromEntries(declared.map((c) => [c.name, h.cloud.executor.find(c.name)]))

  it('are denied on every collection, their own card included, and change nothing', async () => {
    const before = snapshot()
    const db = clientDb(alice.openid)
    const _ = db.command
    for (const { name } of declared) {
      const tries = {
        add: await db.collection(name).add({ data: { _id: `client-${name}`, memberId: alice.openid } }).catch((e: Error) => ({ thrown: e.message })),
        update: await db.collection(name).doc(alice.openid).update({ data: { pointsBalance: _.inc(1_000_000) } }),
        set: await db.collection(name).doc(alice.openid).set({ data: { tier: 'gold' } }),
        whereUpdate: await db.collection(name).where({ _id: '{openid}' }).update({ data: { tier: 'gold' } }),
        remove: await db.collection(name).doc(alice.openid).remove(),
        whereRemove: await db.collection(name).where({ _id: '{openid}' }).remove(),
      }
      for (const [op, res] of Object.entries(tries)) expect({ name, op, res }).toMatchObject({ name, op, res: DENIED })
    }
    expect(snapshot()).toEqual(before)
    expect(h.cloud.executor.get('members', alice.openid)).toMatchObject({ tier: 'member', pointsBalance: 0 })
  })

  it('cannot open a transaction or aggregate around the rules', async () => {
    const post = async (body: object) =>
      (await fetch(`${h.cloud.url}/local/db`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-local-openid': alice.openid }, body: JSON.stringify(body) })).json()
    expect(await post({ action: 'database.startTransaction' })).toMatchObject(DENIED)
    expect(await post({ action: 'database.getDocument', collectionName: 'members', queryType: 'DOC', query: JSON.stringify({ _id: alice.openid }), transactionId: 'x' })).toMatchObject(DENIED)
    expect(
      await post({ action: 'database.aggregateDocuments', collectionName: 'members', stages: [{ stageKey: '$match', stageValue: JSON.stringify({ _id: alice.openid }) }] }),
    ).toMatchObject(DENIED)
    expect(await post({ action: 'database.addCollection', collectionName: 'mine' })).toMatchObject(DENIED)
  })

  it('the programmatic API answers as the gateway does', () => {
    expect(h.cloud.clientDb(bob.openid, 'database.getDocument', { collectionName: 'members', queryType: 'DOC', query: JSON.stringify({ _id: bob.openid }) })).toMatchObject({
      data: { list: [expect.stringContaining(bob.memberNo)] },
    })
    expect(h.cloud.clientDb(bob.openid, 'database.getDocument', { collectionName: 'ledger', queryType: 'WHERE', query: JSON.stringify({ memberId: bob.openid }) })).toMatchObject(DENIED)
  })
})

describe('rules the local cloud cannot evaluate exactly', () => {
  it('fail the start, naming the collection', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vipcard-rules-'))
    try {
      cpSync(COLLECTIONS_DIR, join(dir, 'collections'), { recursive: true })
      const file = join(dir, 'collections', 'stores.json')
      const stores = JSON.parse(readFileSync(file, 'utf8'))
      writeFileSync(file, JSON.stringify({ ...stores, rules: { read: "get('database.staff.${auth.openid}').active", write: false } }))
      await expect(
        startLocalCloud({ dataDir: join(dir, 'data'), functionsDir: functionsOutDir, collectionsDir: join(dir, 'collections'), port: 0, staticDir: null, logs: false }),
      ).rejects.toThrow(/stores\.json: rules\.read: .*not supported/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
