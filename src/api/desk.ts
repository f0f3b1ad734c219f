/** The `desk` function: the operators' desk (a PC web admin) signs in by an operator scanning its QR code. */
import type { Instant } from '../domain/time'
import type {
  AnswerDeskLoginInput,
  ClaimOwnershipInput,
  DeskLoginInput,
  RequestDeskLoginInput,
  RevokeDeskSessionInput,
} from './deskSchemas'

/** What the desk shows while it waits: a mini-program code that opens the confirmation page on the phone. */
export interface DeskLoginRequest {
  requestId: string
  expiresAt: Instant
  /** The page and scene the code opens (the scene is `d=<requestId>`). */
  page: string
  scene: string
  image: { contentType: string; base64: string }
}

export type DeskLoginStatus =
  | { status: 'pending'; expiresAt: Instant }
  | { status: 'refused' }
  | { status: 'expired' }
  /** The custom-login ticket for `auth.signInWithCustomTicket`, handed out once, to the browser that asked. */
  | { status: 'approved'; ticket: string; operatorName: string; sessionExpiresAt: Instant }

/** What the phone shows before the operator confirms: who is asking. */
export interface DeskLoginView {
  browser: string
  ip: string
  requestedAt: Instant
  expiresAt: Instant
  status: 'pending' | 'approved' | 'refused' | 'consumed' | 'expired'
}

export interface DeskSessionView {
  id: string
  browser: string
  ip: string
  createdAt: Instant
  expiresAt: Instant
  state: 'active' | 'ended' | 'revoked'
  /** The session this call came from (the desk listing its own). */
  current: boolean
}

export interface DeskApi {
  /** The desk's sign-in page asks to sign in (a browser not signed in as anyone). */
  requestLogin: { input: RequestDeskLoginInput; output: DeskLoginRequest }
  /** The same browser asks whether the operator answered; an approval's ticket is handed out once. */
  pollLogin: { input: DeskLoginInput; output: DeskLoginStatus }
  /** The operator's phone, after scanning: who is asking. */
  describeLogin: { input: DeskLoginInput; output: DeskLoginView }
  /** The operator's phone confirms or refuses. */
  answerLogin: { input: AnswerDeskLoginInput; output: { status: 'approved' | 'refused'; sessionExpiresAt: Instant | null } }
  /**
   * Anyone's phone, after scanning, when describeLogin refused them: whether the brand has no operator yet (then the
   * scanner may claim it with the printed code, and sees who asks); nothing about the request otherwise.
   */
  ownerClaim: { input: DeskLoginInput; output: { claimable: false } | { claimable: true; login: DeskLoginView } }
  /** The first operator: the claim code makes the caller the owner (every power) and approves the desk's request. */
  claimOwnership: {
    input: ClaimOwnershipInput
    output: { status: 'approved'; sessionExpiresAt: Instant; operator: { operatorId: string; name: string } }
  }
  /** The operator's desk sessions, newest first (the last 30 days). */
  sessions: { input: Record<string, never>; output: { sessions: DeskSessionView[] } }
  /** Ends one of the operator's sessions at once (from the phone, or the desk signing out). */
  revokeSession: { input: RevokeDeskSessionInput; output: { session: DeskSessionView } }
}
