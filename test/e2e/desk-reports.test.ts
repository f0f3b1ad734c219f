/**
 * 报表 on the operators' desk, end to end at 1280 px: the figures of the last 30 days, then last month for one store,
 * checked against the demo database; the store comparison exported as .xlsx and read back; the segments below.
 * Screenshots: test-results/desk-reports-*.png.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Locator } from 'playwright-core'
import { readSheet } from 'read-excel-file/node'
import { DEMO_STORE, DEMO_STORE_2 } from '../../scripts/demo-data'
import { formatYuan } from '../../src/domain/money'
import { businessTime } from '../../src/domain/time'
import { launchDesk, SCREENSHOT_DIR, type DeskBrowser } from './support/browser'
import { startDemo, type Demo } from './support/demo'
import { signInDesk } from './support/desk'

jest.setTimeout(240_000)

let demo: Demo
let desk: DeskBrowser

beforeAll(async () => {
  demo = await startDemo('vipcard-e2e-desk-reports-')
  // The nightly job computes the classes and RFM the segments show.
  await demo.cloud.fireTimer('jobs', 'upkeep', { clock: new Date() })
  desk = await launchDesk()
  await signInDesk(demo, desk)
})

afterAll(async () => {
  await desk?.close()
  await demo?.close()
})

/** Picks `text` in a TDesign select, clicking it again if a closing popup swallowed the click. */
const pickOption = async (select: Locator, text: string) => {
  const option = desk.page.locator('.t-select-option').filter({ hasText: text })
  for (let i = 0; i < 5 && !(await option.isVisible()); i++) {
    await select.click()
    await option.waitFor({ state: 'visible', timeout: 2_000 }).catch(() => undefined)
  }
  await option.click()
}
const kpi = (label: string) =>
  desk.page.locator('.kpi').filter({ has: desk.page.locator('.kpi__label', { hasText: new RegExp(`^${label}$`) }) })
/** Waits until card `label` shows exactly `value`. */
const kpiShows = (label: string, value: string) =>
  kpi(label)
    .locator('.kpi__value')
    .filter({ hasText: new RegExp(`^${value.replace(/[$()*+.?[\\\]^{|}]/g, '\\$&')}$`) })
    .waitFor()
const panel = (title: string) => desk.page.getByRole('region', { name: title, exact: true })
/** A panel's table as the operator reads it: each row's cells. */
const cells = (table: Locator): Promise<string[][]> =>
  table
    .locator('.t-table__body tr:not(.t-table__empty-row)')
    .evaluateAll((rows) => rows.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => (td.textContent ?? '').trim())))

interface Row {
  storeId: string | null
  joinedAt?: string
  at?: string
  amountFen?: number
}
/** The demo's own records in [from, until) (instants), optionally of one store. */
const within = (collection: string, field: 'joinedAt' | 'at', from: string, until: string, storeId?: string) =>
  (demo.cloud.executor.find(collection, {}) as unknown as Row[]).filter(
    (r) => r[field]! >= from && r[field]! < until && (storeId === undefined || r.storeId === storeId),
  )
const salesFen = (from: string, until: string, storeId?: string) =>
  within('purchases', 'at', from, until, storeId).reduce((n, p) => n + p.amountFen!, 0) -
  within('refunds', 'at', from, until, storeId).reduce((n, p) => n + p.amountFen!, 0)

/** Every canvas on the page has been drawn on (some pixel is not transparent). */
const chartsDrawn = () =>
  desk.page.waitForFunction(() => {
    const canvases = Array.from(document.querySelectorAll<HTMLCanvasElement>('canvas.report-chart'))
    return (
      canvases.length > 0 &&
      canvases.every((c) => {
        const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data
        for (let i = 3; i < data.length; i += 4) if (data[i] > 0) return true
        return false
      })
    )
  })

