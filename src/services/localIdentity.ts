/**
 * Demo identities for the local cloud (H5 preview only). Imported only by `.h5` files, so the weapp build
 * never contains it; on WeChat the caller's identity comes from the platform, never from the client.
 */
export interface LocalIdentity {
  openid: string
  label: string
  /**
   * The phone bound to this identity's WeChat account (demo data): what phonenumber.getPhoneNumber resolves a code
   * from its `<button open-type="getPhoneNumber">` to on the local cloud (scripts/local-cloud.ts passes them).
   */
  phone: string
}

export const LOCAL_IDENTITIES: readonly LocalIdentity[] = [
  { openid: 'demo-shopper-a', label: '顾客A', phone: '13800001111' },
  // The mobile on shopper B's member document (scripts/demo-data.ts reads it from here).
  { openid: 'demo-shopper-b', label: '顾客B', phone: '13900001234' },
  { openid: 'demo-assistant-1', label: '导购 王丽', phone: '13600002001' },
  { openid: 'demo-manager-1', label: '店长 周慧', phone: '13600002002' },
  { openid: 'demo-operator-1', label: '品牌运营', phone: '13600002003' },
]

/** Each local identity's phone by openid, as the local cloud's `phones` option takes them. */
export const localIdentityPhones = (): Record<string, string> =>
  Object.fromEntries(LOCAL_IDENTITIES.map((identity) => [identity.openid, identity.phone]))

const STORAGE_KEY = 'vipcard.localOpenid'

export const currentLocalIdentity = (): LocalIdentity => {
  const stored = window.localStorage.getItem(STORAGE_KEY)
  return LOCAL_IDENTITIES.find((identity) => identity.openid === stored) ?? LOCAL_IDENTITIES[0]
}

export const chooseLocalIdentity = (openid: string): void => {
  window.localStorage.setItem(STORAGE_KEY, openid)
}
