/**
 * The one-time code phonenumber.getPhoneNumber exchanges for the user's verified phone (in a cloud function), one
 * implementation per platform by Taro's platform files: phoneCode.weapp.ts takes it from the event of
 * `<button open-type="getPhoneNumber">`, phoneCode.h5.ts has no WeChat and asks the local cloud for a code naming
 * the current local identity. This declaration is what TypeScript sees.
 */

/** What `<button open-type="getPhoneNumber" onGetPhoneNumber>` hands its handler in `event.detail`. */
export interface PhoneNumberDetail {
  code?: string
  errMsg?: string
}

/**
 * The code for the function to exchange (once, within 5 minutes), or null when there is none: the user declined,
 * or (H5 preview) the identity has no phone. Rejects only when the local cloud could not be asked.
 */
export declare const phoneCodeOf: (detail?: PhoneNumberDetail) => Promise<string | null>
