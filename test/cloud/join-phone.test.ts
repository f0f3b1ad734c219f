/**
 * Joining without typing: the page sends the one-time code of `<button open-type="getPhoneNumber">`, the function
 * exchanges it with phonenumber.getPhoneNumber (the local cloud's stand-in is as strict as WeChat: once, 5 minutes,
 * the caller's own) and keeps the number as verified. A code that does not resolve is PHONE_CODE_INVALID and
 * changes nothing; a typed number still joins, kept as unverified. And the page's header read, member.joinOffer.
 */
import { DEMO_ASSISTANT, DEMO_JOIN_SCENE, DEMO_STORE } from '../../scripts/demo-data'
import { PRIVACY_NOTICE_VERSION } from '../../src/api/privacy'
import type { JoinInput } from '../../src/api/schemas'
import { startTestCloud } from './harness'

type Harness = Awaited<ReturnType<typeof startTestCloud>>
let h: Harness

/** Shoppers whose WeChat accounts have a phone, as the getPhoneNumber button would give it. */
const PHONES: Record<string, string> = {
  'phone-ok': '13711110001',
  'phone-reused': '13711110002',
  'phone-late': '13711110003',
  'phone-owner': '13711110004',
  'phone-thief': '13711110005',
  'phone-taken-2': '13711110006',
  'phone-hk': '+852 61234567',
  'phone-scene': '13711110007',
  'phone-noname': '13711110008',
}
const CLOCK = '2026-11-23T06:00:00.000Z'

beforeAll(async () => {
  h = await startTestCloud({ phones: PHONES, prewarm: ['member'] })
}, 60_000)
afterAll(() => h?.close())

const base = (overrides: Partial<JoinInput> = {}): JoinInput => ({
  name: '林晓',
  birthday: { month: 4, day: 2 },
  consent: { accepted: true, version: PRIVACY_NOTICE_VERSION },
  scene: encodeURIComponent(DEMO_JOIN_SCENE),
  ...overrides,
})
const codeFor = (openid: string, clock = CLOCK) => h.cloud.phoneCode(openid, { clock })
/** Everything a join writes, counted. */
const footprint = () => ['members', 'coupons', 'referrals', 'ledger'].map((c) => h.cloud.executor.count(c, {}))

