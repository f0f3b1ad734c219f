/**
 * Custom-login tickets for CloudBase's web SDK (`auth.signInWithCustomTicket`), made as `@cloudbase/node-sdk`
 * `auth().createTicket(uid, { expire })` makes them — an RS256 JWT of `{ alg, env, iat, exp: iat + 10 min, uid,
 * refresh, expire }` signed with the environment's custom-login private key, prefixed `<private_key_id>/@@/` — with
 * node:crypto, so that the desk function needs neither node-sdk's bundle nor jsonwebtoken's. test/unit checks a
 * ticket of ours against node-sdk's own for the same key and instant.
 *
 * The key is the JSON CloudBase's console downloads (环境 → 登录授权 → 自定义登录 → 私钥), which deploy puts in the
 * desk function's environment as CUSTOM_LOGIN_KEY; no other function has it.
 */
import { createHmac, createPrivateKey, sign } from 'node:crypto'
import { AppError } from '../../src/domain/errors'
import { claimCodeFromDigest } from '../../src/domain/ownerClaim'

export interface CustomLoginKey {
  private_key_id: string
  private_key: string
  env_id: string
}

/** How long a ticket may wait before it is used (node-sdk's fixed 10 minutes). */
const TICKET_LIFETIME_MS = 10 * 60 * 1000
/** node-sdk's default refresh interval of the login state it leads to. */
const REFRESH_MS = 3600 * 1000

export const loadKey = (): CustomLoginKey => {
  const text = process.env.CUSTOM_LOGIN_KEY
  if (text) {
    try {
      const key = JSON.parse(text) as Partial<CustomLoginKey>
      if (typeof key.private_key_id === 'string' && typeof key.private_key === 'string' && typeof key.env_id === 'string')
        return key as CustomLoginKey
    } catch {
      // refused below
    }
  }
  console.error('[desk] CUSTOM_LOGIN_KEY is missing or not the custom-login key JSON')
  throw new AppError('INTERNAL', '运营后台的登录密钥未配置，请联系管理员')
}

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')

/**
 * A ticket that signs the web SDK in as `uid` until `expireMs` (the login state's end; CloudBase refreshes its
 * tokens only until then). Times are the real clock's, as CloudBase checks them.
 */
export const mintTicket = (uid: string, expireMs: number, nowMs: number = Date.now(), key: CustomLoginKey = loadKey()): string => {
  const header = base64url({ alg: 'RS256', typ: 'JWT' })
  const payload = base64url({
    alg: 'RS256',
    env: key.env_id,
    iat: nowMs,
    exp: nowMs + TICKET_LIFETIME_MS,
    uid,
    refresh: REFRESH_MS,
    expire: expireMs,
  })
  const signature = sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), createPrivateKey(key.private_key)).toString('base64url')
  return `${key.private_key_id}/@@/${header}.${payload}.${signature}`
}

/**
 * The brand owner's claim code for this environment (src/domain/ownerClaim.ts): keyed by the custom-login private
 * key, so that only who holds the key (deploy, the desk function) can know it.
 */
export const ownerClaimCode = (key: CustomLoginKey = loadKey()): string =>
  claimCodeFromDigest(createHmac('sha256', key.private_key).update(`vipcard-owner-claim:${key.env_id}`).digest())
