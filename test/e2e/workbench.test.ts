/**
 * The staff workbench end to end: the H5 build in Debian's Chromium against the local cloud running the
 * bundled functions, with the demo data (its customers are made relative to today, so the lists hold
 * whatever day this runs). Takes a 375-px screenshot of every workbench page (test-results/workbench-*.png).
 *
 * The story: the store manager opens 今日与本月 and sees this month's birthdays, the lapsing VIP and the
 * win-back lists; the shop assistant finds her customers, but not another store's; she logs the callback that
 * is due, and the manager's 回访统计 counts it; the manager hands the customer to a colleague.
 */
import type { Page } from 'playwright-core'
import type { LocalCloud } from '../../localcloud'
import { DEMO_CUSTOMER_NAMES as NAMES } from '../../scripts/demo-customers'
import { DEMO_ASSISTANT, DEMO_COLLEAGUE, DEMO_MANAGER } from '../../scripts/demo-data'
import type { CallbackStats } from '../../src/api/contract'
import { newMember } from '../../src/domain/member'
import { businessTime } from '../../src/domain/time'
import type { PhoneBrowser } from './support/browser'
import { startDemo, type Demo } from './support/demo'
import { onScreen } from './support/screen'

jest.setTimeout(240_000)

let demo: Demo
let cloud: LocalCloud
let phone: PhoneBrowser
let page: Page

// Another store, with a customer of its own: no one at SH001 may find her.
const BEIJING_CUSTOMER = '冯晓雯'
const BEIJING_MOBILE = '13600009876'
/** The demo customer whose callback is due. */
const WU_QIAN = 'demo-customer-wu-qian'
const wuQianNo = () => (cloud.executor.get('members', WU_QIAN) as unknown as { memberNo: string }).memberNo

beforeAll(async () => {
  demo = await startDemo('vipcard-e2e-workbench-')
  cloud = demo.cloud
  phone = demo.phone
  page = phone.page
  cloud.executor.insert('stores', [{ _id: 'BJ001', name: '北京三里屯店', address: '', phone: '', openingHours: '' }])
  cloud.executor.insert('staff', [
    { _id: 'e2e-assistant-bj', staffId: 'B01', name: '周敏', storeId: 'BJ001', role: 'assistant', active: true },
  ])
  cloud.executor.insert('members', [
    newMember(
      {
        openid: 'e2e-beijing-customer',
        memberNo: '20261124008',
        name: BEIJING_CUSTOMER,
        mobile: BEIJING_MOBILE,
        birthday: { month: businessTime(new Date()).month() + 1, day: 1 },
        storeId: 'BJ001',
        assistantId: 'B01',
        consentVersion: '2026-11-01',
        referralCode: 'BJCUS2',
      },
      new Date(Date.now() - 200 * 86_400_000).toISOString(),
    ),
  ])
})

afterAll(async () => {
  await demo?.close()
})

const { openAs, visible, text, tapText, field, call, chip } = onScreen(() => demo)

const namesIn = async (section: string) => (await visible(`.today-section--${section} .customer-row__name`).allInnerTexts()).sort()
const countOf = async (section: string) => text(`.today-section--${section} .wb-section__count`)

