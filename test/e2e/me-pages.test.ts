/**
 * The member's own pages end to end: the H5 build in Debian's Chromium against the local cloud running the
 * bundled functions, with the demo data. 375-px screenshots of each page (test-results/me-*.png).
 *
 * The story: shopper B (a VIP) opens 会员手册 from the card and finds herself on the ladder; she fills in her
 * sizes, her child's size, colours, styles and the messages she wants under 我的资料; the shop assistant who
 * looks after her opens her customer record and sees them, marked as entered by the customer herself. She
 * then looks up her home store.
 */
import type { Page } from 'playwright-core'
import { DEMO_ASSISTANT, DEMO_OPERATOR } from '../../scripts/demo-data'
import type { PhoneBrowser } from './support/browser'
import { startDemo, type Demo } from './support/demo'
import { onScreen } from './support/screen'

jest.setTimeout(240_000)

let demo: Demo
let phone: PhoneBrowser
let page: Page

const SHOPPER_B = 'demo-shopper-b'
const SHOPPER_B_NO = '20261123002'

beforeAll(async () => {
  demo = await startDemo('vipcard-e2e-me-')
  phone = demo.phone
  page = phone.page
})

afterAll(async () => {
  await demo?.close()
})

const { openAs, visible, text, tapText, field, chip } = onScreen(() => demo)

/** The profile row labelled `label` on the staff record: its value and who changed it. */
const recordRow = async (label: string) => {
  const row = visible('.profile-row').filter({ has: page.locator('.profile-row__label', { hasText: label }) })
  return {
    value: (await row.locator('.profile-row__value').innerText()).trim(),
    source: (await row.locator('.profile-row__source').innerText()).trim(),
  }
}

it('opens the handbook from the card, generated from the live rules, with the shopper marked on the ladder', async () => {
  await openAs(SHOPPER_B, '/pages/card/index')
  await visible('.me-links').waitFor()
  await phone.screenshot('me-01-card-links')
  await tapText('会员手册')
  await visible('.ladder__step--mine').waitFor()
  expect(await text('.ladder__step--mine .ladder__name')).toBe('VIP会员')
  expect(await text('.ladder__step--vip')).toContain('累计消费满 ¥1,800，或单笔消费满 ¥500')
  expect(await visible('.benefits__name').allInnerTexts()).toEqual(['免费修改', '礼品包装', '免费熨烫', 'VIP专享提前购', '送货上门'])
  await phone.screenshot('me-02-handbook')
})

it('lets the shopper fill in sizes and preferences, and the shop assistant sees them on the customer record', async () => {
  await openAs(SHOPPER_B, '/me/profile/index')
  await visible('.chips__chip').first().waitFor()
  await chip('服装尺码', 'M')
  await chip('鞋码', '37')
  await tapText('＋ 添加孩子')
  await field('称呼，如 大宝').fill('小宝')
  await field('尺码，如 120').fill('110')
  await chip('喜欢的颜色', '驼色')
  await chip('喜欢的颜色', '雾蓝')
  await field('如 通勤、简约').fill('通勤')
  await tapText('新品到店')
  await tapText('会员活动')
  await phone.screenshot('me-03-profile-filled')

  // An emoji is refused at its row, and nothing is saved.
  await field('如 通勤、简约').fill('通勤💼')
  await tapText('保存资料')
  await visible('.field__error').first().waitFor()
  expect(await text('.field--invalid .field__error')).toContain('不能含表情')
  await phone.screenshot('me-04-profile-error')

  await field('如 通勤、简约').fill('通勤、简约')
  await tapText('保存资料')
  await visible('.me-profile__saved').waitFor()

  await openAs(DEMO_ASSISTANT._id, `/staff/customer/index?no=${SHOPPER_B_NO}`)
  await visible('.profile-row').first().waitFor()
  expect(await recordRow('服装尺码')).toEqual({ value: 'M', source: expect.stringMatching(/^顾客本人 · \d+月\d+日$/) })
  expect((await recordRow('鞋码')).value).toBe('37')
  expect((await recordRow('童装尺码')).value).toBe('小宝 110')
  expect((await recordRow('喜欢的颜色')).value).toBe('驼色、雾蓝')
  expect((await recordRow('喜欢的风格')).value).toBe('通勤、简约')
  expect((await recordRow('希望收到')).value).toBe('新品、活动')
  await visible('.profile-row').last().scrollIntoViewIfNeeded()
  await phone.screenshot('me-05-staff-record')
})

it('shows the home store with its address and hours, and lets the shopper move to another', async () => {
  await openAs(SHOPPER_B, '/me/store/index')
  await visible('.me-store__home').waitFor()
  expect(await text('.me-store__home .me-store__name')).toBe('上海静安嘉里中心店')
  expect(await text('.me-store__home')).toContain('10:00–22:00')
  await phone.screenshot('me-06-store')
  await tapText('更换门店')
  await visible('.me-store__other').first().waitFor()
  await phone.screenshot('me-07-store-choose')
})

it('lets an operator edit the service benefits list in the rules editor', async () => {
  await openAs(DEMO_OPERATOR._id, '/ops/program/index')
  await visible('.benefit-row').first().waitFor()
  expect(await visible('.benefit-row').count()).toBe(5)
  await visible('.benefit-row').last().scrollIntoViewIfNeeded()
  await phone.screenshot('me-08-ops-service-benefits')
})
