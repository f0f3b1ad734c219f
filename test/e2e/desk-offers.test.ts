/**
 * 优惠券模板 on the operators' desk, end to end at 1280 px: an operator creates a template (满 500 减 50, 30 days,
 * limited to 200), finds it in the table, edits it, and retires it. Screenshots: test-results/desk-offers-*.png.
 */
import { launchDesk, type DeskBrowser } from './support/browser'
import { startDemo, type Demo } from './support/demo'
import { signInDesk } from './support/desk'

jest.setTimeout(240_000)

let demo: Demo
let desk: DeskBrowser

beforeAll(async () => {
  demo = await startDemo('vipcard-e2e-desk-offers-')
  desk = await launchDesk()
  await signInDesk(demo, desk)
})

afterAll(async () => {
  await desk?.close()
  await demo?.close()
})

const dialog = () => desk.page.locator('.t-dialog')
const field = (label: string) =>
  dialog()
    .locator('.t-form__item')
    .filter({ has: desk.page.getByText(label, { exact: true }) })
const row = (title: string) => desk.page.locator('.t-table__body tr').filter({ hasText: title })

interface TemplateDoc {
  title: string
  benefit: unknown
  validity: unknown
  stock: { total: number | null }
  active: boolean
}
const templatesTitled = (title: string) => demo.cloud.executor.find('couponTemplates', { title }) as unknown as TemplateDoc[]

it('creates a 满减 coupon template with a limited stock', async () => {
  const page = desk.page
  await page.getByText('优惠券模板', { exact: true }).first().click()
  await page.locator('.t-table__body tr').first().waitFor()
  await page.getByRole('button', { name: '新建券模板' }).click()
  await field('券名称').locator('input').fill('冬季满500减50')
  await field('减免金额').locator('input').fill('50')
  await field('使用门槛').locator('input').fill('500')
  await field('发放总量').locator('.t-switch').click()
  await field('发放总量').locator('input').fill('200')
  await desk.screenshot('desk-offers-01-new-template')
  await page.getByRole('button', { name: '保存' }).click()
  await row('冬季满500减50').waitFor()
  expect(await row('冬季满500减50').innerText()).toMatch(/满¥500减¥50[\s\S]*剩 200 \/ 200/)
  await desk.screenshot('desk-offers-02-templates')

  const [saved] = templatesTitled('冬季满500减50')
  expect(saved).toMatchObject({
    benefit: { kind: 'amountOff', amountOffFen: 5_000, minSpendFen: 50_000 },
    validity: { kind: 'daysFromIssue', days: 30 },
    stock: { total: 200 },
    active: true,
  })
})

it('refuses a threshold below the amount off, naming the field, and saves nothing', async () => {
  const page = desk.page
  await page.getByRole('button', { name: '新建券模板' }).click()
  await field('券名称').locator('input').fill('错误的满减')
  await field('减免金额').locator('input').fill('80')
  await field('使用门槛').locator('input').fill('50')
  await page.getByRole('button', { name: '保存' }).click()
  await field('减免金额').getByText('减免金额应小于使用门槛').waitFor()
  expect(templatesTitled('错误的满减')).toEqual([])
  await dialog().getByRole('button', { name: '取消' }).click()
})

it('edits and then retires the template', async () => {
  const page = desk.page
  await row('冬季满500减50').getByRole('button', { name: '编辑' }).click()
  await field('有效天数').locator('input').fill('15')
  await page.getByRole('button', { name: '保存' }).click()
  await page.getByText('已保存「冬季满500减50」').waitFor()
  expect(templatesTitled('冬季满500减50')[0]).toMatchObject({ validity: { kind: 'daysFromIssue', days: 15 } })

  await row('冬季满500减50').getByRole('button', { name: '停用' }).click()
  const confirm = dialog().filter({ hasText: '停用「冬季满500减50」？' })
  await confirm.getByText('已发出的券在有效期内仍可使用').waitFor()
  expect(templatesTitled('冬季满500减50')[0]).toMatchObject({ active: true })
  await confirm.getByRole('button', { name: '确认停用' }).click()
  await page.getByText('已停用「冬季满500减50」').waitFor()
  expect(templatesTitled('冬季满500减50')[0]).toMatchObject({ active: false })
})
