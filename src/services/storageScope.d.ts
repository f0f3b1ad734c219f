/**
 * Whose phone this storage is. On WeChat each user has their own storage, so there is nothing to tell apart; the
 * H5 preview switches demo identities in one browser, so what one identity kept (its last card) must not show as
 * another's. One implementation per platform: storageScope.weapp.ts and storageScope.h5.ts.
 */

/** A suffix for per-user storage keys: '' on WeChat, the demo identity in the H5 preview. */
export declare const storageScope: () => string
