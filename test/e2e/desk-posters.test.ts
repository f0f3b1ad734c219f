/**
 * 门店码与海报 on the operators' desk, end to end at 1280 px: the operator opens a store's 门店码 in 门店与员工 and
 * sees the phone's A5 poster; the poster downloads at print size and its code (the local cloud's plain QR standing
 * in for the mini-program code) opens the join page for that store; 批量下载 gives one .zip with a poster for each
 * active staff member of the store; a staff member's 专属码 opens the join page for the store and that person. In
 * the store dialog a "lat,lng" pasted into one box fills both, and a point outside China is named before saving.
 * Screenshots: test-results/desk-posters-*.png, and the downloaded poster and zip.
 */
import { unzipSync } from 'fflate'
import jsQR from 'jsqr'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PNG } from 'pngjs'
import { DEMO_ASSISTANT, DEMO_STORE, DEMO_STORE_2 } from '../../scripts/demo-data'
import { parseStoreScene } from '../../src/domain/scene'
import { STORE_POSTER_HEIGHT, STORE_POSTER_SCALE, STORE_POSTER_WIDTH } from '../../src/ops/posters/storePoster'
import { launchDesk, SCREENSHOT_DIR, type DeskBrowser } from './support/browser'
import { startDemo, type Demo } from './support/demo'
import { deskForm, signInDesk } from './support/desk'

jest.setTimeout(240_000)

let demo: Demo
let desk: DeskBrowser

beforeAll(async () => {
  demo = await startDemo('vipcard-e2e-desk-posters-')
  desk = await launchDesk()
  await signInDesk(demo, desk)
})

afterAll(async () => {
  await desk?.close()
  await demo?.close()
})

const { dialog, field } = deskForm(() => desk)

const PRINT_SIZE = { width: STORE_POSTER_WIDTH * STORE_POSTER_SCALE, height: STORE_POSTER_HEIGHT * STORE_POSTER_SCALE }

/** What a PNG's code opens: the join page's route and the scene it is given (store and staff member). */
const scanned = (file: Buffer) => {
  const png = PNG.sync.read(file)
  const url = new URL(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)!.data)
  const [route, query] = url.hash.slice(1).split('?')
  return {
    origin: url.origin,
    route,
    scene: parseStoreScene(new URLSearchParams(query).get('scene')!),
    size: { width: png.width, height: png.height },
  }
}

/** A PNG's pixel size from its header (IHDR), without decoding the picture. */
const pngSize = (file: Uint8Array) => {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength)
  expect(Array.from(file.subarray(1, 4))).toEqual([0x50, 0x4e, 0x47]) // "PNG"
  return { width: view.getUint32(16), height: view.getUint32(20) }
}

const download = async (button: string, savedAs: string) => {
  const [file] = await Promise.all([desk.page.waitForEvent('download'), dialog().getByRole('button', { name: button }).click()])
  const saved = join(SCREENSHOT_DIR, savedAs)
  await file.saveAs(saved)
  return { name: file.suggestedFilename(), bytes: readFileSync(saved) }
}

/** The dialog's opening transition over, so a screenshot shows it as the operator reads it. */
const dialogSettled = () =>
  dialog().evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished.catch(() => undefined))))

const activeStaffOf = (storeId: string) =>
  (demo.cloud.executor.find('staff', { storeId, active: true }) as unknown as { staffId: string }[]).map((s) => s.staffId).sort()

it("shows a store's poster and downloads it at print size, its code opening the join page for the store", async () => {
  const page = desk.page
  await page.getByText('门店与员工', { exact: true }).first().click()
  const row = page.locator('.t-table__body tr').filter({ hasText: DEMO_STORE.name })
  await row.getByRole('button', { name: '门店码' }).click()
  await dialog().getByAltText('门店海报').waitFor()
  await page.waitForFunction(() => {
    const img = document.querySelector<HTMLImageElement>('.t-dialog img.poster__image')
    return img !== null && img.complete && img.naturalWidth > 0
  })
  expect(
    await dialog()
      .locator('img.poster__image')
      .evaluate((i: HTMLImageElement) => [i.naturalWidth, i.naturalHeight]),
  ).toEqual([PRINT_SIZE.width, PRINT_SIZE.height])
  await dialog()
    .getByText(`本店 ${activeStaffOf(DEMO_STORE._id).length} 位在职员工的专属海报`)
    .waitFor()
  await dialogSettled()
  await desk.screenshot('desk-posters-01-store-poster')

  const poster = await download('下载海报', 'desk-posters-02-downloaded-store-poster.png')
  expect(poster.name).toBe(`门店海报-${DEMO_STORE._id}.png`)
  expect(scanned(poster.bytes)).toEqual({
    origin: demo.cloud.url,
    route: '/pages/join/index',
    scene: { storeId: DEMO_STORE._id, assistantId: null },
    size: PRINT_SIZE,
  })

  const code = await download('下载小程序码', 'desk-posters-03-store-code.png')
  expect(code.name).toBe(`小程序码-${DEMO_STORE._id}.png`)
  expect(scanned(code.bytes).scene).toEqual({ storeId: DEMO_STORE._id, assistantId: null })
})

