/**
 * phonenumber.getPhoneNumber (WeChat's `POST /wxa/business/getuserphonenumber`, 云调用 phonenumber.getPhoneNumber):
 * the mini program's `<button open-type="getPhoneNumber">` gives a one-time code naming the user who tapped; a
 * function exchanges it for that user's verified phone. As WeChat documents it: "每个 code 只能使用一次，code 的有效期为
 * 5min"; the answer is `{ errcode: 0, errmsg: 'ok', phone_info: { phoneNumber, purePhoneNumber, countryCode,
 * watermark: { timestamp, appid } } }`; an expired, used, unknown or other app's code answers 40029 "invalid code"
 * (WeChat's community answers list exactly those four causes for 40029).
 *
 * Locally the phones of the identities come from the caller of startLocalCloud (`phones`), and codes are minted by
 * `cloud.phoneCode(openid)` and `POST /local/phone-code` (the H5 preview's stand-in for the button). Codes live in
 * memory: a restart forgets them, as 5 minutes would.
 */
import { randomBytes } from 'node:crypto'

/** "code 的有效期为 5min" */
export const PHONE_CODE_LIFETIME_MS = 5 * 60 * 1000

/**
 * Each local identity's phone: 11 mainland digits (`13900001234`) or `+<country code> <number>` (`+852 61234567`).
 * A record by openid, or a function of the openid (undefined: that identity has no phone).
 */
export type PhoneBook = Readonly<Record<string, string>> | ((openid: string) => string | undefined)

export interface PhoneInfo {
  /** With the country code for a number outside the mainland ("国外手机号会有区号"). */
  phoneNumber: string
  purePhoneNumber: string
  countryCode: string
}

const MAINLAND = /^1\d{10}$/
const INTERNATIONAL = /^\+(\d{1,4}) (\d{4,14})$/

/** The phone as WeChat reports it, or null for a value that is not a phone. */
export const phoneInfoOf = (phone: string): PhoneInfo | null => {
  if (MAINLAND.test(phone)) return { phoneNumber: phone, purePhoneNumber: phone, countryCode: '86' }
  const m = INTERNATIONAL.exec(phone)
  if (!m) return null
  return { phoneNumber: `+${m[1]}${m[2]}`, purePhoneNumber: m[2], countryCode: m[1] }
}

const badPhone = (openid: string, phone: unknown) =>
  new Error(`local cloud: phone of ${openid} must be 11 mainland digits or "+<country code> <number>", got ${JSON.stringify(phone)}`)

/** Fails the start on a phone that is not one (a record is checked whole; a function at each mint). */
export const checkPhoneBook = (book: PhoneBook | undefined): void => {
  if (book === undefined || typeof book === 'function') return
  for (const [openid, phone] of Object.entries(book)) if (typeof phone !== 'string' || !phoneInfoOf(phone)) throw badPhone(openid, phone)
}

const MAX_ISSUED = 10_000

/** What an exchange answers: WeChat's JSON body, or its error code and message (before " rid: ..."). */
export type PhoneExchange = { ok: true; body: Record<string, unknown> } | { ok: false; errCode: number; errMsg: string }

interface IssuedCode {
  openid: string
  phone: PhoneInfo
  mintedAtMs: number
  appid: string
}

/** WeChat's 40029 message: "invalid code hint: [hGHa0wYWO-v2pKCa]". */
const invalidCode = (): PhoneExchange => ({
  ok: false,
  errCode: 40029,
  errMsg: `invalid code hint: [${randomBytes(6).toString('base64url').replace(/[_-]/g, 'x')}-${randomBytes(5).toString('base64url').replace(/[_-]/g, 'x')}]`,
})

export class PhoneCodes {
  private readonly issued = new Map<string, IssuedCode>()

  constructor(
    private readonly book: PhoneBook | undefined,
    /** The mini program the local cloud's functions belong to (WX_APPID). */
    private readonly appid: string,
  ) {
    checkPhoneBook(book)
  }

  phoneOf(openid: string): string | undefined {
    if (this.book === undefined) return undefined
    const phone =
      typeof this.book === 'function'
        ? this.book(openid)
        : Object.prototype.hasOwnProperty.call(this.book, openid)
          ? this.book[openid]
          : undefined
    return phone === undefined || phone === null || phone === '' ? undefined : phone
  }

  /**
   * A code as the button gives it to `openid`, tapped at `clockMs` (default now), for mini program `appid` (default
   * this one's). Throws for an identity without a phone: the button gives no code there.
   */
  mint(openid: string, options: { clockMs?: number; appid?: string } = {}): string {
    const phone = this.phoneOf(openid)
    if (phone === undefined) throw new Error(`local cloud: identity ${openid} has no phone`)
    const info = phoneInfoOf(phone)
    if (!info) throw badPhone(openid, phone)
    // Codes nobody exchanges stay until the map holds MAX_ISSUED (by count, not age: tests mint at chosen clocks).
    if (this.issued.size >= MAX_ISSUED) this.issued.delete(this.issued.keys().next().value as string)
    const code = randomBytes(32).toString('hex')
    this.issued.set(code, { openid, phone: info, mintedAtMs: options.clockMs ?? Date.now(), appid: options.appid ?? this.appid })
    return code
  }

  /**
   * Exchanges a code at `nowMs` (the invocation's clock). A code resolves once: any exchange consumes it, the
   * failed ones too (stricter than assuming WeChat keeps a code that failed an openid check).
   */
  exchange(fields: Record<string, unknown>, nowMs: number): PhoneExchange {
    const { code, openid } = fields
    if (typeof code !== 'string' || code === '') return { ok: false, errCode: 47001, errMsg: 'data format error hint: [code]' }
    const issued = this.issued.get(code)
    if (!issued) return invalidCode()
    this.issued.delete(code)
    if (issued.appid !== this.appid) return invalidCode()
    if (nowMs - issued.mintedAtMs > PHONE_CODE_LIFETIME_MS || nowMs < issued.mintedAtMs) return invalidCode()
    // "openid: 填入后会校验 openid 和 code 的绑定关系"
    if (openid !== undefined && openid !== issued.openid) return invalidCode()
    return {
      ok: true,
      body: {
        errcode: 0,
        errmsg: 'ok',
        phone_info: { ...issued.phone, watermark: { timestamp: Math.floor(issued.mintedAtMs / 1000), appid: issued.appid } },
      },
    }
  }
}
