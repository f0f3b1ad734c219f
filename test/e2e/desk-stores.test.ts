/**
 * 门店与员工 on the operators' desk, end to end at 1280 px: the operator opens a new store, invites a shop assistant
 * to it, the invitee accepts the code in the mini-program (H5 at 375 px), and the desk lists them as working there.
 * Screenshots: test-results/desk-stores-*.png.
 */
import { launchDesk, type DeskBrowser } from './support/browser'
import { startDemo, type Demo } from './support/demo'
import { signInDesk } from './support/desk'
import { onScreen } from './support/screen'

jest.setTimeout(240_000)

let demo: Demo
let desk: DeskBrowser

beforeAll(async () => {
  demo = await startDemo('vipcard-e2e-desk-stores-')
  desk = await launchDesk()
  await signInDesk(demo, desk)
})

afterAll(async () => {
  await desk?.close()
  await demo?.close()
})

const { openAs, visible, tapText, text } = onScreen(() => demo)
const dialog = () => desk.page.locator('.t-dialog')
const field = (label: string) =>
  dialog()
    .locator('.t-form__item')
    .filter({ has: desk.page.getByText(label, { exact: true }) })
const row = (text: string) => desk.page.locator('.t-table__body tr').filter({ hasText: text })
/** A demo identity who is neither staff nor operator. */
const INVITEE = 'demo-shopper-a'

it('opens a new store with its phone, map point and hours', async () => {
  const page = desk.page
  await page.getByText('门店与员工', { exact: true }).first().click()
  await page.getByRole('button', { name: '新建门店' }).click()
  await field('门店编号').locator('input').fill('hz001')
  await field('门店名称').locator('input').fill('杭州湖滨银泰店')
  await field('地址').locator('input').fill('杭州市上城区延安路 258 号')
  await field('电话').locator('input').fill('0571-8888-6666')
  await field('地图位置').locator('input').nth(0).fill('30.2577')
  await field('地图位置').locator('input').nth(1).fill('120.1630')
  await field('营业时间').locator('.hours__day').filter({ hasText: '周一' }).getByText('营业').click()
  await desk.screenshot('desk-stores-01-new-store')
  await page.getByRole('button', { name: '保存' }).click()
  await row('杭州湖滨银泰店').waitFor()
  expect(await row('杭州湖滨银泰店').innerText()).toMatch(/HZ001[\s\S]*0571-8888-6666[\s\S]*营业/)
  await desk.screenshot('desk-stores-02-stores')
  const [store] = demo.cloud.executor.find('stores', { _id: 'HZ001' })
  expect(store).toMatchObject({ name: '杭州湖滨银泰店', location: { latitude: 30.2577, longitude: 120.163 } })
  expect((store as { hours: Record<string, unknown> }).hours.mon).toBeNull()
})

it('invites a shop assistant to it, who accepts in the mini-program and is then listed as working there', async () => {
  const page = desk.page
  await page.getByText('员工', { exact: true }).click()
  await page.getByRole('button', { name: '邀请员工' }).click()
  await field('门店').locator('.t-select__wrap').click()
  await page.locator('.t-select-option').filter({ hasText: '杭州湖滨银泰店' }).click()
  await field('姓名').locator('input').fill('林晓')
  await field('工号').locator('input').fill('h01')
  await page.getByRole('button', { name: '生成邀请码' }).click()
  const code = (await dialog().locator('.invitation__code').innerText()).trim()
  expect(code).toMatch(/^[A-Z2-9]{8}$/)
  // The mini-program code to scan beside it: the accept page with this code in its scene.
  await dialog().locator('.invitation__qr').waitFor()
  await desk.screenshot('desk-stores-03-invitation')
  const path = (await dialog().locator('.invitation__line').first().innerText()).replace('小程序页面：', '').trim()
  await page.getByRole('button', { name: '完成' }).click()

  await openAs(INVITEE, `/${path}`)
  await tapText('接受邀请')
  await visible('.invite-done').waitFor()
  expect(await text('.invite-done__title')).toBe('欢迎加入杭州湖滨银泰店')

  await page.reload()
  await page.getByText('员工', { exact: true }).click()
  await row('林晓').waitFor()
  expect(await row('林晓').innerText()).toMatch(/H01[\s\S]*林晓[\s\S]*导购[\s\S]*杭州湖滨银泰店[\s\S]*在职/)
  await desk.screenshot('desk-stores-04-staff')
})

it('invites an operator with the catalog permission only, and later adds reports', async () => {
  const page = desk.page
  await page.getByText('运营与权限', { exact: true }).click()
  await page.getByRole('button', { name: '邀请运营' }).click()
  await field('姓名').locator('input').fill('孙薇')
  await field('工号').locator('input').fill('op07')
  await field('权限').getByText('优惠券模板与积分商城').click()
  await desk.screenshot('desk-stores-05-invite-operator')
  await page.getByRole('button', { name: '生成邀请码' }).click()
  const path = (await dialog().locator('.invitation__line').first().innerText()).replace('小程序页面：', '').trim()
  await page.getByRole('button', { name: '完成' }).click()

  await openAs('demo-shopper-b', `/${path}`)
  await tapText('接受邀请')
  await visible('.invite-done').waitFor()

  await page.reload()
  await page.getByText('运营与权限', { exact: true }).click()
  await row('孙薇').waitFor()
  expect(await row('孙薇').innerText()).toMatch(/OP07[\s\S]*孙薇[\s\S]*优惠券模板与积分商城/)
  await row('孙薇').getByRole('button', { name: '设置权限' }).click()
  await field('权限').getByText('报表').click()
  await page.getByRole('button', { name: '保存' }).click()
  await page.getByText('已更新 孙薇 的权限').waitFor()
  expect(demo.cloud.executor.find('operators', { operatorId: 'OP07' })[0]).toMatchObject({ areas: ['catalog', 'reports'], active: true })
  await desk.screenshot('desk-stores-06-operators')
})

it('hands an assistant’s customers to two colleagues, showing who gets how many first', async () => {
  const page = desk.page
  const customersOf = (staffId: string) => demo.cloud.executor.count('members', { storeId: 'SH001', assistantId: staffId })
  const leaving = customersOf('A03')
  expect(leaving).toBeGreaterThan(0)
  await page.reload()
  await page.getByText('员工', { exact: true }).click()
  await row('A03').getByRole('button', { name: '移交顾客' }).click()
  await field('移交给').locator('.t-select__wrap').click()
  await page.locator('.t-select-option').filter({ hasText: 'A01' }).click()
  await page.locator('.t-select-option').filter({ hasText: 'M01' }).click()
  const first = Math.ceil(leaving / 2)
  await dialog()
    .getByText(`共 ${leaving} 位顾客：王丽 ${first} 位，周慧 ${leaving - first} 位`)
    .waitFor()
  await dialog().locator('.t-dialog__header').click() // closes the picker's list, as a click elsewhere does
  await page.locator('.t-select__dropdown').waitFor({ state: 'hidden' })
  await desk.screenshot('desk-stores-07-hand-over')
  await dialog().getByRole('button', { name: '确认移交' }).click()
  await page.getByText(/的顾客已全部移交给 王丽、周慧/).waitFor()
  expect(customersOf('A03')).toBe(0)
  expect(customersOf('M01')).toBe(leaving - first)
})
