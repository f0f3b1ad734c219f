/**
 * The point ledger's pages end to end: the H5 build in Debian's Chromium against the local cloud running
 * the bundled functions, with the demo data (shopper B: a VIP with three purchases). Takes a 375-px
 * screenshot of every page on the way (test-results/ledger-*.png).
 *
 * The story: B sees when points expire and their history; a shopper is turned away from the staff and
 * operator pages; the assistant's redemption desk offers the points catalog only, the store manager redeems
 * 1,000 of B's points for a flask (free text is a manager's), then the assistant refunds the ¥629 order that
 * made B a VIP — the confirmation says before it happens that only 306 points of its 629 can be taken back
 * and that B becomes a member again, and the order says afterwards what was really taken back; the operator
 * reads B's audit and adds 200 points back with a reason; B's history shows every step.
 */
import type { LocalCloud } from '../../localcloud'
import { DEMO_JOIN_SCENE } from '../../scripts/demo-data'
import type { PhoneBrowser } from './support/browser'
import { startDemo, type Demo } from './support/demo'
import { onScreen } from './support/screen'
import { memberCodeNow } from './support/memberCode'

jest.setTimeout(180_000)

let demo: Demo
let cloud: LocalCloud
let phone: PhoneBrowser

beforeAll(async () => {
  demo = await startDemo('vipcard-e2e-ledger-')
  cloud = demo.cloud
  phone = demo.phone
})

afterAll(async () => {
  await demo?.close()
})

const SHOPPER_B_CODE = '20261123002'

const { openAs, field, visible, text, tapText } = onScreen(() => demo)

