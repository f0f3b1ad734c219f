/** The browser preview: no WeChat privacy guide to agree to (see privacyAuth.d.ts). */
export const ensurePrivacyAuthorized = async (): Promise<boolean> => true

export const PRIVACY_DECLINED = '需同意《用户隐私保护指引》后才能使用该功能'

export const openPrivacyGuide: (() => void) | null = null
