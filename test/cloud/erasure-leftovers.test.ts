/**
 * Data left after 注销 (issue 17, item 9): every 导出我的数据 file is tracked until it is deleted (not only the
 * last ten), expires after 7 days anyway (the hourly upkeep deletes it), and a phone number written in any
 * format (138 1234 5678, 138-1234-5678, +86 138…) in free text is scrubbed. Proved by searching, after the
 * erasure, every collection the database has (enumerated from it, not from a list) and every stored file for the
 * member's name, phone (in several formats) and openid.
 */
import { DEMO_ASSISTANT, DEMO_JOIN_SCENE, DEMO_OPERATOR } from '../../scripts/demo-data'
import { LOCAL_COLLECTIONS } from '../../localcloud/executor/executor'
import { PRIVACY_NOTICE_VERSION } from '../../src/api/privacy'
import { DELETE_CONFIRM_PHRASE } from '../../src/domain/erasure'
import { startTestCloud } from './harness'
import { at } from '../support/clock'

type Harness = Awaited<ReturnType<typeof startTestCloud>>
let h: Harness
beforeAll(async () => {
  h = await startTestCloud()
}, 60_000)
afterAll(() => h?.close())

const minutesAfter = (clock: string, m: number) => new Date(Date.parse(clock) + m * 60_000).toISOString()
const NOW = at('2026-11-20T10:00:00')
type Doc = Record<string, unknown> & { _id: string }
const find = (coll: string, filter: object = {}) => h.cloud.executor.find(coll, filter as Record<string, unknown>) as Doc[]
let seq = 0
const requestId = (p: string) => `${p}-${++seq}-${Date.now()}`

const join = (
  openid: string,
  who: { name: string; mobile: string },
  options: { unionid?: string; referral?: string; scene?: string; clock?: string } = {},
) =>
  h.cloud.invoke(
    'member',
    {
      action: 'join',
      input: {
        name: who.name,
        mobile: who.mobile,
        birthday: { year: 1990, month: 5, day: 4 },
        consent: { accepted: true, version: PRIVACY_NOTICE_VERSION },
        ...(options.referral ? { referral: options.referral } : {}),
        ...(options.scene ? { scene: options.scene } : {}),
      },
    },
    { openid, unionid: options.unionid, clock: options.clock ?? NOW },
  ) as Promise<{ ok: boolean; data?: { member: { memberNo: string } } }>

const erase = async (openid: string, clock: string) => {
  let r = await h.ok(openid, 'member', 'deleteMembership', { confirm: DELETE_CONFIRM_PHRASE }, { clock })
  for (let i = 0; r.status === 'inProgress' && i < 10; i++)
    r = await h.ok(openid, 'member', 'deleteMembership', { confirm: DELETE_CONFIRM_PHRASE }, { clock })
  expect(r.status).toBe('deleted')
}

/** The phone number as people write it. */
const formats = (mobile: string) => {
  const [a, b, c] = [mobile.slice(0, 3), mobile.slice(3, 7), mobile.slice(7)]
  return { plain: mobile, spaced: `${a} ${b} ${c}`, dashed: `${a}-${b}-${c}`, international: `+86 ${a} ${b} ${c}` }
}

/**
 * Every place that still names the subject: each document of each collection the database has (but the local
 * cloud's own, which stand for WeChat's side), and each stored file. A phone number also counts when written
 * with any separators, so its digits are searched in each string with separators taken out.
 */
/** Replaces markers in every stored document, as text written before a rule would lie there. */
const plant = (replacements: Record<string, string>) => {
  for (const c of h.cloud.executor.collections()) {
    for (const doc of find(c)) {
      const json = JSON.stringify(doc)
      if (!Object.keys(replacements).some((marker) => json.includes(marker))) continue
      h.cloud.executor.remove(c, { _id: doc._id })
      h.cloud.executor.insert(
        c,
        JSON.parse(Object.entries(replacements).reduce((text, [marker, value]) => text.split(marker).join(value), json)),
      )
    }
  }
}

const leftovers = (subject: { openid: string; unionid?: string; name: string; mobile: string }) => {
  const p = formats(subject.mobile)
  const needles = [
    subject.openid,
    ...(subject.unionid ? [subject.unionid] : []),
    subject.name,
    p.plain,
    p.spaced,
    p.dashed,
    p.international,
  ]
  const names = (text: string) => needles.some((n) => text.includes(n)) || text.replace(/[\s\-–—.()（）+]/g, '').includes(subject.mobile)
  const strings = (value: unknown): string[] =>
    typeof value === 'string'
      ? [value]
      : Array.isArray(value)
        ? value.flatMap(strings)
        : value && typeof value === 'object'
          ? Object.entries(value).flatMap(([k, v]) => [k, ...strings(v)])
          : []
  const local = new Set(LOCAL_COLLECTIONS.map((c) => c.name))
  const collections = h.cloud.executor.collections().filter((c) => !local.has(c))
  expect(collections).toEqual(expect.arrayContaining(['members', 'ledger', 'callbacks', 'personalExports', 'exports', 'erasedGrants']))
  const inDocs = collections.flatMap((c) =>
    find(c)
      .filter((d) => strings(d).some(names))
      .map((d) => `${c}/${d._id}`),
  )
  const files = h.cloud.storage.list()
  const inFiles = files.filter((f) => names((h.cloud.storage.read(f) as Buffer).toString('utf8')))
  return { inDocs, inFiles, files: files.length }
}

