/**
 * 营销 on the operators' desk, end to end at 1280 px: the operator creates a campaign for VIP and gold members and
 * sees, before saving, how many members it reaches (checked against the demo database); it lists with its reach and
 * is ended after a confirmation. The 消息发送 tab shows the month's message figures the functions counted, and a
 * referral held for review (a friend who joined with the inviter's own number) is approved.
 * Screenshots: test-results/desk-marketing-*.png.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Locator } from 'playwright-core'
import { readSheet } from 'read-excel-file/node'
import { DEMO_STORE } from '../../scripts/demo-data'
import { PRIVACY_NOTICE_VERSION } from '../../src/api/privacy'
import { businessTime } from '../../src/domain/time'
import { launchDesk, SCREENSHOT_DIR, type DeskBrowser } from './support/browser'
import { startDemo, type Demo } from './support/demo'
import { signInDesk } from './support/desk'

jest.setTimeout(240_000)

let demo: Demo
let desk: DeskBrowser

beforeAll(async () => {
  demo = await startDemo('vipcard-e2e-desk-marketing-')
  desk = await launchDesk()
  await signInDesk(demo, desk)
})

afterAll(async () => {
  await desk?.close()
  await demo?.close()
})

const dialog = () => desk.page.locator('.t-dialog').filter({ hasText: '新建优惠活动' })
const field = (label: string) =>
  dialog()
    .locator('.t-form__item')
    .filter({ has: desk.page.getByText(label, { exact: true }) })
/** Picks `text` in a TDesign select (clicked again while another popup is still closing). */
const pickOption = async (select: Locator, text: string) => {
  const option = desk.page.locator('.t-select-option').filter({ hasText: text })
  for (let i = 0; i < 5 && !(await option.isVisible()); i++) {
    await select.click()
    await option.waitFor({ state: 'visible', timeout: 2_000 }).catch(() => undefined)
  }
  await option.click()
}
const rows = () => desk.page.locator('.t-table__body tr')
/** 营销 from the menu, then one of its tabs. */
const openTab = async (name: '优惠活动' | '消息发送' | '邀请奖励审核') => {
  await desk.page.getByText('营销', { exact: true }).first().click()
  await desk.page.locator('.t-tabs__nav-item').filter({ hasText: name }).click()
}

interface CampaignDoc {
  _id: string
  title: string
  templateId: string
  mode: string
  audience: unknown
  status: string
  earlyAccess: { opensAt: string; vipDays: number }
}

