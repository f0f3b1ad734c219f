/**
 * The operators' pages end to end: the H5 build in Debian's Chromium against the local cloud running the
 * bundled functions, with the demo data. Takes a 375-px screenshot of every page (test-results/ops-*.png).
 *
 * The story: the operator raises the VIP thresholds in 会员规则 with a reason — cumulative ¥1,800 → ¥3,000,
 * and one purchase ¥500 → ¥2,500, since under the old ¥500 rule one ¥2,000 purchase makes a VIP whatever
 * the cumulative threshold — and saves; shopper A joins, and the shop assistant records a ¥2,000 purchase
 * for them (scanning their dynamic member code) that the old rules would have made VIP: they stay a member,
 * and their card counts towards the new thresholds; the history names the change. Then the segments after
 * the nightly job, a campaign for a top list opened from them (created, edited, ended), and the dashboard
 * with its charts drawn.
 */
import type { Page } from 'playwright-core'
import type { LocalCloud } from '../../localcloud'
import { DEMO_OPERATOR } from '../../scripts/demo-data'
import type { PhoneBrowser } from './support/browser'
import { startDemo, type Demo } from './support/demo'
import { memberCodeNow } from './support/memberCode'
import { onScreen } from './support/screen'

jest.setTimeout(240_000)

let demo: Demo
let cloud: LocalCloud
let phone: PhoneBrowser
let page: Page

beforeAll(async () => {
  demo = await startDemo('vipcard-e2e-ops-')
  cloud = demo.cloud
  phone = demo.phone
  page = phone.page
})

afterAll(async () => {
  await demo?.close()
})

const { openAs, field, visible, text, tapText, call } = onScreen(() => demo)

/** The input of the form row labelled `label`. */
const rowInput = (label: string) =>
  visible('.field')
    .filter({ has: page.locator('.field__label', { hasText: new RegExp(`^${label}$`) }) })
    .locator('input')

type MemberDoc = { tier: string; lifetimeSpendFen: number; memberNo: string }
const memberDoc = (id: string) => cloud.executor.get('members', id) as unknown as MemberDoc

const REASON = '旗舰店升级：VIP门槛提高到3000元'

it('lets the operator raise the VIP thresholds with a reason, confirming the change in words', async () => {
  await openAs(DEMO_OPERATOR._id, '/ops/program/index')
  await visible('.program-form').waitFor()
  expect(await rowInput('VIP累计消费门槛').inputValue()).toBe('1800')
  expect(await text('.program-head__version')).toBe('当前规则 · 第 1 版')
  await phone.screenshot('ops-01-rules-form')

  await rowInput('VIP累计消费门槛').fill('3000')
  await rowInput('VIP单笔消费门槛').fill('2500')
  await visible('textarea').fill(REASON)
  await tapText('检查修改')
  await visible('.program-changes').waitFor()
  expect(await visible('.program-changes__line').allInnerTexts()).toEqual([
    'VIP累计消费门槛 ¥1,800 → ¥3,000',
    'VIP单笔消费门槛 ¥500 → ¥2,500',
  ])
  expect(await text('.ops-confirm')).toContain(`修改原因：${REASON}`)
  await phone.screenshot('ops-02-rules-confirm')

  await tapText('确认保存')
  await page.getByText('已生效（第2版），仅对之后的消费生效').waitFor()
  expect(await rowInput('VIP累计消费门槛').inputValue()).toBe('3000')
  const newest = visible('.program-version').first()
  await newest.waitFor()
  expect(await newest.locator('.program-version__no').innerText()).toBe('第 2 版')
  expect(await newest.locator('.program-version__note').innerText()).toBe(`原因：${REASON}`)
  expect(await newest.locator('.program-version__change').allInnerTexts()).toEqual([
    'VIP累计消费门槛 ¥1,800 → ¥3,000',
    'VIP单笔消费门槛 ¥500 → ¥2,500',
  ])
  await phone.screenshot('ops-03-rules-saved')
})

it('records a ¥2,000 purchase that the old rules would have made VIP, and the member stays a member', async () => {
  await call('demo-shopper-a', 'member', 'join', {
    name: '张敏',
    mobile: '13812348000',
    birthday: { month: 3, day: 8 },
    consent: { accepted: true, version: '2026-11-01' },
  })
  // At the till: shopper A's phone shows the dynamic code, the assistant types it and records the purchase.
  await openAs('demo-assistant-1', '/staff/purchase/index')
  await field('18 位动态会员码').fill(await memberCodeNow(cloud, 'demo-shopper-a'))
  await tapText('查询会员')
  await page.getByText('2 · 消费').waitFor()
  await field('0.00').fill('2000.00')
  await field('例如 SO20261123001').fill('E2E-OPS-0001')
  await page
    .locator('.taro_page:visible')
    .getByText(/^确认录入/)
    .click()
  await page.getByText('录入成功').waitFor()
  // The till says what the new rules decided: still 普通会员 after ¥2,000.
  await page.locator('.taro_page:visible').getByText('会员 张敏（普通会员）').waitFor()
  await phone.screenshot('ops-04-purchase-after-rules')
  // No tier change: ¥2,000 is under both new thresholds (the old rules made VIP at ¥500 in one purchase).
  expect(memberDoc('demo-shopper-a')).toMatchObject({ tier: 'member', lifetimeSpendFen: 200_000 })
  const earn = (cloud.executor.find('ledger', { memberId: 'demo-shopper-a' }) as unknown as { programVersion: number }[])[0]
  expect(earn.programVersion).toBe(2)

  // The shopper's card: still a member, counting towards the new thresholds.
  await openAs('demo-shopper-a', '/pages/card/index')
  await visible('.member-card').waitFor()
  await page.getByText('再消费 ¥1,000 或单笔消费满 ¥2,500，即可成为VIP会员').waitFor()
  expect(await text('.member-card')).toContain('普通会员')
  await phone.screenshot('ops-04-card-after-purchase')

  // And the operator's history still names the change.
  await openAs(DEMO_OPERATOR._id, '/ops/program/index')
  await visible('.program-version').first().waitFor()
  expect(await visible('.program-version__change').allInnerTexts()).toContain('VIP累计消费门槛 ¥1,800 → ¥3,000')
})

