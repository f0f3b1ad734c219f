/**
 * Demo identities for the local cloud (H5 preview only). Imported only by `.h5` files, so the weapp build
 * never contains it; on WeChat the caller's identity comes from the platform, never from the client.
 */
export interface LocalIdentity {
  openid: string
  label: string
}

export const LOCAL_IDENTITIES: readonly LocalIdentity[] = [
  { openid: 'demo-shopper-a', label: '顾客A' },
  { openid: 'demo-shopper-b', label: '顾客B' },
  { openid: 'demo-assistant-1', label: '导购 王丽' },
  { openid: 'demo-manager-1', label: '店长 周慧' },
  { openid: 'demo-operator-1', label: '品牌运营' },
]

const STORAGE_KEY = 'vipcard.localOpenid'

export const currentLocalIdentity = (): LocalIdentity => {
  const stored = window.localStorage.getItem(STORAGE_KEY)
  return LOCAL_IDENTITIES.find((identity) => identity.openid === stored) ?? LOCAL_IDENTITIES[0]
}

export const chooseLocalIdentity = (openid: string): void => {
  window.localStorage.setItem(STORAGE_KEY, openid)
}
