/**
 * Privacy end to end (issue 8): the H5 build in Debian's Chromium against the local cloud with the demo data.
 * Takes 375-px screenshots (test-results/privacy-*.png).
 *
 * The story: shopper B (李娜, a member with purchases and points) opens 隐私与个人信息 from her card, reads the
 * policy, exports her data (the file downloads and holds her records), then deletes her membership: the page
 * lists what she loses, 注销会员 stays off until she types 确认注销, and the end screen says it is done; the
 * database no longer names her. A new shopper sees on the join page that a child under 14 joins in a store.
 */
import type { Page } from 'playwright-core'
import type { LocalCloud } from '../../localcloud'
import type { PhoneBrowser } from './support/browser'
import { startDemo, type Demo } from './support/demo'
import { onScreen } from './support/screen'

jest.setTimeout(240_000)

let demo: Demo
let cloud: LocalCloud
let phone: PhoneBrowser
let page: Page

beforeAll(async () => {
  demo = await startDemo('vipcard-e2e-privacy-')
  cloud = demo.cloud
  phone = demo.phone
  page = phone.page
})

afterAll(async () => {
  await demo?.close()
})

const { openAs, visible, tapText } = onScreen(() => demo)

const SHOPPER_B = 'demo-shopper-b'
type MemberDoc = { name: string; mobile: string; memberNo: string; pointsBalance: number }

it('shows the policy and what deletion would cost on 隐私与个人信息', async () => {
  // Opened by its URL: the card's link to it is covered by test/taro/privacy.test.tsx.
  await openAs(SHOPPER_B, '/privacy/index/index')
  await visible('.privacy-loss').waitFor()
  expect(await visible('.privacy-loss').innerText()).toContain('积分将作废')
  await phone.screenshot('privacy-00-page')
  await tapText('查看隐私政策 ›')
  await visible('.privacy-policy').waitFor()
  expect(await visible('.privacy-policy').innerText()).toContain('您的权利')
  await phone.screenshot('privacy-01-policy')
})

it("exports the member's data as a file she can download", async () => {
  const member = cloud.executor.get('members', SHOPPER_B) as unknown as MemberDoc
  await page.locator('.taro_page:visible').getByText('导出我的数据', { exact: true }).last().click()
  await visible('.privacy-page__file').waitFor()
  expect(await visible('.privacy-page__file-line').innerText()).toMatch(/^文件已生成：共 \d+ 条记录$/)
  // The file downloads from the button; the page shows no raw link.
  expect(await page.locator('.taro_page:visible .privacy-file__url').count()).toBe(0)
  const [download] = await Promise.all([page.waitForEvent('download'), tapText('下载文件')])
  const file = (await (await fetch(download.url())).json()) as {
    subject: { memberNo: string }
    collections: Record<string, { name?: string }[]>
  }
  expect(file.subject.memberNo).toBe(member.memberNo)
  expect(file.collections.members[0].name).toBe(member.name)
  expect(file.collections.purchases.length).toBeGreaterThan(0)
  await phone.screenshot('privacy-02-exported')
})

it('deletes the membership once 确认注销 is typed, and nothing names her afterwards', async () => {
  const member = cloud.executor.get('members', SHOPPER_B) as unknown as MemberDoc
  const button = visible('.privacy-page__delete')
  expect(await button.getAttribute('class')).toContain('btn--disabled')
  await visible('.privacy-page__panel--danger input').fill('确认注销')
  await page.waitForFunction(
    () => !document.querySelector('.taro_page:not([style*="display: none"]) .privacy-page__delete')?.className.includes('btn--disabled'),
  )
  await phone.screenshot('privacy-03-confirm')
  await button.click()
  await visible('.status-screen').waitFor()
  expect(await visible('.status-screen__title').innerText()).toBe('会员已注销')
  await phone.screenshot('privacy-04-deleted')

  expect(cloud.executor.get('members', SHOPPER_B)).toBeNull()
  const everything = JSON.stringify(
    cloud.executor
      .collections()
      .filter((c) => c !== 'outbox')
      .map((c) => cloud.executor.find(c)),
  )
  expect(everything).not.toContain(SHOPPER_B)
  expect(everything).not.toContain(member.mobile)
  expect(everything).not.toContain(member.name)
  expect(cloud.executor.find('erasedMembers', { memberNo: member.memberNo })).toHaveLength(1)
})

it('tells a new shopper on the join page that a child under 14 joins with a guardian', async () => {
  await openAs('demo-shopper-a', '/pages/join/index')
  await visible('.join-page__privacy-minor').waitFor()
  expect(await visible('.join-page__privacy-minor').innerText()).toContain('未满14周岁的儿童需经监护人同意方可成为会员')
  await visible('.join-page__privacy').scrollIntoViewIfNeeded()
  await phone.screenshot('privacy-05-join')
})
