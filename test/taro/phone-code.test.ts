/**
 * The H5 preview's phone code (src/services/phoneCode.h5.ts): what `<button open-type="getPhoneNumber">` gives on
 * WeChat, asked of the local cloud for the chosen local identity.
 */
import Taro from '@tarojs/taro'
import { chooseLocalIdentity } from '../../src/services/localIdentity'
import { phoneCodeOf } from '../../src/services/phoneCode'

const answer = (status: number, body: unknown) => ({ ok: status >= 200 && status < 300, status, json: async () => body })

/** The stand-in for WeChat's sheet, answered 允许 (true) or 拒绝 (false). */
const sheetAnswers = (allow: boolean) => jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: allow, cancel: !allow } as never)

describe('phoneCodeOf (H5)', () => {
  beforeEach(() => {
    window.localStorage.clear()
    sheetAnswers(true)
  })
  afterEach(() => jest.restoreAllMocks())

  it('first shows the stand-in for WeChat’s sheet with the identity’s number masked; 拒绝 asks nothing', async () => {
    const fetchMock = jest.fn(async () => answer(200, { code: 'c0de' }))
    globalThis.fetch = fetchMock as unknown as typeof fetch
    chooseLocalIdentity('demo-shopper-b')
    const sheet = sheetAnswers(false)
    await expect(phoneCodeOf()).resolves.toBeNull()
    expect(sheet).toHaveBeenCalledWith({
      title: '申请获取并验证你的手机号',
      content: '139****1234 微信绑定号码（本地预览）',
      cancelText: '拒绝',
      confirmText: '允许',
    })
    expect(fetchMock).not.toHaveBeenCalled()
  })

  it('posts to /local/phone-code as the chosen identity and returns the code', async () => {
    const fetchMock = jest.fn(async () => answer(200, { code: 'c0de' }))
    globalThis.fetch = fetchMock as unknown as typeof fetch
    chooseLocalIdentity('demo-shopper-b')
    await expect(phoneCodeOf()).resolves.toBe('c0de')
    expect(fetchMock).toHaveBeenCalledWith('/local/phone-code', { method: 'POST', headers: { 'x-local-openid': 'demo-shopper-b' } })
  })

  it('answers null for an identity without a phone, and fails when the local cloud cannot answer', async () => {
    globalThis.fetch = jest.fn(async () =>
      answer(404, { errMsg: 'getPhoneNumber:fail local cloud: identity x has no phone' }),
    ) as unknown as typeof fetch
    await expect(phoneCodeOf()).resolves.toBeNull()
    globalThis.fetch = jest.fn(async () => answer(500, {})) as unknown as typeof fetch
    await expect(phoneCodeOf()).rejects.toThrow('local cloud: no phone code (HTTP 500)')
  })
})