it('creates a campaign with its audience counted before saving, lists it with its reach, renames it and ends it', async () => {
  const page = desk.page
  await openTab('优惠活动')
  await page.getByRole('button', { name: '新建活动' }).waitFor()
  await desk.screenshot('desk-marketing-01-campaigns-empty')

  await page.getByRole('button', { name: '新建活动' }).click()
  await field('活动名称').locator('input').fill('新季VIP礼遇')
  await pickOption(field('优惠券').locator('.t-select__wrap'), '新会员礼券')
  // Everyone first: the preview counts every member.
  const preview = dialog().locator('.audience__preview')
  await preview.filter({ hasText: `当前覆盖 ${demo.cloud.executor.count('members')} 位会员` }).waitFor()
  // One store's members, once a store is picked.
  await field('活动对象').getByText('按门店', { exact: true }).click()
  await preview.filter({ hasText: '暂无法统计：请选择门店' }).waitFor()
  await pickOption(field('活动对象').locator('.t-select__wrap'), DEMO_STORE.name)
  const ofStore = demo.cloud.executor.find('members', { storeId: DEMO_STORE._id }).length
  await preview.filter({ hasText: `当前覆盖 ${ofStore} 位会员` }).waitFor()
  await field('活动对象').getByText('按等级', { exact: true }).click()
  await preview.filter({ hasText: '暂无法统计：至少选择一个等级' }).waitFor()
  await field('活动对象').getByText('VIP会员', { exact: true }).click()
  await field('活动对象').getByText('金卡会员', { exact: true }).click()
  const vipAndGold = demo.cloud.executor.find('members', { tier: { $in: ['vip', 'gold'] } }).length
  expect(vipAndGold).toBeGreaterThan(0)
  await preview.filter({ hasText: `当前覆盖 ${vipAndGold} 位会员` }).waitFor()
  await field('发放方式').locator('.t-input-number input').fill('5')
  await desk.screenshot('desk-marketing-02-new-campaign')
  await dialog().getByRole('button', { name: '创建活动' }).click()
  await page.getByText('已创建「新季VIP礼遇」').waitFor()

  const [saved] = demo.cloud.executor.find('campaigns', { title: '新季VIP礼遇' }) as unknown as CampaignDoc[]
  expect(saved).toMatchObject({ mode: 'claim', audience: { kind: 'tiers', tiers: ['vip', 'gold'] }, status: 'active' })
  expect(saved.earlyAccess.vipDays).toBe(5)
  expect(businessTime(saved.earlyAccess.opensAt).format('HH:mm')).toBe('10:00')

  const row = rows().filter({ hasText: '新季VIP礼遇' })
  await row.filter({ hasText: `0 / ${vipAndGold}` }).waitFor()
  expect(await row.innerText()).toMatch(/新会员礼券[\s\S]*VIP会员、金卡会员[\s\S]*会员领取[\s\S]*提前 5 天/)
  await desk.screenshot('desk-marketing-03-campaign-listed')

  // Its title is edited after creation (its coupon, mode and audience are not).
  await row.getByRole('button', { name: '编辑' }).click()
  const edit = page.locator('.t-dialog').filter({ hasText: '编辑活动：新季VIP礼遇' })
  await edit.locator('.t-form__item').filter({ hasText: '活动名称' }).locator('input').fill('新季VIP礼遇·加场')
  await edit.getByRole('button', { name: '保存' }).click()
  await page.getByText('已保存「新季VIP礼遇·加场」').waitFor()
  expect((demo.cloud.executor.get('campaigns', saved._id) as unknown as CampaignDoc).title).toBe('新季VIP礼遇·加场')
  await rows().filter({ hasText: '新季VIP礼遇·加场' }).waitFor()

  await row.getByRole('button', { name: '结束' }).click()
  const confirm = page.locator('.t-dialog').filter({ hasText: '结束「新季VIP礼遇·加场」？' })
  await confirm.getByText('结束后会员不能再领取').waitFor()
  await confirm.getByRole('button', { name: '确认结束' }).click()
  await page.getByText('已结束「新季VIP礼遇·加场」').waitFor()
  expect((demo.cloud.executor.get('campaigns', saved._id) as unknown as CampaignDoc).status).toBe('closed')
  // Gone from the open campaigns; listed among the ended ones.
  await rows().filter({ hasText: '新季VIP礼遇' }).waitFor({ state: 'detached' })
  await pickOption(page.locator('.filters__state'), '已结束')
  await rows().filter({ hasText: '新季VIP礼遇' }).filter({ hasText: '已结束' }).waitFor()
})

