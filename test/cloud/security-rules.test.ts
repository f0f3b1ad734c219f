/**
 * Database security rules, enforced by the local cloud for client-side access (`wx.cloud.database()`): the
 * rules are the ones in database/collections/*.json (what the deploy uploads), requests go through the gateway's
 * `POST /local/db` built by the client SDK's own query builder (@cloudbase/database, which wx.cloud and
 * @cloudbase/js-sdk use), and the caller is the WeChat user. Clients read and write nothing — not even a member
 * their own member document, which also holds the store's record of them (staff notes, birthday corrections,
 * reassignments, the inviter and the referral's review): the member reads their own data through the `member`
 * function's views. Every request is denied, and nothing changes. An owner rule (`doc._id == auth.openid`), as
 * members had before, is still evaluated as CloudBase does, on a cloud started with one.
 */
import { readFileSync, readdirSync, rmSync, writeFileSync, cpSync } from 'node:fs'
import { join } from 'node:path'
import { startLocalCloud } from '../../localcloud'
import { functionsOutDir } from '../../scripts/build-functions'
import { DEMO_ASSISTANT, DEMO_COLLEAGUE, DEMO_JOIN_SCENE, DEMO_MANAGER, DEMO_OPERATOR } from '../../scripts/demo-data'
import { miniProgramPages } from '../../scripts/local-cloud'
import { PRIVACY_NOTICE_VERSION } from '../../src/api/privacy'
import { startTestCloud } from './harness'
import { tempDir } from '../support/temp'

