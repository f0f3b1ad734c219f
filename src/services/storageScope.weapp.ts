/** WeChat's storage is already the user's own. */
export const storageScope = (): string => ''