it('shows the month’s subscribe messages per kind as the functions counted them, and another month’s', async () => {
  const page = desk.page
  const month = businessTime(new Date().toISOString()).format('YYYY-MM')
  const before = businessTime(new Date().toISOString()).subtract(1, 'month').format('YYYY-MM')
  // What _lib/messages.ts counts as each send ends (the cloud tests send real messages and compare with the outbox).
  demo.cloud.executor.insert('stats', [
    { _id: `msg:${month}:birthdayCoupon`, month, kind: 'birthdayCoupon', delivered: 12, refused: 2, failed: 1, noConsent: 5, reached: 11 },
    { _id: `msg:${month}:eventReminder`, month, kind: 'eventReminder', delivered: 30, refused: 0, failed: 0, noConsent: 3, reached: 28 },
    {
      _id: `msg:${before}:waitlistPromoted`,
      month: before,
      kind: 'waitlistPromoted',
      delivered: 4,
      refused: 1,
      failed: 0,
      noConsent: 0,
      reached: 4,
    },
  ])
  await openTab('消息发送')
  const table = page.locator('.t-table').filter({ hasText: '消息类型' })
  const line = (name: string) => table.locator('tr').filter({ hasText: name })
  await line('生日礼券到账').filter({ hasText: '15' }).waitFor()
  // Sent = delivered + refused + failed; delivered share; refused (43101); failed; not sent; members reached.
  expect((await line('生日礼券到账').locator('td').allInnerTexts()).slice(1)).toEqual(['15', '12', '80.0%', '2', '1', '5', '11'])
  expect((await line('活动开始提醒').locator('td').allInnerTexts()).slice(1)).toEqual(['30', '30', '100.0%', '0', '0', '3', '28'])
  expect((await line('候补成功通知').locator('td').allInnerTexts()).slice(1)).toEqual(['0', '0', '—', '0', '0', '0', '0'])
  expect((await line('合计').locator('td').allInnerTexts()).slice(1)).toEqual(['45', '42', '93.3%', '2', '1', '8', '—'])
  await desk.screenshot('desk-marketing-04-messages')

  // The month before: its own figures.
  await page.locator('.t-date-picker input').first().click()
  const [year, mm] = before.split('-')
  // The month panel shows one year; in January the month before is in the year before.
  const panelYear = page.locator('.t-date-picker__header-controller-year input')
  await panelYear.waitFor()
  if (!(await panelYear.inputValue()).includes(year)) await page.locator('.t-date-picker__header .t-pagination-mini__prev').click()
  await page
    .locator('.t-date-picker__table td')
    .filter({ hasText: new RegExp(`^\\s*${Number(mm)}\\s*月\\s*$`) })
    .click()
  await line('候补成功通知').filter({ hasText: '80.0%' }).waitFor()
  expect((await line('候补成功通知').locator('td').allInnerTexts()).slice(1)).toEqual(['5', '4', '80.0%', '1', '0', '0', '4'])

  // The export writes what is shown.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()])
  expect(download.suggestedFilename()).toBe(`消息发送-${before}.xlsx`)
  const saved = join(SCREENSHOT_DIR, 'desk-marketing-messages.xlsx')
  await download.saveAs(saved)
  const sheet = await readSheet(readFileSync(saved))
  expect(sheet).toEqual([
    ['消息类型', '发送', '送达', '送达率', '用户拒收', '发送失败', '未订阅未发', '触达会员'],
    ['生日礼券到账', 0, 0, '—', 0, 0, 0, 0],
    ['活动开始提醒', 0, 0, '—', 0, 0, 0, 0],
    ['候补成功通知', 5, 4, '80.0%', 1, 0, 0, 4],
    ['合计', 5, 4, '80.0%', 1, 0, 0, '—'],
  ])
})

it('approves a referral held for review', async () => {
  const page = desk.page
  // A friend joins through the demo shopper's invitation with the shopper's own number: held for an operator.
  const inviter = demo.cloud.executor.get('members', 'demo-shopper-b') as unknown as { referralCode: string; mobile: string; name: string }
  const joined = (await demo.cloud.invoke(
    'member',
    {
      action: 'join',
      input: {
        name: '林小雨',
        mobile: inviter.mobile,
        birthday: { month: 4, day: 2 },
        consent: { accepted: true, version: PRIVACY_NOTICE_VERSION },
        referral: inviter.referralCode,
      },
    },
    { openid: 'e2e-held-friend' },
  )) as { ok: boolean }
  expect(joined.ok).toBe(true)
  expect(demo.cloud.executor.get('referrals', 'e2e-held-friend')).toMatchObject({ status: 'held', flags: ['relatedPhone'] })

  await openTab('邀请奖励审核')
  const row = rows().filter({ hasText: '林小雨' })
  await row.waitFor()
  expect(await row.innerText()).toMatch(new RegExp(`林小雨[\\s\\S]*${inviter.name}[\\s\\S]*待审核[\\s\\S]*好友手机号与邀请人号段相同`))
  await desk.screenshot('desk-marketing-05-referrals')
  await row.getByRole('button', { name: '通过' }).click()
  await page.locator('.t-dialog').filter({ hasText: '通过这笔邀请奖励？' }).getByRole('button', { name: '确认通过' }).click()
  await page.getByText('已通过：林小雨').waitFor()
  expect(demo.cloud.executor.get('referrals', 'e2e-held-friend')).toMatchObject({ status: expect.not.stringMatching(/^held$/) })
  await row.waitFor({ state: 'detached' })
})
