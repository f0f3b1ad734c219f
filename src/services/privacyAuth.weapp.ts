import Taro from '@tarojs/taro'

/**
 * WeChat (app.json `__usePrivacyCheck__: true`): a privacy API called before the user agreed to the privacy guide
 * waits for their consent. The app registers no onNeedPrivacyAuthorization listener, so WeChat shows its own
 * popup — one consistent sheet on every page — and requirePrivacyAuthorize asks before the API is called, so a
 * refusal becomes a message in Chinese instead of "privacy permission is not authorized".
 */
export const ensurePrivacyAuthorized = (): Promise<boolean> =>
  new Promise((resolve) => {
    if (typeof Taro.requirePrivacyAuthorize !== 'function') return resolve(true) // base library before 2.32.3: no check
    Taro.requirePrivacyAuthorize({ success: () => resolve(true), fail: () => resolve(false) })
  })

export const PRIVACY_DECLINED = '需同意《用户隐私保护指引》后才能使用该功能'

export const openPrivacyGuide: (() => void) | null = () => {
  if (typeof Taro.openPrivacyContract === 'function') Taro.openPrivacyContract({})
}
