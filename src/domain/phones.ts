/**
 * Mainland mobile numbers as people write them — 13812345678, 138 1234 5678, 138-1234-5678, 138.1234.5678, with
 * 86, +86, 0086 or (+86) before, in full-width digits — found in text: to scrub a member's number at erasure, to
 * mask any number typed into a staff note in an answer, and to keep numbers out of such notes in the first place.
 * Small on purpose: the forms ship it.
 */
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** What people put between a phone number's digits: spaces (also full-width), hyphens and dashes, dots. */
const SEP = '[\\s\\u3000\\-\\u2010-\\u2015\\u2212\\uff0e\\uff0d.\\u00b7]{0,2}'
const ANY_DIGIT = '[0-9\\uff10-\\uff19]'
/** A digit, also as typed in full width (a Chinese input method's １３８). */
const digitOf = (d: string) => `[${d}${String.fromCharCode(0xff10 + Number(d))}]`
/** The country code before a number: 86, +86, 0086, (+86), （+86）. */
const COUNTRY = `(?:(?:(?:[+\\uff0b]|00|\\uff10\\uff10)?[8\\uff18][6\\uff16])|[(\\uff08][+\\uff0b]?[8\\uff18][6\\uff16][)\\uff09])${SEP}`
const wholeNumber = (body: string, flags: string) => new RegExp(`(?<!${ANY_DIGIT})(?:${COUNTRY})?${body}(?!${ANY_DIGIT})`, flags)

/** One phone number however written: 13812345678, 138 1234 5678, 138-1234-5678, +86 138…, full-width digits. */
export const phonePattern = (mobile: string, flags = 'g'): RegExp =>
  /^\d+$/.test(mobile) ? wholeNumber([...mobile].map(digitOf).join(SEP), flags) : new RegExp(escape(mobile), flags)

/** Any mainland mobile number (1, 3–9, nine more digits), however written: for free text only. */
export const ANY_MOBILE = wholeNumber(`[1\\uff11]${SEP}[3-9\\uff13-\\uff19](?:${SEP}${ANY_DIGIT}){9}`, 'g')

const halfWidth = (text: string) => text.replace(/[\uff10-\uff19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))

/** Every mainland mobile number in typed text, however written, as staff see one: 139****4321. */
export const maskMobilesIn = (text: string): string =>
  text.replace(ANY_MOBILE, (found) => {
    const digits = halfWidth(found).replace(/\D/g, '').slice(-11)
    return `${digits.slice(0, 3)}****${digits.slice(-4)}`
  })

/** Whether typed text holds a mobile number, however written. */
export const holdsMobile = (text: string): boolean => new RegExp(ANY_MOBILE.source).test(text)
