/**
 * WeChat's privacy authorization (《小程序用户隐私保护指引》): before a privacy API (saving to the album, the
 * clipboard) the user must have agreed to the mini-program's privacy guide. One implementation per platform:
 * privacyAuth.weapp.ts asks WeChat (wx.requirePrivacyAuthorize, which shows WeChat's own privacy popup when the
 * user has not agreed yet), privacyAuth.h5.ts has nothing to ask.
 */

/** Resolves true when the privacy APIs may be called now; false when the user declined. */
export declare const ensurePrivacyAuthorized: () => Promise<boolean>

/** What to tell a user who declined. */
export declare const PRIVACY_DECLINED: string

/** Opens WeChat's page of the mini-program's privacy guide; null where there is none (H5). */
export declare const openPrivacyGuide: (() => void) | null
