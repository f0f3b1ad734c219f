/**
 * ops.storeDirectory and ops.storeCode (the printed store QR): operators only; the code's scene names the store
 * and the assistant, and only an active assistant of that store may be printed on it.
 */
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { DEMO_ASSISTANT, DEMO_COLLEAGUE, DEMO_MANAGER, DEMO_OPERATOR, DEMO_STORE } from '../../scripts/demo-data'
import { startTestCloud } from './harness'

type Harness = Awaited<ReturnType<typeof startTestCloud>>
let h: Harness
/** A second shop with nobody on its staff yet. */
const OTHER_STORE = {
  _id: 'BJ009',
  name: '北京三里屯店',
  address: '北京市朝阳区三里屯路19号',
  phone: '010-0000-0009',
  openingHours: '10:00–22:00',
}
beforeAll(async () => {
  h = await startTestCloud()
  await h.cloud.executor.insert('stores', [OTHER_STORE])
}, 60_000)
afterAll(() => h?.close())

const decode = (base64: string) => {
  const png = PNG.sync.read(Buffer.from(base64, 'base64'))
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data
}

describe('the store QR for the posters', () => {
  it('is refused to shop assistants, store managers, shoppers and strangers', async () => {
    const shopper = (await h.joinedShopper('store-code')).openid
    for (const caller of [DEMO_ASSISTANT._id, DEMO_MANAGER._id, shopper, 'never-joined', '']) {
      for (const action of ['storeDirectory', 'storeCode'] as const) {
        expect(await h.call(caller, 'ops', action, { storeId: DEMO_STORE._id, assistantId: DEMO_ASSISTANT.staffId })).toMatchObject({
          ok: false,
          error: { code: 'FORBIDDEN' },
        })
      }
    }
  })

  it('lists every store with its address and active staff', async () => {
    const { stores } = await h.ok(DEMO_OPERATOR._id, 'ops', 'storeDirectory', {})
    expect(stores).toContainEqual({
      id: DEMO_STORE._id,
      name: DEMO_STORE.name,
      address: DEMO_STORE.address,
      staff: [DEMO_ASSISTANT, DEMO_COLLEAGUE, DEMO_MANAGER].map((s) => ({ staffId: s.staffId, name: s.name, role: s.role })),
    })
    expect(stores).toContainEqual({ id: OTHER_STORE._id, name: OTHER_STORE.name, address: OTHER_STORE.address, staff: [] })
  })

  it("gives an assistant's code whose scene names the store and the assistant, opening the join page", async () => {
    const code = await h.ok(DEMO_OPERATOR._id, 'ops', 'storeCode', { storeId: DEMO_STORE._id, assistantId: DEMO_ASSISTANT.staffId })
    expect(code).toMatchObject({
      scene: 's=SH001&a=A01',
      page: 'pages/join/index',
      assistant: { staffId: 'A01', name: DEMO_ASSISTANT.name },
      store: { id: 'SH001' },
    })
    // The local cloud's wxacode stand-in: a plain QR of the H5 join URL carrying the scene.
    expect(code.image.contentType).toBe('image/png')
    expect(decode(code.image.base64)).toBe(`${h.cloud.url}/#/pages/join/index?scene=${encodeURIComponent('s=SH001&a=A01')}`)
  })

  it("gives the store's own code without an assistant", async () => {
    const code = await h.ok(DEMO_OPERATOR._id, 'ops', 'storeCode', { storeId: OTHER_STORE._id })
    expect(code).toMatchObject({
      scene: 's=BJ009',
      assistant: null,
      store: { id: 'BJ009', name: OTHER_STORE.name, address: OTHER_STORE.address },
    })
  })

  it('refuses an unknown store, and an assistant of another store or none', async () => {
    expect(await h.call(DEMO_OPERATOR._id, 'ops', 'storeCode', { storeId: 'NOPE01' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    expect(
      await h.call(DEMO_OPERATOR._id, 'ops', 'storeCode', { storeId: OTHER_STORE._id, assistantId: DEMO_ASSISTANT.staffId }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ field: 'assistantId' }] },
    })
    expect(await h.call(DEMO_OPERATOR._id, 'ops', 'storeCode', { storeId: DEMO_STORE._id, assistantId: 'Z99' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    expect(await h.call(DEMO_OPERATOR._id, 'ops', 'storeCode', { storeId: 'SH001&a=X' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
  })
})
