/**
 * Consent to WeChat subscribe messages, one per platform by Taro's platform files: subscribe.weapp.ts asks
 * WeChat (requestSubscribeMessage, which must run inside the shopper's tap), subscribe.h5.ts has no WeChat to
 * ask: the tap on the page's own opt-in is the consent. This declaration is what TypeScript sees.
 */

/**
 * One sheet for the templates (WeChat shows up to three together): resolves with, per template in the order
 * given, whether the shopper accepted one message of it; rejects if the sheet could not show.
 */
export declare const askSubscribeConsent: (templateIds: readonly string[]) => Promise<boolean[]>
