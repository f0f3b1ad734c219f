/**
 * 活动 on the operators' desk, end to end at 1280 px: the operator creates an event with a cover from their computer
 * (2,000 px, shrunk in the browser and uploaded through the web SDK), a store and a capacity; it lists in the table;
 * a member RSVPs on the event function and is checked in at the door by the store's assistant; the guest list shows
 * the RSVP and its check-in and exports them as .xlsx; an edit changes the capacity; closing asks first.
 * Screenshots: test-results/desk-events-*.png.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { readSheet } from 'read-excel-file/node'
import { DEMO_ASSISTANT, DEMO_STORE } from '../../scripts/demo-data'
import { IMAGE_MAX_WIDTH } from '../../src/services/imageNaming'
import { launchDesk, SCREENSHOT_DIR, type DeskBrowser } from './support/browser'
import { startDemo, type Demo } from './support/demo'
import { deskForm, signInDesk } from './support/desk'

jest.setTimeout(240_000)

let demo: Demo
let desk: DeskBrowser

beforeAll(async () => {
  demo = await startDemo('vipcard-e2e-desk-events-')
  desk = await launchDesk()
  await signInDesk(demo, desk)
})

afterAll(async () => {
  await desk?.close()
  await demo?.close()
})

const SHOPPER = { openid: 'demo-shopper-b', memberNo: '20261123002', name: '李娜' }
const TITLE = '冬季新品品鉴会'

const { dialog, field, pickOption, bigPicture } = deskForm(() => desk)
const rows = () => desk.page.locator('.t-table__body tr:not(.t-table__empty-row)')
/** A JPEG's width, from its start-of-frame segment. */
const jpegWidth = (jpeg: Buffer): number => {
  for (let at = 2; at < jpeg.length;) {
    const marker = jpeg[at + 1]
    if (marker >= 0xc0 && marker <= 0xc3) return jpeg.readUInt16BE(at + 7)
    at += 2 + jpeg.readUInt16BE(at + 2)
  }
  return 0
}

interface EventDoc {
  _id: string
  title: string
  cover: string
  storeId: string
  capacity: number
  startsAt: string
  status: string
}
const eventDoc = () => (demo.cloud.executor.find('events', { title: TITLE }) as unknown as EventDoc[])[0]

const invoke = async <T>(fn: string, action: string, input: object, openid: string, clock?: string): Promise<T> => {
  const answer = (await demo.cloud.invoke(fn, { action, input }, { openid, ...(clock ? { clock } : {}) })) as {
    ok: boolean
    data: T
  }
  if (!answer.ok) throw new Error(`${fn}.${action} failed: ${JSON.stringify(answer)}`)
  return answer.data
}

it('creates an event with an uploaded cover, a store and a capacity, and lists it', async () => {
  const page = desk.page
  await page.getByText('活动', { exact: true }).first().click()
  await page.getByText('没有符合条件的活动').waitFor()
  await page.getByRole('button', { name: '新建活动' }).click()
  await field('活动名称').locator('input').fill(TITLE)
  await field('封面图片')
    .locator('input[type=file]')
    .setInputFiles({ name: 'cover.png', mimeType: 'image/png', buffer: await bigPicture(2000, 1300, 'rgb(30, 90, 160)') })
  await field('封面图片').locator('img.picture__preview').waitFor()
  await pickOption(field('举办门店').locator('.t-select__wrap'), DEMO_STORE.name)
  await field('名额').locator('input').fill('20')
  await field('活动介绍').locator('textarea').fill('设计师讲解新季面料与搭配')
  await desk.screenshot('desk-events-01-new-event')
  await dialog().getByRole('button', { name: '保存' }).click()
  await page.getByText(`已创建「${TITLE}」`).waitFor()

  const event = eventDoc()
  expect(event).toMatchObject({ storeId: DEMO_STORE._id, capacity: 20, status: 'open' })
  expect(event.cover).toMatch(/^cloud:\/\/.+\/images\/events\/\d{8}-\d{6}-[a-z0-9]{6}\.jpg$/)
  const stored = demo.cloud.storage.read(event.cover)!
  expect(stored.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]))
  expect(jpegWidth(stored)).toBe(IMAGE_MAX_WIDTH)

  const row = rows().filter({ hasText: TITLE })
  await row.locator('img.thumb').waitFor()
  await page.waitForFunction(() =>
    Array.from(document.querySelectorAll<HTMLImageElement>('img.thumb')).every((i) => i.complete && i.naturalWidth > 0),
  )
  expect(await row.innerText()).toMatch(new RegExp(`${DEMO_STORE.name} · 所有会员[\\s\\S]*14:00–17:00[\\s\\S]*0 / 20[\\s\\S]*未开始`))
})

