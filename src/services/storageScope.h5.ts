import { currentLocalIdentity } from './localIdentity'

/** The H5 preview's storage is shared by every demo identity: keep each one's things apart. */
export const storageScope = (): string => `.${currentLocalIdentity().openid}`