it('shows the store manager this month’s birthdays, the lapsing VIP and the win-back lists for the whole store', async () => {
  await openAs(DEMO_MANAGER._id, '/staff/index/index')
  await visible('.staff-actions').first().waitFor()
  expect(await visible('.staff-actions__title').allInnerTexts()).toEqual(expect.arrayContaining(['今日与本月', '本店顾客', '回访统计']))
  // The tile's figures: what the lists below hold (2 birthdays, 1 lapsing VIP, 1 + 2 to win back, 1 callback due).
  await visible('.staff-actions__count').first().waitFor()
  expect(await visible('.staff-actions__count').allInnerTexts()).toEqual(['本月生日 2', 'VIP将到期 1', '久未到店 3', '待回访 1'])
  await phone.screenshot('workbench-01-home-manager')
  await tapText('今日与本月')
  await visible('.today-section--birthdays .customer-row').first().waitFor()
  expect(await text('.today-date')).toContain('本店全部顾客')
  expect(await namesIn('birthdays')).toEqual([NAMES.birthday, NAMES.birthdayOfColleague].sort())
  expect(await countOf('birthdays')).toBe('2')
  expect(await namesIn('lapsing')).toEqual([NAMES.lapsing])
  expect(await text('.today-section--lapsing .customer-row__line')).toMatch(/^VIP有效期至 \d{4}-\d{2}-\d{2} · 还剩 \d+ 天$/)
  expect(await text('.today-section--drifting .wb-section__title')).toBe('90天未到店')
  expect(await namesIn('drifting')).toEqual([NAMES.drifting])
  expect(await text('.today-section--lost .wb-section__title')).toBe('180天未到店')
  expect(await namesIn('lost')).toEqual([NAMES.lost, NAMES.lostOfColleague].sort())
  expect(await namesIn('callbacksDue')).toEqual([NAMES.callbackDue])
  // The manager sees whose customer each one is; another store's birthday is not on this list.
  expect(await visible('.today-section--birthdays').innerText()).toContain(`负责导购 ${DEMO_COLLEAGUE.name}`)
  expect(await visible('.today-section--birthdays').innerText()).not.toContain(BEIJING_CUSTOMER)
  await phone.screenshot('workbench-02-today-manager')
})

it('lets the shop assistant find her own customers, and no other store’s', async () => {
  await openAs(DEMO_ASSISTANT._id, '/staff/customers/index')
  await visible('.customer-row').first().waitFor()
  const mine = await visible('.customer-row__name').allInnerTexts()
  expect(mine).toEqual(expect.arrayContaining([NAMES.birthday, NAMES.lapsing, NAMES.drifting, NAMES.lost, NAMES.callbackDue, '李娜']))
  // Her colleague's customers are the colleague's.
  expect(mine).not.toContain(NAMES.birthdayOfColleague)
  expect(await text('.customer-list__step')).toBe('我的顾客 · 最近到店在前')
  await phone.screenshot('workbench-03-my-customers')

  await field('姓名或手机尾号').fill(BEIJING_CUSTOMER)
  await tapText('搜索')
  await page.getByText(`没有找到「${BEIJING_CUSTOMER}」`).waitFor()
  await field('姓名或手机尾号').fill(BEIJING_MOBILE.slice(-4))
  await tapText('搜索')
  await page.getByText(`没有找到「${BEIJING_MOBILE.slice(-4)}」`).waitFor()
  await phone.screenshot('workbench-04-search-other-store')

  await field('姓名或手机尾号').fill('210')
  await tapText('搜索')
  await visible('.field__error').getByText('手机尾号请输入 4 位').waitFor()
  await field('姓名或手机尾号').fill(NAMES.lapsing.slice(0, 1))
  await tapText('搜索')
  await visible('.customer-row__name').getByText(NAMES.lapsing).waitFor()
  expect(await visible('.customer-row__name').allInnerTexts()).toEqual([NAMES.lapsing])
})

let statsBefore = 0

