/**
 * On WeChat the caller's identity comes from the platform, so there is nothing to switch: this renders
 * nothing, and the H5-only index.h5.tsx (with the demo identities) never enters the weapp build.
 */
export const LocalIdentitySwitcher = () => null
