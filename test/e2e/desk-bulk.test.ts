/**
 * Bulk actions on the operators' desk, end to end at 1280 px: two coupon templates retired in one action (a third
 * ticked, which the rules still issue, is left as it is and listed with why), two members moved to another store in
 * one action, and two held referral rewards approved in one. Screenshots: test-results/desk-bulk-*.png.
 */
import type { Locator } from 'playwright-core'
import { DEMO_STORE, DEMO_STORE_2 } from '../../scripts/demo-data'
import { DEFAULT_COUPON_TEMPLATES } from '../../src/domain/defaultOffers'
import { formatMemberNo } from '../../src/domain/memberNo'
import { launchDesk, type DeskBrowser } from './support/browser'
import { startDemo, type Demo } from './support/demo'
import { deskForm, signInDesk } from './support/desk'

jest.setTimeout(240_000)

let demo: Demo
let desk: DeskBrowser
const { dialog, field } = deskForm(() => desk)

/**
 * Picks `text` in a TDesign select. Two selects here offer the same stores (the filter's and the dialog's), and a
 * closed select keeps its options in the page: only a shown option is clicked. A click while another select's
 * popup is still closing can be swallowed: the select is clicked again until the option shows.
 */
const pickOption = async (select: Locator, text: string) => {
  const option = desk.page.locator('.t-select-option:visible').filter({ hasText: text })
  for (let i = 0; i < 5 && !(await option.count()); i++) {
    await select.click()
    await option
      .first()
      .waitFor({ state: 'visible', timeout: 2_000 })
      .catch(() => undefined)
  }
  await option.click()
}

/** Two templates nothing issues yet, made just now (so they head the list, newest first). */
const FRESH = ['批量甲券', '批量乙券']

beforeAll(async () => {
  demo = await startDemo('vipcard-e2e-desk-bulk-')
  const base = DEFAULT_COUPON_TEMPLATES.find((t) => t._id === 'welcome-20off200')!
  const now = new Date().toISOString()
  demo.cloud.executor.insert(
    'couponTemplates',
    FRESH.map((title, i) => ({ ...base, _id: `tpl-bulk-${i}`, title, active: true, createdAt: now, stock: { total: null, issued: 0 } })),
  )
  desk = await launchDesk()
  await signInDesk(demo, desk)
})

afterAll(async () => {
  await desk?.close()
  await demo?.close()
})

/** A dialog grows in: its picture is taken once every transition on the page has ended (or was cut short). */
const settled = () => desk.page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))))
const row = (text: string) => desk.page.locator('.t-table__body tr').filter({ hasText: text })
const tick = (text: string) => row(text).locator('.t-table__cell-check .t-checkbox').click()
const bar = () => desk.page.locator('.bulk-bar')
const result = () => desk.page.locator('.bulk-result')
const templateActive = (id: string) => (demo.cloud.executor.get('couponTemplates', id) as { active: boolean }).active

it('retires two templates in one action, and lists the one the rules still issue with why', async () => {
  const page = desk.page
  await page.getByText('优惠券模板', { exact: true }).first().click()
  await row(FRESH[1]).waitFor()
  await tick(FRESH[0])
  await tick(FRESH[1])
  await bar().getByText('已选 2 项').waitFor()
  await tick('新会员礼券')
  await bar().getByText('已选 3 项').waitFor()
  await bar().getByRole('button', { name: '停用' }).click()
  const confirm = dialog().filter({ hasText: '停用选中的 3 个券模板？' })
  await confirm.waitFor()
  await settled()
  await desk.screenshot('desk-bulk-01-confirm')
  expect(templateActive('tpl-bulk-0')).toBe(true)
  await confirm.getByRole('button', { name: '确认停用' }).click()

  await result().getByText('已停用 2 项，1 项失败').waitFor()
  expect(await result().locator('li').allInnerTexts()).toEqual([expect.stringMatching(/^「新会员礼券」：.+/)])
  // The one that failed stays ticked, to be retired on its own (it asks again, naming what still issues it).
  await bar().getByText('已选 1 项').waitFor()
  await desk.screenshot('desk-bulk-02-result')
  expect([templateActive('tpl-bulk-0'), templateActive('tpl-bulk-1'), templateActive('welcome-20off200')]).toEqual([false, false, true])

  // Both show as 已停用 among the retired ones.
  await pickOption(page.locator('.filters__state'), '已停用')
  for (const title of FRESH) await row(title).filter({ hasText: '已停用' }).waitFor()
  expect(await bar().count()).toBe(0)
  await desk.screenshot('desk-bulk-03-retired')
})

