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
import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { DeskLoginStatus, DeskLoginView, DeskSessionView } from '../../src/api/contract'
import {
  AnswerDeskLoginSchema,
  ClaimOwnershipSchema,
  DeskLoginSchema,
  RequestDeskLoginSchema,
  RevokeDeskSessionSchema,
} from '../../src/api/deskSchemas'
import { EmptySchema } from '../../src/api/schemas'
import { AppError, fieldRefused } from '../../src/domain/errors'
import { OWNER_OPERATOR_ID } from '../../src/domain/ownerClaim'
import { _, openApi, webCallerIp, type Transaction } from '../_lib/cloud'
import type { DeskLoginDoc, DeskSessionDoc, OperatorDoc } from '../_lib/collections'
import { mintTicket, ownerClaimCode } from '../_lib/customLogin'
import { data, tx } from '../_lib/data'
import { duplicateKeyIndex } from '../_lib/errors'
import { browserAction, DESK_UID_PREFIX, operatorAction, serve, shopperAction, type OperatorContext } from '../_lib/runtime'
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

/** Opens the session the desk's request asked for, for `operator`, inside the caller's transaction. */
const approveIn = async (
  t: Transaction,
  requestId: string,
  operator: { openid: string; operatorId: string },
  now: string,
): Promise<{ status: 'approved'; sessionExpiresAt: string }> => {
  const login = await tx(t).deskLogins.get(requestId)
  if (!login || login.status !== 'pending' || login.expiresAt <= now) throw expired()
  const session: DeskSessionDoc = {
    _id: randomBytes(12).toString('hex'),
    operatorOpenid: operator.openid,
    operatorId: operator.operatorId,
    browser: login.browser,
    ip: login.ip,
    createdAt: now,
    expiresAt: addMs(now, SESSION_MS),
    revokedAt: null,
    revokedBy: null,
  }
  await tx(t).deskSessions.add(session)
  await tx(t).deskLogins.update(requestId, { status: 'approved', sessionId: session._id, answeredBy: operator.operatorId, answeredAt: now })
  return { status: 'approved', sessionExpiresAt: session.expiresAt }
}

const answerLogin = operatorAction(AnswerDeskLoginSchema, async ({ requestId, approve }, ctx) => {
  onPhoneOnly(ctx)
  return inTransaction(async (t) => {
    if (approve) return approveIn(t, requestId, { openid: ctx.openid, operatorId: ctx.operator.operatorId }, ctx.now)
    const login = await tx(t).deskLogins.get(requestId)
    if (!login || login.status !== 'pending' || login.expiresAt <= ctx.now) throw expired()
    await tx(t).deskLogins.update(requestId, { status: 'refused', answeredBy: ctx.operator.operatorId, answeredAt: ctx.now })
    return { status: 'refused' as const, sessionExpiresAt: null }
  })
})

/** Whether the brand has no operator at all: only then may the owner's code be used (src/domain/ownerClaim.ts). */
const noOperatorYet = async () => (await data.operators.all().limit(1).get()).length === 0

const ownerAlreadySet = () => new AppError('FORBIDDEN', '品牌管理员已设置，请让管理员在运营后台邀请你')

const ownerClaim = shopperAction(DeskLoginSchema, async ({ requestId }, ctx) => {
  if (!(await noOperatorYet())) return { claimable: false as const }
  const login = await data.deskLogins.get(requestId)
  if (!login) throw expired()
  return { claimable: true as const, login: loginView(login, ctx.now) }
})

const claimOwnership = shopperAction(ClaimOwnershipSchema, async ({ requestId, name, code }, ctx) => {
  if (!(await noOperatorYet())) throw ownerAlreadySet()
  const expected = Buffer.from(ownerClaimCode())
  // The schema let only 10 characters through; compared in constant time all the same.
  if (code.length !== expected.length || !timingSafeEqual(Buffer.from(code), expected))
    throw fieldRefused('code', '认领码不正确，请对照部署时打印的认领码')
  const operator: OperatorDoc = { _id: ctx.openid, operatorId: OWNER_OPERATOR_ID, name, active: true, joinedAt: ctx.now }
  try {
    return await inTransaction(async (t) => {
      // Created in the same transaction as the session: a desk request that expired meanwhile makes no owner.
      await tx(t).operators.add(operator)
      const approved = await approveIn(t, requestId, { openid: ctx.openid, operatorId: operator.operatorId }, ctx.now)
      return { ...approved, operator: { operatorId: operator.operatorId, name } }
    })
  } catch (e) {
    // Two phones claiming at once: operatorId is unique (and _id is the OPENID), so one of them wins.
    if (duplicateKeyIndex(e)) throw ownerAlreadySet()
    throw e
  }
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

export const main = serve('desk', {
  requestLogin,
  pollLogin,
  describeLogin,
  answerLogin,
  ownerClaim,
  claimOwnership,
  sessions,
  revokeSession,
})
