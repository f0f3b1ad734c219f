/**
 * The shopper's own profile, home store and handbook through the real functions: edits round-trip, the birthday
 * is set once, every refused edit (bad sizes, phones, emoji, a changed birthday) is INVALID_INPUT with its field
 * and changes nothing; the staff see what the member typed (and who typed it) on the customer record; the
 * handbook reads the live rules and dates each change.
 */
import { DEMO_ASSISTANT, DEMO_JOIN_SCENE, DEMO_OPERATOR } from '../../scripts/demo-data'
import type { ProfileView } from '../../src/api/contract'
import { DEFAULT_PROGRAM } from '../../src/domain/program'
import { DELETE_CONFIRM_PHRASE } from '../../src/domain/erasure'
import { startTestCloud } from './harness'
import { at } from '../support/clock'

type Harness = Awaited<ReturnType<typeof startTestCloud>>
let h: Harness
beforeAll(async () => {
  h = await startTestCloud()
}, 60_000)
afterAll(() => h?.close())

const FULL = {
  name: '林晓',
  clothingSize: 'M',
  shoeSize: '37.5',
  children: [
    { name: '大宝', size: '120' },
    { name: '小宝', size: '90cm' },
  ],
  colours: ['驼色', '雾蓝'],
  styles: ['通勤', '简约'],
  deliveryAddress: { recipient: '林晓', phone: '13812345678', address: '上海市静安区南京西路1515号 1201室' },
  messages: { newArrivals: true, events: false, birthday: true, pointsExpiry: true },
}

/** A shopper who joined by the demo store's QR (the demo assistant looks after them). */
const joined = (prefix: string, options: { birthday?: { month: number; day: number } } = {}) =>
  h.joinedShopper(prefix, { scene: encodeURIComponent(DEMO_JOIN_SCENE), ...options })

const memberDoc = (openid: string) => h.cloud.executor.get('members', openid) as unknown as Record<string, unknown>