it('shows the last 30 days of the whole brand: members, new members and sales as the database has them', async () => {
  const page = desk.page
  await page.getByText('报表', { exact: true }).first().click()
  await kpi('会员总数').waitFor()
  const today = businessTime(new Date()).startOf('day')
  const from = today.subtract(29, 'day').toISOString()
  const until = today.add(1, 'day').toISOString()
  await page.getByText(`${today.subtract(29, 'day').format('YYYY-MM-DD')} 至 ${today.format('YYYY-MM-DD')}（今天为实时数据）`).waitFor()

  expect(await kpi('会员总数').locator('.kpi__value').innerText()).toBe(String(demo.cloud.executor.count('members', {})))
  expect(await kpi('新会员').locator('.kpi__value').innerText()).toBe(`${within('members', 'joinedAt', from, until).length} 人`)
  expect(await kpi('VIP会员').locator('.kpi__value').innerText()).toBe(String(demo.cloud.executor.count('members', { tier: 'vip' })))
  expect(await kpi('会员销售额').locator('.kpi__value').innerText()).toBe(formatYuan(salesFen(from, until)))
  await chartsDrawn()
  await desk.screenshot('desk-reports-01-last-30-days')
})

it('narrows last month to one store, and exports the store comparison exactly as shown', async () => {
  const page = desk.page
  await pickOption(page.locator('.filters .t-select__wrap').nth(0), '上月')
  await pickOption(page.locator('.filters .t-select__wrap').nth(1), DEMO_STORE.name)
  const month = businessTime(new Date()).startOf('month')
  const first = month.subtract(1, 'month')
  const lastDay = month.subtract(1, 'day').format('YYYY-MM-DD')
  const [from, until] = [first.toISOString(), month.toISOString()]
  await page.getByText(`${first.format('YYYY-MM-DD')} 至 ${lastDay}`, { exact: true }).waitFor()
  await kpi('新会员').locator('.kpi__note', { hasText: DEMO_STORE.name }).waitFor()

  const joined = within('members', 'joinedAt', from, until, DEMO_STORE._id).length
  const sales = salesFen(from, until, DEMO_STORE._id)
  expect(await kpi('新会员').locator('.kpi__value').innerText()).toBe(`${joined} 人`)
  expect(await kpi('会员销售额').locator('.kpi__value').innerText()).toBe(formatYuan(sales))
  // The daily table has one row a day of last month, summing to the store's joins.
  const days = await cells(panel('每日明细'))
  expect(days).toHaveLength(month.subtract(1, 'day').date())
  expect(days.reduce((n, row) => n + Number(row[1]), 0)).toBe(joined)
  // Each day's sales are the store's own that day.
  const dayStart = (date: string) => businessTime(`${date}T00:00:00+08:00`)
  expect(days.map((row) => row[2])).toEqual(
    days.map((row) => formatYuan(salesFen(dayStart(row[0]).toISOString(), dayStart(row[0]).add(1, 'day').toISOString(), DEMO_STORE._id))),
  )
  await chartsDrawn()
  await desk.screenshot('desk-reports-02-last-month-one-store')

  // Every store stays in the comparison, whichever store is picked.
  const comparison = panel('门店对比')
  const shown = await cells(comparison)
  expect(shown.map((row) => row[0])).toEqual(expect.arrayContaining([DEMO_STORE.name, DEMO_STORE_2.name]))
  const [download] = await Promise.all([page.waitForEvent('download'), comparison.getByRole('button', { name: '导出 Excel' }).click()])
  expect(download.suggestedFilename()).toBe(`门店对比-${DEMO_STORE.name}-${first.format('YYYY-MM-DD')}至${lastDay}.xlsx`)
  const saved = join(SCREENSHOT_DIR, 'desk-reports-stores.xlsx')
  await download.saveAs(saved)
  const sheet = await readSheet(readFileSync(saved))
  expect(sheet[0]).toEqual(['门店', '新会员（人）', '新会员占比', '会员销售额（元）', '销售额占比'])
  expect(sheet.length - 1).toBe(shown.length)
  // The file holds the rows shown, in their order, with money as yuan numbers Excel can sum.
  expect(sheet.slice(1).map((r) => [r[0], String(r[1]), r[2], formatYuan(Math.round(Number(r[3]) * 100)), r[4]])).toEqual(shown)
  for (const store of [DEMO_STORE, DEMO_STORE_2]) {
    const row = sheet.find((r) => r[0] === store.name)!
    expect(row[1]).toBe(within('members', 'joinedAt', from, until, store._id).length)
    expect(row[3]).toBe(salesFen(from, until, store._id) / 100)
  }

  // The last 90 days of the same store reach back to a join the demo has.
  await pickOption(page.locator('.filters .t-select__wrap').nth(0), '近 90 天')
  const today = businessTime(new Date()).startOf('day')
  await page.getByText(`${today.subtract(89, 'day').format('YYYY-MM-DD')} 至 ${today.format('YYYY-MM-DD')}（今天为实时数据）`).waitFor()
  const joins90 = within('members', 'joinedAt', today.subtract(89, 'day').toISOString(), today.add(1, 'day').toISOString(), DEMO_STORE._id)
  expect(joins90.length).toBeGreaterThan(0)
  await kpiShows('新会员', `${joins90.length} 人`)
})

