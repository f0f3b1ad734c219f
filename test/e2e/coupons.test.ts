/**
 * Coupons end to end: the H5 build in Debian's Chromium against the local cloud running the bundled
 * functions, with the demo data. Takes a 375-px screenshot of every new page (test-results/coupons-*.png).
 *
 * The story: shopper A joins with a birthday this month (the real current month); the card shows the birthday
 * 7折卡; the shop assistant records a purchase with that
 * coupon's code and the wallet shows it as used. Then the rest of issue 4's pages: a gift from the points
 * catalog handed out at the counter, a VIP-early campaign created by the operator and claimed, a welcome
 * coupon's use undone at the till, and a birthday corrected by the assistant.
 */
import type { Page } from 'playwright-core'
import type { LocalCloud } from '../../localcloud'
import { businessTime } from '../../src/domain/time'
import { DEMO_JOIN_SCENE } from '../../scripts/demo-data'
import type { PhoneBrowser } from './support/browser'
import { startDemo, type Demo } from './support/demo'
import { onScreen } from './support/screen'
import { memberCodeNow, showMemberCode } from './support/memberCode'

jest.setTimeout(240_000)

let demo: Demo
let cloud: LocalCloud
let phone: PhoneBrowser
let page: Page

beforeAll(async () => {
  demo = await startDemo('vipcard-e2e-coupons-')
  cloud = demo.cloud
  phone = demo.phone
  page = phone.page
})

afterAll(async () => {
  await demo?.close()
})

const { openAs, field, visible, text, tapText, pick } = onScreen(() => demo)

type CouponDoc = { _id: string; code: string; templateId: string; channel: string; state: string }
const couponsOf = (memberId: string) => cloud.executor.find('coupons', { memberId }) as unknown as CouponDoc[]

const now = businessTime(new Date())
const thisMonth = now.month() + 1
const lastDayThisMonth = now.endOf('month').format('M月D日')
let memberNo = ''

it('shows this month’s birthday card on the card, uses it at the till, and files it under 已使用', async () => {
  // 1. Shopper A joins by the store QR with a birthday on the 1st of this month (never a future date).
  await openAs('demo-shopper-a', `/pages/join/index?scene=${encodeURIComponent(DEMO_JOIN_SCENE)}`)
  await visible('.join-page__title').waitFor()
  await tapText('手动填写')
  await field('选填，如：王女士').fill('张敏')
  await field('11 位手机号').fill('13812348000')
  await pick(0, [thisMonth - 1, 0])
  await visible('.birthday-picker__part').getByText(`${thisMonth}月1日`).waitFor()
  await visible('.join-page__checkbox').click()
  await tapText('立即加入')
  await visible('.join-welcome__ok').click()

  // 2. The new card shows the birthday card, as its one banner: no offer to be told when it arrives, it is here.
  await visible('.card-page__birthday').waitFor()
  expect(await text('.card-page__birthday-title')).toBe(`生日月7折卡 · 本月有效至 ${lastDayThisMonth}`)
  expect(await visible('.birthday-reminder').count()).toBe(0)
  memberNo = (cloud.executor.get('members', 'demo-shopper-a') as unknown as { memberNo: string }).memberNo
  await phone.screenshot('coupons-02-card-birthday')

  // 3. Its detail: the QR and the 12 digits the till types, and the rules.
  await visible('.card-page__birthday').click()
  await visible('.coupon-code__digits').waitFor()
  const code = (await text('.coupon-code__digits')).replace(/ /g, '')
  const birthday = couponsOf('demo-shopper-a').find((c) => c.channel === 'birthday')!
  expect(code).toBe(birthday.code)
  expect(await text('.coupon-page')).toContain('VIP价 可与VIP价同享')
  await phone.screenshot('coupons-03-coupon-detail')

  // 4. The wallet: the birthday card first, highlighted, then the welcome coupon.
  await openAs('demo-shopper-a', '/pages/coupons/index')
  await visible('.coupon-ticket').first().waitFor()
  expect(await visible('.coupon-ticket__title').allInnerTexts()).toEqual(['生日月7折卡', '新会员礼券'])
  expect(await visible('.coupon-ticket').first().getAttribute('class')).toContain('coupon-ticket--birthday')
  await phone.screenshot('coupons-04-wallet')

  // 5. The shop assistant records ¥1,000 with the birthday card: ¥700 charged. The member shows the dynamic
  // code from her card (read here as the digits under its barcode); her coupons come with it, one tap each.
  await openAs('demo-shopper-a', '/pages/card/index')
  const memberCode = await showMemberCode(page)
  expect(memberCode.slice(0, 11)).toBe(memberNo)
  await openAs('demo-assistant-1', '/staff/purchase/index')
  // No camera in the preview: the till opens in the code field, ready to type.
  await field('18 位动态会员码').waitFor()
  await page.waitForFunction(() => document.activeElement?.getAttribute('placeholder') === '18 位动态会员码')
  await field('18 位动态会员码').fill(memberCode)
  await tapText('查询会员')
  await page.getByText('2 · 消费').waitFor()
  await field('0.00').fill('1000')
  await field('例如 SO20261123001').fill('E2E-C-0001')
  await visible('.coupon-offer').first().waitFor()
  expect(await text('.purchase-coupon__title')).toBe('顾客可用优惠券 2 张 · 点选使用')
  expect((await visible('.coupon-offer__title').allInnerTexts()).sort()).toEqual(['新会员礼券', '生日月7折卡'])
  await phone.screenshot('coupons-05-till-coupons-offered')
  await tapText('生日月7折卡')
  await page.getByText('确认录入 应收 ¥700').waitFor()
  expect(await visible('.desk__bar .desk__action').innerText()).toBe('确认录入 应收 ¥700')
  expect(await text('.purchase-coupon__facts')).toBe('消费金额 ¥1,000 券优惠 -¥300 应收 ¥700 VIP价 可与VIP价同享')
  await phone.screenshot('coupons-05-till-coupon-checked')
  await tapText('确认录入 应收 ¥700')
  await page.getByText('录入成功').waitFor()
  expect(await text('.receipt__coupon')).toBe('生日月7折卡 优惠 ¥300')
  expect(await text('.receipt')).toContain('原价 ¥1,000 · 实收 ¥700')
  await phone.screenshot('coupons-06-till-receipt')

  // 6. The wallet files it under 已使用.
  await openAs('demo-shopper-a', '/pages/coupons/index')
  await visible('.wallet-tabs__tab').first().waitFor()
  await visible('.wallet-tabs__tab').getByText('已使用 1').click()
  await visible('.coupon-ticket__stamp').waitFor()
  expect(await visible('.coupon-ticket__title').allInnerTexts()).toEqual(['生日月7折卡'])
  expect(await text('.coupon-ticket__line')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} 已使用$/)
  await phone.screenshot('coupons-07-wallet-used')
  // And the card no longer offers it: the card first draws the copy kept on the phone (cache-first), which still
  // had it; the server's answer takes it away.
  const cardAnswered = page.waitForResponse(
    (r) => r.url().endsWith('/functions/member') && (r.request().postData() ?? '').includes('"getCard"'),
  )
  await openAs('demo-shopper-a', '/pages/card/index')
  await cardAnswered
  await visible('.member-card').waitFor()
  await visible('.card-page__birthday').waitFor({ state: 'detached', timeout: 5_000 })
  expect(await visible('.card-page__birthday').count()).toBe(0)
})