// The client SDK's query builder, untyped as client code drives it.
type Any = any
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
const clientDb = (openid: string | null, url = h.cloud.url) => {
  class GatewayRequest {
    async send(action: string, params: Record<string, unknown>) {
      const res = await fetch(`${url}/local/db`, {
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
  it('no collection lets a client write or read, members included', () => {
    expect(declared.length).toBeGreaterThan(20)
    for (const c of declared) {
      expect({ name: c.name, write: c.rules?.write }).toEqual({ name: c.name, write: false })
      expect({ name: c.name, read: c.rules?.read }).toEqual({ name: c.name, read: false })
    }
  })
})

describe('a member reading through the client SDK', () => {
  it('is denied their own member document, however asked: it holds the store’s record of them too', async () => {
    const db = clientDb(alice.openid)
    expect(await db.collection('members').doc(alice.openid).get()).toMatchObject(DENIED)
    expect(await db.collection('members').doc(alice.openid).field({ memberNo: true }).get()).toMatchObject(DENIED)
    expect(await db.collection('members').where({ _id: '{openid}' }).get()).toMatchObject(DENIED)
    expect(await db.collection('members').where({ _id: '{openid}', tier: 'member' }).count()).toMatchObject(DENIED)
  })

  it("is denied another member's card, by id or by any query that could reach it", async () => {
    const db = clientDb(alice.openid)
    const _ = db.command
    expect(await db.collection('members').doc(bob.openid).get()).toMatchObject(DENIED)
    expect(await db.collection('members').where({ memberNo: bob.memberNo }).get()).toMatchObject(DENIED)
    expect(await db.collection('members').get()).toMatchObject(DENIED)
    expect(await db.collection('members').count()).toMatchObject(DENIED)
    expect(
      await db
        .collection('members')
        .where({ _id: _.in([alice.openid, bob.openid]) })
        .get(),
    ).toMatchObject(DENIED)
    expect(
      await db
        .collection('members')
        .where(_.or([{ _id: alice.openid }, { _id: bob.openid }]))
        .get(),
    ).toMatchObject(DENIED)
    expect(
      await db
        .collection('members')
        .where({ _id: _.neq(alice.openid) })
        .get(),
    ).toMatchObject(DENIED)
  })

  it('is denied every collection, even the documents about them', async () => {
    const db = clientDb(alice.openid)
    for (const { name } of declared) {
      expect({ name, res: await db.collection(name).where({ memberId: alice.openid }).get() }).toMatchObject({ name, res: DENIED })
      expect({ name, res: await db.collection(name).doc(alice.openid).get() }).toMatchObject({ name, res: DENIED })
    }
  })

  it('anonymous callers read nothing, not even with an id guessed right', async () => {
    expect(await clientDb(null).collection('members').doc(alice.openid).get()).toMatchObject(DENIED)
    expect(await clientDb(null).collection('members').where({ _id: '{openid}' }).get()).toMatchObject(DENIED)
  })
})

describe('staff data about a member, read as that member through the client SDK', () => {
  const NOTE = '偏爱驼色大衣，十二月初回访'
  const REASON = '登记时误选月份，顾客出示身份证更正'

  it('none of it is there: notes, birthday corrections, reassignments, the inviter and the review status', async () => {
    // A friend of Alice's (the same number range: held for review) joins at the demo store, and the store keeps
    // a record: a note, a birthday correction with its reason, a hand-over to another assistant.
    const openid = 'rules-invitee'
    const { referralCode } = h.cloud.executor.get('members', alice.openid) as unknown as { referralCode: string }
    const { member } = await h.ok(openid, 'member', 'join', {
      name: '孙悦',
      mobile: '15900000099',
      birthday: { month: 3, day: 8 },
      consent: { accepted: true, version: PRIVACY_NOTICE_VERSION },
      scene: DEMO_JOIN_SCENE,
      referral: referralCode,
    })
    await h.ok(DEMO_ASSISTANT._id, 'staff', 'updateCustomerCard', { memberCode: member.memberNo, profile: { notes: NOTE } })
    await h.ok(DEMO_ASSISTANT._id, 'staff', 'correctBirthday', {
      memberCode: member.memberNo,
      birthday: { month: 4, day: 8 },
      reason: REASON,
    })
    await h.ok(DEMO_MANAGER._id, 'staff', 'reassign', { memberCode: member.memberNo, staffId: DEMO_COLLEAGUE.staffId })

    const db = clientDb(openid)
    const reads = {
      byId: await db.collection('members').doc(openid).get(),
      byOwnOpenid: await db.collection('members').where({ _id: '{openid}' }).get(),
      fields: await db
        .collection('members')
        .doc(openid)
        .field({ profile: true, birthdayChanges: true, assignmentLog: true, referredBy: true })
        .get(),
    }
    // What the member does read of themself: the card and my profile, both views made by the member function.
    Object.assign(reads, { getCard: await h.ok(openid, 'member', 'getCard', {}), profile: await h.ok(openid, 'member', 'profile', {}) })
    for (const [how, res] of Object.entries(reads)) {
      const text = JSON.stringify(res)
      for (const secret of [
        'notes',
        NOTE,
        'birthdayChanges',
        REASON,
        'assignmentLog',
        DEMO_COLLEAGUE.staffId,
        'referredBy',
        alice.openid,
        'held',
      ]) {
        expect({ how, secret, found: text.includes(secret) }).toEqual({ how, secret, found: false })
      }
    }

    // The store still has all of it: the record shows the note and the new assistant, operators the held referral.
    const record = await h.ok(DEMO_MANAGER._id, 'staff', 'customer', { code: member.memberNo })
    expect(record.customer).toMatchObject({
      profile: { notes: NOTE },
      assistant: { staffId: DEMO_COLLEAGUE.staffId },
      birthday: { month: 4, day: 8 },
    })
    const held = await h.ok(DEMO_OPERATOR._id, 'ops', 'referrals', { status: 'held' })
    expect(held.referrals).toContainEqual(expect.objectContaining({ invitee: { name: '孙悦', memberNo: member.memberNo }, status: 'held' }))
    expect(h.cloud.executor.get('members', openid)).toMatchObject({
      birthdayChanges: [{ reason: REASON }],
      assignmentLog: [{ to: DEMO_COLLEAGUE.staffId }],
      referredBy: { inviterId: alice.openid, status: 'held' },
    })
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
        add: await db
          .collection(name)
          .add({ data: { _id: `client-${name}`, memberId: alice.openid } })
          .catch((e: Error) => ({ thrown: e.message })),
        update: await db
          .collection(name)
          .doc(alice.openid)
          .update({ data: { pointsBalance: _.inc(1_000_000) } }),
        set: await db
          .collection(name)
          .doc(alice.openid)
          .set({ data: { tier: 'gold' } }),
        whereUpdate: await db
          .collection(name)
          .where({ _id: '{openid}' })
          .update({ data: { tier: 'gold' } }),
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
      (
        await fetch(`${h.cloud.url}/local/db`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-local-openid': alice.openid },
          body: JSON.stringify(body),
        })
      ).json()
    expect(await post({ action: 'database.startTransaction' })).toMatchObject(DENIED)
    expect(
      await post({
        action: 'database.getDocument',
        collectionName: 'members',
        queryType: 'DOC',
        query: JSON.stringify({ _id: alice.openid }),
        transactionId: 'x',
      }),
    ).toMatchObject(DENIED)
    expect(
      await post({
        action: 'database.aggregateDocuments',
        collectionName: 'members',
        stages: [{ stageKey: '$match', stageValue: JSON.stringify({ _id: alice.openid }) }],
      }),
    ).toMatchObject(DENIED)
    expect(await post({ action: 'database.addCollection', collectionName: 'mine' })).toMatchObject(DENIED)
  })

  it('the programmatic API answers as the gateway does', () => {
    expect(
      h.cloud.clientDb(bob.openid, 'database.getDocument', {
        collectionName: 'members',
        queryType: 'DOC',
        query: JSON.stringify({ _id: bob.openid }),
      }),
    ).toMatchObject(DENIED)
    expect(
      h.cloud.clientDb(bob.openid, 'database.getDocument', {
        collectionName: 'ledger',
        queryType: 'WHERE',
        query: JSON.stringify({ memberId: bob.openid }),
      }),
    ).toMatchObject(DENIED)
  })
})

describe('an owner rule (`doc._id == auth.openid`), on a cloud started with one for members', () => {
  let dir: string
  let owned: Awaited<ReturnType<typeof startLocalCloud>>
  beforeAll(async () => {
    dir = tempDir('vipcard-rules-')
    cpSync(COLLECTIONS_DIR, join(dir, 'collections'), { recursive: true })
    const file = join(dir, 'collections', 'members.json')
    writeFileSync(
      file,
      JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), rules: { read: 'doc._id == auth.openid', write: false } }),
    )
    owned = await startLocalCloud({
      dataDir: join(dir, 'data'),
      functionsDir: functionsOutDir,
      miniProgramPages: miniProgramPages(),
      collectionsDir: join(dir, 'collections'),
      port: 0,
      staticDir: null,
      logs: false,
    })
    owned.executor.insert(
      'members',
      [alice, bob].map((m, i) => ({
        _id: m.openid,
        memberNo: m.memberNo,
        mobile: `1590000010${i}`,
        referralCode: `OWN${i}`,
        tier: 'member',
      })),
    )
  }, 60_000)
  afterAll(async () => {
    await owned?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('lets the owner read their document', async () => {
    const res = await clientDb(alice.openid, owned.url).collection('members').doc(alice.openid).get()
    expect(res.code).toBeUndefined()
    expect(res.data).toEqual([expect.objectContaining({ _id: alice.openid, memberNo: alice.memberNo })])
    expect(
      owned.clientDb(bob.openid, 'database.getDocument', {
        collectionName: 'members',
        queryType: 'DOC',
        query: JSON.stringify({ _id: bob.openid }),
      }),
    ).toMatchObject({
      data: { list: [expect.stringContaining(bob.memberNo)] },
    })
  })

  it("denies another member's document, by id or by any query that could reach it", async () => {
    const db = clientDb(alice.openid, owned.url)
    const _ = db.command
    expect(await db.collection('members').doc(bob.openid).get()).toMatchObject(DENIED)
    expect(await db.collection('members').where({ memberNo: bob.memberNo }).get()).toMatchObject(DENIED)
    expect(await db.collection('members').get()).toMatchObject(DENIED)
    expect(await db.collection('members').count()).toMatchObject(DENIED)
    expect(
      await db
        .collection('members')
        .where({ _id: _.in([alice.openid, bob.openid]) })
        .get(),
    ).toMatchObject(DENIED)
    expect(
      await db
        .collection('members')
        .where(_.or([{ _id: alice.openid }, { _id: bob.openid }]))
        .get(),
    ).toMatchObject(DENIED)
    expect(
      await db
        .collection('members')
        .where({ _id: _.neq(alice.openid) })
        .get(),
    ).toMatchObject(DENIED)
    expect(await clientDb(null, owned.url).collection('members').doc(alice.openid).get()).toMatchObject(DENIED)
  })

  it("takes '{openid}' in a query for the caller", async () => {
    const db = clientDb(bob.openid, owned.url)
    const res = await db.collection('members').where({ _id: '{openid}' }).get()
    expect(res.data.map((m: { _id: string }) => m._id)).toEqual([bob.openid])
    expect(await db.collection('members').where({ _id: '{openid}', tier: 'member' }).count()).toMatchObject({ total: 1 })
  })
})

describe('rules the local cloud cannot evaluate exactly', () => {
  it('fail the start, naming the collection', async () => {
    const dir = tempDir('vipcard-rules-')
    try {
      cpSync(COLLECTIONS_DIR, join(dir, 'collections'), { recursive: true })
      const file = join(dir, 'collections', 'stores.json')
      const stores = JSON.parse(readFileSync(file, 'utf8'))
      writeFileSync(file, JSON.stringify({ ...stores, rules: { read: "get('database.staff.${auth.openid}').active", write: false } }))
      await expect(
        startLocalCloud({
          dataDir: join(dir, 'data'),
          functionsDir: functionsOutDir,
          miniProgramPages: miniProgramPages(),
          collectionsDir: join(dir, 'collections'),
          port: 0,
          staticDir: null,
          logs: false,
        }),
      ).rejects.toThrow(/stores\.json: rules\.read: .*not supported/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
