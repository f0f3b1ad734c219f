/**
 * 全部顾客 end to end: the H5 build in Debian's Chromium against the local cloud running the bundled
 * functions, with the demo data and a second store (Beijing) with a customer of its own. Takes a 375-px
 * screenshot of each step (test-results/ops-customers-*.png).
 *
 * The story: the operator opens 全部顾客 from their other tools and sees both stores' customers, each row
 * naming the store and the assistant; picks the demo store in the store picker (the Beijing customer goes),
 * looks at that store's 今日与本月, and opens the customer whose callback is due: the record shows the facts
 * with the store, the card on file and the callback history, and nothing to edit.
 */
import type { Locator, Page } from 'playwright-core'
import type { LocalCloud } from '../../localcloud'
import { DEMO_CUSTOMER_NAMES as NAMES } from '../../scripts/demo-customers'
import { DEMO_ASSISTANT, DEMO_OPERATOR, DEMO_STORE } from '../../scripts/demo-data'
import { newMember } from '../../src/domain/member'
import { businessTime } from '../../src/domain/time'
import { SCREENSHOT_DIR, type PhoneBrowser } from './support/browser'
import { startDemo, type Demo } from './support/demo'
import { onScreen } from './support/screen'

jest.setTimeout(240_000)

let demo: Demo
let cloud: LocalCloud
let phone: PhoneBrowser
let page: Page

const BEIJING = '北京三里屯店'
const BEIJING_CUSTOMER = '冯晓雯'

beforeAll(async () => {
  demo = await startDemo('vipcard-e2e-ops-customers-')
  cloud = demo.cloud
  phone = demo.phone
  page = phone.page
  cloud.executor.insert('stores', [{ _id: 'BJ001', name: BEIJING, address: '', phone: '', openingHours: '' }])
  cloud.executor.insert('staff', [
    { _id: 'e2e-assistant-bj', staffId: 'B01', name: '周敏', storeId: 'BJ001', role: 'assistant', active: true },
  ])
  // Seen most recently of all (joined a minute ago), with a birthday this month: first in every store's list.
  cloud.executor.insert('members', [
    newMember(
      {
        openid: 'e2e-beijing-customer',
        memberNo: '20261124008',
        name: BEIJING_CUSTOMER,
        mobile: '13600009876',
        birthday: { month: businessTime(new Date()).month() + 1, day: 1 },
        storeId: 'BJ001',
        assistantId: 'B01',
        consentVersion: '2026-11-01',
        referralCode: 'BJCUS2',
      },
      new Date(Date.now() - 60_000).toISOString(),
    ),
  ])
})

afterAll(async () => {
  await demo?.close()
})

const { openAs, visible, text, tapText } = onScreen(() => demo)

const rowOf = (name: string) =>
  visible('.customer-row').filter({ has: page.locator('.customer-row__name', { hasText: new RegExp(`^${name}$`) }) })
const linesOf = async (name: string) => rowOf(name).first().locator('.customer-row__line').allInnerTexts()

/** Until the element stops moving (the picker slides up, then its wheel settles). */
const untilStill = (target: Locator) =>
  target.evaluate(
    (element) =>
      new Promise<void>((resolve) => {
        let last = ''
        const look = () => {
          const now = JSON.stringify(element.getBoundingClientRect())
          if (now === last) return resolve()
          last = now
          requestAnimationFrame(() => requestAnimationFrame(look))
        }
        look()
      }),
  )

it('shows the operator every store’s customers, each with its store and assistant', async () => {
  await openAs(DEMO_OPERATOR._id, '/ops/member/index')
  await tapText('全部顾客 ›')
  await visible('.customer-row').first().waitFor()
  expect(await text('.ops-picker__value')).toContain('全部门店')
  expect(await text('.customer-list__step')).toBe('全部门店 · 最近到店在前')
  const names = await visible('.customer-row__name').allInnerTexts()
  expect(names).toEqual(expect.arrayContaining([BEIJING_CUSTOMER, NAMES.birthday, NAMES.callbackDue, NAMES.birthdayOfColleague]))
  expect((await linesOf(BEIJING_CUSTOMER))[1]).toBe(`${BEIJING} · 负责导购 周敏`)
  expect((await linesOf(NAMES.birthday))[1]).toBe(`${DEMO_STORE.name} · 负责导购 ${DEMO_ASSISTANT.name}`)
  await phone.screenshot('ops-customers-01-all-stores')
})

it('filters to the demo store in the store picker', async () => {
  // Taro's picker: open it, tap the store in the wheel, confirm.
  await visible('.ops-picker__value').click()
  const item = page.locator('.weui-picker__item', { hasText: DEMO_STORE.name })
  await item.waitFor()
  await untilStill(item)
  await page.screenshot({ path: `${SCREENSHOT_DIR}/ops-customers-02-store-picker.png` })
  // The wheel listens under its mask: a tap at the row's place, as a finger would.
  await item.click({ force: true })
  await page.getByText('确定', { exact: true }).click()
  // The picker lives at the end of <body>, outside the page: gone once it has slid down.
  await page.locator('body > .weui-picker__overlay .weui-picker').waitFor({ state: 'hidden' })
  await visible('.customer-list__step')
    .filter({ hasText: `${DEMO_STORE.name} · 最近到店在前` })
    .waitFor()
  await rowOf(BEIJING_CUSTOMER).waitFor({ state: 'detached' })
  await visible('.customer-row').first().waitFor()
  expect(await text('.ops-picker__value')).toContain(DEMO_STORE.name)
  const names = await visible('.customer-row__name').allInnerTexts()
  expect(names).toEqual(expect.arrayContaining([NAMES.birthday, NAMES.callbackDue, NAMES.birthdayOfColleague]))
  expect(names).not.toContain(BEIJING_CUSTOMER)
  const whose = (await visible('.customer-row__line').allInnerTexts()).filter((l) => l.includes('负责导购'))
  expect(whose.every((l) => l.startsWith(`${DEMO_STORE.name} · `))).toBe(true)
  await phone.screenshot('ops-customers-03-demo-store')
})

it('shows the demo store’s 今日与本月', async () => {
  await tapText('今日与本月')
  await visible('.today-section--birthdays .customer-row').first().waitFor()
  expect(await text('.ops-customers__date')).toMatch(new RegExp(`^\\d+月\\d+日 · ${DEMO_STORE.name}$`))
  const birthdays = (await visible('.today-section--birthdays .customer-row__name').allInnerTexts()).sort()
  expect(birthdays).toEqual([NAMES.birthday, NAMES.birthdayOfColleague].sort())
  expect(await visible('.today-section--callbacksDue .customer-row__name').allInnerTexts()).toEqual([NAMES.callbackDue])
  await phone.screenshot('ops-customers-04-today')
})

it('opens a customer’s record that only reads', async () => {
  await visible('.today-section--callbacksDue .customer-row').first().click()
  await visible('.callback-entry').first().waitFor()
  expect(await text('.customer-summary__name')).toBe(NAMES.callbackDue)
  expect(await visible('.customer-summary__facts').innerText()).toContain(DEMO_STORE.name)
  expect(await visible('.profile-row__value').allInnerTexts()).toContain('年底有晚宴，想看礼服')
  expect(await text('.callback-entry__head')).toContain(DEMO_ASSISTANT.name)
  // Read-only: nothing to type, tap to save or hand over.
  expect(await visible('input, textarea, button').count()).toBe(0)
  for (const control of ['编辑', '保存回访', '更换导购'])
    expect(await page.locator('.taro_page:visible').getByText(control, { exact: true }).count()).toBe(0)
  await phone.screenshot('ops-customers-05-record')
})