it('lets the assistant log the callback that is due from 今日与本月, once', async () => {
  const stats = await call<CallbackStats>(DEMO_MANAGER._id, 'staff', 'callbackStats', {})
  statsBefore = stats.byAssistant.find((a) => a.staffId === DEMO_ASSISTANT.staffId)!.callbacks

  await openAs(DEMO_ASSISTANT._id, '/staff/today/index')
  await visible('.today-section--callbacksDue .customer-row').first().waitFor()
  expect(await text('.today-section--callbacksDue .customer-row__line')).toBe('今天应回访')
  expect(await text('.today-date')).toContain('我负责的顾客')
  expect(await namesIn('birthdays')).toEqual([NAMES.birthday])
  await phone.screenshot('workbench-05-today-assistant')

  await visible('.today-section--callbacksDue .customer-row').first().click()
  await visible('.customer-summary__name').getByText(NAMES.callbackDue).waitFor()
  await visible('.callback-entry').first().waitFor()
  expect(await visible('.customer-summary__change').count()).toBe(0)
  await phone.screenshot('workbench-06-record')

  // The customer card: another colour she likes, tapped, saved.
  await tapText('编辑')
  await chip('喜欢的颜色', '墨绿')
  await visible('.chips__chip--on').getByText('墨绿', { exact: true }).waitFor()
  await visible('.chips').first().scrollIntoViewIfNeeded()
  await phone.screenshot('workbench-07-card-edit')
  await tapText('保存资料')
  await page.getByText('已保存顾客资料').waitFor()
  expect(cloud.executor.get('members', 'demo-customer-wu-qian')).toMatchObject({
    profile: { colours: ['黑色', '酒红', '墨绿'], clothingSize: 'L' },
  })

  const proposed = businessTime(new Date()).startOf('day').add(30, 'day').format('YYYY-MM-DD')
  expect(await text('.callback-date')).toBe(proposed)
  await tapText('已沟通')
  await visible('.field').filter({ hasText: '回访记录' }).locator('textarea').fill('礼服已到店，约了周六下午来试')
  await phone.screenshot('workbench-08-callback-form')
  await tapText('保存回访')
  await page.getByText(`已记录回访：已沟通，下次回访 ${proposed}`).waitFor()
  await visible('.callback-entry__note').getByText('礼服已到店，约了周六下午来试').waitFor()
  await phone.screenshot('workbench-09-callback-logged')

  const logged = cloud.executor.find('callbacks', { memberId: 'demo-customer-wu-qian', note: '礼服已到店，约了周六下午来试' })
  expect(logged).toHaveLength(1)

  // No longer due: back on 今日与本月 the list is empty, in words.
  await openAs(DEMO_ASSISTANT._id, '/staff/today/index')
  await visible('.today-section--callbacksDue .wb-section__empty').waitFor()
  expect(await text('.today-section--callbacksDue .wb-section__empty')).toBe('今天没有待回访的顾客')
})

it('counts the callback in the manager’s 回访统计, and keeps the page from the assistant', async () => {
  await openAs(DEMO_ASSISTANT._id, '/staff/callbacks/index')
  await page.getByText('仅限店长查看').waitFor()

  await openAs(DEMO_MANAGER._id, '/staff/callbacks/index')
  const row = visible('.stats-table__row').filter({ hasText: DEMO_ASSISTANT.name })
  await row.waitFor()
  expect(await text('.month-switch__month')).toBe(businessTime(new Date()).format('YYYY年M月'))
  expect((await row.innerText()).replace(/\s+/g, ' ')).toBe(`${DEMO_ASSISTANT.name} ${statsBefore + 1} 次 ${statsBefore + 1} 位`)
  await phone.screenshot('workbench-10-callback-stats')

  // Last month holds the demo's earlier callback of the same customer.
  await tapText('‹ 上月')
  await page.getByText(businessTime(new Date()).subtract(1, 'month').format('YYYY年M月'), { exact: true }).waitFor()
  await visible('.stats-table__row').filter({ hasText: DEMO_ASSISTANT.name }).filter({ hasText: '1 次' }).waitFor()
})

