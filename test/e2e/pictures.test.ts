/**
 * Pictures end to end (issue 20): the H5 build in Debian's Chromium against the local cloud with the demo data.
 * The operator adds an event's cover from the phone — a 2400×1600 photo, shrunk on the phone to 1080 px wide before it
 * is uploaded to cloud storage as the operator — and members see it on the event; the catalog shows the tote bag's
 * photo and, for the coupon without one, its benefit on the placeholder. 375-px screenshots: test-results/pictures-*.png.
 */
import type { Page } from 'playwright-core'
import type { LocalCloud } from '../../localcloud'
import { DEMO_OPERATOR, DEMO_STORE } from '../../scripts/demo-data'
import type { PhoneBrowser } from './support/browser'
import { startDemo, type Demo } from './support/demo'
import { onScreen } from './support/screen'

jest.setTimeout(240_000)

let demo: Demo
let cloud: LocalCloud
let phone: PhoneBrowser
let page: Page

beforeAll(async () => {
  demo = await startDemo('vipcard-e2e-pictures-')
  cloud = demo.cloud
  phone = demo.phone
  page = phone.page
})

afterAll(async () => {
  await demo?.close()
})

const { openAs, visible, field, tapText } = onScreen(() => demo)

const TITLE = '冬季大衣试穿会'

/** A JPEG's width and height, from its first frame header (SOF0–SOF3). */
const jpegSize = (jpeg: Buffer): { width: number; height: number } => {
  expect(jpeg.readUInt16BE(0)).toBe(0xffd8)
  let at = 2
  while (at < jpeg.length) {
    const marker = jpeg.readUInt16BE(at)
    if (marker >= 0xffc0 && marker <= 0xffc3) return { height: jpeg.readUInt16BE(at + 5), width: jpeg.readUInt16BE(at + 7) }
    at += 2 + jpeg.readUInt16BE(at + 2)
  }
  throw new Error('no frame header in the JPEG')
}

/** A camera-sized photo (2400×1600 PNG), painted by the browser itself. */
const cameraPhoto = (): Promise<Buffer> =>
  page
    .evaluate(() => {
      const canvas = document.createElement('canvas')
      canvas.width = 2400
      canvas.height = 1600
      const g = canvas.getContext('2d')!
      const fill = g.createLinearGradient(0, 0, 2400, 1600)
      fill.addColorStop(0, '#7d5a3c')
      fill.addColorStop(1, '#e8e0d2')
      g.fillStyle = fill
      g.fillRect(0, 0, 2400, 1600)
      return canvas.toDataURL('image/png').split(',')[1]
    })
    .then((base64) => Buffer.from(base64, 'base64'))

const loaded = (selector: string) => visible(`${selector}.picture--loaded`)

it('lets the operator add a cover from the phone, shrunk to 1080 px and uploaded as the operator', async () => {
  await openAs(DEMO_OPERATOR._id, '/ops/events/index')
  await visible('.ops-event-form').waitFor()
  await field('例如 秋冬新品品鉴会').fill(TITLE)
  await field('例如 SH001').fill(DEMO_STORE._id)
  const photo = await cameraPhoto()
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), tapText('＋ 上传封面')])
  await chooser.setFiles({ name: 'IMG_2041.png', mimeType: 'image/png', buffer: photo })
  await loaded('.cover-picker__image').waitFor()
  await visible('.cover-picker__image').scrollIntoViewIfNeeded()
  await phone.screenshot('pictures-01-ops-cover')
  await tapText('创建活动')
  await visible('.ops-confirm').waitFor()
  await tapText('确认创建')
  await page.getByText(`已创建「${TITLE}」，会员可在「会员活动」报名`).waitFor()

  const [event] = cloud.executor.find('events', { title: TITLE }) as unknown as { cover: string }[]
  expect(event.cover).toMatch(/\/images\/events\/[\w-]+\.jpg$/)
  const stored = cloud.storage.read(event.cover)!
  expect(jpegSize(stored)).toEqual({ width: 1080, height: 720 })
  expect(stored.length).toBeLessThan(photo.length)
  expect(cloud.storage.creatorOf(event.cover)).toBe(DEMO_OPERATOR._id)
})

it('shows members the cover on the event, loaded in place of its placeholder', async () => {
  await openAs('demo-shopper-b', '/pages/events/index')
  const item = visible('.event-item').filter({ hasText: TITLE })
  await item.locator('.event-item__cover.picture--loaded').waitFor()
  expect(await item.locator('.event-item__cover img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(1080)
  await phone.screenshot('pictures-02-events')
})

it("shows the catalog's photos, and a coupon's benefit where it has none", async () => {
  await openAs('demo-shopper-b', '/pages/catalog/index')
  const tote = visible('.catalog-item').filter({ hasText: '品牌帆布袋' })
  await tote.locator('.catalog-item__picture.picture--loaded').waitFor()
  const coupon = visible('.catalog-item').filter({ hasText: '满500减50券' })
  expect(await coupon.locator('.catalog-item__picture').getAttribute('class')).toContain('picture--failed')
  expect(await coupon.locator('.picture__label').innerText()).toBe(await coupon.locator('.catalog-item__benefit').innerText())
  await phone.screenshot('pictures-03-catalog')
})
