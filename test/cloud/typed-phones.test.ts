/**
 * Phone numbers typed into words about a member. Staff and operators may not write one into a note, a callback,
 * an adjustment's or a birthday correction's reason (the member's own is on record, a family member's is not
 * the store's to keep): refused as INVALID_INPUT naming the field, in any way a number is written, and nothing is
 * written. Text written before that rule (planted here into the stored documents, as old data would be) reaches
 * staff and operators with every such number masked, as structured phones are.
 */
import { DEMO_ASSISTANT, DEMO_OPERATOR } from '../../scripts/demo-data'
import { startTestCloud } from './harness'

type Harness = Awaited<ReturnType<typeof startTestCloud>>
let h: Harness
let memberNo = ''

const NOW = '2026-11-20T03:00:00.000Z'
const WRITTEN = ['13987654321', '139 8765 4321', '139-8765-4321', '+86 139 8765 4321', '１３９８７６５４３２１']
const digitsIn = (text: string) => text.replace(/[\uff10-\uff19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/\D/g, '')

beforeAll(async () => {
  h = await startTestCloud({ dbLatencyMs: 0 })
  memberNo = (await h.joinedShopper('typed', { scene: encodeURIComponent('s=SH001&a=A01') })).memberNo
}, 60_000)
afterAll(() => h?.close())

describe('staff and operators write no phone number into words about a member', () => {
  const writes = (text: string) =>
    [
      [
        'customer card notes',
        'profile.notes',
        () =>
          h.call(
            DEMO_ASSISTANT._id,
            'staff',
            'updateCustomerCard',
            { memberCode: memberNo, profile: { notes: `女儿电话 ${text}` } },
            { clock: NOW },
          ),
      ],
      [
        'callback note',
        'note',
        () =>
          h.call(
            DEMO_ASSISTANT._id,
            'staff',
            'logCallback',
            { memberCode: memberNo, outcome: 'reached', note: `请回电 ${text}`, requestId: `typed-cb-${digitsIn(text)}-${text.length}` },
            { clock: NOW },
          ),
      ],
      [
        'birthday correction reason',
        'reason',
        () =>
          h.call(
            DEMO_ASSISTANT._id,
            'staff',
            'correctBirthday',
            { memberCode: memberNo, birthday: { month: 8, day: 1 }, reason: `本人来电 ${text} 说选错月份` },
            { clock: NOW },
          ),
      ],
      [
        'adjustment reason',
        'reason',
        () =>
          h.call(
            DEMO_OPERATOR._id,
            'ops',
            'adjustPoints',
            { memberCode: memberNo, points: 10, reason: `来电补录 ${text}`, requestId: `typed-adj-${digitsIn(text)}-${text.length}` },
            { clock: NOW },
          ),
      ],
    ] as const

  it.each(WRITTEN)('refuses %s in each, naming the field, and writes nothing', async (text) => {
    for (const [what, field, write] of writes(text)) {
      const before = JSON.stringify(h.cloud.executor.collections().map((c) => h.cloud.executor.find(c)))
      const answer = (await write()) as { ok: boolean; error?: { code: string; fields?: { field: string; message: string }[] } }
      expect({ what, answer }).toMatchObject({
        what,
        answer: { ok: false, error: { code: 'INVALID_INPUT', fields: [{ field, message: expect.stringContaining('请勿填写手机号') }] } },
      })
      expect(JSON.stringify(h.cloud.executor.collections().map((c) => h.cloud.executor.find(c)))).toBe(before)
    }
  })

  it('takes the same words without the number', async () => {
    for (const [, , write] of writes('（见会员档案）')) expect(await write()).toMatchObject({ ok: true })
  })
})

describe('words written before the rule', () => {
  /** Replaces a marker in every stored document, as text written before the rule would lie there. */
  const plant = (marker: string, text: string) => {
    for (const c of h.cloud.executor.collections()) {
      for (const doc of h.cloud.executor.find(c)) {
        const json = JSON.stringify(doc)
        if (!json.includes(marker)) continue
        h.cloud.executor.remove(c, { _id: doc._id })
        h.cloud.executor.insert(c, JSON.parse(json.split(marker).join(text)))
      }
    }
  }

  it('reach staff and operators with every number masked', async () => {
    await h.ok(
      DEMO_ASSISTANT._id,
      'staff',
      'updateCustomerCard',
      { memberCode: memberNo, profile: { notes: '女儿电话 NOTE-PHONE' } },
      { clock: NOW },
    )
    await h.ok(
      DEMO_ASSISTANT._id,
      'staff',
      'logCallback',
      { memberCode: memberNo, outcome: 'reached', note: '请回电 CALLBACK-PHONE', requestId: 'typed-legacy-cb' },
      { clock: NOW },
    )
    await h.ok(
      DEMO_OPERATOR._id,
      'ops',
      'adjustPoints',
      { memberCode: memberNo, points: 5, reason: '来电补录 REASON-PHONE', requestId: 'typed-legacy-adj' },
      { clock: NOW },
    )
    plant('NOTE-PHONE', '139 8765 4321')
    plant('CALLBACK-PHONE', '+86 137-1111-2222')
    plant('REASON-PHONE', '１３６１２３４５６７８')

    const answers = [
      await h.ok(DEMO_ASSISTANT._id, 'staff', 'customer', { code: memberNo }, { clock: NOW }),
      await h.ok(DEMO_OPERATOR._id, 'ops', 'customer', { code: memberNo }, { clock: NOW }),
      await h.ok(DEMO_OPERATOR._id, 'ops', 'memberLedger', { code: memberNo }, { clock: NOW }),
    ]
    const text = JSON.stringify(answers)
    for (const full of ['13987654321', '13711112222', '13612345678']) expect(digitsIn(text)).not.toContain(full)
    expect(text).toContain('女儿电话 139****4321')
    expect(text).toContain('请回电 137****2222')
    expect(text).toContain('来电补录 136****5678')
  })
})
