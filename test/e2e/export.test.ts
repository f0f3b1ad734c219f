/**
 * Operators' exports end to end (issue 7): the H5 build in Debian's Chromium against the local cloud running the
 * bundled functions, with the demo data. The operator opens 数据导出 from the operators' nav, exports the member
 * list and downloads it through the temporary link (the browser receives it as an attachment: the CSV parses back
 * with every member, phones masked), then exports this month's ledger. Takes 375-px screenshots
 * (test-results/export-*.png).
 */
import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import type { Page } from 'playwright-core'
import type { LocalCloud } from '../../localcloud'
import { DEMO_OPERATOR } from '../../scripts/demo-data'
import type { PhoneBrowser } from './support/browser'
import { startDemo, type Demo } from './support/demo'
import { onScreen } from './support/screen'

jest.setTimeout(240_000)

let demo: Demo
let cloud: LocalCloud
let phone: PhoneBrowser
let page: Page

beforeAll(async () => {
  demo = await startDemo('vipcard-e2e-export-')
  cloud = demo.cloud
  phone = demo.phone
  page = phone.page
})

afterAll(async () => {
  await demo?.close()
})

const { openAs, visible, text, tapText } = onScreen(() => demo)

it("is reached from the operators' nav", async () => {
  await openAs(DEMO_OPERATOR._id, '/ops/member/index')
  await tapText('数据导出 ›')
  await visible('.export-panel__about').waitFor()
  expect(page.url()).toContain('/ops/export/index')
  await phone.screenshot('export-01-page')
})

it('exports the member list, and the link downloads it as a CSV the browser saves', async () => {
  const members = cloud.executor.count('members')
  await tapText('导出会员名单')
  await visible('.export-result').waitFor()
  expect(await text('.export-result__what')).toBe(`会员名单 · ${members} 位会员`)
  expect(await text('.export-result__pii')).toBe('手机号已脱敏（如 138****1234）')
  await phone.screenshot('export-02-members-done')

  const [download] = await Promise.all([page.waitForEvent('download'), tapText('下载文件')])
  expect(download.suggestedFilename()).toMatch(/^\d{8}-\d{6}-[0-9a-f]{4}-members\.csv$/)
  const bytes = readFileSync((await download.path())!)
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  const records: string[][] = parse(bytes, { bom: true })
  expect(records[0].slice(0, 3)).toEqual(['会员号', '姓名', '手机号'])
  expect(records).toHaveLength(members + 1)
  expect(records.slice(1).every((r) => /^1\d{2}\*{4}\d{4}$/.test(r[2]))).toBe(true)
  // The app is still there: the attachment did not navigate away.
  expect(page.url()).toContain('/ops/export/index')

  await tapText('复制下载链接')
  await visible('.export-file__url').waitFor()
  expect(await text('.export-file__url')).toMatch(
    new RegExp(`^${cloud.url.replace(/[.]/g, '\\.')}/local/files/exports/OP01/.+-members\\.csv\\?t=\\d+&sign=[0-9a-f]{64}$`),
  )
  await phone.screenshot('export-03-link')
})

it("exports this month's ledger", async () => {
  await tapText('导出积分流水')
  await visible('.export-result__what').filter({ hasText: '积分流水' }).waitFor()
  expect(await text('.export-result__what')).toMatch(/^积分流水 · \d+ 条$/)
  expect(await text('.export-result__range')).toMatch(/^\d{4}-\d{2}-01 至 \d{4}-\d{2}-\d{2}（北京时间）$/)
  expect(await visible('.export-result__pii').count()).toBe(0)
  await phone.screenshot('export-04-ledger-done')
  const logs = cloud.executor.find('exports', {}) as unknown as { kind: string; operatorId: string; pii: boolean }[]
  expect(logs.map((l) => [l.kind, l.operatorId, l.pii]).sort()).toEqual([
    ['ledger', 'OP01', false],
    ['members', 'OP01', false],
  ])
})
