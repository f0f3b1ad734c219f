/**
 * A store manager's team, end to end (H5 build, Debian's Chromium, the local cloud with the demo data): the
 * manager invites a new shop assistant, who scans the mini-program code off the manager's screen and accepts;
 * then an assistant leaves: the manager deactivates them and hands their customers to two colleagues, seeing who
 * gets how many first. 375-px screenshots (test-results/staff-team-*.png).
 */
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { DEMO_ASSISTANT, DEMO_COLLEAGUE, DEMO_MANAGER, DEMO_STORE } from '../../scripts/demo-data'
import type { PhoneBrowser } from './support/browser'
import { startDemo, type Demo } from './support/demo'
import { onScreen } from './support/screen'

jest.setTimeout(240_000)

let demo: Demo
let phone: PhoneBrowser

beforeAll(async () => {
  demo = await startDemo('vipcard-e2e-team-')
  phone = demo.phone
})

afterAll(async () => {
  await demo?.close()
})

const { openAs, visible, text, tapText, field } = onScreen(() => demo)
const rowOf = (name: string) => visible('.team-row').filter({ hasText: name })
const customersOf = (staffId: string) => demo.cloud.executor.count('members', { storeId: DEMO_STORE._id, assistantId: staffId })

it('invites a new shop assistant, who scans the code off the manager’s screen and joins the store', async () => {
  await openAs(DEMO_MANAGER._id, '/staff/team/index')
  await visible('.team-row').first().waitFor()
  await phone.screenshot('staff-team-01-team')
  await field('新导购的姓名').fill('何静')
  await field('例如 A07').fill('a41')
  await tapText('生成邀请二维码')
  await visible('.team-invitation__qr').waitFor()
  // What the invitee's camera reads: the mini-program code the server drew, decoded from the screen's image.
  const src = await visible('.team-invitation__qr').getAttribute('src')
  const png = PNG.sync.read(Buffer.from(src!.slice(src!.indexOf(',') + 1), 'base64'))
  const scanned = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data
  expect(scanned).toMatch(/#\/staff\/invite\/index\?scene=i%3D[A-Z2-9]{8}$/)
  await phone.screenshot('staff-team-02-invitation')

  await openAs('demo-shopper-a', scanned!)
  await tapText('接受邀请')
  await visible('.invite-done').waitFor()
  expect(await text('.invite-done__line')).toBe('导购 何静 · 工号 A41')
  await phone.screenshot('staff-team-03-accepted')

  await openAs(DEMO_MANAGER._id, '/staff/team/index')
  await rowOf('何静').waitFor()
  expect(await rowOf('何静').innerText()).toContain('导购 · 顾客 0 位')
})

it('deactivates an assistant who left and hands their customers to two colleagues, previewed first', async () => {
  const leaving = customersOf(DEMO_ASSISTANT.staffId)
  expect(leaving).toBeGreaterThan(1)
  await openAs(DEMO_MANAGER._id, '/staff/team/index')
  await rowOf(DEMO_ASSISTANT.name).waitFor()
  await rowOf(DEMO_ASSISTANT.name).getByText('停用', { exact: true }).click()
  await phone.page.getByText('停用', { exact: true }).last().click() // Taro's H5 modal: its confirm button
  await rowOf(DEMO_ASSISTANT.name).filter({ hasText: '已停用' }).waitFor()
  expect(demo.cloud.executor.find('staff', { staffId: DEMO_ASSISTANT.staffId })[0]).toMatchObject({
    active: false,
    deactivatedBy: 'staff:M01',
  })

  await rowOf(DEMO_ASSISTANT.name).getByText('移交顾客', { exact: true }).click()
  await visible('.team-choice').first().waitFor()
  await visible('.team-choice').filter({ hasText: DEMO_COLLEAGUE.name }).click()
  await visible('.team-choice').filter({ hasText: '何静' }).click()
  const first = Math.ceil(leaving / 2)
  await visible('.desk__note')
    .filter({ hasText: `将移交：${DEMO_COLLEAGUE.name} ${first} 位，何静 ${leaving - first} 位` })
    .waitFor()
  await phone.screenshot('staff-team-04-hand-over')
  await tapText('确认移交')
  await rowOf(DEMO_ASSISTANT.name).filter({ hasText: '顾客 0 位' }).waitFor()
  expect(customersOf(DEMO_ASSISTANT.staffId)).toBe(0)
  expect(customersOf('A41')).toBe(leaving - first)
  await phone.screenshot('staff-team-05-handed-over')
})