describe('joining with the phone WeChat verified', () => {
  it('keeps the number WeChat gave as verified, with the store, the assistant and the welcome coupon', async () => {
    const { member, created } = await h.ok('phone-ok', 'member', 'join', base({ phoneCode: codeFor('phone-ok') }), { clock: CLOCK })
    expect(created).toBe(true)
    expect(member).toMatchObject({ name: '林晓', mobileMasked: '137****0001', store: { id: DEMO_STORE._id } })
    expect(h.cloud.executor.get('members', 'phone-ok')).toMatchObject({
      mobile: '13711110001',
      mobileVerified: true,
      storeId: DEMO_STORE._id,
      assistantId: DEMO_ASSISTANT.staffId,
    })
    expect(h.cloud.executor.get('members', 'phone-ok')).not.toHaveProperty('mobileClaim')
    expect(h.cloud.executor.find('coupons', { memberId: 'phone-ok', channel: 'welcome' })).toHaveLength(1)
  })

  it('refuses a code exchanged before, even to its owner, with PHONE_CODE_INVALID, writing nothing', async () => {
    const code = codeFor('phone-reused')
    const before = footprint()
    // Someone else's try exchanges it (and fails: the code is not theirs); the owner comes too late.
    const stolen = await h.call('phone-thief', 'member', 'join', base({ phoneCode: code }), { clock: CLOCK })
    const owner = await h.call('phone-reused', 'member', 'join', base({ phoneCode: code }), { clock: CLOCK })
    for (const result of [stolen, owner]) {
      expect(result).toMatchObject({ ok: false, error: { code: 'PHONE_CODE_INVALID', message: expect.stringContaining('手动填写') } })
    }
    expect(footprint()).toEqual(before)
    // A new tap gives a new code, and the owner joins.
    await h.ok('phone-reused', 'member', 'join', base({ phoneCode: codeFor('phone-reused') }), { clock: CLOCK })
  })

  it('refuses a code older than 5 minutes and a made-up one, writing nothing', async () => {
    const before = footprint()
    const late = await h.call('phone-late', 'member', 'join', base({ phoneCode: codeFor('phone-late', '2026-11-23T05:54:59.000Z') }), {
      clock: CLOCK,
    })
    const madeUp = await h.call('phone-owner', 'member', 'join', base({ phoneCode: 'a'.repeat(64) }), { clock: CLOCK })
    for (const result of [late, madeUp]) expect(result).toMatchObject({ ok: false, error: { code: 'PHONE_CODE_INVALID' } })
    expect(footprint()).toEqual(before)
    // Within the 5 minutes, a code still joins.
    await h.ok('phone-late', 'member', 'join', base({ phoneCode: codeFor('phone-late', '2026-11-23T05:55:01.000Z') }), { clock: CLOCK })
  })

  it('keeps a code a refused join never exchanged: a wrong store QR first, then the same code joins', async () => {
    const code = codeFor('phone-scene')
    const bad = await h.call('phone-scene', 'member', 'join', base({ phoneCode: code, scene: 's%3DNOPE01' }), { clock: CLOCK })
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ field: 'scene' }] } })
    await h.ok('phone-scene', 'member', 'join', base({ phoneCode: code }), { clock: CLOCK })
    expect(h.cloud.executor.get('members', 'phone-scene')).toMatchObject({ mobile: '13711110007', mobileVerified: true })
  })

  it('asks for a mainland number when WeChat’s is not one, writing nothing', async () => {
    const before = footprint()
    const result = await h.call('phone-hk', 'member', 'join', base({ phoneCode: codeFor('phone-hk') }), { clock: CLOCK })
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ field: 'mobile', message: expect.stringContaining('大陆') }] },
    })
    expect(footprint()).toEqual(before)
  })

  it('joins a verified number that a typed membership holds already as any such number: held unconfirmed, nothing said', async () => {
    await h.ok('typed-first', 'member', 'join', base({ mobile: PHONES['phone-taken-2'] }), { clock: CLOCK })
    const result = await h.call('phone-taken-2', 'member', 'join', base({ phoneCode: codeFor('phone-taken-2') }), { clock: CLOCK })
    expect(result).toMatchObject({ ok: true, data: { created: true } })
    expect(h.cloud.executor.get('members', 'typed-first')).not.toHaveProperty('mobileClaim')
    expect(h.cloud.executor.get('members', 'phone-taken-2')).toMatchObject({
      mobile: PHONES['phone-taken-2'],
      mobileVerified: true,
      mobileClaim: expect.any(String),
    })
  })

  it('calls a member who gave no name 会员 and the number’s last four', async () => {
    const { phoneCode, ...rest } = base({ phoneCode: codeFor('phone-noname') })
    const { name: _name, ...noName } = rest
    const { member } = await h.ok('phone-noname', 'member', 'join', { ...noName, phoneCode }, { clock: CLOCK })
    expect(member.name).toBe(`会员${member.memberNo.slice(-4)}`)
    const blank = await h.ok('typed-blank', 'member', 'join', base({ name: '  ', mobile: '13722220001' }), { clock: CLOCK })
    expect(blank.member.name).toBe(`会员${blank.member.memberNo.slice(-4)}`)
  })
})

describe('joining with a typed number', () => {
  it('still joins, kept as unverified', async () => {
    await h.ok('typed-1', 'member', 'join', base({ mobile: '13722220002' }), { clock: CLOCK })
    expect(h.cloud.executor.get('members', 'typed-1')).toMatchObject({ mobile: '13722220002', mobileVerified: false })
  })

  it('wants exactly one of a typed number and a code', async () => {
    const before = footprint()
    const neither = await h.call('typed-2', 'member', 'join', base(), { clock: CLOCK })
    const both = await h.call('typed-2', 'member', 'join', base({ mobile: '13722220003', phoneCode: 'c0de' }), { clock: CLOCK })
    for (const result of [neither, both]) {
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', fields: [{ field: 'mobile', message: '请填写 11 位手机号' }] },
      })
    }
    expect(footprint()).toEqual(before)
  })
})

describe('the join page’s header (member.joinOffer)', () => {
  it('names the store, the assistant and the welcome gift, to anyone, and nothing personal', async () => {
    const offer = await h.ok('not-a-member', 'member', 'joinOffer', { scene: encodeURIComponent(DEMO_JOIN_SCENE) })
    expect(offer).toEqual({
      storeName: DEMO_STORE.name,
      assistantName: DEMO_ASSISTANT.name,
      assistantLeft: false,
      welcomeGift: '新会员礼券（满¥200减¥20）',
    })
  })

  it('names the store alone when the assistant has left, and no store for a scene that names none', async () => {
    expect(await h.ok('not-a-member', 'member', 'joinOffer', { scene: `s=${DEMO_STORE._id}&a=GONE9` })).toMatchObject({
      storeName: DEMO_STORE.name,
      assistantName: null,
      assistantLeft: true,
    })
    for (const scene of ['s%3DNOPE01', 'garbage', undefined]) {
      expect(await h.ok('not-a-member', 'member', 'joinOffer', scene === undefined ? {} : { scene })).toMatchObject({
        storeName: null,
        assistantName: null,
        assistantLeft: false,
        welcomeGift: '新会员礼券（满¥200减¥20）',
      })
    }
  })
})
