/**
 * Accepting an invitation in the mini-program, end to end (H5 build, Debian's Chromium, the local cloud with the
 * demo data): an operator invites a shop assistant; the invited person opens the link's page, which carries the
 * code, accepts, and is staff from then on. 375-px screenshots (test-results/staff-invite-*.png).
 */
import type { Page } from 'playwright-core'
import { DEMO_OPERATOR, DEMO_STORE } from '../../scripts/demo-data'
import type { PhoneBrowser } from './support/browser'
import { startDemo, type Demo } from './support/demo'
import { onScreen } from './support/screen'

jest.setTimeout(240_000)

let demo: Demo
let phone: PhoneBrowser
let page: Page
/** A demo identity who is neither staff nor operator (shopper A has not even joined). */
const INVITEE = 'demo-shopper-a'

beforeAll(async () => {
  demo = await startDemo('vipcard-e2e-invite-')
  phone = demo.phone
  page = phone.page
})

afterAll(async () => {
  await demo?.close()
})

const { openAs, visible, text, tapText, field } = onScreen(() => demo)

const invite = async (staffId: string) => {
  const answer = (await demo.cloud.invoke(
    'setup',
    {
      action: 'inviteStaff',
      input: { storeId: DEMO_STORE._id, role: 'assistant', name: '李娜', staffId, requestId: `e2e-invite-${staffId}` },
    },
    { openid: DEMO_OPERATOR._id },
  )) as { ok: boolean; data: { invitation: { code: string; path: string } } }
  if (!answer.ok) throw new Error(`inviteStaff failed: ${JSON.stringify(answer)}`)
  return answer.data.invitation
}

it('refuses a mistyped code at its field, in words', async () => {
  await openAs(INVITEE, '/staff/invite/index')
  await field('8 位字母或数字').waitFor()
  await phone.screenshot('staff-invite-01-empty')
  await field('8 位字母或数字').fill('ABCD2345')
  await tapText('接受邀请')
  await visible('.field__error').waitFor()
  expect(await text('.field__error')).toContain('邀请码无效')
  await phone.screenshot('staff-invite-02-unknown-code')
})

it('opens from the invitation’s link with the code filled in, and makes the invitee a shop assistant', async () => {
  const invitation = await invite('B31')
  await openAs(INVITEE, `/${invitation.path}`)
  await field('8 位字母或数字').waitFor()
  expect(await field('8 位字母或数字').inputValue()).toBe(invitation.code)
  await phone.screenshot('staff-invite-03-from-link')
  await tapText('接受邀请')
  await visible('.invite-done').waitFor()
  expect(await text('.invite-done__title')).toBe(`欢迎加入${DEMO_STORE.name}`)
  expect(await text('.invite-done__line')).toBe('导购 李娜 · 工号 B31')
  await phone.screenshot('staff-invite-04-accepted')
  // They are staff now: the workbench opens for them.
  await tapText('进入门店工作台')
  await visible('.role-header__who').waitFor()
  expect(await text('.role-header__who')).toContain('工号 B31')
  await phone.screenshot('staff-invite-05-workbench')
  expect(page.url()).toContain('/staff/index/index')
})
