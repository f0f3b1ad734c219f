/**
 * The weapp side of the reminders (birthday coupon, event reminder, waitlist): WeChat's consent sheet for the
 * templates, read as accepted only on "accept". (The H5 side is the page's own opt-in, tested with the pages.)
 */
import Taro from '@tarojs/taro'
import { askSubscribeConsent } from '../../src/services/subscribe.weapp'

const sheet = jest.fn()
beforeAll(() => {
  Object.assign(Taro, { requestSubscribeMessage: sheet })
})

describe('asking WeChat for a subscribe-message consent', () => {
  it('asks for exactly the template and reads "accept" as consent', async () => {
    sheet.mockResolvedValueOnce({ errMsg: 'requestSubscribeMessage:ok', 'tmpl-birthday': 'accept' })
    await expect(askSubscribeConsent(['tmpl-birthday'])).resolves.toEqual([true])
    expect(sheet).toHaveBeenCalledWith({ tmplIds: ['tmpl-birthday'] })
  })

  it.each(['reject', 'ban', 'filter'])('reads "%s" as no consent', async (answer) => {
    sheet.mockResolvedValueOnce({ errMsg: 'requestSubscribeMessage:ok', 'tmpl-birthday': answer })
    await expect(askSubscribeConsent(['tmpl-birthday'])).resolves.toEqual([false])
  })

  it('asks for two templates in one sheet and reads each answer on its own', async () => {
    sheet.mockResolvedValueOnce({ errMsg: 'requestSubscribeMessage:ok', 'tmpl-event': 'accept', 'tmpl-waitlist': 'reject' })
    await expect(askSubscribeConsent(['tmpl-event', 'tmpl-waitlist'])).resolves.toEqual([true, false])
    expect(sheet).toHaveBeenLastCalledWith({ tmplIds: ['tmpl-event', 'tmpl-waitlist'] })
  })

  it('passes on a sheet that could not show (subscriptions switched off)', async () => {
    sheet.mockRejectedValueOnce({ errCode: 20004, errMsg: 'requestSubscribeMessage:fail' })
    await expect(askSubscribeConsent(['tmpl-birthday'])).rejects.toMatchObject({ errCode: 20004 })
  })
})