describe('导出我的数据: every file tracked until deleted', () => {
  it('deletes all eleven of eleven exports with the membership (the member document remembered only ten)', async () => {
    const gina = { openid: 'left-gina-Jx1', name: '郭吉娜', mobile: '13765430001' }
    expect(await join(gina.openid, gina)).toMatchObject({ ok: true })
    const files: string[] = []
    for (let i = 0; i < 11; i++) files.push((await h.ok(gina.openid, 'member', 'myData', {}, { clock: minutesAfter(NOW, i) })).fileID)
    expect(files.every((f) => h.cloud.storage.read(f) !== null)).toBe(true)
    await erase(gina.openid, minutesAfter(NOW, 20))
    expect(files.filter((f) => h.cloud.storage.read(f) !== null)).toEqual([])
    expect(leftovers(gina).inFiles).toEqual([])
  })

  it('expires an export after 7 days: the hourly upkeep deletes the file of a member who stays', async () => {
    const hana = { openid: 'left-hana-Qp2', name: '韩娜娜', mobile: '13765430002' }
    expect(await join(hana.openid, hana)).toMatchObject({ ok: true })
    const made = at('2026-11-21T09:30:00')
    const { fileID } = await h.ok(hana.openid, 'member', 'myData', {}, { clock: made })
    const later = (await h.ok(hana.openid, 'member', 'myData', {}, { clock: at('2026-11-25T09:30:00') })).fileID
    // Six days on: still there (the hour's run at 09:05 on the 28th is before its expiry at 09:30).
    await h.cloud.fireTimer('jobs', 'upkeep', { clock: at('2026-11-28T09:05:00') })
    expect(h.cloud.storage.read(fileID)).not.toBeNull()
    // The first run after 7 days deletes it, and only it.
    const fired = await h.cloud.fireTimer('jobs', 'upkeep', { clock: at('2026-11-28T10:05:00') })
    expect(h.cloud.storage.read(fileID)).toBeNull()
    expect(h.cloud.storage.read(later)).not.toBeNull()
    expect((fired.body as { data: { job: string; changed: number }[] }).data.find((r) => r.job === 'export-expiry')).toMatchObject({
      changed: 1,
    })
    expect(find('personalExports', { memberId: hana.openid })).toHaveLength(1)
    await h.cloud.fireTimer('jobs', 'upkeep', { clock: at('2026-12-02T10:05:00') })
    expect(h.cloud.storage.read(later)).toBeNull()
    expect(find('personalExports', { memberId: hana.openid })).toEqual([])
  })

  it('expires an operator’s export file after 7 days too, keeping the log of who exported what', async () => {
    const made = at('2026-12-10T09:00:00')
    const { fileID } = await h.ok(DEMO_OPERATOR._id, 'export', 'members', {}, { clock: made })
    await h.cloud.fireTimer('jobs', 'upkeep', { clock: at('2026-12-17T08:05:00') })
    expect(h.cloud.storage.read(fileID)).not.toBeNull()
    await h.cloud.fireTimer('jobs', 'upkeep', { clock: at('2026-12-17T09:05:00') })
    expect(h.cloud.storage.read(fileID)).toBeNull()
    expect(find('exports', { fileID })).toMatchObject([
      { kind: 'members', operatorId: DEMO_OPERATOR.operatorId, fileDeletedAt: at('2026-12-17T09:05:00') },
    ])
  })
})

