/**
 * The walking skeleton on the weapp: the compiled mini-program (dist/) on Taro's runtime, every step read off
 * and tapped on the drawing WeChat's compiled templates make (test/support/weapp), the local cloud answering.
 * A shopper joins by the store QR (the phone from WeChat's sheet), is welcomed with the coupon that arrived, opens
 * the card and shows the member code full screen (one tap on 出示会员码, brightness up while shown, given back on
 * 完成); the shop assistant types that code at the till and records ¥520.00; the shopper's card then shows 520
 * points, VIP, valid through the same date next year. Pictures: test-results/weapp-join-filled.png,
 * weapp-join-welcome.png, weapp-card-member.png, weapp-code-full-screen.png, weapp-member-code.png,
 * weapp-staff-purchase-receipt.png, weapp-card-vip.png.
 */
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Page } from 'playwright-core'
import type { LocalCloud } from '../../localcloud'
import { DEMO_ASSISTANT, DEMO_JOIN_SCENE } from '../../scripts/demo-data'
import { compileStyles, type StyleCompilation } from '../../scripts/weapp/compile'
import { businessDate } from '../../src/domain/time'
import { launchPhone, SCREENSHOT_DIR, type PhoneBrowser } from '../e2e/support/browser'
import { findNode, ownText } from '../support/weapp/draw'
import { startDemoCloud, type DemoCloud } from '../support/demoCloud'
import { weappPhone, type WeappPhone } from '../support/weapp/phone'
import { showDrawing } from '../support/weapp/screen'

const DIST = resolve(__dirname, '../../dist')
const SHOPPER = 'demo-shopper-a'
/** What the stand-in phone's getScreenBrightness answers (test/support/weapp/runtime.ts). */
const SHOPPER_BRIGHTNESS = 0.4

jest.setTimeout(120_000)

let cloud: LocalCloud
let demo: DemoCloud
let phone: WeappPhone
let browser: PhoneBrowser
let screen: Page
let styles: StyleCompilation

beforeAll(async () => {
  if (!existsSync(join(DIST, 'app.json'))) throw new Error('dist/ is not built: run `npm run build:weapp` first')
  demo = await startDemoCloud('vipcard-weapp-story-', { dbLatencyMs: 0 })
  cloud = demo.cloud
  phone = weappPhone(DIST, (name, data, openid) => cloud.invoke(name, data, { openid }))
  styles = compileStyles(DIST)
  browser = await launchPhone()
  screen = browser.page
}, 120_000)

afterAll(async () => {
  phone?.close()
  await browser?.close()
  await demo?.close()
})

/** Photographs what the phone draws now as test-results/<name>.png. */
const photograph = (name: string) => showDrawing(screen, DIST, styles, phone.route(), phone.draw(), name)

/** The digits under the member code's barcode, as the assistant's scanner reads them off the phone. */
const drawnMemberCode = () => {
  const digits = findNode(phone.draw(), (n) =>
    String(n.attr.class ?? '')
      .split(' ')
      .includes('member-code__number'),
  )
  return digits ? ownText(digits.node).replace(/\s+/g, '') : ''
}