it("downloads every active staff member's poster of the store as one zip", async () => {
  const staff = activeStaffOf(DEMO_STORE._id)
  expect(staff.length).toBeGreaterThan(1)
  const zip = await download('批量下载', 'desk-posters-04-all-staff.zip')
  expect(zip.name).toBe(`门店海报-${DEMO_STORE._id}-全部员工.zip`)
  const files = unzipSync(new Uint8Array(zip.bytes))
  expect(Object.keys(files).sort()).toEqual(staff.map((id) => `门店海报-${DEMO_STORE._id}-${id}.png`))
  for (const file of Object.values(files)) expect(pngSize(file)).toEqual(PRINT_SIZE)
  // Each is that person's own code: the demo assistant's opens the join page with them.
  expect(scanned(Buffer.from(files[`门店海报-${DEMO_STORE._id}-${DEMO_ASSISTANT.staffId}.png`])).scene).toEqual({
    storeId: DEMO_STORE._id,
    assistantId: DEMO_ASSISTANT.staffId,
  })
  // Said under the button (the toast saying it too may have faded while the zip was read above).
  await dialog().locator('.poster__batch').getByText(`已下载 ${staff.length} 张员工海报`).waitFor()
  await dialog().getByRole('button', { name: '关闭' }).click()
  await dialog().waitFor({ state: 'hidden' })
})

it('gives a staff member their personal code, which joins new members to them', async () => {
  const page = desk.page
  await page
    .locator('.t-tabs__nav-item')
    .filter({ hasText: /^员工$/ })
    .click()
  const row = page.locator('.t-table__body tr').filter({ hasText: DEMO_ASSISTANT.staffId })
  await row.getByRole('button', { name: '专属码' }).click()
  await dialog().getByAltText('门店海报').waitFor()
  await page.waitForFunction(() => document.querySelector<HTMLImageElement>('.t-dialog img.poster__image')?.complete === true)
  expect(await dialog().innerText()).toContain(`导购专属码：${DEMO_ASSISTANT.name}（${DEMO_ASSISTANT.staffId}）`)
  expect(await dialog().getByRole('button', { name: '批量下载' }).count()).toBe(0)
  await dialogSettled()
  await desk.screenshot('desk-posters-05-staff-code')

  const code = await download('下载小程序码', 'desk-posters-06-staff-code.png')
  expect(code.name).toBe(`小程序码-${DEMO_STORE._id}-${DEMO_ASSISTANT.staffId}.png`)
  expect(scanned(code.bytes).scene).toEqual({ storeId: DEMO_STORE._id, assistantId: DEMO_ASSISTANT.staffId })
  await dialog().getByRole('button', { name: '关闭' }).click()
  await dialog().waitFor({ state: 'hidden' })
})

it('fills both coordinates from one pasted "lat,lng", names a point outside China, and saves the point', async () => {
  const page = desk.page
  await page
    .locator('.t-tabs__nav-item')
    .filter({ hasText: /^门店$/ })
    .click()
  const row = page.locator('.t-table__body tr').filter({ hasText: DEMO_STORE_2.name })
  await row.getByRole('button', { name: '编辑' }).click()
  const point = field('地图位置')
  const [latitude, longitude] = [point.locator('input').nth(0), point.locator('input').nth(1)]
  // No map key in this build: no picker link, and the hint says where to find the point.
  expect(await point.getByText('在地图上选点').count()).toBe(0)
  await point.getByText(/lbs\.qq\.com\/getPoint/).waitFor()

  await latitude.fill('-33.8568,151.2153')
  expect([await latitude.inputValue(), await longitude.inputValue()]).toEqual(['-33.8568', '151.2153'])
  await point.getByText('纬度应在 3.86–53.56 之间（中国境内）').waitFor()
  await dialogSettled()
  await desk.screenshot('desk-posters-07-point-outside-china')

  await longitude.fill('121.4380, 31.1950')
  expect([await latitude.inputValue(), await longitude.inputValue()]).toEqual(['31.1950', '121.4380'])
  expect(await point.getByText(/中国境内/).count()).toBe(0)
  await desk.screenshot('desk-posters-08-point-pasted')
  await dialog().getByRole('button', { name: '保存' }).click()
  await page.getByText(`已保存门店「${DEMO_STORE_2.name}」`).waitFor()
  const [store] = demo.cloud.executor.find('stores', { _id: DEMO_STORE_2._id }) as unknown as { location: unknown }[]
  expect(store.location).toEqual({ latitude: 31.195, longitude: 121.438 })
})
