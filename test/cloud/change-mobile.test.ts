/**
 * A member changes their number only to the one WeChat verifies for their WeChat (member.changeMobile, issue 22 §1):
 * a free number moves, verified and logged; the number typed at join, once WeChat proves it, becomes verified; a
 * number another membership holds is PHONE_IN_USE and changes nothing (moving a membership is the store's); a code
 * WeChat does not resolve is PHONE_CODE_INVALID.
 */
import { PRIVACY_NOTICE_VERSION } from '../../src/api/privacy'
import { startTestCloud } from './harness'

type Harness = Awaited<ReturnType<typeof startTestCloud>>
let h: Harness

/** What each shopper's WeChat account would give the getPhoneNumber button. */
const PHONES: Record<string, string> = {
  mover: '13722220001',
  prover: '13722220003',
  holder: '13722220002',
  claimer: '13722220002',
}
const CLOCK = '2026-11-23T06:00:00.000Z'

beforeAll(async () => {
  h = await startTestCloud({ phones: PHONES, prewarm: ['member'] })
  const join = (openid: string, mobile: string) =>
    h.ok(openid, 'member', 'join', {
      name: '林晓',
      birthday: { month: 4, day: 2 },
      consent: { accepted: true, version: PRIVACY_NOTICE_VERSION },
      mobile,
    })
  await join('mover', '13799990001')
  await join('prover', '13722220003')
  await join('holder', '13722220002')
  await join('claimer', '13799990004')
}, 60_000)
afterAll(() => h?.close())

const codeFor = (openid: string) => h.cloud.phoneCode(openid, { clock: CLOCK })
const memberOf = (openid: string) => h.cloud.executor.get('members', openid) as Record<string, unknown>
const refused = (code: string) => ({ ok: false, error: expect.objectContaining({ code }) })

it('moves the member to the number WeChat verified, logged with the old one masked', async () => {
  const answer = await h.ok('mover', 'member', 'changeMobile', { phoneCode: codeFor('mover') }, { clock: CLOCK })
  expect(answer).toEqual({ mobileMasked: '137****0001', mobileVerified: true, changed: true })
  expect(memberOf('mover')).toMatchObject({
    mobile: '13722220001',
    mobileVerified: true,
    mobileChanges: [{ from: '137****0001', at: CLOCK }],
  })
})

it('marks the number typed at join verified once WeChat proves it, without calling it a change', async () => {
  expect(memberOf('prover')).toMatchObject({ mobile: '13722220003', mobileVerified: false })
  const answer = await h.ok('prover', 'member', 'changeMobile', { phoneCode: codeFor('prover') }, { clock: CLOCK })
  expect(answer).toMatchObject({ changed: false, mobileVerified: true })
  expect(memberOf('prover')).toMatchObject({ mobile: '13722220003', mobileVerified: true })
})

it('refuses a number another membership holds with PHONE_IN_USE, and changes nothing', async () => {
  const before = JSON.stringify([memberOf('claimer'), memberOf('holder')])
  expect(await h.call('claimer', 'member', 'changeMobile', { phoneCode: codeFor('claimer') }, { clock: CLOCK })).toMatchObject(
    refused('PHONE_IN_USE'),
  )
  expect(JSON.stringify([memberOf('claimer'), memberOf('holder')])).toBe(before)
})

it('refuses a code WeChat does not resolve, and a caller who is not a member', async () => {
  const code = codeFor('mover')
  await h.ok('mover', 'member', 'changeMobile', { phoneCode: code }, { clock: CLOCK })
  // A code resolves once.
  expect(await h.call('mover', 'member', 'changeMobile', { phoneCode: code }, { clock: CLOCK })).toMatchObject(
    refused('PHONE_CODE_INVALID'),
  )
  expect(await h.call('mover', 'member', 'changeMobile', { phoneCode: 'made-up-code' }, { clock: CLOCK })).toMatchObject(
    refused('PHONE_CODE_INVALID'),
  )
  expect(await h.call('stranger', 'member', 'changeMobile', { phoneCode: 'made-up-code' }, { clock: CLOCK })).toMatchObject(
    refused('NOT_A_MEMBER'),
  )
  // A typed number is no proof: the action takes only a code.
  expect(await h.call('mover', 'member', 'changeMobile', { mobile: '13711112222' } as never, { clock: CLOCK })).toMatchObject(
    refused('INVALID_INPUT'),
  )
})
