/**
 * The operators' desk signs in by scanning, through the real functions and the local cloud's model of CloudBase's
 * web sign-in: the desk asks (as an anonymous web user), the operator confirms on the phone, the asking browser
 * alone collects a custom-login ticket once, signs in with it and then calls `ops` as that operator — and a call
 * without a valid ticket, or after the session ends, gets nothing.
 */
import { DEMO_ASSISTANT, DEMO_OPERATOR } from '../../scripts/demo-data'
import { localCustomLoginKey } from '../../scripts/local-cloud'
import { mintTicket } from '../../cloudfunctions/_lib/customLogin'
import { makeCustomLoginKey, type WebUser } from '../../localcloud'
import type { ActionInput, ActionName, CloudResult, DeskLoginRequest, FunctionName } from '../../src/api/contract'
import { startTestCloud } from './harness'
import { at } from '../support/clock'

type Harness = Awaited<ReturnType<typeof startTestCloud>>
let h: Harness
const now = at('2026-12-07T10:00:00')
const later = (minutes: number) => new Date(Date.parse(now) + minutes * 60_000).toISOString()

beforeAll(async () => {
  h = await startTestCloud()
}, 180_000)
afterAll(() => h?.close())

const browser = (uuid: string): WebUser => ({ uuid, customUserId: null, anonymous: true })
const deskUser = (sessionId: string): WebUser => ({ uuid: `u-${sessionId}`, customUserId: `desk-${sessionId}`, anonymous: false })

/** A call as a web SDK user (no OPENID), as `POST /v1/functions/<fn>` with that user's token makes it. */
const asWeb = async <F extends FunctionName, A extends ActionName<F>>(
  user: WebUser,
  fn: F,
  action: A,
  input: ActionInput<F, A> | Record<string, unknown>,
  clock = now,
) => (await h.cloud.invoke(fn, { action, input }, { web: user, clock })) as CloudResult<never>

