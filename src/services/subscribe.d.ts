/**
 * Consent to a WeChat subscribe message, one per platform by Taro's platform files: subscribe.weapp.ts asks
 * WeChat (requestSubscribeMessage, which must run inside the shopper's tap), subscribe.h5.ts has no WeChat to
 * ask: the tap on the page's own opt-in is the consent. This declaration is what TypeScript sees.
 */

/** Resolves with whether the shopper accepted one message of `templateId`; rejects if the prompt could not show. */
export declare const askSubscribeConsent: (templateId: string) => Promise<boolean>
