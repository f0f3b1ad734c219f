/**
 * What a masked phone number (139****5678) hides stays hidden (PIPL). The customer search takes a phone's last 4
 * digits — what every screen shows of it — and never more: with 5 or more digits, trying the next hidden digit ten
 * ways rebuilt the number in at most 40 searches. And joining with a number that is already a member's answers as
 * joining with any other number: a stranger learns nothing about whose number it is (the store sees it).
 */
import { DEMO_ASSISTANT, DEMO_JOIN_SCENE, DEMO_MANAGER, DEMO_OPERATOR } from '../../scripts/demo-data'
import { PRIVACY_NOTICE_VERSION } from '../../src/api/privacy'
import { startTestCloud } from './harness'

type Harness = Awaited<ReturnType<typeof startTestCloud>>
let h: Harness

const join = (openid: string, name: string, mobile: string) =>
  h.call(openid, 'member', 'join', {
    name,
    mobile,
    birthday: { month: 9, day: 9 },
    consent: { accepted: true, version: PRIVACY_NOTICE_VERSION },
    scene: DEMO_JOIN_SCENE,
  })

beforeAll(async () => {
  h = await startTestCloud()
}, 60_000)
afterAll(() => h?.close())

describe('the customer search', () => {
  const MOBILE = '13912345678'
  let memberNo = ''
  beforeAll(async () => {
    const joined = await join('oracle-qian', '钱多多', MOBILE)
    if (!joined.ok) throw new Error(JSON.stringify(joined))
    memberNo = joined.data.member.memberNo
    await join('oracle-sun', '孙小美', '13700005678')
  })

  it('cannot rebuild a masked phone digit by digit, for staff or operators', async () => {
    const searches = [
      (search: string) => h.call(DEMO_ASSISTANT._id, 'staff', 'customers', { search }),
      (search: string) => h.call(DEMO_MANAGER._id, 'staff', 'customers', { search }),
      (search: string) => h.call(DEMO_OPERATOR._id, 'ops', 'customers', { search }),
    ]
    for (const search of searches) {
      // The list shows 139****5678; each guess of the digit before 5678 would say yes or no.
      const found: string[] = []
      for (let d = 0; d <= 9; d++) {
        const guess = await search(`${d}5678`)
        expect(guess).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ field: 'search' }] } })
        if (guess.ok && guess.data.customers.some((c) => c.memberNo === memberNo)) found.push(`${d}5678`)
      }
      expect(found).toEqual([])
      for (const more of [MOBILE.slice(-6), MOBILE.slice(-10), MOBILE, `钱${MOBILE.slice(-5)}`, '678']) {
        expect(await search(more)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ field: 'search' }] } })
      }
    }
  })

  it('finds a customer at the counter by the last 4 digits, a name’s start narrowing them', async () => {
    const names = async (search: string) => {
      const res = await h.ok(DEMO_ASSISTANT._id, 'staff', 'customers', { search })
      return res.customers.map((c) => `${c.name} ${c.mobileMasked}`).sort()
    }
    expect(await names('5678')).toEqual(['孙小美 137****5678', '钱多多 139****5678'])
    expect(await names('钱5678')).toEqual(['钱多多 139****5678'])
    expect(await names('钱 5678')).toEqual(['钱多多 139****5678'])
    expect(await names('钱多')).toEqual(['钱多多 139****5678'])
    expect(await names('孙1234')).toEqual([])
  })
})

describe('joining with a number that is already a member’s', () => {
  it('answers the stranger as any new member: a new card, nothing about the number; the owner keeps theirs', async () => {
    const owner = await join('oracle-owner', '李青', '13811112222')
    const stranger = await join('oracle-stranger', '周某', '13811112222')
    const anyone = await join('oracle-anyone', '吴某', '13833334444')
    for (const result of [owner, stranger, anyone]) expect(result).toMatchObject({ ok: true, data: { created: true } })
    if (!owner.ok || !stranger.ok || !anyone.ok) return
    // Same answer, field for field, as a number nobody has: only the person's own values differ.
    const shape = (m: object) => Object.keys(m).sort()
    expect(shape(stranger.data.member)).toEqual(shape(anyone.data.member))
    expect(stranger.data.member).toMatchObject({ mobileMasked: '138****2222', pointsBalance: 0, tier: 'member' })
    expect(stranger.data.member.memberNo).not.toBe(owner.data.member.memberNo)
    expect((await h.ok('oracle-stranger', 'member', 'getCard', {})).member.mobileMasked).toBe('138****2222')

    // The owner's membership is untouched, and the number stays theirs; the store sees the second one unconfirmed.
    expect(h.cloud.executor.get('members', 'oracle-owner')).toMatchObject({ mobile: '13811112222' })
    expect(h.cloud.executor.get('members', 'oracle-owner')).not.toHaveProperty('mobileClaim')
    const record = (memberNo: string) => h.ok(DEMO_MANAGER._id, 'staff', 'customer', { code: memberNo })
    expect((await record(owner.data.member.memberNo)).customer.mobileUnconfirmed).toBe(false)
    expect((await record(stranger.data.member.memberNo)).customer.mobileUnconfirmed).toBe(true)
    expect((await record(anyone.data.member.memberNo)).customer.mobileUnconfirmed).toBe(false)

    // A third WeChat with the same number: one more unconfirmed membership, the same answer again.
    expect(await join('oracle-third', '郑某', '13811112222')).toMatchObject({
      ok: true,
      data: { created: true, member: { mobileMasked: '138****2222' } },
    })
    // Joining again from the owner's WeChat finds their own card, as before.
    expect(await join('oracle-owner', '李青', '13811112222')).toMatchObject({
      ok: true,
      data: { created: false, member: { memberNo: owner.data.member.memberNo } },
    })
  })
})