const okData = <T>(r: CloudResult<unknown>): T => {
  if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`)
  return r.data as T
}

/** A request from `who`, approved on the operator's phone; the ticket as the desk collects it. */
const signedInTicket = async (who: WebUser, clock = now) => {
  const request = okData<DeskLoginRequest>(await asWeb(who, 'desk', 'requestLogin', { browser: 'Chrome 131 · Windows' }, clock))
  await h.ok(DEMO_OPERATOR._id, 'desk', 'answerLogin', { requestId: request.requestId, approve: true }, { clock })
  const polled = okData<{ status: string; ticket: string }>(await asWeb(who, 'desk', 'pollLogin', { requestId: request.requestId }, clock))
  return { request, ticket: polled.ticket }
}

const sessionIdOf = (ticket: string) => {
  const claims = JSON.parse(Buffer.from(ticket.split('/@@/')[1].split('.')[1], 'base64url').toString()) as { uid: string }
  return claims.uid.slice('desk-'.length)
}

/** An HTTP request as the web SDK sends it, at the tests' clock (the functions' "now"; tickets and tokens use the real one). */
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${h.cloud.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-local-clock': now, ...headers },
    body: JSON.stringify(body),
  })

const signIn = async (ticket: string) => post('/auth/v1/signin/custom?client_id=local', { provider_id: 'custom', ticket })

describe('signing the desk in by scanning', () => {
  it('shows the phone who asks, signs the asking browser in once, and calls ops as the operator with source desk', async () => {
    const b1 = browser('browser-1')
    const request = okData<DeskLoginRequest>(await asWeb(b1, 'desk', 'requestLogin', { browser: 'Chrome 131 · Windows' }))
    expect(request.scene).toBe(`d=${request.requestId}`)
    expect(request.page).toBe('ops/desk-login/index')
    expect(Buffer.from(request.image.base64, 'base64').subarray(1, 4).toString()).toBe('PNG')

    const seen = await h.ok(DEMO_OPERATOR._id, 'desk', 'describeLogin', { requestId: request.requestId }, { clock: now })
    expect(seen).toMatchObject({ browser: 'Chrome 131 · Windows', ip: '127.0.0.1', status: 'pending', requestedAt: now })

    expect(okData(await asWeb(b1, 'desk', 'pollLogin', { requestId: request.requestId }))).toEqual({
      status: 'pending',
      expiresAt: later(2),
    })
    // Another browser that learned the request id (it is on screen) collects nothing.
    const stranger = await asWeb(browser('browser-2'), 'desk', 'pollLogin', { requestId: request.requestId })
    expect(stranger).toMatchObject({ ok: false, error: { code: 'LOGIN_EXPIRED' } })

    const answer = await h.ok(DEMO_OPERATOR._id, 'desk', 'answerLogin', { requestId: request.requestId, approve: true }, { clock: now })
    expect(answer).toEqual({ status: 'approved', sessionExpiresAt: later(8 * 60) })
    expect(await asWeb(browser('browser-2'), 'desk', 'pollLogin', { requestId: request.requestId })).toMatchObject({ ok: false })

    const polled = okData<{ status: string; ticket: string; operatorName: string }>(
      await asWeb(b1, 'desk', 'pollLogin', { requestId: request.requestId }),
    )
    expect(polled).toMatchObject({ status: 'approved', operatorName: DEMO_OPERATOR.name })
    // Handed out once: a second collection (a replayed poll) gets nothing.
    expect(await asWeb(b1, 'desk', 'pollLogin', { requestId: request.requestId })).toMatchObject({
      ok: false,
      error: { code: 'LOGIN_EXPIRED' },
    })

    const token = await signIn(polled.ticket)
    expect(token.status).toBe(200)
    const { access_token } = (await token.json()) as { access_token: string }
    const before = h.cloud.executor.count('auditLog', { source: 'desk' })
    const whoami = await post('/v1/functions/ops', { action: 'whoami', input: {} }, { authorization: `Bearer ${access_token}` })
    expect(whoami.status).toBe(200)
    expect(await whoami.json()).toMatchObject({ ok: true, data: { operatorId: DEMO_OPERATOR.operatorId, name: DEMO_OPERATOR.name } })
    const audit = h.cloud.executor.find('auditLog', { source: 'desk' })
    expect(audit.length).toBe(before + 1)
    expect(audit[audit.length - 1]).toMatchObject({
      operatorId: DEMO_OPERATOR.operatorId,
      fn: 'ops',
      action: 'whoami',
      deskSessionId: sessionIdOf(polled.ticket),
    })
  })

  it('tells the desk when the operator refused, and a request past its 2 minutes can no longer be answered', async () => {
    const b = browser('browser-refused')
    const refused = okData<DeskLoginRequest>(await asWeb(b, 'desk', 'requestLogin', { browser: 'Edge' }))
    await h.ok(DEMO_OPERATOR._id, 'desk', 'answerLogin', { requestId: refused.requestId, approve: false }, { clock: now })
    expect(okData(await asWeb(b, 'desk', 'pollLogin', { requestId: refused.requestId }))).toEqual({ status: 'refused' })
    // Refused is final: it cannot be approved afterwards.
    const late = await h.call(DEMO_OPERATOR._id, 'desk', 'answerLogin', { requestId: refused.requestId, approve: true }, { clock: now })
    expect(late).toMatchObject({ ok: false, error: { code: 'LOGIN_EXPIRED' } })

    const old = okData<DeskLoginRequest>(await asWeb(b, 'desk', 'requestLogin', { browser: 'Edge' }))
    const tooLate = await h.call(DEMO_OPERATOR._id, 'desk', 'answerLogin', { requestId: old.requestId, approve: true }, { clock: later(2) })
    expect(tooLate).toMatchObject({ ok: false, error: { code: 'LOGIN_EXPIRED' } })
    expect(okData(await asWeb(b, 'desk', 'pollLogin', { requestId: old.requestId }, later(2)))).toEqual({ status: 'expired' })
    expect(h.cloud.executor.count('deskSessions', { browser: 'Edge' })).toBe(0)
  })

  it('lets only an operator on the phone answer: not a shop assistant, not a desk session, not a browser', async () => {
    const { ticket } = await signedInTicket(browser('browser-3'))
    const desk = deskUser(sessionIdOf(ticket))
    const request = okData<DeskLoginRequest>(await asWeb(browser('browser-4'), 'desk', 'requestLogin', { browser: 'Firefox' }))
    const byAssistant = await h.call(
      DEMO_ASSISTANT._id,
      'desk',
      'answerLogin',
      { requestId: request.requestId, approve: true },
      { clock: now },
    )
    expect(byAssistant).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    // A desk session must never open another (a stolen session could otherwise keep itself alive for ever).
    const byDesk = await asWeb(desk, 'desk', 'answerLogin', { requestId: request.requestId, approve: true })
    expect(byDesk).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const byBrowser = await asWeb(browser('browser-4'), 'desk', 'answerLogin', { requestId: request.requestId, approve: true })
    expect(byBrowser).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    // And a phone cannot pose as a browser asking to sign in.
    expect(await h.call(DEMO_OPERATOR._id, 'desk', 'requestLogin', { browser: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(h.cloud.executor.find('deskLogins', { _id: request.requestId })[0]).toMatchObject({ status: 'pending' })
  })

  it('lets a desk session do operators’ work only: never a shopper’s or a shop assistant’s', async () => {
    const { ticket } = await signedInTicket(browser('browser-5'))
    const desk = deskUser(sessionIdOf(ticket))
    expect(okData(await asWeb(desk, 'ops', 'whoami', {}))).toMatchObject({ operatorId: DEMO_OPERATOR.operatorId })
    expect(await asWeb(desk, 'member', 'getCard', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await asWeb(desk, 'staff', 'whoami', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    // An anonymous web user (the sign-in page) is nobody to ops.
    expect(await asWeb(browser('browser-5'), 'ops', 'whoami', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})

const setOperatorActive = (active: boolean) => {
  h.cloud.executor.remove('operators', { _id: DEMO_OPERATOR._id })
  h.cloud.executor.insert('operators', [{ ...DEMO_OPERATOR, active }])
}

describe('desk sessions end', () => {
  it('after 8 hours, when revoked from the phone, and when the operator is deactivated', async () => {
    const { ticket: first } = await signedInTicket(browser('browser-6'))
    const desk = deskUser(sessionIdOf(first))
    expect((await asWeb(desk, 'ops', 'whoami', {}, later(8 * 60 - 1))).ok).toBe(true)
    expect(await asWeb(desk, 'ops', 'whoami', {}, later(8 * 60))).toMatchObject({ ok: false, error: { code: 'SESSION_ENDED' } })

    const { ticket: second } = await signedInTicket(browser('browser-7'))
    const desk2 = deskUser(sessionIdOf(second))
    const listed = await h.ok(DEMO_OPERATOR._id, 'desk', 'sessions', {}, { clock: now })
    expect(listed.sessions.find((s) => s.id === sessionIdOf(second))).toMatchObject({ state: 'active', current: false, ip: '127.0.0.1' })
    // The desk sees its own session marked as the current one.
    const fromDesk = okData<{ sessions: { id: string; current: boolean }[] }>(await asWeb(desk2, 'desk', 'sessions', {}))
    expect(fromDesk.sessions.find((s) => s.current)?.id).toBe(sessionIdOf(second))
    await h.ok(DEMO_OPERATOR._id, 'desk', 'revokeSession', { sessionId: sessionIdOf(second) }, { clock: now })
    expect(await asWeb(desk2, 'ops', 'whoami', {})).toMatchObject({ ok: false, error: { code: 'SESSION_ENDED' } })

    const { ticket: third } = await signedInTicket(browser('browser-8'))
    const desk3 = deskUser(sessionIdOf(third))
    setOperatorActive(false)
    try {
      expect(await asWeb(desk3, 'ops', 'whoami', {})).toMatchObject({ ok: false, error: { code: 'SESSION_ENDED' } })
    } finally {
      setOperatorActive(true)
    }
    // A session id nobody opened is no session.
    expect(await asWeb(deskUser('0123456789abcdef01234567'), 'ops', 'whoami', {})).toMatchObject({
      ok: false,
      error: { code: 'SESSION_ENDED' },
    })
  })

  it('lets an operator revoke only their own sessions', async () => {
    h.cloud.executor.insert('operators', [{ _id: 'other-operator', operatorId: 'OP02', name: '王磊', active: true }])
    const { ticket } = await signedInTicket(browser('browser-9'))
    const refused = await h.call('other-operator', 'desk', 'revokeSession', { sessionId: sessionIdOf(ticket) }, { clock: now })
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(h.cloud.executor.find('deskSessions', { _id: sessionIdOf(ticket) })[0]).toMatchObject({ revokedAt: null })
  })
})

describe('the local cloud signs in only what CloudBase would', () => {
  const functionCallsSoFar = () => h.cloud.executor.count('auditLog', {})

  it('answers a function call without a valid token with 401, and the function never runs', async () => {
    const calls = functionCallsSoFar()
    for (const authorization of [undefined, 'Bearer not-a-token', 'Basic abc', `Bearer ${'x'.repeat(43)}`]) {
      const res = await post('/v1/functions/ops', { action: 'whoami', input: {} }, authorization ? { authorization } : {})
      expect(res.status).toBe(401)
      expect(await res.json()).toMatchObject({ code: 'INVALID_ACCESS_TOKEN' })
      expect(res.headers.get('x-local-invocation')).toBeNull()
    }
    expect(functionCallsSoFar()).toBe(calls)
  })

  it('refuses tickets that are forged, tampered with, stale, for another environment or sessionless', async () => {
    const key = localCustomLoginKey()
    const nowMs = Date.now()
    const refusedTickets = {
      'signed with another key': mintTicket('desk-0123456789abcdef01234567', nowMs + 3600_000, nowMs, {
        ...makeCustomLoginKey('local'),
        private_key_id: key.private_key_id,
      }),
      'of a key the environment lacks': mintTicket('desk-0123456789abcdef01234567', nowMs + 3600_000, nowMs, makeCustomLoginKey('local')),
      'for another environment': mintTicket('desk-0123456789abcdef01234567', nowMs + 3600_000, nowMs, { ...key, env_id: 'other-env' }),
      'past its 10 minutes': mintTicket('desk-0123456789abcdef01234567', nowMs + 3600_000, nowMs - 11 * 60_000, key),
      'whose login state has ended': mintTicket('desk-0123456789abcdef01234567', nowMs - 1000, nowMs, key),
      'not a ticket': 'hello',
    }
    const genuine = mintTicket('desk-0123456789abcdef01234567', nowMs + 3600_000, nowMs, key)
    const [keyId, jwt] = genuine.split('/@@/')
    const [header, payload, signature] = jwt.split('.')
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>
    const tampered = `${keyId}/@@/${header}.${Buffer.from(JSON.stringify({ ...claims, uid: 'desk-ffffffffffffffffffffffff' })).toString('base64url')}.${signature}`
    for (const [why, ticket] of Object.entries({ ...refusedTickets, 'with a changed uid': tampered })) {
      const res = await signIn(ticket)
      expect([why, res.status]).toEqual([why, 401])
    }
    expect((await signIn(genuine)).status).toBe(200)
    // Only this environment's client id.
    expect((await post('/auth/v1/signin/custom?client_id=other', { provider_id: 'custom', ticket: genuine })).status).toBe(400)
  })

  it('signs a desk out of CloudBase when it signs out: its token then opens nothing', async () => {
    const { ticket } = await signedInTicket(browser('browser-10'))
    const { access_token } = (await (await signIn(ticket)).json()) as { access_token: string }
    const authorization = `Bearer ${access_token}`
    const before = await post('/v1/functions/ops', { action: 'whoami', input: {} }, { authorization })
    expect(await before.json()).toMatchObject({ ok: true })
    expect((await post('/auth/v1/user/signout', {}, { authorization })).status).toBe(200)
    expect((await post('/v1/functions/ops', { action: 'whoami', input: {} }, { authorization })).status).toBe(401)
  })
})