it('exchanges points for a gift, hands it out at the counter, and claims a VIP-early campaign', async () => {
  // 1. The catalog: A's points from the ¥700 paid (double in the birthday month).
  await openAs('demo-shopper-a', '/pages/catalog/index')
  await visible('.catalog-item').first().waitFor()
  await phone.screenshot('coupons-08-catalog')
  await visible('.catalog-item').filter({ hasText: '品牌帆布袋' }).getByText('兑换', { exact: true }).click()
  await visible('.catalog-confirm').waitFor()
  await phone.screenshot('coupons-09-catalog-confirm')
  await tapText('确认兑换')
  await page.getByText('兑换成功').waitFor()
  await visible('.birthday-reminder').waitFor()
  await phone.screenshot('coupons-10-catalog-exchanged')
  const gift = couponsOf('demo-shopper-a').find((c) => c.templateId === 'gift-tote')!

  // 2. The assistant hands the tote out against the gift coupon.
  await openAs('demo-assistant-1', '/staff/index/index')
  await visible('.staff-actions').waitFor()
  await phone.screenshot('coupons-11-staff-home')
  await tapText('礼品券核销')
  await field('12 位券码').fill(gift.code)
  await tapText('查询礼品券')
  await visible('.coupon-summary').waitFor()
  await tapText('核销礼品')
  await visible('.confirm-facts').waitFor()
  await phone.screenshot('coupons-12-gift-confirm')
  await tapText('确认核销')
  await page.getByText('礼品券已核销').waitFor()
  expect(await text('.receipt__earlier')).toBe('请将「品牌帆布袋」交给顾客')
  await phone.screenshot('coupons-13-gift-done')
  expect(couponsOf('demo-shopper-a').find((c) => c._id === gift._id)!.state).toBe('used')

  // 3. The operator creates a campaign opening to everyone in two days, VIPs three days early.
  await openAs('demo-operator-1', '/ops/campaigns/index')
  await visible('.ops-campaign-form').waitFor()
  await field('例如 新季预览会').fill('新季预览会')
  // The preview coupon, wherever the server lists it among the active templates.
  const active = (cloud.executor.find('couponTemplates', { active: true }) as unknown as { _id: string }[]).length
  for (let i = 0; i < active && !(await visible('.field__hint').getByText('8.5折 · 剩余 500 张').count()); i++) await pick(0, i)
  await visible('.field__hint').getByText('8.5折 · 剩余 500 张').waitFor()
  await pick(1, now.add(2, 'day').format('YYYY-MM-DD'))
  await phone.screenshot('coupons-14-ops-campaign-form')
  await tapText('创建活动')
  await visible('.ops-confirm').waitFor()
  await tapText('确认创建')
  await page.getByText('已创建「新季预览会」').waitFor()
  await visible('.ops-campaign').filter({ hasText: '新季预览会' }).waitFor()
  await phone.screenshot('coupons-15-ops-campaigns')

  // 4. A (a VIP since the ¥1,000 purchase) may claim it now, ahead of everyone.
  await openAs('demo-shopper-a', '/pages/campaigns/index')
  await visible('.campaign-item').first().waitFor()
  expect(await text('.campaign-item .vip-early')).toBe('VIP抢先')
  await phone.screenshot('coupons-16-campaigns')
  await visible('.campaign-item').filter({ hasText: '新季预览会' }).getByText('领取', { exact: true }).click()
  await visible('.campaign-item').filter({ hasText: '新季预览会' }).getByText('已领取', { exact: true }).waitFor()
  expect(couponsOf('demo-shopper-a').filter((c) => c.channel === 'campaign')).toHaveLength(1)
})

