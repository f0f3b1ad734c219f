/**
 * Phone numbers (PIPL): staff and operator screens get them masked (138****5678), only the member themself and an
 * operator holding exportPII see them in full, and the functions' logs never show one — even when an unexpected
 * database error quotes it.
 */
import { DEMO_ASSISTANT, DEMO_JOIN_SCENE, DEMO_MANAGER, DEMO_OPERATOR } from '../../scripts/demo-data'
import { PRIVACY_NOTICE_VERSION } from '../../src/api/privacy'
import { maskMobilesIn, redactForLog } from '../../cloudfunctions/_lib/redact'
import { startTestCloud } from './harness'
import { waitUntil } from '../support/wait'

type Harness = Awaited<ReturnType<typeof startTestCloud>>
let h: Harness
const MOBILE = '13987654321'
const MASKED = '139****4321'
const SHOPPER = 'masking-shopper'
let memberNo = ''

/** Everything the functions print, as the local cloud forwards it (`[member#1] ...`). */
const printed: string[] = []
const capture = (stream: NodeJS.WriteStream) => {
  const original = stream.write.bind(stream)
  return jest.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
    printed.push(String(chunk))
    return (original as (...a: unknown[]) => boolean)(chunk, ...rest)
  }) as typeof stream.write)
}

beforeAll(async () => {
  // The harness forwards the functions' output when asked to.
  process.env.CLOUD_TEST_LOGS = '1'
  h = await startTestCloud()
  delete process.env.CLOUD_TEST_LOGS
  const joined = await h.ok(SHOPPER, 'member', 'join', {
    name: '钱多多',
    mobile: MOBILE,
    birthday: { month: 9, day: 9 },
    consent: { accepted: true, version: PRIVACY_NOTICE_VERSION },
    scene: DEMO_JOIN_SCENE,
  })
  memberNo = joined.member.memberNo
  await h.ok(DEMO_ASSISTANT._id, 'staff', 'recordPurchase', { memberCode: await h.tillCode(SHOPPER), amountFen: 12_800, orderNo: 'MASK-1' })
}, 60_000)
afterAll(() => h?.close())

describe('masking in text', () => {
  it('masks mobile numbers standing alone, never other digit runs', () => {
    expect(maskMobilesIn(`dup key: { mobile: "${MOBILE}" } and 1${MOBILE}0 and 12345678901`)).toBe(
      `dup key: { mobile: "${MASKED}" } and 1${MOBILE}0 and 12345678901`,
    )
    const err = Object.assign(new Error(`E11000 duplicate key error index: mobile_unique dup key: { mobile: "${MOBILE}" }`), {
      errCode: -502001,
    })
    expect(redactForLog(err)).toContain(MASKED)
    expect(redactForLog(err)).not.toContain(MOBILE)
    expect(redactForLog({ mobile: MOBILE })).toBe(`{"mobile":"${MASKED}"}`)
  })
})

describe('what staff and operators are shown', () => {
  it('every staff and operator view of the member carries the number masked', async () => {
    const views = {
      scanMember: await h.ok(DEMO_ASSISTANT._id, 'staff', 'scanMember', { code: memberNo }),
      customers: await h.ok(DEMO_ASSISTANT._id, 'staff', 'customers', { search: MOBILE.slice(-4) }),
      customer: await h.ok(DEMO_MANAGER._id, 'staff', 'customer', { code: memberNo }),
      lookupOrder: await h.ok(DEMO_ASSISTANT._id, 'staff', 'lookupOrder', { orderNo: 'MASK-1' }),
      opsLookup: await h.ok(DEMO_OPERATOR._id, 'ops', 'lookupMember', { code: memberNo }),
      opsLedger: await h.ok(DEMO_OPERATOR._id, 'ops', 'memberLedger', { code: memberNo }),
      opsMembers: await h.ok(DEMO_OPERATOR._id, 'ops', 'members', { filter: { search: MOBILE.slice(-4) } }),
      opsMember: await h.ok(DEMO_OPERATOR._id, 'ops', 'member', { code: memberNo }),
    }
    for (const [name, view] of Object.entries(views)) {
      const json = JSON.stringify(view)
      expect({ name, full: json.includes(MOBILE) }).toEqual({ name, full: false })
    }
    expect(JSON.stringify(views.scanMember)).toContain(MASKED)
    expect(JSON.stringify(views.customers)).toContain(MASKED)
    expect(JSON.stringify(views.opsMembers)).toContain(MASKED)
    expect(JSON.stringify(views.opsMember)).toContain(MASKED)
  })

  it('the member export masks it unless the operator holds exportPII', async () => {
    const masked = await h.ok(DEMO_OPERATOR._id, 'export', 'members', {})
    const maskedCsv = h.cloud.storage.read(masked.fileID)!.toString('utf8')
    expect(maskedCsv).toContain(MASKED)
    expect(maskedCsv).not.toContain(MOBILE)
    h.cloud.executor.insert('operators', [
      { _id: 'masking-pii-operator', operatorId: 'OP77', name: '隐私专员', active: true, permissions: ['exportPII'] },
    ])
    const full = await h.ok('masking-pii-operator', 'export', 'members', {})
    expect(full.pii).toBe(true)
    expect(h.cloud.storage.read(full.fileID)!.toString('utf8')).toContain(MOBILE)
  })
})

describe('the functions’ logs', () => {
  it('an unexpected error quoting a phone number is logged with the number masked', async () => {
    const spies = [capture(process.stdout), capture(process.stderr)]
    try {
      h.cloud.executor.injectFault({
        invocation: 'next',
        action: 'database.getDocument',
        message: `E11000 duplicate key error index: mobile_unique dup key: { mobile: "${MOBILE}" }`,
      })
      expect(await h.call(SHOPPER, 'member', 'getCard', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
      // The instance's output reaches this process through a stream: wait for the line.
      await waitUntil(() => printed.some((l) => l.includes('[member]')), { withinMs: 5_000, everyMs: 20 })
    } finally {
      for (const s of spies) s.mockRestore()
    }
    const logged = printed.filter((l) => l.includes('[member]')).join('')
    expect(logged).toContain(`mobile: "${MASKED}"`)
    expect(printed.join('')).not.toContain(MOBILE)
  })
})
