import Taro from '@tarojs/taro'
import type { Transport } from './transport'

/** WeChat cloud: the platform attaches the caller's OPENID; the function reads it from its context. */
export const invokeFunction: Transport = async (functionName, request) => {
  const { result } = await Taro.cloud.callFunction({ name: functionName, data: request })
  return result
}