it('undoes a coupon use at the till, and corrects a birthday', async () => {
  // 0. A's used birthday card scanned for shopper B: someone else's, and used already.
  const used = couponsOf('demo-shopper-a').find((c) => c.channel === 'birthday')!
  await openAs('demo-assistant-1', '/staff/purchase/index')
  await field('18 位动态会员码').fill(await memberCodeNow(cloud, 'demo-shopper-b'))
  await tapText('查询会员')
  await page.getByText('2 · 消费').waitFor()
  await field('0.00').fill('300')
  // Whatever coupons of B's came with the scan, another one's code can be typed.
  await page
    .locator('.taro_page:visible')
    .getByText(/^(使用优惠券|扫描其他优惠券)$/)
    .click()
  await field('12 位券码').fill(used.code)
  await tapText('核对优惠券')
  await visible('.coupon-summary__problem').waitFor()
  expect(await text('.coupon-summary__problem')).toBe('该券属于会员 张敏（138****8000），不是当前会员的券，不能用于本单')
  expect(await text('.desk__action')).toBe('该券不能用于本单')
  await phone.screenshot('coupons-17-till-coupon-not-theirs')

  // 1. The welcome coupon (满200减20) on a ¥300 purchase, then undone within ten minutes.
  const welcome = couponsOf('demo-shopper-a').find((c) => c.channel === 'welcome')!
  await openAs('demo-assistant-1', '/staff/purchase/index')
  // The coupon first: it finds its holder, and stands for her at the till (used up in this purchase).
  await field('18 位动态会员码').fill(welcome.code)
  await tapText('查询会员')
  await visible('.member-confirm').waitFor()
  await visible('.coupon-summary').waitFor()
  await field('0.00').fill('300')
  await field('例如 SO20261123001').fill('E2E-C-0002')
  await tapText('核对优惠券')
  await page.getByText('确认录入 应收 ¥280').waitFor()
  await tapText('确认录入 应收 ¥280')
  await page.getByText('录入成功').waitFor()
  await tapText('撤销核销（10 分钟内）')
  await tapText('确认撤销核销')
  // Neutral, not a success: the coupon and the points are back, the money is the till system's to return.
  await visible('.receipt--undone').waitFor()
  expect(await text('.receipt__title')).toBe('已撤销')
  expect(await text('.receipt__earlier')).toMatch(/^「新会员礼券」已退回顾客券包，本单积分已扣回 [\d,]+$/)
  expect(await text('.receipt__todo')).toBe('请在收银系统中为顾客办理本单退款 ¥280')
  expect(await page.getByText('录入成功').count()).toBe(0)
  await phone.screenshot('coupons-18-till-undone')
  expect(couponsOf('demo-shopper-a').find((c) => c._id === welcome._id)!.state).toBe('available')

  // 2. Shopper B's birthday put right, with a reason.
  await openAs('demo-assistant-1', '/staff/birthday/index')
  await field('18 位会员码或 11 位会员号').fill('20261123002')
  await tapText('查询会员')
  await page.getByText('2 · 新生日').waitFor()
  await pick(0, [7, 0])
  await field('例如 入会时选错月份').fill('入会时选错月份')
  await phone.screenshot('coupons-19-birthday-form')
  await tapText('提交修改')
  await visible('.confirm-facts').waitFor()
  await tapText('确认修改')
  await page.getByText('生日已修改').waitFor()
  await phone.screenshot('coupons-20-birthday-done')
  expect(cloud.executor.get('members', 'demo-shopper-b')).toMatchObject({ birthday: { month: 8, day: 1 } })
})
