/**
 * Cloud function `desk`: the operators' desk (the PC web admin, desk/) signs in by scanning, with no password and
 * no user table of its own.
 *
 *   desk (browser, anonymous web user)   requestLogin → a mini-program code for `d=<requestId>` (2 minutes)
 *   operator's phone (mini-program)      scans → describeLogin (browser, IP, time) → answerLogin(approve)
 *                                        → a session (8 hours) names the operator's OPENID
 *   desk                                 pollLogin → once approved, a custom-login ticket for `desk-<sessionId>`,
 *                                        handed out once, only to the web user that asked
 *   desk                                 auth.signInWithCustomTicket(ticket), then calls the same functions; the
 *                                        runtime maps `desk-<sessionId>` to the operator (_lib/runtime.ts)
 *
 * Approving and refusing are done on the phone only: a desk session must never open another.
 */
import { randomBytes } from 'node:crypto'
import type { DeskLoginStatus, DeskLoginView, DeskSessionView } from '../../src/api/contract'
import { AnswerDeskLoginSchema, DeskLoginSchema, RequestDeskLoginSchema, RevokeDeskSessionSchema } from '../../src/api/deskSchemas'
import { EmptySchema } from '../../src/api/schemas'
import { AppError } from '../../src/domain/errors'
import { _, openApi, webCallerIp } from '../_lib/cloud'
import type { DeskLoginDoc, DeskSessionDoc } from '../_lib/collections'
import { mintTicket } from '../_lib/customLogin'
import { data, tx } from '../_lib/data'
import { browserAction, DESK_UID_PREFIX, operatorAction, serve, type OperatorContext } from '../_lib/runtime'
import { inTransaction } from '../_lib/transaction'

/** Where the sign-in code opens on the phone. */
export const DESK_LOGIN_PAGE = 'ops/desk-login/index'
const LOGIN_WAIT_MS = 2 * 60 * 1000
const SESSION_MS = 8 * 3600 * 1000
/** Sessions listed: those of the last 30 days. */
const SESSIONS_SHOWN_MS = 30 * 24 * 3600 * 1000
const CODE_WIDTH = 280

const addMs = (at: string, ms: number) => new Date(Date.parse(at) + ms).toISOString()

const onPhoneOnly = (ctx: OperatorContext) => {
  if (ctx.source !== 'miniprogram') throw new AppError('FORBIDDEN', '请在手机上用小程序确认登录')
}

const expired = () => new AppError('LOGIN_EXPIRED', '二维码已失效，请在电脑上刷新二维码')

const requestLogin = browserAction(RequestDeskLoginSchema, async ({ browser }, ctx) => {
  const requestId = randomBytes(16).toString('base64url')
  const scene = `d=${requestId}`
  const login: DeskLoginDoc = {
    _id: requestId,
    browserUid: ctx.browserUid,
    ip: webCallerIp(),
    browser,
    createdAt: ctx.now,
    expiresAt: addMs(ctx.now, LOGIN_WAIT_MS),
    status: 'pending',
    sessionId: null,
    answeredBy: null,
    answeredAt: null,
  }
  const code = await openApi().wxacode.getUnlimited({ scene, page: DESK_LOGIN_PAGE, width: CODE_WIDTH })
  await data.deskLogins.add(login)
  return {
    requestId,
    expiresAt: login.expiresAt,
    page: DESK_LOGIN_PAGE,
    scene,
    image: { contentType: code.contentType, base64: Buffer.from(code.buffer).toString('base64') },
  }
})

