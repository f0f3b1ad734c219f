/**
 * The H5 preview's phone code (src/services/phoneCode.h5.ts): what `<button open-type="getPhoneNumber">` gives on
 * WeChat, asked of the local cloud for the chosen local identity.
 */
import { chooseLocalIdentity } from '../../src/services/localIdentity'
import { phoneCodeOf } from '../../src/services/phoneCode'

const answer = (status: number, body: unknown) => ({ ok: status >= 200 && status < 300, status, json: async () => body })

describe('phoneCodeOf (H5)', () => {
  beforeEach(() => window.localStorage.clear())

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
