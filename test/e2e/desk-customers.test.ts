/**
 * 顾客 and 数据导出 on the operators' desk, end to end at 1280 px, with the demo data and a second store (Beijing) with
 * a customer of its own: each of today's lists is a tab whose count and rows are what `ops.today` answers the demo
 * operator; the store picker narrows them to one store; a tab exports its rows as .xlsx; a row opens the member's
 * page. Then the exports: the members file and a ledger range through the link the function answers, and a range
 * too long refused in the function's words. Screenshots: test-results/desk-customers-*.png.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { readSheet } from 'read-excel-file/node'
import type { TodayView } from '../../src/api/contract'
import { LEDGER_COLUMNS, MEMBER_COLUMNS, monthSoFar } from '../../src/domain/exports'
import { newMember } from '../../src/domain/member'
import { generateMemberNo } from '../../src/domain/memberNo'
import { businessTime } from '../../src/domain/time'
import { DEMO_OPERATOR } from '../../scripts/demo-data'
import { launchDesk, SCREENSHOT_DIR, type DeskBrowser } from './support/browser'
import { startDemo, type Demo } from './support/demo'
import { deskForm, signInDesk } from './support/desk'

jest.setTimeout(240_000)

let demo: Demo
let desk: DeskBrowser

const BEIJING = '北京三里屯店'
const BEIJING_CUSTOMER = '冯晓雯'
// A member number with a valid check digit (a mistyped one never reaches the member's page).
const BEIJING_DIGITS = [2, 0, 2, 6, 1, 1, 2, 4, 0, 0]
const BEIJING_NO = generateMemberNo(() => BEIJING_DIGITS.shift() ?? 0)

beforeAll(async () => {
  demo = await startDemo('vipcard-e2e-desk-customers-')
  const cloud = demo.cloud
  cloud.executor.insert('stores', [{ _id: 'BJ001', name: BEIJING, address: '', phone: '', openingHours: '' }])
  cloud.executor.insert('staff', [
    { _id: 'e2e-assistant-bj', staffId: 'B01', name: '周敏', storeId: 'BJ001', role: 'assistant', active: true },
  ])
  // A birthday this month at the Beijing store: in 本月生日 for every store and for Beijing alone.
  cloud.executor.insert('members', [
    newMember(
      {
        openid: 'e2e-beijing-customer',
        memberNo: BEIJING_NO,
        name: BEIJING_CUSTOMER,
        mobile: '13600009876',
        birthday: { month: businessTime(new Date()).month() + 1, day: 1 },
        storeId: 'BJ001',
        assistantId: 'B01',
        consentVersion: '2026-11-01',
        referralCode: 'BJCUS2',
      },
      new Date(Date.now() - 60_000).toISOString(),
    ),
  ])
  desk = await launchDesk()
  await signInDesk(demo, desk)
})

afterAll(async () => {
  await desk?.close()
  await demo?.close()
})

const { pickOption } = deskForm(() => desk)

/** What the demo operator's phone would be answered now, for every store or one. */
const todayAnswer = async (storeId?: string): Promise<TodayView> => {
  const answer = (await demo.cloud.invoke(
    'ops',
    { action: 'today', input: storeId ? { storeId } : {} },
    { openid: DEMO_OPERATOR._id },
  )) as {
    ok: boolean
    data: TodayView
  }
  if (!answer.ok) throw new Error(`ops.today failed: ${JSON.stringify(answer)}`)
  return answer.data
}

const TABS = [
  ['本月生日', 'birthdays'],
  ['即将到期VIP', 'lapsing'],
  ['90天未到店', 'drifting'],
  ['180天未到店', 'lost'],
  ['待回访', 'callbacksDue'],
] as const

const rows = () => desk.page.locator('.t-tab-panel:visible .t-table__body tr:not(.t-table__empty-row)')
const tab = (title: string) => desk.page.locator('.t-tabs__nav-item').filter({ hasText: title })
const memberNosShown = async () => (await rows().locator('td:nth-child(2)').allInnerTexts()).map((t) => t.trim())

it("shows each of today's lists for every store with the counts and rows ops.today answers", async () => {
  const page = desk.page
  await page
    .locator('.shell__link')
    .filter({ hasText: /^顾客$/ })
    .click()
  await tab('本月生日').waitFor()
  const answer = await todayAnswer()
  expect(answer.thresholds.winBackDays).toEqual([90, 180])
  for (const [title, key] of TABS) {
    expect((await tab(title).innerText()).trim()).toBe(`${title}（${answer[key].length}）`)
  }
  expect(answer.birthdays.map((c) => c.name)).toContain(BEIJING_CUSTOMER)
  await rows().first().waitFor()
  expect(await memberNosShown()).toEqual(answer.birthdays.slice(0, 20).map((c) => c.memberNo))
  const beijingRow = rows().filter({ hasText: BEIJING_CUSTOMER })
  expect(await beijingRow.innerText()).toMatch(new RegExp(`${BEIJING}[\\s\\S]*周敏[\\s\\S]*生日`))
  await desk.screenshot('desk-customers-01-birthdays')

  await tab('待回访').click()
  await page.waitForFunction(() =>
    document.querySelector('.t-tab-panel:not([style*="none"]) .customers__hint')?.textContent?.includes('回访'),
  )
  await rows().first().waitFor()
  expect(await memberNosShown()).toEqual(answer.callbacksDue.slice(0, 20).map((c) => c.memberNo))
  await desk.screenshot('desk-customers-02-callbacks')
})

