/**
 * The weapp side of the birthday-coupon reminder: WeChat's consent sheet for the template, read as accepted
 * only on "accept". (The H5 side is the page's own opt-in, tested with the pages.)
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
    await expect(askSubscribeConsent('tmpl-birthday')).resolves.toBe(true)
    expect(sheet).toHaveBeenCalledWith({ tmplIds: ['tmpl-birthday'] })
  })

  it.each(['reject', 'ban', 'filter'])('reads "%s" as no consent', async (answer) => {
    sheet.mockResolvedValueOnce({ errMsg: 'requestSubscribeMessage:ok', 'tmpl-birthday': answer })
    await expect(askSubscribeConsent('tmpl-birthday')).resolves.toBe(false)
  })

  it('passes on a sheet that could not show (subscriptions switched off)', async () => {
    sheet.mockRejectedValueOnce({ errCode: 20004, errMsg: 'requestSubscribeMessage:fail' })
    await expect(askSubscribeConsent('tmpl-birthday')).rejects.toMatchObject({ errCode: 20004 })
  })
})