it('shows the segments after the nightly job, and opens a campaign for the first of a top list', async () => {
  await cloud.fireTimer('jobs', 'upkeep', { clock: new Date() })
  await openAs(DEMO_OPERATOR._id, '/ops/segments/index')
  await visible('.segments-head').waitFor()
  expect(await text('.segments-head__when')).toMatch(/^数据更新于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}（第 2 版规则）$/)
  expect(await visible('.rfm__cell').count()).toBe(25)
  const counted = (await visible('.rfm__members').allInnerTexts()).reduce((n, t) => n + Number(t), 0)
  expect(counted).toBe(Number((await text('.segments-head__total')).replace(/\D/g, '')))
  expect(await visible('.segment-top').count()).toBeGreaterThan(0)
  await phone.screenshot('ops-05-segments')

  await page.locator('.taro_page:visible .ops-direction__option', { hasText: '主力户' }).click()
  await page.locator('.taro_page:visible .ops-direction__option', { hasText: '前 10 名' }).click()
  await tapText('给这批客户发券')
  await page.getByText('已按客户分层预选活动对象：主力户前 10 名').waitFor()
  await phone.screenshot('ops-06-campaign-preset')

  // Created for the top list, then edited and ended from the list.
  await page.locator('.taro_page:visible input[placeholder="例如 新季预览会"]').fill('主力户回馈')
  await page.evaluate(() => {
    const shown = Array.from(document.querySelectorAll('.taro_page')).filter((p) => getComputedStyle(p).display !== 'none')
    shown[shown.length - 1].querySelector('taro-picker-core')!.dispatchEvent(new CustomEvent('change', { detail: { value: 0 } }))
  })
  await tapText('创建活动')
  await visible('.ops-confirm').waitFor()
  expect(await text('.ops-confirm')).toContain('直接发放 · 主力户前 10 名')
  await tapText('确认创建')
  await page.getByText(/^已创建「主力户回馈」，已发放 \d+ 张$/).waitFor()
  const entry = visible('.ops-campaign').filter({ hasText: '主力户回馈' })
  await entry.getByText('编辑', { exact: true }).click()
  await entry.locator('.ops-campaign__manage input').first().fill('主力户回馈（加码）')
  await entry.getByText('保存修改', { exact: true }).click()
  await page.getByText('已保存「主力户回馈（加码）」').waitFor()
  const edited = visible('.ops-campaign').filter({ hasText: '主力户回馈（加码）' })
  await edited.getByText('结束活动', { exact: true }).click()
  await edited.locator('.ops-campaign__closing').waitFor()
  await phone.screenshot('ops-07-campaign-close-confirm')
  await edited.getByText('确认结束', { exact: true }).click()
  await page.getByText('已结束「主力户回馈（加码）」，会员不能再领取，已发出的券仍可使用').waitFor()
  expect(await edited.locator('.ops-campaign__status').innerText()).toBe('已结束')
  const stored = cloud.executor.find('campaigns', { title: '主力户回馈（加码）' }) as unknown as {
    status: string
    audience: { kind: string; label?: string }
  }[]
  expect(stored[0]).toMatchObject({ status: 'closed', audience: { kind: 'list', label: '主力户前 10 名' } })
})

it('shows the dashboard with its charts drawn and their numbers as text', async () => {
  await openAs(DEMO_OPERATOR._id, '/ops/dashboard/index')
  await visible('.dash-range').waitFor()
  await visible('canvas').first().waitFor()
  // The demo's purchase today is member sales, counted live.
  expect(await text('.dash-total >> nth=1')).toMatch(/^¥[\d,]+$/)
  // F2 drew on the canvases: some pixels are not blank.
  const inked = await page.evaluate(() =>
    Array.from(document.querySelectorAll('.taro_page canvas'), (c) => {
      const canvas = c as HTMLCanvasElement
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data
      let painted = 0
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++
      return painted
    }),
  )
  expect(inked.length).toBeGreaterThan(0)
  expect(inked.every((n) => n > 100)).toBe(true)
  await phone.screenshot('ops-08-dashboard-30')
  await page.locator('.taro_page:visible .ops-direction__option', { hasText: '近 7 天' }).click()
  await page.waitForFunction(
    () => /至/.test(document.querySelector('.dash-range')?.textContent ?? '') && document.querySelectorAll('.taro_page canvas').length > 0,
  )
  await phone.screenshot('ops-09-dashboard-7')
})
