/**
 * CloudBase's web sign-in, as `@cloudbase/js-sdk` 3 meets it (its "v2" OAuth auth service), for a web app pointed at
 * the local cloud with `app.registerHost('127.0.0.1:<port>', 'http')`. Observed from the SDK's own requests:
 *
 *   POST /auth/v1/signin/custom?client_id=<env>   {"provider_id":"custom","ticket":"<key id>/@@/<JWT>"}
 *   POST /auth/v1/signin/anonymously?client_id=<env>
 *   POST /auth/v1/token                            {"grant_type":"refresh_token","refresh_token":"…"}
 *   GET  /auth/v1/user/me                          Authorization: Bearer <access token>
 *   POST /v1/functions/<name>                      Authorization: Bearer <access token>, body = the event
 *
 * A sign-in answers an OAuth token (`access_token`, `refresh_token`, `expires_in`, `sub` = the user's uuid).
 *
 * The ticket is what `@cloudbase/node-sdk` `auth().createTicket(uid)` makes with the environment's custom-login
 * key (the JSON the console downloads: `private_key_id`, `private_key`, `env_id`): an RS256 JWT of
 * `{ env, iat, exp: iat + 10 min, uid, refresh, expire }`, prefixed with the key's id. It is checked here as strictly
 * as CloudBase can be expected to: a key of this environment, a valid signature, this environment, not past `exp`,
 * a uid of the allowed form, a login state not past `expire` (which also bounds every token it leads to).
 *
 * Tokens live in memory: a restart of the local cloud signs every web client out (CloudBase keeps them).
 */
import { createPublicKey, generateKeyPairSync, type KeyObject, randomBytes, verify } from 'node:crypto'

/** The custom-login private key as CloudBase's console gives it. */
export interface CustomLoginKey {
  private_key_id: string
  private_key: string
  env_id: string
}

/** A fresh custom-login key for an environment (the local cloud's, or a test's wrong one). */
export const makeCustomLoginKey = (envId: string): CustomLoginKey => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  return {
    private_key_id: randomBytes(8).toString('hex'),
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    env_id: envId,
  }
}

/** Who a web client is once signed in: what a function then reads as TCB_UUID / TCB_CUSTOM_USER_ID. */
export interface WebUser {
  uuid: string
  /** The uid the ticket named (custom login); null for an anonymous user. */
  customUserId: string | null
  anonymous: boolean
}

export interface AuthAnswer {
  status: number
  body: Record<string, unknown>
}

/** node-sdk's check of a custom user id (createTicket refuses any other). */
export const CUSTOM_USER_ID = /^[a-zA-Z0-9_\-#@~=*(){}[\]:.,<>+]{4,32}$/
/** What CloudBase gives an access token to live. */
export const ACCESS_TOKEN_SECONDS = 7200
const TOKEN_CAP = 20_000

interface Grant {
  user: WebUser
  /** When the login state ends (the ticket's `expire`; anonymous: 30 days): no token outlives it. */
  loginEndsMs: number
}

const oauthError = (status: number, error: string, description: string): AuthAnswer => ({
  status,
  body: { error, error_code: status === 401 ? 16 : 3, error_description: description },
})

const decodePart = (part: string): Record<string, unknown> | null => {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null
  } catch {
    return null
  }
}

export class WebAuth {
  private readonly publicKeys = new Map<string, KeyObject>()
  private readonly access = new Map<string, Grant & { expiresMs: number }>()
  private readonly refresh = new Map<string, Grant>()
  /** CloudBase keeps one user per custom uid: the same uid signs in as the same uuid. */
  private readonly uuids = new Map<string, string>()

  constructor(
    readonly envId: string,
    keys: CustomLoginKey[],
    private readonly nowMs: () => number = Date.now,
  ) {
    for (const key of keys) this.publicKeys.set(key.private_key_id, createPublicKey(key.private_key))
  }

  /** `POST /auth/v1/signin/custom`: a ticket for a token. */
  signInCustom(clientId: string | null, body: unknown): AuthAnswer {
    if (clientId !== this.envId) return oauthError(400, 'invalid_argument', `client_id must be this environment (${this.envId})`)
    const ticket = (body as { ticket?: unknown } | null)?.ticket
    if (typeof ticket !== 'string' || (body as { provider_id?: unknown }).provider_id !== 'custom')
      return oauthError(400, 'invalid_argument', 'provider_id "custom" and a ticket are required')
    const checked = this.checkTicket(ticket)
    if ('error' in checked) return oauthError(401, 'invalid_ticket', checked.error)
    let uuid = this.uuids.get(checked.uid)
    if (!uuid) this.uuids.set(checked.uid, (uuid = randomBytes(16).toString('hex')))
    return this.grant({ user: { uuid, customUserId: checked.uid, anonymous: false }, loginEndsMs: checked.expireMs })
  }

  /** `POST /auth/v1/signin/anonymously`: a new anonymous user (the console's anonymous login switched on). */
  signInAnonymously(clientId: string | null): AuthAnswer {
    if (clientId !== this.envId) return oauthError(400, 'invalid_argument', `client_id must be this environment (${this.envId})`)
    const user: WebUser = { uuid: randomBytes(16).toString('hex'), customUserId: null, anonymous: true }
    return this.grant({ user, loginEndsMs: this.nowMs() + 30 * 24 * 3600_000 })
  }

