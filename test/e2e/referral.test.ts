/**
 * Referral end to end (issue 6): the H5 build in Debian's Chromium against the local cloud running the bundled
 * functions, with the demo data. Takes 375-px screenshots (test-results/referral-*.png).
 *
 * The story: shopper B (李娜, a member with the code LNAB88) opens 邀请好友 from her card and shares the
 * invitation; shopper A, new, opens that link, is greeted in B's name and joins (with the friend's gift); the
 * shop assistant records A's ¥150 purchase at the till; B's points rise by exactly 200 and her invite page shows
 * the friend rewarded. The poster downloads as the painted PNG. A friend whose mobile sits next to their
 * inviter's is held: the operator finds them under 邀请审核 with the reason and approves after confirming.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import type { LocalCloud } from '../../localcloud'
import { POSTER_HEIGHT, POSTER_SCALE, POSTER_WIDTH } from '../../src/pages/invite/poster'
import { SCREENSHOT_DIR, type PhoneBrowser } from './support/browser'
import { memberCodeNow } from './support/memberCode'
import { startDemo, type Demo } from './support/demo'
import { onScreen } from './support/screen'

jest.setTimeout(240_000)

let demo: Demo
let cloud: LocalCloud
let phone: PhoneBrowser
let page: Page

beforeAll(async () => {
  demo = await startDemo('vipcard-e2e-referral-')
  cloud = demo.cloud
  phone = demo.phone
  page = phone.page
})

afterAll(async () => {
  await demo?.close()
})

const { openAs, field, visible, text, tapText, pick, call } = onScreen(() => demo)

type MemberDoc = { pointsBalance: number; memberNo: string; referralCode: string; mobile: string }
const memberDoc = (id: string) => cloud.executor.get('members', id) as unknown as MemberDoc
type ReferralDoc = { inviterId: string; status: string; flags: string[] }
const referralOf = (inviteeId: string) => cloud.executor.get('referrals', inviteeId) as unknown as ReferralDoc | null

const INVITER = 'demo-shopper-b'
const FRIEND = 'demo-shopper-a'
let pointsBefore = 0
let invitationLink = ''

it('lets a member open 邀请好友 from the card and take the invitation link', async () => {
  pointsBefore = memberDoc(INVITER).pointsBalance
  await openAs(INVITER, '/pages/card/index')
  await visible('.card-page__invite').waitFor()
  expect(await text('.card-page__invite')).toBe('邀请好友 好友首次消费，你得 200 积分 ›')
  await phone.screenshot('referral-00-card')
  await visible('.card-page__invite').click()
  await visible('.invite-page__stats').waitFor()
  expect(await text('.invite-page__code-value')).toBe('LNAB88')
  expect(await text('.invite-page__stats')).toBe('还没有好友通过你的邀请加入')
  expect(await text('.invite-page__reward')).toBe('好友首次消费满 ¥100，你得 200 积分')
  expect(await text('.invite-poster__headline')).toBe('入会即得 好友邀请礼券（满¥200减¥20）')
  // The poster's code is the local cloud's stand-in: a QR of the join page with the scene r=LNAB88.
  await page.waitForFunction(() => {
    const img = document.querySelector<HTMLImageElement>('.taro_page .invite-poster__code img')
    return img !== null && img.complete && img.naturalWidth > 0
  })

  await visible('.invite-page__share').click()
  invitationLink = await text('.invite-page__link-url')
  expect(invitationLink).toBe(`${cloud.url}/#/pages/join/index?ref=LNAB88&from=${encodeURIComponent('李娜')}`)
  await phone.screenshot('referral-01-invite')
})

it('downloads the poster as the painted picture', async () => {
  const [download] = await Promise.all([page.waitForEvent('download'), tapText('下载海报')])
  expect(download.suggestedFilename()).toBe('邀请海报.png')
  const png = readFileSync((await download.path())!)
  expect(png.subarray(1, 4).toString('ascii')).toBe('PNG')
  // IHDR: width and height, big-endian, at bytes 16 and 20.
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([POSTER_WIDTH * POSTER_SCALE, POSTER_HEIGHT * POSTER_SCALE])
  await visible('.invite-page__saved').getByText('海报已下载').waitFor()
  // Kept beside the screenshots, to look at.
  await download.saveAs(join(SCREENSHOT_DIR, 'referral-poster.png'))
})

it('greets the new friend in the inviter’s name and binds them at join, with the friend’s gift', async () => {
  await openAs(FRIEND, invitationLink)
  await visible('.join-page__title').waitFor()
  expect(await text('.join-page__invited')).toBe('好友 李娜 邀请你加入')
  await tapText('手动填写')
  await field('选填，如：王女士').fill('张敏')
  await field('11 位手机号').fill('13812348000')
  await pick(0, [2, 7])
  await visible('.birthday-picker__part').getByText('3月8日').waitFor()
  await visible('.join-page__checkbox').click()
  await phone.screenshot('referral-02-join-invited')
  await tapText('立即加入')
  await visible('.member-card').waitFor()
  // The friend's gift arrived with the welcome coupon.
  expect(await text('.join-welcome')).toContain('好友邀请礼券')
  await visible('.join-welcome__ok').click()

  expect(referralOf(FRIEND)).toMatchObject({ inviterId: INVITER, status: 'pending', flags: [] })
  expect(cloud.executor.get('coupons', `referral:${FRIEND}`)).toMatchObject({ memberId: FRIEND, templateId: 'referral-20off200' })
})

it('pays the inviter exactly 200 points when the shop assistant records the friend’s ¥150 purchase', async () => {
  await openAs('demo-assistant-1', '/staff/purchase/index')
  // The friend shows the card's dynamic code at the till.
  await field('18 位动态会员码').fill(await memberCodeNow(cloud, FRIEND))
  await tapText('查询会员')
  await page.getByText('2 · 消费').waitFor()
  await field('0.00').fill('150.00')
  await field('例如 SO20261123001').fill('E2E-REF-0001')
  await tapText('确认录入 ¥150')
  await page.getByText('录入成功').waitFor()

  expect(referralOf(FRIEND)).toMatchObject({ status: 'rewarded' })
  expect(memberDoc(INVITER).pointsBalance).toBe(pointsBefore + 200)

  await openAs(INVITER, '/pages/card/index')
  // The card opens on the copy it kept (offline first), then shows the fresh one: wait for the reward to appear.
  await visible('.member-card__points')
    .filter({ hasText: (pointsBefore + 200).toLocaleString('en-US') })
    .waitFor()
  await visible('.card-page__invite').click()
  await visible('.invite-page__stats').waitFor()
  expect(await text('.invite-page__stats')).toBe('1 位好友已加入 · 1 位已奖励 · 0 位待首次消费')
  await phone.screenshot('referral-03-invite-rewarded')
})

it('holds a friend whose mobile sits next to the inviter’s, and the operator approves it after confirming', async () => {
  // The new member invites a friend by API whose number differs from theirs only in the last two digits.
  const friend = memberDoc(FRIEND)
  await call('e2e-related-friend', 'member', 'join', {
    name: '王芳',
    mobile: `${friend.mobile.slice(0, 9)}66`,
    birthday: { month: 5, day: 20 },
    consent: { accepted: true, version: '2026-11-01' },
    referral: friend.referralCode,
  })
  expect(referralOf('e2e-related-friend')).toMatchObject({ inviterId: FRIEND, status: 'held', flags: ['relatedPhone'] })

  // The operator reaches 邀请审核 from their other tools.
  await openAs('demo-operator-1', '/ops/member/index')
  await visible('.ops-page__nav-link').getByText('邀请审核 ›').click()
  const held = visible('.ops-referral').filter({ hasText: '王芳' })
  await held.waitFor()
  expect(await held.locator('.ops-referral__flag').innerText()).toBe('好友手机号与邀请人号段相同')
  expect(await held.locator('.ops-referral__line').first().innerText()).toContain('邀请人 张敏')
  await phone.screenshot('referral-04-ops-held')

  await held.getByText('通过', { exact: true }).click()
  await visible('.ops-confirm').waitFor()
  expect(await text('.ops-confirm__title')).toBe('通过 王芳 的邀请')
  await phone.screenshot('referral-05-ops-confirm')
  await tapText('确认通过')
  await page.getByText('已通过 王芳 的邀请，现为「待首次消费」').waitFor()
  expect(referralOf('e2e-related-friend')).toMatchObject({ status: 'pending' })
  await visible('.ops-page__empty').getByText('没有待审核的邀请').waitFor()
  await phone.screenshot('referral-06-ops-approved')

  await tapText('已奖励')
  await visible('.ops-referral').filter({ hasText: '张敏' }).waitFor()
  await phone.screenshot('referral-07-ops-rewarded')
})