it('joins by the store QR, shows the member code, and the till’s ¥520.00 makes the card VIP with 520 points', async () => {
  // 1. Shopper A scans the store QR: WeChat opens the join page with the code's scene, URL-encoded.
  await phone.open('pages/join/index', { scene: encodeURIComponent(DEMO_JOIN_SCENE) }, SHOPPER)
  expect(phone.text()).toContain('加入会员')
  expect(phone.text()).toContain('新会员礼券（满¥200减¥20）')
  await phone.type('选填，如：王女士', '张敏')
  await phone.pick(0, [0, 0])
  await phone.tap('我已阅读并同意《会员协议》《隐私政策》')
  expect(phone.text()).toContain('1月1日')
  await photograph('weapp-join-filled')
  // 立即加入 is WeChat's getPhoneNumber button: the shopper taps 允许 on WeChat's sheet, the page gets the code.
  await phone.tapPhoneButton('立即加入', { code: cloud.phoneCode(SHOPPER), errMsg: 'getPhoneNumber:ok' })

  // 2. Joined, the page relaunches on the card: a plain member of the store, 0 points, with a member code.
  expect(phone.weapp.calls.map((c) => c.api)).toContain('reLaunch')
  expect(phone.route()).toBe('pages/card/index')
  const card = phone.text()
  expect(card).toContain('张敏')
  expect(card).toContain('普通会员')
  expect(card).toContain('上海静安嘉里中心店')
  expect(card).toMatch(/积分 0\b/)
  const memberNo = /会员号 (\d{4} \d{4} \d{3})/.exec(card)?.[1].replace(/ /g, '')
  expect(memberNo).toMatch(/^\d{11}$/)
  expect(cloud.executor.get('members', SHOPPER)).toMatchObject({ mobile: '13800001111', mobileVerified: true })
  // The welcome over the new card: the coupon that arrived; closed, the card offers the birthday reminder.
  expect(phone.text()).toContain('入会礼已放入您的券包')
  await photograph('weapp-join-welcome')
  await phone.tap('好的')
  expect(phone.text()).not.toContain('入会礼已放入您的券包')
  // The card page draws no code of its own: one tap on 出示会员码 shows it full screen, the screen bright and on.
  expect(drawnMemberCode()).toBe('')
  await photograph('weapp-card-member')
  await phone.tap('出示会员码')
  expect(phone.text()).toMatch(/\d{4} \*{4} \*{4} \d{4}/)
  expect(phone.weapp.calls.filter((c) => /ScreenBrightness|KeepScreenOn/.test(c.api))).toEqual([
    { api: 'setKeepScreenOn', options: expect.objectContaining({ keepScreenOn: true }) },
    { api: 'getScreenBrightness', options: expect.anything() },
    { api: 'setScreenBrightness', options: expect.objectContaining({ value: 1 }) },
  ])
  await photograph('weapp-code-full-screen')
  // The digits are masked until tapped: the till types them only when its scanner fails.
  await phone.tap('轻触查看数字')
  const code = drawnMemberCode()
  expect(code).toMatch(new RegExp(`^${memberNo}\\d{7}$`))
  await screen.locator('wx-member-code').screenshot({ path: join(SCREENSHOT_DIR, 'weapp-member-code.png') })
  // 完成: the shopper's brightness back (what getScreenBrightness said), the screen free to sleep.
  await phone.tap('完成')
  expect(phone.weapp.calls.filter((c) => /setScreenBrightness|KeepScreenOn/.test(c.api)).slice(-2)).toEqual([
    { api: 'setKeepScreenOn', options: expect.objectContaining({ keepScreenOn: false }) },
    { api: 'setScreenBrightness', options: expect.objectContaining({ value: SHOPPER_BRIGHTNESS }) },
  ])
  expect(drawnMemberCode()).toBe('')

  // 3. At the till: the assistant types the code off the phone and records ¥520.00.
  await phone.open('staff/purchase/index', {}, DEMO_ASSISTANT._id)
  await phone.type('18 位动态会员码', code)
  await phone.tap('查询会员')
  expect(phone.text()).toContain('2 · 消费')
  expect(phone.text()).toContain('张敏')
  await phone.type('0.00', '520.00')
  await phone.type('例如 SO20261123001', 'WEAPP-0001')
  const recordedAt = new Date().toISOString()
  await phone.tap('确认录入 ¥520')
  expect(phone.text()).toContain('录入成功')
  expect(phone.text()).toContain('积分 +520')
  await photograph('weapp-staff-purchase-receipt')

  // 4. The shopper opens the card again: 520 points, VIP, valid through the same date next year.
  await phone.open('pages/card/index', {}, SHOPPER)
  const [year, monthDay] = [Number(businessDate(recordedAt).slice(0, 4)), businessDate(recordedAt).slice(5)]
  const vipCard = phone.text()
  expect(vipCard).toMatch(/积分 520\b/)
  expect(vipCard).toContain('VIP会员')
  expect(vipCard).toContain(`有效期至 ${year + 1}-${monthDay === '02-29' ? '02-28' : monthDay}`)
  await photograph('weapp-card-vip')

  // The ledger agrees with what the card draws.
  expect((cloud.executor.find('ledger', { memberId: SHOPPER }) as { points: number }[]).map((e) => e.points)).toEqual([520])

  // 5. 积分 on the card opens the point history, where the purchase is.
  await phone.tap('明细 ›')
  expect(phone.route()).toBe('pages/points/index')
  expect(phone.text()).toContain('订单 WEAPP-0001')
})
