/**
 * 门店海报 end to end: the H5 build in Debian's Chromium against the local cloud running the bundled functions,
 * with the demo data. The demo operator opens 门店海报 from their other tools, sees the demo store with its staff,
 * makes the demo assistant's poster and downloads it: the PNG is the A5 poster at 2x, and its code (the local
 * cloud's plain QR standing in for the mini-program code) opens the join page with the store and the assistant.
 * Screenshots: test-results/ops-posters-*.png (375 px wide), and the downloaded poster itself.
 */
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { DEMO_ASSISTANT, DEMO_OPERATOR, DEMO_STORE } from '../../scripts/demo-data'
import { parseStoreScene } from '../../src/domain/scene'
import { STORE_POSTER_HEIGHT, STORE_POSTER_SCALE, STORE_POSTER_WIDTH } from '../../src/ops/posters/storePoster'
import { SCREENSHOT_DIR } from './support/browser'
import { startDemo, type Demo } from './support/demo'
import { onScreen } from './support/screen'

jest.setTimeout(240_000)

let demo: Demo

beforeAll(async () => {
  demo = await startDemo('vipcard-e2e-ops-posters-')
})

afterAll(async () => {
  await demo?.close()
})

const { openAs, visible, text, tapText } = onScreen(() => demo)

it('lists the demo store with its address and its active staff', async () => {
  await openAs(DEMO_OPERATOR._id, '/ops/member/index')
  await tapText('门店海报 ›')
  await visible('.posters-store').first().waitFor()
  expect(await text('.posters-store__name')).toBe(DEMO_STORE.name)
  expect(await text('.posters-store__address')).toBe(DEMO_STORE.address)
  const titles = await visible('.posters-store').first().locator('.posters-target__title').allInnerTexts()
  expect(titles).toEqual(expect.arrayContaining(['门店码', DEMO_ASSISTANT.name]))
  await demo.phone.screenshot('ops-posters-01-stores')
})

it("makes the demo assistant's poster and downloads a PNG whose code opens the join page for that store and assistant", async () => {
  const { page } = demo.phone
  await visible('.posters-target').filter({ hasText: DEMO_ASSISTANT.name }).click()
  await visible('.posters-poster__image img').waitFor()
  await page.waitForFunction(() =>
    Array.from(document.querySelectorAll<HTMLImageElement>('.posters-poster__image img')).some((i) => i.complete && i.naturalWidth > 0),
  )
  await demo.phone.screenshot('ops-posters-02-assistant-poster')

  const [download] = await Promise.all([page.waitForEvent('download'), tapText('下载海报')])
  expect(download.suggestedFilename()).toBe(`门店海报-${DEMO_STORE._id}-${DEMO_ASSISTANT.staffId}.png`)
  const saved = join(SCREENSHOT_DIR, 'ops-posters-03-downloaded-poster.png')
  await download.saveAs(saved)
  const png = PNG.sync.read(readFileSync(saved))
  expect({ width: png.width, height: png.height }).toEqual({
    width: STORE_POSTER_WIDTH * STORE_POSTER_SCALE,
    height: STORE_POSTER_HEIGHT * STORE_POSTER_SCALE,
  })
  const url = new URL(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)!.data)
  expect(url.origin).toBe(demo.cloud.url)
  const [route, query] = url.hash.slice(1).split('?')
  expect(route).toBe('/pages/join/index')
  expect(parseStoreScene(new URLSearchParams(query).get('scene')!)).toEqual({
    storeId: DEMO_STORE._id,
    assistantId: DEMO_ASSISTANT.staffId,
  })
  await visible('.posters-poster__saved').filter({ hasText: '海报已下载' }).waitFor()
})
