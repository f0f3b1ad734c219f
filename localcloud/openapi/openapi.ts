/**
 * Open API stand-ins: what CloudBase and WeChat answer `cloud.openapi.*` with, locally. The SDK's request
 * arrives as its own wire format (wire.ts) through the seam (instances/seam.ts), so wx-server-sdk itself shapes
 * every result and error, exactly as against CloudBase.
 *
 * - Permissions: an API the calling function's config.json does not list in `permissions.openapi` is refused as
 *   CloudBase refuses it: errCode -604101 ("function has no permission to call this API").
 * - `subscribeMessage.send`: arguments checked as WeChat checks them (touser, template_id, data and each data
 *   value's type limit, page, miniprogram_state, lang); each accepted message is recorded in the local cloud's own
 *   `outbox` collection. `refuse()` makes matching sends fail as a user with no consent left (43101).
 * - `wxacode.getUnlimited`: scene, page, env_version, width checked; answers a PNG of a plain QR code that encodes
 *   the local H5 URL of the page with the scene (`http://127.0.0.1:<port>/#/<page>?scene=<scene, URL-encoded>`).
 * - `phonenumber.getPhoneNumber`: a code minted by `phoneCode()` resolves once, within 5 minutes, to the phone of the
 *   identity it was minted for (phone.ts); anything else is 40029 "invalid code".
 * Any other API listed in permissions, and the SDK's other WeChat calls (getOpenData / CloudID, ...), fail with a clear
 * "not available on the local cloud: <api>" error instead of reaching for the network.
 */
import { randomBytes } from 'node:crypto'
import QRCode from 'qrcode'
import type { Executor } from '../executor/executor'
import { APPID } from '../instances/protocol'
import type { OpenApiAnswer } from '../instances/seam'
import { type PhoneBook, PhoneCodes } from './phone'
import { API_TYPE, decodeRequest, encodeResponse, jsonResponse } from './wire'

/** The local cloud's own collection of sent (and refused) subscribe messages; the SDK cannot see it. */
export const OUTBOX = 'outbox'

/** CloudBase's answer when config.json does not list the API (wx-server-sdk: WX_FUNCTIONS_SERVER_OPENAPI_NO_PERMISSION). */
export const NO_PERMISSION = -604101

/** WeChat's errmsg for the codes the stand-ins answer (each followed by " rid: <request id>", as WeChat does). */
export const WECHAT_ERRORS: Record<number, string> = {
  [-1]: 'system error',
  40003: 'invalid openid',
  40037: 'invalid template_id',
  40097: 'invalid args',
  40129: 'invalid scene',
  41030: 'invalid page',
  43101: 'user refuse to accept the msg',
  45009: 'reach max api daily quota limit',
  47001: 'data format error',
  47003: 'argument invalid!',
}

export interface OpenApiCall {
  /** The calling function. */
  fn: string
  /** Its config.json `permissions.openapi`. */
  permissions: readonly string[]
  invocationId?: string
  api: string
  requestData: Uint8Array
}

/** Which calls a refusal applies to (unset fields match anything), and how they fail. */
export interface Refusal {
  touser?: string
  templateId?: string
  page?: string
  scene?: string
  /** Default 43101 (the user has no consent left) for subscribeMessage.send, else -1 (system error). */
  errCode?: number
  /** Default: WeChat's message for errCode. */
  errMsg?: string
  /** How many matching calls fail (default: all, until lifted). */
  times?: number
}

export interface OutboxMessage {
  _id: string
  api: 'subscribeMessage.send'
  touser: string
  templateId: string
  page: string | null
  data: Record<string, { value: string | number }>
  miniprogramState: string
  lang: string
  /** The invocation's clock (or the real time). */
  at: Date
  /** Order of arrival (ids are random). */
  seq: number
  function: string
  invocation: string | null
  status: 'sent' | 'refused'
  errCode: number
}

export interface OpenApiOptions {
  /** The gateway's base URL, e.g. `http://127.0.0.1:8787` (known once the gateway listens). */
  baseUrl: () => string
  /**
   * The mini program's pages (the first is home). `wxacode.getUnlimited` with checkPath (the default) and
   * `subscribeMessage.send` refuse a page not among them (41030), as WeChat refuses pages the published mini
   * program lacks. null: any well-formed page is accepted.
   */
  pages: string[] | null
  /** Each identity's phone, for phonenumber.getPhoneNumber (phone.ts); without it no identity has one. */
  phones?: PhoneBook
}

type Fields = Record<string, unknown>
type Result = { ok: true; answer: OpenApiAnswer } | { ok: false; errCode: number; errMsg?: string }

