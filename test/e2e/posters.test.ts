/**
 * npm run posters on the local cloud with the demo data: every store and every active staff member gets an A5
 * PNG poster whose code (decoded from the PNG with jsQR) opens the join page with that store's scene.
 */
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { DEMO_OPERATOR } from '../../scripts/demo-data'
import { A5_CSS, makePosters, opsSource, SCALE, type PosterEntry } from '../../scripts/posters/posters'
import { parseStoreScene } from '../../src/domain/scene'
import { startTestCloud } from '../cloud/harness'
import { tempDir } from '../support/temp'

type Harness = Awaited<ReturnType<typeof startTestCloud>>
let h: Harness
let outDir: string
let posters: PosterEntry[]

beforeAll(async () => {
  h = await startTestCloud()
  await h.cloud.executor.insert('stores', [
    { _id: 'BJ009', name: '北京三里屯店', address: '北京市朝阳区三里屯路19号', phone: '010-0000-0009', openingHours: '10:00–22:00' },
  ])
  outDir = tempDir('vipcard-posters-')
  posters = await makePosters(
    opsSource((event) => h.cloud.invoke('ops', event, { openid: DEMO_OPERATOR._id })),
    { outDir, brand: 'VIP CARD' },
  )
}, 120_000)
afterAll(async () => {
  await h?.close()
  if (outDir) rmSync(outDir, { recursive: true, force: true })
})

const decodePng = (file: string) => {
  const png = PNG.sync.read(readFileSync(file))
  return { width: png.width, height: png.height, text: jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null }
}

describe('store-QR posters from the demo data', () => {
  it('makes one poster per store and one per active staff member, listed in index.json', async () => {
    const { stores } = await h.ok(DEMO_OPERATOR._id, 'ops', 'storeDirectory', {})
    const expected = stores.flatMap((s) => [`${s.id}/store.png`, ...s.staff.map((p) => `${s.id}/${p.staffId}.png`)])
    expect(expected).toEqual(
      expect.arrayContaining(['SH001/store.png', 'SH001/A01.png', 'SH001/A03.png', 'SH001/M01.png', 'BJ009/store.png']),
    )
    expect(posters.map((p) => p.file).sort()).toEqual(expected.sort())
    const index = JSON.parse(readFileSync(join(outDir, 'index.json'), 'utf8')) as { posters: PosterEntry[] }
    expect(index.posters).toEqual(posters)
    expect(readFileSync(join(outDir, 'index.html'), 'utf8')).toContain('SH001/A01.png')
  })

  it.each([
    ['SH001/A01.png', { storeId: 'SH001', assistantId: 'A01' }],
    ['SH001/M01.png', { storeId: 'SH001', assistantId: 'M01' }],
    ['SH001/store.png', { storeId: 'SH001', assistantId: null }],
    ['BJ009/store.png', { storeId: 'BJ009', assistantId: null }],
  ])('%s is an A5 page at 2x whose code opens the join page with its store scene', (file, expected) => {
    const { width, height, text } = decodePng(join(outDir, file))
    expect({ width, height }).toEqual({ width: A5_CSS.width * SCALE, height: A5_CSS.height * SCALE })
    expect(text).not.toBeNull()
    const url = new URL(text!)
    expect(url.origin).toBe(h.cloud.url)
    const [page, query] = url.hash.slice(1).split('?')
    expect(page).toBe('/pages/join/index')
    expect(parseStoreScene(new URLSearchParams(query).get('scene')!)).toEqual(expected)
  })
})
