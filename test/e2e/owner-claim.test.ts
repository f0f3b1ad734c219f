/**
 * A brand's first day on a fresh environment, end to end: no operator exists; the owner opens the desk (1280 px),
 * scans its sign-in code with the phone (the H5 build at 375 px), types their name and the claim code deploy
 * printed; the desk signs in as the brand owner with every menu. README "Deploy" step 9.
 * Screenshots: test-results/owner-claim-*.png.
 */
import { ownerClaimCode } from '../../cloudfunctions/_lib/customLogin'
import { localCustomLoginKey } from '../../scripts/local-cloud'
import { formatClaimCode } from '../../src/domain/ownerClaim'
import { launchDesk, type DeskBrowser } from './support/browser'
import { scanDeskCode } from './support/desk'
import { startDemo, type Demo } from './support/demo'
import { onScreen } from './support/screen'

jest.setTimeout(240_000)

let demo: Demo
let desk: DeskBrowser

beforeAll(async () => {
  demo = await startDemo('vipcard-e2e-owner-claim-')
  // A fresh brand: the demo's operator never existed (the owner is one of the H5 preview's identities, a shopper).
  demo.cloud.executor.remove('operators', {})
  desk = await launchDesk()
})

afterAll(async () => {
  await desk?.close()
  await demo?.close()
})

const { openAs, visible, field, tapText } = onScreen(() => demo)

it('makes whoever holds the claim code the brand owner and signs the desk in', async () => {
  await desk.page.goto(`${demo.cloud.url}/desk/`)
  await openAs('demo-shopper-a', await scanDeskCode(desk))
  await visible('.desk-login__title').filter({ hasText: '品牌还没有管理员' }).waitFor()

  // A wrong code is refused at its field, and nothing is made.
  await field('同事看到的名字').fill('陈悦')
  await field('10 位字母或数字').fill('AAAAA-AAAAA')
  await tapText('成为品牌管理员并登录')
  await visible('.field__error').filter({ hasText: '认领码不正确' }).waitFor()
  expect(demo.cloud.executor.find('operators', {})).toEqual([])

  await field('10 位字母或数字').fill(formatClaimCode(ownerClaimCode(localCustomLoginKey())).toLowerCase())
  await demo.phone.screenshot('owner-claim-01-phone')
  await tapText('成为品牌管理员并登录')
  await visible('.ops-page__done').filter({ hasText: '您已成为品牌管理员' }).waitFor()

  await desk.page.locator('.shell__who').filter({ hasText: '陈悦' }).waitFor({ timeout: 15_000 })
  // Every area is the owner's: the menu shows them all.
  for (const menu of ['会员', '规则', '优惠券模板', '积分商城', '门店与员工'])
    await desk.page.getByText(menu, { exact: true }).first().waitFor()
  await desk.screenshot('owner-claim-02-desk')
  expect(demo.cloud.executor.find('operators', {})).toMatchObject([
    { _id: 'demo-shopper-a', operatorId: 'OP01', name: '陈悦', active: true },
  ])
})