/** The asking browser's view of its request; the approval's ticket once, in the same transaction that spends it. */
const pollLogin = browserAction(DeskLoginSchema, async ({ requestId }, ctx): Promise<DeskLoginStatus> => {
  const found = await data.deskLogins.get(requestId)
  // Another browser's request is not this one's to see (nor to collect).
  if (!found || found.browserUid !== ctx.browserUid) throw expired()
  if (found.status === 'refused') return { status: 'refused' }
  if (found.status === 'consumed') throw expired()
  if (found.status === 'pending')
    return found.expiresAt <= ctx.now ? { status: 'expired' } : { status: 'pending', expiresAt: found.expiresAt }
  const session = found.sessionId ? await data.deskSessions.get(found.sessionId) : null
  if (!session || session.revokedAt !== null || session.expiresAt <= ctx.now) throw expired()
  // Made before the request is spent, so that a failure to make it leaves the approval to collect again.
  const remainingMs = Date.parse(session.expiresAt) - Date.parse(ctx.now)
  const ticket = mintTicket(`${DESK_UID_PREFIX}${session._id}`, Date.now() + remainingMs)
  await inTransaction(async (t) => {
    const login = await tx(t).deskLogins.get(requestId)
    if (login?.status !== 'approved') throw expired()
    await tx(t).deskLogins.update(requestId, { status: 'consumed' })
  })
  const operator = await data.operators.get(session.operatorOpenid)
  return {
    status: 'approved',
    ticket,
    operatorName: operator?.name ?? '',
    sessionExpiresAt: session.expiresAt,
  }
})

const loginView = (login: DeskLoginDoc, now: string): DeskLoginView => ({
  browser: login.browser,
  ip: login.ip,
  requestedAt: login.createdAt,
  expiresAt: login.expiresAt,
  status: login.status === 'pending' && login.expiresAt <= now ? 'expired' : login.status,
})

const describeLogin = operatorAction(DeskLoginSchema, async ({ requestId }, ctx) => {
  onPhoneOnly(ctx)
  const login = await data.deskLogins.get(requestId)
  if (!login) throw expired()
  return loginView(login, ctx.now)
})

const answerLogin = operatorAction(AnswerDeskLoginSchema, async ({ requestId, approve }, ctx) => {
  onPhoneOnly(ctx)
  return inTransaction(async (t) => {
    const login = await tx(t).deskLogins.get(requestId)
    if (!login || login.status !== 'pending' || login.expiresAt <= ctx.now) throw expired()
    const answered = { answeredBy: ctx.operator.operatorId, answeredAt: ctx.now }
    if (!approve) {
      await tx(t).deskLogins.update(requestId, { status: 'refused', ...answered })
      return { status: 'refused' as const, sessionExpiresAt: null }
    }
    const session: DeskSessionDoc = {
      _id: randomBytes(12).toString('hex'),
      operatorOpenid: ctx.openid,
      operatorId: ctx.operator.operatorId,
      browser: login.browser,
      ip: login.ip,
      createdAt: ctx.now,
      expiresAt: addMs(ctx.now, SESSION_MS),
      revokedAt: null,
      revokedBy: null,
    }
    await tx(t).deskSessions.add(session)
    await tx(t).deskLogins.update(requestId, { status: 'approved', sessionId: session._id, ...answered })
    return { status: 'approved' as const, sessionExpiresAt: session.expiresAt }
  })
})

const sessionView = (s: DeskSessionDoc, ctx: OperatorContext): DeskSessionView => ({
  id: s._id,
  browser: s.browser,
  ip: s.ip,
  createdAt: s.createdAt,
  expiresAt: s.expiresAt,
  state: s.revokedAt !== null ? 'revoked' : s.expiresAt <= ctx.now ? 'ended' : 'active',
  current: ctx.deskSessionId === s._id,
})

const sessions = operatorAction(EmptySchema, async (_input, ctx) => {
  const found = await data.deskSessions
    .where({ operatorOpenid: ctx.openid, createdAt: _.gte(addMs(ctx.now, -SESSIONS_SHOWN_MS)) })
    .orderBy('createdAt', 'desc')
    .limit(50)
    .get()
  return { sessions: found.map((s) => sessionView(s, ctx)) }
})

/** An operator ends one of their own sessions (another operator's is not theirs to see). */
const revokeSession = operatorAction(RevokeDeskSessionSchema, async ({ sessionId }, ctx) => {
  const revoked = await inTransaction(async (t) => {
    const session = await tx(t).deskSessions.get(sessionId)
    if (!session || session.operatorOpenid !== ctx.openid) throw new AppError('FORBIDDEN', '没有这个登录会话')
    if (session.revokedAt !== null) return session
    const patch = { revokedAt: ctx.now, revokedBy: ctx.operator.operatorId }
    await tx(t).deskSessions.update(sessionId, patch)
    return { ...session, ...patch }
  })
  return { session: sessionView(revoked, ctx) }
})

export const main = serve('desk', { requestLogin, pollLogin, describeLogin, answerLogin, sessions, revokeSession })