it("shows a member's RSVP and check-in on the guest list, and exports them", async () => {
  const page = desk.page
  const event = eventDoc()
  const { event: view } = await invoke<{ event: { myRsvp: { status: string; ticketCode: string } } }>(
    'event',
    'rsvp',
    { eventId: event._id },
    SHOPPER.openid,
  )
  expect(view.myRsvp.status).toBe('confirmed')
  const doors = new Date(Date.parse(event.startsAt) + 5 * 60_000).toISOString()
  await invoke('event', 'checkIn', { ticketCode: view.myRsvp.ticketCode }, DEMO_ASSISTANT._id, doors)

  // The table counts them: the search reloads it.
  await page.locator('.filters__search input').fill('品鉴')
  await page.locator('.filters__search input').press('Enter')
  const row = rows().filter({ hasText: TITLE })
  await row.filter({ hasText: '1 / 20' }).waitFor()
  expect((await row.locator('td').nth(5).innerText()).trim()).toBe('1')
  await desk.screenshot('desk-events-02-table')

  await row.locator('td').nth(1).click()
  await page.getByText(`报名名单：${TITLE}`).waitFor()
  const guest = rows().filter({ hasText: SHOPPER.memberNo })
  await guest.waitFor()
  expect(await guest.innerText()).toMatch(/李娜[\s\S]*20261123002[\s\S]*\d{3}\*{4}\d{4}[\s\S]*已确认/)
  const checkedInText = (await guest.locator('td').last().innerText()).trim()
  expect(checkedInText).toMatch(/^\d{4}-\d{2}-\d{2} 14:05$/)
  await page.getByText('已确认 1 · 候补 0 · 已取消 0 · 已签到 1').waitFor()
  await desk.screenshot('desk-events-03-guests')

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByText(/^导出 Excel/).click()])
  const saved = join(SCREENSHOT_DIR, 'desk-events-guests.xlsx')
  await download.saveAs(saved)
  const sheet = await readSheet(readFileSync(saved))
  expect(sheet[0]).toEqual(['姓名', '会员号', '等级', '手机', '人数', '状态', '报名时间', '确认时间', '取消时间', '签到时间'])
  expect(sheet).toHaveLength(2)
  expect(sheet[1].slice(0, 6)).toEqual([SHOPPER.name, SHOPPER.memberNo, expect.any(String), expect.stringMatching(/\*{4}/), 1, '已确认'])
  expect(sheet[1][9]).toBe(checkedInText)

  // Filtered to those who did not come: none, and the export button says so.
  await pickOption(page.locator('.filters .t-select__wrap').nth(1), '未签到')
  await page.getByText('没有符合条件的报名').waitFor()
  await desk.screenshot('desk-events-04-not-checked-in')
  // TDesign draws a disabled button as a div marked t-is-disabled.
  await page.locator('.page__head .t-button.t-is-disabled').filter({ hasText: '导出 Excel（0 条）' }).waitFor()
})

it('edits the capacity, and closes the event to new RSVPs after asking', async () => {
  const page = desk.page
  await page.getByText('← 返回活动列表').click()
  const row = rows().filter({ hasText: TITLE })
  await row.getByRole('button', { name: '编辑' }).click()
  await field('名额').locator('input').fill('25')
  // Announced: the store, tiers, points and guests stay as promised.
  expect(await field('举办门店').locator('input').isDisabled()).toBe(true)
  await desk.screenshot('desk-events-05-edit')
  await dialog().getByRole('button', { name: '保存' }).click()
  await page.getByText(`已保存「${TITLE}」`).waitFor()
  expect(eventDoc().capacity).toBe(25)
  await row.filter({ hasText: '1 / 25' }).waitFor()

  await row.getByRole('button', { name: '停止报名' }).click()
  const confirm = page.locator('.t-dialog').filter({ hasText: `停止「${TITLE}」的报名？` })
  await confirm.getByText(/已确认的会员仍可到场签到/).waitFor()
  expect(eventDoc().status).toBe('open')
  await confirm.getByRole('button', { name: '停止报名' }).click()
  await row.getByText('已停止报名').waitFor()
  expect(eventDoc().status).toBe('closed')
  await desk.screenshot('desk-events-06-closed')
})
