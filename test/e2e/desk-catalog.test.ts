/**
 * 积分商城 on the operators' desk, end to end at 1280 px: the operator puts a gift on the catalog with a picture from
 * their computer (shrunk in the browser, uploaded through the web SDK to cloud storage), a points price and stock
 * for one store; the item lists with its picture, and a member sees it in the mini-program's catalog.
 * Screenshots: test-results/desk-catalog-*.png.
 */
import { DEMO_STORE } from '../../scripts/demo-data'
import { launchDesk, type DeskBrowser } from './support/browser'
import { startDemo, type Demo } from './support/demo'
import { deskForm, signInDesk } from './support/desk'

jest.setTimeout(240_000)

let demo: Demo
let desk: DeskBrowser

beforeAll(async () => {
  demo = await startDemo('vipcard-e2e-desk-catalog-')
  desk = await launchDesk()
  await signInDesk(demo, desk)
})

afterAll(async () => {
  await desk?.close()
  await demo?.close()
})

const { field, pickOption, bigPicture } = deskForm(() => desk)

interface ItemDoc {
  title: string
  image: string
  pointsPrice: number
  storeStock: Record<string, { total: number }> | null
}

it('puts a gift on the catalog with a picture, a price and stock for one store', async () => {
  const page = desk.page
  await page.getByText('积分商城', { exact: true }).first().click()
  await page.locator('.t-table__body tr').first().waitFor()
  await page.getByRole('button', { name: '新建商品' }).click()
  await field('商品名称').locator('input').fill('羊绒围巾')
  await field('商品图片')
    .locator('input[type=file]')
    .setInputFiles({ name: 'scarf.png', mimeType: 'image/png', buffer: await bigPicture(2000, 1500, 'rgb(180, 40, 60)') })
  await field('商品图片').locator('img.picture__preview').waitFor()
  await pickOption(field('兑换所得').locator('.t-select__wrap'), '帆布袋礼品券')
  await field('所需积分').locator('input').fill('800')
  await field('门店库存').getByRole('button', { name: '添加门店' }).click()
  await pickOption(field('门店库存').locator('.t-select__wrap'), DEMO_STORE.name)
  await field('门店库存').locator('.t-input-number input').fill('20')
  await desk.screenshot('desk-catalog-01-new-item')
  await page.getByRole('button', { name: '保存' }).click()
  await page.getByText('已上架「羊绒围巾」').waitFor()

  const [item] = demo.cloud.executor.find('catalog', { title: '羊绒围巾' }) as unknown as ItemDoc[]
  expect(item).toMatchObject({ pointsPrice: 800, storeStock: { [DEMO_STORE._id]: { total: 20 } } })
  expect(item.image).toMatch(/^cloud:\/\/.+\/images\/catalog\/\d{8}-\d{6}-[a-z0-9]{6}\.jpg$/)
  // Shrunk to the mini-program's width, as a JPEG.
  const stored = demo.cloud.storage.read(item.image)!
  expect(stored.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]))
  expect(stored.length).toBeLessThan(300_000)

  const row = page.locator('.t-table__body tr').filter({ hasText: '羊绒围巾' })
  await row.locator('img.thumb').waitFor()
  await page.waitForFunction(() =>
    Array.from(document.querySelectorAll<HTMLImageElement>('img.thumb')).every((i) => i.complete && i.naturalWidth > 0),
  )
  expect(await row.innerText()).toMatch(/赠品：品牌帆布袋[\s\S]*800[\s\S]*1 家门店/)
  await desk.screenshot('desk-catalog-02-catalog')
})
