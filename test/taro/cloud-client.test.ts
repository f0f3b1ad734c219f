/**
 * The typed client: what a page gets back for each kind of answer, over the H5 transport (the local cloud
 * gateway) and the weapp transport (Taro.cloud.callFunction).
 */
import { AppError, type ErrorCode } from '../../src/domain/errors'
import { callCloud, NETWORK_TROUBLE } from '../../src/services/cloud'
import { chooseLocalIdentity } from '../../src/services/localIdentity'
import { fail, installFakeCloud, ok } from './support/fakeCloud'

const rejection = (promise: Promise<unknown>): Promise<AppError> =>
  promise.then(
    () => Promise.reject(new Error('expected the call to fail')),
    (error: unknown) => (error instanceof AppError ? error : Promise.reject(error)),
  )

describe('callCloud over the local cloud gateway (H5)', () => {
  beforeEach(() => window.localStorage.clear())

  it('posts { action, input } to /functions/<name> as the chosen local identity and returns the data', async () => {
    const { calls } = installFakeCloud({ 'staff.scanMember': () => ok({ member: { name: '李娜' } }) })
    chooseLocalIdentity('demo-assistant-1')
    await expect(callCloud('staff', 'scanMember', { code: '20261123002' })).resolves.toEqual({ member: { name: '李娜' } })
    expect(calls).toEqual([{ functionName: 'staff', action: 'scanMember', input: { code: '20261123002' }, openid: 'demo-assistant-1' }])
  })

  it('calls as shopper A until another identity is chosen', async () => {
    const { calls } = installFakeCloud({ 'member.getCard': () => ok({}) })
    await callCloud('member', 'getCard', {})
    expect(calls[0].openid).toBe('demo-shopper-a')
  })

  it('turns a refusal into an AppError with its code, message and fields', async () => {
    const fields = [{ field: 'mobile', message: '请填写 11 位手机号' }]
    installFakeCloud({ 'member.join': () => fail('INVALID_INPUT', 'mobile: 请填写 11 位手机号', fields) })
    const error = await rejection(callCloud('member', 'join', {} as never))
    expect(error).toMatchObject({ code: 'INVALID_INPUT', message: 'mobile: 请填写 11 位手机号', details: { fields } })
  })

  it('reports a crashed function ({ errCode, errMsg }) as INTERNAL with the network message', async () => {
    installFakeCloud({ 'member.getCard': () => ({ errCode: -504002, errMsg: 'functions execute fail' }) })
    await expect(rejection(callCloud('member', 'getCard', {}))).resolves.toMatchObject({ code: 'INTERNAL', message: NETWORK_TROUBLE })
  })

  it('reports a dead network as INTERNAL with the network message', async () => {
    installFakeCloud({ 'member.getCard': () => new Error('ECONNREFUSED') })
    await expect(rejection(callCloud('member', 'getCard', {}))).resolves.toMatchObject({ code: 'INTERNAL', message: NETWORK_TROUBLE })
  })

  it('does not pass on an error code outside the contract', async () => {
    installFakeCloud({ 'member.getCard': () => fail('TEAPOT' as ErrorCode, '我是茶壶') })
    await expect(rejection(callCloud('member', 'getCard', {}))).resolves.toMatchObject({ code: 'INTERNAL', message: NETWORK_TROUBLE })
  })
})

describe('callCloud over WeChat cloud (weapp transport)', () => {
  // WeChat's wx.cloud is not available here: stand in for the one call the transport makes.
  const callFunction = jest.fn()

  const weappCallCloud = (): typeof callCloud => {
    jest.resetModules()
    jest.doMock('@tarojs/taro', () => ({ __esModule: true, default: { cloud: { callFunction } } }))
    jest.doMock('../../src/services/transport', () => jest.requireActual('../../src/services/transport.weapp'))
    return require('../../src/services/cloud').callCloud
  }
  afterEach(() => {
    jest.dontMock('@tarojs/taro')
    jest.dontMock('../../src/services/transport')
  })

  it('calls the function by name with { action, input } as its data', async () => {
    callFunction.mockResolvedValue({ errMsg: 'cloud.callFunction:ok', result: ok({ serverTime: 'x' }) })
    await expect(weappCallCloud()('member', 'getCard', {})).resolves.toEqual({ serverTime: 'x' })
    expect(callFunction).toHaveBeenCalledWith({ name: 'member', data: { action: 'getCard', input: {} } })
  })

  it('reports a function that returned nothing as INTERNAL', async () => {
    callFunction.mockResolvedValue({ errMsg: 'cloud.callFunction:ok', result: undefined })
    await expect(weappCallCloud()('member', 'getCard', {})).rejects.toMatchObject({ code: 'INTERNAL', message: NETWORK_TROUBLE })
  })

  it('reports a failed callFunction as INTERNAL', async () => {
    callFunction.mockRejectedValue({ errCode: -404011, errMsg: 'cloud.callFunction:fail' })
    await expect(weappCallCloud()('member', 'getCard', {})).rejects.toMatchObject({ code: 'INTERNAL', message: NETWORK_TROUBLE })
  })
})