describe('after 注销, nothing names the member in any collection or any stored file', () => {
  const alice = { openid: 'left-alice-oYq8', unionid: 'left-union-alice-Zt4', name: '欧阳晓雯', mobile: '13712345670' }
  const clock = (m: number) => minutesAfter(at('2026-11-20T11:00:00'), m)

  beforeAll(async () => {
    const carol = 'left-carol'
    expect(await join(carol, { name: '李卡洛', mobile: '13911112223' })).toMatchObject({ ok: true })
    const carolCode = (h.cloud.executor.get('members', carol) as unknown as { referralCode: string }).referralCode
    const joined = await join(alice.openid, alice, { unionid: alice.unionid, referral: carolCode, scene: DEMO_JOIN_SCENE, clock: clock(0) })
    expect(joined).toMatchObject({ ok: true })
    const memberNo = joined.data!.member.memberNo
    const p = formats(alice.mobile)

    await h.ok(
      DEMO_ASSISTANT._id,
      'staff',
      'recordPurchase',
      { memberCode: await h.tillCode(alice.openid, clock(1)), amountFen: 80_000, orderNo: 'LEFT-1' },
      { clock: clock(1) },
    )
    await h.ok(
      DEMO_ASSISTANT._id,
      'staff',
      'recordRefund',
      { orderNo: 'LEFT-1', amountFen: 10_000, requestId: requestId('refund') },
      { clock: clock(2) },
    )
    await h.ok(alice.openid, 'member', 'exchange', { itemId: 'tote-bag', requestId: requestId('ex') }, { clock: clock(2) })
    await h.ok(alice.openid, 'member', 'recordSubscription', { template: 'birthdayCoupon', accepted: true }, { clock: clock(2) })
    await h.ok(alice.openid, 'member', 'invite', {}, { clock: clock(2) })
    const aliceCode = (h.cloud.executor.get('members', alice.openid) as unknown as { referralCode: string }).referralCode
    expect(await join('left-bob', { name: '王波', mobile: '13822223334' }, { referral: aliceCode, clock: clock(3) })).toMatchObject({
      ok: true,
    })

    // Free text that quotes her, the phone written as people write it. Staff and operators can no longer type a
    // number into words (test/cloud/typed-phones.test.ts): markers are written, then replaced in the stored
    // documents, as text written before that rule lies there.
    await h.ok(
      DEMO_OPERATOR._id,
      'ops',
      'adjustPoints',
      { memberCode: memberNo, points: 50, reason: `补录：${alice.name}来电 TEL-SPACED，另留 TEL-DASHED`, requestId: requestId('adj') },
      { clock: clock(4) },
    )
    await h.ok(
      DEMO_OPERATOR._id,
      'ops',
      'adjustPoints',
      { memberCode: memberNo, points: -10, reason: '更正，客户手机 TEL-INTERNATIONAL', requestId: requestId('adj') },
      { clock: clock(4) },
    )
    await h.ok(
      DEMO_ASSISTANT._id,
      'staff',
      'correctBirthday',
      { memberCode: memberNo, birthday: { year: 1990, month: 6, day: 4 }, reason: '本人来电 TEL-DASHED 说选错月份' },
      { clock: clock(5) },
    )
    await h.ok(
      DEMO_ASSISTANT._id,
      'staff',
      'logCallback',
      { memberCode: memberNo, outcome: 'reached', note: `${alice.name}换号前用 TEL-SPACED`, requestId: requestId('cb') },
      { clock: clock(5) },
    )
    await h.ok(
      DEMO_ASSISTANT._id,
      'staff',
      'updateCustomerCard',
      { memberCode: memberNo, profile: { colours: ['红色'], styles: [], notes: '喜欢红色，联系 TEL-DASHED' } },
      { clock: clock(6) },
    )
    plant({ 'TEL-SPACED': p.spaced, 'TEL-DASHED': p.dashed, 'TEL-INTERNATIONAL': p.international })
    await h.ok(
      alice.openid,
      'member',
      'updateProfile',
      { deliveryAddress: { recipient: alice.name, phone: alice.mobile, address: '上海市静安区南京西路 1 号' } },
      { clock: clock(6) },
    )
    h.cloud.executor.insert('segments', [
      { _id: alice.openid, class: 'B', r: 5, f: 1, m: 3, storeId: 'SH001', rulesVersion: 1, at: clock(6) },
    ])
    // Eleven exports of her own data, and the operators' exports of the member list and the ledger.
    for (let i = 0; i < 11; i++) await h.ok(alice.openid, 'member', 'myData', {}, { clock: clock(7 + i) })
    await h.ok(DEMO_OPERATOR._id, 'export', 'members', {}, { clock: clock(20) })
    await h.ok(DEMO_OPERATOR._id, 'export', 'ledger', { from: '2026-11-20', to: '2026-11-20' }, { clock: clock(20) })
    // Her inviter's and her friend's own exports hold her as a relation, never by name or openid.
    const friendsFiles: string[] = []
    for (const friend of [carol, 'left-bob']) friendsFiles.push((await h.ok(friend, 'member', 'myData', {}, { clock: clock(21) })).fileID)

    // Before: she is named all over.
    const before = leftovers(alice)
    expect(before.inDocs.length).toBeGreaterThan(10)
    // Her 11 exports and the operators' 2.
    expect(before.inFiles.length).toBeGreaterThanOrEqual(13)
    expect(before.inFiles.filter((f) => friendsFiles.includes(f))).toEqual([])
    await erase(alice.openid, clock(30))
  }, 120_000)

  it('finds her name, phone (plain, spaced, dashed, +86) and openid nowhere: no document, no file', () => {
    const after = leftovers(alice)
    expect(after.inDocs).toEqual([])
    expect(after.inFiles).toEqual([])
  })

  it('keeps what the books need: the adjustments’ reasons read with the phone taken out', () => {
    const [tomb] = find('erasedMembers', { state: 'erased' }).filter(
      (t) => find('ledger', { memberId: t._id, kind: 'adjust', points: 50 }).length > 0,
    )
    const reasons = find('ledger', { memberId: tomb._id, kind: 'adjust' })
      .map((e) => e.reason as string)
      .sort()
    expect(reasons).toEqual(['更正，客户手机 ***', '注销会员，积分作废', '补录：已注销会员来电 ***，另留 ***'].sort())
  })
})