describe('my profile', () => {
  it('round-trips every field, keeps what is not sent, and stamps each change as the member’s', async () => {
    const { openid } = await joined('pf')
    const saved = await h.ok(openid, 'member', 'updateProfile', FULL)
    const read = await h.ok(openid, 'member', 'profile', {})
    expect(read).toEqual(saved)
    expect(read.name).toBe('林晓')
    const { name: _name, ...fields } = FULL
    expect(read.profile).toMatchObject(fields)
    expect(read.profile.edits?.clothingSize).toMatchObject({ by: 'member' })

    // A partial edit replaces only what it sends; an address may be removed.
    const after = await h.ok(openid, 'member', 'updateProfile', { shoeSize: '38', deliveryAddress: null })
    expect(after.profile).toMatchObject({ clothingSize: 'M', shoeSize: '38', deliveryAddress: null, colours: ['驼色', '雾蓝'] })
  })

  it('refuses a changed birthday once set, and the rest of that edit with it; the same birthday resent is fine', async () => {
    const { openid } = await joined('pf', { birthday: { month: 7, day: 15 } })
    const before = memberDoc(openid)
    const refused = await h.call(openid, 'member', 'updateProfile', { birthday: { month: 8, day: 1 }, clothingSize: 'L' })
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ field: 'birthday', message: expect.stringContaining('导购') }] },
    })
    expect(memberDoc(openid)).toEqual(before)
    expect((await h.call(openid, 'member', 'updateProfile', { birthday: { month: 7, day: 15 }, clothingSize: 'L' })).ok).toBe(true)
    expect((await h.ok(openid, 'member', 'profile', {})).birthday).toEqual({ month: 7, day: 15 })
  })

  it.each([
    ['an emoji in a colour', { colours: ['红色❤️'] }, 'colours.0'],
    ['an emoji in the name', { name: '林晓🎉' }, 'name'],
    ['a size that is no size', { clothingSize: '<b>XL</b>' }, 'clothingSize'],
    ['a shoe size too long', { shoeSize: '37373737373737' }, 'shoeSize'],
    [
      'a phone that is no mobile',
      { deliveryAddress: { recipient: '林晓', phone: '12345', address: '上海市静安区南京西路1515号' } },
      'deliveryAddress.phone',
    ],
    ['an empty name', { name: '  ' }, 'name'],
    ['a child without a size', { children: [{ name: '大宝', size: '' }] }, 'children.0.size'],
    [
      'a flag in the address',
      { deliveryAddress: { recipient: '林晓', phone: '13812345678', address: '上海市静安区🇨🇳南京西路' } },
      'deliveryAddress.address',
    ],
  ])('refuses %s with INVALID_INPUT at its field, and changes nothing', async (_what, input, field) => {
    const { openid } = await joined('pf')
    await h.ok(openid, 'member', 'updateProfile', { clothingSize: 'S', colours: ['米白'] })
    const before = memberDoc(openid)
    const result = await h.call(openid, 'member', 'updateProfile', { ...input, styles: ['休闲'] })
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    if (!result.ok) expect(result.error.fields?.map((f) => f.field)).toContain(field)
    expect(memberDoc(openid)).toEqual(before)
  })

  it('keeps the staff’s notes out of the member’s view', async () => {
    const { openid, memberNo } = await joined('pf')
    await h.ok(DEMO_ASSISTANT._id, 'staff', 'updateCustomerCard', { memberCode: memberNo, profile: { notes: '喜欢羊绒' } })
    const view: ProfileView = await h.ok(openid, 'member', 'profile', {})
    expect(view.profile).not.toHaveProperty('notes')
  })

  it('is one set of sizes with the staff: what one side types the other sees, with who changed it last', async () => {
    const { openid, memberNo } = await joined('pf')
    await h.ok(openid, 'member', 'updateProfile', {
      clothingSize: 'M',
      colours: ['驼色'],
      messages: { newArrivals: true, events: true, birthday: false, pointsExpiry: false },
    })
    const seen = await h.ok(DEMO_ASSISTANT._id, 'staff', 'customer', { code: memberNo })
    expect(seen.customer.profile).toMatchObject({ clothingSize: 'M', colours: ['驼色'], messages: { newArrivals: true, events: true } })
    expect(seen.customer.profile.edits?.clothingSize).toMatchObject({ by: 'member' })

    await h.ok(DEMO_ASSISTANT._id, 'staff', 'updateCustomerCard', { memberCode: memberNo, profile: { clothingSize: 'L' } })
    const mine = await h.ok(openid, 'member', 'profile', {})
    expect(mine.profile.clothingSize).toBe('L')
    expect(mine.profile.edits?.clothingSize).toMatchObject({ by: 'staff', name: DEMO_ASSISTANT.name })
    expect(mine.profile.edits?.colours).toMatchObject({ by: 'member' })
  })

  it('is in the member’s data export, and gone with the membership', async () => {
    const { openid } = await joined('pf')
    await h.ok(openid, 'member', 'updateProfile', FULL)
    await h.ok(openid, 'member', 'changeStore', { storeId: 'SH002' })
    const { url } = await h.ok(openid, 'member', 'myData', {})
    const file = (await (await fetch(url)).json()) as { collections: { members: Record<string, unknown>[] } }
    expect(file.collections.members[0]).toMatchObject({
      profile: { clothingSize: 'M', children: FULL.children, deliveryAddress: FULL.deliveryAddress, messages: FULL.messages },
      storeChanges: [{ from: 'SH001', to: 'SH002' }],
    })
    let result = await h.ok(openid, 'member', 'deleteMembership', { confirm: DELETE_CONFIRM_PHRASE })
    for (let i = 0; i < 10 && result.status === 'inProgress'; i++)
      result = await h.ok(openid, 'member', 'deleteMembership', { confirm: DELETE_CONFIRM_PHRASE })
    expect(result.status).toBe('deleted')
    expect(h.cloud.executor.get('members', openid)).toBeNull()
    expect(JSON.stringify(h.cloud.executor.find('erasedMembers'))).not.toMatch(/13812345678|南京西路1515号 1201室|大宝/)
  })
})

describe('my home store', () => {
  it('shows the store joined at with address, hours, phone and map point; the member may move', async () => {
    const { openid, memberNo } = await joined('hs')
    const home = await h.ok(openid, 'member', 'homeStore', {})
    expect(home.store).toMatchObject({
      id: 'SH001',
      phone: '021-6288-0001',
      openingHours: '10:00–22:00',
      location: { latitude: expect.any(Number) },
    })
    expect(home.stores.map((s) => s.id)).toEqual(['SH001', 'SH002'])

    const moved = await h.ok(openid, 'member', 'changeStore', { storeId: 'SH002' })
    expect(moved.store?.id).toBe('SH002')
    expect(memberDoc(openid)).toMatchObject({ storeId: 'SH002', assistantId: null, storeChanges: [{ from: 'SH001', to: 'SH002' }] })
    // The old store's assistant no longer reaches them.
    expect(await h.call(DEMO_ASSISTANT._id, 'staff', 'customer', { code: memberNo })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
  })

  it('refuses a store that does not exist, changing nothing', async () => {
    const { openid } = await joined('hs')
    const before = memberDoc(openid)
    expect(await h.call(openid, 'member', 'changeStore', { storeId: 'NOPE01' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ field: 'storeId' }] },
    })
    expect(memberDoc(openid)).toEqual(before)
  })
})