it('shows the A–D classes, the RFM grid and the top customers below', async () => {
  const page = desk.page
  const classes = panel('A/B/C/D 客户类别')
  await classes.locator('.t-table__body tr').first().waitFor()
  const classRows = await cells(classes)
  expect(classRows.map((row) => row[0])).toEqual(['A', 'B', 'C', 'D'])
  expect(classRows.reduce((n, row) => n + Number(row[1]), 0)).toBe(demo.cloud.executor.count('members', {}))
  const loyal = panel('重点客户')
  const top = (demo.cloud.executor.find('members', {}) as unknown as { purchaseCount: number }[])
    .map((m) => m.purchaseCount)
    .filter((n) => n > 0)
    .sort((a, b) => b - a)
  const loyalRows = await cells(loyal)
  expect(loyalRows.map((row) => Number(row[5]))).toEqual(top.slice(0, 20))
  await page.getByText('主力户', { exact: true }).click()
  await desk.screenshot('desk-reports-03-segments')
})

/** Types a range into the picker, as an operator may instead of clicking the calendar. */
const typeRange = async (from: string, to: string) => {
  const inputs = desk.page.locator('.filters .t-date-range-picker input')
  for (const [i, text] of [from, to].entries()) {
    await inputs.nth(i).click()
    await desk.page.keyboard.type(text)
    await desk.page.keyboard.press('Enter')
  }
}

it('takes a range of days or of months the operator picks', async () => {
  const page = desk.page
  await pickOption(page.locator('.filters .t-select__wrap').nth(0), '自选日期')
  await page.getByText('请选择开始和结束日期').waitFor()
  const today = businessTime(new Date()).startOf('day')
  const [first, last] = [today.subtract(40, 'day'), today.subtract(5, 'day')]
  await typeRange(first.format('YYYY-MM-DD'), last.format('YYYY-MM-DD'))
  await page.getByText(`${first.format('YYYY-MM-DD')} 至 ${last.format('YYYY-MM-DD')}`, { exact: true }).waitFor()
  const sales = salesFen(first.toISOString(), last.add(1, 'day').toISOString(), DEMO_STORE._id)
  await kpiShows('会员销售额', formatYuan(sales))
  expect(await cells(panel('每日明细'))).toHaveLength(36)
  await desk.screenshot('desk-reports-04-chosen-days')

  // Two whole months before this one: from the first of the one to the last of the other, read from stored days.
  await pickOption(page.locator('.filters .t-select__wrap').nth(0), '自选月份')
  const month = businessTime(new Date()).startOf('month')
  const [m1, m2] = [month.subtract(2, 'month'), month.subtract(1, 'month')]
  await typeRange(m1.format('YYYY-MM'), m2.format('YYYY-MM'))
  await page.getByText(`${m1.format('YYYY-MM-DD')} 至 ${month.subtract(1, 'day').format('YYYY-MM-DD')}`, { exact: true }).waitFor()
  const monthsSales = salesFen(m1.toISOString(), month.toISOString(), DEMO_STORE._id)
  await kpiShows('会员销售额', formatYuan(monthsSales))
})