it('moves two members to another store in one action', async () => {
  const page = desk.page
  await page.getByText('会员', { exact: true }).first().click()
  await page.locator('.t-table__body tr').first().waitFor()
  await pickOption(page.locator('.filters .t-select__wrap').nth(0), DEMO_STORE.name)
  await page
    .locator('.pager__count')
    .filter({ hasText: /第 1 \/ \d+ 页/ })
    .waitFor()
  const rows = page.locator('.t-table__body tr:not(.t-table__empty-row)')
  await rows.first().filter({ hasText: DEMO_STORE.name }).waitFor()
  const memberNos = (await rows.locator('td:nth-child(2)').allInnerTexts()).slice(0, 2).map((t) => t.trim())
  expect(memberNos).toHaveLength(2)
  for (const no of memberNos) await tick(no)
  await bar().getByText('已选 2 项').waitFor()
  await bar().getByRole('button', { name: '调整门店' }).click()

  const move = dialog().filter({ hasText: '调整 2 位会员的门店' })
  await move.waitFor()
  await pickOption(field('新门店').locator('.t-select__wrap'), DEMO_STORE_2.name)
  await field('原因').locator('textarea').fill('会员搬家，就近服务')
  await settled()
  await desk.screenshot('desk-bulk-04-move')
  await move.getByRole('button', { name: '确认调整' }).click()

  await result().getByText('已调整门店 2 项').waitFor()
  expect(await result().locator('li').count()).toBe(0)
  const stored = demo.cloud.executor.find('members', { memberNo: { $in: memberNos } }) as unknown as { storeId: string }[]
  expect(stored.map((m) => m.storeId)).toEqual([DEMO_STORE_2._id, DEMO_STORE_2._id])
  // Gone from the old store's list; each found by number shows the new store.
  for (const no of memberNos) await row(no).waitFor({ state: 'detached' })
  await pickOption(page.locator('.filters .t-select__wrap').nth(0), DEMO_STORE_2.name)
  for (const no of memberNos) await row(no).filter({ hasText: DEMO_STORE_2.name }).waitFor()
  await desk.screenshot('desk-bulk-05-moved')
})

it('approves two held referral rewards in one action', async () => {
  const page = desk.page
  const [inviter, ...invitees] = (demo.cloud.executor.find('members', {}) as unknown as { _id: string; memberNo: string }[]).slice(0, 3)
  demo.cloud.executor.insert(
    'referrals',
    invitees.map((m) => ({
      _id: m._id,
      inviterId: inviter._id,
      inviteeId: m._id,
      joinedAt: new Date().toISOString(),
      status: 'held',
      flags: ['burst'],
      purchaseId: null,
      rewardedAt: null,
      review: null,
    })),
  )
  await page.getByText('营销', { exact: true }).first().click()
  await page.getByText('邀请奖励审核', { exact: true }).click()
  for (const m of invitees) await tick(formatMemberNo(m.memberNo))
  await bar().getByText('已选 2 项').waitFor()
  await bar().getByRole('button', { name: '通过' }).click()
  const confirm = dialog().filter({ hasText: '通过选中的 2 笔邀请奖励？' })
  await confirm.getByRole('button', { name: '确认通过' }).click()

  await result().getByText('已通过 2 项').waitFor()
  const statuses = invitees.map((m) => (demo.cloud.executor.get('referrals', m._id) as { status: string }).status)
  // The friends have not bought yet: approved, the reward waits for their first purchase.
  expect(statuses).toEqual(['pending', 'pending'])
  await page.getByText('没有该状态的邀请').waitFor()
  await desk.screenshot('desk-bulk-06-referrals')
})