describe('the handbook', () => {
  it('reads the live rules and dates a change from the moment it was saved', async () => {
    const { openid } = await joined('hb')
    const first = await h.ok(openid, 'member', 'handbook', {})
    expect(first.rules.vip.cumulativeFen).toBe(DEFAULT_PROGRAM.vip.cumulativeFen)
    expect(first.standing?.tier).toBe('member')
    expect(first.gifts.birthday).toBeTruthy()

    const { rules } = await h.ok(DEMO_OPERATOR._id, 'ops', 'program', {})
    const { version: _v, ...editable } = rules
    const at = new Date().toISOString()
    await h.ok(DEMO_OPERATOR._id, 'ops', 'updateProgram', {
      baseVersion: rules.version,
      rules: {
        ...editable,
        vip: { ...editable.vip, cumulativeFen: 300_000 },
        serviceBenefits: [{ title: '免费熨烫', detail: '', tiers: ['vip', 'gold'] }],
      },
      note: 'VIP门槛调整为3000元',
      requestId: `hb-${Date.now()}`,
    })
    // The member function's cached rules are at most 30 s old; a fresh instance reads them at once.
    h.cloud.redeploy('member')
    const after = await h.ok(openid, 'member', 'handbook', {})
    expect(after.rules.vip.cumulativeFen).toBe(300_000)
    expect(after.rules.serviceBenefits).toEqual([{ title: '免费熨烫', detail: '', tiers: ['vip', 'gold'] }])
    const change = after.changes.find((c) => c.path === 'vip.cumulativeFen')
    expect(change).toMatchObject({ from: 180_000, to: 300_000 })
    expect(Math.abs(Date.parse(change!.at) - Date.parse(at))).toBeLessThan(60_000)
    expect(after.changes.map((c) => c.path)).toContain('serviceBenefits')
  })

  it('reads for someone who has not joined, with no place on the ladder', async () => {
    const view = await h.ok('hb-stranger', 'member', 'handbook', {})
    expect(view.standing).toBeNull()
    expect(view.rules.serviceBenefits.length).toBeGreaterThan(0)
  })
})

describe('the kinds of messages wanted', () => {
  it('holds back the event reminder from a member who switched events off, keeping the consent', async () => {
    const now = at('2026-12-01T10:00:00')
    const { event } = await h.ok(
      DEMO_OPERATOR._id,
      'event',
      'create',
      {
        title: '新品品鉴会',
        description: '',
        cover: '',
        storeId: 'SH001',
        startsAt: at('2026-12-20T14:00:00'),
        endsAt: at('2026-12-20T16:00:00'),
        capacity: 10,
        tiers: ['member', 'vip', 'gold'],
        rsvpDeadline: at('2026-12-19T12:00:00'),
        cancelDeadline: at('2026-12-19T12:00:00'),
        attendancePoints: 0,
        maxGuests: 0,
        requestId: `pf-event-${Date.now()}`,
      },
      { clock: now },
    )
    const [wants, declines] = [await joined('msg'), await joined('msg')]
    for (const s of [wants, declines]) {
      await h.ok(s.openid, 'event', 'rsvp', { eventId: event.id }, { clock: now })
      await h.ok(s.openid, 'member', 'recordSubscription', { template: 'eventReminder', accepted: true })
    }
    await h.ok(declines.openid, 'member', 'updateProfile', {
      messages: { newArrivals: true, events: false, birthday: true, pointsExpiry: true },
    })
    await h.cloud.fireTimer('jobs', 'upkeep', { clock: at('2026-12-19T10:05:00') })
    expect(h.cloud.openapi.outbox({ touser: wants.openid })).toEqual([expect.objectContaining({ status: 'sent' })])
    expect(h.cloud.openapi.outbox({ touser: declines.openid })).toEqual([])
    expect(memberDoc(declines.openid)).toMatchObject({ subscriptions: { eventReminder: 1 } })
  })
})
