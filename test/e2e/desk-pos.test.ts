/**
 * The till API end to end: on the desk (1280 px) an operator makes a key for a store's POS under 门店与员工 → 收银接口
 * and reads its secret once; the POS records a member's purchase through the sample client (scripts/pos/client.ts)
 * over the local cloud's HTTP access service; the shopper's card (H5, 375 px) shows the points; the operator revokes
 * the key and the POS is refused. Screenshots: test-results/desk-pos-*.png.
 */
import { posRequest, type PosCredentials } from '../../scripts/pos/client'
import { DEMO_STORE } from '../../scripts/demo-data'
import { dynamicMemberCode } from '../../src/domain/memberCode'
import { ROUTES } from '../../src/routes'
import { formatPoints } from '../../src/wording/points'
import { launchDesk, type DeskBrowser } from './support/browser'
import { startDemo, type Demo } from './support/demo'
import { signInDesk } from './support/desk'
import { onScreen } from './support/screen'

jest.setTimeout(240_000)

let demo: Demo
let desk: DeskBrowser

beforeAll(async () => {
  demo = await startDemo('vipcard-e2e-desk-pos-')
  desk = await launchDesk()
  await signInDesk(demo, desk)
})

afterAll(async () => {
  await desk?.close()
  await demo?.close()
})

const { openAs, text, call } = onScreen(() => demo)
const SHOPPER = 'demo-shopper-b'
const dialog = () => desk.page.locator('.t-dialog')
const field = (label: string) =>
  dialog()
    .locator('.t-form__item')
    .filter({ has: desk.page.getByText(label, { exact: true }) })
const row = (text: string) => desk.page.locator('.t-table__body tr').filter({ hasText: text })

let key: PosCredentials

it('makes a key for a store, showing its secret once', async () => {
  const page = desk.page
  await page.getByText('门店与员工', { exact: true }).first().click()
  await page.getByText('收银接口', { exact: true }).click()
  await page.getByRole('button', { name: '新建密钥' }).click()
  await field('门店').locator('.t-select__wrap').click()
  await page.locator('.t-select-option').filter({ hasText: DEMO_STORE.name }).click()
  await field('名称').locator('input').fill('收银机1')
  await page.getByRole('button', { name: '生成密钥' }).click()
  const secret = (await dialog().getByTestId('pos-secret').innerText()).trim()
  const keyId = /pk_[0-9a-f]{16}/.exec(await dialog().locator('.invitation__line').first().innerText())?.[0]
  expect(secret).toMatch(/^[0-9a-f]{64}$/)
  expect(keyId).toBeDefined()
  key = { keyId: keyId!, secret }
  await desk.screenshot('desk-pos-01-new-key')
  await page.getByRole('button', { name: '我已保存，完成' }).click()
  await row('收银机1').waitFor()
  expect(await row('收银机1').innerText()).toMatch(new RegExp(`${DEMO_STORE.name}[\\s\\S]*${keyId}[\\s\\S]*使用中`))
  // The list never carries the secret.
  expect(await page.locator('.t-table').innerText()).not.toContain(secret)
  await desk.screenshot('desk-pos-02-keys')
})

it("records the POS's purchase for the member, which the card shows", async () => {
  const { memberNo, secret } = await call<{ memberNo: string; secret: string }>(SHOPPER, 'member', 'codeSecret', {})
  const code = dynamicMemberCode(memberNo, secret, Date.now())
  const reply = await posRequest(demo.cloud.url, key, {
    method: 'POST',
    path: '/pos/v1/purchases',
    body: {
      orderNo: 'E2E-POS-1',
      memberCode: code,
      amountFen: 52_000,
      lines: [{ sku: 'COAT-01', name: '羊毛大衣', qty: 1, unitPriceFen: 52_000 }],
    },
  })
  expect(reply.status).toBe(200)
  const { member, purchase } = reply.body.data as { member: { pointsBalance: number; tier: string }; purchase: { pointsEarned: number } }
  expect(purchase.pointsEarned).toBeGreaterThan(0)
  await openAs(SHOPPER, ROUTES.card)
  expect(await text('.member-card__points')).toBe(formatPoints(member.pointsBalance))
  await demo.phone.screenshot('desk-pos-03-card')
})

it('revokes the key, after which the POS is refused', async () => {
  const page = desk.page
  await row('收银机1').getByRole('button', { name: '停用' }).click()
  await page
    .locator('.t-popconfirm')
    .getByRole('button', { name: /确定|确认/ })
    .click()
  await row('收银机1').filter({ hasText: '已停用' }).waitFor()
  await desk.screenshot('desk-pos-04-revoked')
  const reply = await posRequest(demo.cloud.url, key, {
    method: 'POST',
    path: '/pos/v1/purchases',
    body: { orderNo: 'E2E-POS-2', amountFen: 1_000 },
  })
  expect([reply.status, reply.body.error?.code]).toEqual([401, 'UNAUTHORIZED'])
})