  /** `POST /auth/v1/token` with a refresh token: a new access token while the login state lasts. */
  token(body: unknown): AuthAnswer {
    const { grant_type, refresh_token } = (body ?? {}) as { grant_type?: unknown; refresh_token?: unknown }
    if (grant_type !== 'refresh_token' || typeof refresh_token !== 'string')
      return oauthError(400, 'invalid_argument', 'grant_type refresh_token and a refresh_token are required')
    const grant = this.refresh.get(refresh_token)
    this.refresh.delete(refresh_token)
    if (!grant || grant.loginEndsMs <= this.nowMs()) return oauthError(401, 'invalid_grant', 'refresh token invalid or expired')
    return this.grant(grant)
  }

  /** `GET /auth/v1/user/me`. */
  me(authorization: string | undefined): AuthAnswer {
    const user = this.caller(authorization)
    if (!user) return oauthError(401, 'unauthenticated', 'access token invalid or expired')
    return { status: 200, body: { sub: user.uuid, name: user.customUserId ?? '', is_anonymous: user.anonymous } }
  }

  /** `POST /auth/v1/user/signout`: the token and every refresh token of its login end. */
  signOut(authorization: string | undefined): AuthAnswer {
    const token = bearer(authorization)
    const grant = token ? this.access.get(token) : undefined
    if (!grant) return oauthError(401, 'unauthenticated', 'access token invalid or expired')
    for (const [t, g] of this.access) if (g.user.uuid === grant.user.uuid) this.access.delete(t)
    for (const [t, g] of this.refresh) if (g.user.uuid === grant.user.uuid) this.refresh.delete(t)
    return { status: 200, body: {} }
  }

  /** The signed-in user behind an `Authorization: Bearer` header, or null (none, unknown, expired). */
  caller(authorization: string | undefined): WebUser | null {
    const token = bearer(authorization)
    const grant = token ? this.access.get(token) : undefined
    if (!grant) return null
    if (grant.expiresMs <= this.nowMs()) {
      this.access.delete(token!)
      return null
    }
    return grant.user
  }

  private checkTicket(ticket: string): { uid: string; expireMs: number } | { error: string } {
    const split = ticket.indexOf('/@@/')
    if (split < 0) return { error: 'ticket is not "<private key id>/@@/<token>"' }
    const key = this.publicKeys.get(ticket.slice(0, split))
    if (!key) return { error: 'ticket signed with a key this environment does not have' }
    const parts = ticket.slice(split + 4).split('.')
    if (parts.length !== 3) return { error: 'ticket token is not a JWT' }
    const header = decodePart(parts[0])
    const claims = decodePart(parts[1])
    if (header?.alg !== 'RS256' || !claims) return { error: 'ticket token is not an RS256 JWT' }
    const signed = verify('RSA-SHA256', Buffer.from(`${parts[0]}.${parts[1]}`), key, Buffer.from(parts[2], 'base64url'))
    if (!signed) return { error: 'ticket signature invalid' }
    const now = this.nowMs()
    if (claims.env !== this.envId) return { error: `ticket is for environment ${String(claims.env)}` }
    if (typeof claims.exp !== 'number' || claims.exp <= now) return { error: 'ticket expired' }
    if (typeof claims.uid !== 'string' || !CUSTOM_USER_ID.test(claims.uid)) return { error: 'ticket uid invalid' }
    const expireMs = typeof claims.expire === 'number' ? claims.expire : Number(claims.iat) + 7 * 24 * 3600_000
    if (!(expireMs > now)) return { error: 'ticket login state already ended' }
    return { uid: claims.uid, expireMs }
  }

  private grant(grant: Grant): AuthAnswer {
    this.prune()
    const now = this.nowMs()
    const expiresMs = Math.min(now + ACCESS_TOKEN_SECONDS * 1000, grant.loginEndsMs)
    const access = randomBytes(32).toString('base64url')
    const refresh = randomBytes(32).toString('base64url')
    this.access.set(access, { ...grant, expiresMs })
    this.refresh.set(refresh, grant)
    return {
      status: 200,
      body: {
        token_type: 'Bearer',
        access_token: access,
        refresh_token: refresh,
        expires_in: Math.max(1, Math.floor((expiresMs - now) / 1000)),
        sub: grant.user.uuid,
        scope: grant.user.anonymous ? 'anonymous' : 'user',
      },
    }
  }

  /** Drops ended grants once the maps grow (a desk's sign-in page makes an anonymous user per visit). */
  private prune() {
    if (this.access.size + this.refresh.size < TOKEN_CAP) return
    const now = this.nowMs()
    for (const [t, g] of this.access) if (g.expiresMs <= now) this.access.delete(t)
    for (const [t, g] of this.refresh) if (g.loginEndsMs <= now) this.refresh.delete(t)
  }
}

const bearer = (authorization: string | undefined): string | null => {
  const m = /^Bearer (\S+)$/.exec(authorization ?? '')
  return m ? m[1] : null
}
