/**
 * 全部顾客 through the real functions: every customer the operators read names the store it belongs to, in the
 * list, today's lists and the record — and a shop assistant's own lists say the same store.
 */
import { DEMO_ASSISTANT, DEMO_OPERATOR } from '../../scripts/demo-data'
import { PRIVACY_NOTICE_VERSION } from '../../src/api/privacy'
import { startTestCloud } from './harness'
import { at } from '../support/clock'

type Harness = Awaited<ReturnType<typeof startTestCloud>>
let h: Harness
const now = at('2026-11-23T10:00:00')
const BEIJING = { id: 'BJ001', name: '北京三里屯店' }

beforeAll(async () => {
  h = await startTestCloud()
  h.cloud.executor.insert('stores', [{ _id: BEIJING.id, name: BEIJING.name, address: '', phone: '', openingHours: '' }])
  h.cloud.executor.insert('staff', [
    { _id: 'assistant-bj', staffId: 'B01', name: '周敏', storeId: 'BJ001', role: 'assistant', active: true },
  ])
}, 180_000)
afterAll(() => h?.close())

/** A shopper who joined by a store assistant's QR code, with a birthday this month. */
const joinAt = async (openid: string, name: string, scene: string, mobile: string): Promise<string> => {
  const result = (await h.cloud.invoke(
    'member',
    {
      action: 'join',
      input: {
        name,
        mobile,
        birthday: { month: 11, day: 28 },
        consent: { accepted: true, version: PRIVACY_NOTICE_VERSION },
        scene: encodeURIComponent(scene),
      },
    },
    { openid, clock: at('2026-10-01T10:00:00') },
  )) as { ok: boolean; data: { member: { memberNo: string } } }
  if (!result.ok) throw new Error(`join failed: ${JSON.stringify(result)}`)
  return result.data.member.memberNo
}

it('names each customer’s store for the operators, in the list, today’s lists and the record', async () => {
  const beijing = await joinAt('oc-bj', '京店顾客', 's=BJ001&a=B01', '13700001001')
  const shanghai = await joinAt('oc-sh', '沪店顾客', `s=SH001&a=${DEMO_ASSISTANT.staffId}`, '13700001002')

  const all = await h.ok(DEMO_OPERATOR._id, 'ops', 'customers', {}, { clock: now })
  const storeOf = (memberNo: string) => all.customers.find((c) => c.memberNo === memberNo)
  expect(storeOf(beijing)).toMatchObject({ store: BEIJING, assistant: { staffId: 'B01', name: '周敏' } })
  expect(storeOf(shanghai)?.store).toEqual({ id: 'SH001', name: expect.any(String) })
  expect(storeOf(shanghai)?.store?.name).not.toBe('SH001')

  const bj = await h.ok(DEMO_OPERATOR._id, 'ops', 'today', { storeId: 'BJ001' }, { clock: now })
  expect(bj.birthdays.map((c) => [c.name, c.store])).toEqual([['京店顾客', BEIJING]])

  const record = await h.ok(DEMO_OPERATOR._id, 'ops', 'customer', { code: beijing }, { clock: now })
  expect(record.customer.store).toEqual(BEIJING)

  // The assistant's own list says the same store.
  const mine = await h.ok('assistant-bj', 'staff', 'customers', {}, { clock: now })
  expect(mine.customers.map((c) => c.store)).toEqual([BEIJING])
})
