import type { ChangeEvent } from 'react'
import { chooseLocalIdentity, currentLocalIdentity, LOCAL_IDENTITIES } from '../../services/localIdentity'
import './index.h5.scss'

/**
 * H5 preview only: which demo identity the local cloud should treat as the caller. A plain <select> over
 * the pill gives the phone's own picker; choosing reloads the page so every call uses the new identity.
 */
export const LocalIdentitySwitcher = () => {
  const current = currentLocalIdentity()
  const switchTo = (event: ChangeEvent<HTMLSelectElement>) => {
    chooseLocalIdentity(event.target.value)
    window.location.reload()
  }
  return (
    <label className="local-identity">
      本地身份：{current.label} ▾
      <select className="local-identity__select" value={current.openid} onChange={switchTo} aria-label="切换本地身份">
        {LOCAL_IDENTITIES.map((identity) => (
          <option key={identity.openid} value={identity.openid}>
            {identity.label}
          </option>
        ))}
      </select>
    </label>
  )
}
