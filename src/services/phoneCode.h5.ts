import { currentLocalIdentity } from './localIdentity'
import type { PhoneNumberDetail } from './phoneCode'

/**
 * The H5 preview has no WeChat button: the tap on the page's own button asks the local cloud (same origin) for the
 * code WeChat would give the current local identity, `POST /local/phone-code`. 404 = that identity has no phone.
 */
export const phoneCodeOf = async (_detail?: PhoneNumberDetail): Promise<string | null> => {
  const response = await fetch('/local/phone-code', { method: 'POST', headers: { 'x-local-openid': currentLocalIdentity().openid } })
  if (response.status === 404) return null
  if (!response.ok) throw new Error(`local cloud: no phone code (HTTP ${response.status})`)
  const { code } = (await response.json()) as { code?: unknown }
  return typeof code === 'string' ? code : null
}