it('lets the assistant call her customer — the number revealed to her alone, logged — and log the outcome with one tap', async () => {
  const WU_QIAN_NO = wuQianNo()
  await openAs(DEMO_MANAGER._id, `/staff/customer/index?no=${WU_QIAN_NO}`)
  await visible('.contact').waitFor()
  // The manager is not the customer's assistant: no number, and why.
  expect(await visible('.contact').getByText('拨打电话', { exact: true }).count()).toBe(0)
  expect(await text('.contact')).toContain('如需由您联系，请先「更换导购」为自己')

  await openAs(DEMO_ASSISTANT._id, `/staff/customer/index?no=${WU_QIAN_NO}`)
  await visible('.contact').waitFor()
  expect(await visible('.contact__number').count()).toBe(0)
  await visible('.contact').scrollIntoViewIfNeeded()
  await phone.screenshot('workbench-14-contact')
  await visible('.contact').getByText('拨打电话', { exact: true }).click()
  await visible('.contact__number').waitFor()
  expect(await text('.contact__number')).toBe('137 0000 2105')
  expect(cloud.executor.find('phoneReveals', { memberId: 'demo-customer-wu-qian' })).toEqual([
    expect.objectContaining({ staffId: DEMO_ASSISTANT.staffId, storeId: 'SH001', memberNo: WU_QIAN_NO }),
  ])
  await phone.screenshot('workbench-15-number-revealed')
  const before = cloud.executor.find('callbacks', { memberId: 'demo-customer-wu-qian' }).length
  await visible('.contact__outcomes .pills__option').getByText('已留言', { exact: true }).click()
  await visible('.contact__logged').waitFor()
  expect(await text('.contact__logged')).toMatch(/^已记录回访：已留言，下次回访 \d{4}-\d{2}-\d{2}$/)
  const after = cloud.executor.find('callbacks', { memberId: 'demo-customer-wu-qian' }) as unknown as { outcome: string; note: string }[]
  expect(after.length).toBe(before + 1)
  expect(after.filter((c) => c.outcome === 'message')).toEqual([expect.objectContaining({ note: '' })])

  // A message to copy, signed by her and the store.
  await visible('.contact__message .pills__option').getByText('新品到店', { exact: true }).click()
  expect(await text('.contact__template')).toMatch(
    new RegExp(`^${NAMES.callbackDue}您好，我是上海静安嘉里中心店的导购${DEMO_ASSISTANT.name}。新一季新品`),
  )
  await visible('.contact__message').scrollIntoViewIfNeeded()
  await phone.screenshot('workbench-16-message')
})

it('lets the manager hand a customer to another assistant, confirmed first', async () => {
  await openAs(DEMO_MANAGER._id, '/staff/customers/index')
  await visible('.customer-row').filter({ hasText: NAMES.callbackDue }).click()
  await visible('.customer-summary__change').waitFor()
  // The manager reads who saw the customer's full number: the assistant's call above.
  await visible('.reveal-entry').first().waitFor()
  expect(await visible('.reveal-entry').allInnerTexts()).toEqual([
    expect.stringMatching(new RegExp(`^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} · ${DEMO_ASSISTANT.name} 查看了完整号码$`)),
  ])
  await tapText('更换导购')
  await visible('.reassign .pills__option').filter({ hasText: DEMO_COLLEAGUE.name }).click()
  await visible('.reassign .pills__option--on').waitFor()
  await phone.screenshot('workbench-11-reassign-choose')
  await tapText('下一步')
  await page.getByText(`将 ${NAMES.callbackDue} 由 ${DEMO_ASSISTANT.name} 改为 ${DEMO_COLLEAGUE.name} 负责？`).waitFor()
  await phone.screenshot('workbench-12-reassign-confirm')
  await tapText('确认更换')
  await page.getByText(`已改由 ${DEMO_COLLEAGUE.name} 负责`).waitFor()
  expect(cloud.executor.get('members', 'demo-customer-wu-qian')).toMatchObject({
    assistantId: DEMO_COLLEAGUE.staffId,
    assignmentLog: [expect.objectContaining({ from: DEMO_ASSISTANT.staffId, to: DEMO_COLLEAGUE.staffId, by: DEMO_MANAGER.staffId })],
  })
  await phone.screenshot('workbench-13-reassigned')
})
