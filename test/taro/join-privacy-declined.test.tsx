/**
 * The join page when the shopper declines WeChat's own privacy guide (asked as they tick the consent, before
 * WeChat's phone sheet could open): the box stays unticked, the page says why, nothing is asked or sent.
 */
import { screen, waitFor } from '@testing-library/dom'
import { PRIVACY_DECLINED } from '../../src/services/privacyAuth'
import { setPhoneClock } from './support/clock'
import { fail, installFakeCloud, ok } from './support/fakeCloud'
import { openPage, visiblePage } from './support/harness'
import { tap } from './support/interact'

const mockAskPrivacy = jest.fn(async () => false)
jest.mock('../../src/services/privacyAuth', () => ({
  ...jest.requireActual('../../src/services/privacyAuth'),
  ensurePrivacyAuthorized: () => mockAskPrivacy(),
}))

beforeAll(() => setPhoneClock('2026-11-23T06:00:00.000Z'))

it('keeps the consent unticked and says why when WeChat’s privacy guide is declined', async () => {
  const { calls } = installFakeCloud({
    'member.getCard': () => fail('NOT_A_MEMBER', '您还不是会员，请先注册'),
    'member.joinOffer': () => ok({ storeName: null, assistantName: null, assistantLeft: false, welcomeGift: null }),
  })
  await openPage('/pages/join/index')
  await screen.findByText('立即加入')
  tap('我已阅读并同意')
  await screen.findByText(PRIVACY_DECLINED)
  expect(mockAskPrivacy).toHaveBeenCalledTimes(1)
  expect(visiblePage().querySelector('.join-page__checkbox--checked')).toBeNull()
  expect(visiblePage().querySelector('.join-page__submit')!.className).toContain('btn--disabled')

  // Agreed on a second try: the box ticks and the message goes.
  mockAskPrivacy.mockResolvedValueOnce(true)
  tap('我已阅读并同意')
  await waitFor(() => expect(visiblePage().querySelector('.join-page__checkbox--checked')).not.toBeNull())
  expect(screen.queryByText(PRIVACY_DECLINED)).toBeNull()
  expect(calls.filter((c) => c.action === 'join')).toHaveLength(0)
})