const fail = (errCode: number, errMsg?: string): Result => ({ ok: false, errCode, errMsg })

/** WeChat's request id format, e.g. "6472dfd0-536f4e2c-16f28abc". */
const rid = () =>
  `${Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(8, '0')}-${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`

const wechatError = (errCode: number, errMsg?: string): Buffer =>
  jsonResponse({ errcode: errCode, errmsg: `${errMsg ?? WECHAT_ERRORS[errCode] ?? 'local cloud: refused'} rid: ${rid()}` })

/** Each field of the request as the JSON value the SDK sent (snake_case keys, as WeChat receives them). */
const fieldsOf = (fields: Map<string, Buffer>): Fields => {
  const out: Fields = {}
  for (const [k, v] of fields) {
    const text = v.toString('utf8')
    try {
      out[k] = JSON.parse(text)
    } catch {
      out[k] = text
    }
  }
  return out
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

// ---------------------------------------------------------------------------------------------------------------
// subscribeMessage.send

/** WeChat's limits on subscribe message values, by the key's type (`thing1` → thing). */
const CJK = /\p{Script=Han}/u
const ONLY_CJK = /^\p{Script=Han}+$/u
const chars = (s: string) => [...s].length
const VALUE_RULES: Record<string, (v: string) => boolean> = {
  thing: (v) => chars(v) <= 20,
  number: (v) => v.length <= 32 && /^\d+(\.\d+)?$/.test(v),
  letter: (v) => v.length <= 32 && /^[A-Za-z]+$/.test(v),
  symbol: (v) => chars(v) <= 5 && !/[\p{L}\p{N}]/u.test(v),
  character_string: (v) => v.length <= 32 && /^[\x21-\x7e]+$/.test(v),
  time: (v) => chars(v) <= 64 && /\d{1,2}:\d{2}/.test(v),
  date: (v) => chars(v) <= 64 && /\d/.test(v),
  amount: (v) => /^[^\d\s.]?\d{1,10}(\.\d{1,2})?元?$/u.test(v),
  phone_number: (v) => v.length <= 17 && /^[\d+\-() ]+$/.test(v),
  car_number: (v) => chars(v) <= 8 && /^\p{Script=Han}?[A-Za-z0-9]+\p{Script=Han}?$/u.test(v),
  name: (v) => (CJK.test(v) ? chars(v) <= 10 : v.length <= 20),
  phrase: (v) => chars(v) <= 5 && ONLY_CJK.test(v),
}
const OPENID = /^[A-Za-z0-9_-]{1,64}$/
const TEMPLATE_ID = /^[A-Za-z0-9_-]{1,128}$/
const STATES = new Set(['developer', 'trial', 'formal'])
const LANGS = new Set(['zh_CN', 'en_US', 'zh_HK', 'zh_TW'])

interface CheckedMessage {
  touser: string
  templateId: string
  page: string | null
  data: Record<string, { value: string | number }>
  miniprogramState: string
  lang: string
}

// ---------------------------------------------------------------------------------------------------------------

const UNAVAILABLE = 'not available on the local cloud: '

/** wx-server-sdk's names for the svrkit calls it makes on a function's behalf. */
const SDK_CALLS: Record<string, string> = {
  ApiGetOpenDataByCloudId: 'getOpenData (CloudID)',
  ApiVoipSign: 'getVoIPSign',
  GetCloudCallSign: 'getCloudCallSign',
}

/** pngjs's options (qrcode passes them on; its types name only the deflate ones): Paeth on every row. */
const PAETH_PNG = { filterType: 4, deflateLevel: 9 }
const QR_PNGS_KEPT = 64

export class OpenApi {
  private refusals: { api: string; spec: Refusal; left: number }[] = []
  private seq = 0
  private readonly phoneCodes: PhoneCodes

  constructor(
    private readonly executor: Executor,
    private readonly options: OpenApiOptions,
  ) {
    this.phoneCodes = new PhoneCodes(options.phones, APPID)
  }

  /**
   * A code as `<button open-type="getPhoneNumber">` gives it when `openid` taps it at `clockMs` (default now), for
   * mini program `appid` (default this one). Throws for an identity without a phone.
   */
  phoneCode(openid: string, options: { clockMs?: number; appid?: string } = {}): string {
    return this.phoneCodes.mint(openid, options)
  }

  /**
   * Makes matching calls of `api` fail with `errCode` (default 43101: "user refuse to accept the msg"), e.g.
   * `refuse('subscribeMessage.send', { touser })` for a user with no consent left. A refused subscribe message
   * is recorded in the outbox with status 'refused'. Returns a function that lifts the refusal.
   */
  refuse(api: string, spec: Refusal = {}): () => void {
    const entry = { api, spec, left: spec.times ?? Infinity }
    this.refusals.push(entry)
    return () => {
      this.refusals = this.refusals.filter((r) => r !== entry)
    }
  }

  /** Lifts every refusal. */
  clearRefusals() {
    this.refusals = []
  }

  /** The outbox, oldest first (optionally filtered, e.g. `{ touser }`). */
  outbox(filter: Record<string, unknown> = {}): OutboxMessage[] {
    return this.executor.find(OUTBOX, filter, { sort: { seq: 1 } }) as unknown as OutboxMessage[]
  }

  /** Answers one call as CloudBase's gateway would: never throws. */
  async handle(call: OpenApiCall): Promise<OpenApiAnswer> {
    try {
      const request = decodeRequest(call.requestData)
      // The SDK's other WeChat calls (getOpenData for a CloudID, getVoIPSign, getCloudCallSign) are not open APIs
      // a function declares: none is modelled, each is refused by name.
      if (request.apiType !== API_TYPE.OPEN_API)
        return {
          code: 'LOCAL_UNSUPPORTED',
          message: `${UNAVAILABLE}${SDK_CALLS[call.api] ?? call.api} (wx-server-sdk API type ${request.apiType})`,
        }
      // CloudBase checks the function's declared permissions before anything reaches WeChat.
      if (!call.permissions.includes(call.api)) return encodeResponse({ errorCode: NO_PERMISSION })
      const fields = fieldsOf(request.fields)
      const result = await this.dispatch(call, fields)
      return result.ok ? result.answer : wechatError(result.errCode, result.errMsg)
    } catch (e) {
      return { code: 'SYS_ERR', message: `local cloud: openapi.${call.api} failed: ${(e as Error)?.message ?? String(e)}` }
    }
  }

  private dispatch(call: OpenApiCall, fields: Fields): Promise<Result> | Result {
    switch (call.api) {
      case 'subscribeMessage.send':
        return this.subscribeMessageSend(call, fields)
      case 'wxacode.getUnlimited':
        return this.wxacodeGetUnlimited(call, fields)
      case 'phonenumber.getPhoneNumber':
        return this.getPhoneNumber(call, fields)
      default:
        return {
          ok: true,
          answer: {
            code: 'LOCAL_UNSUPPORTED',
            message: `${UNAVAILABLE}openapi.${call.api} (stand-ins: subscribeMessage.send, wxacode.getUnlimited, phonenumber.getPhoneNumber)`,
          },
        }
    }
  }

  /** The first refusal matching the call, consumed once. */
  private refusalFor(api: string, probe: Record<string, unknown>): Refusal | undefined {
    const hit = this.refusals.find(
      (r) =>
        r.api === api &&
        (['touser', 'templateId', 'page', 'scene'] as const).every((k) => r.spec[k] === undefined || r.spec[k] === probe[k]),
    )
    if (!hit) return undefined
    if (--hit.left <= 0) this.refusals = this.refusals.filter((r) => r !== hit)
    return hit.spec
  }

  /** A page path as WeChat takes it: no leading "/", no query; one of the mini program's pages when `mustExist`. */
  private pageOk(path: string, mustExist: boolean): boolean {
    if (!/^[A-Za-z0-9_-][A-Za-z0-9_\-/.]*$/.test(path)) return false
    return !mustExist || this.options.pages === null || this.options.pages.includes(path)
  }

  private checkMessage(f: Fields): CheckedMessage | Result {
    const { touser, template_id: templateId, page, data, miniprogram_state: state, lang } = f
    if (typeof touser !== 'string' || !OPENID.test(touser)) return fail(40003)
    if (typeof templateId !== 'string' || !TEMPLATE_ID.test(templateId)) return fail(40037)
    if (
      page !== undefined &&
      page !== null &&
      page !== '' &&
      (typeof page !== 'string' || !this.pageOk(page.replace(/^\//, '').split('?')[0], true))
    )
      return fail(41030)
    if (!isObject(data) || Object.keys(data).length === 0) return fail(47003, 'argument invalid! data is empty')
    for (const [key, item] of Object.entries(data)) {
      const value = isObject(item) ? item.value : undefined
      if (value === undefined || value === null || value === '') return fail(47003, `argument invalid! data.${key}.value is empty`)
      const type = /^([a-z_]+?)\d+$/.exec(key)?.[1]
      const rule = type === undefined ? undefined : VALUE_RULES[type]
      const ok = type !== undefined && (typeof value === 'string' || typeof value === 'number') && (rule ? rule(String(value)) : true)
      if (!ok) return fail(47003, `argument invalid! data.${key}.value invalid`)
    }
    if (state !== undefined && (typeof state !== 'string' || !STATES.has(state)))
      return fail(47003, 'argument invalid! miniprogram_state invalid')
    if (lang !== undefined && (typeof lang !== 'string' || !LANGS.has(lang))) return fail(47003, 'argument invalid! lang invalid')
    return {
      touser,
      templateId,
      page: typeof page === 'string' && page !== '' ? page : null,
      data: data as CheckedMessage['data'],
      miniprogramState: state ?? 'formal',
      lang: lang ?? 'zh_CN',
    }
  }

  private subscribeMessageSend(call: OpenApiCall, f: Fields): Result {
    const checked = this.checkMessage(f)
    if ('ok' in checked) return checked
    const refusal = this.refusalFor(call.api, { touser: checked.touser, templateId: checked.templateId, page: checked.page ?? undefined })
    const errCode = refusal ? (refusal.errCode ?? 43101) : 0
    const clock = call.invocationId ? this.executor.invocationClockMs(call.invocationId) : undefined
    const message: Omit<OutboxMessage, '_id'> = {
      api: 'subscribeMessage.send',
      ...checked,
      at: new Date(clock ?? Date.now()),
      seq: ++this.seq,
      function: call.fn,
      invocation: call.invocationId ?? null,
      status: refusal ? 'refused' : 'sent',
      errCode,
    }
    this.executor.insert(OUTBOX, message)
    if (refusal) return fail(errCode, refusal.errMsg)
    return { ok: true, answer: jsonResponse({ errcode: 0, errmsg: 'ok' }) }
  }

  private getPhoneNumber(call: OpenApiCall, f: Fields): Result {
    const refusal = this.refusalFor(call.api, {})
    if (refusal) return fail(refusal.errCode ?? -1, refusal.errMsg)
    const clock = call.invocationId ? this.executor.invocationClockMs(call.invocationId) : undefined
    const answer = this.phoneCodes.exchange(f, clock ?? Date.now())
    return answer.ok ? { ok: true, answer: jsonResponse(answer.body) } : fail(answer.errCode, answer.errMsg)
  }

  /**
   * The same code drawn again is the same picture: kept for the last few, since drawing one costs milliseconds of
   * the local cloud's one thread and suites ask for the same few often. One PNG filter (Paeth) for every row, not
   * the five pngjs tries on each: 7 ms a code instead of 18, at the same size within 2 %.
   */
  private readonly qrPngs = new Map<string, Buffer>()
  private async qrPng(url: string, px: number): Promise<Buffer> {
    const key = `${px} ${url}`
    const kept = this.qrPngs.get(key)
    if (kept) {
      this.qrPngs.delete(key)
      this.qrPngs.set(key, kept)
      return Buffer.from(kept)
    }
    const png = await QRCode.toBuffer(url, { type: 'png', width: px, margin: 2, errorCorrectionLevel: 'M', rendererOpts: PAETH_PNG })
    this.qrPngs.set(key, Buffer.from(png))
    if (this.qrPngs.size > QR_PNGS_KEPT) this.qrPngs.delete(this.qrPngs.keys().next().value as string)
    return png
  }

  private async wxacodeGetUnlimited(call: OpenApiCall, f: Fields): Promise<Result> {
    const { scene, page, check_path: checkPath, env_version: envVersion, width } = f
    if (typeof scene !== 'string' || scene.length === 0 || scene.length > 32 || !/^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+$/.test(scene))
      return fail(40129)
    if (checkPath !== undefined && typeof checkPath !== 'boolean') return fail(47001)
    if (page !== undefined && page !== '' && (typeof page !== 'string' || !this.pageOk(page, checkPath !== false))) return fail(41030)
    if (envVersion !== undefined && !['release', 'trial', 'develop'].includes(envVersion as string)) return fail(40097)
    if (width !== undefined && (typeof width !== 'number' || !Number.isFinite(width))) return fail(47001)
    const refusal = this.refusalFor(call.api, { scene, page })
    if (refusal) return fail(refusal.errCode ?? -1, refusal.errMsg)
    const target = typeof page === 'string' && page !== '' ? page : (this.options.pages?.[0] ?? '')
    const url = `${this.options.baseUrl()}/#/${target}?scene=${encodeURIComponent(scene)}`
    // WeChat's documented range is 280–1280 px, default 430.
    const px = Math.round(Math.min(1280, Math.max(280, width ?? 430)))
    const png = await this.qrPng(url, px)
    return { ok: true, answer: encodeResponse({ respData: png, contentType: 'image/png', httpCode: 200 }) }
  }
}
