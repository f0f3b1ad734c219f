import Taro from '@tarojs/taro'
import { maskMobile } from '../domain/member'
import { currentLocalIdentity } from './localIdentity'
import type { PhoneNumberDetail } from './phoneCode'

/**
 * The H5 preview has no WeChat: the tap on the page's button shows a stand-in for WeChat's own sheet ("申请获取并验证
 * 你的手机号" with the bound number, 拒绝 / 允许), so the preview asks as many taps as WeChat does and can be refused;
 * 允许 asks the local cloud (same origin) for the code WeChat would give the current local identity,
 * `POST /local/phone-code`. 404 = that identity has no phone.
 */
export const phoneCodeOf = async (_detail?: PhoneNumberDetail): Promise<string | null> => {
  const identity = currentLocalIdentity()
  const { confirm } = await Taro.showModal({
    title: '申请获取并验证你的手机号',
    content: `${maskMobile(identity.phone)} 微信绑定号码（本地预览）`,
    cancelText: '拒绝',
    confirmText: '允许',
  })
  if (!confirm) return null
  const response = await fetch('/local/phone-code', { method: 'POST', headers: { 'x-local-openid': identity.openid } })
  if (response.status === 404) return null
  if (!response.ok) throw new Error(`local cloud: no phone code (HTTP ${response.status})`)
  const { code } = (await response.json()) as { code?: unknown }
  return typeof code === 'string' ? code : null
}
