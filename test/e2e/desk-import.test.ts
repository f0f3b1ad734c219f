/**
 * 导入会员 on the operators' desk, end to end at 1280 px: a 3-row CSV picked (one row refused), uploaded to storage
 * through the web SDK, the dry run's report with the refused row's error, then the import; the two members are in
 * the database, unclaimed. Then the shopper whose WeChat holds an imported phone joins on the phone (375 px) with
 * WeChat's verified number and finds the imported VIP and points on their card. Screenshots:
 * test-results/desk-import-*.png.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { launchDesk, type DeskBrowser } from './support/browser'
import { startDemo, type Demo } from './support/demo'
import { DEMO_JOIN_SCENE } from '../../scripts/demo-data'
import { LOCAL_IDENTITIES } from '../../src/services/localIdentity'
import { signInDesk } from './support/desk'
import { onScreen } from './support/screen'

jest.setTimeout(240_000)

let demo: Demo
let desk: DeskBrowser
const SHOPPER_A = LOCAL_IDENTITIES.find((i) => i.openid === 'demo-shopper-a')!
const { openAs, visible, text } = onScreen(() => demo)

beforeAll(async () => {
  demo = await startDemo('vipcard-e2e-desk-import-')
  desk = await launchDesk()
  await signInDesk(demo, desk)
})

afterAll(async () => {
  await desk?.close()
  await demo?.close()
})

it('imports a 3-row file: the dry run refuses one row by row and column, the import writes the other two', async () => {
  const page = desk.page
  const file = join(mkdtempSync(join(tmpdir(), 'desk-import-')), '会员.csv')
  writeFileSync(
    file,
    [
      '姓名,手机号,生日,等级,VIP有效期至,积分,积分到期日,累计消费,门店编号,导购工号',
      // Shopper A's WeChat number in the local preview: she claims this record below.
      `张丽,${SHOPPER_A.phone},1990-05-17,VIP,2027-06-30,1280,2027-12-31,3560.50,SH001,A01`,
      '王芳,13812340002,05-02,金卡,,0,,8000,SH001,',
      '坏行,1381234000,,钻石,,,,,,',
    ].join('\r\n'),
  )
  await page.getByText('导入会员', { exact: true }).first().click()
  await page.locator('input[type=file]').setInputFiles(file)
  await page.getByText('开始导入（新建 2，更新 0）').waitFor()
  expect(await page.locator('.import-report__counts').innerText()).toContain('拒绝 1')
  const errors = await page.locator('.t-table__body tr').allInnerTexts()
  expect(errors.join('\n')).toContain('手机号应为 11 位中国大陆手机号')
  expect(errors.join('\n')).toContain('等级应为 会员、VIP 或 金卡')
  await desk.screenshot('desk-import-01-dry-run')

  await page.getByText('开始导入（新建 2，更新 0）').click()
  await page.getByText('导入完成。').waitFor()
  expect(await page.locator('.import-report__written').innerText()).toBe('已导入：新建 2，更新 0，无变化 0，拒绝 1')
  await desk.screenshot('desk-import-02-done')
  expect(demo.cloud.executor.count('members', { unclaimed: true })).toBe(2)
})

it('the shopper whose WeChat holds an imported number joins and finds the imported VIP and points', async () => {
  const page = demo.phone.page
  await openAs(SHOPPER_A.openid, `/pages/join/index?scene=${encodeURIComponent(DEMO_JOIN_SCENE)}`)
  await visible('.birthday-picker__part').first().click()
  await page.getByText('确定', { exact: true }).first().click()
  await visible('.join-page__checkbox').click()
  await visible('.join-page__submit').click() // 立即加入: WeChat's sheet for the verified number
  await page.getByText('允许', { exact: true }).click()
  await visible('.member-card').waitFor()
  if (await visible('.join-welcome__ok').count()) await visible('.join-welcome__ok').click()
  expect(await text('.member-card__points')).toBe('1,280')
  expect(await text('.member-card__validity')).toContain('2027-06-30')
  expect(await visible('.member-card--vip').count()).toBe(1)
  await demo.phone.screenshot('desk-import-03-claimed-card')
  // The record is hers now: no unclaimed copy is left, and the imported spend is her opening state.
  expect(demo.cloud.executor.count('members', { unclaimed: true })).toBe(1)
  expect(demo.cloud.executor.get('members', SHOPPER_A.openid)).toMatchObject({ mobile: SHOPPER_A.phone, mobileVerified: true })
})
