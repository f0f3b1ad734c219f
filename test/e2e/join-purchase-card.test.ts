/**
 * The walking skeleton end to end: the H5 build in Debian's Chromium against the local cloud running the
 * bundled functions. A shopper joins by the store QR, the shop assistant records a ¥520.00 purchase with the
 * member code, and the shopper's card shows 520 points, VIP, valid until the same date next year.
 */
import { businessDate } from '../../src/domain/time'
import type { LocalCloud } from '../../localcloud'
import { DEMO_JOIN_SCENE } from '../../scripts/demo-data'
import type { PhoneBrowser } from './support/browser'
import { startDemo, type Demo } from './support/demo'
import { closeMemberCode, showMemberCode } from './support/memberCode'

jest.setTimeout(120_000)

let demo: Demo
let cloud: LocalCloud
let phone: PhoneBrowser

beforeAll(async () => {
  demo = await startDemo('vipcard-e2e-')
  cloud = demo.cloud
  phone = demo.phone
})

afterAll(async () => {
  await demo?.close()
})

/** The identity switcher reloads the page as the chosen demo identity. */
const switchIdentity = async (openid: string) => {
  await Promise.all([phone.page.waitForEvent('load'), phone.page.selectOption('.local-identity__select', openid)])
}

/** Taro's <Input> renders a real <input> inside its own element; type into the real one. */
const field = (placeholder: string) => phone.page.locator(`input[placeholder="${placeholder}"]`)

const cardText = async () => (await phone.page.locator('.member-card').innerText()).replace(/\s+/g, ' ')

it('joins by the store QR, earns 520 points and VIP from a ¥520.00 purchase, and shows it on the card', async () => {
  const { page } = phone

  // 1. Shopper A scans the store QR: the join page opens with the store's scene.
  await page.goto(`${cloud.url}/#/pages/join/index?scene=${encodeURIComponent(DEMO_JOIN_SCENE)}`)
  await page.locator('.join-page__title').waitFor()
  await page.getByText('手动填写').click()
  await field('选填，如：王女士').fill('张敏')
  await field('11 位手机号').fill('13812348000')
  await page.getByText('选择月 / 日').click()
  await page.getByText('确定', { exact: true }).first().click()
  await page.locator('.join-page__checkbox').click()
  await phone.screenshot('e2e-01-join-filled')
  await page.getByText('立即加入').click()

  // 2. The card: 0 points, a plain member, attributed to the store, with a member code (after the welcome).
  await page.locator('.member-card').waitFor()
  await page.locator('.join-welcome__ok').click()
  expect(await cardText()).toContain('张敏')
  expect(await cardText()).toMatch(/积分 0\b/)
  expect(await cardText()).toContain('普通会员')
  expect(await cardText()).toContain('上海静安嘉里中心店')
  const memberNo = (await cardText()).match(/会员号 (\d{4} \d{4} \d{3})/)?.[1].replace(/ /g, '')
  expect(memberNo).toMatch(/^\d{11}$/)
  expect(await page.getByText('再消费 ¥1,800 或单笔消费满 ¥500').count()).toBeGreaterThan(0)
  await phone.screenshot('e2e-02-card-joined')
  // The dynamic member code, one tap from the card: the member number, a one-time password and a check digit,
  // under a countdown. What the assistant's scanner reads off the phone (here: the digits, shown by a tap, typed).
  const code = await showMemberCode(page)
  expect(code).toMatch(new RegExp(`^${memberNo}\\d{7}$`))
  expect(await page.locator('.member-code__refresh').innerText()).toMatch(/秒后自动更新/)
  await closeMemberCode(page)

  // 3. The shop assistant records ¥520.00 against the member code.
  await switchIdentity('demo-assistant-1')
  // The card reloads as the assistant, who is no member: wait for its redirect to the join page, or the
  // redirect may land after the next navigation and replace the staff page.
  await page.locator('.join-page__title').waitFor()
  await page.goto(`${cloud.url}/#/staff/purchase/index`)
  // The member number alone is not enough at the till: the code from the phone is.
  await field('18 位动态会员码').fill(memberNo!)
  await page.getByText('查询会员').click()
  await page.getByText('请扫描顾客会员卡上的动态会员码（18 位）').waitFor()
  await phone.screenshot('e2e-03-staff-number-refused')
  await field('18 位动态会员码').fill(code)
  await page.getByText('查询会员').click()
  await page.getByText('2 · 消费').waitFor()
  await field('0.00').fill('520.00')
  await field('例如 SO20261123001').fill('E2E-0001')
  const recordedAt = new Date().toISOString()
  await page.getByText('确认录入 ¥520').click()
  await page.getByText('录入成功').waitFor()
  expect(await page.getByText('积分 +520').count()).toBe(1)
  await phone.screenshot('e2e-03-staff-recorded')

  // 4. Back as the shopper: 520 points, VIP, valid through the same date next year.
  await switchIdentity('demo-shopper-a')
  await page.goto(`${cloud.url}/#/pages/card/index`)
  await page.locator('.member-card--vip').waitFor()
  const [year, monthDay] = [Number(businessDate(recordedAt).slice(0, 4)), businessDate(recordedAt).slice(5)]
  const validThrough = `${year + 1}-${monthDay === '02-29' ? '02-28' : monthDay}`
  const card = await cardText()
  expect(card).toMatch(/积分 520\b/)
  expect(card).toContain('VIP会员')
  expect(card).toContain(`有效期至 ${validThrough}`)
  await phone.screenshot('e2e-04-card-vip')

  // The ledger agrees with the card.
  const entries = cloud.executor.find('ledger', { memberId: 'demo-shopper-a' }) as { points: number }[]
  expect(entries.map((e) => e.points)).toEqual([520])

  // 5. In a store with no signal: the last card, marked offline, and a member code made on the phone.
  await page.context().setOffline(true)
  await page.getByText('明细 ›').click()
  await page.waitForURL(/pages\/points/)
  await page.goBack()
  await page.getByText(/^离线 · 会员卡更新于 \d{2}:\d{2}$/).waitFor()
  expect(await cardText()).toMatch(/积分 520\b/)
  await phone.screenshot('e2e-05-card-offline')
  const offlineCode = await showMemberCode(page)
  expect(offlineCode.slice(0, 11)).toBe(memberNo)
  await page.context().setOffline(false)
})
