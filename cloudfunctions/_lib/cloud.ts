/**
 * The one place that touches wx-server-sdk's setup. On CloudBase the context comes from the platform;
 * on the local cloud the same SDK runs with its database transport replaced.
 */
import * as cloud from 'wx-server-sdk'

// throwOnNotFound: false makes doc().get() answer { data: null } for a missing document, so "not a member
// yet" is a value, not an exception.
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV, throwOnNotFound: false } as Parameters<typeof cloud.init>[0])

export { cloud }

/** The open APIs the functions call, typed (the SDK types `cloud.openapi` as any); read at each call, as before. */
export interface OpenApi {
  subscribeMessage: {
    send(options: {
      touser: string
      templateId: string
      page: string
      data: Record<string, { value: string }>
      miniprogramState: string
    }): Promise<unknown>
  }
  wxacode: { getUnlimited(options: { scene: string; page: string; width: number }): Promise<{ contentType: string; buffer: Buffer }> }
  /**
   * The number behind a `<button open-type="getPhoneNumber">` code (once, within 5 minutes; `openid` makes WeChat
   * check the code is that user's). A code that does not resolve throws with `errCode` 40029.
   */
  phonenumber: {
    getPhoneNumber(options: { code: string; openid?: string }): Promise<{
      phoneInfo?: { phoneNumber?: string; purePhoneNumber?: string; countryCode?: string | number }
    }>
  }
}
export const openApi = (): OpenApi => cloud.openapi as OpenApi

export const db = cloud.database()
export const _ = db.command

export type Database = typeof db
export type Transaction = { collection: Database['collection'] }

/** The caller, from the cloud context only; a request body can never claim an identity. */
export const callerOpenid = (): string => {
  const { OPENID } = cloud.getWXContext() as { OPENID?: string }
  return typeof OPENID === 'string' ? OPENID : ''
}

/** The caller's unionid when WeChat provides one (the mini-program is bound to an open platform account). */
export const callerUnionid = (): string | null => {
  const { UNIONID } = cloud.getWXContext() as { UNIONID?: string }
  return typeof UNIONID === 'string' && UNIONID !== '' ? UNIONID : null
}

/**
 * A caller through CloudBase's web SDK (the desk) rather than WeChat: its signed-in user's uuid, and the uid a
 * custom-login ticket named (`@cloudbase/node-sdk` reads the same TCB_UUID / TCB_CUSTOM_USER_ID of the context).
 * Null when the call did not come from a web user.
 */
export const webCaller = (): { uuid: string; customUserId: string | null; anonymous: boolean } | null => {
  const { TCB_UUID, TCB_CUSTOM_USER_ID, TCB_ISANONYMOUS_USER } = process.env
  if (!TCB_UUID) return null
  return { uuid: TCB_UUID, customUserId: TCB_CUSTOM_USER_ID || null, anonymous: TCB_ISANONYMOUS_USER === 'true' }
}

/** The web caller's IP as CloudBase records it (node-sdk `auth().getClientIP()`), '' when unknown. */
export const webCallerIp = (): string => process.env.TCB_SOURCE_IP ?? ''

/**
 * What started this run (wx-server-sdk's SOURCE, from TCB_SOURCE): `wx_trigger` for a timer trigger; a client
 * call says `wx_client`, `wx_http`, `wx_devtools` ... and another function adds `,scf`.
 */
export const invocationSource = (): string => {
  const { SOURCE } = cloud.getWXContext() as { SOURCE?: string }
  return typeof SOURCE === 'string' ? SOURCE : ''
}

/**
 * The current instant. Deployed functions read the real clock; the local cloud may pin it per invocation
 * (tests of VIP years and expiry) through an environment variable no client can set.
 */
export const now = (): string => process.env.LOCAL_CLOUD_NOW || new Date().toISOString()
