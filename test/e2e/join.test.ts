/**
 * Joining without typing, measured: from the store QR to a card, the taps and key presses a shopper makes, counted
 * by the page itself (trusted pointerdown and keydown events), on the local cloud's verified-phone path: 选择月/日,
 * 确定, the consent box, 立即加入, 允许 (the H5 preview's stand-in for WeChat's sheet). Then the same join refusing
 * the sheet and typing the number, for comparison. Screenshots at 375 px in test-results/join-*.png.
 */
import { DEMO_ASSISTANT, DEMO_JOIN_SCENE, DEMO_STORE } from '../../scripts/demo-data'
import { LOCAL_IDENTITIES } from '../../src/services/localIdentity'
import { startDemo, type Demo } from './support/demo'
import { onScreen } from './support/screen'

jest.setTimeout(120_000)

let demo: Demo | undefined
const { openAs, field, visible, text } = onScreen(() => demo)
const page = () => demo!.phone.page

beforeAll(async () => {
  demo = await startDemo('vipcard-e2e-join-')
  // Every document the phone opens counts the shopper's own taps and key presses (synthetic events do not count).
  await page().addInitScript(() => {
    const w = window as unknown as { joinInput: { taps: number; keys: number } }
    w.joinInput = { taps: 0, keys: 0 }
    document.addEventListener('pointerdown', (e) => e.isTrusted && w.joinInput.taps++, true)
    document.addEventListener('keydown', (e) => e.isTrusted && w.joinInput.keys++, true)
  })
}, 120_000)
afterAll(() => demo?.close())

const counted = () => page().evaluate(() => (window as unknown as { joinInput: { taps: number; keys: number } }).joinInput)

const SCAN = `/pages/join/index?scene=${encodeURIComponent(DEMO_JOIN_SCENE)}`
type MemberDoc = { mobile: string; mobileVerified: boolean; storeId: string; assistantId: string; name: string; memberNo: string }

it('joins from the store QR to a card in 5 taps and no key press, with the phone WeChat verified', async () => {
  const shopperA = LOCAL_IDENTITIES.find((i) => i.openid === 'demo-shopper-a')!
  await openAs(shopperA.openid, SCAN)
  // The page says where and what: the store and assistant of the QR, the welcome gift.
  await visible('.join-page__where').waitFor()
  expect(await text('.join-page__where')).toBe(`${DEMO_STORE.name} · 导购 ${DEMO_ASSISTANT.name} 为您办理`)
  expect(await text('.join-page__gift')).toBe('入会即得 新会员礼券（满¥200减¥20）')
  expect(await page().locator('.taro_page:visible').getByText('导购入口').count()).toBe(0)
  await demo!.phone.screenshot('join-01-open')

  await visible('.birthday-picker__part').first().click() // 1 选择月 / 日
  await page().getByText('确定', { exact: true }).first().click() // 2
  await visible('.join-page__checkbox').click() // 3 我已阅读并同意《会员协议》《隐私政策》
  await demo!.phone.screenshot('join-02-ready')
  await visible('.join-page__submit').click() // 4 立即加入: WeChat's sheet
  await page().getByText('申请获取并验证你的手机号').waitFor()
  expect(await page().getByText('138****1111 微信绑定号码（本地预览）').count()).toBe(1)
  // Only for the picture: the sheet fades in.
  await page().waitForTimeout(500)
  await demo!.phone.screenshot('join-03-phone-sheet')
  await page().getByText('允许', { exact: true }).click() // 5

  // The card, with the welcome over it: the coupon that arrived.
  await visible('.member-card').waitFor()
  await visible('.join-welcome').waitFor()
  const { taps, keys } = await counted()
  console.log(`join, verified phone: ${taps} taps, ${keys} key presses from the store QR to the card`)
  expect(keys).toBe(0)
  expect(taps).toBeLessThanOrEqual(5)
  expect(await text('.join-welcome__coupon')).toContain('新会员礼券')
  await demo!.phone.screenshot('join-04-welcome')

  const member = demo!.cloud.executor.get('members', shopperA.openid) as unknown as MemberDoc
  expect(member).toMatchObject({
    mobile: shopperA.phone,
    mobileVerified: true,
    storeId: DEMO_STORE._id,
    assistantId: DEMO_ASSISTANT.staffId,
  })
  expect(member.name).toBe(`会员${member.memberNo.slice(-4)}`)
  expect(await text('.member-card')).toContain(member.name)

  // One welcome, then the reminder offer on the card.
  await visible('.join-welcome__ok').click()
  await visible('.birthday-reminder').waitFor()
  expect(await visible('.join-welcome').count()).toBe(0)
  await demo!.phone.screenshot('join-05-card')
})

it('joins when the shopper refuses the sheet and types the number instead, kept unverified', async () => {
  // Another WeChat (the operator's phone, as a shopper): the preview's identities are all there is.
  const other = LOCAL_IDENTITIES.find((i) => i.openid === 'demo-operator-1')!
  await openAs(other.openid, SCAN)
  await visible('.join-page__where').waitFor()
  await visible('.birthday-picker__part').first().click()
  await page().getByText('确定', { exact: true }).first().click()
  await visible('.join-page__checkbox').click()
  await visible('.join-page__submit').click()
  await page().getByText('拒绝', { exact: true }).click()
  await visible('.join-page').getByText('未能获取微信手机号，请填写手机号').waitFor()
  await demo!.phone.screenshot('join-06-typed')
  await field('11 位手机号').click()
  await page().keyboard.type('13812348001')
  await field('选填，如：王女士').click()
  await page().keyboard.type('Lin')
  await visible('.join-page__submit').click()
  await visible('.member-card').waitFor()
  const { taps, keys } = await counted()
  console.log(`join, typed phone after 拒绝: ${taps} taps, ${keys} key presses`)
  expect(keys).toBe(14)
  expect(demo!.cloud.executor.get('members', other.openid)).toMatchObject({ mobile: '13812348001', mobileVerified: false, name: 'Lin' })
})
