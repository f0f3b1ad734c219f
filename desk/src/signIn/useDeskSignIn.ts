/**
 * The desk's sign-in by scanning: ask the `desk` function for a sign-in code (as an anonymous web user), show it,
 * ask every 2 seconds whether the operator confirmed on the phone, then sign in with the ticket and load who we are.
 * A code lives 2 minutes; then the page offers a fresh one.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { ActionOutput, DeskLoginRequest } from '../../../src/api/contract'
import { auth, call, DeskError, onSignedOut } from '../cloud'
import { browserName } from './browserName'

/** Who the desk is signed in as, and what they may do (ops.whoami). */
export type Operator = ActionOutput<'ops', 'whoami'>

export type SignIn =
  | { kind: 'starting' }
  | { kind: 'code'; request: DeskLoginRequest }
  | { kind: 'expired' }
  | { kind: 'refused' }
  | { kind: 'failed'; message: string }
  | { kind: 'signedIn'; operator: Operator }

const POLL_MS = 2000

/** Who the desk is signed in as, or null when it is not signed in as an operator (anonymous, ended, revoked). */
const currentOperator = async (): Promise<Operator | null> => {
  if (!(await auth.getLoginState())) return null
  try {
    return await call('ops', 'whoami', {})
  } catch (e) {
    if (e instanceof DeskError && ['FORBIDDEN', 'SESSION_ENDED', 'SIGNED_OUT'].includes(e.code)) return null
    throw e
  }
}

/** The sign-in code, asked as the web user we are; signed in anonymously first when we are nobody yet. */
const requestCode = async (): Promise<DeskLoginRequest> => {
  const ask = () => call('desk', 'requestLogin', { browser: browserName(navigator.userAgent) })
  if (!(await auth.getLoginState())) await auth.signInAnonymously()
  try {
    return await ask()
  } catch (e) {
    // A login state the cloud no longer honours (signed out elsewhere): start afresh as an anonymous user.
    if (!(e instanceof DeskError) || e.code !== 'SIGNED_OUT') throw e
    await auth.signInAnonymously()
    return ask()
  }
}

const messageOf = (e: unknown) => (e instanceof DeskError ? e.message : '网络异常，请检查网络后重试')

export const useDeskSignIn = () => {
  const [state, setState] = useState<SignIn>({ kind: 'starting' })
  const signedIn = useRef(false)
  signedIn.current = state.kind === 'signedIn'
  // Each attempt has a number: an older attempt's late answer must not overwrite a newer one's state.
  const attempt = useRef(0)

  const poll = useCallback(async (request: DeskLoginRequest, mine: number) => {
    while (attempt.current === mine) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS))
      if (attempt.current !== mine) return
      let status
      try {
        status = await call('desk', 'pollLogin', { requestId: request.requestId })
      } catch (e) {
        if (e instanceof DeskError && e.code === 'LOGIN_EXPIRED') return setState({ kind: 'expired' })
        continue // a network hiccup: ask again at the next tick
      }
      if (attempt.current !== mine) return
      if (status.status === 'pending') continue
      if (status.status === 'refused') return setState({ kind: 'refused' })
      if (status.status === 'expired') return setState({ kind: 'expired' })
      const answer = await auth.signInWithCustomTicket(() => Promise.resolve(status.ticket))
      if (answer?.error) return setState({ kind: 'failed', message: '登录失败，请刷新二维码重试' })
      const operator = await currentOperator()
      if (attempt.current !== mine) return
      return setState(operator ? { kind: 'signedIn', operator } : { kind: 'failed', message: '登录失败，请刷新二维码重试' })
    }
  }, [])

  const showCode = useCallback(async () => {
    const mine = ++attempt.current
    setState({ kind: 'starting' })
    try {
      const request = await requestCode()
      if (attempt.current !== mine) return
      setState({ kind: 'code', request })
      void poll(request, mine)
    } catch (e) {
      if (attempt.current === mine) setState({ kind: 'failed', message: messageOf(e) })
    }
  }, [poll])

  const start = useCallback(async () => {
    const mine = ++attempt.current
    try {
      const operator = await currentOperator()
      if (attempt.current !== mine) return
      if (operator) setState({ kind: 'signedIn', operator })
      else await showCode()
    } catch (e) {
      if (attempt.current === mine) setState({ kind: 'failed', message: messageOf(e) })
    }
  }, [showCode])

  /** Ends this desk's session on the cloud (the phone's list shows it revoked), then shows a fresh code. */
  const signOut = useCallback(async () => {
    try {
      const { sessions } = await call('desk', 'sessions', {})
      const current = sessions.find((s) => s.current)
      if (current) await call('desk', 'revokeSession', { sessionId: current.id })
    } finally {
      await auth.signOut().catch(() => undefined)
      await showCode()
    }
  }, [showCode])

  useEffect(() => {
    void start()
    // A page's call found the session over (ended, revoked on the phone): back to the code.
    const stop = onSignedOut(() => {
      if (signedIn.current) void showCode()
    })
    return () => {
      attempt.current++
      stop()
    }
  }, [start, showCode])

  return { state, showCode, signOut }
}
