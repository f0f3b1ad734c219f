/**
 * 规则 on the operators' desk, end to end at 1280 px: the operator raises the VIP threshold, sees the change in words
 * before saving, saves it with a reason as a new dated version, and finds it in the history. A bad number is refused
 * at its rule, and nothing is saved. Screenshots: test-results/desk-rules-*.png.
 */
import { launchDesk, type DeskBrowser } from './support/browser'
import { startDemo, type Demo } from './support/demo'
import { signInDesk } from './support/desk'

jest.setTimeout(240_000)

let demo: Demo
let desk: DeskBrowser

beforeAll(async () => {
  demo = await startDemo('vipcard-e2e-desk-rules-')
  desk = await launchDesk()
  await signInDesk(demo, desk)
})

afterAll(async () => {
  await desk?.close()
  await demo?.close()
})

const rule = (label: string) => desk.page.locator('label.rule').filter({ has: desk.page.getByText(label, { exact: true }) })
const versions = () => demo.cloud.executor.count('programVersions', {})

it('refuses a threshold that is not money at its rule, and saves nothing', async () => {
  const page = desk.page
  await page.getByText('规则', { exact: true }).first().click()
  await rule('VIP累计消费门槛').locator('input').waitFor()
  await rule('VIP累计消费门槛').locator('input').fill('一千八')
  await page.getByRole('button', { name: '预览并保存' }).click()
  await rule('VIP累计消费门槛').getByText('VIP累计消费门槛应为数字，最多两位小数').waitFor()
  expect(versions()).toBe(0)
})

it('shows the change in words, saves it with a reason as a new version, and lists it in the history', async () => {
  const page = desk.page
  await rule('VIP累计消费门槛').locator('input').fill('2000')
  await page.locator('.rules textarea').fill('年度规则调整，经品牌负责人批准')
  await desk.screenshot('desk-rules-01-edit')
  await page.getByRole('button', { name: '预览并保存' }).click()
  const changes = page.locator('.t-dialog .changes')
  await changes.waitFor()
  expect(await changes.innerText()).toMatch(/VIP累计消费门槛.*¥1,800.*¥2,000/)
  await desk.screenshot('desk-rules-02-confirm')
  await page.getByRole('button', { name: '确认保存' }).click()
  await page.getByText(/已保存为第 \d+ 版/).waitFor()
  expect(versions()).toBe(1)
  const [settings] = demo.cloud.executor.find('settings', { _id: 'program' }) as unknown as { rules: { vip: { cumulativeFen: number } } }[]
  expect(settings.rules.vip.cumulativeFen).toBe(200_000)

  await page.getByText(/^历史版本/).click()
  await page.locator('.history__version').first().waitFor()
  expect(await page.locator('.history__version').first().innerText()).toMatch(/年度规则调整[\s\S]*VIP累计消费门槛/)
  await desk.screenshot('desk-rules-03-history')
})