it('shows expiry and history, and runs redemption, refund and an operator adjustment through the real cloud', async () => {
  const { page } = phone

  // 1. Shopper B's card: her points expire at the end of next year, more than 90 days away, so the card does not
  // warn of it (the history says when); tapping the points opens the history.
  await openAs('demo-shopper-b', '/pages/card/index')
  await visible('.member-card__points').waitFor()
  expect(await text('.member-card__points')).toBe('1,306')
  expect(await visible('.member-card__expiry').count()).toBe(0)
  await phone.screenshot('ledger-01-card')
  await tapText('明细 ›')
  await visible('.points-page__balance').waitFor()
  expect(await text('.points-page__balance')).toBe('1,306')
  expect(await visible('.history-entry').count()).toBe(3)
  expect(await text('.history-entry__balance')).toBe('剩余 1,306')
  await phone.screenshot('ledger-02-points-history')

  // 2. A shopper is turned away from the staff and operator pages.
  await openAs('demo-shopper-b', '/staff/index/index')
  await page.getByText('仅限门店导购使用').waitFor()
  await phone.screenshot('ledger-03-staff-forbidden')
  await openAs('demo-shopper-b', '/ops/member/index')
  await page.getByText('仅限品牌运营使用').waitFor()
  await phone.screenshot('ledger-04-ops-forbidden')

  // 3. The store manager redeems 1,000 points for a flask, typed in (free text is a manager's to do).
  await openAs('demo-manager-1', '/staff/index/index')
  await visible('.staff-actions').waitFor()
  await phone.screenshot('ledger-05-staff-home')
  await tapText('积分兑换')
  // Points are spent only with the dynamic code from the member's phone.
  await field('18 位动态会员码').fill(await memberCodeNow(cloud, 'demo-shopper-b'))
  await tapText('查询会员')
  await visible('.catalog-pick').first().waitFor()
  expect(await text('.catalog-pick__head')).toBe('积分商城 · 可用 1,306 分')
  await phone.screenshot('ledger-06-redeem-catalog')
  await tapText('自定义兑换（店长）')
  await field('例如 保温杯').fill('保温杯')
  await field('0').fill('1000')
  await phone.screenshot('ledger-06-redeem-form')
  await tapText('兑换 1,000 积分')
  await visible('.confirm-facts').waitFor()
  await phone.screenshot('ledger-07-redeem-confirm')
  await tapText('确认兑换')
  await page.getByText('兑换成功').waitFor()
  expect(await text('.receipt__points')).toBe('积分 -1,000')
  expect(await text('.receipt')).toContain('当前积分 306')
  await phone.screenshot('ledger-08-redeem-done')

  // The assistant's desk offers the catalog only; what 306 points cannot pay is greyed out. A code pays once:
  // the next gift scans the code again.
  await openAs('demo-assistant-1', '/staff/redeem/index')
  await field('18 位动态会员码').fill(await memberCodeNow(cloud, 'demo-shopper-b', 1))
  await tapText('查询会员')
  await visible('.catalog-pick--short').waitFor()
  expect(await visible('.catalog-pick').count()).toBe(2)
  expect(await text('.catalog-pick--short')).toContain('满500减50券')
  expect(await text('.catalog-pick--short')).toContain('积分不足')
  expect(await page.getByText('自定义兑换（店长）').count()).toBe(0)
  await phone.screenshot('ledger-09-redeem-insufficient')

  // 4. A full refund of the ¥629 order: 306 of its 629 points come back, and B is no longer VIP.
  await openAs('demo-assistant-1', '/staff/refund/index')
  await field('例如 SO20261123001').fill('SO404')
  await tapText('查询订单')
  await visible('.field__error').waitFor()
  expect(await text('.field__error')).toBe('本店没有订单 SO404 的消费记录')
  await phone.screenshot('ledger-10-refund-not-found')
  await field('例如 SO20261123001').fill('DEMO-0002')
  await tapText('查询订单')
  await visible('.order-summary').waitFor()
  expect(await field('0.00').inputValue()).toBe('629')
  await phone.screenshot('ledger-11-refund-order')
  await tapText('退款 ¥629')
  await visible('.confirm-facts').waitFor()
  // The server's dry run of this refund: what it will really take back, and the tier after.
  expect(await text('.refund-preview')).toBe('可扣回 306，另有 323 已使用； 退款后等级由 VIP会员 调整为 普通会员') // two lines
  await phone.screenshot('ledger-12-refund-confirm')
  await tapText('确认退款')
  await page.getByText('退款成功').waitFor()
  expect(await text('.receipt__points')).toBe('积分 -306')
  expect(await text('.receipt__shortfall')).toBe('另有 323 分因积分已使用未能扣回')
  expect(await text('.receipt__tier-change')).toBe('会员等级由 VIP会员 调整为 普通会员')
  await phone.screenshot('ledger-13-refund-done')

  // The same order again: nothing left to refund.
  await tapText('办理下一笔退款')
  await field('例如 SO20261123001').fill('DEMO-0002')
  await tapText('查询订单')
  await page.getByText('该订单已全额退款，无可退金额').waitFor()
  // The order says what was really taken back, not the 629 it earned.
  expect(await text('.order-summary')).toContain('已扣回积分 306')
  expect(await text('.order-summary')).toContain('已使用未扣回 323')
  await phone.screenshot('ledger-14-refund-nothing-left')

  // 5. The operator reads B's audit and adds 200 points back with a reason.
  await openAs('demo-operator-1', '/ops/member/index')
  await field('11 位会员号').fill(SHOPPER_B_CODE)
  await tapText('查询会员')
  await visible('.audit-entry').first().waitFor()
  expect(await visible('.audit-entry').count()).toBe(5)
  await phone.screenshot('ledger-15-ops-audit')
  await field('0').fill('200')
  await field('例如 系统故障补录积分').fill('退货积分补偿')
  await tapText('调整')
  await visible('.ops-confirm').waitFor()
  await phone.screenshot('ledger-16-ops-confirm')
  await tapText('确认调整')
  await page.getByText('已调整 +200 分，当前积分 200').waitFor()
  await page.locator('.audit-entry__reason', { hasText: '退货积分补偿' }).waitFor()
  expect(await text('.audit-entry')).toContain('退货积分补偿 +200 剩余 200 运营 陈静（OP01）')
  await phone.screenshot('ledger-17-ops-adjusted')

  // 6. B's history tells the whole story, newest first, each with the balance after it.
  await openAs('demo-shopper-b', '/pages/points/index')
  await visible('.history-entry').first().waitFor()
  const rows = await visible('.history-entry').evaluateAll((els) =>
    els.map((el) => [
      el.querySelector('.history-entry__reason')!.textContent,
      el.querySelector('.history-entry__points')!.textContent,
      el.querySelector('.history-entry__balance')!.textContent,
    ]),
  )
  expect(rows.slice(0, 3)).toEqual([
    ['退货积分补偿', '+200', '剩余 200'],
    ['退货扣回积分（323 分因积分不足未能扣回）', '-306', '剩余 0'],
    ['兑换：保温杯', '-1,000', '剩余 306'],
  ])
  await phone.screenshot('ledger-18-points-history-after')

  // 7. A new member's history is empty.
  await openAs('demo-shopper-a', `/pages/join/index?scene=${encodeURIComponent(DEMO_JOIN_SCENE)}`)
  await tapText('手动填写')
  await field('选填，如：王女士').fill('张敏')
  await field('11 位手机号').fill('13812348000')
  await page.getByText('选择月 / 日').click()
  await page.getByText('确定', { exact: true }).first().click()
  await visible('.join-page__checkbox').click()
  await page.getByText('立即加入').click()
  await visible('.member-card').waitFor()
  await visible('.join-welcome__ok').click()
  await tapText('明细 ›')
  await page.getByText('还没有积分记录').waitFor()
  await phone.screenshot('ledger-19-points-empty')
})