it('exports the tab it shows as an .xlsx with exactly its rows', async () => {
  const answer = await todayAnswer()
  const [download] = await Promise.all([desk.page.waitForEvent('download'), desk.page.getByRole('button', { name: /^导出 Excel/ }).click()])
  expect(download.suggestedFilename()).toMatch(/^顾客-\d{4}年\d{1,2}月-待回访-全部门店\.xlsx$/)
  const saved = join(SCREENSHOT_DIR, 'desk-customers-callbacks.xlsx')
  await download.saveAs(saved)
  const sheet = await readSheet(readFileSync(saved))
  expect(sheet[0]).toEqual(['会员号', '姓名', '等级', '手机号', '门店', '导购', '回访'])
  expect(sheet.slice(1).map((r) => String(r[0]))).toEqual(answer.callbacksDue.map((c) => c.memberNo))
  expect(String(sheet[1][6])).toMatch(/回访/)
  expect(String(sheet[1][3])).toMatch(/^1\d{2}\*{4}\d{4}$/)
})

it('narrows every list to the store picked, as ops.today answers for that store', async () => {
  const page = desk.page
  await tab('本月生日').click()
  await pickOption(page.locator('.customers__tools .t-select__wrap'), BEIJING)
  await page.locator('.page__lead').filter({ hasText: BEIJING }).waitFor()
  const answer = await todayAnswer('BJ001')
  for (const [title, key] of TABS) {
    expect((await tab(title).innerText()).trim()).toBe(`${title}（${answer[key].length}）`)
  }
  expect(answer.birthdays.map((c) => c.name)).toEqual([BEIJING_CUSTOMER])
  await rows().first().waitFor()
  expect(await memberNosShown()).toEqual([BEIJING_NO])
  await desk.screenshot('desk-customers-03-beijing')
})

it("opens the member's page from a row", async () => {
  const page = desk.page
  await rows().filter({ hasText: BEIJING_CUSTOMER }).click()
  await page.locator('.member__no').filter({ hasText: BEIJING_NO }).waitFor()
  expect(page.url()).toContain(`#/members/${BEIJING_NO}`)
  await desk.screenshot('desk-customers-04-member')
})

it('exports every member through the link the function answers', async () => {
  const page = desk.page
  await page
    .locator('.shell__link')
    .filter({ hasText: /^数据导出$/ })
    .click()
  await page.getByRole('button', { name: '导出会员名单' }).click()
  const result = page.locator('.export-panel--members .export-result')
  await result.waitFor()
  const members = demo.cloud.executor.count('members')
  expect(await result.locator('.export-result__what').innerText()).toBe(`导出完成：会员名单 · ${members} 位会员`)
  expect(await result.locator('.export-result__pii').innerText()).toBe('手机号已脱敏（如 138****1234）')
  await desk.screenshot('desk-customers-05-members-file')

  const url = (await result.getByText('下载文件').locator('xpath=ancestor-or-self::a').getAttribute('href'))!
  const records: string[][] = parse(Buffer.from(await (await fetch(url)).arrayBuffer()), { bom: true })
  expect(records[0]).toEqual([...MEMBER_COLUMNS])
  expect(records).toHaveLength(members + 1)
  expect(records.find((r) => r[0] === BEIJING_NO)).toEqual(expect.arrayContaining([BEIJING_CUSTOMER, '136****9876', BEIJING]))
})

/** Types the range's first day into the picker (the last stays), as an operator can. */
const typeFrom = async (date: string) => {
  const first = desk.page.locator('.export-panel__range input').nth(0)
  await first.click()
  await first.fill(date)
  await first.press('Enter')
  await desk.page.locator('.t-date-range-picker__panel').waitFor({ state: 'hidden' })
  expect(await first.inputValue()).toBe(date)
}

it('exports the ledger of a range, and refuses a range too long in the function’s words', async () => {
  const page = desk.page
  const range = monthSoFar(new Date().toISOString())
  expect(await page.locator('.export-panel__range input').nth(1).inputValue()).toBe(range.to)
  // The demo's purchases are 12, 60 and 110 days old: 120 days hold them all.
  const from = businessTime(new Date()).subtract(119, 'day').format('YYYY-MM-DD')
  await typeFrom(from)
  await page.getByRole('button', { name: '导出积分流水' }).click()
  const result = page.locator('.export-panel--ledger .export-result')
  await result.waitFor()
  const what = await result.locator('.export-result__what').innerText()
  expect(what).toMatch(new RegExp(`^导出完成：积分流水 · ${from} 至 ${range.to}（北京时间）· [\\d,]+ 条$`))
  await desk.screenshot('desk-customers-06-ledger-file')
  const url = (await result.getByText('下载文件').locator('xpath=ancestor-or-self::a').getAttribute('href'))!
  const records: string[][] = parse(Buffer.from(await (await fetch(url)).arrayBuffer()), { bom: true })
  expect(records[0]).toEqual([...LEDGER_COLUMNS])
  expect(records.length - 1).toBe(Number(/([\d,]+) 条$/.exec(what)![1].replace(/,/g, '')))
  // 李娜's three purchases, each a line with her member number and its points.
  const hers = records.filter((r) => r[1] === '20261123002')
  expect(hers.length).toBeGreaterThanOrEqual(3)
  expect(hers.every((r) => /^-?\d+$/.test(r[3]))).toBe(true)

  // 2025-01-01 to today: more than 366 days.
  await typeFrom('2025-01-01')
  const before = demo.cloud.executor.count('exports')
  await page.getByRole('button', { name: '导出积分流水' }).click()
  await page.locator('.export-panel--ledger .page__error').filter({ hasText: '一次最多导出 366 天' }).waitFor()
  expect(demo.cloud.executor.count('exports')).toBe(before)
  await expect(page.locator('.export-panel--ledger .export-result').count()).resolves.toBe(0)
  await desk.screenshot('desk-customers-07-range-too-long')
})
