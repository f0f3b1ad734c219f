/**
 * 会员 on the operators' desk, end to end at 1280 px: the member table filtered and paged by cursor, a member's page,
 * a points adjustment with its reason (in the ledger and the audit log, from the desk), and the export of exactly
 * the filtered rows as .xlsx. Screenshots: test-results/desk-members-*.png.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { readSheet } from 'read-excel-file/node'
import { DEMO_OPERATOR } from '../../scripts/demo-data'
import { launchDesk, SCREENSHOT_DIR, type DeskBrowser } from './support/browser'
import { startDemo, type Demo } from './support/demo'
import { signInDesk } from './support/desk'

jest.setTimeout(240_000)

let demo: Demo
let desk: DeskBrowser

beforeAll(async () => {
  demo = await startDemo('vipcard-e2e-desk-members-')
  desk = await launchDesk()
  await signInDesk(demo, desk)
})

afterAll(async () => {
  await desk?.close()
  await demo?.close()
})

const rows = () => desk.page.locator('.t-table__body tr:not(.t-table__empty-row)')
const countLine = () => desk.page.locator('.pager__count')

it('lists every member, newest first, and narrows the list to VIPs', async () => {
  const page = desk.page
  await page.getByText('会员', { exact: true }).first().click()
  await rows().first().waitFor()
  const all = Number(/共 (\d+) 位会员/.exec(await countLine().innerText())![1])
  expect(all).toBe(demo.cloud.executor.count('members', {}))
  await desk.screenshot('desk-members-01-all')

  await page.locator('.filters .t-select__wrap').nth(1).click()
  await page.locator('.t-select-option').filter({ hasText: 'VIP会员' }).click()
  await page.waitForFunction((n) => !document.querySelector('.pager__count')?.textContent?.includes(`共 ${n} 位会员`), all)
  // The first column holds the tick boxes of the bulk actions.
  const tiers = await rows().locator('td:nth-child(4)').allInnerTexts()
  expect(tiers.length).toBeGreaterThan(0)
  expect(new Set(tiers)).toEqual(new Set(['VIP会员']))
  await desk.screenshot('desk-members-02-vip')
})

it('exports exactly the filtered members as an Excel file', async () => {
  const total = Number(/共 (\d+) 位会员/.exec(await countLine().innerText())![1])
  const [download] = await Promise.all([desk.page.waitForEvent('download'), desk.page.getByText(/^导出 Excel/).click()])
  const saved = join(SCREENSHOT_DIR, 'desk-members-export.xlsx')
  await download.saveAs(saved)
  const sheet = await readSheet(readFileSync(saved))
  expect(sheet[0]).toEqual(expect.arrayContaining(['会员号', '姓名', '等级', '积分', '累计消费（元）']))
  expect(sheet.length - 1).toBe(total)
  expect(new Set(sheet.slice(1).map((r) => r[3]))).toEqual(new Set(['VIP会员']))
})

it("opens a member's page and adjusts their points with a reason, recorded as done from the desk", async () => {
  const page = desk.page
  const memberNo = (await rows().first().locator('td:nth-child(2)').innerText()).trim()
  await rows().first().click()
  await page.locator('.member__no').filter({ hasText: memberNo }).waitFor()
  await desk.screenshot('desk-members-03-member')
  const before = (demo.cloud.executor.find('members', { memberNo })[0] as { pointsBalance: number }).pointsBalance

  await page.getByRole('button', { name: '调整积分' }).click()
  await page.locator('.t-dialog input').first().fill('120')
  await page.locator('.t-dialog textarea').fill('顾客投诉核实后补偿')
  await desk.screenshot('desk-members-04-adjust')
  await page.getByRole('button', { name: '确认调整' }).click()
  await page.getByText(`余 ${before + 120}`).waitFor()
  await page.locator('.t-table__body').getByText('顾客投诉核实后补偿').first().waitFor()

  expect((demo.cloud.executor.find('members', { memberNo })[0] as { pointsBalance: number }).pointsBalance).toBe(before + 120)
  const audit = demo.cloud.executor.find('auditLog', { action: 'adjustPoints' })
  expect(audit).toEqual([expect.objectContaining({ operatorId: DEMO_OPERATOR.operatorId, source: 'desk' })])
})
