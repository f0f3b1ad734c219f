/**
 * The operators' desk signs in by scanning, end to end: the desk (dist-desk, at /desk/ on the local cloud, on the
 * real @cloudbase/js-sdk) shows a sign-in code in a 1280-px browser; the demo operator "scans" it on the phone (the
 * H5 build at 375 px opens the URL the local stand-in code encodes), sees which browser asks and confirms; the desk
 * signs in as that operator. Ending the session on the phone signs the desk out.
 * Screenshots: test-results/desk-sign-in-*.png.
 */
import { DEMO_OPERATOR } from '../../scripts/demo-data'
import { launchDesk, type DeskBrowser } from './support/browser'
import { scanDeskCode as scan } from './support/desk'
import { startDemo, type Demo } from './support/demo'
import { onScreen } from './support/screen'

jest.setTimeout(240_000)

let demo: Demo
let desk: DeskBrowser

beforeAll(async () => {
  demo = await startDemo('vipcard-e2e-desk-sign-in-')
  desk = await launchDesk()
})

afterAll(async () => {
  await desk?.close()
  await demo?.close()
})

const { openAs, visible, text, tapText } = onScreen(() => demo)

const scanDeskCode = () => scan(desk)

it('shows a sign-in code that opens the confirmation page on the phone', async () => {
  await desk.page.goto(`${demo.cloud.url}/desk/`)
  const url = new URL(await scanDeskCode())
  await desk.screenshot('desk-sign-in-01-code')
  expect(url.origin).toBe(demo.cloud.url)
  const [route, query] = url.hash.slice(1).split('?')
  expect(route).toBe('/ops/desk-login/index')
  expect(new URLSearchParams(query).get('scene')).toMatch(/^d=[A-Za-z0-9_-]{22}$/)
})

it('signs the desk in as the operator who confirms on the phone, showing them which browser asks', async () => {
  await openAs(DEMO_OPERATOR._id, await scanDeskCode())
  await visible('.desk-login__title').waitFor()
  expect(await text('.desk-login__facts')).toMatch(/浏览器\s*Chrome \d+ · Linux/)
  expect(await text('.desk-login__facts')).toContain('IP 地址 127.0.0.1')
  await demo.phone.screenshot('desk-sign-in-02-phone-confirm')
  await tapText('确认登录')
  await visible('.ops-page__done').filter({ hasText: '已确认' }).waitFor()

  await desk.page.locator('.shell__who').filter({ hasText: DEMO_OPERATOR.name }).waitFor({ timeout: 15_000 })
  // The desk lists its own session, marked as this computer.
  await desk.page.getByText('登录设备', { exact: true }).click()
  await desk.page.getByText('（本机）').waitFor()
  await desk.screenshot('desk-sign-in-03-signed-in')
})

it('signs the desk out when the operator ends its session from the phone', async () => {
  await openAs(DEMO_OPERATOR._id, '/ops/desk-sessions/index')
  await visible('.desk-sessions__item').first().waitFor()
  expect(await text('.desk-sessions__state')).toBe('登录中')
  await demo.phone.screenshot('desk-sign-in-04-phone-sessions')
  await tapText('让这台电脑退出登录')
  await visible('.desk-sessions__state').filter({ hasText: '已退出' }).waitFor()

  await desk.page.reload()
  await desk.page.getByAltText('登录二维码').waitFor()
  expect(await desk.page.locator('.shell__who').count()).toBe(0)
})
